"""Each notification's trigger, with the clock frozen (time-machine): it fires on its day, once (a second
run sends nothing), only to active learners of the right cohort, and obeys the non-essential choice.
The scans read in the same number of queries whatever the number of learners."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import tasks as assessment_tasks
from assessments.models import Attendance, QuizAttempt, TrainingSession
from assessments.notifications import notify_quiz_deadlines, notify_session_reminders
from assessments.services.attendance_mail import notify_low_attendance
from certificates import tasks as certificate_tasks
from certificates.models import Certificate, CertificationDecision
from certificates.notifications import notify_eligibility_reached, notify_expiring_certificates
from certificates.services.rendering import render_certificate
from courses.models import Enrolment
from lms.accounts import roles
from lms.notifications import services
from tests.certificates.candidates import candidate, programme
from tests.factories import CohortFactory, EnrolmentFactory, QuizFactory, UserFactory, with_role
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db

SESSION_DAY = datetime.date(2026, 3, 18)
Status = Enrolment.Status


def morning(day: datetime.date, hour: int = 8):
    """A frozen clock at ``hour`` (Paris) on ``day``."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
    return time_machine.travel(moment, tick=False)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def recipients() -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


def _cohort(tree, *, ends_on: datetime.date | None = None):
    ends_on = ends_on or SESSION_DAY + days(60)
    return CohortFactory(programme=tree.programme, starts_on=SESSION_DAY - days(30), ends_on=ends_on)


def _people(cohort):
    """Active, withdrawn, invited, and active but unsubscribed learners of ``cohort``."""
    active = EnrolmentFactory(cohort=cohort)
    withdrawn = EnrolmentFactory(cohort=cohort, status=Status.WITHDRAWN)
    invited = EnrolmentFactory(cohort=cohort, status=Status.INVITED)
    unsubscribed = EnrolmentFactory(cohort=cohort)
    services.unsubscribe(user=unsubscribed.learner)
    return active, withdrawn, invited, unsubscribed


def _session(cohort, day=SESSION_DAY, **fields) -> TrainingSession:
    start, end = TrainingSession.DEFAULT_TIMES["am"]
    return TrainingSession.objects.create(
        cohort=cohort, title="Séance", date=day, half_day="am", starts_at=start, ends_at=end, **fields
    )


def _scan_queries(queries) -> int:
    """The queries of a scan, leaving out those of each message sent (savepoint, insert of its key)."""
    return sum(
        1 for q in queries if "SAVEPOINT" not in q["sql"] and not q["sql"].startswith('INSERT INTO "ops_')
    )


# --- session reminder -----------------------------------------------------------------------------------


def test_the_session_reminder_goes_two_days_before_once_to_active_learners(tree):
    cohort, other = _cohort(tree), _cohort(tree)
    active, _withdrawn, _invited, _unsubscribed = _people(cohort)
    elsewhere = EnrolmentFactory(cohort=other)
    session = _session(cohort)
    _session(other, day=SESSION_DAY + days(5))  # another cohort, another day
    closer = with_role(UserFactory(), roles.TRAINER)
    _session(  # within the horizon but already closed: no reminder
        cohort,
        day=SESSION_DAY - days(1),
        state=TrainingSession.State.CLOSED,
        closed_at=timezone.now(),
        closed_by=closer,
    )

    with morning(SESSION_DAY - days(3)):
        assert notify_session_reminders() == 0
    with morning(SESSION_DAY - days(2)):
        assert assessment_tasks.notify_session_reminders_task() == 1
        assert notify_session_reminders() == 0  # a second run, or a retry
    with morning(SESSION_DAY - days(1)):
        assert notify_session_reminders() == 0
    assert recipients() == [active.learner.email]
    assert elsewhere.learner.email not in recipients()
    [message] = mail.outbox
    assert session.title in message.subject and "18 mars 2026" in message.subject
    assert "/seances/" in message.body and "List-Unsubscribe" in message.extra_headers


def test_a_session_moved_to_another_day_is_announced_again(tree):
    cohort = _cohort(tree)
    EnrolmentFactory(cohort=cohort)
    session = _session(cohort)
    with morning(SESSION_DAY - days(2)):
        assert notify_session_reminders() == 1
    TrainingSession.objects.filter(pk=session.pk).update(date=SESSION_DAY + days(7))
    with morning(SESSION_DAY + days(5)):
        assert notify_session_reminders() == 1


def test_the_session_reminder_reads_in_the_same_number_of_queries_at_two_sizes(tree):
    def count(size: int, day: datetime.date) -> tuple[int, int]:
        cohort = _cohort(tree)
        for _ in range(size):
            EnrolmentFactory(cohort=cohort)
        _session(cohort, day=day)
        with morning(day - days(2)):
            with CaptureQueriesContext(connection) as first:
                assert notify_session_reminders() == size
            with CaptureQueriesContext(connection) as second:
                assert notify_session_reminders() == 0
        return _scan_queries(first), len(second)

    assert count(2, SESSION_DAY) == count(12, SESSION_DAY + days(10))


# --- quiz deadline ----------------------------------------------------------------------------------------


def _passed(enrolment, quiz):
    QuizAttempt.objects.create(
        enrolment=enrolment,
        quiz=quiz,
        number=1,
        state=QuizAttempt.State.GRADED,
        content={},
        score=90,
        passed=True,
        closed_at=timezone.now(),
    )


def test_the_quiz_deadline_lists_the_quizzes_left_seven_days_before_the_end(tree):
    first, second = QuizFactory(module=tree.modules[0]), QuizFactory(module=tree.modules[1])
    end = SESSION_DAY
    cohort, later = _cohort(tree, ends_on=end), _cohort(tree, ends_on=end + days(30))
    active, _withdrawn, _invited, unsubscribed = _people(cohort)
    done = EnrolmentFactory(cohort=cohort)
    _passed(active, first)
    _passed(done, first)
    _passed(done, second)
    EnrolmentFactory(cohort=later)

    with morning(end - days(8)):
        assert notify_quiz_deadlines() == 0
    with morning(end - days(7)):
        assert assessment_tasks.notify_quiz_deadlines_task() == 1
        assert notify_quiz_deadlines() == 0
    with morning(end - days(6)):
        assert notify_quiz_deadlines() == 0
    assert recipients() == [active.learner.email]
    [message] = mail.outbox
    assert second.title in message.body and first.title not in message.body
    assert "18 mars 2026" in message.subject
    assert unsubscribed.learner.email not in recipients() and done.learner.email not in recipients()


def test_the_quiz_deadline_scan_reads_in_the_same_number_of_queries_at_two_sizes(tree):
    QuizFactory(module=tree.modules[0])

    def count(size: int, end: datetime.date) -> tuple[int, int]:
        cohort = _cohort(tree, ends_on=end)
        for _ in range(size):
            EnrolmentFactory(cohort=cohort)
        with morning(end - days(7)):
            with CaptureQueriesContext(connection) as first:
                assert notify_quiz_deadlines() == size
            with CaptureQueriesContext(connection) as second:
                assert notify_quiz_deadlines() == 0
        return _scan_queries(first), len(second)

    assert count(2, SESSION_DAY) == count(12, SESSION_DAY + days(20))


# --- eligibility reached ----------------------------------------------------------------------------------


def test_eligibility_reached_goes_once_to_eligible_candidates_without_a_decision(tree):
    p = programme(tree)
    eligible = candidate(p)
    candidate(p, quiz=False)  # not eligible
    decided = candidate(p)
    CertificationDecision.objects.create(
        enrolment=decided,
        outcome=CertificationDecision.Outcome.DEFERRED,
        motive="Dossier incomplet.",
        decided_by=p.trainer,
        decided_at=timezone.now(),
    )
    unsubscribed = candidate(p)
    services.unsubscribe(user=unsubscribed.learner)
    withdrawn = candidate(p)
    Enrolment.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN)
    other = programme(tree, quiz=p.quiz)
    candidate(other, opinion=None)  # another cohort, not eligible yet

    assert notify_eligibility_reached(today=p.cohort.starts_on - days(1)) == 0  # not started yet
    assert certificate_tasks.notify_eligibility_reached_task() == 1
    assert notify_eligibility_reached() == 0
    assert recipients() == [eligible.learner.email]
    assert tree.programme.title in mail.outbox[0].subject


def test_the_eligibility_scan_reads_per_cohort_not_per_learner(tree):
    quiz = QuizFactory(module=tree.modules[0])

    def count(size: int) -> tuple[int, int]:
        p = programme(tree, sessions=1, quiz=quiz)
        for _ in range(size):
            candidate(p)
        with CaptureQueriesContext(connection) as first:
            assert notify_eligibility_reached() == size
        with CaptureQueriesContext(connection) as second:
            assert notify_eligibility_reached() == 0
        return _scan_queries(first), len(second)

    assert count(2) == count(12)


# --- certificate expiring ---------------------------------------------------------------------------------


def _certificate(tree, valid_until: datetime.date, **learner) -> Certificate:
    enrolment = EnrolmentFactory(cohort=_cohort(tree), **learner)
    certificate = issued_certificate(enrolment)
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=valid_until)
    certificate.refresh_from_db()
    return certificate


def test_the_expiry_reminder_goes_sixty_days_before_once_for_valid_certificates(tree):
    end = datetime.date(2027, 6, 30)
    valid = _certificate(tree, end)
    revoked = _certificate(tree, end)
    Certificate.objects.filter(pk=revoked.pk).update(
        status=Certificate.Status.REVOKED, status_reason="Fraude"
    )
    erased = _certificate(tree, end)
    Certificate.objects.filter(pk=erased.pk).update(holder_erased=True)
    unsubscribed = _certificate(tree, end)
    services.unsubscribe(user=unsubscribed.holder)
    _certificate(tree, end + days(30))  # later

    with morning(end - days(61)):
        assert notify_expiring_certificates() == 0
    with morning(end - days(60)):
        assert certificate_tasks.notify_expiring_certificates_task() == 1
        assert notify_expiring_certificates() == 0
    with morning(end - days(59)):
        assert notify_expiring_certificates() == 0
    assert recipients() == [valid.holder.email]
    [message] = mail.outbox
    assert valid.number in message.subject and "30 juin 2027" in message.subject
    assert valid.verification_id in message.body

    Certificate.objects.filter(pk=valid.pk).update(valid_until=end + days(365))  # validity extended
    with morning(end + days(305)):
        assert notify_expiring_certificates() == 1


def test_the_expiry_scan_reads_in_the_same_number_of_queries_at_two_sizes(tree):
    def count(size: int, end: datetime.date) -> tuple[int, int]:
        for _ in range(size):
            _certificate(tree, end)
        with morning(end - days(60)):
            with CaptureQueriesContext(connection) as first:
                assert notify_expiring_certificates() == size
            with CaptureQueriesContext(connection) as second:
                assert notify_expiring_certificates() == 0
        return _scan_queries(first), len(second)

    assert count(2, datetime.date(2027, 6, 30)) == count(12, datetime.date(2028, 6, 30))


# --- absence warning (at a session's closing) -------------------------------------------------------------


def test_the_absence_warning_is_essential_and_in_the_learners_language(tree):
    cohort = _cohort(tree)
    trainer = with_role(UserFactory(), roles.TRAINER)
    manager = with_role(UserFactory(), roles.MANAGER)
    absent, english = EnrolmentFactory(cohort=cohort), EnrolmentFactory(cohort=cohort)
    services.unsubscribe(user=absent.learner)  # essential: sent all the same
    services.set_preferences(user=english.learner, language="en")
    closed = {"state": TrainingSession.State.CLOSED, "closed_at": timezone.now(), "closed_by": trainer}
    session = _session(cohort, **closed)
    for enrolment in (absent, english):
        Attendance.objects.create(
            session=session,
            enrolment=enrolment,
            status=Attendance.Status.ABSENT,
            method=Attendance.Method.TRAINER,
            marked_by=trainer,
            marked_at=timezone.now(),
        )
    with morning(SESSION_DAY, hour=13):
        assert notify_low_attendance(session_id=session.pk) == 3
        assert notify_low_attendance(session_id=session.pk) == 0
    assert recipients() == sorted([absent.learner.email, english.learner.email, manager.email])
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert 'lang="en"' in by_recipient[english.learner.email].alternatives[0][0]
    assert 'lang="fr"' in by_recipient[absent.learner.email].alternatives[0][0]
    assert "List-Unsubscribe" not in by_recipient[absent.learner.email].extra_headers
    summary = by_recipient[manager.email]
    assert cohort.name in summary.subject and absent.learner.email in summary.body


# --- certificate issued (after the PDF is rendered) -------------------------------------------------------


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_the_certificate_mail_is_essential_carries_the_pdf_and_goes_once(
    tree, _media, django_capture_on_commit_callbacks
):
    certificate = _certificate(tree, datetime.date(2029, 1, 31))
    services.unsubscribe(user=certificate.holder)
    services.set_preferences(user=certificate.holder, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        render_certificate(certificate_id=certificate.pk)
    with django_capture_on_commit_callbacks(execute=True):
        render_certificate(certificate_id=certificate.pk)
    [message] = mail.outbox
    assert message.to == [certificate.holder.email]
    [(name, content, mime)] = message.attachments
    assert (name, mime) == (f"{certificate.number}.pdf", "application/pdf") and content.startswith(b"%PDF")
    assert 'lang="en"' in message.alternatives[0][0]
    assert "List-Unsubscribe" not in message.extra_headers
