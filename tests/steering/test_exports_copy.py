"""The CSV of quiz attempts written by PostgreSQL (``COPY``) and the export of every cohort's attempts.

On PostgreSQL, the COPY path's bytes are the Python path's bytes, for names built to break it (formulas,
plain numbers, Unicode digits, separators, quotes, line breaks, empty and NULL cells), every state and
close reason, NULL scores and dates, across summer time, in French and English, in two time zones, and
for any text hypothesis comes up with. Those tests skip on SQLite, like the other PostgreSQL-only tests
(CI's second pass runs the whole suite on PostgreSQL, where they run; a PostgreSQL that does not answer
fails that pass before any test).

On both databases: the route of every cohort's attempts (``/gestion/pilotage/export/resultats.csv``):
who may download it, the dashboard's filters, an impossible filter (400, French message, nothing read
or audited), GET and HEAD only, the audit event, the query count at two sizes and the dashboard's links.
"""

import datetime
import tracemalloc
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from assessments.models import QuizAttempt
from lms import zipstream
from lms.accounts import roles
from lms.accounts.models import Organisation, User
from lms.audit.models import Action, AuditEvent
from lms.audit.services import RECORD_QUERIES
from lms.steering import exports, exports_copy
from lms.steering.selectors.scope import DashboardFilters
from lms.steering.views import exports as export_views
from lms.tabular import csv_stream
from lms.tabular.pgcopy import copy_supported
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    QuizFactory,
    UserFactory,
)
from tests.fuzz import FUZZ, rolled_back
from tests.steering.test_exports import RESULTATS_HEADER, build_cohort, client_for, content, csv_rows, grow

pytestmark = pytest.mark.django_db

URL = "/gestion/pilotage/export/resultats.csv"
UTC = datetime.UTC

# Texts that a spreadsheet, csv.writer or COPY each read their own way.
NASTY = [
    "=SUM(A1)", "+33 6 12 34 56 78", "-12", "-1,5", "-1.5", "-12\n", "-12\n\n", "-1,", "-", "=", "@x",
    "\tTabulation", "\rRetour", "a;b", 'dit "bonjour"', "ligne\nsuivante", "fin\r\n", "  espaces  ", " ",
    "Élodie Ñandú-Gœthe", "-٣", "-١٢,٣", "-１２", "٣-", "12-3", "–12", "'déjà", "\\.", "", "NULL", "\\N",
    "x" * 140,
]  # fmt: skip
SCORES = [Decimal("0"), Decimal("0.5"), Decimal("72.50"), Decimal("100"), Decimal("33.33"), Decimal("10.10")]
MOMENTS = [  # UTC: both sides of the summer-time changes, midnight, seconds to drop, far years
    datetime.datetime(2026, 3, 29, 0, 59, 59, tzinfo=UTC),
    datetime.datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
    datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
    datetime.datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
    datetime.datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
    datetime.datetime(2026, 2, 3, 14, 20, 59, tzinfo=UTC),
    datetime.datetime(1970, 1, 1, 0, 0, tzinfo=UTC),
    datetime.datetime(2099, 7, 14, 12, 5, tzinfo=UTC),
]


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("COPY : vérifié sur PostgreSQL (second passage de la CI)")


def python_bytes(selection, language: str) -> bytes:
    header, rows = exports.selection_header(selection), exports.selection_rows(selection)
    return b"".join(csv_stream(header, rows, language=language))


def copy_bytes(selection, language: str) -> bytes:
    return b"".join(exports_copy.resultats_copy_stream(selection, language=language))


def nasty_world(tree):
    """Three cohorts (two of them share a nasty name), learners named with ``NASTY``, organisations
    named with it, missing (NULL) or empty; each learner with attempts on two quizzes in every state and
    close reason, known or not, with and without score, result and close date."""
    quizzes = [
        QuizFactory(module=tree.modules[0], title="=Quiz;1"),
        QuizFactory(module=tree.modules[1], title='Quiz "deux"\nsuite'),
    ]
    cohorts = [
        CohortFactory(programme=tree.programme, name='=Promo;"A"'),
        CohortFactory(programme=tree.programme, name="Promo B"),
        # The same name in another programme: the cohorts' ids keep their rows apart.
        CohortFactory(programme=ProgrammePageFactory(parent=tree.home, slug="autre"), name='=Promo;"A"'),
    ]
    organisations = [
        None,
        OrganisationFactory(name=""),
        *(OrganisationFactory(name=text) for text in NASTY[:8]),
    ]
    for n, text in enumerate(NASTY):
        learner = UserFactory(
            last_name=text,
            first_name=NASTY[(n + 7) % len(NASTY)],
            email=f"{text}{n}@example.org" if n % 2 else f"e{n}.{text}@example.org",
            organisation=organisations[n % len(organisations)],
        )
        enrolment = EnrolmentFactory(cohort=cohorts[n % len(cohorts)], learner=learner)
        for quiz in quizzes:
            add_attempts(enrolment, quiz, n)
    # Values outside the choices (an old row, a manual fix): printed as text, neutralised.
    QuizAttempt.objects.filter(pk=QuizAttempt.objects.filter(state="graded").order_by("pk")[1].pk).update(
        state="=bad", close_reason="-1+1"
    )
    return cohorts


def add_attempts(enrolment, quiz, n: int) -> None:
    moment = MOMENTS[n % len(MOMENTS)]
    reasons = ["submitted", "deadline", ""]
    QuizAttempt.objects.create(
        enrolment=enrolment,
        quiz=quiz,
        number=1,
        state="graded",
        content={},
        started_at=moment,
        closed_at=moment + datetime.timedelta(minutes=n),
        close_reason=reasons[n % 3],
        score=SCORES[n % len(SCORES)],
        passed=[True, False, None][n % 3],
    )
    QuizAttempt.objects.create(
        enrolment=enrolment, quiz=quiz, number=2, state="in_progress", content={}, started_at=moment
    )


# --- COPY == Python, on PostgreSQL --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_copy_writes_the_bytes_of_the_python_path(postgresql, tree, language):
    cohorts = nasty_world(tree)
    selections = [exports.cohort_attempts(cohort) for cohort in cohorts]
    selections.append(exports.filtered_attempts(DashboardFilters()))
    for selection in selections:
        expected = python_bytes(selection, language)
        assert copy_bytes(selection, language) == expected
    everything = python_bytes(selections[-1], language)
    assert everything.count(b"\r\n") > 4 * len(NASTY)  # the world is in the file
    # Plain numbers (Unicode digits and a final line feed included, as Python's re reads them) stay.
    for text in ("'=SUM(A1)", ";-12;", '"-12\n"', "'-12\n\n", "'-1,;", ";-１２;", '"a;b"', "'\tTabulation"):
        assert text.encode() in everything, text


def test_english_prints_its_labels_and_its_decimal_point(postgresql, tree):
    selection = exports.filtered_attempts(DashboardFilters())
    nasty_world(tree)
    french, english = copy_bytes(selection, "fr"), copy_bytes(selection, "en")
    assert b";72,5;" in french and b";72.5;" in english
    assert b";oui;" in french and b";oui;" not in english


@pytest.mark.parametrize("zone", ["America/Sao_Paulo", "UTC", "Asia/Kolkata"])
def test_dates_follow_the_current_time_zone(postgresql, tree, zone):
    selection = exports.filtered_attempts(DashboardFilters())
    nasty_world(tree)
    with timezone.override(zone):
        assert copy_bytes(selection, "fr") == python_bytes(selection, "fr")


def test_the_cohort_download_is_written_by_copy_with_the_same_bytes(postgresql, tree, monkeypatch):
    cohort = nasty_world(tree)[0]
    manager = client_for(exports_staff(roles.MANAGER))
    url = reverse("steering:cohort-export", args=[cohort.pk, "resultats", "csv"])
    expected = python_bytes(exports.cohort_attempts(cohort), "fr")
    monkeypatch.setattr(exports, "selection_rows", lambda selection: pytest.fail("Python path on PostgreSQL"))
    assert content(manager.get(url)) == expected
    assert copy_supported("default")


def test_any_name_is_written_alike_by_copy_and_python(postgresql, tree):
    data = build_cohort(tree)  # organisations with plain names: a generated one cannot collide
    learner, organisation = data.dupont.learner, data.dupont.learner.organisation
    selection = exports.cohort_attempts(data.cohort)
    # Any text PostgreSQL stores (no NUL, no lone surrogate): formulas, digits, quotes, breaks…
    text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=20)
    names = st.one_of(
        text, st.builds(str.__add__, st.sampled_from(["=", "+", "-", "@", "\t", "\r", "-1"]), text)
    )

    @FUZZ
    @given(last_name=names, first_name=names, organisation_name=names, language=st.sampled_from(["fr", "en"]))
    def export(last_name, first_name, organisation_name, language):
        with rolled_back():
            User.objects.filter(pk=learner.pk).update(last_name=last_name, first_name=first_name)
            Organisation.objects.filter(pk=organisation.pk).update(name=organisation_name)
            assert copy_bytes(selection, language) == python_bytes(selection, language)

    export()


def test_memory_stays_flat_when_copy_sends_ten_times_more(postgresql, tree, monkeypatch):
    monkeypatch.setattr(zipstream, "CHUNK_BYTES", 4096)
    data = build_cohort(tree)
    selection = exports.cohort_attempts(data.cohort)

    def peak() -> tuple[int, int]:
        size = 0
        tracemalloc.start()
        try:
            for chunk in exports_copy.resultats_copy_stream(selection, language="fr"):
                size += len(chunk)
            return tracemalloc.get_traced_memory()[1], size
        finally:
            tracemalloc.stop()

    grow(data, 150, prefix="a", sessions=False)
    small_peak, small_size = peak()
    grow(data, 1350, prefix="b", sessions=False)
    large_peak, large_size = peak()
    assert large_size > 8 * small_size
    assert large_peak < 1.5 * small_peak, (small_peak, large_peak)


@pytest.mark.django_db(transaction=True)
def test_a_download_cut_short_cancels_the_copy_and_leaves_the_connection_as_it_was(
    postgresql, wagtail_base, monkeypatch
):
    """Outside any transaction, as in production: the COPY is cancelled, JIT is back to its setting
    and the connection answers the next query."""
    from tests.conftest import build_tree

    monkeypatch.setattr(zipstream, "CHUNK_BYTES", 1024)
    data = build_cohort(build_tree())
    grow(data, 300, sessions=False)
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        setting = cursor.fetchone()[0]
    stream = exports_copy.resultats_copy_stream(exports.cohort_attempts(data.cohort), language="fr")
    assert next(stream).startswith("\ufeffNom;".encode())
    stream.close()
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == setting
    assert QuizAttempt.objects.filter(enrolment__cohort=data.cohort).count() == 603


# --- the export of every cohort, on both databases ------------------------------------------------------


def exports_staff(role: str):
    from tests.factories import with_role

    return with_role(UserFactory(), role)


@pytest.fixture
def data(tree):
    return build_cohort(tree)


LILLE, AMIENS = "Promotion Lille 2026", "Promotion Amiens 2026"


def test_every_cohort_is_in_the_file_cohort_by_cohort_with_its_name_first(data):
    rows = csv_rows(client_for(data.manager).get(URL))
    assert rows[0] == ["Promotion", *RESULTATS_HEADER]
    assert [(row[0], row[1], row[7]) for row in rows[1:]] == [
        (AMIENS, "Ailleurs", "1"),
        (LILLE, "Dupont", "1"),
        (LILLE, "Dupont", "2"),
        (LILLE, "Martin", "1"),
    ]
    cohort_rows = csv_rows(
        client_for(data.manager).get(f"/gestion/pilotage/promotions/{data.cohort.pk}/export/resultats.csv")
    )
    assert [row[1:] for row in rows[2:]] == cohort_rows[1:]


def test_the_xlsx_has_the_same_rows(data):
    from tests.steering.test_exports import xlsx_sheet

    sheet = xlsx_sheet(client_for(data.certifier).get("/gestion/pilotage/export/resultats.xlsx"))
    assert [cell.value for cell in sheet[1]] == ["Promotion", *RESULTATS_HEADER]
    assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [AMIENS, LILLE, LILLE, LILLE]
    assert sheet["J3"].value == 72.5


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"cohort": "other"}, [(AMIENS, "Ailleurs")]),
        ({"organisation": "dupont"}, [(LILLE, "Dupont"), (LILLE, "Dupont")]),
        (
            {"programme": "programme"},
            [(AMIENS, "Ailleurs"), (LILLE, "Dupont"), (LILLE, "Dupont"), (LILLE, "Martin")],
        ),
        ({"du": "2000-01-01", "au": "2000-12-31"}, []),
    ],
)
def test_the_dashboards_filters_choose_the_attempts(data, tree, filters, expected):
    ids = {
        "other": data.other.pk,
        "dupont": data.dupont.learner.organisation_id,
        "programme": tree.programme.pk,
    }
    query = {name: str(ids.get(value, value)) for name, value in filters.items()}
    rows = csv_rows(client_for(data.manager).get(URL, query))
    assert [(row[0], row[1]) for row in rows[1:]] == expected
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.after == {"export": "resultats-toutes-promotions.csv", "query": urlencode(query)}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"cohort": "999999"}, "Choisissez une valeur de la liste."),
        ({"du": "2026-05-01", "au": "2026-04-30"}, "La fin de la période ne peut pas précéder son début."),
        ({"du": "demain"}, "Saisissez une date valide, par exemple 31/01/2026."),
    ],
)
def test_an_impossible_filter_is_a_400_with_the_french_message_and_nothing_read(
    data, monkeypatch, query, message
):
    monkeypatch.setattr(exports, "filtered_attempts", lambda filters: pytest.fail("read despite the error"))
    before = AuditEvent.objects.count()
    response = client_for(data.manager).get(URL, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("role", "status"),
    [(roles.MANAGER, 200), (roles.CERTIFIER, 200), (roles.TRAINER, 403), (roles.LEARNER, 403)],
)
def test_managers_and_certifiers_download_it_others_are_refused_before_any_read(
    data, monkeypatch, role, status
):
    if status == 403:
        monkeypatch.setattr(export_views, "filter_choices", lambda: pytest.fail("read before the role check"))
    before = AuditEvent.objects.count()
    response = client_for(exports_staff(role)).get(URL)
    assert response.status_code == status
    assert AuditEvent.objects.count() == before + (status == 200)


def test_the_cohorts_trainer_is_refused_too(data):
    assert client_for(data.trainer).get(URL).status_code == 403
    assert client_for(data.dupont.learner).get(URL).status_code == 403


def test_anonymous_people_are_sent_to_log_in_and_only_get_and_head_are_allowed(data):
    response = Client().get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")
    manager = client_for(data.manager)
    refused = manager.post(URL)
    assert refused.status_code == 405 and "Action non autorisée" in refused.content.decode()
    assert manager.head(URL).status_code == 200
    assert manager.get("/gestion/pilotage/export/resultats.pdf").status_code == 404


def test_the_download_is_a_private_attachment_audited_before_its_first_byte(data):
    response = client_for(data.certifier).get(URL, {"cohort": data.cohort.pk})
    event = AuditEvent.objects.order_by("-sequence").first()  # before the body is read
    assert event.action == Action.EXPORT_DOWNLOADED and event.actor == data.certifier
    assert event.after == {"export": "resultats-toutes-promotions.csv", "query": f"cohort={data.cohort.pk}"}
    assert response["Content-Disposition"] == 'attachment; filename="resultats-toutes-promotions.csv"'
    assert response["Cache-Control"] == "private, no-store"
    content(response)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_query_count_does_not_grow_with_the_attempts(data, fmt):
    client = client_for(data.certifier)
    url = f"/gestion/pilotage/export/resultats.{fmt}"
    content(client.get(url))  # warm-up: session, user, groups

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            size = len(content(client.get(url)))
        return len(queries), size

    # Session, user, second factor, groups, the filters' choices (2), the audit event, the attempts.
    small_queries, small = count()
    grow(data, 40, sessions=False)
    large_queries, large = count()
    assert small_queries == large_queries == 4 + 2 + RECORD_QUERIES + 1
    assert large > small


def test_the_dashboard_links_to_the_export_with_its_filters(data, tree):
    client = client_for(data.manager)
    html = client.get("/gestion/pilotage/").content.decode()
    assert f'<a href="{URL}">Exporter toutes les tentatives (CSV)</a>' in html
    assert (
        '<a href="/gestion/pilotage/export/resultats.xlsx">Exporter toutes les tentatives (XLSX)</a>' in html
    )
    html = client.get(
        "/gestion/pilotage/", {"programme": tree.programme.pk, "cohort": data.cohort.pk}
    ).content.decode()
    assert f'<a href="{URL}?programme={tree.programme.pk}&amp;cohort={data.cohort.pk}">' in html


def test_every_column_read_has_its_sql_cell():
    assert set(exports_copy.KINDS) == {*exports.COHORT_FIELDS, *exports.RESULT_FIELDS}
