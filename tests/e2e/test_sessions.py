"""A half-day session in the browser: the trainer opens the roster and the QR code, a learner checks in
on their phone through the code's URL, the trainer sees them present, closes (co-signs) the session and
downloads the émargement PDF, which is parsed back."""

import datetime
import io
import re

import pypdf
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from assessments.models import TrainingSession
from assessments.tokens import current_token
from lms.accounts import roles
from lms.accounts.twofactor import demo_device
from tests.conftest import build_tree
from tests.e2e.test_learner_journey import demo_totp_code
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db(transaction=True)
TRAINER_PASSWORD = "Formatrice-mot-de-passe-2026"
LEARNER_PASSWORD = "Apprenante-mot-de-passe-2026"


@pytest.fixture
def setup(wagtail_base):
    now = timezone.localtime().replace(second=0, microsecond=0)
    start = now - datetime.timedelta(minutes=5)
    end = min(now + datetime.timedelta(hours=1), now.replace(hour=23, minute=59))
    if start.date() != now.date() or end - now < datetime.timedelta(minutes=5):
        pytest.skip("La séance d'essai doit tenir dans la journée (test lancé trop près de minuit).")
    tree = build_tree(modules=1, lessons_per_module=1)
    cohort = CohortFactory(programme=tree.programme, name="Promotion Amiens 2026")
    trainer = with_role(
        UserFactory(first_name="Dominique", last_name="Formatrice", email="d.formatrice@example.org"),
        roles.TRAINER,
    )
    trainer.set_password(TRAINER_PASSWORD)
    trainer.save()
    demo_device(user=trainer, secret_base32=settings.DEMO_TOTP_SECRET)
    cohort.trainers.add(trainer)
    enrolment = EnrolmentFactory(cohort=cohort, learner__first_name="Camille", learner__last_name="Aubert")
    learner = enrolment.learner
    learner.set_password(LEARNER_PASSWORD)
    learner.save()
    session = TrainingSession.objects.create(
        cohort=cohort,
        title="Cadre juridique des attributions",
        date=now.date(),
        half_day="am" if now.hour < 13 else "pm",
        starts_at=start.time(),
        ends_at=end.time(),
        place="URH, 12 rue de l'Exemple, Amiens",
    )
    session.trainers.add(trainer)
    return session, trainer, enrolment


def _log_in(page, email: str, password: str) -> None:
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_roster_qr_check_in_close_and_emargement_pdf(live_server, browser, page, setup, assert_accessible):
    session, trainer, enrolment = setup
    row = page.locator(f"#inscription-{enrolment.pk}")

    # The trainer, on a tablet: password, then the second factor.
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(live_server.url + "/connexion/")
    _log_in(page, trainer.email, TRAINER_PASSWORD)
    expect(page.locator("h1")).to_have_text("Code de vérification")
    page.get_by_label("Code à 6 chiffres (ou code de secours)").fill(demo_totp_code())
    page.get_by_role("button", name="Vérifier").click()
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Espace formateur"
    ).click()
    expect(page.locator("h1")).to_have_text("Espace formateur")
    page.get_by_role("link", name=re.compile(r"^Registre — Cadre juridique")).click()

    expect(page.locator("h1")).to_have_text("Registre de présence — Cadre juridique des attributions")
    expect(page.locator("#live-count")).to_contain_text("Présent·es : 0 sur 1")
    expect(row.locator("[data-status-label]")).to_have_text("non pointé·e")
    expect(row.get_by_role("button", name="Présent·e", exact=True)).to_have_attribute("aria-pressed", "false")
    assert_accessible(page)

    page.get_by_role("link", name="Afficher le QR code d'émargement").click()
    expect(page.locator("h1")).to_have_text("Cadre juridique des attributions")
    expect(page.locator("#qr-code svg")).to_be_visible()
    expect(page.locator("#qr-present")).to_have_text("0")
    assert_accessible(page)

    # The learner scans the code with a phone: logs in, confirms, and is told so.
    phone_context = browser.new_context(locale="fr-FR", viewport={"width": 390, "height": 844})
    phone = phone_context.new_page()
    phone.set_default_timeout(15_000)
    try:
        check_in = reverse("assessments:check-in", args=[current_token(session, timezone.now())])
        phone.goto(live_server.url + check_in)
        expect(phone.locator("h1")).to_have_text("Connexion")
        _log_in(phone, enrolment.learner.email, LEARNER_PASSWORD)
        expect(phone.locator("h1")).to_have_text("Émargement")
        expect(phone.get_by_text("Cadre juridique des attributions")).to_be_visible()
        phone.get_by_role("button", name="Confirmer ma présence").click()
        expect(phone.get_by_role("status")).to_contain_text("Présence enregistrée à")
        expect(phone.get_by_role("status")).to_contain_text("présent·e")
        assert_accessible(phone)
    finally:
        phone_context.close()

    # The QR page polls: the count goes up without a reload.
    expect(page.locator("#qr-present")).to_have_text("1", timeout=20_000)
    page.get_by_role("link", name="Ouvrir le registre de la séance").click()
    expect(row.locator("[data-status-label]")).to_have_text("présent·e")
    expect(row.locator("[data-attested]")).to_contain_text("QR code")
    expect(row.get_by_role("button", name="Présent·e", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#live-count")).to_contain_text("Présent·es : 1 sur 1")

    # Closing co-signs the register.
    page.get_by_role("button", name="Clore et co-signer").click()
    expect(page.get_by_text("Séance close : le registre est co-signé et scellé.")).to_be_visible()
    expect(page.locator(".callout__title")).to_contain_text("Registre co-signé le")
    expect(page.locator(".callout__title")).to_contain_text("par Dominique Formatrice")
    expect(page.get_by_text("Le sceau correspond au registre")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Feuille d'émargement (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"emargement-{session.date:%Y-%m-%d}-")
    with open(download.path(), "rb") as pdf:
        reader = pypdf.PdfReader(io.BytesIO(pdf.read()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for expected in ("Aubert Camille", "présent", "QR code", "Dominique Formatrice", "intègre"):
        assert expected in text, expected
