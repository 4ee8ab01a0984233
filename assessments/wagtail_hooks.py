"""Wagtail hooks of the assessments app: the quiz snippet and the quiz as a module requirement."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from assessments.admin_viewsets import QuizViewSet
from assessments.selectors.learner import module_quiz_requirements
from courses.selectors.progress import REQUIREMENTS_HOOK

register_snippet(QuizViewSet)
hooks.register(REQUIREMENTS_HOOK, module_quiz_requirements)
