"""The dashboard's charts: horizontal bar charts drawn as SVG by the template, from geometry computed
here. No JavaScript, no chart library, no external service: the page carries its pictures.

Horizontal bars because their labels read on one line whatever their length and number, and a long
chart only grows downwards. Every bar prints its value next to it (nothing is told by colour or length
alone), and each chart comes with the same data as a table (``BarChart.columns`` and ``Bar.cells``).
A chart never has more than ``MAX_BARS`` bars: sessions are then added up per month, and only the
latest months are drawn (the page says so).
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessments.models import TrainingSession
from lms.steering.selectors.figures import Figures, Rate

MAX_BARS = 24
WIDTH = 640
ROW_HEIGHT = 30
BAR_HEIGHT = 20
PADDING = 10
CHAR_WIDTH = 7  # px per character at the chart's 13 px font, a generous estimate
LABEL_MIN, LABEL_MAX = 60, 280
VALUE_SPACE = 72  # room left of the right edge for the printed value


def french_int(value: int) -> str:
    """12345 → « 12 345 » (a non-breaking space between thousands)."""
    return f"{value:,}".replace(",", "\u00a0")


@dataclass(frozen=True)
class Bar:
    label: str  # in full: the table, the bar's tooltip
    value: float | None  # None: nothing to draw (no one expected at a session)
    short_label: str  # as drawn, shortened to the label column
    text: str  # the value, printed next to the bar
    cells: tuple[str, ...]  # the table's cells after the label
    bar_y: float
    text_y: float
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    slug: str  # unique on the page: the ids of the title, description and table
    title: str
    description: str
    columns: tuple[str, ...]  # the table's headers, the label's first
    bars: tuple[Bar, ...]
    label_width: int
    note: str = ""

    width = WIDTH
    bar_height = BAR_HEIGHT

    @property
    def height(self) -> int:
        return len(self.bars) * ROW_HEIGHT + 2 * PADDING

    @property
    def plot_x(self) -> int:
        return self.label_width + PADDING

    @property
    def axis_bottom(self) -> int:
        return self.height - PADDING

    @property
    def is_empty(self) -> bool:
        return all(bar.value is None for bar in self.bars)


@dataclass(frozen=True)
class Item:
    """What a builder hands to ``bar_chart``: a label, a value to draw (None: nothing to draw) and the
    table's cells (the printed value is the last one)."""

    label: str
    value: float | None
    cells: tuple[str, ...]


def bar_chart(
    *,
    slug: str,
    title: str,
    description: str,
    columns: Sequence[str],
    items: Sequence[Item],
    maximum: float | None = None,
    note: str = "",
) -> BarChart:
    """The geometry of a horizontal bar chart; bars are scaled to ``maximum`` (the largest value
    when not given)."""
    longest = max((len(item.label) for item in items), default=0)
    label_width = min(max(longest * CHAR_WIDTH + PADDING, LABEL_MIN), LABEL_MAX)
    plot_x = label_width + PADDING
    plot_width = WIDTH - plot_x - VALUE_SPACE
    top = maximum or max((item.value or 0 for item in items), default=0) or 1
    bars = []
    for index, item in enumerate(items):
        width = round(plot_width * min(item.value or 0, top) / top, 1)
        row_top = PADDING + index * ROW_HEIGHT
        bars.append(
            Bar(
                label=item.label,
                value=item.value,
                short_label=_shortened(item.label, (label_width - PADDING) // CHAR_WIDTH),
                text=item.cells[-1],
                cells=item.cells,
                bar_y=row_top + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                text_y=row_top + ROW_HEIGHT / 2 + 4.5,  # 13 px text, visually centred on the bar
                width=width,
                value_x=round(plot_x + width + 6, 1),
            )
        )
    return BarChart(
        slug=slug,
        title=title,
        description=description,
        columns=tuple(columns),
        bars=tuple(bars),
        label_width=label_width,
        note=note,
    )


def _shortened(label: str, room: int) -> str:
    return label if len(label) <= room else label[: max(room - 1, 1)].rstrip() + "…"


# --- the dashboard's three charts -------------------------------------------------------------------


def progress_chart(figures: Figures) -> BarChart:
    rows = figures.progress_rows
    learners = figures.counted
    return bar_chart(
        slug="chart-progress",
        title=_("Répartition de la progression"),
        description=_(
            "Nombre d'apprenant·es en formation ou ayant terminé, selon la part des leçons terminées ; "
            "%(learners)s personne(s) en tout."
        )
        % {"learners": french_int(learners)},
        columns=(_("Leçons terminées"), _("Apprenant·es")),
        items=[Item(label, count, (french_int(count),)) for label, count in rows] if learners else [],
    )


def attendance_chart(points) -> BarChart:
    """One bar per closed session of the period; by month beyond ``MAX_BARS`` sessions."""
    note = ""
    if len(points) <= MAX_BARS:
        items = [_session_item(point) for point in points]
    else:
        months = _months_of(points)
        note = _("Plus de %(max)s séances : elles sont regroupées par mois.") % {"max": MAX_BARS}
        if len(months) > MAX_BARS:
            note = _(
                "Plus de %(max)s séances : elles sont regroupées par mois, et seuls les %(max)s derniers "
                "mois sont représentés."
            ) % {"max": MAX_BARS}
            months = months[-MAX_BARS:]
        items = [_month_item(month, attended, expected) for month, attended, expected in months]
    return bar_chart(
        slug="chart-attendance",
        title=_("Assiduité par séance"),
        description=_(
            "Part des apprenant·es attendu·es qui étaient présent·es, pour chaque séance close de la période."
        ),
        columns=(_("Séance"), _("Présent·es"), _("Attendu·es"), _("Assiduité")),
        items=items,
        maximum=100,
        note=note,
    )


def _session_item(point) -> Item:
    half_day = TrainingSession.HalfDay(point.half_day).label
    label = f"{date_format(point.date, 'SHORT_DATE_FORMAT')} {half_day} · {point.cohort}"
    return _rate_item(label, point.attended, point.expected)


def _month_item(month: datetime.date, attended: int, expected: int) -> Item:
    return _rate_item(date_format(month, "F Y"), attended, expected)


def _rate_item(label: str, attended: int, expected: int) -> Item:
    rate = Rate(attended, expected)
    return Item(label, rate.percent, (french_int(attended), french_int(expected), str(rate)))


def _months_of(points) -> list[tuple[datetime.date, int, int]]:
    """(first day of the month, attended, expected) per month, in order."""
    months: dict[datetime.date, tuple[int, int]] = {}
    for point in points:
        month = point.date.replace(day=1)
        attended, expected = months.get(month, (0, 0))
        months[month] = (attended + point.attended, expected + point.expected)
    return [(month, *months[month]) for month in sorted(months)]


def certificates_chart(by_month: Sequence[tuple[datetime.date, int]]) -> BarChart:
    """Certificates issued per month, from the first month with one to the last (empty months
    included, so that the gaps show); the latest ``MAX_BARS`` months at most."""
    counts = dict(by_month)
    months = _month_range(min(counts), max(counts)) if counts else []
    note = ""
    if len(months) > MAX_BARS:
        note = _("Plus de %(max)s mois : seuls les %(max)s derniers sont représentés.") % {"max": MAX_BARS}
        months = months[-MAX_BARS:]
    return bar_chart(
        slug="chart-certificates",
        title=_("Certificats délivrés par mois"),
        description=_(
            "Nombre de certificats délivrés chaque mois aux apprenant·es retenu·es par les filtres."
        ),
        columns=(_("Mois"), _("Certificats délivrés")),
        items=[
            Item(date_format(month, "F Y"), counts.get(month, 0), (french_int(counts.get(month, 0)),))
            for month in months
        ],
        note=note,
    )


def _month_range(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months
