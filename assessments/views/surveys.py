"""Satisfaction surveys: the learner's form behind the e-mailed link, and the staff reports.

- ``enquetes/<token>/``: no login, the link is the capability (decision 0010). An unknown or altered
  token is a French 404; a survey already answered or past its deadline shows why, without a form
  (200 on GET, 400 on POST); answers that do not fit re-render the form with a message per question
  (400) and write nothing. Nothing about the visitor is recorded, signed in or not.
- ``gestion/enquetes/`` (second factor): managers and certifiers read every cohort, trainers the
  cohorts they train (another cohort is a 404), learners get the French 403 page before any lookup.
"""

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from assessments.models import SurveyRequest
from assessments.selectors.surveys import ANONYMITY_THRESHOLD, cohort_summary, cohorts_overview
from assessments.services import surveys as survey_services
from assessments.surveys import CURRENT, Question, questions_of
from courses.models import Cohort
from courses.permissions import cohorts_visible_to, require_role, viewable_cohort_or_404
from lms.accounts import roles
from lms.errors import Conflict, LMSError

THANKS = _("Merci : votre réponse est enregistrée, sans votre nom.")


def _error(request, error: LMSError):
    return render(request, "courses/error.html", {"message": error.message}, status=error.status)


def answers_from_post(post, version: str) -> dict[str, list[str]]:
    """{question key: posted values} for the questions of ``version``; other fields are ignored."""
    return {question.key: post.getlist(question.key) for question in questions_of(version)}


def _field(question: Question, values: list[str], error: str) -> dict:
    """What the template needs to draw one question, with what was posted kept."""
    options = []
    if question.kind == "scale":
        low, high = question.ends
        ends = {1: f"1 – {low}", 5: f"5 – {high}"}
        options = [(str(n), ends.get(n, str(n)), str(n) in values) for n in range(1, 6)]
    elif question.kind == "choice":
        options = [(key, label, key in values) for key, label in question.choices]
    return {
        "question": question,
        "input": "checkbox" if question.multiple else "radio",
        "options": options,
        "text": values[0] if question.kind == "text" and values else "",
        "error": error,
    }


def _form_page(request, survey_request: SurveyRequest, posted: dict, errors: dict, *, status: int):
    version = CURRENT[survey_request.kind]
    fields = [_field(q, posted.get(q.key, []), errors.get(q.key, "")) for q in questions_of(version)]
    context = {
        "survey": survey_request,
        "about": survey_services.about(survey_request),
        "fields": fields,
        "errors": errors,
        "threshold": ANONYMITY_THRESHOLD,
    }
    return render(request, "assessments/surveys/form.html", context, status=status)


def _closed_page(request, survey_request: SurveyRequest, error: LMSError, *, status: int):
    context = {"survey": survey_request, "about": survey_services.about(survey_request), "error": error}
    return render(request, "assessments/surveys/closed.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def survey(request, token: str):
    try:
        survey_request = survey_services.find_request(token)
    except LMSError as error:
        return _error(request, error)
    now = timezone.now()
    try:
        survey_services.check_open(survey_request, now)
    except Conflict as error:
        return _closed_page(request, survey_request, error, status=400 if request.method == "POST" else 200)
    if request.method != "POST":
        return _form_page(request, survey_request, {}, {}, status=200)
    posted = answers_from_post(request.POST, CURRENT[survey_request.kind])
    try:
        survey_services.submit_survey(token=token, answers=posted, now=now)
    except survey_services.SurveyAnswersError as error:
        return _form_page(request, survey_request, posted, error.errors, status=400)
    except Conflict as error:  # answered in another tab meanwhile
        return _closed_page(request, survey_request, error, status=400)
    except LMSError as error:
        return _error(request, error)
    messages.success(request, THANKS)
    return redirect("assessments:survey", token=token)


@require_safe
@login_required
def survey_reports(request):
    require_role(roles.is_staff_member(request.user))
    cohorts = cohorts_visible_to(request.user, Cohort.objects.order_by("-starts_on", "name"))
    context = {"lines": cohorts_overview(cohorts), "threshold": ANONYMITY_THRESHOLD}
    return render(request, "assessments/surveys/reports.html", context)


def sees_every_trainer(user) -> bool:
    return roles.is_manager(user) or roles.has_role(user, roles.CERTIFIER)


@require_safe
@login_required
def survey_cohort(request, cohort_id: int):
    cohort = viewable_cohort_or_404(request.user, cohort_id)
    summary = cohort_summary(cohort)
    if not sees_every_trainer(request.user):
        # A trainer reads the results of the sessions of the cohort, but only their own per-trainer
        # figures: a colleague's satisfaction scores are for the union, not for their peers.
        mine = [g for g in summary.trainers if g.trainer_id == request.user.pk]
        summary = dataclasses.replace(summary, trainers=mine)
    context = {"cohort": cohort, "summary": summary, "threshold": ANONYMITY_THRESHOLD}
    return render(request, "assessments/surveys/cohort.html", context)


urlpatterns = [
    path("enquetes/<str:token>/", survey, name="survey"),
    path("gestion/enquetes/", survey_reports, name="survey-reports"),
    path("gestion/enquetes/promotions/<int:cohort_id>/", survey_cohort, name="survey-cohort"),
]
