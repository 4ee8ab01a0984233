"""Wagtail admin for rubrics ("grilles d'évaluation"): a snippet with its criteria inline.

Managers write and change rubrics, certifiers read them; nobody deletes one from the admin (the
evaluations that use it are evidence and the database protects them). ``RubricAdminForm`` checks the
descriptors against the scale and freezes what stored scores depend on once the rubric is used.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet

from assessments.models import Rubric
from assessments.rubric_forms import RubricAdminForm


class RubricViewSet(SnippetViewSet):
    model = Rubric
    icon = "table"
    menu_label = _("Grilles d'évaluation")
    menu_name = "rubrics"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "programme", "scale_max"]
    search_fields = ["title"]
    ordering = ["programme__path", "title"]
    copy_view_enabled = False
    inspect_view_enabled = True

    edit_handler = ObjectList(
        [
            FieldPanel("programme"),
            FieldPanel("title"),
            FieldPanel("description"),
            FieldPanel("scale_max"),
            InlinePanel(
                "criteria",
                heading=_("Critères"),
                label=_("Critère"),
                panels=[
                    FieldRowPanel([FieldPanel("label"), FieldPanel("weight")]),
                    FieldPanel("descriptors"),
                ],
            ),
        ],
        base_form_class=RubricAdminForm,
    )
