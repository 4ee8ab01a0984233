"""The émargement sheet and the certificat de réalisation, parsed back with pypdf.

Test data is built with the models directly; a session is closed the way the close service does it
(state, closed_at, closed_by, then the seal over its rows), so these tests do not depend on it.

The certificate's hours are computed by hand below (``test_completion_hours_per_module``).
"""

import datetime
import io
import re
from fractions import Fraction
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pypdf
import pytest
from django.conf import settings
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import assessments.pdf
from assessments.models import Attendance, AttendanceChange, TrainingSession
from assessments.pdf.completion import CompletionCertificateRenderer
from assessments.pdf.emargement import AttendanceSheetRenderer
from assessments.pdf.fonts import pdf_text
from assessments.seal import compute_seal
from assessments.selectors.documents import completion_record, session_sheet
from lms.accounts import roles
from lms.audit.services import RECORD_QUERIES
from tests.conftest import build_tree
from tests.factories import CohortFactory, EnrolmentFactory, OrganisationFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
DAY = datetime.date(2026, 2, 3)  # a Tuesday
GENERATED = datetime.datetime(2026, 2, 3, 14, 0, tzinfo=PARIS)
PRESENT, LATE, EXCUSED, ABSENT = (s.value for s in Attendance.Status)
QR, TRAINER, CONFIRMATION = (m.value for m in Attendance.Method)


@pytest.fixture(autouse=True)
def _invariant_pdfs(monkeypatch):
    monkeypatch.setattr(assessments.pdf, "INVARIANT", True)


def at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def hm(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def pages_text(content: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (a wrapped cell reads as one line)."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text_of(content: bytes) -> str:
    return " ".join(pages_text(content))


def staff(role, **names):
    return with_role(UserFactory(**names), role)


def make_session(
    cohort, *, day=DAY, half_day="am", times=("09:00", "12:30"), modules=(), trainers=(), **extra
):
    session = TrainingSession.objects.create(
        cohort=cohort,
        title=extra.pop("title", "Le cadre juridique de l'attribution"),
        date=day,
        half_day=half_day,
        starts_at=hm(times[0]),
        ends_at=hm(times[1]),
        **extra,
    )
    session.modules.set(modules)
    session.trainers.set(trainers)
    return session


def attend(session, enrolment, status, *, method=TRAINER, arrived=None, left=None, attested=None, ip=None):
    return Attendance.objects.create(
        session=session,
        enrolment=enrolment,
        status=status,
        method=method,
        arrived_at=hm(arrived) if arrived else None,
        left_at=hm(left) if left else None,
        attested_at=attested,
        attested_ip=ip,
        marked_at=attested or at(session.date, 9, 0),
    )


def close(session, closer, *, when=None):
    session.state = TrainingSession.State.CLOSED
    # In UTC, as the database gives it back: the seal covers closed_at's ISO text, offset included.
    session.closed_at = (when or at(session.date, 12, 41)).astimezone(datetime.UTC)
    session.closed_by = closer
    session.seal = compute_seal(session, list(session.attendances.all()))
    session.save()
    return session


def learner(cohort, first, last, organisation="Habitat du Littoral", **extra):
    org = OrganisationFactory(name=organisation)
    return EnrolmentFactory(
        cohort=cohort, learner__first_name=first, learner__last_name=last, learner__organisation=org, **extra
    )


@pytest.fixture
def course(tree):
    """A cohort, its trainer, a closed morning session and four learners (see ``test_sheet_…``)."""
    cohort = CohortFactory(programme=tree.programme, name="Promotion Lille 2026")
    trainer = staff(roles.TRAINER, first_name="Dominique", last_name="Formatrice")
    cohort.trainers.add(trainer)
    session = make_session(
        cohort,
        modules=[tree.modules[0]],
        trainers=[trainer],
        place="Maison de l'habitat\n12 rue Nationale, Lille",
    )
    aubert = learner(cohort, "Camille", "Aubert", "Habitat du Nord")
    bernard = learner(cohort, "Sacha", "Bernard", "Ville de Roubaix")
    charpentier = learner(cohort, "Noa", "Charpentier")
    dupont = learner(cohort, "Lou", "Dupont")
    learner(cohort, "Invitée", "Zola", status="invited")  # never joined: not on the register
    attend(session, aubert, PRESENT, method=QR, arrived="09:07", attested=at(DAY, 9, 7), ip="192.0.2.10")
    attend(session, bernard, LATE, arrived="09:40", left="12:30", attested=at(DAY, 9, 42), ip="198.51.100.4")
    attend(session, charpentier, EXCUSED)
    return SimpleNamespace(
        cohort=cohort,
        trainer=trainer,
        session=session,
        aubert=aubert,
        bernard=bernard,
        charpentier=charpentier,
        dupont=dupont,
    )


def sheet_url(session):
    return reverse("assessments:session-sheet-pdf", args=[session.pk])


def completion_url(enrolment):
    return reverse("assessments:completion-pdf", args=[enrolment.pk])


# --- Émargement sheet ---------------------------------------------------------------------------------


def test_closed_sheet_shows_the_session_learners_cosignature_and_intact_seal(client, tree, course):
    session = close(course.session, course.trainer)
    client.force_login(course.trainer)

    response = client.get(sheet_url(session))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="emargement-2026-02-03-matin-promotion-lille-2026.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text_of(response.content)
    for expected in [
        "Union régionale pour l'habitat Hauts-de-France",
        "en partenariat avec l'IREV",
        "Feuille d'émargement",
        tree.programme.title,
        "Le cadre juridique de l'attribution",
        "Promotion Lille 2026",
        "mardi 3 février 2026",
        "Demi-journée matin",
        "09:00 – 12:30",
        "Présentiel — Maison de l'habitat, 12 rue Nationale, Lille",
        f"Module 1 — {tree.modules[0].title}",
        "Dominique Formatrice",
        # One row per learner: name, organisation, status in words, arrival, departure, attestation.
        "Aubert Camille Habitat du Nord présent·e 09:07 — QR code le 03/02/2026 à 09:07 (IP 192.0.2.10)",
        "Bernard Sacha Ville de Roubaix en retard 09:40 12:30 Confirmation en ligne le 03/02/2026 à 09:42 "
        "(IP 198.51.100.4)",
        "Charpentier Noa Habitat du Littoral absent·e excusé·e — — —",
        "Dupont Lou Habitat du Littoral absent·e (non pointé·e) — — —",
        "4 apprenant·es — présent·es : 1 ; en retard : 1 ; absent·es excusé·es : 1 ; absent·es : 0 ; "
        "non pointé·es : 1.",
        "Registre clos et co-signé le 03/02/2026 à 12:41 par Dominique Formatrice (formateur·rice).",
        f"Sceau SHA-256 : {session.seal}",
        "Contrôle du sceau à la production de ce document : intègre.",
        "Page 1 / 1",
    ]:
        assert expected in text, expected
    assert "Zola" not in text
    assert "ATTENTION" not in text
    assert "NON CLOS" not in text
    assert "Modifications après clôture" not in text
    assert re.fullmatch(r"[0-9a-f]{64}", session.seal)


def test_a_row_edited_in_the_database_after_closing_shows_the_warning(client, course):
    session = close(course.session, course.trainer)
    aubert_row = Attendance.objects.get(session=session, enrolment=course.aubert)
    Attendance.objects.filter(pk=aubert_row.pk).update(status=ABSENT)
    client.force_login(course.trainer)

    response = client.get(sheet_url(session))

    assert response.status_code == 200  # still produced, so that the problem is seen
    text = pdf_text_of(response.content)
    assert text.count("ATTENTION : le registre a été modifié hors de l'application depuis sa clôture") == 2
    assert "Aubert Camille Habitat du Nord absent·e 09:07" in text
    assert f"Sceau SHA-256 : {session.seal}" in text
    assert "intègre" not in text


def test_changes_made_after_closing_are_listed_and_the_resealed_register_is_intact(course):
    session = close(course.session, course.trainer)
    row = Attendance.objects.get(session=session, enrolment=course.charpentier)
    manager = staff(roles.MANAGER, first_name="Gaëlle", last_name="Gestion")
    seal_before = session.seal
    row.status, row.arrived_at = LATE, hm("10:15")
    row.save()
    session.seal = compute_seal(session, list(session.attendances.all()))
    session.save()
    AttendanceChange.objects.create(
        attendance=row,
        changed_by=manager,
        changed_at=at(DAY, 15, 5),
        reason="Arrivée en retard signalée par l'employeur",
        before={"status": EXCUSED, "arrived_at": None},
        after={"status": LATE, "arrived_at": "10:15:00"},
        seal_before=seal_before,
        seal_after=session.seal,
    )
    session = TrainingSession.objects.select_related("cohort__programme", "closed_by").get(pk=session.pk)

    text = pdf_text_of(
        AttendanceSheetRenderer(session_sheet(session=session), generated_at=GENERATED).render()
    )

    assert "Modifications après clôture" in text
    assert (
        "03/02/2026 à 15:05 Gaëlle Gestion Charpentier Noa présence : de « absent·e excusé·e » à "
        "« en retard » ; arrivée : de « — » à « 10:15 » Arrivée en retard signalée par l'employeur"
    ) in text
    assert "Contrôle du sceau à la production de ce document : intègre." in text
    assert "ATTENTION" not in text


def test_an_open_register_is_marked_provisional(tree, course):
    remote = make_session(
        course.cohort,
        half_day="pm",
        times=("13:30", "17:00"),
        mode=TrainingSession.Mode.REMOTE,
        visio_url="https://visio.example.org/urh-egalite",
        trainers=[course.trainer],
        title="Atelier à distance",
    )
    attend(remote, course.aubert, PRESENT, method=CONFIRMATION, attested=at(DAY, 13, 34), ip="2001:db8::5")
    session = TrainingSession.objects.select_related("cohort__programme", "closed_by").get(pk=remote.pk)

    text = pdf_text_of(
        AttendanceSheetRenderer(session_sheet(session=session), generated_at=GENERATED).render()
    )

    assert "REGISTRE NON CLOS — document provisoire : la séance n'a pas encore été close" in text
    # The banner, the watermark drawn over the page, and the co-signature block.
    assert text.count("REGISTRE NON CLOS — document provisoire") == 3
    assert "Demi-journée après-midi" in text
    assert "13:30 – 17:00" in text
    assert "Distanciel — https://visio.example.org/urh-egalite" in text
    assert "Confirmation en ligne le 03/02/2026 à 13:34 (IP 2001:db8::5)" in text
    assert "Dupont Lou Habitat du Littoral non pointé·e" in text
    assert "Sceau : aucun tant que le registre n'est pas clos." in text
    assert "Sceau SHA-256" not in text
    assert "Registre clos" not in text
    assert "intègre" not in text


def test_sixty_learners_span_several_pages_with_the_header_repeated(tree):
    cohort = CohortFactory(programme=tree.programme, name="Grande promotion")
    trainer = staff(roles.TRAINER, first_name="Dominique", last_name="Formatrice")
    session = make_session(cohort, trainers=[trainer])
    for n in range(60):
        enrolment = learner(cohort, f"Prénom{n:02d}", f"Nom{n:02d}", f"Organisme {n % 7}")
        attend(
            session, enrolment, PRESENT, method=QR, arrived="09:05", attested=at(DAY, 9, 5), ip="192.0.2.1"
        )
    close(session, trainer)
    session = TrainingSession.objects.select_related("cohort__programme", "closed_by").get(pk=session.pk)

    pages = pages_text(
        AttendanceSheetRenderer(session_sheet(session=session), generated_at=GENERATED).render()
    )

    assert len(pages) >= 3
    header = "Nom Organisme Présence Arrivée Départ Attestation de l'apprenant·e"
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} / {len(pages)}" in page
        if number <= 2:
            assert header in page  # printed again at the top of the table's second page
    everything = " ".join(pages)
    assert all(everything.count(f"Nom{n:02d} Prénom{n:02d}") == 1 for n in range(60))
    assert "Nom00 Prénom00" in pages[0] and "Nom59 Prénom59" not in pages[0]
    assert "Registre clos et co-signé" in pages[-1]


def test_rendering_is_deterministic_and_names_stay_text(tree, course):
    hostile = learner(course.cohort, "<b>Łukasz</b>", "O'Brien & Fils", '=HYPERLINK("x")')
    attend(course.session, hostile, PRESENT)
    session = TrainingSession.objects.select_related("cohort__programme", "closed_by").get(
        pk=course.session.pk
    )
    sheet = session_sheet(session=session)

    first = AttendanceSheetRenderer(sheet, generated_at=GENERATED).render()
    second = AttendanceSheetRenderer(sheet, generated_at=GENERATED).render()

    assert first == second
    assert first.startswith(b"%PDF-")
    assert 'O\'Brien & Fils <b>Lukasz</b> =HYPERLINK("x")' in pdf_text_of(first)
    assert pdf_text("≥ 80 %\u202f; Łódź") == ">= 80 % ; Lódz"


# --- Certificat de réalisation ------------------------------------------------------------------------


@pytest.fixture
def three_modules(db):
    return build_tree(modules=3, lessons_per_module=1)


def test_completion_hours_per_module(client, three_modules):
    """Hand-computed. Sessions of the cohort (→ what the learner is credited with):

    S1 03/02 am 09:00-12:30, 210 min, [M1], closed, present, no times          → M1 210
    S2 03/02 pm 13:30-17:00, 210 min, [M1, M2], closed, late 14:00-17:00 = 180  → M1 90, M2 90
    S3 04/02 am 09:00-12:00, 180 min, no module, closed, present 08:45-12:15
       (kept inside the slot: 180)                                             → Hors module 180
    S4 04/02 pm 13:30-17:00, 210 min, [M2], closed, excused                    → nothing
    S5 05/02 am 09:00-12:30, 210 min, [M1, M2], NOT closed, present recorded   → nothing
    S6 05/02 pm 13:30-17:00, 210 min, [M1, M2, M3], closed, present 13:30-16:50
       = 200 min, a third each                                                 → 200/3 to each

    attended  M1 = 210 + 90 + 200/3 = 366.67 (6 h 07)   M2 = 90 + 200/3 = 156.67 (2 h 37)
              M3 = 200/3 = 66.67 (1 h 07)               Hors module = 180 (3 h)
    scheduled M1 = 210 + 105 + 105 + 70 = 490 (8 h 10)  M2 = 105 + 210 + 105 + 70 = 490 (8 h 10)
              M3 = 70 (1 h 10)                          Hors module = 180 (3 h)
    total attended 210 + 180 + 180 + 200 = 770 (12 h 50); scheduled 1 230 (20 h 30);
    held (closed) 1 230 − 210 = 1 020 (17 h).
    """
    m1, m2, m3 = three_modules.modules
    cohort = CohortFactory(
        programme=three_modules.programme,
        name="Promotion Arras",
        starts_on=datetime.date(2026, 2, 2),
        ends_on=datetime.date(2026, 6, 30),
    )
    trainer = staff(roles.TRAINER, first_name="Dominique", last_name="Formatrice")
    cohort.trainers.add(trainer)
    enrolment = learner(cohort, "Camille", "Aubert", "Habitat du Nord")
    other = learner(cohort, "Sacha", "Bernard")
    d3, d4, d5 = DAY, DAY + datetime.timedelta(days=1), DAY + datetime.timedelta(days=2)
    s1 = make_session(cohort, day=d3, modules=[m1], title="S1 fondamentaux")
    s2 = make_session(cohort, day=d3, half_day="pm", times=("13:30", "17:00"), modules=[m1, m2], title="S2")
    s3 = make_session(cohort, day=d4, times=("09:00", "12:00"), title="S3 accueil")
    s4 = make_session(cohort, day=d4, half_day="pm", times=("13:30", "17:00"), modules=[m2], title="S4")
    s5 = make_session(cohort, day=d5, modules=[m1, m2], title="S5 ouverte")
    s6 = make_session(
        cohort, day=d5, half_day="pm", times=("13:30", "17:00"), modules=[m1, m2, m3], title="S6"
    )
    attend(s1, enrolment, PRESENT)
    attend(s2, enrolment, LATE, arrived="14:00", left="17:00")
    attend(s3, enrolment, PRESENT, arrived="08:45", left="12:15")
    attend(s4, enrolment, EXCUSED)
    attend(s5, enrolment, PRESENT)
    attend(s6, enrolment, PRESENT, arrived="13:30", left="16:50")
    attend(s4, other, PRESENT)  # someone else's attendance does not count
    other_cohort = CohortFactory(programme=three_modules.programme)
    foreign = make_session(other_cohort, modules=[m1])
    attend(foreign, EnrolmentFactory(cohort=other_cohort, learner=enrolment.learner), PRESENT)
    for session in (s1, s2, s3, s4, s6, foreign):
        close(session, trainer)

    record = completion_record(enrolment=enrolment)

    hours = {item.label or "Hors module": (item.attended, item.scheduled) for item in record.modules}
    assert hours == {
        f"Module 1 — {m1.title}": (Fraction(1100, 3), 490),
        f"Module 2 — {m2.title}": (Fraction(470, 3), 490),
        f"Module 3 — {m3.title}": (Fraction(200, 3), 70),
        "Hors module": (180, 180),
    }
    assert list(hours)[-1] == "Hors module"
    assert (record.attended_minutes, record.scheduled_minutes, record.held_minutes) == (770, 1230, 1020)
    assert [s.title for s in record.sessions] == ["S1 fondamentaux", "S2", "S3 accueil", "S6"]

    client.force_login(trainer)
    response = client.get(completion_url(enrolment))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="certificat-de-realisation-camille-aubert-promotion-arras.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    text = pdf_text_of(response.content)
    for expected in [
        "Union régionale pour l'habitat Hauts-de-France",
        "Certificat de réalisation",
        "Camille Aubert, de l'organisme Habitat du Nord,",
        f"« {three_modules.programme.title} »",
        "promotion Promotion Arras, du 2 février 2026 au 30 juin 2026",
        "03/02/2026 matin S1 fondamentaux M1 présent·e 3 h 30",
        "03/02/2026 après-midi S2 M1, M2 en retard 3 h",
        "04/02/2026 matin S3 accueil Hors module présent·e 3 h",
        "05/02/2026 après-midi S6 M1, M2, M3 présent·e 3 h 20",
        f"Module 1 — {m1.title} 6 h 07 8 h 10",
        f"Module 2 — {m2.title} 2 h 37 8 h 10",
        f"Module 3 — {m3.title} 1 h 07 1 h 10",
        "Hors module 3 h 3 h",
        "Total : 12 h 50 suivies sur 20 h 30 programmées (dont 17 h de séances tenues et co-signées).",
        "répartie à parts égales",
        "Pour l'URH Hauts-de-France",
    ]:
        assert expected in text, expected
    assert "S4" not in text and "S5 ouverte" not in text


# --- Access -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sheet_status", "completion_status"),
    [
        ("cohort_trainer", 200, 200),
        ("session_trainer", 200, 404),  # runs this session only: its sheet, not the cohort's certificates
        ("other_trainer", 404, 404),  # not theirs: as if it did not exist
        ("manager", 200, 200),
        ("certifier", 200, 200),
        ("learner", 403, 403),  # even their own enrolment: these are staff documents
    ],
)
def test_who_may_download(client, course, who, sheet_status, completion_status):
    session_trainer = staff(roles.TRAINER)
    course.session.trainers.add(session_trainer)
    users = {
        "cohort_trainer": course.trainer,
        "session_trainer": session_trainer,
        "other_trainer": staff(roles.TRAINER),
        "manager": staff(roles.MANAGER),
        "certifier": staff(roles.CERTIFIER),
        "learner": course.aubert.learner,
    }
    client.force_login(users[who])

    assert client.get(sheet_url(course.session)).status_code == sheet_status
    assert client.get(completion_url(course.aubert)).status_code == completion_status


def test_anonymous_is_sent_to_login_and_unknown_ids_are_404(client, course):
    response = client.get(sheet_url(course.session))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    client.force_login(staff(roles.MANAGER))
    assert client.get(reverse("assessments:session-sheet-pdf", args=[999_999])).status_code == 404
    assert client.get(reverse("assessments:completion-pdf", args=[999_999])).status_code == 404
    assert client.post(sheet_url(course.session)).status_code == 405


# --- Query budgets ------------------------------------------------------------------------------------

# Session, auth and 2FA middleware + the view's object + roles + the selector (see its docstring), and
# the audit event of the download (lms.audit.services.RECORD_QUERIES).
SHEET_QUERY_BUDGET = 12 + RECORD_QUERIES
COMPLETION_QUERY_BUDGET = 9 + RECORD_QUERIES


def _count_queries(client, url) -> tuple[int, bytes]:
    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content


def test_query_counts_are_the_same_for_5_and_50_learners(client, tree):
    cohort = CohortFactory(programme=tree.programme)
    trainer = staff(roles.TRAINER)
    cohort.trainers.add(trainer)
    client.force_login(trainer)
    session = make_session(cohort, modules=tree.modules, trainers=[trainer])
    counts = []
    for size in (5, 50):
        while cohort.enrolments.count() < size:
            enrolment = learner(cohort, "Prénom", f"Nom{cohort.enrolments.count():02d}")
            attend(session, enrolment, PRESENT, method=QR, attested=at(DAY, 9, 3), ip="192.0.2.2")
        if not session.is_closed:
            close(session, trainer)
            row = session.attendances.first()
            AttendanceChange.objects.create(
                attendance=row,
                changed_by=trainer,
                changed_at=at(DAY, 13, 0),
                reason="Correction",
                before={},
                after={},
                seal_before=session.seal,
                seal_after=session.seal,
            )
        count, content = _count_queries(client, sheet_url(session))
        counts.append(count)
        assert pdf_text_of(content).count("QR code le 03/02/2026") == size
    assert counts == [SHEET_QUERY_BUDGET, SHEET_QUERY_BUDGET]


def test_completion_query_count_is_the_same_for_2_and_20_sessions(client, tree):
    cohort = CohortFactory(programme=tree.programme, starts_on=DAY, ends_on=DAY + datetime.timedelta(days=60))
    trainer = staff(roles.TRAINER)
    cohort.trainers.add(trainer)
    client.force_login(trainer)
    enrolment = learner(cohort, "Camille", "Aubert")
    counts = []
    for size in (2, 20):
        while cohort.sessions.count() < size:
            n = cohort.sessions.count()
            session = make_session(
                cohort,
                day=DAY + datetime.timedelta(days=n // 2),
                half_day="am" if n % 2 == 0 else "pm",
                times=("09:00", "12:30") if n % 2 == 0 else ("13:30", "17:00"),
                modules=tree.modules[: 1 + n % 2],
            )
            attend(session, enrolment, PRESENT)
            close(session, trainer)
        count, content = _count_queries(client, completion_url(enrolment))
        counts.append(count)
        assert f"Total : {size * 7 // 2} h suivies" in pdf_text_of(content)  # 3 h 30 each
    assert counts == [COMPLETION_QUERY_BUDGET, COMPLETION_QUERY_BUDGET]


def test_documents_with_nothing_to_list_still_render(tree):
    cohort = CohortFactory(programme=tree.programme, name="Promotion vide")
    enrolment = learner(cohort, "Camille", "Aubert")
    session = make_session(cohort)
    enrolment.status = "withdrawn"
    enrolment.save()
    session = TrainingSession.objects.select_related("cohort__programme", "closed_by").get(pk=session.pk)
    sheet = pdf_text_of(
        AttendanceSheetRenderer(session_sheet(session=session), generated_at=GENERATED).render()
    )
    record = completion_record(enrolment=enrolment)
    TrainingSession.objects.all().delete()
    empty = completion_record(enrolment=enrolment)

    certificate = pdf_text_of(CompletionCertificateRenderer(record, issued_on=DAY).render())
    nothing = pdf_text_of(CompletionCertificateRenderer(empty, issued_on=DAY).render())

    assert "Aucun·e apprenant·e inscrit·e." in sheet  # a withdrawn learner without a row is not listed
    assert "Aucune séance close suivie à ce jour." in certificate
    assert "Total : 0 h suivies sur 3 h 30 programmées (dont 0 h de séances tenues" in certificate
    assert "Fait le 3 février 2026. Pour l'URH Hauts-de-France" in certificate
    assert "Aucune séance programmée." in nothing
