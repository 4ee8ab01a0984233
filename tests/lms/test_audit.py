"""The audit trail: the hash chain, ``verify_audit`` catching tampering, the events wired into the
services and views, and the managers' log page with its CSV export."""

import datetime
import io
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import Client, modify_settings, override_settings
from django.urls import reverse
from django.utils import timezone

from lms.accounts import roles
from lms.audit import services as audit
from lms.audit.chain import GENESIS, compute_hash
from lms.audit.models import Action, AppendOnlyError, AuditEvent, ChainHead
from lms.audit.selectors import chain_report
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db

LOG = "/gestion/journal/"
EXPORT = "/gestion/journal/export.csv"


def record_some(count: int, *, actor=None, action=Action.ROLE_CHANGED, **kwargs) -> list[AuditEvent]:
    return [
        audit.record(actor=actor, action=action, after={"n": n}, obj_repr=f"objet {n}", **kwargs)
        for n in range(count)
    ]


def verify() -> tuple[int, str]:
    """Run ``verify_audit``: (exit code, everything it wrote)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, f"{out.getvalue()}{err.getvalue()}{error}"
    return 0, out.getvalue()


@contextmanager
def tampering():
    """Edit the table as an intruder with SQL access would; on PostgreSQL, as a superuser, past the
    trigger (replication mode skips ordinary triggers)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")


# --- the chain ------------------------------------------------------------------------------------------


def test_events_are_numbered_and_each_carries_the_hash_of_the_previous_one():
    first, second, third = record_some(3)
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    assert first.previous_hash == GENESIS
    assert second.previous_hash == first.hash and third.previous_hash == second.hash
    assert ChainHead.objects.get().sequence == 3 and ChainHead.objects.get().hash == third.hash
    for event in AuditEvent.objects.all():
        assert compute_hash(event) == event.hash  # as read back from the database


def test_an_event_keeps_who_what_object_change_and_ip():
    manager = with_role(UserFactory(email="gestion@example.org"), roles.MANAGER)
    person = UserFactory(email="alex@example.org")
    event = audit.record(
        actor=manager,
        action=Action.TWO_FACTOR_RESET,
        obj=person,
        before={"when": datetime.date(2026, 3, 1), "score": Decimal("56.25"), "ratio": 0.1},
        after={"reason": "téléphone perdu\x00", "nested": [1, {"a": None}]},
        ip="2001:db8:0:0::1",
    )
    event = AuditEvent.objects.get(pk=event.pk)
    assert (event.actor, event.actor_email, event.action) == (manager, "gestion@example.org", "2fa.reset")
    assert (event.object_type, event.object_id, event.object_repr) == (
        "accounts.User",
        str(person.pk),
        "alex@example.org",
    )
    assert event.before == {"when": "2026-03-01", "score": "56.25", "ratio": "0.1"}
    assert event.after == {"reason": "téléphone perdu", "nested": [1, {"a": None}]}
    assert event.ip == "2001:db8::1"
    assert compute_hash(event) == event.hash


def test_an_action_rolled_back_leaves_no_event_and_the_chain_continues():
    record_some(1)
    with pytest.raises(RuntimeError), transaction.atomic():
        record_some(1)
        raise RuntimeError
    after = record_some(1)[0]
    assert after.sequence == 2
    assert verify() == (0, "Journal intègre : 2 événements\n")


def test_events_cannot_be_changed_or_deleted_from_python():
    event = record_some(1)[0]
    event.object_repr = "autre chose"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger PostgreSQL uniquement")
def test_postgresql_refuses_update_and_delete_in_sql():
    event = record_some(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(after={"n": 99})
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_deleting_a_user_keeps_their_events_and_the_chain_valid():
    actor = UserFactory(email="ancien@example.org")
    record_some(2, actor=actor)
    actor.delete()
    assert (
        list(AuditEvent.objects.values_list("actor_id", "actor_email")) == [(None, "ancien@example.org")] * 2
    )
    assert verify()[0] == 0


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "198.51.100.4", "", "198.51.100.4"),
        (0, "198.51.100.4", "203.0.113.9", "198.51.100.4"),  # no proxy: the header is the client's
        (1, "10.0.0.1", "203.0.113.9", "203.0.113.9"),
        (1, "10.0.0.1", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # a forged first address is ignored
        (2, "10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (2, "10.0.0.2", "203.0.113.9", "10.0.0.2"),  # not through both proxies
        (1, "10.0.0.1", "pas-une-ip", None),
    ],
)
def test_the_client_ip_is_read_behind_the_trusted_proxies(rf, proxies, remote, forwarded, expected):
    from lms.audit.ip import client_ip

    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(AXES_IPWARE_PROXY_COUNT=proxies):
        assert client_ip(request) == expected


def test_record_reads_the_ip_as_django_axes_does(rf):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert audit.record(actor=None, action=Action.ROLE_CHANGED, request=request).ip == "10.0.0.1"
    with override_settings(AXES_IPWARE_PROXY_COUNT=1, AXES_CLIENT_IP_CALLABLE="lms.audit.ip.client_ip"):
        assert audit.record(actor=None, action=Action.ROLE_CHANGED, request=request).ip == "203.0.113.9"


@modify_settings(MIDDLEWARE={"append": "lms.audit.middleware.AuditContextMiddleware"})
def test_services_without_a_request_get_the_ip_from_the_middleware(client: Client):
    user = with_role(UserFactory(), roles.TRAINER)
    client.force_login(user)
    assert client.post("/compte/2fa/codes-de-secours/", REMOTE_ADDR="198.51.100.23").status_code == 200
    event = AuditEvent.objects.get(action=Action.TWO_FACTOR_BACKUP_CODES)
    assert (event.actor, event.ip, event.after) == (user, "198.51.100.23", {"count": 10})


# --- verify_audit ---------------------------------------------------------------------------------------


def test_verify_reports_an_intact_journal():
    assert verify() == (0, "Journal intègre : 0 événements\n")
    record_some(3)
    assert verify() == (0, "Journal intègre : 3 événements\n")


def test_verify_detects_an_event_edited_in_the_database():
    events = record_some(3)
    with tampering():
        AuditEvent.objects.filter(pk=events[1].pk).update(after={"n": "falsifié"})
    code, output = verify()
    assert code == 1
    assert "n° 2 : contenu modifié" in output
    assert "Journal altéré : 1 anomalie" in output


def test_verify_detects_an_event_removed_from_the_middle():
    events = record_some(4)
    with tampering():
        AuditEvent.objects.filter(pk=events[1].pk).delete()
    code, output = verify()
    assert code == 1
    assert "n° 3 : événement(s) manquant(s) : on attendait le n° 2, on trouve le n° 3" in output
    assert "n° 3 : chaînage rompu" in output


def test_verify_detects_the_last_events_removed():
    events = record_some(3)
    with tampering():
        AuditEvent.objects.filter(pk=events[2].pk).delete()
    code, output = verify()
    assert code == 1
    assert "fin : fin de chaîne altérée" in output


def test_events_cannot_be_reordered_unnoticed():
    first, second = record_some(2)
    with tampering():
        AuditEvent.objects.filter(pk=first.pk).update(sequence=99)
        AuditEvent.objects.filter(pk=second.pk).update(sequence=1)
        AuditEvent.objects.filter(pk=first.pk).update(sequence=2)
    code, output = verify()
    assert code == 1
    assert "contenu modifié" in output and "chaînage rompu" in output


def test_a_rehashed_forgery_still_breaks_the_link_to_the_next_event():
    first, second, _third = record_some(3)
    forged = AuditEvent.objects.get(pk=second.pk)
    forged.after = {"n": "falsifié"}
    with tampering():
        AuditEvent.objects.filter(pk=second.pk).update(after=forged.after, hash=compute_hash(forged))
    report = chain_report()
    assert [problem.sequence for problem in report.problems] == [3]
    assert first.hash  # the forgery needs every later hash rewritten, and the head too


# --- events wired into the application ------------------------------------------------------------------


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))


def test_two_factor_confirmation_and_backup_codes_are_recorded(client: Client):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    trainer = with_role(UserFactory(), roles.TRAINER)
    client.force_login_without_2fa(trainer)
    client.get("/compte/2fa/activer/")
    device = TOTPDevice.objects.get(user=trainer, confirmed=False)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post("/compte/2fa/activer/", {"token": code}, REMOTE_ADDR="192.0.2.44").status_code == 200
    assert actions() == ["2fa.confirmed", "2fa.backup_codes"]
    confirmed = AuditEvent.objects.get(action="2fa.confirmed")
    assert (confirmed.actor, confirmed.object_id, confirmed.ip) == (trainer, str(trainer.pk), "192.0.2.44")


def test_role_changes_in_the_wagtail_admin_are_recorded(client: Client):
    admin = UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
    person = with_role(UserFactory(email="camille@example.org"), roles.LEARNER)
    client.force_login(admin)
    trainer_group = Group.objects.get(name=roles.TRAINER)
    data = {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": [Group.objects.get(name=roles.LEARNER).pk, trainer_group.pk],
    }
    response = client.post(f"/admin/users/edit/{person.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action=Action.ROLE_CHANGED)
    assert event.actor == admin and event.object_repr == "camille@example.org"
    assert event.before["groups"] == [roles.LEARNER]
    assert event.after["groups"] == [roles.LEARNER, roles.TRAINER]
    client.post(f"/admin/users/edit/{person.pk}/", data)  # the same again: nothing changed, nothing recorded
    assert AuditEvent.objects.filter(action=Action.ROLE_CHANGED).count() == 1


def test_a_user_created_with_a_role_in_the_wagtail_admin_is_recorded(client: Client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    data = {
        "email": "nouvelle@example.org",
        "first_name": "Nouvelle",
        "last_name": "Gestionnaire",
        "password1": "Un-mot-de-passe-solide-2026",
        "password2": "Un-mot-de-passe-solide-2026",
        "is_active": "on",
        "groups": [Group.objects.get(name=roles.MANAGER).pk],
    }
    response = client.post("/admin/users/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action=Action.ROLE_CHANGED)
    assert event.before is None and event.after["groups"] == [roles.MANAGER]


# --- the managers' log ----------------------------------------------------------------------------------


@pytest.fixture
def manager_client(client: Client, manager) -> Client:
    client.force_login(manager)
    return client


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER, roles.CERTIFIER])
def test_only_managers_see_the_log_and_its_export(client: Client, role):
    client.force_login(with_role(UserFactory(is_staff=role != roles.LEARNER), role))
    assert client.get(LOG).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert not AuditEvent.objects.exists()


def test_anonymous_people_are_sent_to_the_login_page():
    assert Client().get(LOG).status_code == 302


def test_the_log_lists_events_newest_first(manager_client):
    actor = UserFactory(email="formatrice@example.org")
    audit.record(actor=actor, action=Action.SESSION_CLOSED, obj_repr="Séance du 10 mars", after={"seal": "x"})
    audit.record(actor=None, action=Action.QUIZ_GRADED, obj_repr="Tentative 3")
    html = manager_client.get(LOG).content.decode()
    assert html.index("Tentative 3") < html.index("Séance du 10 mars")
    assert "formatrice@example.org" in html and "plateforme" in html
    assert "Séance close et registre co-signé" in html


def test_the_log_filters_by_action_actor_type_and_dates(manager_client):
    alice, bob = UserFactory(email="alice@example.org"), UserFactory(email="bob@example.org")
    old = audit.record(actor=alice, action=Action.SESSION_CLOSED, obj=bob, obj_repr="ancien")
    with tampering():
        AuditEvent.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    audit.record(actor=alice, action=Action.QUIZ_GRADED, obj_repr="quiz-alice")
    audit.record(actor=bob, action=Action.SESSION_CLOSED, obj_repr="seance-bob")

    def shown(**params) -> set[str]:
        html = manager_client.get(LOG, params).content.decode()
        return {name for name in ("ancien", "quiz-alice", "seance-bob") if name in html}

    assert shown(action="session.closed") == {"ancien", "seance-bob"}
    assert shown(actor="ALICE@") == {"ancien", "quiz-alice"}
    assert shown(object_type="accounts.User") == {"ancien"}
    today = timezone.localdate().isoformat()
    assert shown(date_from=today, date_to=today) >= {"quiz-alice", "seance-bob"}
    assert shown(date_to=(timezone.localdate() - datetime.timedelta(days=1)).isoformat()) <= {"ancien"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-02-30"}, "Saisissez une date valide"),
        ({"date_to": "9999-12-31"}, "entre l&#x27;an 2000 et l&#x27;an 2999"),
        ({"date_from": "2026-03-10", "date_to": "2026-03-01"}, "La date de fin précède la date de début"),
        ({"action": "inconnue"}, "Sélectionnez un choix valide"),
        ({"page": "abc"}, ""),
        ({"page": "999"}, ""),
    ],
)
def test_bad_filters_are_reported_and_ignored(manager_client, params, message):
    record_some(2)
    response = manager_client.get(LOG, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "objet 0" in html and "objet 1" in html


def test_the_log_is_paginated(manager_client):
    record_some(60)
    first = manager_client.get(LOG).content.decode()
    second = manager_client.get(LOG, {"page": 2}).content.decode()
    assert "objet 59" in first and "objet 10<" in first and "objet 9<" not in first
    assert "objet 9<" in second and "objet 0<" in second and "objet 10<" not in second
    assert "Page 2 sur 2" in second


@pytest.mark.parametrize("filters", [{}, {"action": "role.changed", "actor": "example"}])
def test_the_log_query_count_is_the_same_for_5_and_200_events(
    manager_client, filters, django_assert_num_queries
):
    actor = UserFactory()
    for total in (5, 200):
        record_some(total - AuditEvent.objects.count(), actor=actor, obj=actor)
        manager_client.get(LOG, filters)  # warm-up
        # session, user, second-factor device, roles, object types, count, page of events
        with django_assert_num_queries(7):
            assert manager_client.get(LOG, filters).status_code == 200


def test_the_export_follows_the_filters_neutralises_formulas_and_is_audited(manager_client, manager):
    audit.record(actor=None, action=Action.QUIZ_GRADED, obj_repr='=HYPERLINK("http://x")')
    audit.record(actor=None, action=Action.SESSION_CLOSED, obj_repr="séance")
    response = manager_client.get(EXPORT, {"action": "quiz.graded"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8")
    assert "'=HYPERLINK" in content and "séance" not in content
    assert content.count("\r\n") == 2  # header + the one matching event
    export = AuditEvent.objects.get(action=Action.EXPORT_DOWNLOADED)
    assert export.actor == manager
    assert export.after == {"export": "journal-audit.csv", "query": "action=quiz.graded"}


def test_the_log_links_to_the_second_factor_reset(manager_client):
    html = manager_client.get(LOG).content.decode()
    assert reverse("audit:device-reset-find") in html


def test_wagtail_admin_menu_shows_the_log_to_managers_only(client: Client, manager):
    client.force_login(manager)
    assert LOG in client.get("/admin/").content.decode()
    certifier = with_role(UserFactory(is_staff=True), roles.CERTIFIER)
    client.force_login(certifier)
    assert LOG not in client.get("/admin/").content.decode()
