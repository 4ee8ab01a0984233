"""Calendars: the ``.ics`` text parsed back, a session's ``.ics`` and the private feed with its token."""

import datetime

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from assessments import calendar
from assessments.calendar import Event, build_calendar, escape_text, feed_token, fold, user_id_from_token
from lms.accounts import roles
from tests.assessments.test_schedule import make_session
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

STAMP = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: a CRLF followed by one space or tab continues the previous line."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "bare LF"
    physical = text.split("\r\n")[:-1]
    lines: list[str] = []
    for line in physical:
        if line[:1] in (" ", "\t"):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


def parse(body: bytes) -> list[dict[str, str]]:
    """The VEVENTs of a calendar as {property (with its parameters): unescaped value}."""
    events, current = [], None
    for line in unfold(body.decode()):
        name, _sep, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = unescape(value)
    return events


def event(**changes) -> Event:
    values = {
        "uid": "session-1@formation.example.org",
        "start": datetime.datetime(2026, 7, 6, 7, 0, tzinfo=datetime.UTC),
        "end": datetime.datetime(2026, 7, 6, 10, 30, tzinfo=datetime.UTC),
        "summary": "Séance",
        "location": "Lille",
        "description": "",
        "url": "",
        "modified": STAMP,
        **changes,
    }
    return Event(**values)


# --- The text ------------------------------------------------------------------------------------------


def test_text_values_are_escaped():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"
    assert unescape(escape_text("a,b;c\\d\ne")) == "a,b;c\\d\ne"


@pytest.mark.parametrize("text", ["é" * 200, "a" * 74 + "é" * 3 + "b" * 300, "x" * 75, "x" * 76, "€😀" * 60])
def test_long_lines_are_folded_at_75_octets_without_cutting_a_character(text):
    line = f"DESCRIPTION:{text}"
    folded = fold(line)
    physical = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in physical)
    assert all(part.startswith(" ") for part in physical[1:])
    assert "".join([physical[0], *(part[1:] for part in physical[1:])]) == line


def test_a_calendar_is_crlf_folded_and_parses_back():
    description = "Visio : https://visio.example.org/" + "x" * 120 + "\nModules : M1, M2 ; M3 \\ fin"
    body = build_calendar(
        [event(summary="Critères, « motifs » ; cas", description=description)],
        name="Mes séances",
        stamp=STAMP,
    )
    text = body.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    (parsed,) = parse(body)
    assert parsed["SUMMARY"] == "Critères, « motifs » ; cas"
    assert parsed["DESCRIPTION"] == description
    assert parsed["DTSTAMP"] == "20260301T120000Z"
    assert parsed["STATUS"] == "CONFIRMED"


def test_a_hostile_title_cannot_add_a_property():
    body = build_calendar(
        [event(summary="Séance\r\nATTENDEE:mailto:pirate@example.org", location="Lille\nEND:VEVENT")],
        name="x",
        stamp=STAMP,
    )
    lines = unfold(body.decode())
    assert not any(line.startswith("ATTENDEE") for line in lines)
    assert lines.count("END:VEVENT") == 1
    (parsed,) = parse(body)
    assert parsed["SUMMARY"] == "Séance\nATTENDEE:mailto:pirate@example.org"


# --- Sessions as events --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://formation.example.org"


@pytest.fixture
def cohort(tree):
    return CohortFactory(
        programme=tree.programme, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2027, 12, 31)
    )


@pytest.fixture
def trainer(cohort):
    trainer = with_role(UserFactory(first_name="Camille", last_name="Formatrice"), roles.TRAINER)
    cohort.trainers.add(trainer)
    return trainer


@pytest.fixture
def learner(cohort):
    return EnrolmentFactory(cohort=cohort).learner


def ics_of(client, session) -> bytes:
    response = client.get(reverse("assessments:session-ics", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="seance-{session.pk}.ics"'
    return response.content


def test_a_sessions_ics_has_utc_times_in_summer_and_in_winter(client, cohort, trainer, learner, tree):
    summer = make_session(cohort, day=datetime.date(2026, 7, 6), title="Été", trainers=[trainer])
    summer.modules.set([tree.modules[0]])
    winter = make_session(cohort, day=datetime.date(2026, 12, 7), half_day="pm", title="Hiver")
    client.force_login(learner)
    (summer_event,) = parse(ics_of(client, summer))
    (winter_event,) = parse(ics_of(client, winter))
    # Paris is UTC+2 in July, UTC+1 in December.
    assert (summer_event["DTSTART"], summer_event["DTEND"]) == ("20260706T070000Z", "20260706T103000Z")
    assert (winter_event["DTSTART"], winter_event["DTEND"]) == ("20261207T123000Z", "20261207T160000Z")
    assert summer_event["UID"] == f"session-{summer.pk}@formation.example.org"
    assert summer_event["SUMMARY"] == f"Été — {cohort.name}"
    assert summer_event["LOCATION"] == "1 rue de Lille, Lille"
    assert "Camille Formatrice" in summer_event["DESCRIPTION"]
    assert f"M1 {tree.modules[0].title}" in summer_event["DESCRIPTION"]
    assert summer_event["URL"] == "https://formation.example.org" + reverse(
        "assessments:my-session", args=[summer.pk]
    )


def test_a_remote_sessions_event_gives_its_link(client, cohort, learner):
    session = make_session(
        cohort,
        day=datetime.date(2026, 7, 6),
        mode="remote",
        place="",
        visio_url="https://visio.example.org/a",
    )
    client.force_login(learner)
    (parsed,) = parse(ics_of(client, session))
    assert parsed["LOCATION"] == "Distanciel"
    assert "https://visio.example.org/a" in parsed["DESCRIPTION"]


def test_the_uid_is_stable_across_downloads_and_the_feed(client, cohort, learner):
    session = make_session(cohort, day=datetime.date(2026, 7, 6))
    client.force_login(learner)
    first, second = parse(ics_of(client, session))[0], parse(ics_of(client, session))[0]
    session.title = "Titre changé"
    session.save()
    (changed,) = parse(ics_of(client, session))
    feed = client.get(reverse("assessments:calendar-feed", args=[feed_token(learner)]))
    (in_feed,) = parse(feed.content)
    assert (
        first["UID"]
        == second["UID"]
        == changed["UID"]
        == in_feed["UID"]
        == f"session-{session.pk}@formation.example.org"
    )


def test_a_sessions_ics_is_for_its_learners_trainers_and_staff_only(client, cohort, trainer, learner):
    session = make_session(cohort, day=datetime.date(2026, 7, 6))
    manager = with_role(UserFactory(is_staff=True), roles.MANAGER)
    certifier = with_role(UserFactory(is_staff=True), roles.CERTIFIER)
    session_trainer = with_role(UserFactory(), roles.TRAINER)
    session.trainers.add(session_trainer)
    for allowed in (learner, trainer, session_trainer, manager, certifier):
        client.force_login(allowed)
        ics_of(client, session)
    other_trainer = with_role(UserFactory(), roles.TRAINER)
    other_learner = EnrolmentFactory(cohort=CohortFactory(programme=cohort.programme)).learner
    invited = EnrolmentFactory(cohort=cohort, status="invited").learner
    url = reverse("assessments:session-ics", args=[session.pk])
    for refused in (other_trainer, other_learner, invited):
        client.force_login(refused)
        response = client.get(url)
        assert response.status_code == 404
        assert b"BEGIN:VCALENDAR" not in response.content
    assert client.get(reverse("assessments:session-ics", args=[999999])).status_code == 404


# --- The private feed ----------------------------------------------------------------------------------


def test_the_feed_lists_the_learners_sessions_without_a_login(client, cohort, learner):
    mine = [make_session(cohort, day=datetime.date(2026, 7, 6 + n)) for n in range(3)]
    make_session(CohortFactory(programme=cohort.programme), day=datetime.date(2026, 7, 6), title="Autre")
    response = client.get(reverse("assessments:calendar-feed", args=[feed_token(learner)]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    assert [e["UID"] for e in parse(response.content)] == [
        f"session-{s.pk}@formation.example.org" for s in mine
    ]
    assert "X-WR-CALNAME:Mes séances de formation" in response.content.decode()


def test_a_trainers_feed_lists_the_sessions_they_run(client, cohort, trainer):
    session = make_session(cohort, day=datetime.date(2026, 7, 6), trainers=[trainer])
    make_session(cohort, day=datetime.date(2026, 7, 7))  # of their cohort, but run by someone else
    response = client.get(reverse("assessments:calendar-feed", args=[feed_token(trainer)]))
    assert [e["UID"] for e in parse(response.content)] == [f"session-{session.pk}@formation.example.org"]


def test_the_token_is_stable_and_names_its_user():
    user = UserFactory()
    assert feed_token(user) == feed_token(user)
    assert user_id_from_token(feed_token(user)) == user.pk


def test_forged_or_foreign_tokens_answer_404(client, cohort, learner):
    make_session(cohort, day=datetime.date(2026, 7, 6))
    token = feed_token(learner)
    value, signature = token.rsplit(":", 1)
    other_value = signing.Signer(salt="x").sign_object({"u": learner.pk + 1}).rsplit(":", 1)[0]
    forged = [
        f"{value}:{signature[:-2]}AA",  # altered signature
        f"{other_value}:{signature}",  # another user's id under this signature
        signing.Signer(salt="another-salt").sign_object({"u": learner.pk}),  # signed for something else
        signing.Signer(salt=calendar.FEED_SALT).sign_object({"u": str(learner.pk)}),  # not an id
        signing.Signer(salt=calendar.FEED_SALT).sign_object([learner.pk]),
        value,
        "n'importe quoi",
    ]
    for bad in forged:
        assert user_id_from_token(bad) is None, bad
        assert client.get(reverse("assessments:calendar-feed", args=[bad])).status_code == 404, bad


def test_a_deactivated_accounts_feed_stops(client, learner):
    url = reverse("assessments:calendar-feed", args=[feed_token(learner)])
    assert client.get(url).status_code == 200
    learner.is_active = False
    learner.save()
    assert client.get(url).status_code == 404


def test_the_feed_only_answers_reads(client, learner):
    url = reverse("assessments:calendar-feed", args=[feed_token(learner)])
    assert client.post(url).status_code == 405


def test_the_feed_query_count_does_not_grow(
    client, cohort, trainer, learner, tree, django_assert_num_queries
):
    def add(count, start):
        for n in range(start, start + count):
            session = make_session(
                cohort, day=datetime.date(2026, 3, 1) + datetime.timedelta(days=n), trainers=[trainer]
            )
            session.modules.set(tree.modules)

    add(3, 0)
    url = reverse("assessments:calendar-feed", args=[feed_token(learner)])
    client.get(url)
    with django_assert_num_queries(5) as small:
        client.get(url)
    add(27, 3)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(parse(response.content)) == 30


def test_the_profile_and_my_sessions_show_the_feed_address(client, learner):
    client.force_login(learner)
    address = "https://formation.example.org" + reverse(
        "assessments:calendar-feed", args=[feed_token(learner)]
    )
    for name in ("courses:profile", "assessments:my-sessions"):
        html = client.get(reverse(name)).content.decode()
        assert address in html, name
        assert "ne la partagez pas" in html


def test_times_follow_the_paris_zone_on_the_day_of_the_change(cohort, learner):
    # 29 March 2026: clocks go forward at 2:00; a 9:00 session is already at UTC+2.
    session = make_session(cohort, day=datetime.date(2026, 3, 29))
    assert calendar.utc_stamp(session.start) == "20260329T070000Z"
    session = make_session(cohort, day=datetime.date(2026, 3, 28))
    assert calendar.utc_stamp(session.start) == "20260328T080000Z"
    assert timezone.get_current_timezone_name() == "Europe/Paris"
