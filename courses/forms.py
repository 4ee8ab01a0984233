"""Forms of the managers' pages: inviting one learner, importing a CSV list of learners."""

from django import forms
from django.utils.translation import gettext_lazy as _

from courses.services.enrolment import LearnerData
from lms.accounts.models import Organisation, User
from lms.forms import AccessibleForm

# Invitation e-mails exist in these languages; the names are shown in their own language.
EMAIL_LANGUAGES = [("fr", "Français"), ("en", "English")]

# Service error codes that belong to one field of the invitation form.
FIELD_OF_ERROR = {"bad_email": "email", "missing_name": "last_name"}


def _language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Langue de l'e-mail d'invitation"),
        choices=EMAIL_LANGUAGES,
        initial="fr",
    )


class InviteLearnerForm(AccessibleForm):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        max_length=User._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    first_name = forms.CharField(label=_("Prénom"), max_length=User._meta.get_field("first_name").max_length)
    last_name = forms.CharField(label=_("Nom"), max_length=User._meta.get_field("last_name").max_length)
    organisation = forms.ModelChoiceField(
        label=_("Organisme"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("— Aucun —"),
    )
    language = _language_field()

    def learner_data(self) -> LearnerData:
        data = self.cleaned_data
        return LearnerData(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation=data["organisation"],
        )

    def add_service_error(self, error) -> None:
        """Show a refusal of the service next to the field it concerns, or above the form."""
        name = FIELD_OF_ERROR.get(error.code)
        self.add_error(name, str(error.message))
        if name is not None:
            self.fields[name].widget.attrs.update(
                {"aria-describedby": f"{self[name].auto_id}_errors", "aria-invalid": "true"}
            )


class ImportLearnersForm(AccessibleForm):
    file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "Une ligne d'en-tête avec les colonnes email, prenom, nom, organisation, puis une ligne "
            "par personne ; séparateur « ; » ou « , », encodage UTF-8 ; 2 000 lignes et 1 Mo au plus."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    language = _language_field()
