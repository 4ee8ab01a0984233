"""Wagtail admin for the certification rules: one rule per programme, registered by
``certificates/wagtail_hooks.py``.

Who may do what follows the model permissions of the role groups (``lms.accounts.roles``): managers
add and change rules, certifiers read them (list and inspect); nobody deletes one from the admin (a
programme without a saved rule falls back to the strict defaults, which would silently change what
the next decisions require). Each creation and change is written to the audit trail with the values
before and after.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from certificates.models import CertificationRule
from lms.audit.services import Action, record

AUDITED_FIELDS = (
    "programme",
    "require_all_modules",
    "min_quiz_score",
    "min_attendance",
    "require_favourable_opinion",
    "hours",
    "validity_years",
    "signatory_name",
    "signatory_role",
)


def _values(rule: CertificationRule, names) -> dict:
    """The rule's values for the audit trail (the programme by its id)."""
    return {name: rule.programme_id if name == "programme" else getattr(rule, name) for name in names}


class RuleIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("programme")


class RuleCreateView(CreateView):
    def save_instance(self):
        rule = super().save_instance()
        record(
            actor=self.request.user,
            action=Action.CERTIFICATION_RULE_CHANGED,
            obj=rule,
            after=_values(rule, AUDITED_FIELDS),
            obj_repr=str(rule),
        )
        return rule


class RuleEditView(EditView):
    def save_instance(self):
        changed = [name for name in self.form.changed_data if name in AUDITED_FIELDS]
        before = {name: self.form.initial.get(name) for name in changed}
        rule = super().save_instance()
        if changed:
            record(
                actor=self.request.user,
                action=Action.CERTIFICATION_RULE_CHANGED,
                obj=rule,
                before=before,
                after=_values(rule, changed),
                obj_repr=str(rule),
            )
        return rule


class CertificationRuleViewSet(ModelViewSet):
    model = CertificationRule
    icon = "clipboard-list"
    menu_label = _("Certification")
    menu_order = 220
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = RuleIndexView
    add_view_class = RuleCreateView
    edit_view_class = RuleEditView
    list_display = [
        "programme",
        "require_all_modules",
        "min_quiz_score",
        "min_attendance",
        "require_favourable_opinion",
        "hours",
        "validity_years",
        "updated_at",
    ]
    inspect_view_fields = [*AUDITED_FIELDS, "updated_at"]
    ordering = ["programme__title"]
    panels = [
        FieldPanel("programme"),
        MultiFieldPanel(
            [
                FieldPanel("require_all_modules"),
                FieldRowPanel([FieldPanel("min_quiz_score"), FieldPanel("min_attendance")]),
                FieldPanel("require_favourable_opinion"),
            ],
            heading=_("Conditions d'éligibilité"),
        ),
        FieldRowPanel([FieldPanel("hours"), FieldPanel("validity_years")], heading=_("Certificat")),
        FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_role")], heading=_("Signature")),
    ]


rule_viewset = CertificationRuleViewSet("regles-certification")
