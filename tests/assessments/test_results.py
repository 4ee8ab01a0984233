"""Staff quiz results: the learner x quiz table, the item analysis, access, CSV exports, query budget.

The central fixture is computed by hand: four learners answer the five questions of the sample quiz
(shuffling off) as below, through the real services. 1 = right, ½ = half the marks, 0 = wrong, "–" =
no answer.

    question      Q1 single  Q2 multiple  Q3 vrai/faux  Q4 cas single  Q5 cas vrai/faux  total
    Aubert        1          1            1             1              1                 5    100 %
    Bernard       1          ½ (A)        1             0 (Oui)        –                 2,5   50 %
    Charpentier   0 (225-1)  0 (A + C)    1             1              0 (Faux)          2     40 %
    Dupont        0 (225-1)  –            0 (Faux)      1              1                 2     40 %
"""

import csv
import io
import math
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import AttemptAnswer, QuizAttempt
from assessments.selectors.results import cohort_quiz_results, item_analysis
from courses.models import Enrolment
from lms.accounts import roles
from lms.accounts.models import User
from lms.audit.services import RECORD_QUERIES
from tests.assessments.conftest import right_answers, wrong_answers
from tests.factories import (
    CohortFactory,
    EnrolmentFactory,
    ModulePageFactory,
    OrganisationFactory,
    ProgrammePageFactory,
    QuizFactory,
    UserFactory,
    with_role,
)

pytestmark = pytest.mark.django_db

NO_ANSWER = None
# Ticked choices by position, per question in the quiz's order (see the module docstring).
AUBERT = [[0], [0, 1], [0], [0], [0]]
BERNARD = [[0], [0], [0], [1], NO_ANSWER]
CHARPENTIER = [[1], [0, 2], [0], [0], [1]]
DUPONT = [[1], NO_ANSWER, [1], [0], [0]]

# Discrimination by hand: x = the question's scores, y = the rest of each total (total − x), in the
# order Aubert, Bernard, Charpentier, Dupont; r = Σ(dx·dy) / √(Σdx² · Σdy²) with d = deviation from the mean.
# Q1: x = 1, 1, 0, 0   y = 4, 1.5, 2, 2   (means 0.5, 2.375)   Σdxdy = 0.75   Σdx² = 1       Σdy² = 3.6875
# Q2: x = 1, .5, 0, 0  y = 4, 2, 2, 2     (means 0.375, 2.5)   Σdxdy = 1.25   Σdx² = 0.6875  Σdy² = 3
# Q3: x = 1, 1, 1, 0   y = 4, 1.5, 1, 2   (means 0.75, 2.125)  Σdxdy = 0.125  Σdx² = 0.75    Σdy² = 5.1875
# Q4: x = 1, 0, 1, 1   y = 4, 2.5, 1, 1   (means 0.75, 2.125)  Σdxdy = −0.375 Σdx² = 0.75    Σdy² = 6.1875
# Q5: x = 1, 0, 0, 1   y = 4, 2.5, 2, 1   (means 0.5, 2.375)   Σdxdy = 0.25   Σdx² = 1       Σdy² = 4.6875
EXPECTED_DISCRIMINATION = [
    0.75 / math.sqrt(1 * 3.6875),  # 0.39
    1.25 / math.sqrt(0.6875 * 3),  # 0.87
    0.125 / math.sqrt(0.75 * 5.1875),  # 0.06
    -0.375 / math.sqrt(0.75 * 6.1875),  # -0.17: the strongest learner's peers missed it, a suspicious item
    0.25 / math.sqrt(1 * 4.6875),  # 0.12
]
EXPECTED_FACILITY = [50, 37.5, 75, 75, 50]  # mean of the question's scores x 100


def _staff(role, *, cohort=None):
    user = with_role(UserFactory(), role)
    if cohort is not None:
        cohort.trainers.add(user)
    return user


def _answers(attempt, picks) -> dict[str, list[str]]:
    """{question key: choice keys} from choice positions; unanswered questions are left out."""
    return {
        item["key"]: [item["choices"][n]["key"] for n in pick]
        for item, pick in zip(attempt.content["items"], picks, strict=True)
        if pick is not NO_ANSWER
    }


def _take(enrolment, quiz, picks=None, *, answers=None, submit=True):
    attempt = services.start_attempt(user=enrolment.learner, quiz=quiz)
    if not submit:
        return attempt
    chosen = answers(attempt) if answers else _answers(attempt, picks)
    return services.submit_attempt(user=enrolment.learner, attempt_id=attempt.pk, answers=chosen)


def _csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def _url(name, cohort, quiz=None):
    return reverse(f"assessments:{name}", args=[cohort.pk] if quiz is None else [cohort.pk, quiz.pk])


@pytest.fixture
def cohort(tree):
    return CohortFactory(programme=tree.programme, name="Promotion Lille 2026")


@pytest.fixture
def second_quiz(tree):
    return QuizFactory(module=tree.modules[1], title="Quiz du module 2")


@pytest.fixture
def learners(cohort, quiz, second_quiz, tree):
    """The four hand-computed first attempts, then later attempts that must not change the analysis."""
    lille = OrganisationFactory(name="Lille Habitat")
    people = {}
    for name, picks in (
        ("Aubert", AUBERT),
        ("Bernard", BERNARD),
        ("Charpentier", CHARPENTIER),
        ("Dupont", DUPONT),
    ):
        people[name] = EnrolmentFactory(cohort=cohort, learner__last_name=name, learner__organisation=lille)
        _take(people[name], quiz, picks)
    _take(people["Bernard"], quiz, answers=right_answers)  # 2nd attempt: 100 %, passed
    _take(people["Charpentier"], quiz, submit=False)  # 2nd attempt, still open
    people["Etienne"] = EnrolmentFactory(
        cohort=cohort, learner__last_name="Etienne", status=Enrolment.Status.INVITED
    )
    people["Fournier"] = EnrolmentFactory(cohort=cohort, learner__last_name="Fournier")
    _take(people["Fournier"], quiz, submit=False)  # only an open attempt
    elsewhere = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme), learner__last_name="Autre")
    _take(elsewhere, quiz, answers=wrong_answers)  # another cohort: counted nowhere here
    return SimpleNamespace(**people)


@pytest.fixture
def trainer_client(cohort, client: Client):
    client.force_login(_staff(roles.TRAINER, cohort=cohort))
    return client


# --- Results table -------------------------------------------------------------------------------------


def _cell(cell):
    return None if cell is None else (cell.best, cell.attempts, cell.passed, cell.in_progress)


def test_results_table_gives_best_score_attempts_and_pass_per_learner(cohort, learners, quiz, second_quiz):
    results = cohort_quiz_results(cohort=cohort)
    assert [(q.label, q.title) for q in results.quizzes] == [("M1", quiz.title), ("M2", "Quiz du module 2")]
    names = [row.last_name for row in results.rows]
    assert names == ["Aubert", "Bernard", "Charpentier", "Dupont", "Etienne", "Fournier"]
    assert [_cell(row.cells[0]) for row in results.rows] == [
        (Decimal("100.00"), 1, True, False),
        (Decimal("100.00"), 2, True, False),  # best of 50 and 100
        (Decimal("40.00"), 2, False, True),  # a graded attempt and an open one
        (Decimal("40.00"), 1, False, False),
        None,
        (None, 1, False, True),  # only an open attempt: no score yet
    ]
    assert all(row.cells[1] is None for row in results.rows)
    assert [row.status for row in results.rows][4] == "invited"
    m1, m2 = results.quizzes
    assert m1.passed_count == 2
    assert m1.mean_best == Decimal("70.00")  # (100 + 100 + 40 + 40) / 4: learners without a score left out
    assert (m2.passed_count, m2.mean_best) == (0, None)


def test_unpublished_modules_have_no_column(cohort, learners, tree):
    tree.modules[1].unpublish()
    assert [q.label for q in cohort_quiz_results(cohort=cohort).quizzes] == ["M1"]


def test_results_page_shows_the_table_with_words_and_links(trainer_client, cohort, learners, quiz):
    response = trainer_client.get(_url("cohort-quiz-results", cohort))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption" in html
    assert html.count('<th scope="row" class="matrix-learner"') == 6
    assert html.count('<strong class="badge badge--completed">réussi</strong>') == 2
    assert "40&nbsp;%" in html
    assert "70&nbsp;%" in html  # mean best score
    assert "2 tentatives, dont une en cours" in html
    assert "aucune tentative" in html
    assert _url("quiz-item-analysis", cohort, quiz) in html
    assert _url("cohort-quiz-results-csv", cohort) in html


def test_progress_matrix_links_to_the_quiz_results(trainer_client, cohort):
    html = trainer_client.get(reverse("courses:cohort-progress", args=[cohort.pk])).content.decode()
    assert f'href="{_url("cohort-quiz-results", cohort)}"' in html


def test_results_csv(trainer_client, cohort, learners):
    response = trainer_client.get(_url("cohort-quiz-results-csv", cohort))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="quiz-promotion-lille-2026.csv"'
    header, *rows = _csv_rows(response)
    assert header == [
        "Nom",
        "Prénom",
        "E-mail",
        "Organisme",
        "Statut",
        "M1 meilleure note (%)",
        "M1 tentatives",
        "M2 meilleure note (%)",
        "M2 tentatives",
    ]
    assert [row[0] for row in rows] == ["Aubert", "Bernard", "Charpentier", "Dupont", "Etienne", "Fournier"]
    assert rows[2][3:] == ["Lille Habitat", "en formation", "40", "2", "", "0"]
    assert rows[4][4:] == ["invité·e", "", "0", "", "0"]
    assert rows[5][5:7] == ["", "1"]


def test_csv_exports_neutralise_formulas(trainer_client, cohort, quiz):
    EnrolmentFactory(cohort=cohort, learner__last_name='=HYPERLINK("x")', learner__first_name="+33 6")
    _header, row = _csv_rows(trainer_client.get(_url("cohort-quiz-results-csv", cohort)))
    assert row[:2] == ['\'=HYPERLINK("x")', "'+33 6"]


# --- Item analysis -------------------------------------------------------------------------------------


def test_item_analysis_by_hand(cohort, learners, quiz):
    analysis = item_analysis(quiz=quiz, cohort=cohort)
    assert analysis.attempt_count == 4
    assert analysis.mean_score == Decimal("57.50")  # (100 + 50 + 40 + 40) / 4
    questions = analysis.questions
    assert [q.number for q in questions] == [1, 2, 3, 4, 5]
    assert [q.n for q in questions] == [4, 4, 4, 4, 4]
    assert [q.facility for q in questions] == EXPECTED_FACILITY
    for question, expected in zip(questions, EXPECTED_DISCRIMINATION, strict=True):
        assert question.discrimination == pytest.approx(expected, abs=1e-12)
    assert questions[3].discrimination < 0
    assert (questions[3].case_title, questions[0].case_title) == ("Un T3 hors QPV", "")
    assert questions[0].prompt == "Quel texte définit les finalités de l'attribution ?"


def test_item_analysis_counts_ticked_choices(cohort, learners, quiz):
    q1, q2, q3, q4, q5 = item_analysis(quiz=quiz, cohort=cohort).questions

    def table(question):
        return [(c.text, c.correct, c.count, c.percent) for c in question.choices]

    assert table(q1) == [("L441 CCH", True, 2, 50), ("225-1 CP", False, 2, 50), ("1388 bis CGI", False, 0, 0)]
    assert table(q2) == [
        ("Lieu de résidence", True, 3, 75),
        ("Patronyme", True, 1, 25),
        ("Ressources", False, 1, 25),
        ("Taille du ménage", False, 0, 0),
    ]
    assert table(q3) == [("Vrai", True, 3, 75), ("Faux", False, 1, 25)]
    assert table(q4) == [("Non", True, 3, 75), ("Oui", False, 1, 25)]
    assert table(q5) == [("Vrai", True, 2, 50), ("Faux", False, 1, 25)]  # Bernard left it unanswered


def test_only_first_graded_attempts_are_analysed(cohort, quiz):
    learner = EnrolmentFactory(cohort=cohort)
    _take(learner, quiz, answers=wrong_answers)
    _take(learner, quiz, answers=right_answers)
    other = EnrolmentFactory(cohort=cohort)
    _take(other, quiz, answers=wrong_answers)
    _take(other, quiz, submit=False)  # an open attempt after a graded one
    _take(EnrolmentFactory(cohort=cohort), quiz, submit=False)  # an open first attempt
    analysis = item_analysis(quiz=quiz, cohort=cohort)
    assert analysis.attempt_count == 2
    assert analysis.mean_score == Decimal("0.00")
    assert all(q.n == 2 and q.facility == 0 for q in analysis.questions)
    assert all(q.discrimination is None for q in analysis.questions)  # no variance: no index


def test_questions_are_matched_by_key_and_read_from_the_latest_snapshot(cohort, quiz):
    first = EnrolmentFactory(cohort=cohort)
    _take(first, quiz, answers=right_answers)
    later = EnrolmentFactory(cohort=cohort)
    attempt = _take(later, quiz, submit=False)
    content = attempt.content
    content["items"][0]["prompt"] = "Nouvelle formulation"
    dropped = content["items"].pop()  # a question this attempt did not have
    QuizAttempt.objects.filter(pk=attempt.pk).update(content=content)
    services.submit_attempt(user=later.learner, attempt_id=attempt.pk, answers={})
    questions = item_analysis(quiz=quiz, cohort=cohort).questions
    assert questions[0].prompt == "Nouvelle formulation"
    assert [(q.key, q.n) for q in questions][-1] == (dropped["key"], 1)
    assert questions[-1].facility == 100
    assert [q.n for q in questions[:4]] == [2, 2, 2, 2]
    assert questions[0].discrimination is not None  # 1 then 0 on Q1, 4 then 0 on the rest: r = 1
    assert questions[0].discrimination == pytest.approx(1)


def test_item_analysis_without_attempts(cohort, quiz):
    analysis = item_analysis(quiz=quiz, cohort=cohort)
    assert (analysis.attempt_count, analysis.mean_score, analysis.questions) == (0, None, ())


def test_item_analysis_page(trainer_client, cohort, learners, quiz):
    response = trainer_client.get(_url("quiz-item-analysis", cohort, quiz))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Comment lire ces indices" in html
    assert "4 premières tentatives corrigées analysées" in html
    assert "57,50&nbsp;%" in html
    for text in ("37,5&nbsp;%", "0,87", "-0,17", "négative : question à revoir", "mise en situation : Un T3"):
        assert text in html
    assert html.count('<strong class="tag tag--correct">bonne réponse</strong>') == 6
    assert html.count('<th scope="row">') >= 5 + 13


def test_item_analysis_csv(trainer_client, cohort, learners, quiz):
    response = trainer_client.get(_url("quiz-item-analysis-csv", cohort, quiz))
    assert (
        response["Content-Disposition"] == 'attachment; filename="analyse-quiz-m1-promotion-lille-2026.csv"'
    )
    header, *rows = _csv_rows(response)
    assert header == [
        "Question n°",
        "Question",
        "Facilité (%)",
        "Discrimination",
        "Réponse proposée",
        "Bonne réponse",
        "Cochée par",
        "Cochée par (%)",
    ]
    assert len(rows) == 3 + 4 + 2 + 2 + 2  # one line per choice
    assert rows[3] == [
        "2",
        "Quels critères sont prohibés ?",
        "37,5",
        "0,87",
        "Lieu de résidence",
        "oui",
        "3",
        "75",
    ]
    assert rows[0][4:] == ["L441 CCH", "oui", "2", "50"]
    assert rows[8][4:] == ["Faux", "non", "1", "25"]


# --- Access ----------------------------------------------------------------------------------------------

URL_NAMES = ["cohort-quiz-results", "cohort-quiz-results-csv", "quiz-item-analysis", "quiz-item-analysis-csv"]


def _any_url(name, cohort, quiz):
    return _url(name, cohort, quiz if "analysis" in name else None)


@pytest.mark.parametrize("name", URL_NAMES)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("learner", 403),
        ("trainer of this cohort", 200),
        ("trainer of another cohort", 404),  # not theirs: as if it did not exist
        ("certifier", 200),
        ("manager", 200),
    ],
)
def test_access_by_role(client: Client, cohort, learners, quiz, tree, name, who, expected):
    users = {
        "learner": lambda: learners.Aubert.learner,
        "trainer of this cohort": lambda: _staff(roles.TRAINER, cohort=cohort),
        "trainer of another cohort": lambda: _staff(
            roles.TRAINER, cohort=CohortFactory(programme=tree.programme)
        ),
        "certifier": lambda: _staff(roles.CERTIFIER),
        "manager": lambda: _staff(roles.MANAGER),
    }
    client.force_login(users[who]())
    response = client.get(_any_url(name, cohort, quiz))
    assert response.status_code == expected
    if expected == 403:
        assert "Accès refusé" in response.content.decode()
    if expected == 404:
        assert cohort.name not in response.content.decode()


@pytest.mark.parametrize("name", URL_NAMES)
def test_anonymous_is_sent_to_login_and_unknown_cohort_is_404(client: Client, cohort, quiz, name):
    response = client.get(_any_url(name, cohort, quiz))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(_staff(roles.MANAGER))
    unknown = SimpleNamespace(pk=cohort.pk + 1000)
    assert client.get(_any_url(name, unknown, quiz)).status_code == 404


@pytest.mark.parametrize("name", ["quiz-item-analysis", "quiz-item-analysis-csv"])
def test_a_quiz_of_another_programme_is_404(trainer_client, cohort, tree, name):
    other = ProgrammePageFactory(parent=tree.home, slug="autre-programme")
    foreign = QuizFactory(module=ModulePageFactory(parent=other, slug="module-autre", number=1))
    assert trainer_client.get(_url(name, cohort, foreign)).status_code == 404
    assert trainer_client.get(reverse(f"assessments:{name}", args=[cohort.pk, 10**6])).status_code == 404


def test_pages_are_read_only(trainer_client, cohort, quiz):
    assert trainer_client.post(_url("cohort-quiz-results", cohort)).status_code == 405
    assert trainer_client.post(_url("quiz-item-analysis", cohort, quiz)).status_code == 405


# --- Query budget ---------------------------------------------------------------------------------------

# session, user, second-factor device, cohort + programme, roles, trainer check, then the selector's own
# three: quizzes of the live modules, attempts aggregated per learner and quiz, enrolments with learners.
RESULTS_QUERY_BUDGET = 9
# the same six, then the quiz (with its module), the first graded attempts with their content, their answers.
ANALYSIS_QUERY_BUDGET = 9


def _add_learners_with_attempts(cohort, quiz, model_attempt, count: int) -> None:
    """``count`` learners in bulk, each with a graded first attempt copied from ``model_attempt``;
    every other one also has a second attempt, every third one an open attempt."""
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(
            email=f"masse{start + n}@example.org",
            first_name="Camille",
            last_name=f"Masse{start + n:05d}",
            password="!",
        )
        for n in range(count)
    )
    enrolments = Enrolment.objects.bulk_create(Enrolment(cohort=cohort, learner=user) for user in users)
    now = timezone.now()

    def attempt(enrolment, number, graded, score):
        state = QuizAttempt.State.GRADED if graded else QuizAttempt.State.IN_PROGRESS
        return QuizAttempt(
            enrolment=enrolment,
            quiz=quiz,
            number=number,
            state=state,
            content=model_attempt.content,
            closed_at=now if graded else None,
            score=score if graded else None,
            passed=score >= 80 if graded else None,
        )

    attempts = QuizAttempt.objects.bulk_create(
        [attempt(e, 1, True, 20 * (n % 5)) for n, e in enumerate(enrolments)]
        + [attempt(e, 2, n % 3 != 0, 100) for n, e in enumerate(enrolments) if n % 2]
    )
    items = model_attempt.content["items"]
    AttemptAnswer.objects.bulk_create(
        AttemptAnswer(
            attempt=a,
            question_key=item["key"],
            choice_keys=[item["choices"][k % len(item["choices"])]["key"]],
            score=1 if k % len(item["choices"]) == 0 else 0,
        )
        for n, a in enumerate(attempts)
        for k, item in enumerate(items)
        if (n + k) % 4
    )


def test_query_counts_are_the_same_for_5_and_60_learners(
    trainer_client, cohort, quiz, second_quiz, django_assert_num_queries
):
    model = _take(EnrolmentFactory(cohort=cohort), quiz, answers=right_answers)
    pages = [
        (_url("cohort-quiz-results", cohort), RESULTS_QUERY_BUDGET),
        (
            _url("cohort-quiz-results-csv", cohort),
            RESULTS_QUERY_BUDGET + RECORD_QUERIES,
        ),  # + the export's audit event
        (_url("quiz-item-analysis", cohort, quiz), ANALYSIS_QUERY_BUDGET),
        (_url("quiz-item-analysis-csv", cohort, quiz), ANALYSIS_QUERY_BUDGET + RECORD_QUERIES),
    ]
    for size, added in ((5, 4), (60, 55)):
        _add_learners_with_attempts(cohort, quiz, model, added)
        for url, budget in pages:
            trainer_client.get(url)  # warm-up
            with django_assert_num_queries(budget):
                response = trainer_client.get(url)
                content = b"".join(response.streaming_content) if response.streaming else response.content
            assert response.status_code == 200
            if "analyse" not in url:
                assert content.decode("utf-8").count("@example.org") == size
        assert item_analysis(quiz=quiz, cohort=cohort).attempt_count == size
