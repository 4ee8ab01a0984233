"""The demo loader: the whole programme in French, the four accounts, and nothing duplicated on a rerun."""

import io
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Site

from assessments.models import (
    Attendance,
    Evaluation,
    Quiz,
    QuizAttempt,
    Rubric,
    TrainerOpinion,
    TrainingSession,
)
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
        "sessions": TrainingSession.objects.count(),
        "closed sessions": TrainingSession.objects.filter(state=TrainingSession.State.CLOSED).count(),
        "attendances": Attendance.objects.count(),
        "rubrics": Rubric.objects.count(),
        "evaluations": Evaluation.objects.count(),
        "published evaluations": Evaluation.objects.filter(published_at__isnull=False).count(),
        "opinions": TrainerOpinion.objects.count(),
    }


def _changed_at() -> dict[str, list]:
    """When each demo session, register row, evaluation and opinion last changed: a rerun keeps them."""
    return {
        "sessions": list(TrainingSession.objects.order_by("pk").values_list("updated_at", "seal")),
        "attendances": list(Attendance.objects.order_by("pk").values_list("marked_at", "status")),
        "evaluations": list(Evaluation.objects.order_by("pk").values_list("updated_at", "published_at")),
        "opinions": list(TrainerOpinion.objects.order_by("pk").values_list("updated_at", "given_at")),
    }


def test_loading_twice_duplicates_nothing():
    first_output = _load()
    after_first, changed_at = _counts(), _changed_at()
    assert after_first["sessions"] == 6 and after_first["opinions"] == 2
    second_output = _load()
    assert _counts() == after_first
    assert _changed_at() == changed_at
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


# --- training sessions, registers, rubric scoring (issue #5) --------------------------------------------


def _demo_cohort():
    from courses.demo import COHORT_NAME
    from courses.models import Cohort

    return Cohort.objects.select_related("programme").get(name=COHORT_NAME)


def test_the_demo_cohort_has_six_sessions_four_of_them_closed_and_sealed():
    from assessments.seal import seal_is_intact
    from courses.models import Enrolment

    output = _load()
    cohort = _demo_cohort()
    trainer = User.objects.get(email="formateur@example.org")
    sessions = list(TrainingSession.objects.filter(cohort=cohort).order_by("date"))
    assert len(sessions) == 6
    closed = [s for s in sessions if s.is_closed]
    upcoming = [s for s in sessions if not s.is_closed]
    assert len(closed) == 4 and len(upcoming) == 2
    # The four closed ones are the past ones, co-signed by the trainer after their start.
    assert max(s.date for s in closed) < min(s.date for s in upcoming)
    assert all(s.closed_by == trainer and s.closed_at > s.start for s in closed)
    assert all(seal_is_intact(s) for s in closed)
    assert all(cohort.starts_on <= s.date <= cohort.ends_on and s.date.weekday() < 5 for s in sessions)
    # Présentiel in Lille and Arras, distanciel with a visio link; each covers modules of the programme.
    assert {s.mode for s in closed} == {TrainingSession.Mode.IN_PERSON, TrainingSession.Mode.REMOTE}
    places = " ".join(s.place for s in sessions)
    assert "59000 Lille" in places and "62000 Arras" in places
    remote = [s for s in sessions if s.mode == TrainingSession.Mode.REMOTE]
    assert remote and all(s.visio_url.startswith("https://visio.example.org/") for s in remote)
    for session in sessions:
        modules = list(session.modules.all())
        assert modules and all(m.get_parent().pk == cohort.programme.pk for m in modules)
        assert list(session.trainers.all()) == [trainer]
    # Every active learner has a row on every closed register; nobody else does.
    active = set(cohort.enrolments.filter(status=Enrolment.Status.ACTIVE).values_list("pk", flat=True))
    assert len(active) == 4
    for session in closed:
        assert set(session.attendances.values_list("enrolment_id", flat=True)) == active
    assert not Attendance.objects.filter(session__in=upcoming).exists()
    statuses = list(Attendance.objects.filter(session__in=closed).values_list("status", flat=True))
    assert statuses.count(Attendance.Status.LATE) == 1
    assert statuses.count(Attendance.Status.EXCUSED) == 1
    assert statuses.count(Attendance.Status.ABSENT) == 1
    assert statuses.count(Attendance.Status.PRESENT) == len(statuses) - 3
    # Learners attested by QR code and online; the trainer marked the rest.
    methods = set(Attendance.objects.filter(session__in=closed).values_list("method", flat=True))
    assert methods == set(Attendance.Method.values)
    assert "séance créée" in output and "émargement clos et co-signé" in output


def test_one_active_demo_learner_falls_below_the_attendance_threshold():
    from assessments.selectors.attendance import cohort_attendance_rates
    from courses.models import Enrolment

    _load()
    cohort = _demo_cohort()
    rates = cohort_attendance_rates(cohort=cohort)
    # The invited and the withdrawn learners never attended: only active learners are reminded.
    active = cohort.enrolments.filter(status=Enrolment.Status.ACTIVE).values_list("pk", flat=True)
    below = [pk for pk in active if rates[pk].below_threshold]
    assert len(below) == 1
    hugo = cohort.enrolments.get(pk=below[0])
    assert hugo.learner.email == "hugo.lefebvre@example.org"
    assert (rates[hugo.pk].held, rates[hugo.pk].attended, rates[hugo.pk].percent) == (4, 3, 75)
    lea = cohort.enrolments.get(learner__email="lea.durand@example.org")
    assert rates[lea.pk].percent == 100


def test_the_demo_rubric_scores_two_learners_and_the_trainer_gives_opinions():
    _load()
    cohort = _demo_cohort()
    rubric = Rubric.objects.get(
        programme=cohort.programme, title="Grille de mise en situation professionnelle"
    )
    criteria = list(rubric.criteria.all())
    assert len(criteria) == 4 and rubric.scale_max == 4
    assert all(1 <= c.weight <= 3 and len(c.levels) == rubric.scale_max + 1 for c in criteria)
    assert "Identifier les critères prohibés" in [c.label for c in criteria]
    evaluations = Evaluation.objects.filter(rubric=rubric, session=None, published_at__isnull=False)
    assert sorted(e.enrolment.learner.email for e in evaluations) == [
        "ines.mercier@example.org",
        "lea.durand@example.org",
    ]
    assert all(e.scores.count() == 4 and e.trainer.email == "formateur@example.org" for e in evaluations)
    lea = evaluations.get(enrolment__learner__email="lea.durand@example.org")
    assert float(lea.score) == 93.75
    opinions = {o.enrolment.learner.email: o for o in TrainerOpinion.objects.all()}
    assert opinions["lea.durand@example.org"].opinion == TrainerOpinion.Opinion.FAVOURABLE
    assert opinions["lea.durand@example.org"].comment
    reserved = [o for o in opinions.values() if o.opinion == TrainerOpinion.Opinion.RESERVED]
    assert len(reserved) == 1 and reserved[0].enrolment.learner.email != "lea.durand@example.org"


def test_the_demo_pages_a_trainer_opens_render(client: Client):
    _load()
    cohort = _demo_cohort()
    trainer = User.objects.get(email="formateur@example.org")
    client.force_login(trainer)
    closed = TrainingSession.objects.filter(cohort=cohort, state=TrainingSession.State.CLOSED).first()
    upcoming = TrainingSession.objects.filter(cohort=cohort, state=TrainingSession.State.SCHEDULED).first()
    home = client.get("/formateur/")
    assert home.status_code == 200
    assert closed.title in unescape(home.content.decode())
    for session in (closed, upcoming):
        roster = client.get(f"/formateur/seances/{session.pk}/")
        assert roster.status_code == 200, session.title
        assert "Lefebvre" in unescape(roster.content.decode())
    evaluations = client.get(f"/formateur/promotions/{cohort.pk}/evaluations/")
    assert evaluations.status_code == 200
    sheet = client.get(f"/formateur/seances/{closed.pk}/emargement.pdf")
    assert sheet.status_code == 200
    assert sheet["Content-Type"] == "application/pdf"
    assert sheet.content.startswith(b"%PDF")
