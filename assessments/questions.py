"""A quiz's questions as plain data: what an attempt copies at its start and what grading reads.

``quiz_items`` turns the StreamField into a list of questions (a case's questions carry the case's key)
and ``attempt_content`` puts them in the order one learner sees them. The result is JSON stored on the
attempt; it holds the key, so only the server reads it whole (``public_view`` drops the key).
"""

import secrets
from typing import Any

TRUE, FALSE = "true", "false"
_random = secrets.SystemRandom()


def _choice_item(block_type: str, key: str, value, case: str | None) -> dict[str, Any]:
    return {
        "key": key,
        "kind": block_type,
        "case": case,
        "prompt": value["prompt"],
        "explanation": str(value["explanation"]),
        "choices": [
            {
                "key": bound.id,
                "text": bound.value["text"],
                "correct": bool(bound.value["correct"]),
                "feedback": bound.value["feedback"] or "",
            }
            for bound in value["choices"].bound_blocks
        ],
    }


def _true_false_item(key: str, value, case: str | None) -> dict[str, Any]:
    answer = bool(value["answer"])
    return {
        "key": key,
        "kind": "true_false",
        "case": case,
        "prompt": value["statement"],
        "explanation": str(value["explanation"]),
        "choices": [
            {"key": TRUE, "text": "Vrai", "correct": answer, "feedback": value["feedback_true"] or ""},
            {"key": FALSE, "text": "Faux", "correct": not answer, "feedback": value["feedback_false"] or ""},
        ],
    }


def _question(child, case: str | None) -> dict[str, Any]:
    if child.block_type == "true_false":
        return _true_false_item(child.id, child.value, case)
    return _choice_item(child.block_type, child.id, child.value, case)


def quiz_units(stream) -> tuple[list[list[dict]], dict[str, dict]]:
    """Questions grouped in units (a case and its questions stay together), and the cases' texts."""
    units, cases = [], {}
    for child in stream:
        if child.block_type == "case":
            cases[child.id] = {"title": child.value["title"], "text": str(child.value["case"])}
            units.append([_question(sub, child.id) for sub in child.value["questions"]])
        else:
            units.append([_question(child, None)])
    return units, cases


def quiz_items(stream) -> list[dict]:
    units, _cases = quiz_units(stream)
    return [item for unit in units for item in unit]


def attempt_content(quiz) -> dict[str, Any]:
    """The questions of ``quiz`` in the order one learner will see them (shuffled per the settings)."""
    units, cases = quiz_units(quiz.questions)
    if quiz.shuffle_questions:
        _random.shuffle(units)
    items = [item for unit in units for item in unit]
    if quiz.shuffle_choices:
        for item in items:
            if item["kind"] != "true_false":
                _random.shuffle(item["choices"])
    return {"items": items, "cases": cases}


def public_view(content: dict, saved: dict[str, list[str]] | None = None) -> list[dict]:
    """The questions without anything that tells the answer: what an open attempt may show.

    ``saved`` ({question key: ticked choice keys}) marks the learner's own saved choices as checked.
    """
    saved = saved or {}
    return [
        {
            "key": item["key"],
            "kind": item["kind"],
            "case": content["cases"].get(item["case"]) if item["case"] else None,
            "case_key": item["case"],
            "prompt": item["prompt"],
            "choices": [
                {"key": c["key"], "text": c["text"], "checked": c["key"] in saved.get(item["key"], ())}
                for c in item["choices"]
            ],
        }
        for item in content["items"]
    ]
