"""Forms of the certification staff pages: the queue's filter, a decision, a bulk approval, the
registry's filters and the lifecycle actions (suspend, reinstate, revoke, corrected re-issue).

The forms check what can be told next to a field (a missing motive, an unknown outcome, the revocation
not confirmed); the services re-check everything and have the last word.
"""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate, CertificationDecision
from certificates.selectors.registry import RegistryFilters
from certificates.selectors.review import SHOW_ALL, SHOW_ELIGIBLE, SHOW_PENDING
from certificates.services.decisions import (
    MOTIVE_MAX,
    MOTIVE_NEEDED,
    OVERRIDE_NEEDS_MOTIVE,
    OVERRIDE_ONLY_TO_CERTIFY,
)
from certificates.services.lifecycle import REASON_MAX, REASON_NEEDED
from lms.forms import AccessibleForm, FilterForm, IdsMultipleChoiceField

Outcome = CertificationDecision.Outcome

CONFIRM_REVOCATION = _("Cochez la case pour confirmer : la révocation est irréversible.")


class QueueFilterForm(AccessibleForm):
    show = forms.ChoiceField(
        label=_("Afficher"),
        required=False,
        choices=[
            (SHOW_ALL, _("Toutes les personnes")),
            (SHOW_PENDING, _("À décider")),
            (SHOW_ELIGIBLE, _("Éligibles à décider")),
        ],
    )

    def show_value(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("show") or SHOW_ALL


class DecisionForm(AccessibleForm):
    """Rendered by hand (a fieldset for the radio buttons). The override box exists only when the
    candidate's one missing point is a « réservé » opinion."""

    outcome = forms.ChoiceField(
        label=_("Décision"),
        choices=[
            (Outcome.APPROVED, _("Certifier")),
            (Outcome.REJECTED, _("Refuser")),
            (Outcome.DEFERRED, _("Ajourner")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez une décision : certifier, refuser ou ajourner."),
            "invalid_choice": _("Décision inconnue : choisissez certifier, refuser ou ajourner."),
        },
    )
    motive = forms.CharField(
        label=_("Motif"),
        required=False,
        max_length=MOTIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Obligatoire pour refuser, ajourner ou passer outre un avis réservé."),
    )
    override = forms.BooleanField(
        label=_("Passer outre l'avis réservé du formateur ou de la formatrice"),
        required=False,
        help_text=_(
            "L'avis du formateur est réservé et c'est la seule condition manquante : vous pouvez certifier "
            "malgré tout en cochant cette case et en motivant votre décision."
        ),
    )

    def __init__(self, *args, needs_override: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_override:
            del self.fields["override"]
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_helptext"

    def clean(self):
        cleaned = super().clean()
        outcome, motive = cleaned.get("outcome"), (cleaned.get("motive") or "").strip()
        override = cleaned.get("override", False)
        if outcome in (Outcome.REJECTED, Outcome.DEFERRED) and not motive:
            self.add_error("motive", MOTIVE_NEEDED)
        elif override and not motive:
            self.add_error("motive", OVERRIDE_NEEDS_MOTIVE)
        if override and outcome and outcome != Outcome.APPROVED:
            self.add_error("override", OVERRIDE_ONLY_TO_CERTIFY)
        return cleaned


class BulkApprovalForm(AccessibleForm):
    enrolments = IdsMultipleChoiceField(
        label=_("Personnes à certifier"),
        queryset=None,
        error_messages={"required": _("Cochez au moins une personne à certifier.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].queryset = candidates

    def enrolment_ids(self) -> list[int]:
        return [enrolment.pk for enrolment in self.cleaned_data["enrolments"]]


class RegistryFilterForm(FilterForm):
    """GET filters of the registry. An invalid value is reported next to its field and ignored."""

    q = forms.CharField(
        label=_("Numéro ou nom du titulaire"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    organisation = forms.ChoiceField(label=_("Organisme"), required=False)
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous les statuts")), *Certificate.Status.choices],
    )
    year = forms.TypedChoiceField(label=_("Année"), required=False, coerce=int, empty_value=None)

    def __init__(self, data: QueryDict, *, organisations: list[str], years: list[int]):
        super().__init__(data)
        self.fields["organisation"].choices = [
            ("", _("Tous les organismes")),
            *((o, o) for o in organisations),
        ]
        self.fields["year"].choices = [("", _("Toutes les années")), *((y, y) for y in years)]

    def filters(self) -> RegistryFilters:
        """The valid filters only."""
        self.is_valid()
        data = self.cleaned_data
        return RegistryFilters(
            search=(data.get("q") or "").strip(),
            organisation=data.get("organisation") or "",
            status=data.get("status") or "",
            year=data.get("year"),
        )


class ReasonForm(AccessibleForm):
    """Suspend, reinstate and corrected re-issue: a reason, always."""

    reason = forms.CharField(
        label=_("Motif"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": REASON_NEEDED},
    )

    def __init__(self, *args, action: str, **kwargs):
        # Four of these forms share the detail page: the ids differ, the field names do not.
        kwargs.setdefault("auto_id", f"id_{action}_%s")
        super().__init__(*args, **kwargs)
        self.action = action

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(REASON_NEEDED, code="required")
        return reason


class RevokeForm(ReasonForm):
    confirm = forms.BooleanField(
        label=_("Je confirme la révocation : elle est irréversible."),
        error_messages={"required": CONFIRM_REVOCATION},
    )
