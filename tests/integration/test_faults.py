"""The building blocks of ``make faults`` (bench/faults*.py), cheaply: the full run restarts servers and
takes two minutes, so it is run by hand (README, « Pannes simulées »), not in the suite.

What is checked here is what the run's verdict rests on: the statuses are put against the right outage
windows, each SQL check sees the fault it is meant to see (an acknowledged submit not stored, a wrong
score, a duplicate, a certificate without PDF, a tampered or orphan PDF), the load's session and form
are accepted by the real views, and a killed child takes its whole process group with it.
"""

import hashlib
import random
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from assessments import services
from assessments.models import QuizAttempt
from bench import faults_checks as checks
from bench.faults_load import Load, Outage, Response, classify, form_answers
from bench.faults_stack import Child
from bench.faults_world import Learner, quiz_plan
from bench.world import logins
from certificates.models import CertificateDocument
from certificates.services import issuance
from certificates.services.rendering import render_certificate
from lms.ops.models import Heartbeat
from tests.conftest import build_tree
from tests.factories import CohortFactory, EnrolmentFactory, QuizFactory
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.integration


def answered(status, started, ended=None):
    return Response("submit", started, ended if ended is not None else started + 0.1, status)


# --- statuses against outages ---


def test_503s_are_put_inside_or_outside_the_outage_windows():
    postgres, redis = Outage("PostgreSQL", down_at=10, up_at=15), Outage("Redis", down_at=30, up_at=33)
    responses = [
        answered(200, 9),
        answered(503, 9.9, 10.2),  # started before the stop, answered during it
        answered(503, 12),
        answered(503, 17.5),  # within the 3 s of grace after recovery
        answered(503, 19),  # PostgreSQL long back: a 503 here is a fault
        answered(503, 31),
        answered(500, 20),
        answered(None, 21),
        answered(302, 12),
    ]
    summary = classify(responses, [postgres, redis], grace=3)
    assert summary.total == 9
    assert summary.unavailable_during == {"PostgreSQL": 3, "Redis": 1}
    assert summary.unavailable_outside == 1
    assert summary.server_errors == 1
    assert summary.network_errors == 1
    verdicts = {c.name: c.ok for c in checks.status_checks(summary)}
    assert verdicts == {
        "réponses 500 (ou 5xx autre que 503)": False,
        "503 hors des coupures": False,
        "requêtes sans réponse HTTP": False,
        "503 pendant la coupure PostgreSQL": True,
        "503 pendant la coupure Redis": True,
    }


def test_an_outage_without_any_503_fails_and_a_clean_run_passes():
    """No 503 during an outage means the fault was not exercised: the run must not pass."""
    outage = Outage("Redis", down_at=10, up_at=12)
    summary = classify([answered(200, 11), answered(302, 20)], [outage])
    assert [c.name for c in checks.status_checks(summary) if not c.ok] == ["503 pendant la coupure Redis"]
    summary = classify([answered(503, 11), answered(302, 20)], [outage])
    assert all(c.ok for c in checks.status_checks(summary))


def test_an_outage_never_recovered_covers_every_later_503():
    summary = classify([answered(503, 100)], [Outage("PostgreSQL", down_at=10)])
    assert summary.unavailable_during == {"PostgreSQL": 1}
    assert summary.unavailable_outside == 0


# --- the SQL checks on a small world ---


@pytest.fixture
def quiz_world(tree):
    quiz = QuizFactory(module=tree.modules[0], attempts_allowed=3)
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    return quiz, enrolment.learner


def take(quiz, learner, *, submit: bool) -> QuizAttempt:
    attempt = services.start_attempt(user=learner, quiz=quiz)
    if submit:
        plan = quiz_plan(quiz)
        # The last choice of every sample question is a wrong one: the quiz stays open for another try.
        answers = {key: [choices[-1]] for key, _kind, choices in plan.questions}
        attempt = services.submit_attempt(user=learner, attempt_id=attempt.pk, answers=answers)
    return attempt


@pytest.mark.django_db
def test_an_acknowledged_submit_not_stored_as_graded_is_seen(quiz_world):
    quiz, learner = quiz_world
    graded = take(quiz, learner, submit=True)
    still_open = take(quiz, learner, submit=False)
    assert checks.graded_among({graded.pk}) == 1
    assert checks.graded_among({graded.pk, still_open.pk}) == 1  # "acknowledged" yet open: lost
    assert checks.graded_of_learners([learner.pk]) == 1
    verdict = checks.data_checks(
        acknowledged={graded.pk, still_open.pk}, learner_ids=[learner.pk], certificates=0, held_tasks=[]
    )
    [stored] = [c for c in verdict if "stockées" in c.name]
    assert (stored.expected, stored.actual, stored.ok) == (2, 1, False)


@pytest.mark.django_db
def test_a_stored_score_that_differs_from_the_recomputed_one_is_seen(quiz_world):
    quiz, learner = quiz_world
    first, second = take(quiz, learner, submit=True), take(quiz, learner, submit=True)
    assert checks.score_mismatches([learner.pk]) == []
    QuizAttempt.objects.filter(pk=second.pk).update(score=second.score + Decimal("0.01"))
    assert checks.score_mismatches([learner.pk]) == [second.pk]
    assert first.pk != second.pk


@pytest.mark.django_db
def test_a_duplicate_is_counted_where_no_constraint_prevents_it(quiz_world):
    """The attempts table refuses duplicates itself; the same SQL on a table without the constraint
    shows that the count would see one."""
    quiz, learner = quiz_world
    take(quiz, learner, submit=True)
    take(quiz, learner, submit=False)
    assert checks.duplicate_attempts() == 0
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE faults_probe (enrolment_id integer, quiz_id integer, number integer)"
        )
        cursor.execute("INSERT INTO faults_probe VALUES (1, 1, 1), (1, 1, 2), (2, 1, 1)")
        assert checks.count_duplicates("faults_probe", ("enrolment_id", "quiz_id", "number")) == 0
        cursor.execute("INSERT INTO faults_probe VALUES (1, 1, 2)")
        assert checks.count_duplicates("faults_probe", ("enrolment_id", "quiz_id", "number")) == 1
        cursor.execute("DROP TABLE faults_probe")


@pytest.mark.django_db
def test_missing_tampered_badly_signed_and_orphan_pdfs_are_seen(tree, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(issuance, "enqueue_rendering", lambda certificate: None)
    certificate = issued_certificate(EnrolmentFactory(cohort=CohortFactory(programme=tree.programme)))
    assert checks.certificates_without_exactly_one_pdf() == [certificate.pk]

    document = render_certificate(certificate_id=certificate.pk)
    assert checks.certificates_without_exactly_one_pdf() == []
    assert checks.unverified_pdfs() == []
    assert checks.orphan_pdf_files() == []

    path = Path(document.file.path)
    original = path.read_bytes()
    tampered = original.replace(b"/Type", b"/Typf", 1)
    path.write_bytes(tampered)
    assert checks.unverified_pdfs() == [f"{certificate.number}: empreinte différente"]
    CertificateDocument.objects.filter(pk=document.pk).update(sha256=hashlib.sha256(tampered).hexdigest())
    assert checks.unverified_pdfs() == [f"{certificate.number}: signature invalide"]
    path.unlink()
    assert checks.unverified_pdfs() == [f"{certificate.number}: fichier absent"]

    path.write_bytes(original)
    (path.parent / "URH-orphelin-v1.pdf").write_bytes(original)
    assert checks.orphan_pdf_files() == [
        str((path.parent / "URH-orphelin-v1.pdf").relative_to(tmp_path / "media"))
    ]


@pytest.mark.django_db
def test_held_tasks_count_only_the_stamped_heartbeats():
    stamped, waiting = Heartbeat.objects.create(), Heartbeat.objects.create()
    Heartbeat.objects.filter(pk=stamped.pk).update(processed_at="2026-01-05T10:00:00Z")
    assert checks.stamped_heartbeats([stamped.pk, waiting.pk]) == 1
    assert checks.stamped_heartbeats([]) == 0


def test_the_table_prints_every_check_with_its_verdict():
    lines = []
    checks.print_table([checks.equal("doublons", 0, 0), checks.equal("scores", 0, 2)], write=lines.append)
    assert lines[0].split() == ["check", "expected", "actual", "verdict"]
    assert lines[1].split() == ["doublons", "0", "0", "OK"]
    assert lines[2].split() == ["scores", "0", "2", "ÉCHEC"]


# --- the load's session and form, against the real views ---


@pytest.mark.django_db
def test_the_built_session_is_a_logged_in_session(tree):
    user = get_user_model().objects.create_user(email="charge@example.org", password="x" * 16)
    client = Client()
    [login] = logins([user])
    client.cookies["sessionid"] = login.session_key
    response = client.get("/mon-parcours/")
    assert response.status_code == 200
    assert response.wsgi_request.user == user


@pytest.mark.django_db(transaction=True)
def test_a_submit_over_http_is_acknowledged_only_once_graded(wagtail_base, live_server):
    tree = build_tree(modules=1, lessons_per_module=1)
    quiz = QuizFactory(module=tree.modules[0], attempts_allowed=2)
    learner_user = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme)).learner
    attempt = services.start_attempt(user=learner_user, quiz=quiz)
    [login] = logins([learner_user])
    learner = Learner(
        learner_user.pk, login.session_key, login.csrf, [quiz_plan(quiz)], open_attempt=attempt.pk
    )
    load = Load(live_server.url, [learner], [])
    rng = random.Random(1)
    assert form_answers(learner, rng)["shown"] == [
        key for key, _kind, _choices in learner.quizzes[0].questions
    ]
    response = load.submit(load_session(), learner, rng)
    assert (response.status, response.acknowledged) == (302, True)
    assert QuizAttempt.objects.get(pk=attempt.pk).state == QuizAttempt.State.GRADED
    assert load.log.acknowledged_attempts() == {attempt.pk}
    assert learner.open_attempt is None

    load.start(load_session(), learner)  # the second attempt allowed
    second = learner.open_attempt
    assert second not in (None, attempt.pk)
    assert load.submit(load_session(), learner, rng).acknowledged
    load.start(load_session(), learner)  # passed or none left: on to the next quiz, here none
    assert learner.done
    assert learner.open_attempt is None

    stranger = Learner(
        learner_user.pk, "pas-une-session", "a" * 32, [quiz_plan(quiz)], open_attempt=attempt.pk
    )
    response = load.submit(load_session(), stranger, rng)
    assert response.acknowledged is False  # the login page is no acknowledgement
    assert stranger.pending_submit


def load_session():
    import requests

    http = requests.Session()
    http.trust_env = False
    return http


# --- processes ---


def test_killing_a_child_kills_its_whole_process_group(tmp_path):
    child = Child("sleepers", ["sh", "-c", "sleep 60 & sleep 60 & wait"], env={"PATH": "/usr/bin:/bin"},
                  log_path=tmp_path / "sleepers.log").start()  # fmt: skip
    group = child.process.pid
    time.sleep(0.3)
    assert len(group_members(group)) >= 3
    child.kill()
    deadline = time.monotonic() + 5
    while group_members(group) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_members(group) == []


def group_members(group: int) -> list[str]:
    result = subprocess.run(["ps", "-o", "pid=,stat=", "-g", str(group)], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line.split()[1][0] != "Z"]
