"""A visitor walks home -> programme -> module -> lesson in a real browser; axe-core checks each page."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(wagtail_base):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_walk_from_home_to_a_lesson_in_french(live_server, page, demo, assert_accessible):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("h1")).to_have_text("Référent·e égalité de traitement")
    # The site's own stylesheet is served (no CDN) and applied.
    expect(page.locator(".site-header")).to_have_css("background-color", "rgb(0, 61, 122)")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Référent·e égalité de traitement")).last.click()
    expect(page.get_by_role("heading", name="Les modules")).to_be_visible()
    expect(page.get_by_text("Module 8")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Fondamentaux et chronologie")).click()
    expect(page.locator("h1")).to_contain_text("Fondamentaux et chronologie du droit des attributions")
    expect(page.get_by_role("heading", name="Les leçons")).to_be_visible()
    assert_accessible(page)

    page.locator("ol.ordered-list a").first.click()
    # Lessons are for enrolled learners: the visitor signs in and comes back to the lesson.
    expect(page.locator("h1")).to_have_text("Connexion")
    assert_accessible(page)
    page.get_by_label("Adresse e-mail").fill("apprenant@example.org")
    page.get_by_label("Mot de passe").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_text(re.compile(r"Leçon 1 sur \d+"))).to_be_visible()
    expect(page.locator("article.lesson")).to_contain_text("attribution")
    expect(page.get_by_role("navigation", name="Fil d'Ariane")).to_contain_text("Accueil")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Leçon suivante")).click()
    expect(page.get_by_text(re.compile(r"Leçon 2 sur \d+"))).to_be_visible()
    assert_accessible(page)


def test_keyboard_user_skips_to_the_content(live_server, page, demo):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#contenu")).to_be_focused()


def test_language_switcher_turns_the_interface_to_english_and_back(live_server, page, demo):
    page.goto(live_server.url + "/mentions-legales/")
    page.get_by_label("Langue").select_option("en")
    page.get_by_role("button", name="Changer").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to content")).to_be_attached()
    expect(page.get_by_role("heading", level=1)).to_have_text("Legal notice")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentions légales")


def test_error_pages_are_accessible(live_server, wagtail_base, page, assert_accessible):
    response = page.goto(live_server.url + "/nulle-part/")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Page introuvable")
    assert_accessible(page)
    page.goto(live_server.url + "/connexion/")
    assert_accessible(page)
