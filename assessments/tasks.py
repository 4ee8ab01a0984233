"""Celery tasks of the assessments app: thin, safe to run twice."""

from celery import shared_task

from assessments import services


@shared_task(name="assessments.close_expired_attempts")
def close_expired_attempts_task() -> int:
    """Grade the attempts left open past their deadline (run every minute by Celery beat)."""
    return services.close_expired_attempts()


@shared_task(
    name="assessments.notify_low_attendance",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notify_low_attendance_task(session_id: int) -> int:
    """E-mail, after a session's closing, the learners left below the attendance threshold."""
    # Imported here: the attendance services enqueue this task, so they import this module.
    from assessments.services.attendance_mail import notify_low_attendance

    return notify_low_attendance(session_id=session_id)


@shared_task(
    name="assessments.notify_session_reminders", autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def notify_session_reminders_task() -> int:
    """Remind the learners of their sessions in the coming days (each morning; sends nothing twice)."""
    from assessments.notifications import notify_session_reminders

    return notify_session_reminders()


@shared_task(
    name="assessments.notify_quiz_deadlines", autoretry_for=(OSError,), retry_backoff=True, max_retries=5
)
def notify_quiz_deadlines_task() -> int:
    """Remind the learners of the quizzes to pass before their cohort ends (each morning)."""
    from assessments.notifications import notify_quiz_deadlines

    return notify_quiz_deadlines()


# --- Satisfaction surveys (assessments.services.surveys) ---


@shared_task(name="assessments.create_session_surveys")
def create_session_surveys_task() -> int:
    """Open the surveys of the sessions closed long enough ago, then e-mail them (every 15 minutes)."""
    from django.db import transaction

    from assessments.models import SurveyKind
    from assessments.services import surveys

    with transaction.atomic():
        created = surveys.create_due_session_surveys()
        surveys.enqueue_invitations(surveys.unsent_request_ids(kind=SurveyKind.SESSION))
    return created


@shared_task(
    name="assessments.send_survey_invitation",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_survey_invitation_task(request_id: int) -> bool:
    """E-mail one survey's link (nothing if it already went out)."""
    from assessments.services.surveys import send_survey_invitation

    return send_survey_invitation(request_id=request_id)


@shared_task(name="assessments.send_survey_reminders")
def send_survey_reminders_task() -> int:
    """Enqueue the one reminder of each unanswered survey that is due for it (daily)."""
    from django.db import transaction

    from assessments.services.surveys import due_reminder_ids

    ids = due_reminder_ids()
    for request_id in ids:
        transaction.on_commit(lambda pk=request_id: send_survey_reminder_task.delay(pk))
    return len(ids)


@shared_task(
    name="assessments.send_survey_reminder",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_survey_reminder_task(request_id: int) -> bool:
    """Send one survey's reminder (nothing if answered, closed or already reminded)."""
    from assessments.services.surveys import send_survey_reminder

    return send_survey_reminder(request_id=request_id)
