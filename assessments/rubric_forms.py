"""Forms of rubric scoring: the rubric's admin form (managers) and the trainer's opinion form.

The rubric form checks what the model cannot see alone: each criterion has exactly one descriptor
per level of the scale (``scale_max + 1`` lines), and, once an evaluation uses the rubric, nothing
that its stored scores depend on changes (programme, scale, criteria added or removed, weights).
Wording (title, instructions, criterion labels, descriptors) stays editable. The scores themselves
are validated by ``assessments.services.rubrics``, the one place that writes them.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from assessments.models import Evaluation, TrainerOpinion
from lms.forms import AccessibleForm

SCALE_HELP = _(
    "Chaque critère est noté de 0 à cette valeur. L'échelle ne peut plus changer une fois qu'une "
    "évaluation utilise la grille : les notes déjà données n'auraient plus de sens."
)
USED_HELP = _(
    "Cette grille a déjà servi à évaluer : son programme, son échelle, ses coefficients et la liste de "
    "ses critères ne peuvent plus changer. Pour une autre échelle, créez une nouvelle grille."
)
SCALE_LOCKED = _("Une évaluation utilise déjà cette grille : son échelle ne peut plus changer.")
PROGRAMME_LOCKED = _("Une évaluation utilise déjà cette grille : son programme ne peut plus changer.")
WEIGHT_LOCKED = _("Une évaluation utilise déjà cette grille : ce coefficient ne peut plus changer.")
CRITERIA_LOCKED = _(
    "Une évaluation utilise déjà cette grille : on ne peut plus y ajouter ni en retirer de critère."
)
NO_CRITERION = _("Une grille compte au moins un critère.")


def descriptor_count_error(count: int, scale_max: int) -> str:
    expected = scale_max + 1
    return ngettext(
        "Il faut exactement %(expected)s ligne de descripteur, une par niveau de 0 à %(max)s ; "
        "ce critère en a %(count)s.",
        "Il faut exactement %(expected)s lignes de descripteurs, une par niveau de 0 à %(max)s ; "
        "ce critère en a %(count)s.",
        expected,
    ) % {"expected": expected, "max": scale_max, "count": count}


def _lines(text: str) -> int:
    # The same reading as ``Criterion.levels``: blank lines do not count.
    return sum(1 for line in (text or "").splitlines() if line.strip())


class RubricAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.used = bool(self.instance.pk) and Evaluation.objects.filter(rubric=self.instance).exists()
        if "scale_max" in self.fields:
            self.fields["scale_max"].help_text = USED_HELP if self.used else SCALE_HELP

    def clean(self):
        cleaned = super().clean()
        if self.used:
            for field, message in (("scale_max", SCALE_LOCKED), ("programme", PROGRAMME_LOCKED)):
                if field in self.changed_data:
                    self.add_error(field, message)
        formset = self.formsets.get("criteria")
        if formset is not None:
            formset.is_valid()  # cleans each criterion first, so that its values can be read below
            self._check_criteria([form for form in formset.forms if hasattr(form, "cleaned_data")])
        return cleaned

    def _check_criteria(self, forms_: list) -> None:
        kept = [form for form in forms_ if _kept(form)]
        if not kept:
            self.add_error(None, NO_CRITERION)
        if self.used and any(_added_or_removed(form) for form in forms_):
            self.add_error(None, CRITERIA_LOCKED)
        scale_max = self.cleaned_data.get("scale_max")
        for form in kept:
            if self.used and form.instance.pk and "weight" in form.changed_data:
                form.add_error("weight", WEIGHT_LOCKED)
            descriptors = form.cleaned_data.get("descriptors")
            if scale_max is not None and descriptors is not None and _lines(descriptors) != scale_max + 1:
                form.add_error("descriptors", descriptor_count_error(_lines(descriptors), scale_max))


def _kept(form) -> bool:
    """A criterion that will exist after saving: stored or newly filled in, and not deleted."""
    return not form.cleaned_data.get("DELETE", False) and bool(form.instance.pk or form.has_changed())


def _added_or_removed(form) -> bool:
    deleted = form.cleaned_data.get("DELETE", False)
    return deleted if form.instance.pk else form.has_changed() and not deleted


class OpinionForm(AccessibleForm):
    """Rendered by hand (a fieldset for the radio buttons); the service re-checks everything."""

    opinion = forms.ChoiceField(
        label=_("Avis"),
        choices=TrainerOpinion.Opinion.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez un avis : favorable, réservé ou défavorable.")},
    )
    comment = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Obligatoire : ce qui fonde votre avis, en quelques phrases."),
        error_messages={"required": _("Motivez votre avis : le commentaire est obligatoire.")},
    )
