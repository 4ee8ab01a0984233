"""Writes of the quiz flow: start an attempt, save answers, submit, close what ran out of time.

Every write checks who acts and what state the attempt is in, validates the whole input before
writing anything, and is safe to repeat: a second start returns the open attempt, a second submit
returns the graded one. Row locks (``select_for_update``) serialise concurrent requests on PostgreSQL;
unique constraints are the backstop everywhere.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments import questions, scoring
from assessments.models import AttemptAnswer, Quiz, QuizAttempt
from courses.models import Enrolment
from courses.selectors.progress import ModuleState, programme_progress, reading_enrolment
from courses.services.progress import MODULE_LOCKED, NOT_ACTIVE, NOT_ENROLLED
from lms.audit import services as audit
from lms.errors import Conflict, LMSError, NotAllowed, NotFound

ALREADY_PASSED = _("Vous avez déjà réussi ce quiz : il n'y a pas de nouvelle tentative à faire.")
NO_ATTEMPT_LEFT = _("Vous avez utilisé toutes les tentatives autorisées pour ce quiz.")
ATTEMPT_CLOSED = _("Cette tentative est close : vos réponses ne peuvent plus être modifiées.")
TIME_IS_UP = _(
    "Le temps est écoulé : les réponses envoyées après l'heure limite ne sont pas prises en compte."
)
UNKNOWN_QUESTION = _("Une réponse porte sur une question qui ne fait pas partie de cette tentative.")
UNKNOWN_CHOICE = _("Une réponse envoyée ne fait pas partie des choix proposés pour cette question.")
ONE_CHOICE_ONLY = _("Cette question n'accepte qu'une seule réponse.")
ATTEMPT_NOT_FOUND = _("Cette tentative n'existe pas.")
QUIZ_NOT_AVAILABLE = _("Ce quiz n'est pas disponible.")


@dataclass(frozen=True)
class QuizAccess:
    enrolment: Enrolment
    module_state: ModuleState


def quiz_access(*, user, quiz: Quiz) -> QuizAccess:
    """The enrolment through which ``user`` takes ``quiz``; refuses when the module is not open."""
    enrolment = reading_enrolment(user=user, page=quiz.module)
    if enrolment is None:
        raise NotAllowed(NOT_ENROLLED, code="not_enrolled")
    module = programme_progress(enrolment=enrolment).module(quiz.module_id)
    if module is None:
        raise NotFound(QUIZ_NOT_AVAILABLE, code="module_not_live")
    if module.state == ModuleState.LOCKED:
        raise NotAllowed(MODULE_LOCKED, code="locked")
    return QuizAccess(enrolment=enrolment, module_state=module.state)


def start_attempt(*, user, quiz: Quiz, now: datetime.datetime | None = None) -> QuizAttempt:
    """Start a new attempt, or return the one already open (a double click starts one attempt)."""
    now = now or timezone.now()
    enrolment = quiz_access(user=user, quiz=quiz).enrolment
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise NotAllowed(NOT_ACTIVE, code="not_active")
    close_expired_attempts(now=now, enrolment=enrolment, quiz=quiz)
    try:
        with transaction.atomic():
            # One learner's starts queue up behind this lock, so the count below cannot go stale.
            # Only this row: the default ordering would join (and lock) the cohort and the user too.
            Enrolment.objects.select_for_update(of=("self",)).filter(pk=enrolment.pk).order_by().first()
            return _start_locked(enrolment=enrolment, quiz=quiz, now=now)
    except IntegrityError:  # a concurrent start won the race (SQLite has no row locks)
        return QuizAttempt.objects.get(enrolment=enrolment, quiz=quiz, state=QuizAttempt.State.IN_PROGRESS)


def _start_locked(*, enrolment: Enrolment, quiz: Quiz, now) -> QuizAttempt:
    attempts = list(QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).order_by("number"))
    open_attempt = next((a for a in attempts if a.is_open), None)
    if open_attempt is not None:
        return open_attempt
    if any(a.passed for a in attempts):
        raise Conflict(ALREADY_PASSED, code="passed")
    # Read the questions as stored: block ids (the answers' keys) exist only once saved.
    quiz.refresh_from_db(fields=["questions", "pass_mark", "attempts_allowed", "time_limit_minutes"])
    if len(attempts) >= quiz.attempts_allowed:
        raise Conflict(NO_ATTEMPT_LEFT, code="no_attempt_left")
    content = questions.attempt_content(quiz)
    content["pass_mark"] = quiz.pass_mark
    deadline = now + datetime.timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    return QuizAttempt.objects.create(
        enrolment=enrolment,
        quiz=quiz,
        number=len(attempts) + 1,
        content=content,
        started_at=now,
        deadline=deadline,
    )


def own_attempt(*, user, attempt_id: int) -> QuizAttempt:
    """The attempt if it is ``user``'s; anyone else's attempt does not exist for them (404)."""
    attempt = (
        QuizAttempt.objects.select_related("quiz__module", "enrolment")
        .filter(pk=attempt_id, enrolment__learner_id=user.pk)
        .first()
    )
    if attempt is None:
        raise NotFound(ATTEMPT_NOT_FOUND, code="not_found")
    return attempt


def validate_answers(content: dict, answers: dict[str, list[str]]) -> dict[str, list[str]]:
    """Check every answer against the attempt's questions before anything is written."""
    items = {item["key"]: item for item in content["items"]}
    clean = {}
    for key, chosen in answers.items():
        item = items.get(key)
        if item is None:
            raise LMSError(UNKNOWN_QUESTION, code="unknown_question")
        allowed = {choice["key"] for choice in item["choices"]}
        if len(set(chosen)) != len(chosen) or not set(chosen) <= allowed:
            raise LMSError(UNKNOWN_CHOICE, code="unknown_choice")
        if item["kind"] != "multiple" and len(chosen) > 1:
            raise LMSError(ONE_CHOICE_ONLY, code="one_choice")
        clean[key] = list(chosen)
    return clean


def save_answers(
    *, user, attempt_id: int, answers: dict[str, list[str]], now: datetime.datetime | None = None
) -> QuizAttempt:
    """Save some answers of an open attempt (the learner's draft). Late answers are refused."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _own_attempt_locked(user=user, attempt_id=attempt_id)
        clean = validate_answers(attempt.content, answers)
        if not attempt.is_open:
            raise Conflict(ATTEMPT_CLOSED, code="closed")
        late = attempt.deadline is not None and now > attempt.deadline
        if late:
            _grade(attempt, reason=QuizAttempt.CloseReason.DEADLINE, now=now)
        else:
            _write_answers(attempt, clean, now)
    if late:
        raise Conflict(TIME_IS_UP, code="late")
    return attempt


def submit_attempt(
    *,
    user,
    attempt_id: int,
    answers: dict[str, list[str]] | None = None,
    now: datetime.datetime | None = None,
) -> QuizAttempt:
    """Save the last answers (unless late) and grade. Submitting again returns the graded attempt."""
    now = now or timezone.now()
    with transaction.atomic():
        # One read, locked: a refused answer raises before anything is written (rolled back).
        attempt = _own_attempt_locked(user=user, attempt_id=attempt_id)
        clean = validate_answers(attempt.content, answers or {})
        if not attempt.is_open:
            return attempt
        late = attempt.deadline is not None and now > attempt.deadline
        reason = QuizAttempt.CloseReason.DEADLINE if late else QuizAttempt.CloseReason.SUBMITTED
        _grade(attempt, reason=reason, now=now, last=None if late else clean)
    return attempt


def _own_attempt_locked(*, user, attempt_id: int) -> QuizAttempt:
    """``user``'s attempt with its row locked, and only its row: joining the quiz in a FOR UPDATE would
    lock the quiz's row too and queue every learner submitting that quiz behind one another (the
    submission burst of bench/ measured it). Anyone else's attempt does not exist for them (404)."""
    attempt = (
        QuizAttempt.objects.select_for_update(of=("self",))
        .filter(pk=attempt_id, enrolment__learner_id=user.pk)
        .order_by()
        .first()
    )
    if attempt is None:
        raise NotFound(ATTEMPT_NOT_FOUND, code="not_found")
    return attempt


def _write_answers(attempt: QuizAttempt, answers: dict[str, list[str]], now) -> None:
    existing = {a.question_key: a for a in attempt.answers.filter(question_key__in=list(answers))}
    changed, created = [], []
    for key, chosen in answers.items():
        answer = existing.get(key)
        if answer is None:
            created.append(AttemptAnswer(attempt=attempt, question_key=key, choice_keys=chosen, saved_at=now))
        elif answer.choice_keys != chosen:
            answer.choice_keys, answer.saved_at = chosen, now
            changed.append(answer)
    AttemptAnswer.objects.bulk_create(created)
    AttemptAnswer.objects.bulk_update(changed, ["choice_keys", "saved_at"])


def _grade(attempt: QuizAttempt, *, reason: str, now, last: dict[str, list[str]] | None = None) -> None:
    """Score the saved answers, with ``last`` (the answers sent with the submission, already checked)
    saved first; called with the attempt's row locked and still open.

    One read of the saved answers, then each answer written once with its score: new ones in one
    INSERT, changed ones in one UPDATE (a submission used to read them twice and write them twice).
    """
    saved = {answer.question_key: answer for answer in attempt.answers.all()}
    chosen = {key: answer.choice_keys for key, answer in saved.items()} | (last or {})
    percent, per_question = scoring.score_attempt(attempt.content["items"], chosen)
    created, changed = [], []
    for key, choices in chosen.items():
        score = scoring.as_decimal(per_question[key], places=4)
        answer = saved.get(key)
        if answer is None:
            created.append(
                AttemptAnswer(
                    attempt=attempt, question_key=key, choice_keys=choices, saved_at=now, score=score
                )
            )
            continue
        if answer.choice_keys != choices:
            answer.choice_keys, answer.saved_at = choices, now
        elif answer.score == score:
            continue
        answer.score = score
        changed.append(answer)
    AttemptAnswer.objects.bulk_create(created)
    AttemptAnswer.objects.bulk_update(changed, ["choice_keys", "saved_at", "score"])
    pass_mark = attempt.content.get("pass_mark")
    if pass_mark is None:  # attempts started before the mark was copied into their content
        pass_mark = attempt.quiz.pass_mark
    attempt.score = scoring.as_decimal(percent)
    attempt.passed = scoring.is_pass(percent, pass_mark)
    attempt.state = QuizAttempt.State.GRADED
    attempt.close_reason = reason
    deadline_passed = reason == QuizAttempt.CloseReason.DEADLINE and attempt.deadline is not None
    attempt.closed_at = min(now, attempt.deadline) if deadline_passed else now
    attempt.save(update_fields=["score", "passed", "state", "close_reason", "closed_at"])
    # Graded by the platform (actor None), on the learner's submit or at the deadline (``reason``).
    audit.record(
        actor=None,
        action=audit.Action.QUIZ_GRADED,
        obj=attempt,
        after={
            "enrolment": attempt.enrolment_id,
            "quiz": attempt.quiz_id,
            "score": attempt.score,
            "passed": attempt.passed,
            "reason": reason,
        },
    )


def close_expired_attempts(
    *, now: datetime.datetime | None = None, enrolment: Enrolment | None = None, quiz: Quiz | None = None
) -> int:
    """Grade the open attempts whose deadline has passed, on what was saved in time. Returns how many."""
    now = now or timezone.now()
    expired = QuizAttempt.objects.filter(state=QuizAttempt.State.IN_PROGRESS, deadline__lt=now)
    if enrolment is not None:
        expired = expired.filter(enrolment=enrolment)
    if quiz is not None:
        expired = expired.filter(quiz=quiz)
    closed = 0
    for attempt_id in expired.values_list("pk", flat=True):
        with transaction.atomic():
            attempt = (
                QuizAttempt.objects.select_for_update(of=("self",))
                .select_related("quiz")
                .filter(pk=attempt_id, state=QuizAttempt.State.IN_PROGRESS)
                .first()
            )
            if attempt is not None:
                _grade(attempt, reason=QuizAttempt.CloseReason.DEADLINE, now=now)
                closed += 1
    return closed
