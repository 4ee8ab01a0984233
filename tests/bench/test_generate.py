"""The data generator of bench/: exact sizes, valid rows, reproducible from the seed, bulk inserts."""

import hashlib
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import Attendance, Quiz, QuizAttempt, TrainingSession
from assessments.seal import seal_is_intact
from bench.generator import SIZES, AlreadyGenerated, Size, generate, reset
from certificates.models import Certificate, CertificateSequence
from courses.models import Cohort, Enrolment, LessonProgress
from lms.accounts.models import Organisation, User
from lms.accounts.roles import LEARNER

pytestmark = pytest.mark.django_db

# Natural keys only: no auto primary key, no created_at/updated_at.
TABLES = {
    Organisation: ("name", "kind", "departement", "siren"),
    User: ("email", "first_name", "last_name", "password", "organisation__name", "date_joined"),
    Cohort: ("name", "starts_on", "ends_on", "capacity"),
    Enrolment: ("cohort__name", "learner__email", "status", "activated_at"),
    LessonProgress: ("enrolment__learner__email", "lesson__url_path", "started_at", "completed_at"),
    TrainingSession: (
        "cohort__name",
        "date",
        "half_day",
        "title",
        "mode",
        "state",
        "closed_at",
        "closed_by__email",
        "qr_key",
    ),
    Attendance: (
        "session__cohort__name",
        "session__date",
        "session__half_day",
        "enrolment__learner__email",
        "status",
        "arrived_at",
        "left_at",
        "method",
        "attested_at",
        "marked_at",
    ),
    Quiz: ("module__url_path", "title", "pass_mark"),
    QuizAttempt: (
        "enrolment__learner__email",
        "quiz__title",
        "number",
        "state",
        "content",
        "started_at",
        "closed_at",
        "score",
        "passed",
    ),
    Certificate: ("number", "enrolment__learner__email", "verification_id", "holder_name", "issued_at"),
}


def digest() -> dict[str, str]:
    result = {}
    for model, fields in TABLES.items():
        rows = model.objects.order_by(*fields[:4]).values_list(*fields)
        text = json.dumps([list(row) for row in rows], default=str, sort_keys=True)
        result[model.__name__] = hashlib.sha256(text.encode()).hexdigest()
    return result


def test_xs_has_the_sizes_of_quality_md_and_valid_rows():
    counts = generate("XS", 1)
    xs = SIZES["XS"]
    assert User.objects.filter(groups__name=LEARNER).count() == counts["learners"] == xs.learners
    assert Cohort.objects.count() == counts["cohorts"] == xs.cohorts
    assert TrainingSession.objects.count() == counts["sessions"] == xs.sessions
    assert QuizAttempt.objects.count() == counts["quiz_attempts"] == xs.attempts
    for enrolment in Enrolment.objects.select_related("cohort"):
        assert enrolment.cohort.sessions.count() == 6
    assert Enrolment.objects.filter(status=Enrolment.Status.ACTIVE).count() > xs.learners // 2
    # Attendance on closed sessions only, and each closed register's seal checks out.
    assert Attendance.objects.exists()
    assert not Attendance.objects.exclude(session__state=TrainingSession.State.CLOSED).exists()
    assert TrainingSession.objects.filter(state=TrainingSession.State.SCHEDULED).exists()
    for session in TrainingSession.objects.filter(state=TrainingSession.State.CLOSED):
        assert seal_is_intact(session)
    for attempt in QuizAttempt.objects.select_related("quiz"):
        assert attempt.state == QuizAttempt.State.GRADED
        assert 0 <= attempt.score <= 100
        assert attempt.passed == (attempt.score >= attempt.quiz.pass_mark)
        assert attempt.content["pass_mark"] == attempt.quiz.pass_mark
    for certificate in Certificate.objects.all():
        assert certificate.number == f"URH-HDF-{certificate.year}-{certificate.sequence:06d}"
        assert certificate.enrolment.status == Enrolment.Status.COMPLETED
    if Certificate.objects.exists():
        year = Certificate.objects.first().year
        assert CertificateSequence.objects.get(year=year).last >= Certificate.objects.count()


def test_s_builds_exact_counts_and_certificates():
    s = SIZES["S"]
    counts = generate("S", 2)
    assert (counts["learners"], counts["cohorts"], counts["sessions"], counts["quiz_attempts"]) == (
        s.learners,
        s.cohorts,
        s.sessions,
        s.attempts,
    )
    assert Certificate.objects.count() == counts["certificates"] > 0
    assert Certificate.objects.values("verification_id").distinct().count() == counts["certificates"]


def test_same_seed_same_data_other_seed_other_data_and_refusal_without_reset():
    generate("XS", 7)
    first = digest()
    with pytest.raises(AlreadyGenerated):
        generate("XS", 7)
    reset()
    assert not User.objects.filter(email__endswith="@bench.example.org").exists()
    assert not Cohort.objects.exists()
    generate("XS", 7)
    assert digest() == first
    reset()
    generate("XS", 8)
    other = digest()
    assert other != first
    assert other["Organisation"] != first["Organisation"] or other["User"] != first["User"]


def test_inserts_are_bulk_their_number_does_not_grow_with_the_rows():
    def inserts(size) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            generate(size, 3)
        sql = [q["sql"] for q in queries.captured_queries]
        reset()
        return len(sql), sum(1 for s in sql if s.lstrip().upper().startswith("INSERT"))

    xs = SIZES["XS"]
    double = Size("XS2", xs.learners * 2, xs.cohorts * 2, xs.sessions * 2, xs.attempts * 2)
    total_xs, inserts_xs = inserts("XS")
    total_double, inserts_double = inserts(double)
    # Twice the rows (hundreds more) for at most a few more INSERTs: one per extra batch.
    assert inserts_double - inserts_xs <= 5
    assert total_double - total_xs <= 5
