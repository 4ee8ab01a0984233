"""Ten identical requests at once store exactly one result (PostgreSQL, where requests really overlap).

SQLite serialises every write, so these races only exist, and are only tested, on PostgreSQL (CI's
second pass); the same services are covered for double submits on both databases in tests/courses.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from courses.models import Enrolment, LessonProgress
from courses.services.enrolment import LearnerData, invitation_token, invite_learner
from tests.conftest import build_tree
from tests.factories import CohortFactory, EnrolmentFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
PARALLEL = 10


@pytest.fixture(autouse=True)
def _postgresql_only(wagtail_base):
    if connection.vendor != "postgresql":
        pytest.skip("courses concurrentes : vérifiées sur PostgreSQL (second passage de la CI)")


def _in_parallel(action) -> list:
    barrier, results, lock = threading.Barrier(PARALLEL), [], threading.Lock()

    def run():
        from django.db import connections

        barrier.wait()
        try:
            outcome = action()
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_ten_parallel_completions_store_one_progress_row():
    tree = build_tree(modules=1, lessons_per_module=2)
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    lesson = tree.lessons[0]

    def complete():
        client = Client()
        client.force_login(enrolment.learner)
        return client.post(f"/lecons/{lesson.pk}/terminer/").status_code

    statuses = _in_parallel(complete)
    assert statuses == [302] * PARALLEL
    assert LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).count() == 1
    assert LessonProgress.objects.get(enrolment=enrolment, lesson=lesson).completed_at is not None


def test_ten_parallel_acceptances_of_one_invitation_activate_once(manager):
    tree = build_tree(modules=1, lessons_per_module=1)
    enrolment = invite_learner(
        cohort=CohortFactory(programme=tree.programme),
        learner=LearnerData(email="nadia@example.org", first_name="Nadia", last_name="Nouvelle"),
        acting_user=manager,
    )
    url = f"/invitation/{invitation_token(enrolment.invitations.get())}/"
    password = "Un-mot-de-passe-solide-2026"

    def accept():
        return Client().post(url, {"password1": password, "password2": password}).status_code

    statuses = _in_parallel(accept)
    assert sorted(statuses) == [302] + [400] * (PARALLEL - 1)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE
    assert enrolment.invitations.filter(used_at__isnull=False).count() == 1


def _quiz_setup():
    from tests.factories import QuizFactory

    tree = build_tree(modules=1, lessons_per_module=1)
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    return QuizFactory(module=tree.modules[0]), enrolment


def test_ten_parallel_starts_open_one_attempt():
    from assessments.models import QuizAttempt

    quiz, enrolment = _quiz_setup()

    def start():
        client = Client()
        client.force_login(enrolment.learner)
        return client.post(f"/quiz/{quiz.pk}/commencer/").status_code

    assert _in_parallel(start) == [302] * PARALLEL
    assert QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).count() == 1


def test_ten_parallel_submits_of_one_attempt_grade_it_once():
    from assessments import services
    from assessments.models import AttemptAnswer, QuizAttempt
    from assessments.scoring import as_decimal, score_attempt
    from tests.assessments.conftest import right_answers, wrong_answers

    quiz, enrolment = _quiz_setup()
    attempt = services.start_attempt(user=enrolment.learner, quiz=quiz)
    keys = [item["key"] for item in attempt.content["items"]]
    forms = []
    for n in range(PARALLEL):  # half the requests carry right answers, half wrong ones
        answers = right_answers(attempt) if n % 2 else wrong_answers(attempt)
        forms.append({"shown": keys, **{f"q-{key}": value for key, value in answers.items()}})
    counter = iter(range(PARALLEL))
    lock = threading.Lock()

    def submit():
        with lock:
            form = forms[next(counter)]
        client = Client()
        client.force_login(enrolment.learner)
        return client.post(f"/tentatives/{attempt.pk}/envoyer/", form).status_code

    assert _in_parallel(submit) == [302] * PARALLEL
    graded = QuizAttempt.objects.get(enrolment=enrolment, quiz=quiz)
    assert graded.state == QuizAttempt.State.GRADED
    stored = dict(AttemptAnswer.objects.filter(attempt=graded).values_list("question_key", "choice_keys"))
    assert set(stored) == set(keys)
    # One submission won whole: the stored answers are all right or all wrong, and the score matches them.
    assert stored in (right_answers(graded), wrong_answers(graded))
    percent, _ = score_attempt(graded.content["items"], stored)
    assert graded.score == as_decimal(percent) and graded.score in (0, 100)


# --- attendance: QR check-in bursts ---------------------------------------------------------------------

BURST = 300
BURST_THREADS = 30


def _checkin_setup(monkeypatch, learners: int):
    """A session on a fixed morning, the clock stopped inside its window, ``learners`` enrolled."""
    from django.utils import timezone

    from tests.assessments.test_attendance import at, make_session, make_trainer

    monkeypatch.setattr(timezone, "now", lambda: at(9, 5))
    tree = build_tree(modules=1, lessons_per_module=1)
    cohort = CohortFactory(programme=tree.programme, capacity=learners)
    enrolments = [EnrolmentFactory(cohort=cohort) for _ in range(learners)]
    return make_session(cohort), enrolments, make_trainer(cohort)


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _burst(jobs: list, threads: int = BURST_THREADS) -> list:
    """Run ``jobs`` (callables) from ``threads`` threads released together; their results, in any order."""
    from concurrent.futures import ThreadPoolExecutor

    barrier = threading.Barrier(threads)
    chunks = [jobs[n::threads] for n in range(threads)]

    def run(chunk):
        from django.db import connections

        barrier.wait()
        try:
            return [job() for job in chunk]
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return [result for chunk in pool.map(run, chunks) for result in chunk]


def test_a_burst_of_300_check_ins_stores_exactly_300_rows(monkeypatch):
    from django.utils import timezone

    from assessments import tokens
    from assessments.models import Attendance

    session, enrolments, _trainer = _checkin_setup(monkeypatch, BURST)
    target = f"/emargement/{tokens.current_token(session, timezone.now())}/"
    clients = [_logged_in(e.learner) for e in enrolments]  # logged in beforehand: the burst is the check-in

    statuses = _burst([lambda c=c: c.post(target).status_code for c in clients])
    assert statuses == [200] * BURST
    rows = Attendance.objects.filter(session=session)
    assert rows.count() == BURST
    assert set(rows.values_list("enrolment_id", flat=True)) == {e.pk for e in enrolments}
    assert set(rows.values_list("method", "status")) == {("qr", "present")}


def test_ten_parallel_check_ins_of_one_learner_store_one_row(monkeypatch):
    from django.utils import timezone

    from assessments import tokens
    from assessments.models import Attendance

    session, enrolments, _trainer = _checkin_setup(monkeypatch, 1)
    target = f"/emargement/{tokens.current_token(session, timezone.now())}/"
    learner = enrolments[0].learner

    def check_in():
        response = _logged_in(learner).post(target)
        return response.status_code, "déjà enregistrée" in response.content.decode()

    outcomes = _in_parallel(check_in)
    assert [status for status, _already in outcomes] == [200] * PARALLEL
    assert sum(1 for _status, already in outcomes if not already) == 1  # one recorded, nine told "déjà"
    assert Attendance.objects.filter(session=session).count() == 1


def test_closing_during_a_burst_seals_every_row_that_got_in(monkeypatch):
    from django.utils import timezone

    from assessments import tokens
    from assessments.models import Attendance
    from assessments.seal import seal_is_intact
    from assessments.services import attendance as services

    session, enrolments, trainer = _checkin_setup(monkeypatch, 60)
    token = tokens.current_token(session, timezone.now())
    clients = [_logged_in(e.learner) for e in enrolments]

    def close():
        services.close_session(session=session, acting_user=trainer)
        return "closed"

    jobs = [lambda c=c: c.post(f"/emargement/{token}/").status_code for c in clients]
    jobs.insert(len(jobs) // 2, close)
    outcomes = _burst(jobs, threads=20)
    assert "closed" in outcomes and set(outcomes) <= {200, 400, "closed"}
    session.refresh_from_db()
    rows = Attendance.objects.filter(session=session)
    assert session.is_closed and rows.count() == len(enrolments)  # one row each: present or absent
    assert seal_is_intact(session)  # no check-in slipped in after the seal was taken
    assert rows.filter(method="qr").count() == outcomes.count(200)
