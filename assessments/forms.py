"""Forms of the assessments app: scheduling a training session (managers).

The form only reads the input (types, choices); every scheduling rule lives in
``assessments.services.sessions``, whose refusals come back here next to their field.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _

from assessments.models import TrainingSession
from assessments.services.sessions import SessionData
from lms.accounts import roles
from lms.forms import AccessibleForm, IdsMultipleChoiceField

TIMES_HELP = _(
    "Laissez vide pour l'horaire habituel de la demi-journée : 9 h 00 – 12 h 30 le matin, "
    "13 h 30 – 17 h 00 l'après-midi."
)


def _trainer_label(user) -> str:
    return user.get_full_name() or user.email


class SessionForm(AccessibleForm):
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    half_day = forms.ChoiceField(label=_("Demi-journée"), choices=TrainingSession.HalfDay.choices)
    starts_at = forms.TimeField(
        label=_("Début"),
        required=False,
        help_text=TIMES_HELP,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    ends_at = forms.TimeField(
        label=_("Fin"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    mode = forms.ChoiceField(label=_("Modalité"), choices=TrainingSession.Mode.choices)
    place = forms.CharField(
        label=_("Adresse (présentiel)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    visio_url = forms.URLField(
        label=_("Lien de la visioconférence (distanciel)"), required=False, assume_scheme="https"
    )
    modules = IdsMultipleChoiceField(
        label=_("Modules abordés"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    trainers = IdsMultipleChoiceField(
        label=_("Formateur·rices"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        from cms.models import ModulePage

        self.fields["modules"].queryset = ModulePage.objects.child_of(cohort.programme).order_by("path")
        self.fields["modules"].label_from_instance = lambda module: f"M{module.number} — {module.title}"
        self.fields["trainers"].queryset = (
            get_user_model()
            .objects.filter(groups__name=roles.TRAINER, is_active=True)
            .order_by("last_name", "first_name", "email")
        )
        self.fields["trainers"].label_from_instance = _trainer_label

    @classmethod
    def initial_for_cohort(cls, cohort) -> dict:
        """A new session is in person, with the cohort's trainers already ticked."""
        trainers = cohort.trainers.filter(groups__name=roles.TRAINER).values_list("pk", flat=True)
        return {"mode": TrainingSession.Mode.IN_PERSON, "trainers": list(trainers)}

    @staticmethod
    def initial_for_session(session: TrainingSession) -> dict:
        fields = ("title", "date", "half_day", "starts_at", "ends_at", "mode", "place", "visio_url")
        initial = {name: getattr(session, name) for name in fields}
        initial["modules"] = [module.pk for module in session.modules.all()]
        initial["trainers"] = [trainer.pk for trainer in session.trainers.all()]
        return initial

    def session_data(self) -> SessionData:
        data = dict(self.cleaned_data)
        data["modules"], data["trainers"] = tuple(data["modules"]), tuple(data["trainers"])
        return SessionData(**data)

    def add_service_errors(self, error: ValidationError) -> None:
        """Put each refusal of the service next to its field, or above the form."""
        for name, messages in error.message_dict.items():
            target = name if name in self.fields and name != NON_FIELD_ERRORS else None
            for message in messages:
                self.add_error(target, message)
        self._describe_errors()

    def _describe_errors(self) -> None:
        """Fields refused by the service point at their message, as ``AccessibleForm`` does for its own."""
        for name in self.errors:
            if name in self.fields:
                auto_id = self[name].auto_id
                described = [f"{auto_id}_errors"]
                if self.fields[name].help_text:
                    described.append(f"{auto_id}_helptext")
                attrs = {"aria-describedby": " ".join(described), "aria-invalid": "true"}
                self.fields[name].widget.attrs.update(attrs)
