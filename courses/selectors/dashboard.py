"""The "Mon parcours" page: each enrolment with its progress, and the cohorts a staff member runs."""

from wagtail import hooks

from courses.models import Cohort, Enrolment
from courses.permissions import cohorts_visible_to, user_can_manage_cohorts
from courses.selectors.progress import learner_enrolments, programme_progress
from lms.accounts import roles

# Apps add to "Mon parcours" with ``fn(*, user, journeys) -> dict`` registered under this Wagtail hook
# (a fixed number of queries each); ``courses`` never imports them.
DASHBOARD_HOOK = "courses_dashboard_context"


def dashboard_for(*, user) -> dict:
    """Context of the learner's home: progress per readable enrolment (1 + 3 per enrolment queries)."""
    enrolments = learner_enrolments(user=user)
    journeys = [
        programme_progress(enrolment=e)
        for e in enrolments
        if e.status in (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)
    ]
    pending = [e for e in enrolments if e.status == Enrolment.Status.INVITED]
    context = {
        "journeys": journeys,
        "pending": pending,
        "cohorts": _cohorts_run_by(user),
        "can_manage": user_can_manage_cohorts(user),
    }
    for fn in hooks.get_hooks(DASHBOARD_HOOK):
        context.update(fn(user=user, journeys=journeys))
    return context


def _cohorts_run_by(user) -> list[Cohort]:
    if not roles.is_staff_member(user):
        return []
    return list(
        cohorts_visible_to(user, Cohort.objects.select_related("programme").order_by("-starts_on"))[:50]
    )
