"""The public form that checks a badge: the JWT pasted as text, or its file."""

from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.badges.verify import EMPTY, MAX_TOKEN_BYTES, TOO_LARGE, verify_credential
from lms.forms import AccessibleForm

BOTH = _("Collez le badge ou choisissez son fichier, pas les deux.")
NOT_TEXT = _("Ce fichier n'est pas un badge : un badge est un texte (JWT) encodé en UTF-8.")


class BadgeVerificationForm(AccessibleForm):
    token = forms.CharField(
        label=_("Collez le badge (JWT)"),
        required=False,
        help_text=_("Le texte commence par « eyJ » et contient deux points ; 64 Ko au plus."),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "autocomplete": "off"}),
    )
    file = forms.FileField(
        label=_("Ou choisissez le fichier du badge"),
        required=False,
        help_text=_("Le fichier « badge-….jwt » téléchargé depuis « Mes certificats » ; 64 Ko au plus."),
        widget=forms.FileInput(attrs={"accept": ".jwt,.txt,application/vc+jwt,text/plain"}),
    )

    result = None

    def clean_token(self) -> str:
        token = self.cleaned_data["token"]
        if len(token.encode("utf-8")) > MAX_TOKEN_BYTES:
            raise forms.ValidationError(TOO_LARGE, code="too_large")
        return token

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if not upload:
            return ""
        if upload.size > MAX_TOKEN_BYTES:
            raise forms.ValidationError(TOO_LARGE, code="too_large")
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(NOT_TEXT, code="not_text") from error

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        token, text = data.get("token", ""), data.get("file", "")
        if token and text:
            self.add_error("token", BOTH)
        elif not (token or text.strip()):
            self.add_error("file" if self.files.get("file") else "token", EMPTY)
        else:
            self.result = verify_credential(token or text)
            if self.result.malformed:
                self.add_error("token" if token else "file", self.result.reason)
        return data
