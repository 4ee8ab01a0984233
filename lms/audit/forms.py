"""The filters of the managers' audit log (GET). An invalid value is reported and its filter ignored."""

import datetime

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from lms.audit.models import Action
from lms.audit.selectors import LogFilters
from lms.forms import FilterForm

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2999, 12, 31)
OUT_OF_RANGE = _("Saisissez une date entre l'an 2000 et l'an 2999.")
DATES_REVERSED = _("La date de fin précède la date de début.")


class LogFilterForm(FilterForm):
    action = forms.ChoiceField(label=_("Action"), required=False)
    actor = forms.CharField(
        label=_("Auteur·rice (e-mail contient)"),
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    object_type = forms.ChoiceField(label=_("Type d'objet"), required=False)
    date_from = forms.DateField(
        label=_("Du"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("Au"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, data: QueryDict, *, object_types: list[str]):
        super().__init__(data)
        self.fields["action"].choices = [("", _("Toutes les actions")), *Action.choices]
        self.fields["object_type"].choices = [("", _("Tous les types")), *((t, t) for t in object_types)]

    def _clean_date(self, name: str):
        value = self.cleaned_data.get(name)
        if value is not None and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(OUT_OF_RANGE, code="out_of_range")
        return value

    def clean_date_from(self):
        return self._clean_date("date_from")

    def clean_date_to(self):
        return self._clean_date("date_to")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", forms.ValidationError(DATES_REVERSED, code="reversed"))
        return cleaned

    def filters(self) -> LogFilters:
        """The valid filters only."""
        self.is_valid()
        data = self.cleaned_data
        return LogFilters(
            action=data.get("action") or "",
            actor=(data.get("actor") or "").strip(),
            object_type=data.get("object_type") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
