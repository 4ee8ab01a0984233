"""Form helpers shared by every app."""

from django import forms


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
