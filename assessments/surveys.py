"""The satisfaction questionnaires (Qualiopi indicator 30: satisfaction collected right after the
training and again later), as data, and the checking of a set of answers against one of them.

A questionnaire is a versioned tuple of ``Question``: a response stores the version key and its
answers by question key, never the wording, so a report reads every response with the questions it
was given, in the reader's language. Changing a question means a new version (``session-v2``) and a
new entry in ``CURRENT``; old versions stay here as long as responses use them.

Answers arrive as ``{question key: [values as posted]}`` and come out as ``{key: value}``: an integer
1..5 for a scale, a choice key (or a list of keys when several may be ticked), a stripped text.
An optional question left empty is not stored.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

SESSION, FOLLOW_UP = "session", "follow_up"
SCALE = (1, 2, 3, 4, 5)
TEXT_MAX_LENGTH = 2000

REQUIRED = _("Répondez à cette question.")
BAD_SCALE = _("Choisissez une note de 1 à 5.")
BAD_CHOICE = _("Choisissez une des réponses proposées.")
ONE_CHOICE = _("Une seule réponse est possible.")
TOO_LONG = _("Votre texte dépasse %(max)s caractères : raccourcissez-le.")
NONE_AND_OTHERS = _("« Aucune pour l'instant » ne se coche pas avec une autre réponse.")


@dataclass(frozen=True)
class Question:
    """One question. ``kind``: ``scale`` (1..5, ``ends`` label 1 and 5), ``choice`` (one of
    ``choices``, several when ``multiple``; an ``exclusive`` key is not ticked with others), ``text``."""

    key: str
    label: str
    kind: str
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = True
    multiple: bool = False
    ends: tuple[str, str] = ("", "")
    exclusive: str = ""

    def choice_label(self, key) -> str:
        if self.kind == "scale":
            return str(key)
        return str(dict(self.choices).get(key, key))


SESSION_V1 = (
    Question(
        "satisfaction",
        _("Dans l'ensemble, êtes-vous satisfait·e de cette séance ?"),
        "scale",
        ends=(_("pas du tout satisfait·e"), _("tout à fait satisfait·e")),
    ),
    Question(
        "usefulness",
        _("Ce que vous avez appris vous sera-t-il utile dans votre travail ?"),
        "scale",
        ends=(_("pas utile"), _("très utile")),
    ),
    Question(
        "clarity",
        _("Les explications du formateur ou de la formatrice étaient-elles claires ?"),
        "scale",
        ends=(_("pas claires"), _("très claires")),
    ),
    Question(
        "pace",
        _("Le rythme de la séance était :"),
        "choice",
        choices=(("slow", _("trop lent")), ("right", _("adapté")), ("fast", _("trop rapide"))),
    ),
    Question("improve", _("Que faudrait-il améliorer ? (facultatif)"), "text", required=False),
)

FOLLOW_UP_V1 = (
    Question(
        "applied",
        _("Depuis votre certification, mettez-vous en pratique dans votre travail ce que vous avez appris ?"),
        "scale",
        ends=(_("jamais"), _("très souvent")),
    ),
    Question(
        "actions",
        _("Qu'avez-vous engagé depuis ? (plusieurs réponses possibles)"),
        "choice",
        choices=(
            ("colleagues", _("sensibilisation de collègues")),
            ("procedure", _("revue d'une procédure d'attribution")),
            ("caleol", _("participation à une CALEOL")),
            ("other", _("autre action")),
            ("none", _("aucune pour l'instant")),
        ),
        multiple=True,
        exclusive="none",
    ),
    Question(
        "recommend",
        _("Recommanderiez-vous ce parcours à un·e collègue ?"),
        "choice",
        choices=(("yes", _("oui")), ("no", _("non"))),
    ),
    Question("comment", _("Un commentaire ? (facultatif)"), "text", required=False),
)

QUESTIONNAIRES: dict[str, tuple[Question, ...]] = {"session-v1": SESSION_V1, "follow-up-v1": FOLLOW_UP_V1}
CURRENT = {SESSION: "session-v1", FOLLOW_UP: "follow-up-v1"}


def questions_of(version: str) -> tuple[Question, ...]:
    return QUESTIONNAIRES.get(version, ())


def clean_answers(version: str, data: Mapping[str, list[str]]) -> tuple[dict, dict[str, str]]:
    """``(answers, errors)``: the answers to store, and a French message per question in error.

    Values for keys that are not questions of ``version`` are ignored: they are never stored.
    """
    answers, errors = {}, {}
    for question in questions_of(version):
        values = [str(value) for value in data.get(question.key, [])]
        try:
            value = _clean(question, values)
        except ValueError as error:
            errors[question.key] = str(error.args[0])
            continue
        if value not in (None, "", []):
            answers[question.key] = value
    return answers, errors


def _clean(question: Question, values: list[str]):
    present = [value for value in values if value.strip()]
    if not present:
        if question.required:
            raise ValueError(REQUIRED)
        return None
    if question.kind == "text":
        return _clean_text(present[0])
    if question.kind == "scale":
        return _clean_scale(present)
    return _clean_choice(question, present)


def _clean_text(value: str) -> str:
    # PostgreSQL refuses NUL in text; no one types it.
    text = value.replace("\x00", "").strip()
    if len(text) > TEXT_MAX_LENGTH:
        raise ValueError(TOO_LONG % {"max": TEXT_MAX_LENGTH})
    return text


def _clean_scale(values: list[str]) -> int:
    value = values[0].strip()
    if len(values) > 1 or not (value.isascii() and value.isdigit()) or int(value) not in SCALE:
        raise ValueError(BAD_SCALE)
    return int(value)


def _clean_choice(question: Question, values: list[str]):
    keys = {key for key, _label in question.choices}
    picked = list(dict.fromkeys(value.strip() for value in values))
    if any(value not in keys for value in picked):
        raise ValueError(BAD_CHOICE)
    if not question.multiple:
        if len(picked) > 1:
            raise ValueError(ONE_CHOICE)
        return picked[0]
    if question.exclusive in picked and len(picked) > 1:
        raise ValueError(NONE_AND_OTHERS)
    order = [key for key, _label in question.choices]
    return sorted(picked, key=order.index)
