"""The dashboard's filters (GET): programme, cohort, organisation, département and a period.

Unlike the registry's filters, a value in error is not left out: a dashboard that silently ignored a
filter would show figures for more than the page says. Any error answers 400 with the message next to
its field, and nothing is computed.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import FilterForm
from lms.steering.selectors.choices import FilterChoices
from lms.steering.selectors.scope import DashboardFilters

# Dates outside these years are typing mistakes (« 0226 », « 20266 »), not periods of a programme.
MIN_YEAR, MAX_YEAR = 2000, 2100

DATE_INVALID = _("Saisissez une date valide, par exemple 31/01/2026.")
DATE_OUT_OF_RANGE = _("Saisissez une date entre %(min)s et %(max)s.")
END_BEFORE_START = _("La fin de la période ne peut pas précéder son début.")
UNKNOWN_CHOICE = _("Choisissez une valeur de la liste.")


def _date_field(label) -> forms.DateField:
    widget = forms.DateInput(
        format="%Y-%m-%d",
        attrs={"type": "date", "min": f"{MIN_YEAR}-01-01", "max": f"{MAX_YEAR}-12-31"},
    )
    return forms.DateField(
        label=label, required=False, widget=widget, error_messages={"invalid": DATE_INVALID}
    )


def _choice_field(label, *, coerce=int) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=coerce,
        empty_value=None,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )


class DashboardFilterForm(FilterForm):
    programme = _choice_field(_("Programme"))
    cohort = _choice_field(_("Promotion"))
    organisation = _choice_field(_("Organisme"))
    departement = _choice_field(_("Département"), coerce=str)
    du = _date_field(_("Du"))
    au = _date_field(_("Au"))

    def __init__(self, data, *, choices: FilterChoices):
        super().__init__(data)
        fields = self.fields
        fields["programme"].choices = [("", _("Tous les programmes")), *choices.programmes]
        fields["cohort"].choices = [("", _("Toutes les promotions")), *choices.cohorts]
        fields["organisation"].choices = [("", _("Tous les organismes")), *choices.organisations]
        fields["departement"].choices = [
            ("", _("Tous les départements")),
            *((d, d) for d in choices.departements),
        ]

    def _clean_year(self, name: str) -> datetime.date | None:
        value = self.cleaned_data.get(name)
        if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
            raise forms.ValidationError(
                DATE_OUT_OF_RANGE, code="out_of_range", params={"min": MIN_YEAR, "max": MAX_YEAR}
            )
        return value

    def clean_du(self):
        return self._clean_year("du")

    def clean_au(self):
        return self._clean_year("au")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("du"), cleaned.get("au")
        if start is not None and end is not None and end < start:
            self.add_error("au", forms.ValidationError(END_BEFORE_START, code="end_before_start"))
        return cleaned

    def filters(self) -> DashboardFilters:
        """The filters of a valid form (``is_valid()`` first)."""
        data = self.cleaned_data
        return DashboardFilters(
            programme=data.get("programme"),
            cohort=data.get("cohort"),
            organisation=data.get("organisation"),
            departement=data.get("departement") or "",
            start=data.get("du"),
            end=data.get("au"),
        )
