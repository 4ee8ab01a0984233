"""Celery tasks of the courses app: thin, take ids, safe to run twice."""

from celery import shared_task

from courses.services import mail


@shared_task(
    name="courses.send_invitation",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def send_invitation_task(invitation_id: int) -> bool:
    return mail.send_invitation(invitation_id=invitation_id)
