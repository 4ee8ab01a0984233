"""Rendering a certificate into its stored, signed PDF; the e-mail to its holder; reconciliation and
the tasks. Certificates are issued through the real service (``issued_certificate``); its on-commit
rendering does not run inside a test's transaction, so each test renders when it means to."""

import datetime
import hashlib
import io
import logging

import pypdf
import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature

from certificates import signing, tasks
from certificates.links import verification_url
from certificates.models import Certificate, CertificateDocument
from certificates.services.reconciliation import reconcile_certificates
from certificates.services.rendering import document_name, email_document, render_certificate
from lms.ops.models import SentMessage
from tests.factories import CohortFactory, EnrolmentFactory
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def certificate(tree) -> Certificate:
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    return issued_certificate(enrolment)


def stored_bytes(document: CertificateDocument) -> bytes:
    with default_storage.open(document.file.name, "rb") as handle:
        return handle.read()


def test_rendering_stores_one_signed_pdf_of_the_current_version(certificate):
    document = render_certificate(certificate_id=certificate.pk)

    content = stored_bytes(document)
    assert document.version == 1
    assert document.file.name == f"certificats/{certificate.year}/{certificate.number}-v1.pdf"
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.size == len(content)
    assert document.holder_name == certificate.holder_name
    assert document.demo_signature  # the test settings use a demo pair
    assert document.rendered_at is not None
    text = " ".join(pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text().split())
    for expected in (certificate.holder_name, certificate.number, certificate.programme_title, "21 heures"):
        assert expected in text
    assert verification_url(certificate.verification_id) in text
    assert "Signature de démonstration" in text
    [signature] = PdfFileReader(io.BytesIO(content)).embedded_signatures
    assert signing.run_coroutine(async_validate_pdf_signature(signature)).intact


def test_rendering_twice_gives_the_same_single_document(certificate):
    first = render_certificate(certificate_id=certificate.pk)
    second = render_certificate(certificate_id=certificate.pk)

    assert second.pk == first.pk
    assert CertificateDocument.objects.filter(certificate=certificate).count() == 1


def test_a_file_left_by_a_killed_rendering_is_replaced_not_suffixed(certificate):
    name = document_name(certificate, 1)
    default_storage.save(name, io.BytesIO(b"half a PDF"))

    document = render_certificate(certificate_id=certificate.pk)

    assert document.file.name == name
    assert stored_bytes(document).startswith(b"%PDF-")
    assert default_storage.listdir(f"certificats/{certificate.year}")[1] == [name.rsplit("/", 1)[1]]


def test_a_new_version_adds_a_document_and_keeps_the_first_file(certificate):
    first = render_certificate(certificate_id=certificate.pk)
    first_content = stored_bytes(first)
    Certificate.objects.filter(pk=certificate.pk).update(holder_name="Camille Martin-Durand", pdf_version=2)

    second = render_certificate(certificate_id=certificate.pk)

    assert (second.version, second.holder_name) == (2, "Camille Martin-Durand")
    assert second.file.name.endswith("-v2.pdf")
    assert stored_bytes(first) == first_content
    assert list(certificate.documents.order_by("version").values_list("version", flat=True)) == [1, 2]


def test_an_unknown_certificate_is_logged_and_gives_none(caplog):
    with caplog.at_level(logging.WARNING, logger="certificates.services.rendering"):
        assert render_certificate(certificate_id=987654) is None
        assert tasks.render_certificate_task(987654) is None
    assert "987654" in caplog.text


def test_the_holder_gets_one_email_with_the_pdf(certificate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = render_certificate(certificate_id=certificate.pk)
    with django_capture_on_commit_callbacks(execute=True):
        render_certificate(certificate_id=certificate.pk)  # a retried task
    assert not email_document(document_id=document.pk)  # and a second send

    [message] = mail.outbox
    assert message.to == [certificate.holder.email]
    assert certificate.number in message.subject
    link = verification_url(certificate.verification_id)
    assert link in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and f'href="{link}"' in html
    [(filename, content, attachment_type)] = message.attachments
    assert (filename, attachment_type) == (f"{certificate.number}.pdf", "application/pdf")
    document.refresh_from_db()
    assert content == stored_bytes(document)
    assert document.emailed_at is not None
    assert SentMessage.objects.filter(key=f"certificate-pdf:{certificate.pk}:v1").count() == 1


def test_a_revoked_certificate_is_rendered_but_not_emailed(certificate, django_capture_on_commit_callbacks):
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.REVOKED, status_reason="Fraude"
    )
    with django_capture_on_commit_callbacks(execute=True):
        document = render_certificate(certificate_id=certificate.pk)

    assert document is not None
    assert mail.outbox == []


def make_old(*certificates) -> None:
    old = timezone.now() - datetime.timedelta(hours=1)
    Certificate.objects.filter(pk__in=[c.pk for c in certificates]).update(updated_at=old, created_at=old)


def test_reconciliation_enqueues_only_certificates_missing_their_pdf(tree):
    cohort = CohortFactory(programme=tree.programme)
    rendered, missing, recent = (issued_certificate(EnrolmentFactory(cohort=cohort)) for _ in range(3))
    render_certificate(certificate_id=rendered.pk)
    make_old(rendered, missing)
    enqueued = []

    assert reconcile_certificates(enqueue=enqueued.append) == 1
    assert enqueued == [missing.pk]

    # A version asked for and not rendered yet is missing too.
    Certificate.objects.filter(pk=rendered.pk).update(pdf_version=2)
    make_old(rendered)
    enqueued.clear()
    assert reconcile_certificates(enqueue=enqueued.append) == 2
    assert sorted(enqueued) == sorted([rendered.pk, missing.pk])
    assert recent.pk not in enqueued


def test_the_reconcile_task_renders_what_is_missing(tree):
    cohort = CohortFactory(programme=tree.programme)
    rendered, missing = (issued_certificate(EnrolmentFactory(cohort=cohort)) for _ in range(2))
    render_certificate(certificate_id=rendered.pk)
    make_old(rendered, missing)

    assert tasks.reconcile_certificates_task() == 1  # tasks run eagerly in tests

    assert missing.documents.count() == 1
    assert rendered.documents.count() == 1
    assert tasks.reconcile_certificates_task() == 0


def test_the_render_task_returns_the_document_id(certificate):
    document_id = tasks.render_certificate_task(certificate.pk)
    assert CertificateDocument.objects.get(pk=document_id).certificate_id == certificate.pk


def test_the_expire_task_expires_what_is_due(certificate):
    past = timezone.localdate() - datetime.timedelta(days=10)
    Certificate.objects.filter(pk=certificate.pk).update(valid_from=past, valid_until=past)

    assert tasks.expire_certificates_task() == 1

    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.EXPIRED


def test_issuing_enqueues_the_rendering_on_commit(tree, django_capture_on_commit_callbacks):
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        certificate = issued_certificate(enrolment)

    assert callbacks
    assert certificate.documents.count() == 1  # the task ran eagerly once the issue committed
    assert len(mail.outbox) == 1
