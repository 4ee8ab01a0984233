"""Bulk issuance of 1 000 certificates: the same 1 000 rendered, signed, stored and e-mailed first in this
single process, then again by 2 Celery worker processes fed through Redis: >= 1.6x the single rate.

Before, between and after the two runs the documents are deleted (rows and files), so both produce
the same work and the next run starts from the same state. Checked after the parallel run: every
certificate has exactly one document and a sample of the PDFs verifies (pyHanko: intact, valid,
trusted by the configured signing certificate).
"""

import io
import random
import time

from bench.results import Result
from bench.server import start_worker

TIMEOUT_SECONDS = 600


def _certificates(count: int) -> list[int]:
    from certificates.models import Certificate

    return list(
        Certificate.objects.filter(status=Certificate.Status.VALID)
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )


def _forget_documents(ids: list[int]) -> None:
    from certificates.models import CertificateDocument

    documents = CertificateDocument.objects.filter(certificate_id__in=ids)
    for document in documents:
        document.file.delete(save=False)
    documents.delete()


def _verifies(data: bytes) -> bool:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from certificates.signing import configured_pair, run_coroutine

    reader = PdfFileReader(io.BytesIO(data))
    [signature] = reader.embedded_signatures
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(configured_pair().cert_file))])
    status = run_coroutine(async_validate_pdf_signature(signature, context))
    return bool(status.intact and status.valid and status.trusted)


def _wait_for_workers(expected: int, timeout: float = 60) -> None:
    from lms.celery import app

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(app.control.ping(timeout=1.0) or []) >= expected:
            return
    raise RuntimeError(f"{expected} workers Celery attendus, pas de réponse après {timeout:g} s")


def run(ctx, count: int = 1000) -> Result:
    from django.db.models import Count

    from certificates.models import CertificateDocument
    from certificates.services.rendering import render_certificate
    from certificates.tasks import render_certificate_task

    if ctx.quick:
        count = min(count, 40)
    ids = _certificates(count)  # all of them below L (S has a dozen): the ratio then says little
    if not ids:
        raise RuntimeError("aucun certificat valide à cette taille : générez au moins la taille M")
    _forget_documents(ids)
    render_certificate(certificate_id=ids[0])  # warm-up: fonts, key, imports
    _forget_documents(ids[:1])

    began = time.perf_counter()
    for pk in ids:
        render_certificate(certificate_id=pk)
    single = len(ids) / (time.perf_counter() - began)
    _forget_documents(ids)

    workers = [start_worker(ctx.env, f"banc{n}", concurrency=1) for n in (1, 2)]
    try:
        _wait_for_workers(2)
        documents = CertificateDocument.objects.filter(certificate_id__in=ids)
        began = time.perf_counter()
        for pk in ids:
            render_certificate_task.delay(pk)
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while documents.count() < len(ids) and time.monotonic() < deadline:
            time.sleep(0.1)
        parallel = documents.count() / (time.perf_counter() - began)
    finally:
        for worker in workers:
            worker.stop()

    per_certificate = dict(
        CertificateDocument.objects.filter(certificate_id__in=ids)
        .values_list("certificate_id")
        .annotate(n=Count("pk"))
    )
    sample = random.Random(1).sample(ids, min(10, len(ids)))
    verified = sum(
        _verifies(document.file.read())
        for document in CertificateDocument.objects.filter(certificate_id__in=sample)
    )
    _forget_documents(ids)  # the next run starts from the same state
    return Result(
        scenario="bulk_issuance",
        size=f"N={len(ids)}",
        value=parallel,
        baseline=single,
        unit="cert/s",
        target=1.6,
        checks={
            "one_pdf_each": len(per_certificate) == len(ids) and set(per_certificate.values()) == {1},
            "sample_verifies": verified == len(sample),
        },
        notes=[
            *(
                []
                if len(ids) == count
                else [f"seulement {len(ids)} certificats à cette taille (au lieu de {count})"]
            ),
            f"un processus : {single:.1f} certificats/s ; 2 workers Celery (Redis, concurrence 1 chacun) : "
            f"{parallel:.1f} certificats/s, file comprise",
            f"{verified}/{len(sample)} PDF tirés au hasard vérifiés par pyHanko "
            "(intact, valide, de confiance)",
        ],
    )
