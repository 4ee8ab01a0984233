"""Reads behind the programme pages. Each function runs a fixed number of queries, whatever the size."""

from dataclasses import dataclass

from wagtail.models import Page


@dataclass(frozen=True)
class ModuleSummary:
    page: Page
    lesson_count: int
    duration_minutes: int


@dataclass(frozen=True)
class ProgrammeOutline:
    modules: list[ModuleSummary]
    duration_minutes: int
    lesson_count: int


@dataclass(frozen=True)
class ModuleOutline:
    lessons: list[Page]
    duration_minutes: int


@dataclass(frozen=True)
class LessonPlace:
    breadcrumbs: list[Page]
    module: Page
    previous: Page | None
    next: Page | None
    position: int
    count: int


def _lesson_totals_by_module(ancestor: Page) -> dict[str, tuple[int, int]]:
    """{module path: (lesson count, total minutes)} for live lessons under ``ancestor`` (one query)."""
    from cms.models import LessonPage

    totals: dict[str, tuple[int, int]] = {}
    rows = LessonPage.objects.live().descendant_of(ancestor).values_list("path", "duration_minutes")
    for path, minutes in rows:
        parent_path = path[: -Page.steplen]
        count, total = totals.get(parent_path, (0, 0))
        totals[parent_path] = (count + 1, total + minutes)
    return totals


def programme_outline(*, programme: Page) -> ProgrammeOutline:
    """The programme's live modules in tree order, each with its lesson count and duration (2 queries)."""
    from cms.models import ModulePage

    totals = _lesson_totals_by_module(programme)
    modules = [
        ModuleSummary(
            page=module,
            lesson_count=totals.get(module.path, (0, 0))[0],
            duration_minutes=totals.get(module.path, (0, 0))[1],
        )
        for module in ModulePage.objects.live().child_of(programme).order_by("path")
    ]
    return ProgrammeOutline(
        modules=modules,
        duration_minutes=sum(m.duration_minutes for m in modules),
        lesson_count=sum(m.lesson_count for m in modules),
    )


def programme_cards(*, home: Page) -> list[tuple[Page, ProgrammeOutline]]:
    """Live programmes under the home page with their outline (1 + 2 queries per programme)."""
    from cms.models import ProgrammePage

    return [
        (programme, programme_outline(programme=programme))
        for programme in ProgrammePage.objects.live().child_of(home).order_by("path")
    ]


def module_outline(*, module: Page) -> ModuleOutline:
    """The module's live lessons in order and their total duration (1 query)."""
    from cms.models import LessonPage

    lessons = list(
        LessonPage.objects.live()
        .child_of(module)
        .order_by("path")
        .only("id", "title", "slug", "path", "depth", "url_path", "summary", "duration_minutes")
    )
    return ModuleOutline(lessons=lessons, duration_minutes=sum(x.duration_minutes for x in lessons))


def lesson_place(*, lesson: Page) -> LessonPlace:
    """Breadcrumbs, module and previous/next lessons of ``lesson`` (1 query for both)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from cms.models import LessonPage

    module_path = lesson.path[: -Page.steplen]
    ancestor_paths = [lesson.path[:end] for end in range(Page.steplen * 2, len(lesson.path), Page.steplen)]
    siblings_filter = Q(
        path__startswith=module_path,
        depth=lesson.depth,
        live=True,
        content_type=ContentType.objects.get_for_model(LessonPage),
    )
    pages = list(
        Page.objects.filter(Q(path__in=ancestor_paths) | siblings_filter)
        .order_by("path")
        .only("id", "title", "slug", "path", "depth", "url_path")
    )
    ancestors = [p for p in pages if p.depth < lesson.depth]
    siblings = [p for p in pages if p.depth == lesson.depth]
    return place_among(lesson=lesson, ancestors=ancestors, siblings=siblings)


def place_among(*, lesson: Page, ancestors: list[Page], siblings: list[Page]) -> LessonPlace:
    """The lesson's place from pages already read: its ancestors below the root, its live siblings.

    Lets a caller that has read the programme's pages anyway (the learner's progress) skip a query.
    """
    ids = [s.pk for s in siblings]
    index = ids.index(lesson.pk) if lesson.pk in ids else 0
    return LessonPlace(
        breadcrumbs=ancestors,
        module=ancestors[-1],
        previous=siblings[index - 1] if index > 0 else None,
        next=siblings[index + 1] if index + 1 < len(siblings) else None,
        position=index + 1,
        count=len(siblings),
    )
