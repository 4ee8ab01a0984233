"""The verdict of a faults run: what the database holds against what the site acknowledged.

quality.md: "After every load run: logged submits == stored attempts, no duplicates, stored scores ==
recomputed, every certificate has its PDF and that PDF verifies." Each check is a SQL count (or a
recomputation from what SQL returns) beside its expected value; a run passes when every one does. The
functions take plain ids and counts, so the tests can run them on a small world with planted faults.
"""

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from bench.faults_load import StatusSummary


@dataclass(frozen=True)
class Check:
    name: str
    expected: object
    actual: object
    ok: bool

    @property
    def verdict(self) -> str:
        return "OK" if self.ok else "ÉCHEC"


def equal(name: str, expected, actual) -> Check:
    return Check(name, expected, actual, expected == actual)


def at_least_one(name: str, actual: int) -> Check:
    return Check(name, "> 0", actual, actual > 0)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values)) or "NULL"


def _scalar(sql: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return cursor.fetchone()[0]


def graded_among(attempt_ids) -> int:
    """How many of these attempts are stored as submitted and graded."""
    from assessments.models import QuizAttempt

    ids = sorted(attempt_ids)
    sql = f"SELECT COUNT(*) FROM {_table(QuizAttempt)} WHERE state = %s AND id IN ({_placeholders(ids)})"  # noqa: S608
    return _scalar(sql, [QuizAttempt.State.GRADED, *ids])


def graded_of_learners(learner_ids) -> int:
    """Graded attempts of these learners, whatever acknowledged them."""
    from assessments.models import QuizAttempt
    from courses.models import Enrolment

    ids = sorted(learner_ids)
    sql = (
        f"SELECT COUNT(*) FROM {_table(QuizAttempt)} a JOIN {_table(Enrolment)} e ON e.id = a.enrolment_id "  # noqa: S608
        f"WHERE a.state = %s AND e.learner_id IN ({_placeholders(ids)})"
    )
    return _scalar(sql, [QuizAttempt.State.GRADED, *ids])


def count_duplicates(table: str, columns: tuple[str, ...], where: str = "") -> int:
    """Groups of rows of ``table`` sharing ``columns`` (beyond what unique constraints promise)."""
    keys = ", ".join(connection.ops.quote_name(c) for c in columns)
    condition = f"WHERE {where}" if where else ""
    sql = (
        f"SELECT COUNT(*) FROM (SELECT {keys} FROM {table} {condition} GROUP BY {keys} HAVING COUNT(*) > 1) d"  # noqa: S608
    )
    return _scalar(sql)


def duplicate_attempts() -> int:
    """(learner's enrolment, quiz, number) used twice, or two attempts open at once on one quiz."""
    from assessments.models import QuizAttempt

    table = _table(QuizAttempt)
    return count_duplicates(table, ("enrolment_id", "quiz_id", "number")) + count_duplicates(
        table, ("enrolment_id", "quiz_id"), where="state = 'in_progress'"
    )


def score_mismatches(learner_ids) -> list[int]:
    """Graded attempts of these learners whose stored score differs from the scoring of their answers."""
    from assessments import scoring
    from assessments.models import AttemptAnswer, QuizAttempt

    attempts = QuizAttempt.objects.filter(
        enrolment__learner_id__in=list(learner_ids), state=QuizAttempt.State.GRADED
    ).values_list("pk", "content", "score")
    answers: dict[int, dict[str, list[str]]] = {}
    rows = AttemptAnswer.objects.filter(attempt__enrolment__learner_id__in=list(learner_ids))
    for attempt_id, key, choices in rows.values_list("attempt_id", "question_key", "choice_keys"):
        answers.setdefault(attempt_id, {})[key] = choices
    wrong = []
    for pk, content, score in attempts:
        percent, _per_question = scoring.score_attempt(content["items"], answers.get(pk, {}))
        if scoring.as_decimal(percent) != score:
            wrong.append(pk)
    return wrong


def certificates_without_exactly_one_pdf() -> list[int]:
    """Certificates whose current PDF version has no document, or more than one."""
    from certificates.models import Certificate, CertificateDocument

    sql = (
        f"SELECT c.id FROM {_table(Certificate)} c LEFT JOIN {_table(CertificateDocument)} d "  # noqa: S608
        "ON d.certificate_id = c.id AND d.version = c.pdf_version GROUP BY c.id HAVING COUNT(d.id) <> 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def pdf_signature_verifies(data: bytes, cert_file: Path) -> bool:
    """The PDF's one signature is intact and valid, trusted on the configured signing certificate."""
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import async_validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from certificates.signing import run_coroutine

    signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
    if len(signatures) != 1:
        return False
    context = ValidationContext(trust_roots=[load_cert_from_pemder(str(cert_file))])
    status = run_coroutine(async_validate_pdf_signature(signatures[0], context))
    return bool(status.intact and status.valid and status.trusted)


def unverified_pdfs() -> list[str]:
    """Current documents whose file is missing, differs from its recorded SHA-256, or fails to verify."""
    from certificates.models import CertificateDocument
    from certificates.signing import configured_pair

    cert_file = configured_pair().cert_file
    bad = []
    documents = CertificateDocument.objects.select_related("certificate").order_by("pk")
    for document in documents:
        if document.version != document.certificate.pdf_version:
            continue
        try:
            with document.file.open("rb") as handle:
                data = handle.read()
        except OSError:
            bad.append(f"{document.certificate.number}: fichier absent")
            continue
        if hashlib.sha256(data).hexdigest() != document.sha256:
            bad.append(f"{document.certificate.number}: empreinte différente")
        elif not pdf_signature_verifies(data, cert_file):
            bad.append(f"{document.certificate.number}: signature invalide")
    return bad


def orphan_pdf_files() -> list[str]:
    """PDF files in the storage that no document row records (a killed rendering's left-over)."""
    from certificates.models import CertificateDocument

    storage = CertificateDocument._meta.get_field("file").storage
    root = Path(storage.location)
    on_disk = {str(p.relative_to(root)) for p in root.rglob("*.pdf")} if root.exists() else set()
    recorded = set(CertificateDocument.objects.values_list("file", flat=True))
    return sorted(on_disk - recorded)


def stamped_heartbeats(heartbeat_ids) -> int:
    from lms.ops.models import Heartbeat

    ids = sorted(heartbeat_ids)
    sql = (
        f"SELECT COUNT(*) FROM {_table(Heartbeat)} "  # noqa: S608
        f"WHERE processed_at IS NOT NULL AND id IN ({_placeholders(ids)})"
    )
    return _scalar(sql, ids)


def data_checks(*, acknowledged: set[int], learner_ids, certificates: int, held_tasks) -> list[Check]:
    from certificates.models import Certificate

    wrong_scores = score_mismatches(learner_ids)
    missing = certificates_without_exactly_one_pdf()
    bad_pdfs = unverified_pdfs()
    orphans = orphan_pdf_files()
    return [
        equal("soumissions acquittées stockées corrigées", len(acknowledged), graded_among(acknowledged)),
        equal(
            "soumissions acquittées == tentatives corrigées",
            len(acknowledged),
            graded_of_learners(learner_ids),
        ),
        equal("doublons (inscription, quiz, numéro)", 0, duplicate_attempts()),
        equal("scores stockés != recalculés", 0, len(wrong_scores)),
        equal("certificats", certificates, Certificate.objects.count()),
        equal("certificats sans exactement un PDF courant", 0, len(missing)),
        equal("PDF absents, altérés ou non vérifiés", 0, len(bad_pdfs)),
        equal("fichiers PDF orphelins", 0, len(orphans)),
        equal(
            "tâches en file traitées après redémarrage de Redis",
            len(held_tasks),
            stamped_heartbeats(held_tasks),
        ),
    ]


def status_checks(summary: StatusSummary) -> list[Check]:
    checks = [
        equal("réponses 500 (ou 5xx autre que 503)", 0, summary.server_errors),
        equal("503 hors des coupures", 0, summary.unavailable_outside),
        equal("requêtes sans réponse HTTP", 0, summary.network_errors),
    ]
    checks += [
        at_least_one(f"503 pendant la coupure {label}", n) for label, n in summary.unavailable_during.items()
    ]
    return checks


def print_table(checks: list[Check], write=print) -> None:
    width = max(len(c.name) for c in checks)
    write(f"{'check':<{width}}  {'expected':>10}  {'actual':>10}  verdict")
    for check in checks:
        write(f"{check.name:<{width}}  {check.expected!s:>10}  {check.actual!s:>10}  {check.verdict}")
