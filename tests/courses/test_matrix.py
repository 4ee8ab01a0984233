"""Cohort progress matrix: counts and states, drafts, filters, access, CSV export and query budget."""

import csv
import io
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from courses.exports import neutralise
from courses.models import Cohort, Enrolment, LessonProgress
from courses.selectors.matrix import cohort_progress_matrix, module_state
from courses.selectors.progress import ModuleState
from lms.accounts import roles
from lms.accounts.models import User
from lms.audit.services import RECORD_QUERIES
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    LessonProgressFactory,
    OrganisationFactory,
    UserFactory,
    with_role,
)

pytestmark = pytest.mark.django_db

NOT_STARTED, IN_PROGRESS, COMPLETED = ModuleState.NOT_STARTED, ModuleState.IN_PROGRESS, ModuleState.COMPLETED


def _progress(enrolment, lessons, *, completed=True):
    for lesson in lessons:
        LessonProgressFactory(
            enrolment=enrolment, lesson=lesson, completed_at=timezone.now() if completed else None
        )


def _url(cohort, name="courses:cohort-progress"):
    return reverse(name, args=[cohort.pk])


def _cells(row):
    return [(cell.completed, cell.total, cell.state) for cell in row.cells]


def _staff(role, *, cohort=None):
    user = with_role(UserFactory(), role)
    if cohort is not None:
        cohort.trainers.add(user)
    return user


def _csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme, name="Promotion Lille 2026")


@pytest.fixture
def learners(cohort, tree):
    """Three learners of a 2 x 3 programme: nothing done, partly done, everything done."""
    lille = OrganisationFactory(name="Lille Habitat")
    idle = EnrolmentFactory(
        cohort=cohort,
        status=Enrolment.Status.INVITED,
        learner__last_name="Aubert",
        learner__organisation=lille,
    )
    partial = EnrolmentFactory(
        cohort=cohort, learner__last_name="Bernard", learner__email="b.bernard@vilogia.fr"
    )
    _progress(partial, tree.lessons[:2])  # M1: two lessons completed
    _progress(partial, tree.lessons[3:4], completed=False)  # M2: one lesson opened, not completed
    done = EnrolmentFactory(
        cohort=cohort,
        status=Enrolment.Status.COMPLETED,
        learner__last_name="Charpentier",
        learner__organisation=lille,
    )
    _progress(done, tree.lessons)
    return SimpleNamespace(idle=idle, partial=partial, done=done, lille=lille)


@pytest.fixture
def trainer_client(cohort, client: Client):
    client.force_login(_staff(roles.TRAINER, cohort=cohort))
    return client


# --- Counts and states ---------------------------------------------------------------------------


def test_cells_count_completed_lessons_per_module_with_their_state(cohort, learners):
    matrix = cohort_progress_matrix(cohort=cohort)
    assert [(m.label, m.lesson_count) for m in matrix.modules] == [("M1", 3), ("M2", 3)]
    idle, partial, done = matrix.rows
    assert [idle.last_name, partial.last_name, done.last_name] == ["Aubert", "Bernard", "Charpentier"]
    assert _cells(idle) == [(0, 3, NOT_STARTED), (0, 3, NOT_STARTED)]
    # An opened lesson puts the module in progress, as on the learner's own page, but is not counted.
    assert _cells(partial) == [(2, 3, IN_PROGRESS), (0, 3, IN_PROGRESS)]
    assert _cells(done) == [(3, 3, COMPLETED), (3, 3, COMPLETED)]
    assert [row.percent for row in matrix.rows] == [0, 33, 100]
    assert [row.status for row in matrix.rows] == ["invited", "active", "completed"]


@pytest.mark.parametrize(
    ("completed", "started", "total", "state"),
    [
        (0, 0, 3, NOT_STARTED),
        (0, 1, 3, IN_PROGRESS),
        (2, 2, 3, IN_PROGRESS),
        (3, 3, 3, COMPLETED),
        (0, 0, 0, NOT_STARTED),  # a module without live lessons is never complete
    ],
)
def test_module_state_rule(completed, started, total, state):
    assert module_state(completed=completed, started=started, total=total) == state


def test_progress_made_in_another_cohort_does_not_count(cohort, learners, tree):
    other = CohortFactory(programme=tree.programme)
    elsewhere = EnrolmentFactory(cohort=other, learner=learners.idle.learner)
    _progress(elsewhere, tree.lessons)
    idle = cohort_progress_matrix(cohort=cohort).rows[0]
    assert _cells(idle) == [(0, 3, NOT_STARTED), (0, 3, NOT_STARTED)]


def test_unpublished_lessons_and_modules_are_not_counted(cohort, learners, tree):
    tree.lessons[0].unpublish()
    matrix = cohort_progress_matrix(cohort=cohort)
    assert [m.lesson_count for m in matrix.modules] == [2, 3]
    _idle, partial, done = matrix.rows
    assert _cells(partial)[0] == (1, 2, IN_PROGRESS)
    assert _cells(done)[0] == (2, 2, COMPLETED)
    assert partial.percent == 20  # 1 of 5 live lessons

    tree.modules[1].unpublish()
    matrix = cohort_progress_matrix(cohort=cohort)
    assert [m.label for m in matrix.modules] == ["M1"]
    assert [row.percent for row in matrix.rows] == [0, 50, 100]


# --- Filters ---------------------------------------------------------------------------------------


def _names(matrix):
    return [row.last_name for row in matrix.rows]


def test_selector_filters_by_status_organisation_and_search(cohort, learners):
    assert _names(cohort_progress_matrix(cohort=cohort, status="completed")) == ["Charpentier"]
    lille = cohort_progress_matrix(cohort=cohort, organisation_id=learners.lille.pk)
    assert _names(lille) == ["Aubert", "Charpentier"]
    assert _names(cohort_progress_matrix(cohort=cohort, search="CHARP")) == ["Charpentier"]
    assert _names(cohort_progress_matrix(cohort=cohort, search="vilogia")) == ["Bernard"]
    assert _names(cohort_progress_matrix(cohort=cohort, search="alex bern")) == ["Bernard"]
    both = cohort_progress_matrix(cohort=cohort, status="invited", organisation_id=learners.lille.pk)
    assert _names(both) == ["Aubert"]
    assert _names(cohort_progress_matrix(cohort=cohort, search="introuvable")) == []


def test_page_applies_filters_and_the_export_link_keeps_them(trainer_client, cohort, learners):
    response = trainer_client.get(_url(cohort), {"organisation": learners.lille.pk, "q": "aub"})
    assert response.status_code == 200
    assert _names(response.context["matrix"]) == ["Aubert"]
    html = response.content.decode()
    assert f"{_url(cohort, 'courses:cohort-progress-csv')}?organisation={learners.lille.pk}&amp;q=aub" in html
    for label in ("Statut", "Organisme", "Nom ou e-mail"):
        assert f">{label}</label>" in html


@pytest.mark.parametrize(
    "query",
    [
        {"status": "bogus"},
        {"organisation": "abc"},
        {"organisation": "999999"},
        {"organisation": "1e9999"},
        {"q": "x" * 101},
        {"status": ["active", "<script>"]},
    ],
)
def test_invalid_filters_are_ignored_and_reported_never_a_500(trainer_client, cohort, learners, query):
    response = trainer_client.get(_url(cohort), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce filtre n'a pas été appliqué." in html
    assert 'aria-invalid="true"' in html
    assert len(response.context["matrix"].rows) == 3
    assert "<script>" not in html
    csv_response = trainer_client.get(_url(cohort, "courses:cohort-progress-csv"), query)
    assert csv_response.status_code == 200


# --- Access ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["courses:cohort-progress", "courses:cohort-progress-csv"])
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("learner", 403),
        ("trainer of this cohort", 200),
        ("trainer of another cohort", 404),  # not theirs: as if it did not exist
        ("certifier", 200),
        ("manager", 200),
        ("superuser", 200),
    ],
)
def test_access_to_the_matrix_by_role(client: Client, cohort, learners, tree, url_name, who, expected):
    users = {
        "learner": lambda: learners.partial.learner,
        "trainer of this cohort": lambda: _staff(roles.TRAINER, cohort=cohort),
        "trainer of another cohort": lambda: _staff(
            roles.TRAINER, cohort=CohortFactory(programme=tree.programme)
        ),
        "certifier": lambda: _staff(roles.CERTIFIER),
        "manager": lambda: _staff(roles.MANAGER),
        "superuser": lambda: UserFactory(is_superuser=True, is_staff=True),
    }
    client.force_login(users[who]())
    response = client.get(_url(cohort, url_name))
    assert response.status_code == expected
    if expected == 403:
        assert "Accès refusé" in response.content.decode()
    if expected == 404:
        assert cohort.name not in response.content.decode()


@pytest.mark.parametrize("url_name", ["courses:cohort-progress", "courses:cohort-progress-csv"])
def test_anonymous_is_sent_to_login_and_unknown_cohort_is_404(client: Client, cohort, url_name):
    response = client.get(_url(cohort, url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(_staff(roles.MANAGER))
    assert client.get(reverse(url_name, args=[cohort.pk + 1000])).status_code == 404
    assert client.get(reverse(url_name, args=[10**30])).status_code == 404


def test_matrix_is_read_only(trainer_client, cohort):
    assert trainer_client.post(_url(cohort)).status_code == 405


def test_cohort_list_shows_each_role_the_cohorts_it_may_open(client: Client, cohort, learners, tree):
    other = CohortFactory(programme=tree.programme, name="Promotion Amiens 2026")
    trainer = _staff(roles.TRAINER, cohort=cohort)
    client.force_login(trainer)
    response = client.get(reverse("courses:cohort-list"))
    assert [c.name for c in response.context["cohorts"]] == ["Promotion Lille 2026"]
    html = response.content.decode()
    assert _url(cohort) in html
    assert "Promotion Amiens 2026" not in html

    client.force_login(_staff(roles.CERTIFIER))
    cohorts = client.get(reverse("courses:cohort-list")).context["cohorts"]
    assert {(c.name, c.learner_count) for c in cohorts} == {(cohort.name, 3), (other.name, 0)}


def test_cohort_list_refuses_learners_and_sends_anonymous_to_login(client: Client, learners):
    assert client.get(reverse("courses:cohort-list")).status_code == 302
    client.force_login(learners.partial.learner)
    assert client.get(reverse("courses:cohort-list")).status_code == 403


# --- Page and CSV content -------------------------------------------------------------------------


def test_page_is_an_accessible_table_with_states_in_words(trainer_client, cohort, learners, tree):
    html = trainer_client.get(_url(cohort)).content.decode()
    assert "<caption" in html
    assert html.count('<th scope="row"') == 3
    assert '<th scope="col" class="matrix-module"' in html
    assert f"Module 1 : {tree.modules[0].title}" in html
    for words in ("non commencé", "en cours", "terminé", "invité·e", "en formation", "parcours terminé"):
        assert words in html
    assert "2 leçons terminées sur 3" in html
    assert reverse("assessments:cohort-evaluations", args=[cohort.pk]) in html
    assert reverse("assessments:cohort-sessions", args=[cohort.pk]) not in html  # managers schedule


def test_managers_find_the_cohorts_sessions_from_the_matrix(as_manager, cohort):
    html = as_manager.get(_url(cohort)).content.decode()
    assert reverse("assessments:cohort-sessions", args=[cohort.pk]) in html


def test_html_in_names_is_escaped(trainer_client, cohort):
    EnrolmentFactory(cohort=cohort, learner__first_name='<script>alert("x")</script>')
    html = trainer_client.get(_url(cohort)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_csv_export_matches_the_matrix(trainer_client, cohort, learners):
    response = trainer_client.get(_url(cohort, "courses:cohort-progress-csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="progression-promotion-lille-2026.csv"'
    header, *rows = _csv_rows(response)
    assert header == [
        "Nom",
        "Prénom",
        "E-mail",
        "Organisme",
        "Statut",
        "M1 (terminées sur total)",
        "M2 (terminées sur total)",
        "Progression (%)",
    ]
    assert [row[0] for row in rows] == ["Aubert", "Bernard", "Charpentier"]
    partial = rows[1]
    assert partial[2] == "b.bernard@vilogia.fr"
    assert partial[4:] == ["en formation", "2 sur 3", "0 sur 3", "33"]
    assert rows[0][3] == "Lille Habitat"
    assert rows[2][4:] == ["parcours terminé", "3 sur 3", "3 sur 3", "100"]


def test_csv_export_applies_the_filters(trainer_client, cohort, learners):
    response = trainer_client.get(_url(cohort, "courses:cohort-progress-csv"), {"status": "completed"})
    _header, *rows = _csv_rows(response)
    assert [row[0] for row in rows] == ["Charpentier"]


def test_csv_export_neutralises_formulas(trainer_client, cohort):
    EnrolmentFactory(
        cohort=cohort,
        learner__last_name='=HYPERLINK("x")',
        learner__first_name="+33 6",
        learner__organisation=OrganisationFactory(name="@SOMME(A1)"),
    )
    _header, row = _csv_rows(trainer_client.get(_url(cohort, "courses:cohort-progress-csv")))
    assert row[:2] == ['\'=HYPERLINK("x")', "'+33 6"]
    assert row[3] == "'@SOMME(A1)"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1+1", "'-1+1"),
        ("-A1", "'-A1"),
        ("-1", "-1"),  # a plain negative number stays a number
        ("-0,17", "-0,17"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Dupont", "Dupont"),
        ("a=b", "a=b"),
        (33, "33"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


# --- Query budget ------------------------------------------------------------------------------------

# session, user, second-factor device, cohort + programme, roles, trainer check, organisations,
# modules, lessons, progress aggregate, quizzes and their passes (the requirements hook), enrolments.
MATRIX_QUERY_BUDGET = 13


def _add_learners(cohort, tree, count: int) -> None:
    """``count`` learners in bulk, spread over three organisations, with varied progress."""
    organisations = [OrganisationFactory() for _ in range(3)]
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(
            email=f"masse{start + n}@example.org",
            first_name="Camille",
            last_name=f"Masse{start + n:05d}",
            organisation=organisations[n % 3],
            password="!",
        )
        for n in range(count)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(cohort=cohort, learner=user, status=Enrolment.Status.ACTIVE) for user in users
    )
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=enrolment, lesson=lesson, completed_at=now if k % 2 else None)
        for n, enrolment in enumerate(enrolments)
        for k, lesson in enumerate(tree.lessons[: n % len(tree.lessons)])
    )


def test_query_count_is_the_same_for_10_and_200_learners(
    trainer_client, cohort, tree, django_assert_num_queries
):
    from assessments.models import QuizAttempt
    from tests.factories import QuizFactory

    quiz = QuizFactory(module=tree.modules[0])
    urls = [_url(cohort), _url(cohort, "courses:cohort-progress-csv")]
    for size, added in ((10, 10), (200, 190)):
        _add_learners(cohort, tree, added)
        QuizAttempt.objects.bulk_create(
            QuizAttempt(
                enrolment=e,
                quiz=quiz,
                number=1,
                state="graded",
                content={},
                score=100,
                passed=True,
                closed_at=e.created_at,
            )
            for e in cohort.enrolments.filter(attempts__isnull=True)[: added // 2]
        )
        for url in urls:
            trainer_client.get(url)  # warm-up
            # The CSV download also writes its audit event.
            budget = MATRIX_QUERY_BUDGET + (RECORD_QUERIES if url.endswith(".csv") else 0)
            with django_assert_num_queries(budget):
                response = trainer_client.get(url, {"status": "active"})
                content = b"".join(response.streaming_content) if response.streaming else response.content
            assert response.status_code == 200
        assert content.decode("utf-8").count("Camille") == size


@pytest.mark.parametrize("cohorts", [2, 20])
def test_cohort_list_query_count_is_fixed(client: Client, tree, cohorts, django_assert_num_queries):
    for n in range(cohorts):
        EnrolmentFactory(cohort=CohortFactory(programme=tree.programme, name=f"Promotion {n}"))
    client.force_login(_staff(roles.MANAGER))
    client.get(reverse("courses:cohort-list"))  # warm-up
    with django_assert_num_queries(5):  # session, user, second-factor device, roles, cohorts with their size
        response = client.get(reverse("courses:cohort-list"))
    assert len(response.context["cohorts"]) == Cohort.objects.count() == cohorts
