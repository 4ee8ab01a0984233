"""Two-factor authentication: required for staff on every staff route; a code works once."""

import re
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.accounts import roles, twofactor
from lms.accounts.middleware import EXEMPT_PREFIXES
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db

# Every top-level route that is not a staff area, with who it is for. A new route must be added here
# (or live under a staff prefix, where the second factor is enforced), or this test fails.
NON_STAFF_ROUTES = {
    "documents/": "public (Wagtail serves documents with its own permission checks)",
    "i18n/": "everyone: language switcher",
    "sante/": "monitoring",
    "connexion/": "everyone",
    "deconnexion/": "everyone",
    "mot-de-passe/": "everyone: password change and reset",
    "compte/2fa/": "the second factor itself",
    "compte/mes-donnees/": "signed-in people: download of their own personal data (RGPD)",
    "compte/notifications/": "signed-in people: the language of their e-mails, non-essential mail on or off",
    "notifications/desabonnement/": "anyone holding an unsubscribe link (signed token) from an e-mail",
    "mentions-legales/": "public",
    "confidentialite/": "public",
    "accessibilite/": "public",
    "mon-parcours/": "signed-in people",
    "lecons/": "learners",
    "quiz/": "learners: a module's quiz",
    "tentatives/": "learners: their own quiz attempts",
    "emargement/": "learners: check-in to a session with the QR code's token, and their attestation",
    "seances/": "learners: their own sessions and attendance (.ics of a session they attend)",
    "calendrier/": "a learner's private calendar feed, authenticated by its token",
    "enquetes/": "a satisfaction survey, authenticated by the token of its e-mailed link (anonymous answers)",
    "invitation/": "invited learners",
    "profil/": "signed-in people",
    "mes-certificats/<int:certificate_id>/badge": "a certificate's holder: their Open Badge (JWT)",
    "certificats/emetteur": "public: the badge issuer's profile",
    "certificats/statut/": "public: the badges' revocation and suspension lists",
    ".well-known/": "public: the badge issuer's keys (JWKS)",
    "verifier-un-badge/": "public: anyone may check a badge",
    "verifier/": "public: verification of a certificate by its unguessable id (rate-limited)",
    "annuaire/": "public: directory of certified referents who opted in",
    "mes-certificats/": "signed-in people: their own certificates, PDF and directory choice",
    "_util/": "Wagtail's page password form (pages stay under the courses hook)",
    "": "Wagtail pages (lessons checked by the courses hook)",
}
STAFF_PREFIXES = tuple(prefix.lstrip("/") for prefix in settings.STAFF_URL_PREFIXES)


def _routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern).lstrip("^").replace("\\Z", "").rstrip("$")
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def _sample_path(route: str) -> str:
    path = re.sub(r"<(?:\w+:)?\w+>", "1", route)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "1", path)
    path = re.sub(r"[\\^$?+*()\[\]]", "", path)
    return "/" + path


def test_every_route_is_either_a_staff_area_or_declared():
    unclassified = sorted(
        {
            route
            for route in _routes()
            if not route.startswith(STAFF_PREFIXES)
            and not any(route.startswith(known) for known in NON_STAFF_ROUTES if known)
            and route != "((?:[\\w\\-]+/)*)"  # Wagtail's page catch-all, which must stay last
        }
    )
    assert not unclassified, f"routes à classer (zone d'équipe ou NON_STAFF_ROUTES) : {unclassified}"


@pytest.mark.parametrize("role", [roles.TRAINER, roles.CERTIFIER, roles.MANAGER])
def test_every_staff_route_requires_the_second_factor(client: Client, role):
    staff = with_role(UserFactory(is_staff=role != roles.TRAINER), role)
    client.force_login_without_2fa(staff)
    exempt = tuple(prefix.lstrip("/") for prefix in EXEMPT_PREFIXES)
    staff_routes = sorted(
        {route for route in _routes() if route.startswith(STAFF_PREFIXES) and not route.startswith(exempt)}
    )
    assert len(staff_routes) > 100  # the Wagtail admin, the management pages, the cohort views
    for route in staff_routes:
        response = client.get(_sample_path(route))
        assert response.status_code == 302, route
        assert response["Location"].startswith("/compte/2fa/"), (route, response["Location"])


def test_unverified_staff_are_sent_to_set_up_then_verify(client: Client):
    trainer = with_role(UserFactory(), roles.TRAINER)
    client.force_login_without_2fa(trainer)
    response = client.get("/mon-parcours/")
    assert response["Location"].startswith("/compte/2fa/activer/")
    TOTPDevice.objects.create(user=trainer, name="app", confirmed=True)
    response = client.get("/promotions/")
    assert response["Location"] == "/compte/2fa/verification/?next=%2Fpromotions%2F"


def test_learners_are_not_asked_unless_they_opted_in(client: Client):
    learner = with_role(UserFactory(), roles.LEARNER)
    client.force_login_without_2fa(learner)
    assert client.get("/mon-parcours/").status_code == 200
    assert client.get("/promotions/").status_code == 403  # not staff: refused, not asked for a code


def _current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_setting_up_confirms_the_device_and_gives_ten_backup_codes(client: Client):
    manager = with_role(UserFactory(is_staff=True), roles.MANAGER)
    client.force_login_without_2fa(manager)
    page = client.get("/compte/2fa/activer/?next=/gestion/promotions/1/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "Clé à saisir" in html
    device = TOTPDevice.objects.get(user=manager, confirmed=False)
    wrong = client.post("/compte/2fa/activer/", {"token": "000000"})
    assert wrong.status_code == 400 and 'aria-invalid="true"' in wrong.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    device.refresh_from_db()
    done = client.post("/compte/2fa/activer/", {"token": _current_code(device), "next": "/promotions/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    assert len(codes) == twofactor.BACKUP_CODE_COUNT
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/promotions/").status_code == 200


def test_a_totp_code_works_once(client: Client):
    trainer = with_role(UserFactory(), roles.TRAINER)
    device = TOTPDevice.objects.create(user=trainer, name="app", confirmed=True)
    code = _current_code(device)
    client.force_login_without_2fa(trainer)
    assert client.post("/compte/2fa/verification/", {"token": code, "next": "/promotions/"})["Location"] == (
        "/promotions/"
    )
    other = Client()
    other.force_login_without_2fa(trainer)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    again = other.post("/compte/2fa/verification/", {"token": code})
    assert again.status_code == 400
    assert "déjà utilisé" in again.content.decode()
    assert other.get("/promotions/").status_code == 302


def test_backup_codes_work_once_each(client: Client):
    trainer = with_role(UserFactory(), roles.TRAINER)
    TOTPDevice.objects.create(user=trainer, name="app", confirmed=True)
    code = twofactor.issue_backup_codes(user=trainer)[0]
    client.force_login_without_2fa(trainer)
    assert client.post("/compte/2fa/verification/", {"token": code})["Location"] == "/mon-parcours/"
    other = Client()
    other.force_login_without_2fa(trainer)
    time.sleep(1.1)  # django-otp throttles after a failure; wait it out before the next try
    assert other.post("/compte/2fa/verification/", {"token": code}).status_code == 400


def test_the_next_parameter_cannot_leave_the_site(client: Client):
    trainer = with_role(UserFactory(), roles.TRAINER)
    device = TOTPDevice.objects.create(user=trainer, name="app", confirmed=True)
    client.force_login_without_2fa(trainer)
    response = client.post(
        "/compte/2fa/verification/", {"token": _current_code(device), "next": "https://evil.example.org/"}
    )
    assert response["Location"] == "/mon-parcours/"


def test_demo_staff_accounts_get_the_documented_secret():
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    device = TOTPDevice.objects.get(user__email="formateur@example.org")
    assert twofactor.base32_secret(device) == settings.DEMO_TOTP_SECRET
    assert not TOTPDevice.objects.filter(user__email="apprenant@example.org").exists()
