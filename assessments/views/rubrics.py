"""Rubric scoring by trainers, the trainer's final opinion, and learners' published evaluations.

Staff pages live under ``formateur/`` (second factor required): the cohort overview (trainers of
the cohort, certifiers and managers), the scoring form, publishing and the opinion (trainers of the
cohort and managers only: learners and certifiers get the French 403 page, a trainer gets 404 for a
cohort they do not run). The learner's page is
``seances/evaluations/``: their own published evaluations and nothing else. Views stay thin: they
parse the request, call a service or a selector, and turn domain errors into a clear French page.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.models import Evaluation, Rubric, TrainerOpinion, TrainingSession
from assessments.permissions import user_can_score
from assessments.rubric_forms import OpinionForm
from assessments.selectors.rubrics import cohort_evaluations, learner_evaluations, scoring_sheet
from assessments.services.rubrics import (
    ScoreError,
    check_scope,
    give_opinion,
    publish_evaluation,
    save_evaluation,
)
from courses.models import Enrolment
from courses.permissions import (
    require_object,
    require_role,
    user_has_trainer_duties,
    viewable_cohort_or_404,
)
from lms.errors import LMSError

SAVED = _("L'évaluation est enregistrée.")
SAVED_PUBLISHED = _("L'évaluation est enregistrée ; elle était publiée : l'apprenant·e voit la correction.")
PUBLISHED = _("L'évaluation est publiée : l'apprenant·e la voit dans « Mes évaluations ».")
OPINION_SAVED = _("Votre avis est enregistré.")


def _error(request, error: LMSError):
    return render(request, "courses/error.html", {"message": error.message}, status=error.status)


def _scorable_enrolment(request, enrolment_id: int) -> Enrolment:
    """The enrolment if ``request.user`` may score it: 403 for a role that never scores, 404 if unknown
    or in a cohort they do not run."""
    require_role(user_has_trainer_duties(request.user))
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("cohort__programme", "learner"), pk=enrolment_id
    )
    require_object(user_can_score(request.user, enrolment.cohort))
    return enrolment


def _session_from_query(request) -> TrainingSession | None:
    """``?seance=<id>``: empty or absent is the practical assessment; anything else must exist."""
    value = request.GET.get("seance", "")
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise Http404
    return get_object_or_404(TrainingSession, pk=int(value))


def edit_url(enrolment_id: int, rubric_id: int, session_id: int | None = None) -> str:
    url = reverse("assessments:evaluation-edit", args=[enrolment_id, rubric_id])
    return f"{url}?{urlencode({'seance': session_id})}" if session_id else url


def scores_from_post(post) -> dict:
    """{criterion id: (score as sent, comment)} for every criterion the POST scores or comments on.

    Ids that are not numbers stay as sent: the service refuses them as unknown criteria.
    """
    keys = [k.split("-", 1)[1] for k in post if k.startswith(("score-", "comment-"))]
    scores = {}
    for key in dict.fromkeys(keys):
        criterion_id = int(key) if key.isascii() and key.isdigit() else key
        scores[criterion_id] = (post.get(f"score-{key}", ""), post.get(f"comment-{key}", ""))
    return scores


@require_safe
@login_required
def cohort_evaluations_page(request, cohort_id: int):
    cohort = viewable_cohort_or_404(request.user, cohort_id)
    context = {
        "cohort": cohort,
        "overview": cohort_evaluations(cohort=cohort),
        "can_score": user_can_score(request.user, cohort),
    }
    return render(request, "assessments/rubrics/cohort_evaluations.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def evaluation_edit(request, enrolment_id: int, rubric_id: int):
    enrolment = _scorable_enrolment(request, enrolment_id)
    rubric = get_object_or_404(Rubric, pk=rubric_id)
    session = _session_from_query(request)
    # Another cohort's session is as unknown as a missing one: its id says nothing (404, not 400).
    require_object(session is None or session.cohort_id == enrolment.cohort_id)
    try:
        check_scope(enrolment=enrolment, rubric=rubric, session=session)
    except LMSError as error:
        return _error(request, error)
    if request.method == "POST":
        return _save(request, enrolment, rubric, session)
    sheet = scoring_sheet(enrolment=enrolment, rubric=rubric, session=session)
    return _sheet_page(request, enrolment, sheet)


def _save(request, enrolment: Enrolment, rubric: Rubric, session: TrainingSession | None):
    posted, comment = scores_from_post(request.POST), request.POST.get("comment", "")
    try:
        evaluation = save_evaluation(
            enrolment=enrolment,
            rubric=rubric,
            session=session,
            scores=posted,
            comment=comment,
            acting_user=request.user,
        )
    except LMSError as error:
        sheet = scoring_sheet(
            enrolment=enrolment, rubric=rubric, session=session, posted=posted, posted_comment=comment
        )
        return _sheet_page(request, enrolment, sheet, error=error)
    messages.success(request, SAVED_PUBLISHED if evaluation.published_at else SAVED)
    return redirect(edit_url(enrolment.pk, rubric.pk, session.pk if session else None))


def _sheet_page(request, enrolment: Enrolment, sheet, *, error: LMSError | None = None):
    context = {
        "enrolment": enrolment,
        "cohort": enrolment.cohort,
        "sheet": sheet,
        "error": error,
        "error_criterion_id": error.criterion_id if isinstance(error, ScoreError) else None,
        "action": edit_url(enrolment.pk, sheet.rubric.pk, sheet.session.pk if sheet.session else None),
    }
    return render(
        request, "assessments/rubrics/evaluation_form.html", context, status=error.status if error else 200
    )


@require_POST
@login_required
def evaluation_publish(request, evaluation_id: int):
    require_role(user_has_trainer_duties(request.user))
    evaluation = get_object_or_404(Evaluation.objects.select_related("enrolment__cohort"), pk=evaluation_id)
    require_object(user_can_score(request.user, evaluation.enrolment.cohort))
    try:
        publish_evaluation(evaluation=evaluation, acting_user=request.user)
    except LMSError as error:
        return _error(request, error)
    messages.success(request, PUBLISHED)
    return redirect(edit_url(evaluation.enrolment_id, evaluation.rubric_id, evaluation.session_id))


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def trainer_opinion(request, enrolment_id: int):
    enrolment = _scorable_enrolment(request, enrolment_id)
    current = TrainerOpinion.objects.filter(enrolment=enrolment).first()
    initial = {"opinion": current.opinion, "comment": current.comment} if current else None
    form = OpinionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            give_opinion(
                enrolment=enrolment,
                opinion=form.cleaned_data["opinion"],
                comment=form.cleaned_data["comment"],
                acting_user=request.user,
            )
        except LMSError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, OPINION_SAVED)
            return redirect("assessments:cohort-evaluations", enrolment.cohort_id)
    context = {"enrolment": enrolment, "cohort": enrolment.cohort, "form": form, "current": current}
    status = 400 if form.errors else 200
    return render(request, "assessments/rubrics/opinion_form.html", context, status=status)


@require_safe
@login_required
def my_evaluations(request):
    context = {"evaluations": learner_evaluations(learner=request.user)}
    return render(request, "assessments/rubrics/my_evaluations.html", context)


urlpatterns = [
    path(
        "formateur/promotions/<int:cohort_id>/evaluations/",
        cohort_evaluations_page,
        name="cohort-evaluations",
    ),
    path(
        "formateur/inscriptions/<int:enrolment_id>/grilles/<int:rubric_id>/",
        evaluation_edit,
        name="evaluation-edit",
    ),
    path(
        "formateur/evaluations/<int:evaluation_id>/publier/",
        evaluation_publish,
        name="evaluation-publish",
    ),
    path("formateur/inscriptions/<int:enrolment_id>/avis/", trainer_opinion, name="trainer-opinion"),
    path("seances/evaluations/", my_evaluations, name="my-evaluations"),
]
