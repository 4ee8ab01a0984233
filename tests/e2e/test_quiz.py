"""A learner takes a module's quiz in the browser: fails, retries, passes, and the module completes."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import LessonProgress
from tests.conftest import build_tree
from tests.factories import CohortFactory, EnrolmentFactory, QuizFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Quiz-mot-de-passe-2026"
RIGHT = {
    "Quel texte définit les finalités de l'attribution ?": ["L441 CCH"],
    "Quels critères sont prohibés ?": ["Lieu de résidence", "Patronyme"],
    "La cotation est une aide à la décision.": ["Vrai"],
    "Le motif est-il suffisant ?": ["Non"],
    "Le PV doit être motivé.": ["Vrai"],
}
WRONG = {
    "Quel texte définit les finalités de l'attribution ?": ["225-1 CP"],
    "Quels critères sont prohibés ?": ["Ressources"],
    "La cotation est une aide à la décision.": ["Faux"],
}


@pytest.fixture
def setup(wagtail_base):
    tree = build_tree(modules=1, lessons_per_module=1)
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    enrolment.learner.set_password(PASSWORD)
    enrolment.learner.save()
    LessonProgress.objects.create(enrolment=enrolment, lesson=tree.lessons[0], completed_at=timezone.now())
    return tree, enrolment.learner, QuizFactory(module=tree.modules[0])


def _answer(page, answers: dict[str, list[str]]) -> None:
    for prompt, labels in answers.items():
        question = page.locator("fieldset.question", has_text=prompt)
        for label in labels:
            question.get_by_label(label, exact=True).check()


def test_fail_retry_pass_and_the_module_completes(live_server, page, setup, assert_accessible):
    tree, learner, quiz = setup
    page.goto(live_server.url + "/connexion/")
    page.get_by_label("Adresse e-mail").fill(learner.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()

    page.goto(live_server.url + tree.modules[0].url)
    expect(page.locator(".learning-summary .badge").first).to_have_text("en cours")
    page.get_by_role("link", name="Quiz du module").click()
    expect(page.locator("h1")).to_have_text(quiz.title)
    assert_accessible(page)
    page.get_by_role("button", name="Commencer le quiz").click()

    expect(page.get_by_text("Tentative 1 sur 3")).to_be_visible()
    assert_accessible(page)
    _answer(page, WRONG)
    # With JavaScript, each change is saved at once.
    expect(page.locator("#autosave-status")).to_contain_text("Réponses enregistrées à")
    page.get_by_role("button", name="Envoyer pour correction").click()

    expect(page.locator("h1")).to_contain_text("Résultat")
    expect(page.locator(".quiz-score")).to_contain_text("non réussi")
    expect(page.get_by_text("Il vous reste 2 tentatives.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Commencer une nouvelle tentative").click()

    expect(page.get_by_text("Tentative 2 sur 3")).to_be_visible()
    _answer(page, RIGHT)
    page.get_by_role("button", name="Envoyer pour correction").click()
    expect(page.locator(".quiz-score")).to_contain_text("100 %")
    expect(page.locator(".quiz-score")).to_contain_text("réussi")
    expect(page.get_by_text("Explication-single")).to_be_visible()  # full review once passed
    assert_accessible(page)

    page.get_by_role("link", name="Retour au module").click()
    expect(page.locator(".learning-summary .badge").first).to_have_text("terminé")
    assert_accessible(page)
