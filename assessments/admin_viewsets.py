"""Wagtail admin for quizzes: one snippet per module page, questions in a StreamField.

Managers write and change quizzes; nobody deletes one from the admin (its attempts are evidence and
the database protects them). Edits never change a graded attempt: attempts keep their own copy.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.snippets.views.snippets import SnippetViewSet

from assessments.models import Quiz


class QuizViewSet(SnippetViewSet):
    model = Quiz
    icon = "tasks"
    menu_label = _("Quiz")
    menu_name = "quizzes"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "module", "pass_mark", "attempts_allowed", "time_limit_minutes"]
    search_fields = ["title"]
    ordering = ["module__path"]
    copy_view_enabled = False
    inspect_view_enabled = True

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [FieldPanel("module"), FieldPanel("title"), FieldPanel("intro"), FieldPanel("questions")],
                heading=_("Questions"),
            ),
            ObjectList(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("pass_mark"),
                            FieldPanel("attempts_allowed"),
                            FieldPanel("time_limit_minutes"),
                        ],
                        heading=_("Réussite et durée"),
                    ),
                    FieldRowPanel(
                        [FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")],
                        heading=_("Ordre"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("review_after_submit"),
                            FieldPanel("review_after_pass"),
                            FieldPanel("review_after_last_attempt"),
                        ],
                        heading=_("Correction montrée à l'apprenant·e"),
                        help_text=_(
                            "À chaque moment, l'apprenant·e voit le plus large des niveaux qui s'appliquent. "
                            "Un quiz réussi ne se repasse pas : montrer les réponses après la réussite "
                            "ne permet donc pas d'améliorer sa note."
                        ),
                    ),
                ],
                heading=_("Réglages"),
            ),
        ]
    )
