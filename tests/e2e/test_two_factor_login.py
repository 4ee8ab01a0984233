"""The second factor in the browser: a trainer signs in with the demo password, is asked for a TOTP
code, enters the one an authenticator app shows for ``DEMO_TOTP_SECRET`` and reaches the Espace
formateur; signed out and in again, the same code is refused (a TOTP code works once)."""

import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.e2e.test_learner_journey import demo_totp_code

pytestmark = pytest.mark.django_db(transaction=True)

TRAINER = "formateur@example.org"
CODE_LABEL = "Code à 6 chiffres (ou code de secours)"
STEP = 30  # seconds per TOTP code (django-otp's default, the one authenticator apps use)
# The whole journey takes a few seconds: start it early in a step, so that the code is still the
# current one when it is entered again, and a refusal can only come from its being used already.
NEEDED_SECONDS = 20


@pytest.fixture
def demo(wagtail_base):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _wait_for_a_fresh_step() -> None:
    left = STEP - time.time() % STEP
    if left < NEEDED_SECONDS:
        time.sleep(left + 0.5)


def _sign_in(page, live_server) -> None:
    page.goto(live_server.url + "/formateur/")
    page.get_by_label("Adresse e-mail").fill(TRAINER)
    page.get_by_label("Mot de passe").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_have_text("Code de vérification")


def test_a_trainer_needs_a_totp_code_and_the_same_code_is_refused_the_second_time(
    live_server, page, demo, assert_accessible
):
    _wait_for_a_fresh_step()
    code = demo_totp_code()

    _sign_in(page, live_server)
    assert "/compte/2fa/verification/" in page.url
    assert_accessible(page)
    page.get_by_label(CODE_LABEL).fill(code)
    page.get_by_role("button", name="Vérifier").click()
    expect(page.locator("h1")).to_have_text("Espace formateur")
    assert page.url == live_server.url + "/formateur/"
    device = TOTPDevice.objects.get(user__email=TRAINER, confirmed=True)
    assert device.last_t == int(time.time()) // STEP or device.last_t == int(time.time()) // STEP - 1

    page.get_by_role("button", name="Se déconnecter").click()
    page.goto(live_server.url + "/formateur/")
    expect(page.get_by_label("Adresse e-mail")).to_be_visible()  # signed out: back to the login form

    _sign_in(page, live_server)
    assert demo_totp_code() == code  # still the current code: only its reuse can be refused
    page.get_by_label(CODE_LABEL).fill(code)
    page.get_by_role("button", name="Vérifier").click()
    expect(page.locator("h1")).to_have_text("Code de vérification")
    expect(page.locator(".errorlist")).to_contain_text("déjà utilisé")
    expect(page.get_by_label(CODE_LABEL)).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.goto(live_server.url + "/formateur/")
    expect(page.locator("h1")).to_have_text("Code de vérification")  # still not through
