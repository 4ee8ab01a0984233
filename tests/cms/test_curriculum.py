"""The curriculum files and their import: every module complete, re-imports never overwrite edits."""

import html
import re

import pytest
from django.core.management import call_command
from django.test import Client

from cms import curriculum
from cms.blocks import LessonBodyBlock
from cms.demo.loader import home_page
from cms.importer import import_curriculum, upsert_page
from cms.models import ImportRecord, LessonPage, ModulePage

MIN_WORDS = 300


def _words(value) -> int:
    if isinstance(value, dict):
        return sum(_words(v) for v in value.values())
    if isinstance(value, list):
        return sum(_words(v) for v in value)
    if isinstance(value, str):
        return len(re.sub(r"<[^>]+>", " ", html.unescape(value)).split())
    return 0


@pytest.mark.parametrize("module", curriculum.modules(), ids=lambda m: f"M{m['number']}")
def test_every_module_is_complete_and_every_lesson_is_substantial(module):
    assert module["objectives"] and module["intro"] and module["sources"] and module["last_reviewed"]
    lessons = module["lessons"]
    assert 3 <= len(lessons) <= 5
    assert len({lesson["slug"] for lesson in lessons}) == len(lessons)
    block = LessonBodyBlock()
    for lesson in lessons:
        assert _words(lesson["body"]) >= MIN_WORDS, lesson["slug"]
        value = block.to_python([{"type": t, "value": v} for t, v in lesson["body"]])
        block.clean(value)
        for child in value:
            assert str(child.render()).strip(), (lesson["slug"], child.block_type)


def test_modules_are_numbered_in_order():
    assert [m["number"] for m in curriculum.modules()] == list(range(1, 9))


@pytest.mark.django_db
def test_import_is_idempotent_and_keeps_edits_made_in_wagtail():
    home, _created = home_page()
    first = list(import_curriculum(home=home))
    assert {o.action for o in first} == {"created"}
    assert {o.action for o in import_curriculum(home=home)} == {"unchanged"}

    lesson = LessonPage.objects.get(slug=curriculum.modules()[0]["lessons"][0]["slug"])
    lesson.title = "Titre corrigé par l'URH"
    lesson.save_revision().publish()
    outcomes = {o.page.pk: o.action for o in import_curriculum(home=home, force=False)}
    assert outcomes[lesson.pk] == "unchanged"  # the file did not change: nothing to do

    # The file changes for that page: the edit made in Wagtail wins, and the import says so.
    module = ModulePage.objects.get(slug=curriculum.modules()[0]["slug"])
    changed = {"title": "Nouveau titre du fichier", "summary": "", "duration_minutes": 15, "body": []}
    assert upsert_page(parent=module, model=LessonPage, slug=lesson.slug, fields=changed).action == "kept"
    lesson.refresh_from_db()
    assert lesson.title == "Titre corrigé par l'URH"
    forced = upsert_page(parent=module, model=LessonPage, slug=lesson.slug, fields=changed, force=True)
    assert forced.action == "updated"
    lesson.refresh_from_db()
    assert lesson.title == "Nouveau titre du fichier"


@pytest.mark.django_db
def test_a_changed_file_updates_a_page_nobody_edited():
    home, _created = home_page()
    list(import_curriculum(home=home))
    module = ModulePage.objects.get(slug=curriculum.modules()[1]["slug"])
    slug = curriculum.modules()[1]["lessons"][0]["slug"]
    fields = {"title": "Version 2 du fichier", "summary": "Résumé", "duration_minutes": 20, "body": []}
    assert upsert_page(parent=module, model=LessonPage, slug=slug, fields=fields).action == "updated"
    page = LessonPage.objects.get(slug=slug)
    assert page.title == "Version 2 du fichier"
    assert ImportRecord.objects.get(page=page).revision_id == page.latest_revision_id


@pytest.mark.django_db
def test_command_reports_and_module_page_shows_sources(client: Client, capsys):
    call_command("import_curriculum")
    out = capsys.readouterr().out
    assert "Import terminé" in out and "créée" in out
    call_command("import_curriculum")
    assert "created" not in capsys.readouterr().out
    module = ModulePage.objects.get(number=1)
    html_page = client.get(module.url).content.decode()
    assert html_page.count("Sources et mise à jour") == 1
    assert "Contenu relu le 25 novembre 2026" in html_page
    title = re.search(r"<title>(.*?)</title>", html_page, re.S).group(1)
    assert "<" not in title and module.title in html.unescape(title)
    main = html_page[html_page.index('<main id="contenu"') :]
    assert "Sources et mise à jour" in main  # in the page body, not in the header or breadcrumbs
