"""Wagtail hooks of the assessments app: the quiz and rubric snippets, the quiz as a module requirement."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from assessments.admin_viewsets import QuizViewSet
from assessments.rubric_admin import RubricViewSet
from assessments.selectors.learner import module_quiz_requirements
from courses.selectors.dashboard import DASHBOARD_HOOK
from courses.selectors.progress import REQUIREMENTS_HOOK

register_snippet(QuizViewSet)
register_snippet(RubricViewSet)
hooks.register(REQUIREMENTS_HOOK, module_quiz_requirements)


@hooks.register(DASHBOARD_HOOK)
def upcoming_sessions_on_the_dashboard(*, user, journeys) -> dict:
    """The next three sessions of each journey's cohort, for "Mon parcours" (1 query, 0 without)."""
    from assessments.selectors.sessions import upcoming_by_cohort

    cohort_ids = [journey.enrolment.cohort_id for journey in journeys]
    return {"upcoming_sessions": upcoming_by_cohort(cohort_ids=cohort_ids) if cohort_ids else {}}
