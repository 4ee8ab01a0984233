"""Form helpers shared by every app."""

from django import forms
from django.http import QueryDict


class AccessibleFormMixin:
    """Ties each field's error list (``<id>_errors``) and help text to its input for screen readers."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            auto_id = self[name].auto_id
            described_by = [f"{auto_id}_errors"]
            if self.fields[name].help_text:
                described_by.append(f"{auto_id}_helptext")
            self.fields[name].widget.attrs.update(
                {"aria-describedby": " ".join(described_by), "aria-invalid": "true"}
            )


class AccessibleForm(AccessibleFormMixin, forms.Form):
    pass


class FilterForm(AccessibleForm):
    """GET filters above a table: a field in error is reported next to it and left out."""

    def query_string(self) -> str:
        """The valid filters as a query string, for the export and the page links."""
        query = QueryDict(mutable=True)
        for name in self.fields:
            if name not in self.errors and self.data.get(name):
                query[name] = self.data[name]
        return query.urlencode()


# The largest primary key any of our databases can hold (64-bit signed integers).
MAX_ID = 2**63 - 1


class IdsMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multiple choice of objects by id that refuses any value that is not a plausible id.

    Django hands the raw values to the database lookup: a value such as ``2**64`` or ``"²"`` would
    raise there (an overflow on SQLite) instead of giving the field's usual "invalid choice" error.
    """

    def _check_values(self, value):
        for item in value:
            text = str(item)
            if not (text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
                )
        return super()._check_values(value)
