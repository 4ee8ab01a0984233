"""Celery tasks of the assessments app: thin, safe to run twice."""

from celery import shared_task

from assessments import services


@shared_task(name="assessments.close_expired_attempts")
def close_expired_attempts_task() -> int:
    """Grade the attempts left open past their deadline (run every minute by Celery beat)."""
    return services.close_expired_attempts()
