"""Imports the curriculum files into the page tree without ever silently overwriting an edit.

For every page the import remembers the hash of what it wrote and the revision it published. On the
next import a page is created when missing, left alone when its data did not change, updated when it
changed and nobody edited the page since, and otherwise skipped with a message (``force`` overwrites).
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms import curriculum
from cms.models import ImportRecord, LessonPage, ModulePage, ProgrammePage


@dataclass(frozen=True)
class Outcome:
    page: Page
    action: str  # created | updated | unchanged | kept


def _stream(blocks: list) -> list[dict]:
    return [{"type": block_type, "value": value} for block_type, value in blocks]


def _objectives(items: list[str]) -> list[dict]:
    return [{"type": "objective", "value": text} for text in items]


def _programme_fields(data: dict) -> dict:
    return {
        "title": data["title"],
        "subtitle": data["subtitle"],
        "intro": data["intro"],
        "audience": data["audience"],
        "objectives": _objectives(data["objectives"]),
    }


def _module_fields(data: dict) -> dict:
    return {
        "title": data["title"],
        "number": data["number"],
        "intro": data["intro"],
        "objectives": _objectives(data["objectives"]),
        "sources": data.get("sources", ""),
        "last_reviewed": data.get("last_reviewed"),
    }


def _lesson_fields(data: dict) -> dict:
    return {
        "title": data["title"],
        "summary": data["summary"],
        "duration_minutes": data["duration_minutes"],
        "body": _stream(data["body"]),
    }


def _hash(fields: dict) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def upsert_page(*, parent: Page, model, slug: str, fields: dict, force: bool = False) -> Outcome:
    digest = _hash(fields)
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        return Outcome(page, _publish(page, digest, "created"))
    record = ImportRecord.objects.filter(page=page).first()
    if record is not None and record.content_hash == digest and not force:
        return Outcome(page, "unchanged")
    edited = record is None or page.latest_revision_id != record.revision_id
    if edited and not force:
        return Outcome(page, "kept")
    for name, value in fields.items():
        setattr(page, name, value)
    return Outcome(page, _publish(page, digest, "updated"))


def _publish(page: Page, digest: str, action: str) -> str:
    revision = page.save_revision()
    revision.publish()
    ImportRecord.objects.update_or_create(
        page=page, defaults={"content_hash": digest, "revision_id": revision.pk}
    )
    return action


def import_curriculum(*, home: Page, force: bool = False) -> Iterator[Outcome]:
    """Import the programme, its modules and lessons under ``home``; yields one outcome per page."""
    data = curriculum.programme()
    programme = upsert_page(
        parent=home, model=ProgrammePage, slug=data["slug"], fields=_programme_fields(data), force=force
    )
    yield programme
    for module_data in curriculum.modules():
        module = upsert_page(
            parent=programme.page,
            model=ModulePage,
            slug=module_data["slug"],
            fields=_module_fields(module_data),
            force=force,
        )
        yield module
        for lesson_data in module_data["lessons"]:
            yield upsert_page(
                parent=module.page,
                model=LessonPage,
                slug=lesson_data["slug"],
                fields=_lesson_fields(lesson_data),
                force=force,
            )


MESSAGES = {
    "created": _("créée"),
    "updated": _("mise à jour"),
    "unchanged": _("inchangée"),
    "kept": _("modifiée dans Wagtail depuis l'import : non écrasée (--force pour remplacer)"),
}


def describe(outcome: Outcome) -> str:
    return f"{MESSAGES[outcome.action]} : page « {outcome.page.title} »"
