"""Cell values of the spreadsheet writers: typed values made text or kept typed, and the rule that keeps
a text from running as a formula (``neutralise``, ``looks_like_formula``)."""

import datetime
import math
import re
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

# A spreadsheet reads a cell starting with one of these as a formula (or strips it before one).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A plain number (French or English decimals) is data, not a formula, even with a minus sign.
PLAIN_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def neutralise(value) -> str:
    """The text of ``value``, with a leading ``'`` when a spreadsheet would read it as a formula."""
    text = str(value)
    if not text.startswith(FORMULA_TRIGGERS) or PLAIN_NUMBER.match(text):
        return text
    return f"'{text}"


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.match(text)


class Values:
    """What one export works out once rather than once per cell: « oui » and « non », the labels (lazy
    translations), the decimal separator and the local time zone. Built inside the writer's
    ``translation.override``, so in the request's language."""

    def __init__(self):
        self.yes, self.no = _("oui"), _("non")
        self.separator = formats.get_format("DECIMAL_SEPARATOR")
        self.zone = timezone.get_current_timezone()
        # id → (lazy string, its text); the string is held so that its id cannot be reused.
        self._labels: dict[int, tuple[Promise, str]] = {}
        self._csv = {
            str: neutralise,
            int: str,
            bool: self.yes_no,
            Decimal: self.number,
            float: self.number,
            datetime.datetime: self.datetime_text,
            datetime.date: _date_text,
            datetime.time: _time_text,
            type(None): _empty,
        }

    def text(self, value) -> str:
        if not isinstance(value, Promise):
            return str(value)
        hit = self._labels.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        text = str(value)
        if len(self._labels) < LABEL_CACHE:
            self._labels[id(value)] = (value, text)
        return text

    def yes_no(self, value: bool) -> str:
        return self.yes if value else self.no

    def local(self, value: datetime.datetime) -> datetime.datetime:
        return value.astimezone(self.zone) if value.tzinfo is not None else value

    def number(self, value: int | Decimal | float) -> str:
        """``72,5`` in French, ``72.5`` in English; no exponent, no trailing zeros, no grouping."""
        if isinstance(value, int):
            return str(int(value))
        if isinstance(value, float):
            if not math.isfinite(value):
                return str(value)
            value = Decimal(repr(value))
        if not value.is_finite():
            return str(value)
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", self.separator)

    def datetime_text(self, value: datetime.datetime) -> str:
        value = self.local(value)
        return f"{_date_text(value)} {_time_text(value)}"

    def csv_cell(self, value) -> str:
        """One typed value as French Excel reads it; text is neutralised."""
        format_cell = self._csv.get(type(value))
        if format_cell is not None:
            return format_cell(value)
        for kind in SUBCLASS_ORDER:  # subclasses: text choices, lazy strings…
            if isinstance(value, kind):
                return self._csv[kind](value)
        return neutralise(self.text(value))


# isinstance order for subclasses of the types ``Values`` knows: bool before int, datetime before date.
SUBCLASS_ORDER = (bool, int, Decimal, float, datetime.datetime, datetime.date, datetime.time)
LABEL_CACHE = 1024


def _empty(_value) -> str:
    return ""


def _date_text(value: datetime.date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def _time_text(value: datetime.time | datetime.datetime) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"
