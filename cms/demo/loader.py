"""Builds the demo page tree (home, programme, 8 modules and their lessons) from ``cms.demo.content``.

Pages are found by slug under their parent and created only when missing, so running the loader again
duplicates nothing and keeps what editors changed.
"""

from collections.abc import Iterator

from wagtail.models import Page, Site

from cms.demo import content
from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage

HOME = {
    "title": "Référent·e égalité de traitement",
    "slug": "accueil",
    "intro": (
        "<p>Le parcours de qualification de l'Union régionale pour l'habitat Hauts-de-France, "
        "conçu avec l'IREV, forme les professionnel·les des bailleurs sociaux, des collectivités "
        "et des services de l'État à la réforme des attributions et à la prévention des "
        "discriminations dans l'accès au logement social.</p>"
    ),
}


def _stream(blocks: list[tuple[str, object]]) -> list[dict]:
    return [{"type": block_type, "value": value} for block_type, value in blocks]


def _objectives(items: list[str]) -> list[dict]:
    return [{"type": "objective", "value": text} for text in items]


def _get_or_create(parent: Page, model, slug: str, build) -> tuple[Page, bool]:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing, False
    page = build()
    page.slug = slug
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _home() -> tuple[Page, bool]:
    root = Page.get_first_root_node()
    home, created = _get_or_create(
        root, HomePage, HOME["slug"], lambda: HomePage(title=HOME["title"], intro=HOME["intro"])
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name=HOME["title"]
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = HOME["title"]
        site.save()
    return home, created


def _programme(home: Page) -> tuple[Page, bool]:
    data = content.PROGRAMME
    return _get_or_create(
        home,
        ProgrammePage,
        data["slug"],
        lambda: ProgrammePage(
            title=data["title"],
            subtitle=data["subtitle"],
            intro=data["intro"],
            audience=data["audience"],
            objectives=_objectives(data["objectives"]),
        ),
    )


def _module(programme: Page, data: dict) -> tuple[Page, bool]:
    return _get_or_create(
        programme,
        ModulePage,
        data["slug"],
        lambda: ModulePage(
            title=data["title"],
            number=data["number"],
            intro=data["intro"],
            objectives=_objectives(data["objectives"]),
        ),
    )


def _lesson(module: Page, data: dict) -> tuple[Page, bool]:
    return _get_or_create(
        module,
        LessonPage,
        data["slug"],
        lambda: LessonPage(
            title=data["title"],
            summary=data["summary"],
            duration_minutes=data["duration_minutes"],
            body=_stream(data["body"]),
        ),
    )


def _report(page: Page, created: bool) -> str:
    return f"{'créée' if created else 'déjà présente'} : page « {page.title} »"


def load(*, password: str) -> Iterator[str]:
    """Create the demo pages that are missing; yields one line per page."""
    home, created = _home()
    yield _report(home, created)
    programme, created = _programme(home)
    yield _report(programme, created)
    for module_data in content.MODULES:
        module, created = _module(programme, module_data)
        yield _report(module, created)
        for lesson_data in module_data["lessons"]:
            yield _report(*_lesson(module, lesson_data))
