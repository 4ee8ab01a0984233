"""What the dashboard's filters select: cohorts, their programmes, and the enrolments of the learners
kept by the organisation and département filters.

The period selects cohorts whose dates overlap it; ``in_period`` narrows the dated things (sessions
held, certificates issued) to the period itself.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from courses.models import Cohort, Enrolment

# The learners progress, attendance, quizzes and eligibility are about: in training or finished.
COUNTED = (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)


@dataclass(frozen=True)
class DashboardFilters:
    programme: int | None = None
    cohort: int | None = None
    organisation: int | None = None
    departement: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None


@dataclass(frozen=True)
class Scope:
    filters: DashboardFilters
    cohorts: dict[int, dict]  # id, name, programme_id, starts_on, ends_on
    programmes: dict[int, object]  # ProgrammePage: title, path, depth, excused_absences_neutral
    enrolments: QuerySet  # every status; never evaluated as a whole, only aggregated or a subquery

    @property
    def counted_enrolments(self) -> QuerySet:
        return self.enrolments.filter(status__in=COUNTED)

    def excused_neutral(self, cohort_id: int) -> bool:
        """Whether the cohort's programme leaves excused absences out of the attendance rate."""
        return self.programmes[self.cohorts[cohort_id]["programme_id"]].excused_absences_neutral


def scope_for(filters: DashboardFilters) -> Scope | None:
    """The scope of ``filters`` (2 queries), or None when no cohort is in it."""
    from cms.models import ProgrammePage

    cohorts = {
        row["id"]: row
        for row in Cohort.objects.filter(cohort_scope(filters)).values(
            "id", "name", "programme_id", "starts_on", "ends_on"
        )
    }
    if not cohorts:
        return None
    pages = ProgrammePage.objects.filter(pk__in={c["programme_id"] for c in cohorts.values()}).only(
        "id", "title", "path", "depth", "excused_absences_neutral"
    )
    enrolments = Enrolment.objects.filter(cohort_scope(filters, "cohort__"), learner_scope(filters))
    return Scope(filters, cohorts, {page.pk: page for page in pages}, enrolments)


def cohort_scope(filters: DashboardFilters, prefix: str = "") -> Q:
    """The cohorts of the programme and cohort chosen whose dates overlap the period."""
    scope = Q()
    if filters.programme is not None:
        scope &= Q(**{f"{prefix}programme_id": filters.programme})
    if filters.cohort is not None:
        scope &= Q(**{f"{prefix}id": filters.cohort})
    if filters.end is not None:
        scope &= Q(**{f"{prefix}starts_on__lte": filters.end})
    if filters.start is not None:
        scope &= Q(**{f"{prefix}ends_on__gte": filters.start})
    return scope


def learner_scope(filters: DashboardFilters) -> Q:
    scope = Q()
    if filters.organisation is not None:
        scope &= Q(learner__organisation_id=filters.organisation)
    if filters.departement:
        scope &= Q(learner__organisation__departement=filters.departement)
    return scope


def in_period(filters: DashboardFilters, lookup: str) -> Q:
    """``lookup`` (a date) within the period's bounds, each optional."""
    period = Q()
    if filters.start is not None:
        period &= Q(**{f"{lookup}__gte": filters.start})
    if filters.end is not None:
        period &= Q(**{f"{lookup}__lte": filters.end})
    return period
