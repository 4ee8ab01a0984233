"""A Celery worker killed (SIGKILL) in the middle of rendering a certificate: the certificate still ends
with exactly one PDF, one document row and one file (quality.md, resilience).

The first worker renders with ``CERTIFICATE_RENDER_DELAY``: it stores the file, logs it, then waits
before recording the row; it is killed during that wait, so its transaction never commits and its file
is an orphan. Redis keeps the unacknowledged message for its visibility timeout (an hour), so the
reconciliation sends the rendering again, here to a second worker on this test's own queue. That
worker must replace the orphan file, record one row and send the e-mail once.

Works on SQLite (``make test``) and PostgreSQL (CI). Redis must be reachable: in CI (``CI`` set) an
unreachable Redis fails the run instead of skipping.
"""

import datetime
import hashlib
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery

from certificates.models import CertificateDocument
from certificates.services import issuance
from certificates.services.reconciliation import reconcile_certificates
from certificates.services.rendering import document_name
from lms.ops.models import SentMessage
from tests.conftest import build_tree
from tests.factories import CohortFactory, EnrolmentFactory
from tests.factories.certificates import issued_certificate
from tests.integration.workers import start_worker

RENDER_DELAY = 3
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def start_render_worker(*, broker: str, queue: str, media: Path, log_path: Path, delay: int):
    environment = {"TEST_MEDIA_ROOT": str(media), "CERTIFICATE_RENDER_DELAY": str(delay)}
    return start_worker(
        broker=broker, queue=queue, log_path=log_path, name=f"{queue}-{delay}", environment=environment
    )


def wait_for(condition, *, seconds: float, worker: subprocess.Popen, log_path: Path, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        assert worker.poll() is None, f"le worker s'est arrêté :\n{log_path.read_text()}"
        time.sleep(0.1)
    pytest.fail(f"{what} : rien en {seconds} s\n{log_path.read_text()}")


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
        worker.wait(timeout=30)


def test_a_worker_killed_mid_rendering_leaves_exactly_one_pdf(
    redis_url, wagtail_base, tmp_path, settings, monkeypatch
):
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    tree = build_tree(modules=1, lessons_per_module=1)
    # Issue without the in-process (eager) rendering: the workers below do it.
    monkeypatch.setattr(issuance, "enqueue_rendering", lambda certificate: None)
    certificate = issued_certificate(EnrolmentFactory(cohort=CohortFactory(programme=tree.programme)))
    orphan = media / document_name(certificate, 1)
    queue = f"test-certificates-{uuid.uuid4().hex[:12]}"
    sender = Celery("lms-test-sender", broker=redis_url)
    first_log, second_log = tmp_path / "worker-1.log", tmp_path / "worker-2.log"

    first = start_render_worker(
        broker=redis_url, queue=queue, media=media, log_path=first_log, delay=RENDER_DELAY
    )
    try:
        sender.send_task("certificates.render", args=[certificate.pk], queue=queue)
        started = f"{certificate.number}: v1 stored"
        wait_for(lambda: started in first_log.read_text(), seconds=25, worker=first, log_path=first_log,
                 what="rendu commencé")  # fmt: skip
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        stop(first)
    assert orphan.exists()  # the killed rendering had stored its file...
    assert not CertificateDocument.objects.filter(certificate=certificate).exists()  # ...not its row

    second = start_render_worker(broker=redis_url, queue=queue, media=media, log_path=second_log, delay=0)
    try:
        send = lambda pk: sender.send_task("certificates.render", args=[pk], queue=queue)  # noqa: E731
        assert reconcile_certificates(older_than=datetime.timedelta(0), enqueue=send) == 1
        key = f"certificate-pdf:{certificate.pk}:v1"
        wait_for(lambda: SentMessage.objects.filter(key=key).exists(), seconds=25, worker=second,
                 log_path=second_log, what="PDF rendu et envoyé")  # fmt: skip
    finally:
        stop(second)
        sender.close()

    [document] = CertificateDocument.objects.filter(certificate=certificate)
    assert document.file.name == document_name(certificate, 1)
    assert [path.name for path in orphan.parent.iterdir()] == [orphan.name]
    content = orphan.read_bytes()
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.emailed_at is not None
    assert SentMessage.objects.filter(key=f"certificate-pdf:{certificate.pk}:v1").count() == 1
