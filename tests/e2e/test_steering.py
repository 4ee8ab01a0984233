"""The URH dashboard in the browser: a manager (password + TOTP) opens « Pilotage », reads the charts'
data with the keyboard, filters one cohort, follows that cohort's export link and downloads its quiz
results as CSV; axe-core finds no serious or critical violation, filtered or not."""

import re

import pytest
from playwright.sync_api import expect

from lms.accounts import roles
from lms.accounts.twofactor import demo_device
from tests.conftest import build_tree
from tests.e2e.test_learner_journey import demo_totp_code
from tests.factories import UserFactory, with_role
from tests.steering.dashboard_fixtures import build_world

pytestmark = pytest.mark.django_db(transaction=True)
MANAGER_PASSWORD = "Gestionnaire-mot-de-passe-2026"
URL = "/gestion/pilotage/"


@pytest.fixture
def setup(wagtail_base, live_server, settings):
    world = build_world(build_tree(modules=2, lessons_per_module=3))
    manager = with_role(
        UserFactory(first_name="Sacha", last_name="Gestionnaire", email="s.gestion@example.org"),
        roles.MANAGER,
    )
    manager.set_password(MANAGER_PASSWORD)
    manager.save()
    demo_device(user=manager, secret_base32=settings.DEMO_TOTP_SECRET)
    return world, manager


def _log_in(page, url: str, email: str) -> None:
    page.goto(url)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(MANAGER_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.locator("h1")).to_have_text("Code de vérification")
    page.get_by_label("Code à 6 chiffres (ou code de secours)").fill(demo_totp_code())
    page.get_by_role("button", name="Vérifier").click()


def test_a_manager_filters_a_cohort_and_downloads_its_export(live_server, page, setup, assert_accessible):
    world, manager = setup
    _log_in(page, live_server.url + URL, manager.email)
    page.goto(live_server.url + URL)
    expect(page.locator("h1")).to_have_text("Pilotage de la formation")
    cohorts = page.locator("#table-cohorts")
    expect(cohorts).to_contain_text("Promotion Lille")
    expect(cohorts).to_contain_text("Promotion Arras")
    expect(page.get_by_role("img", name=re.compile("Assiduité par séance"))).to_be_visible()
    assert_accessible(page)

    # The chart's data opens with the keyboard.
    summary = page.locator("#chart-attendance summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#chart-attendance table")).to_contain_text("Promotion Lille")

    # Filter one cohort.
    page.get_by_label("Promotion", exact=True).select_option(label="Promotion Lille")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(rf"cohort={world.a.cohort.pk}"))
    expect(cohorts).not_to_contain_text("Promotion Arras")
    expect(page.locator(".dashboard-overview")).to_contain_text("66\xa0%")  # attendance: 10 of 15
    assert_accessible(page)

    # An impossible period is refused with its message, and the page stays accessible.
    page.goto(live_server.url + URL + "?du=2026-05-01&au=2026-04-01")
    expect(page.get_by_role("alert")).to_contain_text("aucun chiffre n'a été calculé")
    expect(page.locator("#id_au_errors")).to_have_text("La fin de la période ne peut pas précéder son début.")
    assert_accessible(page)
    page.go_back()

    # The cohort's exports, then its quiz results as CSV.
    page.get_by_role("link", name="Exports de la promotion « Promotion Lille »").click()
    expect(page.locator("h1")).to_contain_text("Exports de la promotion « Promotion Lille »")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^CSV — Résultats aux quiz")).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = download.path().read_bytes().decode("utf-8-sig")
    assert "Deux" in text and "Trois" in text  # Lille's learners with an attempt
    assert "Mun" not in text  # an Arras learner
