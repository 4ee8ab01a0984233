"""Rendering: a certificate's current PDF version becomes exactly one signed, stored document, then is
e-mailed to its holder once.

Safe to run twice, concurrently, or after a worker was killed half-way:

- the certificate row is locked for the whole rendering (``select_for_update``; on SQLite, which ignores
  it, a no-op UPDATE takes the database's write lock), so a second run waits, then finds the document;
- the file has a deterministic name (``certificats/<year>/<number>-v<version>.pdf``): a file left by a
  killed worker, whose row was rolled back, is replaced rather than kept beside a suffixed copy;
- the e-mail goes after the commit, keyed by certificate and version (``send_once``); a run that finds
  the document not yet e-mailed sends it.

``CERTIFICATE_RENDER_DELAY`` (seconds, 0 by default) pauses between storing the file and recording it:
the integration test and ``make faults`` (``bench.faults``) kill a worker during that pause. Nothing else
sets it; production never does.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from certificates.links import verification_url
from certificates.models import Certificate, CertificateDocument
from certificates.pdf.data import CertificateData
from certificates.pdf.renderer import CertificateRenderer
from certificates.signing import sign_pdf, signing_is_demo
from lms.notifications.services import send_notification

logger = logging.getLogger(__name__)


def render_certificate(*, certificate_id: int) -> CertificateDocument | None:
    """The document of the certificate's current PDF version, rendered if missing; ``None`` (logged)
    for an unknown certificate. The holder is e-mailed once the transaction commits."""
    with transaction.atomic():
        certificate = _locked(certificate_id)
        if certificate is None:
            logger.warning("certificate %s: unknown, nothing to render", certificate_id)
            return None
        document = certificate.current_document()
        if document is None:
            document = _render(certificate)
    if document.emailed_at is None:
        document_id = document.pk
        transaction.on_commit(lambda: email_document(document_id=document_id))
    return document


def email_document(*, document_id: int) -> bool:
    """E-mail the PDF to the holder of a valid certificate, at most once per version (the essential
    ``certificate_issued`` kind of ``lms.notifications``)."""
    document = CertificateDocument.objects.select_related("certificate__holder__notification_preference").get(
        pk=document_id
    )
    certificate = document.certificate
    if not certificate.is_valid or certificate.holder_erased or not certificate.holder.email:
        return False
    with document.file.open("rb") as handle:
        pdf = handle.read()
    sent = send_notification(
        "certificate_issued",
        to=certificate.holder,
        key=f"certificate-pdf:{certificate.pk}:v{document.version}",
        context={
            "certificate": certificate,
            "document": document,
            "verification_url": verification_url(certificate.verification_id),
            "subject_args": {"number": certificate.number},
        },
        attachments=[(f"{certificate.number}.pdf", pdf, "application/pdf")],
    )
    if sent:
        CertificateDocument.objects.filter(pk=document.pk).update(emailed_at=timezone.now())
    return sent


def document_name(certificate: Certificate, version: int) -> str:
    field = CertificateDocument._meta.get_field("file")
    return field.generate_filename(CertificateDocument(certificate=certificate, version=version), "c.pdf")


def _locked(certificate_id: int) -> Certificate | None:
    if not connection.features.has_select_for_update:
        # SQLite: take the write lock now, so that a concurrent rendering waits here.
        Certificate.objects.filter(pk=certificate_id).update(pdf_version=F("pdf_version"))
    return Certificate.objects.select_for_update().filter(pk=certificate_id).first()


def _render(certificate: Certificate) -> CertificateDocument:
    demo = signing_is_demo()
    data = CertificateData.from_certificate(certificate, demo_signature=demo)
    content = sign_pdf(CertificateRenderer(data).render())
    version = certificate.pdf_version
    name = _store(document_name(certificate, version), content)
    logger.info("certificate %s: v%s stored as %s", certificate.number, version, name)
    if settings.CERTIFICATE_RENDER_DELAY:
        time.sleep(settings.CERTIFICATE_RENDER_DELAY)
    return CertificateDocument.objects.create(
        certificate=certificate,
        version=version,
        file=name,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        holder_name=certificate.holder_name,
        demo_signature=demo,
        rendered_at=timezone.now(),
    )


def _store(name: str, content: bytes) -> str:
    """Save under exactly ``name``, replacing a file left by a rendering that did not commit."""
    storage = CertificateDocument._meta.get_field("file").storage
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(content))
    if saved != name:  # another process wrote it in between: the lock above makes this a bug
        raise RuntimeError(f"certificate PDF stored as {saved!r} instead of {name!r}")
    return saved
