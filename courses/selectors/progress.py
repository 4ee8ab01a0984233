"""What a learner has done in a programme, read in a fixed number of queries."""

from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.models import Enrolment, LessonProgress

# Enrolment statuses that give access to the programme's lessons once the cohort has started.
READING_STATUSES = (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)


class ModuleState(StrEnum):
    LOCKED = "locked"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


STATE_LABELS = {
    ModuleState.LOCKED: _("verrouillé"),
    ModuleState.NOT_STARTED: _("non commencé"),
    ModuleState.IN_PROGRESS: _("en cours"),
    ModuleState.COMPLETED: _("terminé"),
}


@dataclass(frozen=True)
class LessonStatus:
    page: Page
    started: bool
    completed: bool


@dataclass(frozen=True)
class ModuleProgress:
    page: Page
    lessons: list[LessonStatus]
    state: ModuleState

    @property
    def completed_count(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.completed)

    @property
    def percent(self) -> int:
        return round(100 * self.completed_count / len(self.lessons)) if self.lessons else 0

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class ProgrammeProgress:
    enrolment: Enrolment
    modules: list[ModuleProgress] = field(default_factory=list)

    @property
    def lesson_count(self) -> int:
        return sum(len(m.lessons) for m in self.modules)

    @property
    def completed_count(self) -> int:
        return sum(m.completed_count for m in self.modules)

    @property
    def percent(self) -> int:
        return round(100 * self.completed_count / self.lesson_count) if self.lesson_count else 0

    @property
    def next_lesson(self) -> Page | None:
        """The first unfinished lesson of the first module that is open and not complete."""
        for module in self.modules:
            if module.state in (ModuleState.NOT_STARTED, ModuleState.IN_PROGRESS):
                return next(lesson.page for lesson in module.lessons if not lesson.completed)
        return None

    def module(self, module_id: int) -> ModuleProgress | None:
        return next((m for m in self.modules if m.page.pk == module_id), None)

    def lesson(self, lesson_id: int) -> tuple[ModuleProgress, LessonStatus] | tuple[None, None]:
        for module in self.modules:
            for lesson in module.lessons:
                if lesson.page.pk == lesson_id:
                    return module, lesson
        return None, None


def module_state(*, completed: int, started: int, total: int) -> ModuleState:
    """The one completion rule, shared by the learner's pages and the cohort matrix.

    A module is complete when every one of its live lessons is completed; a module without live
    lessons is never complete. When quizzes exist, passing the module's quiz joins this condition.
    """
    if total and completed >= total:
        return ModuleState.COMPLETED
    if started:
        return ModuleState.IN_PROGRESS
    return ModuleState.NOT_STARTED


def reading_enrolment(*, user, programme_id: int) -> Enrolment | None:
    """The enrolment that lets ``user`` read this programme's lessons, if any (1 query)."""
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.select_related("cohort__programme")
        .filter(
            learner=user,
            status__in=READING_STATUSES,
            cohort__programme_id=programme_id,
            cohort__starts_on__lte=timezone.localdate(),
        )
        .order_by("-cohort__starts_on")
        .first()
    )


def programme_progress(*, enrolment: Enrolment) -> ProgrammeProgress:
    """Modules, lessons and this learner's progress in the enrolment's programme (3 queries)."""
    from cms.models import LessonPage, ModulePage

    programme = enrolment.cohort.programme
    modules = list(
        ModulePage.objects.live().child_of(programme).order_by("path").only(*_PAGE_FIELDS, "number")
    )
    lessons = (
        LessonPage.objects.live()
        .descendant_of(programme)
        .order_by("path")
        .only(*_PAGE_FIELDS, "duration_minutes")
    )
    rows = LessonProgress.objects.filter(enrolment=enrolment).values_list("lesson_id", "completed_at")
    done = {lesson_id: completed is not None for lesson_id, completed in rows}
    by_module: dict[str, list[LessonStatus]] = {m.path: [] for m in modules}
    for lesson in lessons:
        status = LessonStatus(page=lesson, started=lesson.pk in done, completed=done.get(lesson.pk, False))
        by_module.setdefault(lesson.path[: -Page.steplen], []).append(status)
    return ProgrammeProgress(enrolment=enrolment, modules=_with_states(programme, modules, by_module))


_PAGE_FIELDS = ("id", "title", "slug", "path", "depth", "url_path")


def _with_states(programme, modules, by_module) -> list[ModuleProgress]:
    sequential = getattr(programme, "sequential_modules", False)
    result, previous_complete = [], True
    for module in modules:
        lessons = by_module.get(module.path, [])
        if sequential and not previous_complete:
            state = ModuleState.LOCKED
        else:
            state = module_state(
                completed=sum(1 for x in lessons if x.completed),
                started=sum(1 for x in lessons if x.started),
                total=len(lessons),
            )
        result.append(ModuleProgress(page=module, lessons=lessons, state=state))
        previous_complete = state == ModuleState.COMPLETED
    return result


def learner_enrolments(*, user) -> list[Enrolment]:
    """The learner's enrolments, most recent cohort first, with cohort and programme (1 query)."""
    return list(
        Enrolment.objects.select_related("cohort__programme")
        .filter(learner=user)
        .exclude(Q(status=Enrolment.Status.WITHDRAWN))
        .order_by("-cohort__starts_on")
    )
