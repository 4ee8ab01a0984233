"""Lesson blocks: editor metadata, rendering through their templates, escaping of plain-text fields."""

import pytest
from wagtail.blocks import StreamValue

from cms.blocks import LessonBodyBlock

pytestmark = pytest.mark.django_db

BLOCKS = LessonBodyBlock().child_blocks


@pytest.mark.parametrize("name", list(BLOCKS))
def test_every_block_has_icon_template_description_and_preview(name):
    block = BLOCKS[name]
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.meta.template.startswith("cms/blocks/")
    assert str(block.meta.description)
    assert block.meta.preview_value is not None
    assert str(block.meta.group)


@pytest.mark.parametrize("name", [n for n in BLOCKS if n != "document"])
def test_every_block_renders_its_preview_value(name):
    block = BLOCKS[name]
    value = block.normalize(block.meta.preview_value)
    html = block.render(value)
    assert html.strip()
    assert "None" not in html


def _render(raw: list[dict]) -> str:
    stream = StreamValue(LessonBodyBlock(), raw, is_lazy=True)
    return "".join(str(child.render()) for child in stream)


def test_legal_reference_renders_citation_date_and_link():
    html = _render(
        [
            {
                "type": "legal_reference",
                "value": {
                    "text": "Loi n° 2017-86 du 27 janvier 2017",
                    "article": "70",
                    "date": "2017-01-27",
                    "url": "https://www.legifrance.gouv.fr/",
                    "note": "Objectifs de mixité.",
                },
            }
        ]
    )
    assert "<cite>Loi n° 2017-86 du 27 janvier 2017, art. 70</cite>" in html
    assert "texte du 27 janvier 2017" in html
    assert 'href="https://www.legifrance.gouv.fr/"' in html


def test_case_study_hides_its_analysis_behind_a_disclosure():
    html = _render(
        [
            {
                "type": "case_study",
                "value": {
                    "title": "Un T3 hors QPV",
                    "situation": "<p>Deux candidatures.</p>",
                    "questions": ["Quel critère ?"],
                    "debrief": "<p>La cotation éclaire.</p>",
                },
            }
        ]
    )
    assert "<details>" in html
    assert "<summary>Voir l'analyse</summary>" in html
    assert html.index("<summary>") < html.index("La cotation éclaire.")


def test_plain_text_fields_are_escaped():
    html = _render(
        [{"type": "glossary_term", "value": {"term": "<script>x</script>", "definition": "<b>y</b>"}}]
    )
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_video_always_comes_with_its_transcript():
    html = _render(
        [
            {
                "type": "video",
                "value": {
                    "title": "Présentation",
                    "embed_url": "https://video.example.org/embed/1",
                    "transcript": "<p>Texte intégral.</p>",
                },
            }
        ]
    )
    assert 'title="Présentation"' in html
    assert "Transcription de la vidéo" in html and "Texte intégral." in html


def test_document_block_links_to_the_file_with_its_format(tmp_path, settings):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = tmp_path
    document = Document(title="Fiche réflexe", file=ContentFile(b"%PDF-1.4 test", "fiche.pdf"))
    document.file_size = 13  # the admin's upload form records the size
    document.save()
    html = _render(
        [{"type": "document", "value": {"document": document.pk, "title": "", "description": "À imprimer"}}]
    )
    assert document.url in html
    assert "Fiche réflexe" in html
    assert "(PDF, 13\xa0octets)" in html
