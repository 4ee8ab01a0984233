"""The cohort progress matrix: learners x live modules, read in a fixed number of queries.

Trainers, certifiers and managers read it as a page and as a CSV export; both come from
``cohort_progress_matrix``, which never runs one query per learner or per module.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from courses.models import Cohort, Enrolment, LessonProgress
from courses.permissions import cohorts_visible_to
from courses.selectors.progress import STATE_LABELS, ModuleState, module_requirements, module_state

# A search is split on spaces; each word must match. A cap keeps the SQL small whatever is typed.
MAX_SEARCH_WORDS = 5


@dataclass(frozen=True)
class ModuleColumn:
    id: int
    path: str
    number: int
    title: str
    lesson_count: int

    @property
    def label(self) -> str:
        return f"M{self.number}"


@dataclass(frozen=True)
class Cell:
    completed: int
    total: int
    state: ModuleState

    @property
    def state_label(self):
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class MatrixRow:
    enrolment_id: int
    first_name: str
    last_name: str
    email: str
    organisation: str
    status: str
    cells: tuple[Cell, ...]

    @property
    def status_label(self):
        return Enrolment.Status(self.status).label

    @property
    def completed(self) -> int:
        return sum(cell.completed for cell in self.cells)

    @property
    def percent(self) -> int:
        """Rounded down, so that 100 % means every lesson is done."""
        total = sum(cell.total for cell in self.cells)
        return self.completed * 100 // total if total else 0


@dataclass(frozen=True)
class Matrix:
    cohort: Cohort
    modules: tuple[ModuleColumn, ...]
    rows: tuple[MatrixRow, ...]

    @property
    def lesson_count(self) -> int:
        return sum(module.lesson_count for module in self.modules)


def cohort_progress_matrix(
    *, cohort: Cohort, status: str | None = None, organisation_id: int | None = None, search: str = ""
) -> Matrix:
    """The cohort's (filtered) learners against the programme's live modules (4 queries + 1 per
    requirement app).

    Expects ``cohort.programme`` already loaded (``select_related("programme")``), as the views do.
    """
    programme = cohort.programme
    totals = _lesson_totals(programme)
    columns = tuple(
        ModuleColumn(lesson_count=totals.get(module["path"], 0), **module)
        for module in _module_rows(programme)
    )
    enrolments = _enrolments(cohort, status=status, organisation_id=organisation_id, search=search)
    counts = _progress_counts(programme, enrolments)
    requirements = module_requirements(
        module_ids=[column.id for column in columns], enrolments=enrolments.values("pk")
    )
    # values(): one joined query for learner and organisation, without building thousands of instances.
    learners = enrolments.values(
        "id",
        "status",
        "learner__first_name",
        "learner__last_name",
        "learner__email",
        "learner__organisation__name",
    )
    return Matrix(
        cohort=cohort, modules=columns, rows=tuple(_row(e, columns, counts, requirements) for e in learners)
    )


def _counted_lessons(programme: Page) -> QuerySet:
    """The lessons that count towards progress: live lessons of the programme."""
    from cms.models import LessonPage

    return LessonPage.objects.live().descendant_of(programme)


def _module_rows(programme: Page) -> list[dict]:
    from cms.models import ModulePage

    return list(
        ModulePage.objects.live().child_of(programme).order_by("path").values("id", "path", "number", "title")
    )


def _lesson_totals(programme: Page) -> dict[str, int]:
    """{module path: number of counted lessons} (1 query, paths only: never the lesson bodies)."""
    totals: dict[str, int] = {}
    for path in _counted_lessons(programme).order_by().values_list("path", flat=True):
        parent_path = path[: -Page.steplen]
        totals[parent_path] = totals.get(parent_path, 0) + 1
    return totals


def _enrolments(cohort: Cohort, *, status, organisation_id, search) -> QuerySet:
    enrolments = Enrolment.objects.filter(cohort=cohort)
    if status:
        enrolments = enrolments.filter(status=status)
    if organisation_id is not None:
        enrolments = enrolments.filter(learner__organisation_id=organisation_id)
    for word in search.split()[:MAX_SEARCH_WORDS]:
        enrolments = enrolments.filter(
            Q(learner__first_name__icontains=word)
            | Q(learner__last_name__icontains=word)
            | Q(learner__email__icontains=word)
        )
    return enrolments.order_by("learner__last_name", "learner__first_name", "learner__email")


def _progress_counts(programme: Page, enrolments: QuerySet) -> dict[tuple[int, str], tuple[int, int]]:
    """{(enrolment id, module path): (lessons started, lessons completed)} in one aggregate query.

    The enrolments and the counted lessons are subqueries, so the size of the cohort never changes
    the number of queries nor the number of SQL parameters.
    """
    module_path_length = len(programme.path) + Page.steplen
    rows = (
        LessonProgress.objects.filter(
            enrolment__in=enrolments.values("pk"),
            lesson_id__in=_counted_lessons(programme).values("pk"),
        )
        .annotate(module_path=Substr("lesson__path", 1, module_path_length))
        .values("enrolment_id", "module_path")
        .annotate(started=Count("id"), completed=Count("id", filter=Q(completed_at__isnull=False)))
        .order_by()
    )
    return {(r["enrolment_id"], r["module_path"]): (r["started"], r["completed"]) for r in rows}


def _row(enrolment: dict, columns: tuple[ModuleColumn, ...], counts, requirements) -> MatrixRow:
    cells = []
    for column in columns:
        started, completed = counts.get((enrolment["id"], column.path), (0, 0))
        met = all(enrolment["id"] in r.met_by for r in requirements.get(column.id, ()))
        state = module_state(
            completed=completed, started=started, total=column.lesson_count, requirements_met=met
        )
        cells.append(Cell(completed=completed, total=column.lesson_count, state=state))
    return MatrixRow(
        enrolment_id=enrolment["id"],
        first_name=enrolment["learner__first_name"],
        last_name=enrolment["learner__last_name"],
        email=enrolment["learner__email"],
        organisation=enrolment["learner__organisation__name"] or "",
        status=enrolment["status"],
        cells=tuple(cells),
    )


def cohort_organisations(*, cohort: Cohort) -> list[tuple[int, str]]:
    """(id, name) of the organisations of the cohort's learners, for the filter (1 query)."""
    from lms.accounts.models import Organisation

    return list(
        Organisation.objects.filter(members__enrolments__cohort=cohort)
        .distinct()
        .order_by("name")
        .values_list("id", "name")
    )


def viewable_cohorts(*, user) -> QuerySet:
    """The cohorts ``user`` may open, mirroring ``user_can_view_cohort``, with their size (1 query)."""
    cohorts = (
        Cohort.objects.select_related("programme")
        .annotate(learner_count=Count("enrolments", distinct=True))
        .order_by("-starts_on", "name")
    )
    return cohorts_visible_to(user, cohorts)


# --- Several programmes at once (the URH dashboard, eligibility across cohorts) ---------------------------


@dataclass(frozen=True)
class ProgrammeModules:
    """A programme's live modules and the ids of its counted lessons: the live lessons of those modules,
    the ones ``cohort_progress_matrix`` counts."""

    programme_id: int
    modules: tuple[ModuleColumn, ...]
    lesson_ids: frozenset[int]

    @property
    def lesson_count(self) -> int:
        return sum(module.lesson_count for module in self.modules)


def programme_modules(*, programmes) -> dict[int, ProgrammeModules]:
    """{programme id: its modules and counted lessons} for pages with ``pk``, ``path`` and ``depth``
    (2 queries whatever the number of programmes; their paths go into the SQL, their lessons never)."""
    from cms.models import LessonPage, ModulePage

    programmes = list(programmes)
    if not programmes:
        return {}
    under = Q()
    for programme in programmes:
        under |= Q(path__startswith=programme.path, depth__gt=programme.depth)
    modules = (
        ModulePage.objects.live()
        .filter(under)
        .order_by("path")
        .values("id", "path", "depth", "number", "title")
    )
    lessons = LessonPage.objects.live().filter(under).order_by().values_list("id", "path")
    by_module: dict[str, list[int]] = {}
    for lesson_id, path in lessons:
        by_module.setdefault(path[: -Page.steplen], []).append(lesson_id)
    result = {}
    for programme in programmes:
        columns = tuple(
            ModuleColumn(
                id=module["id"],
                path=module["path"],
                number=module["number"],
                title=module["title"],
                lesson_count=len(by_module.get(module["path"], ())),
            )
            for module in modules
            if module["path"].startswith(programme.path) and module["depth"] == programme.depth + 1
        )
        lesson_ids = frozenset(i for column in columns for i in by_module.get(column.path, ()))
        result[programme.pk] = ProgrammeModules(programme.pk, columns, lesson_ids)
    return result


@dataclass(frozen=True)
class ModuleCompletion:
    """Completed lessons per (enrolment, module) and the modules' other requirements, for enrolments of
    any programmes; ``completed_modules`` applies ``module_state``, the matrix's rule."""

    programmes: dict[int, ProgrammeModules]
    counts: dict[tuple[int, str], tuple[int, int]]  # (enrolment id, module path): (started, completed)
    requirements: dict[int, list]

    def completed_modules(self, enrolment_id: int, programme_id: int) -> tuple[int, int]:
        """(modules completed, live modules) of one enrolment of ``programme_id``."""
        programme = self.programmes.get(programme_id)
        if programme is None:
            return 0, 0
        completed = 0
        for column in programme.modules:
            started, done = self.counts.get((enrolment_id, column.path), (0, 0))
            met = all(enrolment_id in r.met_by for r in self.requirements.get(column.id, ()))
            state = module_state(
                completed=done, started=started, total=column.lesson_count, requirements_met=met
            )
            completed += state == ModuleState.COMPLETED
        return completed, len(programme.modules)


def module_completion(*, enrolments: QuerySet, programmes: dict[int, ProgrammeModules]) -> ModuleCompletion:
    """Module completion of ``enrolments`` (a queryset of ``pk``, kept a subquery) against the
    ``programme_modules`` given (1 query + 1 or 2 per requirement app)."""
    lesson_ids = [i for programme in programmes.values() for i in programme.lesson_ids]
    module_ids = [column.id for programme in programmes.values() for column in programme.modules]
    rows = (
        LessonProgress.objects.filter(enrolment__in=enrolments, lesson_id__in=lesson_ids)
        .annotate(module_path=Substr("lesson__path", 1, Length("lesson__path") - Page.steplen))
        .values("enrolment_id", "module_path")
        .annotate(started=Count("id"), completed=Count("id", filter=Q(completed_at__isnull=False)))
        .order_by()
    )
    counts = {(r["enrolment_id"], r["module_path"]): (r["started"], r["completed"]) for r in rows}
    requirements = module_requirements(module_ids=module_ids, enrolments=enrolments)
    return ModuleCompletion(programmes=programmes, counts=counts, requirements=requirements)
