"""Wagtail admin for organisations (employers of learners), registered by a ``register_admin_viewset`` hook.

Who may list, add or change them follows the model permissions of the role groups (``roles.py``).
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet

from lms.accounts.models import Organisation


def departement_choices() -> list[tuple[str, str]]:
    """Only the départements that have an organisation: a list of 101 codes helps nobody."""
    codes = Organisation.objects.order_by("departement").values_list("departement", flat=True).distinct()
    return [(code, code) for code in codes]


class OrganisationFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Type"), choices=Organisation.Kind.choices)
    departement = django_filters.ChoiceFilter(label=_("Département"), choices=departement_choices)

    class Meta:
        model = Organisation
        fields = ["kind", "departement"]


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organismes")
    menu_order = 210
    add_to_admin_menu = True
    copy_view_enabled = False
    list_display = ["name", "kind", "departement", "siren"]
    filterset_class = OrganisationFilterSet
    search_fields = ["name"]
    # Organisations are not in Wagtail's search index: search the name in the database.
    search_backend_name = None
    ordering = ["name"]
    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("departement"), FieldPanel("siren")]


organisation_viewset = OrganisationViewSet("organismes")
