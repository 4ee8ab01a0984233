"""Fuzzing of the JSON endpoints and token URLs: quiz autosave and submit, the trainer's mark, check-in,
invitation links and private calendar feeds. Never a 500; a refusal writes nothing."""

import datetime
import json
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from assessments import services as quiz_services
from assessments import tokens
from assessments.models import AttemptAnswer, Attendance, AttendanceChange, QuizAttempt, TrainingSession
from courses.models import Invitation
from courses.services.enrolment import LearnerData, invitation_token, invite_learner
from lms.accounts import roles
from tests.factories import CohortFactory, EnrolmentFactory, QuizFactory, UserFactory, with_role
from tests.fuzz import FUZZ, HUGE, PAYLOADS, any_text, field_names, nasty_text, post_form, rolled_back

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)  # the session of the check-in tests runs on this day, 9:00-12:30


def answer_pairs(attempt: QuizAttempt):
    """Form fields of an attempt: ``shown`` and ``q-<key>``, keys and values real or not."""
    items = attempt.content["items"]
    question_keys = st.one_of(st.sampled_from([item["key"] for item in items]), field_names)
    choice_keys = st.one_of(
        st.sampled_from([c["key"] for item in items for c in item["choices"]]), nasty_text
    )
    shown = st.tuples(st.just("shown"), question_keys)
    answer = st.builds(lambda key, value: (f"q-{key}", value), question_keys, choice_keys)
    other = st.tuples(field_names, nasty_text)
    return st.lists(st.one_of(shown, answer, answer, other), max_size=25)


@pytest.fixture
def attempt(tree) -> QuizAttempt:
    quiz = QuizFactory(module=tree.modules[0])
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    return quiz_services.start_attempt(user=enrolment.learner, quiz=quiz)


@pytest.fixture
def learner_client(attempt) -> Client:
    client = Client()
    client.force_login(attempt.enrolment.learner)
    return client


def stored_answers(attempt) -> dict:
    return dict(AttemptAnswer.objects.filter(attempt=attempt).values_list("question_key", "choice_keys"))


def test_quiz_autosave_json_never_fails_and_stores_only_valid_answers(learner_client, attempt):
    url = reverse("assessments:save", args=[attempt.pk])

    @FUZZ
    @given(pairs=answer_pairs(attempt))
    def autosave(pairs):
        with rolled_back():
            before = stored_answers(attempt)
            response = post_form(learner_client, url, pairs, HTTP_ACCEPT="application/json")
            assert response.status_code in (200, 400), response.status_code
            body = json.loads(response.content)
            if response.status_code == 400:
                assert body["error"] and body["code"]
                assert stored_answers(attempt) == before
            else:
                assert body["saved"] is True
                posted = {name[2:] for name, _value in pairs if name.startswith("q-")}
                posted |= {value for name, value in pairs if name == "shown"}
                assert set(stored_answers(attempt)) <= set(before) | posted

    autosave()


def test_quiz_save_and_submit_forms_answer_with_a_redirect_or_a_french_400(learner_client, attempt):
    save, submit = (reverse(f"assessments:{name}", args=[attempt.pk]) for name in ("save", "submit"))

    @FUZZ
    @given(pairs=answer_pairs(attempt), target=st.sampled_from([save, submit]))
    def send(pairs, target):
        with rolled_back():
            before = stored_answers(attempt)
            response = post_form(learner_client, target, pairs)
            assert response.status_code in (302, 400), response.status_code
            state = QuizAttempt.objects.get(pk=attempt.pk).state
            if response.status_code == 400:
                assert "<main" in response.content.decode()
                assert stored_answers(attempt) == before and state == QuizAttempt.State.IN_PROGRESS
            elif target == submit:
                assert state == QuizAttempt.State.GRADED

    send()


@pytest.mark.parametrize(
    "body",
    [
        {"shown": [str(n) for n in range(2500)]},  # beyond DATA_UPLOAD_MAX_NUMBER_FIELDS
        {f"q-{n}": "x" for n in range(300)},  # beyond the answers a form may carry
        {"shown": HUGE},  # beyond DATA_UPLOAD_MAX_MEMORY_SIZE
    ],
)
def test_oversized_quiz_posts_are_refused_with_400(learner_client, attempt, body):
    for name in ("save", "submit"):
        response = post_form(learner_client, reverse(f"assessments:{name}", args=[attempt.pk]), body)
        assert response.status_code == 400
    assert stored_answers(attempt) == {}
    assert QuizAttempt.objects.get(pk=attempt.pk).state == QuizAttempt.State.IN_PROGRESS


def test_someone_elses_attempt_stays_a_404_whatever_is_posted(attempt):
    other = Client()
    other.force_login(EnrolmentFactory(cohort=attempt.enrolment.cohort).learner)

    @FUZZ
    @given(pairs=answer_pairs(attempt), name=st.sampled_from(["save", "submit"]))
    def send(pairs, name):
        with rolled_back():
            response = post_form(other, reverse(f"assessments:{name}", args=[attempt.pk]), pairs)
            assert response.status_code == 404
            assert stored_answers(attempt) == {}

    send()


# --- attendance: the trainer's mark, the learner's check-in ---------------------------------------------


class Clock:
    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment


@pytest.fixture
def clock(monkeypatch):
    moment = timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(9, 5)))
    clock = Clock(moment.astimezone(datetime.UTC))
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def session(tree, clock) -> TrainingSession:
    cohort = CohortFactory(programme=tree.programme, starts_on=DAY, ends_on=DAY + datetime.timedelta(days=30))
    start, end = TrainingSession.DEFAULT_TIMES["am"]
    return TrainingSession.objects.create(
        cohort=cohort, title="Séance fuzz", date=DAY, half_day="am", starts_at=start, ends_at=end
    )


def attendance_rows() -> list:
    return list(Attendance.objects.order_by("pk").values_list("enrolment_id", "status", "comment"))


times = st.one_of(
    st.none(),
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.sampled_from(["09:00", "12:30", "25:61", "9h", "-1:00", "23:59:59.999999"]),
    nasty_text,
)


def test_the_trainers_mark_endpoint_never_fails(client, session, tree):
    trainer = with_role(UserFactory(), roles.TRAINER)
    session.cohort.trainers.add(trainer)
    enrolments = [EnrolmentFactory(cohort=session.cohort) for _ in range(2)]
    stranger = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    client.force_login(trainer)
    url = reverse("assessments:session-mark", args=[session.pk])
    enrolment_ids = st.one_of(
        st.sampled_from([str(e.pk) for e in [*enrolments, stranger]]), st.integers().map(str), nasty_text
    )
    statuses = st.one_of(st.sampled_from(Attendance.Status.values), nasty_text)

    @FUZZ
    @given(
        enrolment=enrolment_ids,
        status=statuses,
        arrived=times,
        left=times,
        comment=nasty_text,
        reason=nasty_text,
        as_json=st.booleans(),
    )
    def mark(enrolment, status, arrived, left, comment, reason, as_json):
        fields = {"enrolment": enrolment, "status": status, "comment": comment, "reason": reason}
        fields |= {name: value for name, value in (("arrived_at", arrived), ("left_at", left)) if value}
        with rolled_back():
            before = attendance_rows()
            headers = {"HTTP_ACCEPT": "application/json"} if as_json else {}
            response = post_form(client, url, fields, **headers)
            assert response.status_code in ((200, 400, 404) if as_json else (302, 400, 404))
            if response.status_code >= 400:
                assert attendance_rows() == before
            else:
                assert {row[0] for row in attendance_rows()} <= {e.pk for e in enrolments}
            assert not AttendanceChange.objects.exists()  # the session is open: no history

    mark()


@pytest.mark.parametrize("signature", ["é", "\x80", "ÿÿÿÿ", "🙂"])
def test_a_check_in_token_with_a_non_ascii_signature_is_refused_cleanly(session, clock, signature):
    learner = EnrolmentFactory(cohort=session.cohort).learner
    client = Client()
    client.force_login(learner)
    session_id, step, _signature = tokens.current_token(session, clock()).split(".")
    url = f"/emargement/{quote(f'{session_id}.{step}.{signature}', safe='')}/"
    assert client.get(url).status_code == 400
    assert client.post(url).status_code == 400
    assert not Attendance.objects.exists()


def _mutations(token: str):
    """The real token, then versions of it with one part changed, then anything at all."""
    session_id, step, signature = token.split(".")
    return st.one_of(
        st.just(token),
        st.builds(lambda s: f"{session_id}.{step}.{s}", any_text),
        st.builds(lambda n: f"{session_id}.{n}.{signature}", st.integers().map(str)),
        st.builds(lambda n: f"{n}.{step}.{signature}", st.one_of(st.integers().map(str), nasty_text)),
        st.builds(lambda a, b: f"{a}.{b}", nasty_text, nasty_text),
        nasty_text,
    )


def test_check_in_urls_with_any_token_never_fail(session, clock):
    learner = EnrolmentFactory(cohort=session.cohort).learner
    outsider = with_role(UserFactory(), roles.LEARNER)
    anonymous, as_learner, as_outsider = Client(), Client(), Client()
    as_learner.force_login(learner)
    as_outsider.force_login(outsider)
    valid = tokens.current_token(session, clock())

    @FUZZ
    @given(
        token=_mutations(valid),
        who=st.sampled_from([anonymous, as_learner, as_outsider]),
        method=st.sampled_from(["get", "post", "head"]),
    )
    def check_in(token, who, method):
        url = f"/emargement/{quote(token, safe='')}/"
        with rolled_back():
            response = getattr(who, method)(url)
            assert response.status_code in (200, 302, 400, 403, 404), (token, response.status_code)
            written = Attendance.objects.exists()
            assert not written or (token == valid and who is as_learner and method == "post")

    check_in()


@pytest.mark.parametrize(
    "token", ["²", "²." + "a" * 64, "１.abc", "٣.abc", "9" * 40 + ".abc", ".abc", "1.", "1.é", "1.\x80"]
)
def test_invitation_links_with_malformed_tokens_are_404(client, token):
    response = client.get(f"/invitation/{quote(token, safe='')}/")
    assert response.status_code == 404


@pytest.mark.parametrize("signature", ["é", "\x80", "🙂"])
def test_an_invitation_link_with_a_non_ascii_signature_is_404(client, tree, manager, signature):
    enrolment = invite_learner(
        cohort=CohortFactory(programme=tree.programme),
        learner=LearnerData(email="nadia@example.org", first_name="Nadia", last_name="Nouvelle"),
        acting_user=manager,
    )
    invitation_id = enrolment.invitations.get().pk
    assert client.get(f"/invitation/{quote(f'{invitation_id}.{signature}', safe='')}/").status_code == 404
    assert not enrolment.learner.has_usable_password()


def test_invitation_and_calendar_tokens_never_fail(client, tree):
    manager = with_role(UserFactory(is_staff=True), roles.MANAGER)
    invite_learner(
        cohort=CohortFactory(programme=tree.programme),
        learner=LearnerData(email="nadia@example.org", first_name="Nadia", last_name="Nouvelle"),
        acting_user=manager,
    )
    real = invitation_token(Invitation.objects.get())

    @FUZZ
    @given(
        token=st.one_of(
            st.just(real),
            st.builds(lambda s: real.split(".")[0] + "." + s, any_text),
            st.builds(lambda a, b: f"{a}.{b}", nasty_text, nasty_text),
            nasty_text,
        ),
        feed=nasty_text,
    )
    def follow(token, feed):
        with rolled_back():
            response = client.get(f"/invitation/{quote(token, safe='')}/")
            assert response.status_code in ((200,) if token == real else (400, 404))
            feed_response = client.get(f"/calendrier/{quote(feed, safe='')}.ics")
            assert feed_response.status_code == 404

    follow()


def test_every_payload_is_refused_cleanly_as_a_quiz_answer(learner_client, attempt):
    """The fixed list, whatever hypothesis draws: each payload as a key and as a value."""
    url = reverse("assessments:save", args=[attempt.pk])
    first_question = attempt.content["items"][0]["key"]
    for payload in PAYLOADS:
        for body in ({f"q-{payload}": "x"}, {"shown": payload}, {f"q-{first_question}": payload}):
            response = post_form(learner_client, url, body, HTTP_ACCEPT="application/json")
            assert response.status_code == 400, (payload, body)
    assert stored_answers(attempt) == {}
