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


@shared_task(name="certificates.reconcile")
def reconcile_certificates_task() -> int:
    """Enqueue again the rendering of certificates still without their PDF (every 15 minutes)."""
    from certificates.services.reconciliation import reconcile_certificates

    return reconcile_certificates()


@shared_task(name="certificates.expire")
def expire_certificates_task() -> int:
    """Mark expired the certificates whose validity has ended (nightly)."""
    from certificates.services.lifecycle import expire_due

    return expire_due()


@shared_task(
    name="certificates.notify_eligibility_reached",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def notify_eligibility_reached_task() -> int:
    """Tell the candidates who now meet every certification rule, once each (each morning)."""
    from certificates.notifications import notify_eligibility_reached

    return notify_eligibility_reached()


@shared_task(name="certificates.notify_expiring", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_expiring_certificates_task() -> int:
    """Tell the holders of valid certificates whose validity ends soon, once each (each morning)."""
    from certificates.notifications import notify_expiring_certificates

    return notify_expiring_certificates()


@shared_task(name="certificates.create_follow_up_surveys")
def create_follow_up_surveys_task() -> int:
    """Open the follow-up survey of the certificates issued long enough ago, and e-mail it (daily)."""
    from certificates.follow_up import create_follow_up_surveys

    return create_follow_up_surveys()
