"""The periodic notifications of the assessments app: the session reminder and the quizzes' deadline
(kinds ``session_reminder`` and ``quiz_deadline`` of ``lms.notifications.catalogue``).

Run each morning by the thin tasks of ``assessments.tasks`` (schedule in ``CELERY_BEAT_SCHEDULE``).
Each scan catches up: it covers every day up to its horizon, not one day only, so a run missed (worker
down) or a session added late still gets its reminder; the message keys make a second run, or a retry,
send nothing. A key names the date too: a session moved to another day is announced again.

Each scan reads in a fixed number of queries whatever the number of learners (one more per programme
for the quiz deadline); sending costs what ``send_notification`` needs per message.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from assessments.models import QuizAttempt, TrainingSession
from assessments.selectors.results import programme_quizzes
from courses.models import Cohort, Enrolment
from lms.notifications.services import already_sent, send_notification


def notify_session_reminders(*, today: datetime.date | None = None) -> int:
    """Remind each active learner of the scheduled sessions of their cohort in the next
    ``NOTIFY_SESSION_REMINDER_DAYS`` days (not today's: too late); returns how many were sent."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.NOTIFY_SESSION_REMINDER_DAYS)
    sessions = list(
        TrainingSession.objects.filter(
            state=TrainingSession.State.SCHEDULED, date__gt=today, date__lte=horizon
        )
        .select_related("cohort__programme")
        .order_by("date", "starts_at", "pk")
    )
    if not sessions:
        return 0
    learners = _active_enrolments({session.cohort_id for session in sessions})
    pairs = {
        f"session-reminder:{session.pk}:{session.date:%Y%m%d}:{enrolment.pk}": (session, enrolment)
        for session in sessions
        for enrolment in learners[session.cohort_id]
    }
    url = _absolute("assessments:my-sessions")
    done = already_sent(pairs)
    sent = 0
    for key, (session, enrolment) in pairs.items():
        if key in done:
            continue
        sent += send_notification(
            "session_reminder",
            to=enrolment.learner,
            key=key,
            context={
                "learner": enrolment.learner,
                "session": session,
                "cohort": session.cohort,
                "programme": session.cohort.programme,
                "url": url,
                "subject_args": {"session": session.title, "date": session.date},
            },
        )
    return sent


def notify_quiz_deadlines(*, today: datetime.date | None = None) -> int:
    """Remind each active learner who has not passed every quiz of the programme that their cohort ends
    within ``NOTIFY_QUIZ_DEADLINE_DAYS`` days (our data has no due date per quiz: the cohort's end is
    the deadline), with the list of the quizzes still to pass; returns how many were sent."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=settings.NOTIFY_QUIZ_DEADLINE_DAYS)
    cohorts = list(
        Cohort.objects.filter(ends_on__gte=today, ends_on__lte=horizon)
        .select_related("programme")
        .order_by("ends_on", "pk")
    )
    if not cohorts:
        return 0
    quizzes = _quizzes_by_programme(cohorts)
    learners = _active_enrolments({cohort.pk for cohort in cohorts})
    passed = _passed_quizzes([e.pk for group in learners.values() for e in group])
    pending = {}
    for cohort in cohorts:
        for enrolment in learners[cohort.pk]:
            missing = [
                q["title"] for q in quizzes[cohort.programme_id] if q["id"] not in passed[enrolment.pk]
            ]
            if missing:
                pending[f"quiz-deadline:{cohort.pk}:{cohort.ends_on:%Y%m%d}:{enrolment.pk}"] = (
                    cohort,
                    enrolment,
                    missing,
                )
    url = _absolute("courses:dashboard")
    done = already_sent(pending)
    sent = 0
    for key, (cohort, enrolment, missing) in pending.items():
        if key in done:
            continue
        sent += send_notification(
            "quiz_deadline",
            to=enrolment.learner,
            key=key,
            context={
                "learner": enrolment.learner,
                "cohort": cohort,
                "programme": cohort.programme,
                "deadline": cohort.ends_on,
                "quizzes": missing,
                "url": url,
                "subject_args": {"date": cohort.ends_on},
            },
        )
    return sent


def _active_enrolments(cohort_ids) -> dict[int, list[Enrolment]]:
    """{cohort id: its active enrolments, with the learner and their e-mail preference} (1 query)."""
    grouped = defaultdict(list)
    enrolments = (
        Enrolment.objects.filter(cohort_id__in=cohort_ids, status=Enrolment.Status.ACTIVE)
        .select_related("learner__notification_preference")
        .order_by("pk")
    )
    for enrolment in enrolments:
        grouped[enrolment.cohort_id].append(enrolment)
    return grouped


def _quizzes_by_programme(cohorts) -> dict[int, list[dict]]:
    """{programme id: its quizzes, in module order} (1 query per programme)."""
    programmes = {cohort.programme_id: cohort.programme for cohort in cohorts}
    return {pk: programme_quizzes(programme) for pk, programme in programmes.items()}


def _passed_quizzes(enrolment_ids) -> dict[int, set[int]]:
    """{enrolment id: ids of the quizzes it passed} (1 query)."""
    passed = defaultdict(set)
    rows = (
        QuizAttempt.objects.filter(enrolment_id__in=enrolment_ids, passed=True)
        .values_list("enrolment_id", "quiz_id")
        .distinct()
        .order_by()
    )
    for enrolment_id, quiz_id in rows:
        passed[enrolment_id].add(quiz_id)
    return passed


def _absolute(name: str) -> str:
    return f"{settings.SITE_URL}{reverse(name)}"
