"""Celery tasks of the certification app: thin, take ids, safe to run twice."""

from celery import shared_task


@shared_task(
    name="certificates.render",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
    reject_on_worker_lost=True,
)
def render_certificate_task(certificate_id: int) -> int | None:
    """Render, sign, store and e-mail the certificate's current PDF version (idempotent)."""
    from certificates.services.rendering import render_certificate

    document = render_certificate(certificate_id=certificate_id)
    return document.pk if document is not None else None
