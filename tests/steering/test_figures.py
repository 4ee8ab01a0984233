"""Figures add up field by field: every field, none forgotten (the sum is written out for speed)."""

from dataclasses import fields

from lms.steering.selectors.figures import PROGRESS_BUCKETS, Figures


def test_adding_figures_adds_every_field():
    values, n = {}, 1
    for item in fields(Figures):
        if item.name == "progress":
            values["progress"] = tuple(range(n, n + len(PROGRESS_BUCKETS)))
            n += len(PROGRESS_BUCKETS)
        else:
            values[item.name] = n
            n += 1
    one = Figures(**values)
    other = Figures(**{k: (tuple(3 * x for x in v) if k == "progress" else 3 * v) for k, v in values.items()})
    total = one + other
    for item in fields(Figures):
        mine = getattr(one, item.name)
        expected = tuple(4 * x for x in mine) if item.name == "progress" else 4 * mine
        assert getattr(total, item.name) == expected, item.name


def test_adding_nothing_changes_nothing():
    figures = Figures(active=3, progress=(1, 0, 2, 0, 0, 0), attended=5, expected=6, valid=1)
    assert figures + Figures() == figures == Figures() + figures
