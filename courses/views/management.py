"""Managers' pages of a cohort: its enrolments, inviting one learner, importing a CSV list, resending.

Thin views: they check the manager's right, parse the input, call a service and render or redirect.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from courses.forms import ImportLearnersForm, InviteLearnerForm
from courses.models import Cohort
from courses.permissions import user_can_manage_cohorts
from courses.selectors import management as selectors
from courses.services import enrolment as enrolment_services
from courses.services import imports as import_services
from lms.errors import LMSError, NotAllowed

INVITED = _("Invitation envoyée à %(email)s.")
RESENT = _("Invitation renvoyée à %(email)s.")


def _managed_cohort(request, cohort_id: int) -> Cohort:
    if not user_can_manage_cohorts(request.user):
        raise PermissionDenied
    return get_object_or_404(selectors.managed_cohorts(), pk=cohort_id)


@login_required
@require_http_methods(["GET", "HEAD"])
def manage_cohort(request, cohort_id: int):
    cohort = _managed_cohort(request, cohort_id)
    overview = selectors.cohort_overview(cohort=cohort)
    return render(request, "courses/manage/cohort.html", {"cohort": cohort, "overview": overview})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def invite_learner(request, cohort_id: int):
    cohort = _managed_cohort(request, cohort_id)
    form = InviteLearnerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment_services.invite_learner(
                cohort=cohort,
                learner=form.learner_data(),
                acting_user=request.user,
                language=form.cleaned_data["language"],
            )
        except NotAllowed:
            raise PermissionDenied from None
        except LMSError as error:
            form.add_service_error(error)
        else:
            messages.success(request, INVITED % {"email": form.cleaned_data["email"].lower()})
            return redirect("courses:manage-cohort", cohort_id=cohort.pk)
    context = {"cohort": cohort, "form": form}
    return render(request, "courses/manage/invite.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def import_learners(request, cohort_id: int):
    cohort = _managed_cohort(request, cohort_id)
    bound = request.method == "POST"
    form = ImportLearnersForm(request.POST if bound else None, request.FILES if bound else None)
    context = {"cohort": cohort, "form": form, "refusal": None}
    if request.method == "POST" and form.is_valid():
        try:
            result = import_services.import_learners(
                cohort=cohort,
                file=form.cleaned_data["file"],
                acting_user=request.user,
                language=form.cleaned_data["language"],
            )
        except NotAllowed:
            raise PermissionDenied from None
        except import_services.ImportRefused as refusal:
            context["refusal"] = refusal
        else:
            messages.success(request, _imported_message(result.count))
            return redirect("courses:manage-cohort", cohort_id=cohort.pk)
    status = 400 if form.errors or context["refusal"] else 200
    return render(request, "courses/manage/import.html", context, status=status)


def _imported_message(count: int) -> str:
    return ngettext("%(count)s apprenant·e invité·e.", "%(count)s apprenant·es invité·es.", count) % {
        "count": count
    }


@require_POST
@login_required
def resend_invitation(request, cohort_id: int, enrolment_id: int):
    cohort = _managed_cohort(request, cohort_id)
    enrolment = get_object_or_404(cohort.enrolments.select_related("learner"), pk=enrolment_id)
    language = selectors.last_invitation_language(enrolment=enrolment)
    try:
        enrolment_services.resend_invitation(enrolment=enrolment, acting_user=request.user, language=language)
    except NotAllowed:
        raise PermissionDenied from None
    except LMSError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, RESENT % {"email": enrolment.learner.email})
    return redirect("courses:manage-cohort", cohort_id=cohort.pk)


urlpatterns = [
    path("gestion/promotions/<int:cohort_id>/", manage_cohort, name="manage-cohort"),
    path("gestion/promotions/<int:cohort_id>/inviter/", invite_learner, name="invite-learner"),
    path("gestion/promotions/<int:cohort_id>/importer/", import_learners, name="import-learners"),
    path(
        "gestion/promotions/<int:cohort_id>/inscriptions/<int:enrolment_id>/renvoyer/",
        resend_invitation,
        name="resend-invitation",
    ),
]
