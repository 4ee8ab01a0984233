"""What a learner sees of a quiz: their attempts, what is left, and how much of a graded attempt
the review policy lets them see."""

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import FilteredRelation, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessments.models import REVIEW_ORDER, Quiz, QuizAttempt, ReviewLevel
from courses.selectors.progress import Requirement

QUIZ_LABEL = _("Quiz du module")


def module_quiz_requirements(*, module_ids, enrolments) -> list[Requirement]:
    """``courses_module_requirements`` hook: each module's quiz and the enrolments that passed it.

    One query for a list of enrolment ids (a learner's pages); two for a queryset of ids (a cohort),
    which stays a subquery so that the cohort's size changes neither the queries nor their parameters.
    """
    passed: dict[int, set[int]] = {}
    if isinstance(enrolments, QuerySet):
        modules = dict(Quiz.objects.filter(module_id__in=module_ids).values_list("pk", "module_id"))
        rows = (
            QuizAttempt.objects.filter(quiz_id__in=list(modules), passed=True, enrolment_id__in=enrolments)
            .values_list("quiz_id", "enrolment_id")
            .distinct()
        )
        for quiz_id, enrolment_id in rows:
            passed.setdefault(quiz_id, set()).add(enrolment_id)
    else:
        modules = {}
        condition = Q(attempts__passed=True, attempts__enrolment_id__in=list(enrolments))
        rows = (
            Quiz.objects.filter(module_id__in=module_ids)
            .annotate(passing=FilteredRelation("attempts", condition=condition))
            .values_list("pk", "module_id", "passing__enrolment_id")
            .order_by()
        )
        for quiz_id, module_id, enrolment_id in rows:
            modules[quiz_id] = module_id
            if enrolment_id is not None:
                passed.setdefault(quiz_id, set()).add(enrolment_id)
    return [
        Requirement(
            module_id=module_id,
            label=str(QUIZ_LABEL),
            url=reverse("assessments:quiz", args=[quiz_id]),
            met_by=frozenset(passed.get(quiz_id, ())),
        )
        for quiz_id, module_id in modules.items()
    ]


@dataclass(frozen=True)
class LearnerQuizStatus:
    quiz: Quiz
    attempts: tuple[QuizAttempt, ...]

    @property
    def graded(self) -> list[QuizAttempt]:
        return [a for a in self.attempts if not a.is_open]

    @property
    def open_attempt(self) -> QuizAttempt | None:
        return next((a for a in self.attempts if a.is_open), None)

    @property
    def best(self) -> QuizAttempt | None:
        """The best graded attempt; the earliest one among equals."""
        graded = self.graded
        return max(graded, key=lambda a: (a.score, -a.number)) if graded else None

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.graded)

    @property
    def attempts_left(self) -> int:
        if self.passed:
            return 0
        return max(0, self.quiz.attempts_allowed - len(self.attempts))

    @property
    def finished(self) -> bool:
        """No attempt is open and none can be started: passed, or every attempt used."""
        return self.open_attempt is None and self.attempts_left == 0

    @property
    def can_start(self) -> bool:
        return self.open_attempt is None and self.attempts_left > 0

    @property
    def review_level(self) -> ReviewLevel:
        """The most the review policy allows now, over the moments that apply."""
        levels = [self.quiz.review_after_submit]
        if self.passed:
            levels.append(self.quiz.review_after_pass)
        if self.finished:
            levels.append(self.quiz.review_after_last_attempt)
        return max((ReviewLevel(level) for level in levels), key=REVIEW_ORDER.index)

    @property
    def shows_score(self) -> bool:
        return REVIEW_ORDER.index(self.review_level) >= REVIEW_ORDER.index(ReviewLevel.SCORE)


def learner_quiz_status(*, enrolment, quiz: Quiz) -> LearnerQuizStatus:
    """The learner's attempts at ``quiz`` without the copied questions (1 query)."""
    attempts = QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).defer("content").order_by("number")
    return LearnerQuizStatus(quiz=quiz, attempts=tuple(attempts))


@dataclass(frozen=True)
class ReviewChoice:
    key: str
    text: str
    selected: bool
    correct: bool | None  # None when the policy hides it
    feedback: str


@dataclass(frozen=True)
class ReviewQuestion:
    number: int
    key: str
    kind: str
    prompt: str
    case: dict | None
    answered: bool
    outcome: str | None  # "right" | "partial" | "wrong", None when hidden
    choices: tuple[ReviewChoice, ...]
    explanation: str  # empty when hidden


def attempt_review(*, attempt: QuizAttempt, level: ReviewLevel) -> list[ReviewQuestion]:
    """The graded attempt as the learner may see it at ``level`` (1 query for the answers)."""
    if level in (ReviewLevel.NOTHING, ReviewLevel.SCORE):
        return []
    full = level == ReviewLevel.FULL
    answers = {a.question_key: a for a in attempt.answers.all()}
    return [
        _review_question(number, item, attempt.content["cases"], answers.get(item["key"]), full)
        for number, item in enumerate(attempt.content["items"], start=1)
    ]


def _review_question(number, item, cases, answer, full) -> ReviewQuestion:
    chosen = set(answer.choice_keys) if answer else set()
    score = Fraction(answer.score) if answer and answer.score is not None else Fraction(0)
    outcome = "right" if score == 1 else "wrong" if score == 0 else "partial"
    return ReviewQuestion(
        number=number,
        key=item["key"],
        kind=item["kind"],
        prompt=item["prompt"],
        case=cases.get(item["case"]) if item["case"] else None,
        answered=bool(chosen),
        outcome=outcome,
        choices=tuple(
            ReviewChoice(
                key=c["key"],
                text=c["text"],
                selected=c["key"] in chosen,
                correct=c["correct"] if full else None,
                feedback=c["feedback"] if full else "",
            )
            for c in item["choices"]
        ),
        explanation=item["explanation"] if full else "",
    )
