"""A cohort's exports: each dataset in CSV and XLSX against a cohort built by hand, who may download
which, the French 404 of an unknown export, the audit event, the query budget at two sizes and the
memory that stays flat when the rows are ten times more."""

import csv
import datetime
import io
import tracemalloc
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Attendance, QuizAttempt, SurveyRequest, SurveyResponse, TrainingSession
from assessments.seal import compute_seal
from courses.models import Enrolment
from lms import zipstream
from lms.accounts import roles
from lms.accounts.models import User
from lms.audit.models import Action, AuditEvent
from lms.audit.services import RECORD_QUERIES
from lms.steering import exports
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    OrganisationFactory,
    QuizFactory,
    UserFactory,
    with_role,
)
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
DAY = datetime.date(2026, 2, 3)
FORMULA = '=HYPERLINK("http://x","y")'


def at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def hm(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


def staff(role: str, **names):
    return with_role(UserFactory(**names), role)


def enrol(cohort, last: str, first: str, organisation: str, **extra) -> Enrolment:
    return EnrolmentFactory(
        cohort=cohort,
        learner__last_name=last,
        learner__first_name=first,
        learner__email=f"{first.lower()}.{last.lower()}@example.org",
        learner__organisation=OrganisationFactory(name=organisation),
        **extra,
    )


def make_session(cohort, half_day: str, title: str, **extra) -> TrainingSession:
    start, end = TrainingSession.DEFAULT_TIMES[half_day]
    return TrainingSession.objects.create(
        cohort=cohort, title=title, date=DAY, half_day=half_day, starts_at=start, ends_at=end, **extra
    )


def attend(session, enrolment, status, method="trainer", arrived=None, left=None, attested=None):
    return Attendance.objects.create(
        session=session,
        enrolment=enrolment,
        status=status,
        method=method,
        arrived_at=hm(arrived),
        left_at=hm(left),
        attested_at=attested,
        marked_at=attested or at(DAY, 9, 0),
    )


def close(session, closer, when: datetime.datetime) -> TrainingSession:
    """As the close service does it: state, signatory, then the seal over the rows."""
    session.state = TrainingSession.State.CLOSED
    session.closed_at = when.astimezone(datetime.UTC)
    session.closed_by = closer
    session.seal = compute_seal(session, list(session.attendances.all()))
    session.save()
    return session


def attempt(enrolment, quiz, number, *, score=None, passed=None, started, closed=None, reason=""):
    return QuizAttempt.objects.create(
        enrolment=enrolment,
        quiz=quiz,
        number=number,
        state="graded" if closed else "in_progress",
        content={"items": []},
        started_at=started,
        closed_at=closed,
        close_reason=reason,
        score=score,
        passed=passed,
    )


def build_cohort(tree) -> SimpleNamespace:
    """Promotion Lille 2026: a closed morning and an open afternoon, four learners (one invited, one
    withdrawn), three quiz attempts, one certificate; and another cohort with its own trainer."""
    quiz = QuizFactory(module=tree.modules[0], title="Quiz du module 1")
    cohort = CohortFactory(programme=tree.programme, name="Promotion Lille 2026")
    other = CohortFactory(programme=tree.programme, name="Promotion Amiens 2026")
    trainer = staff(roles.TRAINER, first_name="Dominique", last_name="Formatrice")
    other_trainer = staff(roles.TRAINER)
    cohort.trainers.add(trainer)
    other.trainers.add(other_trainer)
    dupont = enrol(cohort, "Dupont", "Camille", "Office Lille")
    martin = enrol(cohort, "Martin", "Léa", FORMULA)
    enrol(cohort, "Petit", "Inès", "Office Petit", status=Enrolment.Status.INVITED)
    roux = enrol(cohort, "Roux", "Hugo", "Office Roux", status=Enrolment.Status.WITHDRAWN)
    morning = make_session(cohort, "am", "Le cadre juridique")
    afternoon = make_session(
        cohort, "pm", "Cas pratiques", mode="remote", visio_url="https://visio.example.org/a"
    )
    attend(morning, dupont, "present", "qr", "09:05", "12:30", attested=at(DAY, 9, 7))
    attend(morning, martin, "late", arrived="09:40")
    attend(morning, roux, "absent")
    close(morning, trainer, at(DAY, 12, 35))
    attend(afternoon, dupont, "present", "confirmation", attested=at(DAY, 13, 32))
    attempt(dupont, quiz, 1, score=Decimal("72.50"), passed=False, started=at(DAY, 15, 0),
            closed=at(DAY, 15, 20), reason="submitted")  # fmt: skip
    attempt(dupont, quiz, 2, score=Decimal("90"), passed=True, started=at(DAY, 16, 0),
            closed=at(DAY, 16, 15), reason="deadline")  # fmt: skip
    attempt(martin, quiz, 1, started=at(DAY, 16, 30))
    certificate = issued_certificate(dupont)
    certificate.refresh_from_db()  # the values as stored (hours as a Decimal)
    surveys(morning, afternoon, [dupont, martin, roux], trainer)
    # What must never leak: the other cohort's learner, session, attempt.
    elsewhere = enrol(other, "Ailleurs", "Zoé", "Office Amiens")
    attend(make_session(other, "am", "Séance d'Amiens"), elsewhere, "present")
    attempt(elsewhere, quiz, 1, started=at(DAY, 10, 0))
    return SimpleNamespace(
        cohort=cohort,
        other=other,
        trainer=trainer,
        other_trainer=other_trainer,
        quiz=quiz,
        morning=morning,
        afternoon=afternoon,
        dupont=dupont,
        martin=martin,
        certificate=certificate,
        certifier=staff(roles.CERTIFIER),
        manager=staff(roles.MANAGER),
    )


MORNING_ANSWERS = [
    {"satisfaction": 5, "usefulness": 4, "clarity": 5, "pace": "right", "improve": "Plus d'exemples"},
    {"satisfaction": 4, "usefulness": 4, "clarity": 3, "pace": "fast"},
    {"satisfaction": 3, "usefulness": 5, "clarity": 4, "pace": "right", "improve": "=1+1"},
]
AFTERNOON_ANSWERS = [  # two responses only: below the anonymity threshold
    {"satisfaction": 2, "usefulness": 2, "clarity": 2, "pace": "slow", "improve": "Trop long"},
    {"satisfaction": 1, "usefulness": 3, "clarity": 2, "pace": "slow"},
]


def surveys(morning, afternoon, enrolments, trainer) -> None:
    """Five session surveys sent, five anonymous responses: three for the morning (led by the
    trainer), two for the afternoon."""
    morning.trainers.add(trainer)
    for session, answered in ((morning, MORNING_ANSWERS), (afternoon, AFTERNOON_ANSWERS)):
        for enrolment in enrolments[: len(answered)]:
            SurveyRequest.objects.create(
                kind="session", enrolment=enrolment, session=session, sent_at=at(DAY, 18, 0), answered=True
            )
        for answers in answered:
            SurveyResponse.objects.create(
                kind="session",
                questionnaire="session-v1",
                cohort=session.cohort,
                session=session,
                answers=answers,
                submitted_on=DAY,
            )


@pytest.fixture
def data(tree):
    return build_cohort(tree)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def export_url(cohort, dataset: str, fmt: str) -> str:
    return reverse("steering:cohort-export", args=[cohort.pk, dataset, fmt])


def content(response) -> bytes:
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = content(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def xlsx_sheet(response):
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return openpyxl.load_workbook(io.BytesIO(content(response))).active


# --- the datasets, by hand ------------------------------------------------------------------------------

EMARGEMENT_HEADER = [
    "Nom", "Prénom", "E-mail", "Organisme", "Inscription", "Date", "Demi-journée", "Début", "Fin", "Séance",
    "Modalité", "Présence", "Arrivée", "Départ", "Enregistrée par", "Attestée par l'apprenant·e le",
    "Registre", "Clos et co-signé le", "Sceau du registre (SHA-256)",
]  # fmt: skip


def test_emargement_csv_lists_each_learner_at_each_session(data):
    rows = csv_rows(client_for(data.manager).get(export_url(data.cohort, "emargement", "csv")))
    seal = data.morning.seal
    morning = ["03/02/2026", "matin", "09:00", "12:30", "Le cadre juridique", "présentiel"]
    afternoon = ["03/02/2026", "après-midi", "13:30", "17:00", "Cas pratiques", "distanciel"]
    closed = ["close et co-signée", "03/02/2026 12:35", seal]
    open_ = ["programmée", "", ""]
    qr, by_trainer = "QR code scanné par l'apprenant·e", "pointage par le formateur ou la formatrice"
    online = "confirmation en ligne par l'apprenant·e"
    dupont = ["Dupont", "Camille", "camille.dupont@example.org", "Office Lille", "en formation"]
    martin = ["Martin", "Léa", "léa.martin@example.org", f"'{FORMULA}", "en formation"]
    roux = ["Roux", "Hugo", "hugo.roux@example.org", "Office Roux", "retiré·e"]
    assert rows == [
        EMARGEMENT_HEADER,
        [*dupont, *morning, "présent·e", "09:05", "12:30", qr, "03/02/2026 09:07", *closed],
        [*martin, *morning, "en retard", "09:40", "", by_trainer, "", *closed],
        [*roux, *morning, "absent·e", "", "", by_trainer, "", *closed],
        [*dupont, *afternoon, "présent·e", "", "", online, "03/02/2026 13:32", *open_],
        [*martin, *afternoon, "", "", "", "", "", *open_],
    ]


def test_emargement_xlsx_keeps_dates_times_and_text_as_such(data):
    sheet = xlsx_sheet(client_for(data.manager).get(export_url(data.cohort, "emargement", "xlsx")))
    assert sheet.title == "Émargement"
    assert [cell.value for cell in sheet[1]] == EMARGEMENT_HEADER
    assert sheet.max_row == 6
    first = [cell.value for cell in sheet[2]]
    assert first[:5] == ["Dupont", "Camille", "camille.dupont@example.org", "Office Lille", "en formation"]
    assert first[5] == datetime.datetime(2026, 2, 3)  # noqa: DTZ001 (spreadsheet dates are local)
    assert first[7:9] == [datetime.time(9, 0), datetime.time(12, 30)]
    assert first[15] == datetime.datetime(2026, 2, 3, 9, 7)  # noqa: DTZ001
    assert first[17] == datetime.datetime(2026, 2, 3, 12, 35)  # noqa: DTZ001
    assert first[18] == data.morning.seal
    organisation = sheet["D3"]
    assert (organisation.value, organisation.data_type, organisation.quotePrefix) == (FORMULA, "s", True)
    assert [cell.value for cell in sheet[6]][11:16] == [None] * 5  # Martin, afternoon: nothing recorded


RESULTATS_HEADER = [
    "Nom", "Prénom", "E-mail", "Organisme", "Module", "Quiz", "Tentative n°", "État", "Note (%)", "Réussie",
    "Commencée le", "Close le", "Clôture",
]  # fmt: skip


def test_resultats_csv_lists_every_attempt_of_the_cohort(data):
    rows = csv_rows(client_for(data.trainer).get(export_url(data.cohort, "resultats", "csv")))
    dupont = ["Dupont", "Camille", "camille.dupont@example.org", "Office Lille", "1", "Quiz du module 1"]
    martin = ["Martin", "Léa", "léa.martin@example.org", f"'{FORMULA}", "1", "Quiz du module 1"]
    submitted = "envoyée par l'apprenant·e"
    assert rows == [
        RESULTATS_HEADER,
        [*dupont, "1", "corrigée", "72,5", "non", "03/02/2026 15:00", "03/02/2026 15:20", submitted],
        [*dupont, "2", "corrigée", "90", "oui", "03/02/2026 16:00", "03/02/2026 16:15", "temps écoulé"],
        [*martin, "1", "en cours", "", "", "03/02/2026 16:30", "", ""],
    ]


def test_resultats_xlsx_stores_scores_as_numbers(data):
    sheet = xlsx_sheet(client_for(data.certifier).get(export_url(data.cohort, "resultats", "xlsx")))
    assert [cell.value for cell in sheet[1]] == RESULTATS_HEADER
    assert [cell.value for cell in sheet[2]][4:12] == [
        1, "Quiz du module 1", 1, "corrigée", 72.5, "non",
        datetime.datetime(2026, 2, 3, 15, 0), datetime.datetime(2026, 2, 3, 15, 20),  # noqa: DTZ001
    ]  # fmt: skip
    assert sheet.max_row == 4


CERTIFICATS_HEADER = [
    "Numéro", "Titulaire", "Organisme", "Département", "Programme", "Promotion", "Heures", "Délivré le",
    "Valide du", "Valide jusqu'au", "Statut", "Motif du statut", "Statut changé le",
]  # fmt: skip


def test_certificats_csv_prints_the_certificates_as_issued(data, tree):
    certificate = data.certificate
    rows = csv_rows(client_for(data.certifier).get(export_url(data.cohort, "certificats", "csv")))
    hours = f"{certificate.hours.normalize():f}".replace(".", ",")
    assert rows == [
        CERTIFICATS_HEADER,
        [
            certificate.number,
            "Camille Dupont",
            "Office Lille",
            "59",
            tree.programme.title,
            "Promotion Lille 2026",
            hours,
            f"{certificate.issued_at.astimezone(PARIS):%d/%m/%Y %H:%M}",
            f"{certificate.valid_from:%d/%m/%Y}",
            f"{certificate.valid_until:%d/%m/%Y}",
            "valide",
            "",
            "",
        ],
    ]


def test_certificats_xlsx(data):
    sheet = xlsx_sheet(client_for(data.manager).get(export_url(data.cohort, "certificats", "xlsx")))
    assert [cell.value for cell in sheet[1]] == CERTIFICATS_HEADER
    row = [cell.value for cell in sheet[2]]
    assert row[0] == data.certificate.number
    assert row[6] == float(data.certificate.hours)
    assert row[9] == datetime.datetime.combine(data.certificate.valid_until, datetime.time())


ENQUETES_HEADER = [
    "Enquête", "Questionnaire", "Séance", "Reçue le",
    "Dans l'ensemble, êtes-vous satisfait·e de cette séance ?",
    "Ce que vous avez appris vous sera-t-il utile dans votre travail ?",
    "Les explications du formateur ou de la formatrice étaient-elles claires ?",
    "Le rythme de la séance était :",
    "Depuis votre certification, mettez-vous en pratique dans votre travail ce que vous avez appris ?",
    "Qu'avez-vous engagé depuis ? (plusieurs réponses possibles)",
    "Recommanderiez-vous ce parcours à un·e collègue ?",
]  # fmt: skip


def test_enquetes_csv_gives_anonymous_answers_of_groups_big_enough(data):
    rows = csv_rows(client_for(data.manager).get(export_url(data.cohort, "enquetes", "csv")))
    assert rows[0] == ENQUETES_HEADER
    morning = ["fin de séance", "session-v1", "Le cadre juridique — 03/02/2026 (matin)", "03/02/2026"]
    # The three morning responses, in the order of their random ids; the afternoon's two are left out,
    # and so are the free texts (« Plus d'exemples »).
    assert sorted(rows[1:]) == sorted(
        [
            [*morning, "5", "4", "5", "adapté", "", "", ""],
            [*morning, "4", "4", "3", "trop rapide", "", "", ""],
            [*morning, "3", "5", "4", "adapté", "", "", ""],
        ]
    )
    text = "".join(cell for row in rows for cell in row)
    assert "Plus d'exemples" not in text and "Dupont" not in text and "example.org" not in text


def test_enquetes_xlsx_keeps_scores_as_numbers(data):
    sheet = xlsx_sheet(client_for(data.certifier).get(export_url(data.cohort, "enquetes", "xlsx")))
    assert [cell.value for cell in sheet[1]] == ENQUETES_HEADER
    assert sheet.max_row == 4
    assert sorted(row[4].value for row in sheet.iter_rows(min_row=2)) == [3, 4, 5]
    assert sheet["D2"].value == datetime.datetime(2026, 2, 3)  # noqa: DTZ001


def test_a_follow_up_answer_fills_the_follow_up_columns(data):
    for n in range(3):
        SurveyResponse.objects.create(
            kind="follow_up",
            questionnaire="follow-up-v1",
            cohort=data.cohort,
            answers={
                "applied": 4,
                "actions": ["colleagues", "caleol"],
                "recommend": "yes",
                "comment": f"c{n}",
            },
            submitted_on=DAY,
        )
    rows = csv_rows(client_for(data.manager).get(export_url(data.cohort, "enquetes", "csv")))
    follow_ups = [row for row in rows if row[0] == "suivi après la certification"]
    assert follow_ups == [
        ["suivi après la certification", "follow-up-v1", "", "03/02/2026", "", "", "", "", "4",
         "sensibilisation de collègues, participation à une CALEOL", "oui"],
    ] * 3  # fmt: skip


# --- access ---------------------------------------------------------------------------------------------


def answers(data, user, urls) -> list[int]:
    client = client_for(user)
    return [client.get(url).status_code for url in urls]


def test_who_may_download_what(data):
    cohort = data.cohort
    urls = [
        reverse("steering:cohort-exports", args=[cohort.pk]),
        export_url(cohort, "emargement", "csv"),
        export_url(cohort, "resultats", "xlsx"),
        export_url(cohort, "certificats", "csv"),
        export_url(cohort, "enquetes", "xlsx"),
        reverse("steering:evidence-pack", args=[cohort.pk]),
    ]
    learner = data.dupont.learner
    assert answers(data, data.manager, urls) == [200] * 6
    assert answers(data, data.certifier, urls) == [200] * 6
    assert answers(data, data.trainer, urls) == [200, 200, 200, 403, 403, 403]
    assert answers(data, data.other_trainer, urls) == [404, 404, 404, 403, 403, 403]
    assert answers(data, learner, urls) == [403] * 6
    anonymous = client_for(None)
    for url in urls:
        response = anonymous.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/connexion/"), url


def test_a_refusal_writes_nothing_to_the_audit_trail(data):
    before = AuditEvent.objects.count()
    assert client_for(data.other_trainer).get(export_url(data.cohort, "emargement", "csv")).status_code == 404
    assert client_for(data.trainer).get(export_url(data.cohort, "certificats", "xlsx")).status_code == 403
    assert client_for(data.dupont.learner).get(export_url(data.cohort, "resultats", "csv")).status_code == 403
    assert client_for(data.manager).get(export_url(data.cohort, "notes", "csv")).status_code == 404
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(("dataset", "fmt"), [("notes", "csv"), ("emargement", "pdf"), ("EMARGEMENT", "csv")])
def test_an_unknown_export_is_a_french_404_that_lists_the_real_ones(data, dataset, fmt):
    response = client_for(data.manager).get(export_url(data.cohort, dataset, fmt))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Cet export n'existe pas" in html
    assert "Émargement" in html and "xlsx" in html


def test_an_unknown_export_is_a_403_for_a_learner_and_an_unknown_cohort_a_404(data):
    assert client_for(data.dupont.learner).get(export_url(data.cohort, "notes", "csv")).status_code == 403
    assert (
        client_for(data.manager).get(export_url(SimpleNamespace(pk=999_999), "emargement", "csv")).status_code
        == 404
    )
    assert client_for(data.manager).get(reverse("steering:cohort-exports", args=[999_999])).status_code == 404


def test_the_exports_page_offers_what_the_role_may_download(data):
    manager_page = client_for(data.manager).get(reverse("steering:cohort-exports", args=[data.cohort.pk]))
    html = manager_page.content.decode()
    for dataset in ("emargement", "resultats", "certificats", "enquetes"):
        for fmt in ("csv", "xlsx"):
            assert export_url(data.cohort, dataset, fmt) in html
    assert reverse("steering:evidence-pack", args=[data.cohort.pk]) in html
    trainer_page = client_for(data.trainer).get(reverse("steering:cohort-exports", args=[data.cohort.pk]))
    html = trainer_page.content.decode()
    assert export_url(data.cohort, "emargement", "xlsx") in html
    assert export_url(data.cohort, "certificats", "csv") not in html
    assert export_url(data.cohort, "enquetes", "csv") not in html
    assert reverse("steering:evidence-pack", args=[data.cohort.pk]) not in html


def test_the_download_is_a_private_attachment_and_is_audited(data):
    response = client_for(data.trainer).get(export_url(data.cohort, "emargement", "xlsx"))
    content(response)
    assert response["Content-Disposition"] == 'attachment; filename="emargement-promotion-lille-2026.xlsx"'
    assert response["Cache-Control"] == "private, no-store"
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.action == Action.EXPORT_DOWNLOADED
    assert event.actor == data.trainer
    assert event.after["export"] == "emargement-promotion-lille-2026.xlsx"
    assert (event.object_type, event.object_id, event.object_repr) == (
        "courses.Cohort",
        str(data.cohort.pk),
        "Promotion Lille 2026",
    )


def test_the_headers_follow_the_language_of_the_request(data):
    client = client_for(data.manager)
    response = client.get(export_url(data.cohort, "resultats", "csv"), headers={"accept-language": "en"})
    rows = csv_rows(response)
    assert len(rows) == 4  # the same rows; the labels are the English catalogue's (the lead's)


# --- size: queries and memory ---------------------------------------------------------------------------


def grow(data, learners: int, *, prefix: str = "masse", sessions: bool = True) -> None:
    """``learners`` more learners of the cohort, each with two attempts (and at both sessions, with a
    survey response for the morning)."""
    organisation = OrganisationFactory(name="Office de masse")
    users = User.objects.bulk_create(
        User(email=f"{prefix}{n}@example.org", first_name="Masse", last_name=f"{prefix}{n:05d}",
             organisation=organisation)
        for n in range(learners)
    )  # fmt: skip
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(cohort=data.cohort, learner=user, status="active") for user in users
    )
    if sessions:
        Attendance.objects.bulk_create(
            Attendance(session=session, enrolment=enrolment, status="present", method="trainer",
                       marked_at=at(DAY, 9, 0))
            for enrolment in enrolments
            for session in (data.morning, data.afternoon)
        )  # fmt: skip
        SurveyResponse.objects.bulk_create(
            SurveyResponse(kind="session", questionnaire="session-v1", cohort=data.cohort,
                           session=data.morning, answers=MORNING_ANSWERS[1], submitted_on=DAY)
            for _enrolment in enrolments
        )  # fmt: skip
    QuizAttempt.objects.bulk_create(
        QuizAttempt(enrolment=enrolment, quiz=data.quiz, number=n, state="graded", content={},
                    started_at=at(DAY, 15, 0), closed_at=at(DAY, 15, 10), score=Decimal("50"), passed=False)
        for enrolment in enrolments
        for n in (1, 2)
    )  # fmt: skip


EXPORT_QUERIES = {"emargement": 2, "resultats": 1, "certificats": 1, "enquetes": 3}


@pytest.mark.parametrize("dataset", sorted(EXPORT_QUERIES))
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_query_count_does_not_grow_with_the_cohort(data, django_assert_num_queries, dataset, fmt):
    client = client_for(data.certifier)
    url = export_url(data.cohort, dataset, fmt)
    content(client.get(url))  # warm-up: session, user, groups
    # Session, user, second factor, groups, the cohort with its programme, the audit event, the dataset.
    budget = 5 + RECORD_QUERIES + EXPORT_QUERIES[dataset]
    with django_assert_num_queries(budget):
        small = len(content(client.get(url)))
    grow(data, 40)
    with django_assert_num_queries(budget):
        large = len(content(client.get(url)))
    assert dataset == "certificats" or large > small


def test_memory_stays_flat_when_the_rows_are_ten_times_more(data, monkeypatch):
    """Rows read 50 at a time and bytes sent by 4 KiB here, so that 300 and 3 000 attempts are 6 and 60
    chunks of rows and both exports many chunks of bytes: what is measured is the steady state."""
    monkeypatch.setattr(exports, "CHUNK_SIZE", 50)
    monkeypatch.setattr(zipstream, "CHUNK_BYTES", 4096)
    client = client_for(data.manager)

    def peak(fmt: str) -> tuple[int, int]:
        response = client.get(export_url(data.cohort, "resultats", fmt))
        size = 0
        tracemalloc.start()
        try:
            for chunk in response.streaming_content:
                size += len(chunk)
            return tracemalloc.get_traced_memory()[1], size
        finally:
            tracemalloc.stop()

    grow(data, 150, prefix="a", sessions=False)  # 303 attempts
    small = {fmt: peak(fmt) for fmt in ("csv", "xlsx")}
    grow(data, 1350, prefix="b", sessions=False)  # 3 003 attempts
    for fmt in ("csv", "xlsx"):
        (small_peak, small_size), (large_peak, large_size) = small[fmt], peak(fmt)
        assert large_size > 8 * small_size, fmt
        assert large_peak < 1.5 * small_peak, (fmt, small_peak, large_peak)


def test_the_exports_page_reads_the_cohort_in_a_fixed_number_of_queries(data, django_assert_num_queries):
    client = client_for(data.manager)
    url = reverse("steering:cohort-exports", args=[data.cohort.pk])
    client.get(url)  # warm-up
    with django_assert_num_queries(5):  # session, user, second factor, groups, the cohort
        assert client.get(url).status_code == 200
    grow(data, 20)
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200
