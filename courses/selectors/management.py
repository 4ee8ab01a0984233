"""Reads behind the managers' cohort pages, in a fixed number of queries whatever the cohort's size."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from courses.models import Cohort, Enrolment, Invitation
from courses.services.enrolment import seats_left

DEFAULT_LANGUAGE = "fr"


@dataclass(frozen=True)
class CohortOverview:
    cohort: Cohort
    enrolments: list[Enrolment]
    seats_left: int

    @property
    def seats_used(self) -> int:
        return self.cohort.capacity - self.seats_left


def managed_cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.select_related("programme")


def cohort_overview(*, cohort: Cohort) -> CohortOverview:
    """The cohort's enrolments with learner, organisation and pending invitation: 3 queries."""
    pending = Invitation.objects.filter(used_at__isnull=True, revoked_at__isnull=True).order_by("-created_at")
    enrolments = (
        cohort.enrolments.select_related("learner__organisation")
        .prefetch_related(Prefetch("invitations", queryset=pending, to_attr="pending_invitations"))
        .order_by("learner__last_name", "learner__first_name", "learner__email")
    )
    return CohortOverview(cohort=cohort, enrolments=list(enrolments), seats_left=seats_left(cohort))


def last_invitation_language(*, enrolment: Enrolment) -> str:
    """A resent invitation keeps the language the learner was first written to in."""
    language = enrolment.invitations.order_by("-created_at").values_list("language", flat=True).first()
    return language or DEFAULT_LANGUAGE
