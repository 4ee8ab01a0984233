"""factory_boy factories shared by the test suite."""

from tests.factories.accounts import UserFactory
from tests.factories.assessments import QuizFactory
from tests.factories.courses import (
    CohortFactory,
    EnrolmentFactory,
    LessonProgressFactory,
    OrganisationFactory,
    with_role,
)
from tests.factories.pages import (
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
)

__all__ = [
    "CohortFactory",
    "EnrolmentFactory",
    "HomePageFactory",
    "LessonPageFactory",
    "LessonProgressFactory",
    "ModulePageFactory",
    "OrganisationFactory",
    "ProgrammePageFactory",
    "QuizFactory",
    "UserFactory",
    "with_role",
]
