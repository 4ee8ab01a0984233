"""Quiz results of a cohort for trainers, certifiers and managers, and the item analysis of one quiz.

``cohort_quiz_results`` is the learner x quiz table: best score, attempts and pass for each learner,
aggregated in SQL so that its three queries do not grow with the cohort.

``item_analysis`` says how each question of a quiz behaved in a cohort, with two classical indices:

- the facility index is the mean score on the question, in percent (a question left unanswered
  scores 0): the share of the marks the learners earned. Under 30 the question is hard; over 90 it is
  very easy and tells the trainer little.
- the discrimination index is the correlation (Pearson) between the score on the question and the
  score on the other questions of the same attempt. It is high when the learners who did well on the
  rest of the quiz also got this question right. Under 0.2 the question separates learners weakly;
  a negative value means the stronger learners missed it more often than the others: a key, a wording
  or a choice to check first. It cannot be computed under two attempts or when every attempt has the
  same score on the question (or on the rest).

Both indices are read on the learners' first graded attempt only (see ``_first_attempts``).
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import sqrt

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from assessments import questions as quiz_questions
from assessments.models import AttemptAnswer, Quiz, QuizAttempt
from assessments.scoring import as_decimal
from courses.models import Cohort, Enrolment

# Thresholds of the usual reading of the indices, shown to staff next to each question.
HARD_BELOW, EASY_ABOVE = 30, 90
WEAK_DISCRIMINATION = 0.2

HARD = _("difficile")
VERY_EASY = _("très facile")
WEAK = _("discrimine peu")
NEGATIVE = _("négative : question à revoir")


# --- Results table ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizColumn:
    id: int
    title: str
    module_number: int
    module_title: str
    passed_count: int  # learners of the cohort who passed it
    mean_best: Decimal | None  # mean of the best scores of the learners with a graded attempt

    @property
    def label(self) -> str:
        return f"M{self.module_number}"


@dataclass(frozen=True)
class ResultCell:
    best: Decimal | None  # percent of the best graded attempt; None while only an attempt is open
    attempts: int  # graded and open
    passed: bool
    in_progress: bool


@dataclass(frozen=True)
class ResultRow:
    enrolment_id: int
    first_name: str
    last_name: str
    email: str
    organisation: str
    status: str
    cells: tuple[ResultCell | None, ...]  # one per quiz column; None: no attempt

    @property
    def status_label(self):
        return Enrolment.Status(self.status).label


@dataclass(frozen=True)
class QuizResults:
    cohort: Cohort
    quizzes: tuple[QuizColumn, ...]
    rows: tuple[ResultRow, ...]


def cohort_quiz_results(*, cohort: Cohort) -> QuizResults:
    """Every enrolment of the cohort against the quizzes of the programme's live modules (3 queries).

    Expects ``cohort.programme`` already loaded (``select_related("programme")``), as the views do.
    """
    quizzes = programme_quizzes(cohort.programme)
    cells = _result_cells(cohort, [quiz["id"] for quiz in quizzes])
    columns = tuple(_column(quiz, [c for (_e, q), c in cells.items() if q == quiz["id"]]) for quiz in quizzes)
    learners = (
        Enrolment.objects.filter(cohort=cohort)
        .order_by("learner__last_name", "learner__first_name", "learner__email")
        .values(
            "id",
            "status",
            "learner__first_name",
            "learner__last_name",
            "learner__email",
            "learner__organisation__name",
        )
    )
    rows = tuple(_result_row(enrolment, columns, cells) for enrolment in learners)
    return QuizResults(cohort=cohort, quizzes=columns, rows=rows)


def programme_quizzes(programme: Page) -> list[dict]:
    """The quizzes of the programme's live modules, in module order (1 query)."""
    from cms.models import ModulePage

    modules = ModulePage.objects.live().child_of(programme).values("pk")
    return list(
        Quiz.objects.filter(module_id__in=modules)
        .order_by("module__path")
        .values("id", "title", "module__number", "module__title")
    )


def _result_cells(cohort: Cohort, quiz_ids: list[int]) -> dict[tuple[int, int], ResultCell]:
    """{(enrolment id, quiz id): cell} in one aggregate query, whatever the size of the cohort."""
    rows = (
        QuizAttempt.objects.filter(enrolment__cohort=cohort, quiz_id__in=quiz_ids)
        .values("enrolment_id", "quiz_id")
        .annotate(
            best=Max("score"),  # open attempts have no score: Max skips them
            attempts=Count("id"),
            passed_count=Count("id", filter=Q(passed=True)),
            open_count=Count("id", filter=Q(state=QuizAttempt.State.IN_PROGRESS)),
        )
        .order_by()
    )
    return {
        (r["enrolment_id"], r["quiz_id"]): ResultCell(
            best=r["best"],
            attempts=r["attempts"],
            passed=r["passed_count"] > 0,
            in_progress=r["open_count"] > 0,
        )
        for r in rows
    }


def _column(quiz: dict, cells: list[ResultCell]) -> QuizColumn:
    bests = [cell.best for cell in cells if cell.best is not None]
    return QuizColumn(
        id=quiz["id"],
        title=quiz["title"],
        module_number=quiz["module__number"],
        module_title=quiz["module__title"],
        passed_count=sum(cell.passed for cell in cells),
        mean_best=_mean(bests),
    )


def _mean(values: list[Decimal]) -> Decimal | None:
    """The mean of Decimal percentages, exact then rounded to 2 places; None without values."""
    if not values:
        return None
    return as_decimal(sum((Fraction(v) for v in values), Fraction(0)) / len(values))


def _result_row(enrolment: dict, columns: tuple[QuizColumn, ...], cells: dict) -> ResultRow:
    return ResultRow(
        enrolment_id=enrolment["id"],
        first_name=enrolment["learner__first_name"],
        last_name=enrolment["learner__last_name"],
        email=enrolment["learner__email"],
        organisation=enrolment["learner__organisation__name"] or "",
        status=enrolment["status"],
        cells=tuple(cells.get((enrolment["id"], column.id)) for column in columns),
    )


# --- Item analysis ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceStat:
    key: str
    text: str
    correct: bool
    count: int  # analysed attempts that ticked it
    percent: float  # of the analysed attempts that had the question


@dataclass(frozen=True)
class QuestionStat:
    number: int
    key: str
    kind: str
    prompt: str
    case_title: str
    n: int  # analysed attempts that had the question
    facility: float | None
    discrimination: float | None
    choices: tuple[ChoiceStat, ...]

    @property
    def facility_note(self):
        if self.facility is None:
            return ""
        return HARD if self.facility < HARD_BELOW else VERY_EASY if self.facility > EASY_ABOVE else ""

    @property
    def discrimination_note(self):
        if self.discrimination is None:
            return ""
        return (
            NEGATIVE if self.discrimination < 0 else WEAK if self.discrimination < WEAK_DISCRIMINATION else ""
        )


@dataclass(frozen=True)
class ItemAnalysis:
    quiz: Quiz
    cohort: Cohort
    attempt_count: int
    mean_score: Decimal | None  # percent; None without attempts
    questions: tuple[QuestionStat, ...]


@dataclass(frozen=True)
class _ScoredAttempt:
    scores: dict[str, Fraction]  # every question of the attempt, 0 when unanswered
    ticked: dict[str, frozenset[str]]

    @property
    def total(self) -> Fraction:
        return sum(self.scores.values(), Fraction(0))


def item_analysis(*, quiz: Quiz, cohort: Cohort) -> ItemAnalysis:
    """How each question of ``quiz`` behaved in ``cohort`` (2 queries: the attempts, their answers).

    Questions are matched by key across attempts and listed in the quiz's current order (questions
    since removed come last); their text and choices come from the most recent analysed attempt that
    had them. A question missing from some attempts is analysed on the attempts that had it.
    """
    first = _first_attempts(quiz, cohort)
    attempts = list(first.order_by("started_at", "pk").values("pk", "content", "score"))
    answers = _answers(first)
    scored = [_scored_attempt(attempt, answers.get(attempt["pk"], {})) for attempt in attempts]
    latest = _latest_items(attempts)
    order = [key for key in _current_keys(quiz) if key in latest]
    order += [key for key in latest if key not in order]
    return ItemAnalysis(
        quiz=quiz,
        cohort=cohort,
        attempt_count=len(attempts),
        mean_score=_mean([attempt["score"] for attempt in attempts]),
        questions=tuple(_question_stat(n, *latest[key], scored) for n, key in enumerate(order, start=1)),
    )


def _first_attempts(quiz: Quiz, cohort: Cohort) -> QuerySet:
    """Each enrolment's first graded attempt at ``quiz``.

    Only first attempts are analysed: a second attempt comes after seeing the questions (and, per the
    review policy, the key), so its answers measure memory of the quiz more than the question itself.
    Open attempts have no score yet and are left out.
    """
    graded = QuizAttempt.objects.filter(quiz=quiz, state=QuizAttempt.State.GRADED)
    first_number = (
        graded.filter(enrolment_id=OuterRef("enrolment_id")).order_by("number").values("number")[:1]
    )
    return graded.filter(enrolment__cohort=cohort, number=Subquery(first_number))


def _answers(attempts: QuerySet) -> dict[int, dict[str, tuple[list[str], Decimal | None]]]:
    """{attempt id: {question key: (ticked choice keys, score)}}; the attempts stay a subquery."""
    answers: dict[int, dict] = {}
    rows = AttemptAnswer.objects.filter(attempt__in=attempts.values("pk")).values_list(
        "attempt_id", "question_key", "choice_keys", "score"
    )
    for attempt_id, key, choice_keys, score in rows:
        answers.setdefault(attempt_id, {})[key] = (choice_keys, score)
    return answers


def _scored_attempt(attempt: dict, answers: dict) -> _ScoredAttempt:
    scores, ticked = {}, {}
    for item in attempt["content"].get("items", []):
        choice_keys, score = answers.get(item["key"], ([], None))
        scores[item["key"]] = Fraction(score) if score is not None else Fraction(0)
        ticked[item["key"]] = frozenset(choice_keys)
    return _ScoredAttempt(scores=scores, ticked=ticked)


def _latest_items(attempts: list[dict]) -> dict[str, tuple[dict, str]]:
    """{question key: (item, case title)} from the most recent attempt that had the question."""
    latest = {}
    for attempt in attempts:  # oldest first: later snapshots overwrite earlier ones
        cases = attempt["content"].get("cases", {})
        for item in attempt["content"].get("items", []):
            case = cases.get(item["case"]) if item.get("case") else None
            latest[item["key"]] = (item, case["title"] if case else "")
    return latest


def _current_keys(quiz: Quiz) -> list[str]:
    return [item["key"] for item in quiz_questions.quiz_items(quiz.questions)]


def _question_stat(number: int, item: dict, case_title: str, scored: list[_ScoredAttempt]) -> QuestionStat:
    key = item["key"]
    having = [attempt for attempt in scored if key in attempt.scores]
    scores = [attempt.scores[key] for attempt in having]
    rests = [attempt.total - attempt.scores[key] for attempt in having]
    n = len(having)
    return QuestionStat(
        number=number,
        key=key,
        kind=item["kind"],
        prompt=item["prompt"],
        case_title=case_title,
        n=n,
        facility=float(100 * sum(scores, Fraction(0)) / n) if n else None,
        discrimination=_pearson(scores, rests),
        choices=tuple(_choice_stat(choice, [a.ticked[key] for a in having]) for choice in item["choices"]),
    )


def _choice_stat(choice: dict, ticked: list[frozenset[str]]) -> ChoiceStat:
    count = sum(choice["key"] in keys for keys in ticked)
    return ChoiceStat(
        key=choice["key"],
        text=choice["text"],
        correct=bool(choice["correct"]),
        count=count,
        percent=100 * count / len(ticked) if ticked else 0.0,
    )


def _pearson(xs: list[Fraction], ys: list[Fraction]) -> float | None:
    """Pearson's r, exact up to the square root, so that a constant series is seen as one."""
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs, Fraction(0)) / n, sum(ys, Fraction(0)) / n
    sxy = sum(((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)), Fraction(0))
    sxx = sum(((x - mean_x) ** 2 for x in xs), Fraction(0))
    syy = sum(((y - mean_y) ** 2 for y in ys), Fraction(0))
    if sxx == 0 or syy == 0:
        return None
    return float(sxy) / sqrt(sxx * syy)
