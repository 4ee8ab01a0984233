"""Imports the quiz bank (``cms/content/quizzes/module-N.json``) into one Quiz per module page.

Same rule as the pages (``cms.importer``): a quiz is created when missing, left alone when its data
did not change, updated when it changed and nobody edited it in Wagtail since, and otherwise kept with
a message (``force`` overwrites). Each file is checked with the blocks' own validation first, so a
quiz without a right answer can never be imported.
"""

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from assessments.blocks import QuizQuestionsBlock
from assessments.models import Quiz
from cms import curriculum

QUIZ_DIR = curriculum.CONTENT_DIR / "quizzes"
SETTINGS = ("pass_mark", "attempts_allowed", "time_limit_minutes", "shuffle_questions", "shuffle_choices")


@dataclass(frozen=True)
class Outcome:
    quiz: Quiz
    action: str  # created | updated | unchanged | kept


@cache
def quiz_files() -> tuple[dict, ...]:
    files = sorted(QUIZ_DIR.glob("module-*.json"), key=lambda f: int(f.stem.split("-")[1]))
    return tuple(json.loads(Path(f).read_text(encoding="utf-8")) for f in files)


def _block(kind: str, value) -> dict:
    # Wagtail gives ids to top-level blocks only; nested ones need theirs, as answers refer to them.
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def stream_from_questions(items: list[dict]) -> list[dict]:
    """The StreamField data of a list of questions written in the content files' format."""
    return [_question(data) for data in items]


def _question(data: dict) -> dict:
    kind = data["type"]
    if kind == "true_false":
        keys = ("statement", "answer", "feedback_true", "feedback_false", "explanation")
        return _block(kind, {key: data[key] for key in keys})
    if kind == "case":
        value = {
            "title": data["title"],
            "case": data["case"],
            "questions": stream_from_questions(data["questions"]),
        }
        return _block(kind, value)
    choices = [
        _block("item", {"text": c["text"], "correct": c["correct"], "feedback": c.get("feedback", "")})
        for c in data["choices"]
    ]
    return _block(kind, {"prompt": data["prompt"], "choices": choices, "explanation": data["explanation"]})


def quiz_fields(data: dict) -> dict:
    """The Quiz fields of one file; raises ValidationError when a question is not answerable."""
    raw = stream_from_questions(data["questions"])
    block = QuizQuestionsBlock()
    block.clean(block.to_python(raw))
    return {
        "title": data["title"],
        "intro": data.get("intro", ""),
        "questions": raw,
        **{name: data[name] for name in SETTINGS},
    }


def quiz_digest(data: dict) -> str:
    """The hash of a file's content (not of the generated block ids, which change on every read)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def upsert_quiz(*, module, data: dict, force: bool = False) -> Outcome:
    digest = quiz_digest(data)
    quiz = Quiz.objects.filter(module=module).first()
    fields = quiz_fields(data)
    if quiz is None:
        quiz = Quiz(module=module, **fields)
        return Outcome(quiz, _save(quiz, digest, "created"))
    if quiz.imported_hash == digest and not force:
        return Outcome(quiz, "unchanged")
    edited = quiz.imported_at is None or quiz.updated_at != quiz.imported_at
    if edited and not force:
        return Outcome(quiz, "kept")
    for name, value in fields.items():
        setattr(quiz, name, value)
    return Outcome(quiz, _save(quiz, digest, "updated"))


def _save(quiz: Quiz, digest: str, action: str) -> str:
    quiz.imported_hash = digest
    quiz.save()
    Quiz.objects.filter(pk=quiz.pk).update(imported_at=F("updated_at"))
    quiz.refresh_from_db(fields=["imported_at", "updated_at"])
    return action


def import_quizzes(*, programme, force: bool = False) -> Iterator[Outcome]:
    """Import each module's quiz under ``programme``'s module pages (matched by module number)."""
    from cms.models import ModulePage

    modules = {m.number: m for m in ModulePage.objects.child_of(programme)}
    for data in quiz_files():
        module = modules.get(data["module"])
        if module is not None:
            yield upsert_quiz(module=module, data=data, force=force)


MESSAGES = {
    "created": _("créé"),
    "updated": _("mis à jour"),
    "unchanged": _("inchangé"),
    "kept": _("modifié dans Wagtail depuis l'import : non écrasé (--force pour remplacer)"),
}


def describe(outcome: Outcome) -> str:
    return f"{MESSAGES[outcome.action]} : quiz « {outcome.quiz.title} »"
