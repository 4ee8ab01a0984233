"""What a learner has done in a programme, read in a fixed number of queries."""

from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
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
class Requirement:
    """Something a module asks for besides its lessons (its quiz), given by another app's hook.

    ``met_by`` holds the ids of the enrolments that meet it.
    """

    module_id: int
    label: str
    url: str
    met_by: frozenset[int]


@dataclass(frozen=True)
class RequirementStatus:
    label: str
    url: str
    met: bool


# Apps register ``fn(*, module_ids, enrolments) -> Iterable[Requirement]`` under this Wagtail hook;
# ``enrolments`` is a list of ids or a queryset of ids. Each function runs a fixed number of queries.
REQUIREMENTS_HOOK = "courses_module_requirements"


def module_requirements(*, module_ids, enrolments) -> dict[int, list[Requirement]]:
    """{module id: its requirements} from every registered app (one query per app at most)."""
    result: dict[int, list[Requirement]] = {}
    if not module_ids:
        return result
    for fn in hooks.get_hooks(REQUIREMENTS_HOOK):
        for requirement in fn(module_ids=module_ids, enrolments=enrolments):
            result.setdefault(requirement.module_id, []).append(requirement)
    return result


@dataclass(frozen=True)
class NextStep:
    title: str
    page: Page | None = None
    url: str = ""


@dataclass(frozen=True)
class ModuleProgress:
    page: Page
    lessons: list[LessonStatus]
    state: ModuleState
    requirements: tuple[RequirementStatus, ...] = ()

    @property
    def lessons_done(self) -> bool:
        return bool(self.lessons) and all(lesson.completed for lesson in self.lessons)

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
    ancestors: tuple[Page, ...] = ()  # the programme and the pages above it, below the root

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
    def next_step(self) -> NextStep | None:
        """The first unfinished lesson, else the first unmet requirement, of the first open module."""
        for module in self.modules:
            if module.state not in (ModuleState.NOT_STARTED, ModuleState.IN_PROGRESS):
                continue
            for lesson in module.lessons:
                if not lesson.completed:
                    return NextStep(title=lesson.page.title, page=lesson.page)
            for requirement in module.requirements:
                if not requirement.met:
                    return NextStep(title=requirement.label, url=requirement.url)
        return None

    def module(self, module_id: int) -> ModuleProgress | None:
        return next((m for m in self.modules if m.page.pk == module_id), None)

    def lesson(self, lesson_id: int) -> tuple[ModuleProgress, LessonStatus] | tuple[None, None]:
        for module in self.modules:
            for lesson in module.lessons:
                if lesson.page.pk == lesson_id:
                    return module, lesson
        return None, None


def module_state(*, completed: int, started: int, total: int, requirements_met: bool = True) -> ModuleState:
    """The one completion rule, shared by the learner's pages and the cohort matrix.

    A module is complete when every one of its live lessons is completed and every requirement of
    another app (its quiz, passed) is met; a module without live lessons is never complete.
    """
    if total and completed >= total and requirements_met:
        return ModuleState.COMPLETED
    if started:
        return ModuleState.IN_PROGRESS
    return ModuleState.NOT_STARTED


PROGRAMME_DEPTH = 3  # root (1) -> home (2) -> programme (3) -> module (4) -> lesson (5)


def reading_enrolment(*, user, page: Page) -> Enrolment | None:
    """The enrolment that lets ``user`` read the programme containing ``page``, if any (1 query).

    The programme is found from the page's tree path, so no query is spent on finding it first.
    """
    if not user.is_authenticated or page.depth < PROGRAMME_DEPTH:
        return None
    return (
        Enrolment.objects.select_related("cohort__programme")
        .filter(
            learner=user,
            status__in=READING_STATUSES,
            cohort__programme__path=page.path[: Page.steplen * PROGRAMME_DEPTH],
            cohort__starts_on__lte=timezone.localdate(),
        )
        .order_by("-cohort__starts_on")
        .first()
    )


def programme_progress(*, enrolment: Enrolment) -> ProgrammeProgress:
    """Modules, lessons, this learner's progress and requirements (2 queries + 1 per requirement app).

    Modules and lessons come in one tree query as plain pages (title and URL are all we show).
    """
    from cms.models import LessonPage, ModulePage

    programme = enrolment.cohort.programme
    types = ContentType.objects.get_for_models(ModulePage, LessonPage)
    # The programme and the pages above it (below the root) come in the same query, for breadcrumbs.
    above = [programme.path[:end] for end in range(Page.steplen * 2, len(programme.path) + 1, Page.steplen)]
    in_programme = Q(
        live=True,
        path__startswith=programme.path,
        depth__gt=programme.depth,
        depth__lte=programme.depth + 2,
        content_type__in=types.values(),
    )
    pages = (
        Page.objects.filter(in_programme | Q(path__in=above))
        .order_by("path")
        .only("id", "title", "slug", "path", "depth", "url_path", "content_type_id")
    )
    rows = LessonProgress.objects.filter(enrolment=enrolment).values_list("lesson_id", "completed_at")
    done = {lesson_id: completed is not None for lesson_id, completed in rows}
    modules, by_module, ancestors = [], {}, []
    for page in pages:
        if page.depth <= programme.depth:
            ancestors.append(page)
        elif page.content_type_id == types[ModulePage].pk:
            modules.append(page)
            by_module[page.path] = []
        elif page.path[: -Page.steplen] in by_module:
            status = LessonStatus(page=page, started=page.pk in done, completed=done.get(page.pk, False))
            by_module[page.path[: -Page.steplen]].append(status)
    requirements = module_requirements(module_ids=[m.pk for m in modules], enrolments=[enrolment.pk])
    statuses = {
        module_id: tuple(RequirementStatus(r.label, r.url, enrolment.pk in r.met_by) for r in items)
        for module_id, items in requirements.items()
    }
    return ProgrammeProgress(
        enrolment=enrolment,
        modules=_with_states(programme, modules, by_module, statuses),
        ancestors=tuple(ancestors),
    )


def _with_states(programme, modules, by_module, requirements) -> list[ModuleProgress]:
    sequential = getattr(programme, "sequential_modules", False)
    result, previous_complete = [], True
    for module in modules:
        lessons = by_module.get(module.path, [])
        module_requirements = requirements.get(module.pk, ())
        if sequential and not previous_complete:
            state = ModuleState.LOCKED
        else:
            state = module_state(
                completed=sum(1 for x in lessons if x.completed),
                started=sum(1 for x in lessons if x.started),
                total=len(lessons),
                requirements_met=all(r.met for r in module_requirements),
            )
        result.append(
            ModuleProgress(page=module, lessons=lessons, state=state, requirements=module_requirements)
        )
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
