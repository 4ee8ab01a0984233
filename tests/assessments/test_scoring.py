"""The scoring rules, question kind by question kind, with their edge cases (pure functions)."""

from fractions import Fraction

import pytest

from assessments.scoring import as_decimal, is_pass, score_attempt, score_question


def item(kind: str, right: int, wrong: int) -> dict:
    choices = [{"key": f"r{i}", "correct": True} for i in range(right)]
    choices += [{"key": f"w{i}", "correct": False} for i in range(wrong)]
    return {"key": "q", "kind": kind, "choices": choices}


SINGLE = item("single", 1, 3)
TRUE_FALSE = {
    "key": "q",
    "kind": "true_false",
    "choices": [{"key": "true", "correct": False}, {"key": "false", "correct": True}],
}
MULTIPLE = item("multiple", 2, 2)  # r0 r1 right, w0 w1 wrong


@pytest.mark.parametrize(
    ("question", "selected", "expected"),
    [
        (SINGLE, ["r0"], Fraction(1)),
        (SINGLE, ["w0"], Fraction(0)),
        (SINGLE, [], Fraction(0)),  # no answer
        (SINGLE, ["r0", "w0"], Fraction(0)),  # tampered double tick never earns
        (TRUE_FALSE, ["false"], Fraction(1)),
        (TRUE_FALSE, ["true"], Fraction(0)),
        (TRUE_FALSE, [], Fraction(0)),
        (MULTIPLE, ["r0", "r1"], Fraction(1)),  # exactly the right ones
        (MULTIPLE, ["r0"], Fraction(1, 2)),  # partial credit
        (MULTIPLE, ["r0", "r1", "w0"], Fraction(1, 2)),  # one wrong costs 1/W
        (MULTIPLE, ["r0", "w0"], Fraction(0)),
        (MULTIPLE, ["w0", "w1"], Fraction(0)),  # floored at zero, never negative
        (MULTIPLE, ["r0", "r1", "w0", "w1"], Fraction(0)),  # ticking everything scores nothing
        (MULTIPLE, [], Fraction(0)),  # no answer
    ],
)
def test_score_of_one_question(question, selected, expected):
    assert score_question(question, selected) == expected


def test_partial_credit_with_uneven_counts():
    question = item("multiple", 3, 1)
    assert score_question(question, ["r0", "r1"]) == Fraction(2, 3)
    assert score_question(question, ["r0", "r1", "r2", "w0"]) == Fraction(0)
    assert score_question(item("multiple", 1, 4), ["r0", "w0"]) == Fraction(3, 4)


def test_attempt_score_is_the_mean_of_its_questions_in_percent():
    items = [dict(SINGLE, key="a"), dict(MULTIPLE, key="b"), dict(TRUE_FALSE, key="c")]
    percent, per_question = score_attempt(items, {"a": ["r0"], "b": ["r0"]})
    assert per_question == {"a": 1, "b": Fraction(1, 2), "c": 0}
    assert percent == 50
    assert score_attempt(items, {})[0] == 0
    assert score_attempt([], {})[0] == 0


def test_a_score_just_under_the_mark_does_not_round_into_a_pass():
    items = [dict(SINGLE, key=str(i)) for i in range(3)]
    percent, _ = score_attempt(items, {"0": ["r0"], "1": ["r0"]})
    assert percent == Fraction(200, 3)
    assert as_decimal(percent) == as_decimal(Fraction(6667, 100))
    assert not is_pass(percent, 67)  # 66.666… % stays under 67 % even though it displays as 66.67
    assert is_pass(Fraction(80), 80)
