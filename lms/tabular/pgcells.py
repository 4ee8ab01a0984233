"""The SQL twin of ``Values.csv_cell``: PostgreSQL expressions that turn a column into the exact text
the CSV writer prints for the same value, so that ``COPY`` can write the file (``lms.tabular.pgcopy``).

Each method takes a column reference (an identifier the caller wrote, never user data) and returns an
``Expression``: SQL with ``%s`` placeholders and their parameters, in order. Every text that comes from
the request (labels, « oui » / « non », the decimal separator, the time zone) and every constant of the
rules (formula triggers, the plain-number pattern) is a parameter, merged by psycopg.

Each expression yields NULL, never '', for an empty cell: COPY writes NULL as nothing but quotes an
empty string (``""``) to tell the two apart, where csv.writer writes nothing for both.

PostgreSQL only. The rules mirrored, from ``lms.tabular.values``:

- text: a leading ``'`` when it starts with a ``FORMULA_TRIGGERS`` character, unless it is a
  ``PLAIN_NUMBER``. Python's ``\\d`` is any Unicode decimal digit and its ``$`` also matches before a
  final newline; the pattern below spells both out (PostgreSQL's ``\\d`` depends on the locale, its
  ``$`` is the end of the text only);
- numbers: no trailing zeros, no exponent, the locale's decimal separator (``trim_scale``);
- booleans: « oui » / « non », not neutralised (they are ours, not user text);
- date-times: ``dd/mm/yyyy hh:mm`` in the current time zone, seconds dropped;
- labels of choices: the translated label, neutralised, or the raw value (neutralised) if unknown.
"""

import datetime
import functools
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from lms.tabular.values import FORMULA_TRIGGERS, Values, neutralise

DATETIME_FORMAT = "DD/MM/YYYY HH24:MI"  # _date_text + _time_text


@dataclass(frozen=True)
class Expression:
    sql: str
    params: list = field(default_factory=list)


def join(expressions: Iterable[Expression], separator: str = ", ") -> Expression:
    expressions = list(expressions)
    return Expression(separator.join(e.sql for e in expressions), [p for e in expressions for p in e.params])


@functools.cache
def plain_number_pattern() -> str:
    """``PLAIN_NUMBER`` as a PostgreSQL regular expression, with Python's ``\\d`` and ``$``.

    The digit class lists every character ``str.isdecimal`` accepts (what ``re`` means by ``\\d``),
    as ranges: about sixty, worked out once per process (a tenth of a second)."""
    ranges, start, previous = [], None, None
    for code in range(sys.maxunicode + 1):
        if not chr(code).isdecimal():
            continue
        if start is None or code != previous + 1:
            if start is not None:
                ranges.append((start, previous))
            start = code
        previous = code
    ranges.append((start, previous))
    digit = "[" + "".join(f"{chr(a)}-{chr(b)}" if a != b else chr(a) for a, b in ranges) + "]"
    return f"^-?{digit}+(?:[.,]{digit}+)?\n?$"


def zone_name(zone: datetime.tzinfo) -> str | None:
    """The IANA name PostgreSQL knows ``zone`` by, or None (a fixed offset: no COPY, Python path)."""
    if zone is datetime.UTC:
        return "UTC"
    return getattr(zone, "key", None)


class SqlCells:
    """The expressions for one export, with the texts of ``values`` (built in the request's language)."""

    def __init__(self, values: Values):
        self.values = values
        self.zone = zone_name(values.zone)
        if self.zone is None:
            raise ValueError(f"time zone without an IANA name: {values.zone!r}")

    def text(self, column: str) -> Expression:
        triggers = ", ".join(["%s"] * len(FORMULA_TRIGGERS))
        return Expression(
            f"NULLIF(CASE WHEN left({column}, 1) IN ({triggers}) AND {column} !~ %s "
            f"THEN %s || {column} ELSE {column} END, '')",
            [*FORMULA_TRIGGERS, plain_number_pattern(), "'"],
        )

    def integer(self, column: str) -> Expression:
        return Expression(f"({column})::text")

    def number(self, column: str) -> Expression:
        return Expression(f"replace(trim_scale({column})::text, '.', %s)", [self.values.separator])

    def yes_no(self, column: str) -> Expression:
        yes, no = self.values.yes or None, self.values.no or None
        return Expression(f"CASE WHEN {column} THEN %s WHEN NOT {column} THEN %s END", [yes, no])

    def datetime(self, column: str) -> Expression:
        return Expression(f"to_char({column} AT TIME ZONE %s, %s)", [self.zone, DATETIME_FORMAT])

    def label(self, column: str, labels: Mapping) -> Expression:
        """``labels`` ({value: lazy label}) translated now; an unknown value is printed as text."""
        if not labels:
            return self.text(column)
        whens = join(
            (Expression("WHEN %s THEN %s", [value, self._label(label)]) for value, label in labels.items()),
            " ",
        )
        otherwise = self.text(column)
        return Expression(
            f"CASE {column} {whens.sql} ELSE {otherwise.sql} END", [*whens.params, *otherwise.params]
        )

    def _label(self, label) -> str | None:
        return neutralise(self.values.text(label)) or None
