"""An invited learner activates the account, lands on "Mon parcours", reads a lesson and completes it."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from courses.models import Cohort
from courses.services.enrolment import LearnerData, invitation_token, invite_learner
from lms.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def invitation_path(wagtail_base):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    enrolment = invite_learner(
        cohort=Cohort.objects.get(),
        learner=LearnerData(email="nadia.nouvelle@example.org", first_name="Nadia", last_name="Nouvelle"),
        acting_user=User.objects.get(email="gestionnaire@example.org"),
    )
    return f"/invitation/{invitation_token(enrolment.invitations.get())}/"


def test_invited_learner_activates_reads_and_completes_a_lesson(
    live_server, page, invitation_path, assert_accessible
):
    page.goto(live_server.url + invitation_path)
    expect(page.locator("h1")).to_have_text("Activer mon compte")
    assert_accessible(page)
    page.get_by_label("Mot de passe", exact=True).fill("Nadia-mot-de-passe-2026")
    page.get_by_label("Confirmez le mot de passe").fill("Nadia-mot-de-passe-2026")
    page.get_by_role("button", name="Activer mon compte").click()

    expect(page.locator("h1")).to_have_text("Mon parcours")
    expect(page.get_by_text("0 leçon(s) terminée(s) sur 16 — 0 %")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^Commencer")).click()
    expect(page.get_by_text(re.compile(r"Leçon 1 sur \d+"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="J'ai terminé cette leçon").click()
    expect(page.get_by_text("Leçon terminée", exact=True)).to_be_visible()
    expect(page.locator("progress#module-progress")).to_have_attribute("value", "50")
    assert_accessible(page)

    page.get_by_role("link", name="Mon parcours").click()
    expect(page.get_by_text("1 leçon(s) terminée(s) sur 16 — 6 %")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Reprendre"))).to_be_visible()
    assert_accessible(page)


def test_a_used_invitation_link_explains_what_to_do(live_server, page, invitation_path, assert_accessible):
    page.goto(live_server.url + invitation_path)
    page.get_by_label("Mot de passe", exact=True).fill("Nadia-mot-de-passe-2026")
    page.get_by_label("Confirmez le mot de passe").fill("Nadia-mot-de-passe-2026")
    page.get_by_role("button", name="Activer mon compte").click()
    expect(page.locator("h1")).to_have_text("Mon parcours")
    page.goto(live_server.url + invitation_path)
    expect(page.get_by_role("alert")).to_contain_text("déjà été utilisé")
    assert_accessible(page)
