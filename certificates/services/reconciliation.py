"""Reconciliation: a certificate still without the PDF of its current version gets its rendering
enqueued again (run every 15 minutes by Celery beat, task ``certificates.reconcile``).

Rendering is enqueued on commit and acknowledged late, yet a PDF can still go missing: a broker
emptied, a message expired, a worker killed while Redis keeps the message unacknowledged for its
visibility timeout. Only certificates untouched for ``CERTIFICATE_RECONCILE_AFTER_MINUTES`` are taken,
so that a rendering just enqueued is not doubled; a doubled one would find the document anyway.
"""

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.db.models import Exists
from django.utils import timezone

from certificates.models import Certificate, current_document_subquery

logger = logging.getLogger(__name__)


def certificates_missing_pdf(*, older_than: datetime.timedelta):
    """Certificates with no document for their current ``pdf_version``, unchanged for ``older_than``."""
    return Certificate.objects.filter(updated_at__lte=timezone.now() - older_than).exclude(
        Exists(current_document_subquery())
    )


def reconcile_certificates(
    *, older_than: datetime.timedelta | None = None, enqueue: Callable[[int], object] | None = None
) -> int:
    """Enqueue the rendering of every certificate missing its PDF; returns how many were enqueued.

    ``enqueue`` sends one certificate id (default: ``render_certificate_task.delay``).
    """
    if older_than is None:
        older_than = datetime.timedelta(minutes=settings.CERTIFICATE_RECONCILE_AFTER_MINUTES)
    if enqueue is None:
        from certificates.tasks import render_certificate_task

        enqueue = render_certificate_task.delay
    ids = list(certificates_missing_pdf(older_than=older_than).order_by("pk").values_list("pk", flat=True))
    for certificate_id in ids:
        enqueue(certificate_id)
    if ids:
        logger.warning("certificates without their PDF, rendering enqueued again: %s", ids)
    return len(ids)
