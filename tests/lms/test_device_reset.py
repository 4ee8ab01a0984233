"""A manager resets the second factor of a person who lost their phone: audited, with a reason."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.accounts import roles, twofactor
from lms.accounts.device_reset import device_summary, reset_two_factor
from lms.audit.models import AuditEvent
from lms.errors import LMSError, NotAllowed
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db

REASON = "Téléphone perdu, identité vérifiée par appel le 3 mars"


def page(user) -> str:
    return reverse("audit:device-reset", kwargs={"user_id": user.pk})


@pytest.fixture
def trainer():
    """A trainer with an authenticator app and ten backup codes."""
    trainer = with_role(UserFactory(email="formatrice@example.org", is_staff=True), roles.TRAINER)
    TOTPDevice.objects.create(user=trainer, name=twofactor.APP_DEVICE_NAME, confirmed=True)
    twofactor.issue_backup_codes(user=trainer)
    return trainer


@pytest.fixture
def manager_client(client: Client, manager) -> Client:
    client.force_login(manager)
    return client


def test_the_page_shows_the_persons_devices(manager_client, trainer):
    html = manager_client.get(page(trainer)).content.decode()
    assert "Double authentification de formatrice@example.org" in html
    assert "configurée" in html and "<dd>10</dd>" in html
    assert 'name="reason"' in html


def test_a_reset_needs_a_reason(manager_client, trainer):
    response = manager_client.post(page(trainer), {"reason": "   "})
    assert response.status_code == 400
    assert "Indiquez le motif de la réinitialisation." in response.content.decode()
    assert device_summary(trainer).has_devices
    assert not AuditEvent.objects.filter(action="2fa.reset").exists()


def test_a_reset_removes_the_devices_and_is_audited(manager_client, manager, trainer):
    response = manager_client.post(page(trainer), {"reason": REASON}, REMOTE_ADDR="192.0.2.80")
    assert response.status_code == 302 and response["Location"] == page(trainer)
    assert not TOTPDevice.objects.filter(user=trainer).exists()
    assert not StaticDevice.objects.filter(user=trainer).exists()
    event = AuditEvent.objects.get(action="2fa.reset")
    assert (event.actor, event.object_type, event.object_id) == (manager, "accounts.User", str(trainer.pk))
    assert event.before == {"app_devices": 1, "pending_app_devices": 0, "backup_codes_left": 10}
    assert event.after == {"reason": REASON}
    assert event.ip == "192.0.2.80"
    followed = manager_client.get(page(trainer)).content.decode()
    assert "réinitialisée (10 codes de secours supprimés)" in followed
    assert "Cette personne n'a aucun appareil" in followed


def test_after_a_reset_the_person_is_sent_to_enrolment(manager_client, trainer):
    signed_in = Client()
    signed_in.force_login(trainer)
    assert signed_in.get("/promotions/").status_code == 200
    manager_client.post(page(trainer), {"reason": REASON})
    # The open session lost its verified device; a new login finds no device: enrolment, not a code.
    assert signed_in.get("/promotions/")["Location"].startswith(reverse("two-factor-setup"))
    fresh = Client()
    fresh.force_login_without_2fa(trainer)
    assert fresh.get("/formateur/")["Location"].startswith(reverse("two-factor-setup"))


def test_a_learner_who_had_opted_in_is_back_to_the_password_alone(manager_client):
    learner = with_role(UserFactory(), roles.LEARNER)
    TOTPDevice.objects.create(user=learner, name=twofactor.APP_DEVICE_NAME, confirmed=True)
    manager_client.post(page(learner), {"reason": REASON})
    assert not twofactor.needs_two_factor(learner)


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER, roles.CERTIFIER])
def test_only_managers_may_open_or_post(client: Client, trainer, role):
    client.force_login(with_role(UserFactory(is_staff=role != roles.LEARNER), role))
    assert client.get(page(trainer)).status_code == 403
    assert client.post(page(trainer), {"reason": REASON}).status_code == 403
    assert client.get(reverse("audit:device-reset-find"), {"email": trainer.email}).status_code == 403
    assert device_summary(trainer).has_devices


def test_anonymous_people_are_sent_to_the_login_page(trainer):
    assert Client().get(page(trainer))["Location"].startswith("/connexion/")


def test_an_unknown_person_is_a_404(manager_client):
    assert manager_client.get("/gestion/personnes/999999/double-authentification/").status_code == 404
    assert manager_client.post("/gestion/personnes/999999/double-authentification/").status_code == 404


def test_a_manager_cannot_reset_their_own_second_factor(manager_client, manager):
    html = manager_client.get(page(manager)).content.decode()
    assert "Vous ne pouvez pas réinitialiser votre propre double authentification" in html
    assert 'name="reason"' not in html
    assert manager_client.post(page(manager), {"reason": REASON}).status_code == 403
    assert TOTPDevice.objects.filter(user=manager).exists()


def test_only_a_superuser_resets_a_superusers_second_factor(manager_client, client: Client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    TOTPDevice.objects.create(user=admin, name=twofactor.APP_DEVICE_NAME, confirmed=True)
    assert manager_client.post(page(admin), {"reason": REASON}).status_code == 403
    assert TOTPDevice.objects.filter(user=admin).exists()
    other_admin = Client()
    other_admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert other_admin.post(page(admin), {"reason": REASON}).status_code == 302
    assert not TOTPDevice.objects.filter(user=admin).exists()


def test_the_service_checks_rights_and_reason(manager, trainer):
    with pytest.raises(NotAllowed):
        reset_two_factor(person=trainer, reason=REASON, acting_user=UserFactory())
    with pytest.raises(LMSError) as error:
        reset_two_factor(person=trainer, reason="\x00 ", acting_user=manager)
    assert error.value.code == "reason_required"
    removed = reset_two_factor(person=trainer, reason=REASON, acting_user=manager)
    assert (removed.app_devices, removed.backup_codes_left) == (1, 10)


def test_managers_find_a_person_by_email(manager_client, trainer):
    found = manager_client.get(reverse("audit:device-reset-find"), {"email": "FORMATRICE@example.org"})
    assert found.status_code == 302 and found["Location"] == page(trainer)
    missing = manager_client.get(reverse("audit:device-reset-find"), {"email": "personne@example.net"})
    assert missing.status_code == 400
    assert "Aucun compte n&#x27;utilise cette adresse e-mail." in missing.content.decode()
    assert (
        manager_client.get(reverse("audit:device-reset-find"), {"email": "pas une adresse"}).status_code
        == 400
    )
    assert manager_client.get(reverse("audit:device-reset-find")).status_code == 200


def test_the_wagtail_user_listing_links_to_the_reset(client: Client, trainer):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    html = client.get("/admin/users/").content.decode()
    assert page(trainer) in html
    assert page(admin) not in html
