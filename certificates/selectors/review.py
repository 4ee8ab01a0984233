"""Reads of the certification review, in a fixed number of queries whatever a cohort's size.

- ``review_cohorts``: the cohorts to review, each with its candidates, eligible candidates still to
  decide, and final decisions (one query for the list and its counts, then ``cohort_queue`` for
  each cohort of the page shown where someone still waits for a decision: the eligible count is
  computed, never stored). Its queries grow with the cohorts shown, never with their learners.
- ``cohort_queue``: a cohort's candidates with their evidence (progress, quiz average, attendance,
  rubric scores, the trainer's opinion), their eligibility and where their decision stands.
- ``candidate_file``: one candidate's evidence and decision history, for the decision page.

A candidate is an enrolment that is in training or has finished (the statuses a decision may be
taken on), or one that already has a decision.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from assessments.models import Evaluation, TrainerOpinion
from assessments.selectors.rubrics import (
    PRACTICAL_FIRST,
    EvaluationScore,
    OpinionRecord,
    evaluation_scores,
    trainer_opinion_for,
)
from certificates.models import Certificate, CertificationDecision
from certificates.selectors.eligibility import Eligibility, cohort_eligibility, enrolment_eligibility
from courses.models import Cohort, Enrolment

Outcome = CertificationDecision.Outcome
CANDIDATE_STATUSES = (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)

PENDING, DEFERRED = "pending", "deferred"
STATE_LABELS = {
    PENDING: _("à décider"),
    DEFERRED: _("ajourné·e"),
    Outcome.APPROVED: _("certifié·e"),
    Outcome.REJECTED: _("refusé·e"),
}

# The queue's filters.
SHOW_ALL, SHOW_PENDING, SHOW_ELIGIBLE = "all", "pending", "eligible"


@dataclass(frozen=True)
class DecisionState:
    """Where a candidate's decision stands: pending, deferred (and waiting again) or final."""

    state: str  # PENDING, DEFERRED, or a final outcome
    decided_at: datetime.datetime | None = None
    motive: str = ""
    certificate_id: int | None = None
    certificate_number: str = ""

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def is_final(self) -> bool:
        return self.state in CertificationDecision.FINAL


@dataclass(frozen=True)
class RubricScore:
    title: str
    session_date: datetime.date | None  # None: the cohort's practical assessment
    score: Decimal | None


@dataclass(frozen=True)
class Candidate:
    enrolment_id: int
    first_name: str
    last_name: str
    email: str
    organisation: str
    eligibility: Eligibility
    rubric_scores: tuple[RubricScore, ...]
    decision: DecisionState

    @property
    def is_pending(self) -> bool:
        return not self.decision.is_final

    @property
    def opinion_label(self) -> str:
        opinion = self.eligibility.opinion
        return str(TrainerOpinion.Opinion(opinion).label) if opinion else ""

    @property
    def bulk_approvable(self) -> bool:
        """Strictly eligible and not decided: an override is never given in bulk."""
        return self.is_pending and self.eligibility.eligible


@dataclass(frozen=True)
class CohortQueue:
    cohort: Cohort
    candidates: tuple[Candidate, ...]  # those the filter shows
    total: int
    eligible: int  # approvable and not finally decided
    decided: int

    @property
    def any_bulk_approvable(self) -> bool:
        return any(candidate.bulk_approvable for candidate in self.candidates)


@dataclass(frozen=True)
class CohortSummary:
    cohort: Cohort
    candidates: int
    eligible: int
    decided: int


def candidate_enrolments(cohort_id: int) -> QuerySet:
    """The cohort's candidates (an ``Enrolment`` queryset)."""
    has_decision = CertificationDecision.objects.filter(enrolment=OuterRef("pk"))
    return Enrolment.objects.filter(
        Q(status__in=CANDIDATE_STATUSES) | Exists(has_decision), cohort_id=cohort_id
    )


def review_cohorts() -> QuerySet:
    """Every cohort, newest first, with its number of candidates and of final decisions (1 query)."""
    final = Q(enrolments__certification_decisions__outcome__in=CertificationDecision.FINAL)
    candidate = Q(enrolments__status__in=CANDIDATE_STATUSES) | Q(
        enrolments__certification_decisions__isnull=False
    )
    return (
        Cohort.objects.select_related("programme")
        .annotate(
            candidate_count=Count("enrolments", filter=candidate, distinct=True),
            decided_count=Count("enrolments__certification_decisions", filter=final, distinct=True),
        )
        .order_by("-starts_on", "name", "pk")
    )


def cohort_summaries(cohorts) -> list[CohortSummary]:
    """The page of ``review_cohorts`` shown, with the eligible candidates still to decide."""
    summaries = []
    for cohort in cohorts:
        # Eligibility is computed only where someone is still waiting for a decision.
        waiting = cohort.candidate_count > cohort.decided_count
        queue = cohort_queue(cohort=cohort) if waiting else None
        summaries.append(
            CohortSummary(
                cohort=cohort,
                candidates=cohort.candidate_count,
                eligible=queue.eligible if queue else 0,
                decided=cohort.decided_count,
            )
        )
    return summaries


def cohort_queue(*, cohort: Cohort, show: str = SHOW_ALL) -> CohortQueue:
    """The cohort's candidates, by name, with their evidence and decision state (``cohort_eligibility``
    and 3 queries). Expects ``cohort.programme`` loaded."""
    eligibility = cohort_eligibility(cohort=cohort)
    decisions = _decision_states(
        CertificationDecision.objects.filter(enrolment__cohort=cohort)
        .order_by("decided_at", "pk")
        .values("enrolment_id", "outcome", "motive", "decided_at", "certificate__id", "certificate__number")
    )
    scores = _rubric_scores(cohort)
    learners = (
        candidate_enrolments(cohort.pk)
        .order_by("learner__last_name", "learner__first_name", "learner__email", "pk")
        .values(
            "id", "learner__first_name", "learner__last_name", "learner__email", "learner__organisation__name"
        )
    )
    candidates = [
        Candidate(
            enrolment_id=row["id"],
            first_name=row["learner__first_name"],
            last_name=row["learner__last_name"],
            email=row["learner__email"],
            organisation=row["learner__organisation__name"] or "",
            eligibility=eligibility.get(row["id"]) or Eligibility(enrolment_id=row["id"]),
            rubric_scores=tuple(scores.get(row["id"], ())),
            decision=decisions.get(row["id"], DecisionState(state=PENDING)),
        )
        for row in learners
    ]
    return CohortQueue(
        cohort=cohort,
        candidates=tuple(c for c in candidates if _shown(c, show)),
        total=len(candidates),
        eligible=sum(1 for c in candidates if c.is_pending and c.eligibility.approvable),
        decided=sum(1 for c in candidates if not c.is_pending),
    )


def _shown(candidate: Candidate, show: str) -> bool:
    if show == SHOW_PENDING:
        return candidate.is_pending
    if show == SHOW_ELIGIBLE:
        return candidate.is_pending and candidate.eligibility.approvable
    return True


def _decision_states(rows) -> dict[int, DecisionState]:
    """{enrolment id: state} from decision rows in the order they were taken: the final decision if
    any, else the latest deferral."""
    states: dict[int, DecisionState] = {}
    for row in rows:
        current = states.get(row["enrolment_id"])
        if current is not None and current.is_final:
            continue
        states[row["enrolment_id"]] = DecisionState(
            state=DEFERRED if row["outcome"] == Outcome.DEFERRED else row["outcome"],
            decided_at=row["decided_at"],
            motive=row["motive"],
            certificate_id=row["certificate__id"],
            certificate_number=row["certificate__number"] or "",
        )
    return states


def _rubric_scores(cohort: Cohort) -> dict[int, list[RubricScore]]:
    """{enrolment id: published rubric scores}, the practical assessment first (1 query)."""
    rows = (
        Evaluation.objects.filter(enrolment__cohort=cohort, published_at__isnull=False)
        .order_by(PRACTICAL_FIRST, "session__half_day", "rubric__title", "pk")
        .values("enrolment_id", "rubric__title", "session__date", "score")
    )
    scores: dict[int, list[RubricScore]] = {}
    for row in rows:
        scores.setdefault(row["enrolment_id"], []).append(
            RubricScore(title=row["rubric__title"], session_date=row["session__date"], score=row["score"])
        )
    return scores


# --- One candidate ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateFile:
    enrolment: Enrolment
    eligibility: Eligibility
    opinion: OpinionRecord | None
    scores: tuple[EvaluationScore, ...]
    history: tuple[CertificationDecision, ...]
    decision: DecisionState
    certificate: Certificate | None


def candidate_enrolment(enrolment_id: int) -> Enrolment | None:
    """The enrolment with what the decision page prints (1 query)."""
    return (
        Enrolment.objects.select_related("cohort__programme", "learner__organisation")
        .filter(pk=enrolment_id)
        .first()
    )


def candidate_file(*, enrolment: Enrolment) -> CandidateFile:
    """Evidence and history of one candidate (``enrolment_eligibility`` and 2 queries)."""
    history = tuple(
        CertificationDecision.objects.filter(enrolment=enrolment)
        .select_related("decided_by", "certificate")
        .order_by("decided_at", "pk")
    )
    state = _decision_states(_row(decision) for decision in history).get(
        enrolment.pk, DecisionState(state=PENDING)
    )
    certificate = next((c for c in map(_certificate_of, history) if c is not None), None)
    return CandidateFile(
        enrolment=enrolment,
        eligibility=enrolment_eligibility(enrolment=enrolment),
        opinion=trainer_opinion_for(enrolment),
        scores=evaluation_scores(enrolment),
        history=history,
        decision=state,
        certificate=certificate,
    )


def _certificate_of(decision: CertificationDecision) -> Certificate | None:
    """The decision's certificate, from ``select_related`` (no query)."""
    return getattr(decision, "certificate", None)


def _row(decision: CertificationDecision) -> dict:
    certificate = _certificate_of(decision)
    return {
        "enrolment_id": decision.enrolment_id,
        "outcome": decision.outcome,
        "motive": decision.motive,
        "decided_at": decision.decided_at,
        "certificate__id": certificate.pk if certificate else None,
        "certificate__number": certificate.number if certificate else "",
    }
