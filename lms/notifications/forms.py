"""Forms of the notification pages: a person's e-mail preferences, the language of a preview."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import AccessibleForm, FilterForm
from lms.notifications.models import NotificationPreference

# The languages are shown in their own language, as in the site's language switcher.
LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English")]


class PreferencesForm(AccessibleForm):
    language = forms.ChoiceField(label=_("Langue des e-mails"), choices=LANGUAGE_CHOICES)
    non_essential = forms.BooleanField(
        label=_("Recevoir les e-mails non essentiels"),
        required=False,
        help_text=_(
            "Rappels de séance et d'échéance des quiz, conditions de certification remplies, fin de "
            "validité d'un certificat, enquêtes de satisfaction. Les e-mails essentiels (alerte d'absence, "
            "certificat délivré) sont toujours envoyés."
        ),
    )

    @classmethod
    def for_preference(cls, preference: NotificationPreference, data=None) -> "PreferencesForm":
        initial = {"language": preference.language, "non_essential": preference.non_essential}
        return cls(data, initial=initial)


class PreviewForm(FilterForm):
    """``?langue=en``: the language a manager previews an e-mail in (French when absent)."""

    langue = forms.ChoiceField(label=_("Langue de l'aperçu"), choices=LANGUAGE_CHOICES, required=False)

    def language(self) -> str:
        return self.cleaned_data.get("langue") or "fr"
