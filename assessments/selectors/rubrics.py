"""Reads of rubric scoring, in a fixed number of queries whatever the cohort's size.

- ``cohort_evaluations``: the trainers' overview of a cohort, learners x rubrics (3 queries).
- ``scoring_sheet``: what the scoring form shows for one learner, one rubric and one session or none.
- ``learner_evaluations``: a learner's published evaluations, criterion by criterion (2 queries).

For the certification issue (both take an enrolment, need no preloading and make one query):

- ``trainer_opinion_for(enrolment)``: the trainer's final opinion (favourable / reserved / unfavourable,
  its motivation, who gave it and when) or None while no trainer has given one.
- ``evaluation_scores(enrolment)``: the weighted score in percent (Decimal, 2 places) of each of the
  enrolment's evaluations, practical assessment (``session_id`` None) and session ones alike. Only
  published evaluations by default: a draft is not the trainer's final word. A rubric's scale,
  weights and criteria cannot change once an evaluation uses it, so a stored score stays the
  recomputation of its criterion scores.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Prefetch

from assessments.models import Criterion, CriterionScore, Evaluation, Rubric, TrainerOpinion, TrainingSession
from assessments.selectors.attendance import AttendanceRate, cohort_attendance_rates
from courses.models import Cohort, Enrolment

# The practical assessment has no session: PostgreSQL would sort its NULL date last, SQLite first.
PRACTICAL_FIRST = F("session__date").asc(nulls_first=True)

# --- Cohort overview ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RubricColumn:
    id: int
    title: str
    scale_max: int


@dataclass(frozen=True)
class EvaluationSummary:
    id: int
    session_id: int | None  # None: the cohort's practical assessment
    session_date: datetime.date | None
    session_half_day: str
    score: Decimal | None
    published: bool

    @property
    def session_half_day_label(self) -> str:
        return TrainingSession.HalfDay(self.session_half_day).label if self.session_half_day else ""


@dataclass(frozen=True)
class OverviewCell:
    rubric_id: int
    rubric_title: str
    practical: EvaluationSummary | None
    sessions: tuple[EvaluationSummary, ...]


@dataclass(frozen=True)
class OpinionSummary:
    opinion: str
    given_at: datetime.datetime

    @property
    def label(self) -> str:
        return TrainerOpinion.Opinion(self.opinion).label


@dataclass(frozen=True)
class OverviewRow:
    enrolment_id: int
    first_name: str
    last_name: str
    email: str
    status: str
    cells: tuple[OverviewCell, ...]  # one per rubric column
    opinion: OpinionSummary | None
    attendance: AttendanceRate | None = None

    @property
    def status_label(self) -> str:
        return Enrolment.Status(self.status).label


@dataclass(frozen=True)
class CohortEvaluations:
    cohort: Cohort
    rubrics: tuple[RubricColumn, ...]
    rows: tuple[OverviewRow, ...]


def cohort_evaluations(*, cohort: Cohort) -> CohortEvaluations:
    """The programme's rubrics against the learners who joined the cohort, with their opinion and
    attendance rate (3 queries + 3 for the rates)."""
    rubrics = tuple(
        RubricColumn(**row)
        for row in Rubric.objects.filter(programme_id=cohort.programme_id)
        .order_by("title", "pk")
        .values("id", "title", "scale_max")
    )
    evaluations = _cohort_evaluation_summaries(cohort)
    learners = (
        Enrolment.objects.filter(cohort=cohort)
        .exclude(status=Enrolment.Status.INVITED)
        .order_by("learner__last_name", "learner__first_name", "learner__email")
        .values(
            "id",
            "status",
            "learner__first_name",
            "learner__last_name",
            "learner__email",
            "trainer_opinion__opinion",
            "trainer_opinion__given_at",
        )
    )
    rates = cohort_attendance_rates(cohort=cohort)
    rows = tuple(_overview_row(enrolment, rubrics, evaluations, rates) for enrolment in learners)
    return CohortEvaluations(cohort=cohort, rubrics=rubrics, rows=rows)


def _cohort_evaluation_summaries(cohort: Cohort) -> dict[tuple[int, int], list[EvaluationSummary]]:
    """{(enrolment id, rubric id): summaries}, the practical one first, then by session date."""
    rows = (
        Evaluation.objects.filter(enrolment__cohort=cohort)
        .order_by(PRACTICAL_FIRST, "session__half_day", "pk")
        .values(
            "id",
            "enrolment_id",
            "rubric_id",
            "session_id",
            "session__date",
            "session__half_day",
            "score",
            "published_at",
        )
    )
    found: dict[tuple[int, int], list[EvaluationSummary]] = {}
    for row in rows:
        summary = EvaluationSummary(
            id=row["id"],
            session_id=row["session_id"],
            session_date=row["session__date"],
            session_half_day=row["session__half_day"] or "",
            score=row["score"],
            published=row["published_at"] is not None,
        )
        found.setdefault((row["enrolment_id"], row["rubric_id"]), []).append(summary)
    return found


def _overview_row(
    enrolment: dict, rubrics: tuple[RubricColumn, ...], evaluations: dict, rates
) -> OverviewRow:
    cells = []
    for rubric in rubrics:
        summaries = evaluations.get((enrolment["id"], rubric.id), [])
        practical = next((s for s in summaries if s.session_id is None), None)
        sessions = tuple(s for s in summaries if s.session_id is not None)
        cells.append(
            OverviewCell(
                rubric_id=rubric.id, rubric_title=rubric.title, practical=practical, sessions=sessions
            )
        )
    opinion = None
    if enrolment["trainer_opinion__opinion"]:
        opinion = OpinionSummary(
            opinion=enrolment["trainer_opinion__opinion"], given_at=enrolment["trainer_opinion__given_at"]
        )
    return OverviewRow(
        enrolment_id=enrolment["id"],
        first_name=enrolment["learner__first_name"],
        last_name=enrolment["learner__last_name"],
        email=enrolment["learner__email"],
        status=enrolment["status"],
        cells=tuple(cells),
        opinion=opinion,
        attendance=rates.get(enrolment["id"]),
    )


# --- Scoring form ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LevelChoice:
    value: int
    descriptor: str
    checked: bool


@dataclass(frozen=True)
class CriterionSheet:
    id: int
    label: str
    weight: int
    levels: tuple[LevelChoice, ...]
    comment: str


@dataclass(frozen=True)
class SessionOption:
    id: int
    title: str
    date: datetime.date
    half_day_label: str


@dataclass(frozen=True)
class ScoringSheet:
    rubric: Rubric
    session: TrainingSession | None
    evaluation: Evaluation | None
    criteria: tuple[CriterionSheet, ...]
    comment: str
    sessions: tuple[SessionOption, ...]  # the cohort's sessions, to score for one of them


def scoring_sheet(
    *,
    enrolment: Enrolment,
    rubric: Rubric,
    session: TrainingSession | None,
    posted: dict | None = None,
    posted_comment: str | None = None,
) -> ScoringSheet:
    """The rubric's criteria with the stored scores, or with ``posted`` ones redrawn after an error.

    ``posted`` maps criterion ids to (score as sent, comment); 4 queries.
    """
    evaluation = Evaluation.objects.filter(enrolment=enrolment, rubric=rubric, session=session).first()
    if posted is None:
        stored = CriterionScore.objects.filter(evaluation=evaluation) if evaluation else []
        posted = {s.criterion_id: (s.score, s.comment) for s in stored}
        posted_comment = evaluation.comment if evaluation else ""
    criteria = tuple(_criterion_sheet(c, rubric.scale_max, posted.get(c.pk)) for c in rubric.criteria.all())
    sessions = tuple(
        SessionOption(id=s.pk, title=s.title, date=s.date, half_day_label=s.get_half_day_display())
        for s in TrainingSession.objects.filter(cohort_id=enrolment.cohort_id).order_by("date", "half_day")
    )
    return ScoringSheet(
        rubric=rubric,
        session=session,
        evaluation=evaluation,
        criteria=criteria,
        comment=posted_comment or "",
        sessions=sessions,
    )


def _criterion_sheet(criterion: Criterion, scale_max: int, value: tuple | None) -> CriterionSheet:
    score, comment = value if value is not None else (None, "")
    descriptors = criterion.levels
    levels = tuple(
        LevelChoice(
            value=level,
            descriptor=descriptors[level] if level < len(descriptors) else "",
            checked=str(level) == str(score),
        )
        for level in range(scale_max + 1)
    )
    return CriterionSheet(
        id=criterion.pk, label=criterion.label, weight=criterion.weight, levels=levels, comment=comment or ""
    )


# --- A learner's published evaluations ------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionResult:
    label: str
    weight: int
    score: int
    descriptor: str  # the descriptor of the level obtained
    comment: str


@dataclass(frozen=True)
class PublishedEvaluation:
    id: int
    rubric_title: str
    rubric_description: str
    scale_max: int
    cohort_name: str
    session_title: str  # empty: the cohort's practical assessment
    session_date: datetime.date | None
    session_half_day_label: str
    score: Decimal | None
    comment: str
    trainer_name: str
    published_at: datetime.datetime
    updated_at: datetime.datetime
    criteria: tuple[CriterionResult, ...]

    @property
    def corrected_after_publication(self) -> bool:
        return self.updated_at > self.published_at


def learner_evaluations(*, learner) -> tuple[PublishedEvaluation, ...]:
    """``learner``'s published evaluations, newest first, with each criterion's level (2 queries)."""
    scores = CriterionScore.objects.select_related("criterion").order_by(
        "criterion__sort_order", "criterion_id"
    )
    evaluations = (
        Evaluation.objects.filter(enrolment__learner_id=learner.pk, published_at__isnull=False)
        .select_related("rubric", "session", "enrolment__cohort", "trainer")
        .prefetch_related(Prefetch("scores", queryset=scores))
        .order_by("-published_at", "-pk")
    )
    return tuple(_published(evaluation) for evaluation in evaluations)


def _published(evaluation: Evaluation) -> PublishedEvaluation:
    session = evaluation.session
    return PublishedEvaluation(
        id=evaluation.pk,
        rubric_title=evaluation.rubric.title,
        rubric_description=evaluation.rubric.description,
        scale_max=evaluation.rubric.scale_max,
        cohort_name=evaluation.enrolment.cohort.name,
        session_title=session.title if session else "",
        session_date=session.date if session else None,
        session_half_day_label=session.get_half_day_display() if session else "",
        score=evaluation.score,
        comment=evaluation.comment,
        trainer_name=evaluation.trainer.get_full_name(),
        published_at=evaluation.published_at,
        updated_at=evaluation.updated_at,
        criteria=tuple(_criterion_result(score) for score in evaluation.scores.all()),
    )


def _criterion_result(score: CriterionScore) -> CriterionResult:
    levels = score.criterion.levels
    return CriterionResult(
        label=score.criterion.label,
        weight=score.criterion.weight,
        score=score.score,
        descriptor=levels[score.score] if score.score < len(levels) else "",
        comment=score.comment,
    )


# --- For certification ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpinionRecord:
    opinion: str  # a TrainerOpinion.Opinion value
    comment: str
    trainer_name: str
    given_at: datetime.datetime

    @property
    def label(self) -> str:
        return TrainerOpinion.Opinion(self.opinion).label


def trainer_opinion_for(enrolment: Enrolment) -> OpinionRecord | None:
    """The trainer's final opinion on ``enrolment``, or None while none was given (1 query)."""
    opinion = TrainerOpinion.objects.select_related("trainer").filter(enrolment_id=enrolment.pk).first()
    if opinion is None:
        return None
    return OpinionRecord(
        opinion=opinion.opinion,
        comment=opinion.comment,
        trainer_name=opinion.trainer.get_full_name(),
        given_at=opinion.given_at,
    )


@dataclass(frozen=True)
class EvaluationScore:
    evaluation_id: int
    rubric_id: int
    rubric_title: str
    session_id: int | None  # None: the cohort's practical assessment
    session_date: datetime.date | None
    score: Decimal  # weighted, in percent
    published_at: datetime.datetime | None


def evaluation_scores(enrolment: Enrolment, *, published_only: bool = True) -> tuple[EvaluationScore, ...]:
    """The weighted scores of ``enrolment``'s evaluations, practical first then by session (1 query)."""
    evaluations = Evaluation.objects.filter(enrolment_id=enrolment.pk)
    if published_only:
        evaluations = evaluations.filter(published_at__isnull=False)
    rows = evaluations.order_by(PRACTICAL_FIRST, "session__half_day", "rubric__title", "pk").values(
        "id", "rubric_id", "rubric__title", "session_id", "session__date", "score", "published_at"
    )
    return tuple(
        EvaluationScore(
            evaluation_id=row["id"],
            rubric_id=row["rubric_id"],
            rubric_title=row["rubric__title"],
            session_id=row["session_id"],
            session_date=row["session__date"],
            score=row["score"],
            published_at=row["published_at"],
        )
        for row in rows
    )
