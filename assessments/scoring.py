"""How answers are scored. Pure functions over an attempt's copied questions; no database.

- Single choice and true/false: 1 when the one right choice is ticked, else 0.
- Multiple choice (partial credit with a penalty): each right choice ticked earns 1/R of the question
  (R = number of right choices), each wrong choice ticked costs 1/W (W = number of wrong choices); the
  question's score never goes below 0. Ticking everything scores 0; ticking nothing scores 0.
- The attempt's score is the mean of its questions' scores, as a percentage; every question weighs the
  same, a case's questions included.

Exact fractions are used throughout so that 79.999… never rounds up into a pass.
"""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def score_question(item: dict, selected: list[str] | set[str]) -> Fraction:
    chosen = set(selected)
    right = {c["key"] for c in item["choices"] if c["correct"]}
    wrong = {c["key"] for c in item["choices"] if not c["correct"]}
    if item["kind"] != "multiple":
        return Fraction(1) if chosen and chosen == right else Fraction(0)
    earned = Fraction(len(chosen & right), len(right)) if right else Fraction(0)
    penalty = Fraction(len(chosen & wrong), len(wrong)) if wrong else Fraction(0)
    return max(Fraction(0), earned - penalty)


def score_attempt(items: list[dict], answers: dict[str, list[str]]) -> tuple[Fraction, dict[str, Fraction]]:
    """The attempt's score in percent (exact) and each question's score in [0, 1]."""
    per_question = {item["key"]: score_question(item, answers.get(item["key"], [])) for item in items}
    if not items:
        return Fraction(0), per_question
    return 100 * sum(per_question.values(), Fraction(0)) / len(items), per_question


def as_decimal(value: Fraction, places: int = 2) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, rounding=ROUND_HALF_UP)


def is_pass(percent: Fraction, pass_mark: int) -> bool:
    return percent >= pass_mark
