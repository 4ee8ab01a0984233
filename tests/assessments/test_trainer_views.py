"""Espace formateur pages and the learner's check-in pages: permissions, forms, JSON, query budgets."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import tokens
from assessments.models import Attendance, AttendanceChange, TrainingSession
from assessments.services import attendance as services
from lms.accounts import roles
from tests.assessments.test_attendance import at, make_session, make_trainer
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db


class Clock:
    """``timezone.now`` for the views, moved by hand (the session runs on ``DAY``, 9:00-12:30)."""

    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(at(9, 5).astimezone(datetime.UTC))
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme)


@pytest.fixture
def trainer(cohort):
    return make_trainer(cohort)


@pytest.fixture
def enrolments(cohort):
    return [EnrolmentFactory(cohort=cohort) for _ in range(3)]


@pytest.fixture
def session(cohort, clock):
    return make_session(cohort, title="Cadre juridique")


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


def url(name, *args):
    return reverse(f"assessments:{name}", args=args)


def staff_urls(session, attendance):
    """(method, url) of every staff page of one session."""
    return [
        ("get", url("session-roster", session.pk)),
        ("get", url("session-state", session.pk)),
        ("get", url("session-qr", session.pk)),
        ("get", url("session-qr-token", session.pk)),
        ("post", url("session-mark", session.pk)),
        ("post", url("session-close", session.pk)),
        ("get", url("attendance-change", attendance.pk)),
        ("post", url("attendance-change", attendance.pk)),
    ]


@pytest.fixture
def attendance(session, enrolments, trainer):
    return services.mark_attendance(
        session=session, enrolment=enrolments[0], status="present", acting_user=trainer
    )


# --- permissions ----------------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_the_login_page(client, session, attendance):
    for method, target in [("get", url("trainer-home")), *staff_urls(session, attendance)]:
        response = getattr(client, method)(target)
        assert response.status_code == 302 and response["Location"].startswith("/connexion/"), target


def test_learners_get_403_and_trainers_of_other_cohorts_404(client, tree, session, enrolments, attendance):
    outsider = make_trainer(CohortFactory(programme=tree.programme))
    for user, refused in ((enrolments[1].learner, 403), (outsider, 404)):
        client.force_login(user)
        for method, target in staff_urls(session, attendance):
            assert getattr(client, method)(target).status_code == refused, (user, target)
    client.force_login(enrolments[1].learner)
    assert client.get(url("trainer-home")).status_code == 403
    assert Attendance.objects.count() == 1 and TrainingSession.objects.get().state == "scheduled"


def test_certifiers_read_the_roster_but_do_not_run_the_session(client, session, attendance):
    client.force_login(with_role(UserFactory(is_staff=True), roles.CERTIFIER))
    roster = client.get(url("session-roster", session.pk))
    assert roster.status_code == 200 and url("session-sheet-pdf", session.pk) in roster.content.decode()
    assert client.get(url("session-state", session.pk)).status_code == 200
    for method, target in staff_urls(session, attendance)[2:]:
        assert getattr(client, method)(target).status_code == 403, target


def test_a_trainer_named_on_the_session_runs_it(client, tree, clock):
    other = CohortFactory(programme=tree.programme)
    named = with_role(UserFactory(), roles.TRAINER)
    session = make_session(other, trainers=[named])
    client.force_login(named)
    assert client.get(url("session-qr", session.pk)).status_code == 200


def test_unknown_sessions_are_404(trainer_client, clock):
    assert trainer_client.get(url("session-roster", 999999)).status_code == 404
    assert trainer_client.get(url("attendance-change", 999999)).status_code == 404


# --- Espace formateur -----------------------------------------------------------------------------------


def test_the_home_page_lists_the_trainers_sessions_with_their_links(trainer_client, tree, session, clock):
    hidden = make_session(CohortFactory(programme=tree.programme), title="Pas la mienne")
    html = trainer_client.get(url("trainer-home")).content.decode()
    assert "Espace formateur" in html and "Cadre juridique" in html and hidden.title not in html
    assert url("session-roster", session.pk) in html and url("session-qr", session.pk) in html
    assert url("cohort-evaluations", session.cohort_id) in html


def test_the_roster_has_a_labelled_form_and_real_buttons_per_learner(trainer_client, session, enrolments):
    response = trainer_client.get(url("session-roster", session.pk))
    html = response.content.decode()
    assert response.status_code == 200
    for enrolment in enrolments:
        for field in ("arrived", "left", "comment"):
            assert f'<label for="{field}-{enrolment.pk}">' in html and f'id="{field}-{enrolment.pk}"' in html
    assert html.count('name="status" value="present"') == 3
    assert ">Présent·e</button>" in html and ">Absent·e excusé·e</button>" in html
    assert 'aria-live="polite"' in html and 'data-count="live">0<' in html
    assert "roster.js" in html and html.count('aria-pressed="false"') == 3 * 4
    assert url("session-sheet-pdf", session.pk) in html
    assert url("cohort-evaluations", session.cohort_id) in html


def test_marking_by_form_redirects_to_the_learner_with_a_message(trainer_client, session, enrolments):
    data = {
        "enrolment": enrolments[1].pk,
        "status": "late",
        "arrived_at": "09:20",
        "left_at": "",
        "comment": "Bus",
    }
    response = trainer_client.post(url("session-mark", session.pk), data)
    assert response.status_code == 302
    assert response["Location"] == f"{url('session-roster', session.pk)}#inscription-{enrolments[1].pk}"
    row = Attendance.objects.get(enrolment=enrolments[1])
    assert (row.status, row.arrived_at, row.comment) == ("late", datetime.time(9, 20), "Bus")
    page = trainer_client.get(response["Location"]).content.decode()
    assert "Présence enregistrée pour" in page


def test_marking_by_script_answers_the_new_state(trainer_client, session, enrolments):
    response = trainer_client.post(
        url("session-mark", session.pk),
        {"enrolment": enrolments[0].pk, "status": "present"},
        headers={"Accept": "application/json"},
    )
    body = response.json()
    assert response.status_code == 200 and body["saved"]
    assert body["counts"]["live"] == 1 and body["counts"]["unmarked"] == 2
    assert body["rows"][str(enrolments[0].pk)]["status"] == "present"


@pytest.mark.parametrize(
    ("data", "status", "text"),
    [
        ({"status": "present", "arrived_at": "25:99"}, 400, "Arrivée"),
        ({"status": "present", "arrived_at": "10:00", "left_at": "09:00"}, 400, "départ"),
        ({"status": "peut-être"}, 400, "Présence"),
        ({"status": "present", "enrolment": 999999}, 404, "pas inscrite"),
    ],
)
def test_bad_marks_get_a_french_message_and_write_nothing(
    trainer_client, session, enrolments, data, status, text
):
    data = {"enrolment": enrolments[0].pk, **data}
    response = trainer_client.post(url("session-mark", session.pk), data)
    assert response.status_code == status and text in response.content.decode()
    assert not Attendance.objects.exists()


def test_the_state_json_gives_counts_and_each_learners_status(trainer_client, session, enrolments, clock):
    services.check_in(token=tokens.current_token(session, clock()), learner=enrolments[2].learner, ip=None)
    body = trainer_client.get(url("session-state", session.pk)).json()
    assert body["counts"] == {
        "present": 1,
        "late": 0,
        "excused": 0,
        "absent": 0,
        "unmarked": 2,
        "live": 1,
        "total": 3,
    }
    row = body["rows"][str(enrolments[2].pk)]
    assert row == {
        "status": "present",
        "method": "qr",
        "arrived_at": "09:05",
        "left_at": "",
        "attested_at": "09:05",
    }
    assert body["labels"]["late"] == "en retard" and body["closed"] is False


# --- QR code and closing --------------------------------------------------------------------------------


def test_the_qr_page_shows_a_code_pointing_to_the_check_in_url(trainer_client, session, enrolments, clock):
    html = trainer_client.get(url("session-qr", session.pk)).content.decode()
    token = tokens.current_token(session, clock())
    assert "<svg" in html and f'data-token="{token}"' in html and "qr.js" in html
    assert 'aria-live="polite"' in html and "Cadre juridique" in html
    body = trainer_client.get(url("session-qr-token", session.pk)).json()
    assert body["token"] == token and body["svg"].startswith("<svg") and body["open"] is True
    assert 0 < body["expires_in"] <= 30 and body["present"] == 0
    assert tokens.read_token(body["token"], clock()).session_id == session.pk


def test_the_code_rotates_and_is_not_shown_outside_the_window(trainer_client, session, clock):
    first = trainer_client.get(url("session-qr-token", session.pk)).json()["token"]
    clock.moment += datetime.timedelta(seconds=30)
    assert trainer_client.get(url("session-qr-token", session.pk)).json()["token"] != first
    clock.moment = at(8, 0)
    body = trainer_client.get(url("session-qr-token", session.pk)).json()
    assert body["token"] is None and body["svg"] == "" and body["open"] is False
    assert "à partir de 08:30" in trainer_client.get(url("session-qr", session.pk)).content.decode()


def test_closing_co_signs_and_shows_who_and_the_seal(trainer_client, trainer, session, enrolments, clock):
    clock.moment = at(12, 35)
    response = trainer_client.post(url("session-close", session.pk), {"from": "qr"})
    assert response.status_code == 302 and response["Location"] == url("session-qr", session.pk)
    session.refresh_from_db()
    assert session.is_closed and session.closed_by == trainer
    html = trainer_client.get(url("session-roster", session.pk)).content.decode()
    assert "Registre co-signé le 10 mars 2026 à 12:35 par" in html and session.seal in html
    assert "aucune ligne n'a été modifiée" in html
    assert trainer_client.post(url("session-close", session.pk)).status_code == 302  # a double click
    assert Attendance.objects.count() == 3


def test_after_closing_the_roster_posts_changes_with_a_required_reason(
    trainer_client, session, enrolments, clock
):
    clock.moment = at(12, 35)
    services.close_session(session=session, acting_user=session.cohort.trainers.get())
    row = Attendance.objects.get(enrolment=enrolments[0])
    html = trainer_client.get(url("session-roster", session.pk)).content.decode()
    assert f'action="{url("attendance-change", row.pk)}"' in html and 'name="reason"' in html
    change = url("attendance-change", row.pk)
    refused = trainer_client.post(change, {"status": "excused", "reason": ""})
    assert refused.status_code == 400 and "motif" in refused.content.decode()
    assert not AttendanceChange.objects.exists()
    form = trainer_client.get(change)
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    done = trainer_client.post(change, {"status": "excused", "reason": "Arrêt maladie"})
    assert done.status_code == 302
    assert AttendanceChange.objects.get().reason == "Arrêt maladie"
    Attendance.objects.filter(pk=row.pk).update(comment="modifié en base")
    assert (
        "a été modifiée hors de la plateforme"
        in trainer_client.get(url("session-roster", session.pk)).content.decode()
    )


# --- the learner's check-in -----------------------------------------------------------------------------


def test_a_learner_scans_logs_in_and_confirms(client, session, enrolments, clock):
    learner = enrolments[0].learner
    target = url("check-in", tokens.current_token(session, clock()))
    response = client.get(target)
    assert (
        response.status_code == 302
        and response["Location"] == f"/connexion/?next={target.replace(':', '%3A')}"
    )
    clock.moment += datetime.timedelta(minutes=3)  # logging in on a phone takes a while: the code rotated
    client.force_login(learner)
    page = client.get(target)
    assert page.status_code == 200 and "Confirmer ma présence" in page.content.decode()
    done = client.post(target, REMOTE_ADDR="203.0.113.7")
    assert done.status_code == 200 and "Présence enregistrée à 09:08" in done.content.decode()
    row = Attendance.objects.get()
    assert (row.status, row.method, row.attested_ip) == ("present", "qr", "203.0.113.7")
    again = client.post(target)
    assert again.status_code == 200 and "déjà enregistrée à 09:08" in again.content.decode()
    assert Attendance.objects.count() == 1


def test_an_expired_or_forged_code_gets_a_clear_french_page(client, session, enrolments, clock):
    client.force_login(enrolments[0].learner)
    old = url("check-in", tokens.current_token(session, clock()))
    clock.moment += datetime.timedelta(minutes=2)
    response = client.post(old)
    assert response.status_code == 400 and "a expiré" in response.content.decode()
    forged = client.get(url("check-in", "12.34.abc"))
    assert forged.status_code == 400 and "pas été émis par la plateforme" in forged.content.decode()
    assert not Attendance.objects.exists()


def test_a_learner_of_another_cohort_is_refused(client, tree, session, clock):
    stranger = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme)).learner
    client.force_login(stranger)
    target = url("check-in", tokens.current_token(session, clock()))
    assert client.get(target).status_code == 403  # told before the confirmation button
    response = client.post(target)
    assert response.status_code == 403 and "pas inscrit·e dans cette promotion" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_learner_attests_online_from_their_session_page(client, tree, session, enrolments, clock):
    client.force_login(enrolments[0].learner)
    response = client.post(url("attest", session.pk))
    assert response.status_code == 302 and response["Location"] == url("my-session", session.pk)
    row = Attendance.objects.get()
    assert (row.method, row.attested_at) == ("confirmation", clock())
    assert "Votre présence est attestée (09:05)" in client.get(response["Location"]).content.decode()
    other = make_session(CohortFactory(programme=tree.programme))
    assert client.post(url("attest", other.pk)).status_code == 404
    assert client.get(url("attest", session.pk)).status_code == 405


# --- query budgets --------------------------------------------------------------------------------------

ROSTER_QUERIES = 9
STATE_QUERIES = 8


def _populate(session, count: int, trainer) -> None:
    for n in range(count):
        enrolment = EnrolmentFactory(cohort=session.cohort)
        if n % 2:
            services.mark_attendance(session=session, enrolment=enrolment, status="late", acting_user=trainer)


@pytest.mark.parametrize("size", [4, 40])
def test_roster_and_state_query_counts_do_not_grow(
    trainer_client, trainer, session, size, django_assert_num_queries
):
    _populate(session, size, trainer)
    roster, state = url("session-roster", session.pk), url("session-state", session.pk)
    trainer_client.get(roster)  # warm-up: session, second factor, roles
    trainer_client.get(state)
    with django_assert_num_queries(ROSTER_QUERIES):
        html = trainer_client.get(roster).content.decode()
    assert len(re.findall(r'<li class="card" id="inscription-', html)) == size
    with django_assert_num_queries(STATE_QUERIES):
        body = json.loads(trainer_client.get(state).content)
    assert body["counts"]["total"] == size and body["counts"]["late"] == size // 2


def test_the_header_links_staff_to_their_spaces_and_not_learners(client, tree):
    from lms.accounts import roles
    from tests.factories import EnrolmentFactory, UserFactory, with_role

    trainer = with_role(UserFactory(), roles.TRAINER)  # not is_staff: the role alone decides
    client.force_login(trainer)
    html = client.get("/mon-parcours/").content.decode()
    assert "Espace formateur" in html and "Promotions</a>" in html
    learner = EnrolmentFactory(cohort__programme=tree.programme).learner
    client.force_login(learner)
    html = client.get("/mon-parcours/").content.decode()
    assert "Espace formateur" not in html and "Promotions</a>" not in html
