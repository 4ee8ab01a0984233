"""An invited learner activates the account, lands on "Mon parcours", reads a lesson and completes it."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from cms import curriculum
from courses.models import Cohort
from courses.services.enrolment import LearnerData, invitation_token, invite_learner
from lms.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)


def demo_totp_code() -> str:
    """The code an authenticator app shows right now for the documented demo secret."""
    import base64

    from django.conf import settings
    from django_otp.oath import totp

    return f"{totp(base64.b32decode(settings.DEMO_TOTP_SECRET), step=30, t0=0, digits=6):06d}"


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
    total = sum(len(module["lessons"]) for module in curriculum.modules())
    expect(page.get_by_text(f"Leçons terminées : 0 sur {total} (0 %)")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("^Commencer")).click()
    expect(page.get_by_text(re.compile(r"Leçon 1 sur \d+"))).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="J'ai terminé cette leçon").click()
    expect(page.get_by_text("Leçon terminée", exact=True)).to_be_visible()
    first_module_lessons = len(curriculum.modules()[0]["lessons"])
    expect(page.locator("progress#module-progress")).to_have_attribute(
        "value", str(round(100 / first_module_lessons))
    )
    assert_accessible(page)

    page.get_by_role("link", name="Mon parcours").click()
    expect(page.get_by_text(f"Leçons terminées : 1 sur {total} ({round(100 / total)} %)")).to_be_visible()
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


@pytest.mark.parametrize(
    ("email", "paths"),
    [
        ("formateur@example.org", ["/mon-parcours/", "/promotions/", "/promotions/{cohort}/progression/"]),
        (
            "gestionnaire@example.org",
            [
                "/gestion/promotions/{cohort}/",
                "/gestion/promotions/{cohort}/inviter/",
                "/gestion/promotions/{cohort}/importer/",
                "/profil/",
            ],
        ),
    ],
)
def test_staff_pages_are_accessible(live_server, page, wagtail_base, assert_accessible, email, paths):
    from django.conf import settings

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    cohort = Cohort.objects.get()
    page.goto(live_server.url + "/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_have_text("Code de vérification")
    assert_accessible(page)
    page.get_by_label("Code à 6 chiffres (ou code de secours)").fill(demo_totp_code())
    page.get_by_role("button", name="Vérifier").click()
    expect(page.locator("h1")).to_have_text("Mon parcours")
    for path in paths:
        response = page.goto(live_server.url + path.format(cohort=cohort.pk))
        assert response.status == 200, path
        assert_accessible(page)


def test_trainer_passes_the_second_factor_and_a_code_works_once(live_server, page, wagtail_base, browser):
    from django.conf import settings

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    def sign_in(tab, code):
        tab.goto(live_server.url + "/promotions/")
        tab.get_by_label("Adresse e-mail").fill("formateur@example.org")
        tab.get_by_label("Mot de passe").fill(settings.DEMO_PASSWORD)
        tab.get_by_role("button", name="Se connecter").click()
        expect(tab.locator("h1")).to_have_text("Code de vérification")
        tab.get_by_label("Code à 6 chiffres (ou code de secours)").fill(code)
        tab.get_by_role("button", name="Vérifier").click()

    code = demo_totp_code()
    sign_in(page, code)
    expect(page.locator("h1")).to_contain_text("Promotions")
    expect(page.get_by_role("link", name=re.compile("Promotion de démonstration 2026"))).to_be_visible()

    other = browser.new_context(locale="fr-FR").new_page()
    sign_in(other, code)
    expect(other.get_by_role("alert").or_(other.locator(".errorlist"))).to_contain_text("déjà utilisé")
    expect(other.locator("h1")).to_have_text("Code de vérification")
