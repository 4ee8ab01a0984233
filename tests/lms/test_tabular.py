"""The streaming writers of ``lms.tabular``: CSV for French Excel and the XLSX read back with openpyxl.

No database: the writers take plain rows. The dataset exports built on them are tested in
``tests/steering/test_exports.py``.
"""

import csv
import datetime
import io
import itertools
import tracemalloc
import zipfile
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.utils import translation

from courses import exports as courses_exports
from lms import tabular
from lms.tabular import csv_stream, neutralise, tabular_response, xlsx_stream
from lms.tabular.xlsx import safe_sheet_title

PARIS = ZoneInfo("Europe/Paris")
FORMULAS = ['=HYPERLINK("http://x","y")', "+33 6 12", "-2+3", "@SUM(A1)", "\t=1+1", "=1+1;2"]
HEADER = ["Nom", "Note (%)", "Tentatives", "Le", "À", "Arrivée", "Réussie", "Vide"]
ROW = [
    "Camille",
    Decimal("72.50"),
    3,
    datetime.date(2026, 2, 3),
    datetime.datetime(2026, 2, 3, 8, 7, tzinfo=datetime.UTC),  # 09:07 in Paris
    datetime.time(9, 15),
    True,
    None,
]


def csv_text(header, rows, language="fr") -> str:
    return b"".join(csv_stream(header, rows, language=language)).decode("utf-8")


def csv_rows(header, rows, language="fr") -> list[list[str]]:
    text = csv_text(header, rows, language).removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def workbook(header, rows, title="Feuille"):
    content = b"".join(xlsx_stream(header, rows, sheet_title=title, language="fr"))
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None
    return openpyxl.load_workbook(io.BytesIO(content))


# --- CSV ------------------------------------------------------------------------------------------------


def test_csv_is_utf8_with_a_bom_semicolons_and_crlf():
    text = csv_text(["Nom", "Organisme"], [["Léa", "Office; public"]])
    assert text.startswith("\ufeffNom;Organisme\r\n")
    assert text.endswith('Léa;"Office; public"\r\n')


def test_csv_writes_values_as_french_excel_reads_them():
    assert csv_rows(HEADER, [ROW]) == [
        HEADER,
        ["Camille", "72,5", "3", "03/02/2026", "03/02/2026 09:07", "09:15", "oui", ""],
    ]


def test_csv_numbers_follow_the_language_of_the_request():
    assert csv_rows(["x"], [[Decimal("10.50")], [Decimal("-0.25")], [1.5], [False]], "en")[1:] == [
        ["10.5"],
        ["-0.25"],
        ["1.5"],
        ["no"],
    ]


def test_csv_neutralises_formulas_and_keeps_plain_negative_numbers():
    rows = csv_rows(["Texte"], [[text] for text in [*FORMULAS, "-3", "-3,5", "-1.25", -4, Decimal("-2.5")]])
    assert [row[0] for row in rows[1:]] == [
        *(f"'{text}" for text in FORMULAS),
        "-3",
        "-3,5",
        "-1.25",
        "-4",
        "-2,5",
    ]


def test_csv_neutralises_the_header_too():
    assert csv_rows(["=cmd|' /C calc'!A0"], [])[0] == ["'=cmd|' /C calc'!A0"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "-1"),
        ("-1+1", "'-1+1"),
        ("@A1", "'@A1"),
        ("Camille", "Camille"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_courses_exports_still_offers_the_moved_helpers():
    assert courses_exports.neutralise is tabular.neutralise
    assert courses_exports.csv_lines is tabular.csv_lines
    assert "".join(courses_exports.csv_lines([["=1", "a"]], language="fr")) == "\ufeff'=1;a\r\n"


# --- XLSX -----------------------------------------------------------------------------------------------


def test_xlsx_reads_back_with_types_and_a_bold_frozen_header():
    sheet = workbook(HEADER, [ROW], title="Émargement").active
    assert sheet.title == "Émargement"
    assert [cell.value for cell in sheet[1]] == HEADER
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    name, score, attempts, day, at, arrival, passed, empty = (cell.value for cell in sheet[2][:8])
    assert name == "Camille"
    assert score == 72.5
    assert attempts == 3 and isinstance(attempts, int)
    assert day == datetime.datetime(2026, 2, 3)  # noqa: DTZ001 (spreadsheets have no time zone)
    assert sheet["D2"].number_format == "dd/mm/yyyy"
    assert at == datetime.datetime(2026, 2, 3, 9, 7)  # noqa: DTZ001 (local time)
    assert sheet["E2"].number_format == "dd/mm/yyyy hh:mm"
    assert arrival == datetime.time(9, 15)
    assert passed == "oui"
    assert empty is None


def test_xlsx_formula_texts_stay_text_exactly_as_written():
    sheet = workbook(["Texte"], [[text] for text in [*FORMULAS, "-3", "Camille"]]).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [*FORMULAS, "-3", "Camille"]
    assert all(cell.data_type == "s" for cell in cells)
    assert [bool(cell.quotePrefix) for cell in cells] == [True] * len(FORMULAS) + [False, False]


def test_xlsx_strips_characters_xml_cannot_carry_and_keeps_the_others():
    texts = ["a\x00b\x01c\x1fd\ufffe", "<b>&amp;</b>", "  espaces  ", "ligne\r\nsuivante", "_x0041_", "𝕏🙂"]
    sheet = workbook(["Texte"], [[text] for text in texts]).active
    values = [row[0].value for row in sheet.iter_rows(min_row=2)]
    # openpyxl does not decode Excel's ``_xHHHH_`` escapes: it shows the escaped underscore that makes
    # Excel print ``_x0041_`` as typed (instead of « A »).
    assert values == ["abcd", "<b>&amp;</b>", "  espaces  ", "ligne\r\nsuivante", "_x005F_x0041_", "𝕏🙂"]


def test_xlsx_cuts_a_text_at_the_excel_limit_and_writes_huge_numbers_as_text():
    sheet = workbook(["a", "b", "c"], [["é" * 40_000, 10**16, Decimal("NaN")]]).active
    assert len(sheet["A2"].value) == 32767
    assert sheet["B2"].value == str(10**16)
    assert sheet["C2"].value == "NaN"


def test_xlsx_sheet_title_is_made_acceptable():
    assert workbook(["a"], [], title="Promo [2026]: a/b?*").active.title == "Promo -2026-- a-b--"
    assert safe_sheet_title("") == "Feuille 1"
    assert len(safe_sheet_title("x" * 80)) == 31


def test_xlsx_holds_thousands_of_rows():
    rows = ([f"Personne {n}", n, Decimal(n) / 4] for n in range(2500))
    sheet = workbook(["Nom", "N", "Quart"], rows).active
    assert sheet.max_row == 2501
    assert [cell.value for cell in sheet[2501]] == ["Personne 2499", 2499, 624.75]


# --- streaming ------------------------------------------------------------------------------------------


def counted(total: int):
    """A row source that records how many rows were taken."""
    taken = itertools.count()

    def rows():
        for n in range(total):
            next(taken)
            yield [f"Personne {n}", n, "=1+1"]

    return rows(), taken


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_first_bytes_leave_before_the_rows_are_all_read(fmt):
    rows, taken = counted(1_000_000)
    stream = csv_stream(["a", "b", "c"], rows, language="fr") if fmt == "csv" else None
    stream = stream or xlsx_stream(["a", "b", "c"], rows, sheet_title="x", language="fr")
    first = next(stream)
    assert first
    assert next(taken) < 200_000


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_memory_stays_flat_when_the_rows_are_ten_times_more(fmt):
    def peak(total: int) -> int:
        rows = ([f"Personne {n}", n, Decimal(n) / 3, datetime.date(2026, 1, 1)] for n in range(total))
        writer = csv_stream if fmt == "csv" else xlsx_stream
        extra = {} if fmt == "csv" else {"sheet_title": "x"}
        tracemalloc.start()
        try:
            size = sum(len(chunk) for chunk in writer(["a", "b", "c", "d"], rows, language="fr", **extra))
            return tracemalloc.get_traced_memory()[1], size
        finally:
            tracemalloc.stop()

    small, small_size = peak(3_000)
    large, large_size = peak(30_000)
    assert large_size > 8 * small_size  # ten times the rows did produce ten times the bytes
    assert large < 1.5 * small + 64 * 1024, (small, large)


def test_the_response_is_a_private_streamed_attachment():
    with translation.override("fr"):
        response = tabular_response("xlsx", "emargement-promo", ["a"], [[1]])
    assert response.streaming
    assert response["Content-Type"] == tabular.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="emargement-promo.xlsx"'
    assert response["Cache-Control"] == "private, no-store"
    csv_response = tabular_response("csv", 'a"b/../c', ["a"], [])
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response["Content-Disposition"] == 'attachment; filename="a-b-..-c.csv"'
    with pytest.raises(ValueError, match="unknown format"):
        tabular_response("pdf", "x", [], [])


def test_labels_are_translated_while_the_stream_runs():
    stream = csv_stream(["x"], [[True]], language="en")
    with translation.override("fr"):
        assert b"".join(stream).decode().splitlines()[1] == "yes"


def test_xlsx_checks_for_formulas_once_illegal_characters_are_gone_and_skips_empty_text():
    sheet = workbook(["a", "b", "c"], [["\x01=1+1", "", "\x02"]]).active
    cell = sheet["A2"]
    assert (cell.value, cell.quotePrefix) == ("=1+1", True)
    assert sheet["B2"].value is None and sheet["C2"].value is None


# --- what the PostgreSQL path (lms.tabular.pgcopy) relies on -------------------------------------------


def test_csv_header_is_how_every_csv_stream_starts():
    """The COPY path writes its header with ``csv_header``: the same first bytes as the Python path."""
    from lms.tabular.csvfile import csv_header

    with translation.override("fr"):
        assert b"".join(csv_stream(HEADER, [ROW], language="fr")).startswith(csv_header(HEADER))
        assert csv_header(["=x", "a;b"]) == '\ufeff\'=x;"a;b"\r\n'.encode()


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("a;b", '"a;b"'),
        ('dit "oui"', '"dit ""oui"""'),
        ("ligne\nsuite", '"ligne\nsuite"'),
        ("fin\r", '"fin\r"'),
        ("  espaces  ", "  espaces  "),
        ("a\tb", "a\tb"),
        ("a,b", "a,b"),
        ("\\.", "\\."),
        ("", ""),
        (None, ""),
    ],
)
def test_csv_quotes_only_what_copy_quotes(cell, written):
    """csv.writer's QUOTE_MINIMAL as configured: quoted for the delimiter, the quote, CR or LF, quotes
    doubled; COPY's CSV output does the same (and writes NULL as nothing, the SELECT never sends '')."""
    line = b"".join(csv_stream(["x", "y"], [[cell, 1]], language="fr")).decode().split("\r\n", 1)[1]
    assert line == f"{written};1\r\n"


def test_the_plain_number_pattern_for_postgresql_lists_pythons_digits():
    """``\\d`` in Python is any Unicode decimal digit: the PostgreSQL pattern lists them all."""
    import re
    import sys

    from lms.tabular.pgcells import plain_number_pattern

    pattern = plain_number_pattern()
    digits = pattern[len("^-?[") : pattern.index("]")]
    ranges = re.findall(r"(.)-(.)", digits, flags=re.DOTALL)
    listed = {chr(code) for a, b in ranges for code in range(ord(a), ord(b) + 1)}
    assert listed == {chr(code) for code in range(sys.maxunicode + 1) if re.fullmatch(r"\d", chr(code))}
    assert pattern.endswith("\n?$")  # Python's $ also matches before a final line feed
