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
