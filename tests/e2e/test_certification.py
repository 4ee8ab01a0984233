"""Certification in the browser: a certifier (password + TOTP) approves an eligible candidate from the
review queue; the learner downloads the signed PDF from « Mes certificats »; an anonymous visitor
opens the verification URL printed in that PDF and reads « valide »; after the certifier revokes the
certificate, the same URL reads « révoqué »."""

import io
import re

import pypdf
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from certificates.models import Certificate
from lms.accounts import roles
from lms.accounts.twofactor import demo_device
from tests.certificates.candidates import candidate, programme
from tests.conftest import build_tree
from tests.e2e.test_learner_journey import demo_totp_code
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db(transaction=True)
CERTIFIER_PASSWORD = "Certificatrice-mot-de-passe-2026"
LEARNER_PASSWORD = "Apprenante-mot-de-passe-2026"
URL_IN_PDF = re.compile(r"https?://\S+/verifier/[A-Za-z0-9_-]{32,}/")


@pytest.fixture
def setup(wagtail_base, live_server, settings):
    settings.SITE_URL = live_server.url  # the URL printed in the PDF and its QR code
    p = programme(build_tree(modules=2, lessons_per_module=1))
    enrolment = candidate(p, learner__first_name="Léa", learner__last_name="Durand")
    learner = enrolment.learner
    learner.set_password(LEARNER_PASSWORD)
    learner.save()
    certifier = with_role(
        UserFactory(first_name="Claire", last_name="Certificatrice", email="c.certif@example.org"),
        roles.CERTIFIER,
    )
    certifier.set_password(CERTIFIER_PASSWORD)
    certifier.save()
    demo_device(user=certifier, secret_base32=settings.DEMO_TOTP_SECRET)
    return enrolment, certifier


def _log_in(page, url: str, email: str, password: str) -> None:
    page.goto(url)
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_approve_download_verify_and_revoke(live_server, browser, page, setup, assert_accessible):
    enrolment, certifier = setup

    # The certifier: password, second factor, the review queue of the cohort.
    _log_in(page, live_server.url + reverse("certificates:review"), certifier.email, CERTIFIER_PASSWORD)
    expect(page.locator("h1")).to_have_text("Code de vérification")
    page.get_by_label("Code à 6 chiffres (ou code de secours)").fill(demo_totp_code())
    page.get_by_role("button", name="Vérifier").click()
    page.goto(live_server.url + reverse("certificates:cohort-review", args=[enrolment.cohort_id]))
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Durand Léa")).click()
    expect(page.locator("h1")).to_contain_text("Léa Durand")
    assert_accessible(page)
    page.get_by_label("Certifier").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.locator("main")).to_contain_text("URH-HDF-")
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.documents.count() == 1  # rendered once the decision committed

    # The learner downloads the PDF from « Mes certificats ».
    learner_context = browser.new_context(locale="fr-FR")
    learner_page = learner_context.new_page()
    _log_in(
        learner_page,
        live_server.url + reverse("certificates:my-certificates"),
        enrolment.learner.email,
        LEARNER_PASSWORD,
    )
    expect(learner_page.locator("h1")).to_have_text("Mes certificats")
    assert_accessible(learner_page)
    with learner_page.expect_download() as download_info:
        learner_page.get_by_role("link", name=re.compile("Télécharger le certificat")).click()
    pdf = download_info.value.path().read_bytes()
    text = "".join(page_.extract_text() for page_ in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Léa Durand" in text and certificate.number in text
    url = URL_IN_PDF.search(text.replace("\n", "")).group(0)
    assert url == f"{live_server.url}/verifier/{certificate.verification_id}/"
    learner_context.close()

    # Anyone opens the printed URL, without an account.
    visitor_context = browser.new_context(locale="fr-FR")
    visitor = visitor_context.new_page()
    visitor.goto(url)
    expect(visitor.locator("#certificate-status")).to_contain_text("valide")
    expect(visitor.locator("main")).to_contain_text("Léa Durand")
    assert_accessible(visitor)

    # The certifier revokes it from the registry; the same URL now says so.
    page.goto(live_server.url + reverse("certificates:certificate", args=[certificate.pk]))
    assert_accessible(page)
    revoke = page.locator("section", has=page.get_by_role("heading", name="Révoquer"))
    revoke.get_by_label("Motif").fill("Fraude avérée lors de l'épreuve pratique.")
    revoke.get_by_label(re.compile("Je confirme la révocation")).check()
    revoke.get_by_role("button", name="Révoquer définitivement").click()
    expect(page.locator("main")).to_contain_text("révoqué")
    visitor.goto(url)
    expect(visitor.locator("#certificate-status")).to_contain_text("révoqué")
    expect(visitor.locator("main")).to_contain_text("Fraude avérée")
    visitor_context.close()
