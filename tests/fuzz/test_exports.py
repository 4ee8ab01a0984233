"""Payloads stay inert: markup and template syntax in names, comments and questions are escaped in the
pages that show them and printed as text in the PDFs; spreadsheet formulas are neutralised in every CSV
export (a cell that Excel or LibreOffice would read as a formula starts with ``'``)."""

import csv
import io
import re

import pypdf
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from assessments import services as quiz_services
from assessments.importer import stream_from_questions
from assessments.models import Attendance, TrainingSession
from assessments.services.rubrics import give_opinion, publish_evaluation, save_evaluation
from certificates.models import Certificate
from lms.accounts import roles
from lms.accounts.models import Organisation, User
from lms.audit import services as audit
from tests.assessments.test_rubrics import make_rubric
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    OrganisationFactory,
    QuizFactory,
    UserFactory,
    with_role,
)
from tests.factories.certificates import issued_certificate
from tests.fuzz import FORMULAS, FUZZ, TEMPLATE_INJECTION, XSS, rolled_back

pytestmark = pytest.mark.django_db

INERT = (*XSS, *TEMPLATE_INJECTION)
# A cell starting with one of these is read as a formula; a plain number ("-1", "72,5") is not.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
# Every CSV export of the site, by URL name. A new ``.csv`` route, or one whose format is a URL
# parameter (``.<slug:fmt>``), must be added here (and below).
CSV_EXPORTS = {
    "audit:log-csv",
    "courses:cohort-progress-csv",
    "assessments:cohort-quiz-results-csv",
    "assessments:quiz-item-analysis-csv",
    "certificates:registry-csv",
    "steering:cohort-export",  # CSV here (émargement); its XLSX cells in tests/fuzz/test_steering_exports.py
    "steering:attempts-export",  # CSV here (every cohort's attempts; by COPY on PostgreSQL)
}
# Every ``.zip`` and ``.xlsx`` route: the cells of their spreadsheets and CSV files are checked in
# tests/fuzz/test_steering_exports.py.
ARCHIVE_EXPORTS = {"steering:evidence-pack"}


def questions(texts: list[str]) -> list[dict]:
    """A single-choice question per text, the text as prompt and as each choice's label."""
    return [
        {
            "type": "single",
            "prompt": f"Question {text}",
            "choices": [{"text": f"Oui {text}", "correct": True}, {"text": f"Non {text}", "correct": False}],
            "explanation": "<p>Explication.</p>",
        }
        for text in texts
    ]


def seed(tree, texts: list[str], *, email_texts: list[str] = ()):
    """A cohort whose learners, organisations, session, comments and quiz are written with ``texts``."""
    cohort = CohortFactory(programme=tree.programme)
    trainer = with_role(UserFactory(), roles.TRAINER)
    cohort.trainers.add(trainer)
    session = TrainingSession.objects.create(
        cohort=cohort,
        title=f"Séance {texts[0]}",
        date=cohort.starts_on,
        half_day="am",
        starts_at=TrainingSession.DEFAULT_TIMES["am"][0],
        ends_at=TrainingSession.DEFAULT_TIMES["am"][1],
        place=f"Salle {texts[-1]}",
    )
    quiz = QuizFactory(module=tree.modules[0], questions=stream_from_questions(questions(texts)))
    rubric = make_rubric(tree.programme)
    enrolments = []
    for n, text in enumerate(texts):
        enrolment = EnrolmentFactory(
            cohort=cohort,
            learner__first_name=text,
            learner__last_name=f"{text} Nom",
            learner__organisation=OrganisationFactory(name=f"{text} Organisme"),
        )
        if n < len(email_texts):
            User.objects.filter(pk=enrolment.learner_id).update(email=email_texts[n])
        Attendance.objects.create(
            session=session,
            enrolment=enrolment,
            status="present",
            method="trainer",
            comment=text,
            marked_by=trainer,
            marked_at=timezone.now(),
        )
        attempt = quiz_services.start_attempt(user=enrolment.learner, quiz=quiz)
        quiz_services.submit_attempt(user=enrolment.learner, attempt_id=attempt.pk, answers={})
        scores = {c.pk: (2, text) for c in rubric.criteria.all()}
        evaluation = save_evaluation(
            enrolment=enrolment, rubric=rubric, scores=scores, comment=text, acting_user=trainer
        )
        publish_evaluation(evaluation=evaluation, acting_user=trainer)
        give_opinion(enrolment=enrolment, opinion="favourable", comment=text, acting_user=trainer)
        enrolments.append(enrolment)
    return cohort, session, quiz, rubric, enrolments


# --- pages and PDFs -------------------------------------------------------------------------------------


def test_markup_and_template_syntax_are_escaped_in_every_page_that_shows_them(tree, manager):
    cohort, session, quiz, rubric, enrolments = seed(tree, list(INERT))
    staff, learner = Client(), Client()
    staff.force_login(manager)
    learner.force_login(enrolments[0].learner)
    staff_pages = {
        "matrice": reverse("courses:cohort-progress", args=[cohort.pk]),
        "gestion": reverse("courses:manage-cohort", args=[cohort.pk]),
        "résultats": reverse("assessments:cohort-quiz-results", args=[cohort.pk]),
        "analyse": reverse("assessments:quiz-item-analysis", args=[cohort.pk, quiz.pk]),
        "feuille de présence": reverse("assessments:session-roster", args=[session.pk]),
        "évaluations": reverse("assessments:cohort-evaluations", args=[cohort.pk]),
        "grille": reverse("assessments:evaluation-edit", args=[enrolments[0].pk, rubric.pk]),
        "avis": reverse("assessments:trainer-opinion", args=[enrolments[0].pk]),
        "modifier une présence": reverse(
            "assessments:attendance-change", args=[Attendance.objects.order_by("pk").first().pk]
        ),
    }
    for where, url in staff_pages.items():
        response = staff.get(url)
        assert response.status_code == 200, where
        html = response.content.decode()
        shown = [t for t in INERT if escape(t) in html]
        assert shown, f"{where} ne montre aucun des textes : le test ne vérifierait rien"
        for text in INERT:
            if escape(text) != text:
                assert text not in html, (where, text)
        assert "{{ 7*7 }}" in html or where in {"modifier une présence", "grille", "avis"}, where
    learner_pages = {
        "mes évaluations": reverse("assessments:my-evaluations"),
        "mon résultat": reverse("assessments:result", args=[enrolments[0].attempts.get().pk]),
    }
    for where, url in learner_pages.items():
        html = learner.get(url).content.decode()
        assert escape(INERT[0]) in html, where
        assert INERT[0] not in html and INERT[1] not in html, where


def pdf_text(content: bytes) -> str:
    """The text of every page without any whitespace: wrapping in a table cell cannot split a word."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def test_markup_and_template_syntax_print_as_text_in_the_pdfs(tree, manager):
    _cohort, session, _quiz, _rubric, enrolments = seed(tree, list(INERT))
    client = Client()
    client.force_login(manager)
    sheet = client.get(reverse("assessments:session-sheet-pdf", args=[session.pk]))
    assert sheet.status_code == 200
    text = pdf_text(sheet.content)
    for payload in INERT:
        assert "".join(f"{payload} Nom".split()) in text, payload
        assert "".join(f"{payload} Organisme".split()) in text, payload
    assert "".join(f"Séance {INERT[0]}".split()) in text
    assert "".join(f"Salle {INERT[-1]}".split()) in text
    for enrolment, payload in zip(enrolments, INERT, strict=True):
        certificate = client.get(reverse("assessments:completion-pdf", args=[enrolment.pk]))
        assert certificate.status_code == 200
        assert "".join(f"{payload} Organisme".split()) in pdf_text(certificate.content), payload


# --- CSV formula injection ------------------------------------------------------------------------------


def csv_routes(suffixes: tuple[str, ...] = (".csv", ".<slug:fmt>")) -> set[str]:
    """The names of every URL whose route ends in one of ``suffixes`` (``.csv`` by default)."""
    found = set()

    def walk(patterns, namespace: str = "") -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern.url_patterns,
                    f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace,
                )
            elif isinstance(pattern, URLPattern) and str(pattern.pattern).rstrip("$").endswith(suffixes):
                found.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return found


def test_every_csv_export_is_covered_here():
    assert csv_routes() == CSV_EXPORTS
    assert csv_routes((".zip", ".xlsx")) == ARCHIVE_EXPORTS


def export_urls(cohort, quiz) -> dict[str, str]:
    return {
        "audit:log-csv": reverse("audit:log-csv"),
        "courses:cohort-progress-csv": reverse("courses:cohort-progress-csv", args=[cohort.pk]),
        "assessments:cohort-quiz-results-csv": reverse(
            "assessments:cohort-quiz-results-csv", args=[cohort.pk]
        ),
        "assessments:quiz-item-analysis-csv": reverse(
            "assessments:quiz-item-analysis-csv", args=[cohort.pk, quiz.pk]
        ),
        "certificates:registry-csv": reverse("certificates:registry-csv"),
        "steering:cohort-export": reverse("steering:cohort-export", args=[cohort.pk, "emargement", "csv"]),
        "steering:attempts-export": reverse("steering:attempts-export", args=["csv"]),
    }


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def formula_cells(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would evaluate: they start a formula and are not a plain number."""
    return [
        cell
        for row in rows
        for cell in row
        if cell.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(cell)
    ]


def test_formulas_in_names_emails_organisations_and_questions_are_neutralised(tree, manager):
    emails = ["=1+1@example.org", "+33@example.org", "-2+3@example.org"]
    cohort, _session, quiz, _rubric, enrolments = seed(tree, list(FORMULAS), email_texts=emails)
    for enrolment, text in zip(enrolments, FORMULAS, strict=True):
        issued_certificate(enrolment)
        enrolment.learner.refresh_from_db()
        audit.record(actor=enrolment.learner, action=audit.Action.EXPORT_DOWNLOADED, obj_repr=text)
    client = Client()
    client.force_login(manager)
    assert set(export_urls(cohort, quiz)) == CSV_EXPORTS
    people = {f"'{text}" for text in FORMULAS} | {f"'{email}" for email in emails}
    expected = {
        "audit:log-csv": people,
        "courses:cohort-progress-csv": people | {f"'{text} Organisme" for text in FORMULAS},
        "assessments:cohort-quiz-results-csv": people | {f"'{text} Nom" for text in FORMULAS},
        # The prompts start with a word: nothing to neutralise, but the texts are there.
        "assessments:quiz-item-analysis-csv": {f"Question {text}" for text in FORMULAS},
        # The holder's name as issued (``get_full_name``, stripped) and the organisation's snapshot.
        "certificates:registry-csv": {"'" + f"{text} {text} Nom".strip() for text in FORMULAS}
        | {f"'{text} Organisme" for text in FORMULAS},
        "steering:cohort-export": people
        | {f"'{text} Nom" for text in FORMULAS}
        | {f"'{text} Organisme" for text in FORMULAS},
        "steering:attempts-export": people
        | {f"'{text} Nom" for text in FORMULAS}
        | {f"'{text} Organisme" for text in FORMULAS},
    }
    for name, url in export_urls(cohort, quiz).items():
        rows = read_csv(client.get(url))
        assert formula_cells(rows) == [], name
        cells = {cell for row in rows for cell in row}
        assert expected[name] <= cells, (name, expected[name] - cells)


def test_formulas_at_the_start_of_question_texts_are_neutralised(tree, manager):
    cohort = CohortFactory(programme=tree.programme)
    question = {
        "type": "single",
        "prompt": '=HYPERLINK("http://x","y")',
        "choices": [{"text": "@SUM(A1)", "correct": True}, {"text": "-1+1", "correct": False}],
        "explanation": "<p>Explication.</p>",
    }
    quiz = QuizFactory(module=tree.modules[0], questions=stream_from_questions([question]))
    learner = EnrolmentFactory(cohort=cohort).learner
    attempt = quiz_services.start_attempt(user=learner, quiz=quiz)
    quiz_services.submit_attempt(user=learner, attempt_id=attempt.pk, answers={})
    client = Client()
    client.force_login(manager)
    rows = read_csv(client.get(export_urls(cohort, quiz)["assessments:quiz-item-analysis-csv"]))
    assert formula_cells(rows) == []
    assert {'\'=HYPERLINK("http://x","y")', "'@SUM(A1)", "'-1+1"} <= {cell for row in rows for cell in row}


def test_any_name_comes_out_of_every_export_without_a_formula(tree, manager):
    cohort, _session, quiz, _rubric, enrolments = seed(tree, ["Camille"])
    issued_certificate(enrolments[0])
    learner = enrolments[0].learner
    client = Client()
    client.force_login(manager)
    urls = export_urls(cohort, quiz)
    # Any text PostgreSQL can store (no NUL): the names come from the database, whatever wrote them.
    text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)
    names = st.one_of(
        st.sampled_from(FORMULAS), st.builds(str.__add__, st.sampled_from(FORMULA_START), text), text
    )

    @FUZZ
    @given(first_name=names, last_name=names, email=names, organisation=names)
    def export(first_name, last_name, email, organisation):
        with rolled_back():
            User.objects.filter(pk=learner.pk).update(first_name=first_name, last_name=last_name, email=email)
            Organisation.objects.filter(pk=learner.organisation_id).update(name=organisation)
            # The registry prints the certificate's snapshots: write them as a re-issue would.
            Certificate.objects.filter(holder=learner).update(
                holder_name=f"{first_name} {last_name}", holder_organisation=organisation
            )
            learner.refresh_from_db()
            audit.record(actor=learner, action=audit.Action.EXPORT_DOWNLOADED, obj_repr=first_name)
            for name, url in urls.items():
                rows = read_csv(client.get(url))
                assert formula_cells(rows) == [], name

    export()
