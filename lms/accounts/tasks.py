"""Celery tasks of the accounts app."""

from celery import shared_task

from lms.accounts import services


@shared_task(name="accounts.send_password_reset", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_password_reset_task(user_id: int, language: str = "fr") -> bool:
    return services.send_password_reset(user_id=user_id, language=language)
