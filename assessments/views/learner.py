"""The learner's side of a quiz: its page, starting an attempt, answering, submitting, the result.

Views stay thin: they parse the form, call a service or a selector, and turn domain errors into a
clear French page (or JSON for the autosave script) with the right status.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from assessments import questions, services
from assessments.models import Quiz, QuizAttempt
from assessments.selectors.learner import attempt_review, learner_quiz_status
from lms.errors import LMSError

SAVED = _("Vos réponses sont enregistrées.")
CLOSED_ON_TIME = _(
    "Le temps imparti est écoulé : la tentative a été corrigée avec les réponses enregistrées à temps."
)
# A form never needs more answer fields than this; anything larger is refused before parsing.
MAX_QUESTIONS_PER_POST = 200


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _error(request, error: LMSError):
    if _wants_json(request):
        return JsonResponse({"error": str(error.message), "code": error.code}, status=error.status)
    return render(request, "courses/error.html", {"message": error.message}, status=error.status)


def answers_from_post(post) -> dict[str, list[str]]:
    """{question key: ticked choice keys} for every question the form showed or answered.

    A form lists its questions in ``shown``: a question shown but absent from the POST (nothing ticked)
    counts as "no answer", which is how a learner clears the boxes of a multiple-choice question.
    """
    keys = list(dict.fromkeys([*post.getlist("shown"), *(k[2:] for k in post if k.startswith("q-"))]))
    if len(keys) > MAX_QUESTIONS_PER_POST:
        raise LMSError(services.UNKNOWN_QUESTION, code="too_many")
    return {key: post.getlist(f"q-{key}") for key in keys}


def _quiz(quiz_id: int) -> Quiz:
    return get_object_or_404(Quiz.objects.select_related("module"), pk=quiz_id, module__live=True)


@require_GET
@login_required
def quiz_detail(request, quiz_id: int):
    quiz = _quiz(quiz_id)
    try:
        access = services.quiz_access(user=request.user, quiz=quiz)
    except LMSError as error:
        return _error(request, error)
    services.close_expired_attempts(enrolment=access.enrolment, quiz=quiz)
    status = learner_quiz_status(enrolment=access.enrolment, quiz=quiz)
    context = {"quiz": quiz, "status": status, "can_record": access.enrolment.status == "active"}
    return render(request, "assessments/quiz_detail.html", context)


@require_POST
@login_required
def start(request, quiz_id: int):
    quiz = _quiz(quiz_id)
    try:
        attempt = services.start_attempt(user=request.user, quiz=quiz)
    except LMSError as error:
        return _error(request, error)
    return redirect("assessments:attempt", attempt.pk)


@require_GET
@login_required
def attempt_page(request, attempt_id: int):
    try:
        attempt = services.own_attempt(user=request.user, attempt_id=attempt_id)
    except LMSError as error:
        return _error(request, error)
    expired = attempt.is_open and attempt.deadline is not None and attempt.deadline < timezone.now()
    if expired and services.close_expired_attempts(enrolment=attempt.enrolment, quiz=attempt.quiz):
        messages.warning(request, CLOSED_ON_TIME)
        return redirect("assessments:result", attempt.pk)
    if not attempt.is_open:
        return redirect("assessments:result", attempt.pk)
    saved = dict(attempt.answers.values_list("question_key", "choice_keys"))
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "items": questions.public_view(attempt.content, saved=saved),
        "now": timezone.now(),
    }
    return render(request, "assessments/attempt.html", context)


@require_POST
@login_required
def save(request, attempt_id: int):
    try:
        attempt = services.save_answers(
            user=request.user, attempt_id=attempt_id, answers=answers_from_post(request.POST)
        )
    except LMSError as error:
        return _error(request, error)
    if _wants_json(request):
        return JsonResponse({"saved": True, "saved_at": timezone.localtime().strftime("%H:%M:%S")})
    messages.success(request, SAVED)
    return redirect("assessments:attempt", attempt.pk)


@require_POST
@login_required
def submit(request, attempt_id: int):
    try:
        attempt = services.submit_attempt(
            user=request.user, attempt_id=attempt_id, answers=answers_from_post(request.POST)
        )
    except LMSError as error:
        return _error(request, error)
    if attempt.close_reason == QuizAttempt.CloseReason.DEADLINE:
        messages.warning(request, CLOSED_ON_TIME)
    return redirect("assessments:result", attempt.pk)


@require_GET
@login_required
def result(request, attempt_id: int):
    try:
        attempt = services.own_attempt(user=request.user, attempt_id=attempt_id)
    except LMSError as error:
        return _error(request, error)
    if attempt.is_open:
        return redirect("assessments:attempt", attempt.pk)
    status = learner_quiz_status(enrolment=attempt.enrolment, quiz=attempt.quiz)
    level = status.review_level
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "status": status,
        "level": level,
        "review": attempt_review(attempt=attempt, level=level),
    }
    return render(request, "assessments/result.html", context)


urlpatterns = [
    path("quiz/<int:quiz_id>/", quiz_detail, name="quiz"),
    path("quiz/<int:quiz_id>/commencer/", start, name="start"),
    path("tentatives/<int:attempt_id>/", attempt_page, name="attempt"),
    path("tentatives/<int:attempt_id>/enregistrer/", save, name="save"),
    path("tentatives/<int:attempt_id>/envoyer/", submit, name="submit"),
    path("tentatives/<int:attempt_id>/resultat/", result, name="result"),
]
