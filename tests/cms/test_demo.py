"""The demo loader: the whole programme in French, the four accounts, and nothing duplicated on a rerun."""

import io
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Site

from assessments.models import Quiz, QuizAttempt
from cms import curriculum
from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage
from lms.accounts.models import User

pytestmark = pytest.mark.django_db

DEMO_EMAILS = {
    "apprenant@example.org",
    "formateur@example.org",
    "certificateur@example.org",
    "gestionnaire@example.org",
}


def _load() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "users": User.objects.count(),
        "sites": Site.objects.count(),
        "revisions": sum(p.revisions.count() for p in Page.objects.all()),
        "quizzes": Quiz.objects.count(),
        "attempts": QuizAttempt.objects.count(),
    }


def test_loading_twice_duplicates_nothing():
    first_output = _load()
    after_first = _counts()
    second_output = _load()
    assert _counts() == after_first
    assert "créée" in first_output
    assert "créée" not in second_output and "créé :" not in second_output


def test_every_module_has_its_quiz_and_demo_learners_have_passed_and_failed_attempts():
    _load()
    assert Quiz.objects.count() == ModulePage.objects.count() == len(curriculum.modules())
    graded = QuizAttempt.objects.filter(state=QuizAttempt.State.GRADED)
    assert graded.filter(passed=True).exists() and graded.filter(passed=False).exists()
    # The demo learner has one failed attempt at the first quiz, and attempts left to try it.
    camille = graded.filter(enrolment__learner__email="apprenant@example.org")
    assert [(a.quiz.module.number, a.passed) for a in camille] == [(1, False)]
    # Léa finished every module: each of her modules is complete, quiz included.
    from courses.models import Enrolment
    from courses.selectors.progress import ModuleState, programme_progress

    lea = Enrolment.objects.get(learner__email="lea.durand@example.org")
    assert {m.state for m in programme_progress(enrolment=lea).modules} == {ModuleState.COMPLETED}


def test_demo_accounts_use_the_demo_password(settings):
    settings.DEMO_PASSWORD = "Mot-de-passe-de-demo-2026"
    _load()
    users = {u.email: u for u in User.objects.filter(email__in=DEMO_EMAILS)}
    assert set(users) == DEMO_EMAILS
    assert all(u.check_password("Mot-de-passe-de-demo-2026") for u in users.values())
    assert users["gestionnaire@example.org"].is_staff
    assert not users["apprenant@example.org"].is_staff


def test_no_account_exists_before_the_demo_is_loaded():
    assert not User.objects.filter(email__in=DEMO_EMAILS).exists()


def test_the_programme_has_its_eight_modules_each_with_lessons_in_order():
    _load()
    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    programme = ProgrammePage.objects.child_of(home).get()
    modules = list(ModulePage.objects.child_of(programme).order_by("path"))
    assert [m.number for m in modules] == list(range(1, 9))
    for module in modules:
        assert LessonPage.objects.child_of(module).live().count() >= 1
    # Wagtail's placeholder page is gone.
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()


def test_every_demo_page_renders_in_french(client: Client):
    _load()
    client.force_login(User.objects.get(email="gestionnaire@example.org"))
    pages = Page.objects.live().filter(depth__gte=2).specific()
    assert len(pages) == 2 + len(curriculum.modules()) + sum(len(m["lessons"]) for m in curriculum.modules())
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = unescape(response.content.decode())
        assert '<html lang="fr">' in html
        assert page.title.split(" ")[0] in html
        assert not re.search(r"lorem|ipsum|TODO", html, re.IGNORECASE), page.url
        # The fact sheet's raw marker must never reach a page; hedged wording ("à vérifier") may.
        assert "À VÉRIFIER" not in html and "[V]" not in html and "[V-p]" not in html, page.url


def test_demo_content_uses_every_lesson_block_type():
    used = {
        block_type
        for m in curriculum.modules()
        for lesson in m["lessons"]
        for block_type, _ in lesson["body"]
    }
    assert {"paragraph", "key_points", "legal_reference", "case_study", "timeline", "accordion"} <= used
    assert "glossary_term" in used
