"""The charts' geometry and their data tables, without the database: bar lengths, printed values, long
labels, many sessions grouped by month, months without certificates, French numbers."""

import datetime

from django.utils import translation

from lms.steering.charts import (
    MAX_BARS,
    Item,
    attendance_chart,
    bar_chart,
    certificates_chart,
    french_int,
    progress_chart,
)
from lms.steering.selectors.attendance import SessionPoint
from lms.steering.selectors.figures import Figures, Rate


def test_numbers_and_rates_are_written_the_french_way():
    assert french_int(12345) == "12\xa0345" and french_int(7) == "7"
    assert str(Rate(2, 3)) == "66\xa0%"  # rounded down: 66 % means at least 66 %
    assert str(Rate(3, 3)) == "100\xa0%" and str(Rate(0, 4)) == "0\xa0%"
    assert str(Rate(0, 0)) == "—" and Rate(0, 0).percent is None


def test_bars_are_scaled_to_the_largest_value_and_print_it():
    chart = bar_chart(
        slug="c",
        title="T",
        description="D",
        columns=("Étiquette", "Valeur"),
        items=[Item("a", 10, ("10",)), Item("b", 5, ("5",)), Item("c", 0, ("0",))],
    )
    full, half, zero = chart.bars
    assert full.width == 2 * half.width and zero.width == 0
    assert full.value_x == chart.plot_x + full.width + 6  # the value sits right after its bar
    assert [bar.text for bar in chart.bars] == ["10", "5", "0"]
    assert [bar.text_y for bar in chart.bars] == [29.5, 59.5, 89.5]
    assert chart.height == 3 * 30 + 20 and not chart.is_empty
    assert chart.plot_x + full.width <= chart.width - 60  # room left for the printed value


def test_long_labels_are_shortened_in_the_picture_not_in_the_table():
    label = "Promotion " + "très " * 40 + "longue"
    chart = bar_chart(
        slug="c", title="T", description="D", columns=("a", "b"), items=[Item(label, 1, ("1",))]
    )
    (bar,) = chart.bars
    assert chart.label_width == 280 and bar.short_label.endswith("…") and len(bar.short_label) < 40
    assert bar.label == label


def test_progress_chart_has_the_six_buckets_or_nothing():
    chart = progress_chart(Figures(active=7, progress=(1, 1, 2, 0, 1, 2)))
    assert [(bar.label, bar.text) for bar in chart.bars] == [
        ("0\xa0%", "1"),
        ("1 à 24\xa0%", "1"),
        ("25 à 49\xa0%", "2"),
        ("50 à 74\xa0%", "0"),
        ("75 à 99\xa0%", "1"),
        ("100\xa0%", "2"),
    ]
    assert "7 personne(s)" in chart.description
    assert progress_chart(Figures()).is_empty


def _point(day: datetime.date, attended: int = 3, expected: int = 4) -> SessionPoint:
    return SessionPoint(date=day, half_day="am", cohort="Promo", attended=attended, expected=expected)


def test_attendance_has_a_bar_per_session_up_to_the_cap():
    with translation.override("fr"):
        chart = attendance_chart([_point(datetime.date(2026, 3, 2)), _point(datetime.date(2026, 3, 3), 0, 0)])
    assert [bar.cells for bar in chart.bars] == [("3", "4", "75\xa0%"), ("0", "0", "—")]
    assert chart.bars[0].label == "02/03/2026 matin · Promo"
    assert chart.bars[1].width == 0 and chart.bars[1].value is None  # nobody expected: nothing drawn
    assert chart.note == ""


def test_many_sessions_are_added_up_by_month_and_only_the_latest_months_drawn():
    start = datetime.date(2024, 1, 1)
    every_other_day = [_point(start + datetime.timedelta(days=2 * n)) for n in range(MAX_BARS + 1)]
    with translation.override("fr"):
        chart = attendance_chart(every_other_day)  # 16 sessions in January, 9 in February
    assert [(bar.label, bar.cells) for bar in chart.bars] == [
        ("janvier 2024", ("48", "64", "75\xa0%")),
        ("février 2024", ("27", "36", "75\xa0%")),
    ]
    assert "regroupées par mois" in chart.note
    many_months = [_point(start + datetime.timedelta(days=15 * n)) for n in range(60)]  # 30 months
    with translation.override("fr"):
        chart = attendance_chart(many_months)
    assert len(chart.bars) == MAX_BARS and "derniers" in chart.note
    assert chart.bars[-1].label == "juin 2026"


def test_certificates_are_drawn_month_by_month_with_the_empty_months():
    with translation.override("fr"):
        chart = certificates_chart([(datetime.date(2026, 4, 1), 1), (datetime.date(2026, 7, 1), 3)])
    assert [(bar.label, bar.text) for bar in chart.bars] == [
        ("avril 2026", "1"),
        ("mai 2026", "0"),
        ("juin 2026", "0"),
        ("juillet 2026", "3"),
    ]
    assert abs(chart.bars[3].width - 3 * chart.bars[0].width) < 0.5  # rounded to a tenth of a pixel
    assert certificates_chart([]).is_empty
    with translation.override("fr"):
        long = certificates_chart([(datetime.date(2020, 1, 1), 1), (datetime.date(2026, 12, 1), 2)])
    assert len(long.bars) == MAX_BARS and long.bars[-1].label == "décembre 2026" and long.note
