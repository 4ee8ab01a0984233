"""factory_boy factories shared by the test suite."""

from tests.factories.accounts import UserFactory
from tests.factories.pages import (
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    ProgrammePageFactory,
)

__all__ = [
    "HomePageFactory",
    "LessonPageFactory",
    "ModulePageFactory",
    "ProgrammePageFactory",
    "UserFactory",
]
