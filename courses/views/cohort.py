"""Cohort views for trainers, certifiers and managers: the cohorts they may open and the progress matrix.

Anonymous people are sent to the login page; a learner gets the French 403 page; a trainer gets 404 for
a cohort they do not run (its existence is not revealed).
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from courses.exports import matrix_csv_response
from courses.models import Cohort, Enrolment
from courses.permissions import user_can_manage_cohorts, viewable_cohort_or_404
from courses.selectors.matrix import Matrix, cohort_organisations, cohort_progress_matrix, viewable_cohorts
from lms.accounts import roles
from lms.audit import services as audit
from lms.forms import FilterForm


class MatrixFilterForm(FilterForm):
    """GET filters of the matrix. An invalid value is reported next to its field and ignored."""

    status = forms.ChoiceField(
        label=_("Statut"), required=False, choices=[("", _("Tous les statuts")), *Enrolment.Status.choices]
    )
    organisation = forms.TypedChoiceField(label=_("Organisme"), required=False, coerce=int, empty_value=None)
    q = forms.CharField(
        label=_("Nom ou e-mail"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, data: QueryDict, *, organisations: list[tuple[int, str]]):
        super().__init__(data)
        self.fields["organisation"].choices = [("", _("Tous les organismes")), *organisations]

    def filters(self) -> dict:
        """Keyword arguments for ``cohort_progress_matrix``, from the valid fields only."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "status": data.get("status") or None,
            "organisation_id": data.get("organisation"),
            "search": data.get("q") or "",
        }


def _filtered_matrix(request, cohort: Cohort) -> tuple[MatrixFilterForm, Matrix]:
    form = MatrixFilterForm(request.GET, organisations=cohort_organisations(cohort=cohort))
    return form, cohort_progress_matrix(cohort=cohort, **form.filters())


@require_safe
@login_required
def cohort_list(request):
    if not roles.is_staff_member(request.user):
        raise PermissionDenied
    cohorts = viewable_cohorts(user=request.user)
    return render(request, "courses/cohort/list.html", {"cohorts": cohorts})


@require_safe
@login_required
def cohort_progress(request, cohort_id: int):
    cohort = viewable_cohort_or_404(request.user, cohort_id)
    form, matrix = _filtered_matrix(request, cohort)
    context = {
        "cohort": cohort,
        "form": form,
        "matrix": matrix,
        "export_query": form.query_string(),
        "can_manage": user_can_manage_cohorts(request.user),
    }
    return render(request, "courses/cohort/progress.html", context)


@require_safe
@login_required
def cohort_progress_csv(request, cohort_id: int):
    cohort = viewable_cohort_or_404(request.user, cohort_id)
    _form, matrix = _filtered_matrix(request, cohort)
    audit.record_export(request, export="progression.csv", obj=cohort, obj_repr=cohort.name)
    return matrix_csv_response(matrix)


urlpatterns = [
    path("promotions/", cohort_list, name="cohort-list"),
    path("promotions/<int:cohort_id>/progression/", cohort_progress, name="cohort-progress"),
    path("promotions/<int:cohort_id>/progression.csv", cohort_progress_csv, name="cohort-progress-csv"),
]
