"""Page types of the programme: HomePage -> ProgrammePage -> ModulePage -> LessonPage."""

from cms.models.imports import ImportRecord
from cms.models.pages import HomePage, LessonPage, ModulePage, ProgrammePage

__all__ = ["HomePage", "ImportRecord", "LessonPage", "ModulePage", "ProgrammePage"]
