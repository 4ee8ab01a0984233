"""Satisfaction surveys, the writes: opening the session and follow-up requests (idempotent, only
attendees, delays honoured), the e-mails and the one reminder, the deadline, answering once.

The helpers here (a closed session with its register, a sent request, answers) are shared by the other
``test_surveys_*`` modules.
"""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from assessments.models import Attendance, SurveyRequest, SurveyResponse, TrainingSession
from assessments.services import surveys
from assessments.surveys import CURRENT, QUESTIONNAIRES, clean_answers
from assessments.tasks import create_session_surveys_task, send_survey_reminders_task
from certificates.follow_up import create_follow_up_surveys, due_follow_up_enrolment_ids
from certificates.models import Certificate
from courses.models import Enrolment
from lms.accounts import privacy, roles
from lms.errors import Conflict, NotFound
from lms.notifications.models import NotificationPreference
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db

CLOSED_AT = datetime.datetime(2026, 3, 10, 12, 45, tzinfo=datetime.UTC)
PRESENT, LATE, ABSENT, EXCUSED = (
    Attendance.Status.PRESENT,
    Attendance.Status.LATE,
    Attendance.Status.ABSENT,
    Attendance.Status.EXCUSED,
)
GOOD = {"satisfaction": ["5"], "usefulness": ["4"], "clarity": ["4"], "pace": ["right"], "improve": [""]}
FOLLOW_UP_GOOD = {
    "applied": ["4"],
    "actions": ["colleagues", "caleol"],
    "recommend": ["yes"],
    "comment": [""],
}


# --- helpers shared by the survey tests -----------------------------------------------------------------


def closed_session(cohort, *, rows=(), trainers=(), day=None, half_day="am", closed_at=CLOSED_AT, title=""):
    """A session of ``cohort`` closed at ``closed_at``, with one register row per ``(enrolment, status)``."""
    day = day or closed_at.date()
    start, end = TrainingSession.DEFAULT_TIMES[half_day]
    session = TrainingSession.objects.create(
        cohort=cohort,
        title=title or f"Séance du {day:%d/%m} {half_day}",
        date=day,
        half_day=half_day,
        starts_at=start,
        ends_at=end,
    )
    trainers = list(trainers) or [with_role(UserFactory(), roles.TRAINER)]
    session.trainers.add(*trainers)
    for enrolment, status in rows:
        Attendance.objects.create(
            session=session,
            enrolment=enrolment,
            status=status,
            method=Attendance.Method.TRAINER,
            marked_by=trainers[0],
            marked_at=closed_at,
        )
    session.state, session.closed_at, session.closed_by = TrainingSession.State.CLOSED, closed_at, trainers[0]
    session.save()
    return session


def sent_request(enrolment, session=None, *, now=CLOSED_AT) -> SurveyRequest:
    kind = SurveyRequest.Kind.SESSION if session else SurveyRequest.Kind.FOLLOW_UP
    request = SurveyRequest.objects.create(kind=kind, enrolment=enrolment, session=session)
    surveys.mark_sent(request, now=now)
    return request


def answer(request, answers=None, *, now=None) -> SurveyResponse:
    default = GOOD if request.kind == SurveyRequest.Kind.SESSION else FOLLOW_UP_GOOD
    now = now or request.sent_at + datetime.timedelta(hours=2)
    return surveys.submit_survey(token=surveys.survey_token(request), answers=answers or default, now=now)


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme)


@pytest.fixture
def people(cohort):
    """Five enrolments of the cohort: present, late, absent, excused, and present but withdrawn."""
    enrolments = [EnrolmentFactory(cohort=cohort) for _ in range(5)]
    enrolments[4].status = Enrolment.Status.WITHDRAWN
    enrolments[4].save()
    return enrolments


def _register(people):
    return list(zip(people, [PRESENT, LATE, ABSENT, EXCUSED, PRESENT], strict=True))


# --- opening session surveys ----------------------------------------------------------------------------


def test_the_scan_asks_only_the_attendees_and_running_it_twice_changes_nothing(cohort, people):
    session = closed_session(cohort, rows=_register(people))
    with time_machine.travel(CLOSED_AT + datetime.timedelta(minutes=15), tick=False):
        assert surveys.create_due_session_surveys() == 2
        first = list(SurveyRequest.objects.order_by("pk").values_list("pk", "enrolment_id", "session_id"))
        assert surveys.create_due_session_surveys() == 0
    assert list(SurveyRequest.objects.order_by("pk").values_list("pk", "enrolment_id", "session_id")) == first
    assert {enrolment for _pk, enrolment, _session in first} == {people[0].pk, people[1].pk}
    assert {s for _pk, _e, s in first} == {session.pk}


def test_an_open_session_and_an_erased_learner_get_no_survey(cohort, people):
    session = closed_session(cohort, rows=_register(people))
    TrainingSession.objects.create(
        cohort=cohort,
        title="Pas close",
        date=CLOSED_AT.date(),
        half_day="pm",
        starts_at="13:30",
        ends_at="17:00",
    )
    manager = with_role(UserFactory(), roles.MANAGER)
    privacy.erase_person(user=people[1].learner, acting_user=manager, reason="Demande")
    with time_machine.travel(CLOSED_AT + datetime.timedelta(minutes=15), tick=False):
        assert surveys.create_due_session_surveys() == 1
    assert list(SurveyRequest.objects.values_list("enrolment", "session")) == [(people[0].pk, session.pk)]


@pytest.mark.parametrize(
    ("hours_after", "expected"),
    [(1, 0), (2, 1), (2 + 24 * 7 - 1, 1), (2 + 24 * 7, 0)],
)
def test_the_delay_and_the_look_back_are_honoured(settings, cohort, people, hours_after, expected):
    """Delay of 2 hours: nothing before it; a survey due more than a week ago is never opened."""
    settings.SURVEY_SESSION_DELAY_HOURS = 2
    closed_session(cohort, rows=[(people[0], PRESENT)])
    with time_machine.travel(CLOSED_AT + datetime.timedelta(hours=hours_after, seconds=1), tick=False):
        assert surveys.create_due_session_surveys() == expected


def test_the_scan_task_opens_and_emails_each_survey_once(cohort, people, django_capture_on_commit_callbacks):
    closed_session(cohort, rows=_register(people), title="Cadre juridique")
    with time_machine.travel(CLOSED_AT + datetime.timedelta(minutes=20), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert create_session_surveys_task.delay().get() == 2
        with django_capture_on_commit_callbacks(execute=True):
            assert create_session_surveys_task.delay().get() == 0
    assert len(mail.outbox) == 2
    assert {m.to[0] for m in mail.outbox} == {people[0].learner.email, people[1].learner.email}
    request = SurveyRequest.objects.get(enrolment=people[0])
    message = next(m for m in mail.outbox if m.to == [people[0].learner.email])
    assert surveys.survey_url(request) in message.body
    assert "Cadre juridique" in message.subject
    sent = CLOSED_AT + datetime.timedelta(minutes=20)
    assert request.sent_at == sent
    assert request.deadline == sent + datetime.timedelta(days=14)


def test_someone_who_turned_surveys_off_is_not_counted_as_asked(cohort, people):
    session = closed_session(cohort, rows=[(people[0], PRESENT)])
    NotificationPreference.objects.create(user=people[0].learner, non_essential=False)
    request = SurveyRequest.objects.create(kind="session", enrolment=people[0], session=session)
    assert surveys.send_survey_invitation(request_id=request.pk) is False
    request.refresh_from_db()
    assert (request.sent_at, request.deadline, len(mail.outbox)) == (None, None, 0)
    with pytest.raises(NotFound):
        surveys.find_request(surveys.survey_token(request))


def test_an_unsent_request_is_retried_for_a_day_then_given_up(cohort, people):
    session = closed_session(cohort, rows=[(people[0], PRESENT)])
    with time_machine.travel(CLOSED_AT, tick=False):
        request = SurveyRequest.objects.create(kind="session", enrolment=people[0], session=session)
    ids = surveys.unsent_request_ids
    assert ids(kind="session", now=CLOSED_AT + datetime.timedelta(hours=23)) == [request.pk]
    assert ids(kind="session", now=CLOSED_AT + datetime.timedelta(hours=25)) == []
    assert ids(kind="follow_up", now=CLOSED_AT) == []


# --- follow-up surveys ----------------------------------------------------------------------------------


@pytest.fixture
def certified(cohort):
    enrolments = [EnrolmentFactory(cohort=cohort) for _ in range(4)]
    with time_machine.travel(CLOSED_AT, tick=False):
        certificates = [issued_certificate(enrolment) for enrolment in enrolments]
    return enrolments, certificates


def test_the_follow_up_waits_for_its_delay_and_skips_revoked_and_erased(settings, certified):
    settings.SURVEY_FOLLOW_UP_DELAY_DAYS = 42
    enrolments, certificates = certified
    Certificate.objects.filter(pk=certificates[1].pk).update(status="revoked", status_reason="Fraude")
    Certificate.objects.filter(pk=certificates[2].pk).update(holder_erased=True)
    due = CLOSED_AT + datetime.timedelta(days=42)
    assert due_follow_up_enrolment_ids(now=due - datetime.timedelta(minutes=1)) == []
    assert due_follow_up_enrolment_ids(now=due) == [enrolments[0].pk, enrolments[3].pk]
    assert due_follow_up_enrolment_ids(now=due + datetime.timedelta(days=31)) == []  # look-back


def test_the_follow_up_scan_is_idempotent_and_emails_once(certified, django_capture_on_commit_callbacks):
    enrolments, _certificates = certified
    now = CLOSED_AT + datetime.timedelta(days=43)
    with time_machine.travel(now, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert create_follow_up_surveys(now=now) == 4
        with django_capture_on_commit_callbacks(execute=True):
            assert create_follow_up_surveys(now=now) == 0
    requests = SurveyRequest.objects.filter(kind="follow_up")
    assert sorted(requests.values_list("enrolment", flat=True)) == sorted(e.pk for e in enrolments)
    assert all(request.sent_at == now and request.session_id is None for request in requests)
    assert len(mail.outbox) == 4
    assert all(enrolments[0].cohort.programme.title in m.subject for m in mail.outbox)


# --- the reminder ---------------------------------------------------------------------------------------


def test_one_reminder_after_its_delay_only_if_unanswered_and_open(
    settings, cohort, people, django_capture_on_commit_callbacks
):
    settings.SURVEY_REMINDER_DAYS = 5
    session = closed_session(cohort, rows=[(p, PRESENT) for p in people[:3]])
    waiting, answered, closed = (sent_request(p, session) for p in people[:3])
    answer(answered)
    SurveyRequest.objects.filter(pk=closed.pk).update(deadline=CLOSED_AT + datetime.timedelta(days=4))
    with time_machine.travel(
        CLOSED_AT + datetime.timedelta(days=5) - datetime.timedelta(minutes=1), tick=False
    ):
        assert send_survey_reminders_task.delay().get() == 0
    for _run in range(2):
        at = CLOSED_AT + datetime.timedelta(days=5, hours=1)
        with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
            send_survey_reminders_task.delay().get()
    assert [m.to for m in mail.outbox] == [[waiting.enrolment.learner.email]]
    assert surveys.survey_url(waiting) in mail.outbox[0].body
    waiting.refresh_from_db()
    assert waiting.reminded_at == CLOSED_AT + datetime.timedelta(days=5, hours=1)
    assert surveys.send_survey_reminder(request_id=waiting.pk) is False  # once only


# --- answering ------------------------------------------------------------------------------------------


def test_answering_stores_an_anonymous_response_and_flips_the_flag(cohort, people):
    session = closed_session(cohort, rows=[(people[0], PRESENT)])
    request = sent_request(people[0], session)
    response = answer(request, {**GOOD, "improve": ["  Plus d'exemples.  "], "unknown": ["x"]})
    request.refresh_from_db()
    assert request.answered
    assert response.answers == {
        "satisfaction": 5,
        "usefulness": 4,
        "clarity": 4,
        "pace": "right",
        "improve": "Plus d'exemples.",
    }
    assert (response.kind, response.questionnaire, response.cohort_id, response.session_id) == (
        "session",
        CURRENT["session"],
        cohort.pk,
        session.pk,
    )
    assert response.submitted_on == datetime.date(2026, 3, 10)


def test_answering_twice_says_so_and_writes_nothing(cohort, people):
    request = sent_request(people[0], closed_session(cohort, rows=[(people[0], PRESENT)]))
    answer(request)
    with pytest.raises(Conflict) as refused:
        answer(request, {**GOOD, "satisfaction": ["1"]})
    assert refused.value.code == "answered"
    assert "déjà répondu" in str(refused.value.message)
    assert SurveyResponse.objects.count() == 1
    assert SurveyResponse.objects.get().answers["satisfaction"] == 5


def test_after_the_deadline_the_survey_is_closed_and_nothing_is_written(cohort, people):
    request = sent_request(people[0], closed_session(cohort, rows=[(people[0], PRESENT)]))
    with pytest.raises(Conflict) as refused:
        answer(request, now=request.deadline)
    assert refused.value.code == "closed"
    assert "close depuis le 24/03/2026" in str(refused.value.message)
    request.refresh_from_db()
    assert not request.answered and not SurveyResponse.objects.exists()


@pytest.mark.parametrize(
    ("change", "question"),
    [
        ({"satisfaction": []}, "satisfaction"),
        ({"satisfaction": ["6"]}, "satisfaction"),
        ({"satisfaction": ["0"]}, "satisfaction"),
        ({"satisfaction": ["4", "5"]}, "satisfaction"),
        ({"usefulness": ["²"]}, "usefulness"),
        ({"pace": ["very-fast"]}, "pace"),
        ({"pace": ["slow", "fast"]}, "pace"),
        ({"improve": ["x" * 2001]}, "improve"),
    ],
)
def test_invalid_answers_are_refused_per_question_and_nothing_is_written(cohort, people, change, question):
    request = sent_request(people[0], closed_session(cohort, rows=[(people[0], PRESENT)]))
    with pytest.raises(surveys.SurveyAnswersError) as refused:
        answer(request, {**GOOD, **change})
    assert list(refused.value.errors) == [question]
    request.refresh_from_db()
    assert not request.answered and not SurveyResponse.objects.exists()


def test_a_tampered_or_unknown_token_is_not_found(cohort, people):
    request = sent_request(people[0], closed_session(cohort, rows=[(people[0], PRESENT)]))
    token = surveys.survey_token(request)
    for bad in (
        token[:-1] + ("0" if token[-1] != "0" else "1"),
        f"{request.pk + 1}{token[len(str(request.pk)) :]}",
        "",
        "abc",
        "1.",
        f"{'9' * 19}.{'a' * 64}",
        "１." + "a" * 64,
    ):
        with pytest.raises(NotFound):
            surveys.find_request(bad)
    request.nonce = "autre"
    request.save()
    with pytest.raises(NotFound):
        surveys.find_request(token)  # a new nonce voids the old links


def test_erasure_closes_the_pending_surveys_and_keeps_the_answers(cohort, people):
    session = closed_session(cohort, rows=[(people[0], PRESENT), (people[1], PRESENT)])
    now = timezone.now()
    pending, done = sent_request(people[0], session, now=now), sent_request(people[1], session, now=now)
    answer(done)
    manager = with_role(UserFactory(), roles.MANAGER)
    erased_at = timezone.now()
    privacy.erase_person(user=people[0].learner, acting_user=manager, reason="Demande", now=erased_at)
    pending.refresh_from_db()
    assert pending.deadline == erased_at and not pending.answered
    with pytest.raises(Conflict):
        answer(pending, now=erased_at + datetime.timedelta(seconds=1))
    privacy.erase_person(user=people[1].learner, acting_user=manager, reason="Demande")
    assert SurveyResponse.objects.count() == 1
    assert surveys.send_survey_reminder(request_id=pending.pk) is False


def test_the_export_lists_the_requests_not_the_answers(client, cohort, people):
    import io
    import json
    import zipfile

    request = sent_request(people[0], closed_session(cohort, rows=[(people[0], PRESENT)]))
    answer(request, {**GOOD, "improve": ["Réponse très personnelle"]})
    client.force_login(people[0].learner)
    archive = zipfile.ZipFile(io.BytesIO(client.post("/compte/mes-donnees/").content))
    data = json.loads(archive.read("donnees.json"))
    [listed] = data["inscriptions"][0]["enquetes_de_satisfaction"]
    assert listed["repondue"] is True and listed["enquete"] == "fin de séance"
    assert "Réponse très personnelle" not in archive.read("donnees.json").decode()


# --- the questionnaires ---------------------------------------------------------------------------------


def test_every_current_questionnaire_exists_and_keys_are_unique():
    for version in CURRENT.values():
        keys = [question.key for question in QUESTIONNAIRES[version]]
        assert len(keys) == len(set(keys)) >= 4


def test_none_yet_is_not_ticked_with_another_action():
    cleaned, errors = clean_answers("follow-up-v1", {**FOLLOW_UP_GOOD, "actions": ["none", "caleol"]})
    assert list(errors) == ["actions"]
    cleaned, errors = clean_answers("follow-up-v1", {**FOLLOW_UP_GOOD, "actions": ["caleol", "colleagues"]})
    assert not errors and cleaned["actions"] == ["colleagues", "caleol"]  # the question's order
    cleaned, errors = clean_answers("follow-up-v1", {**FOLLOW_UP_GOOD, "comment": ["a\x00b"]})
    assert cleaned["comment"] == "ab"
