"""A minimal SpreadsheetML (XLSX) writer that streams: the workbook's fixed parts, then its one sheet
written row by row with inline strings, all through ``lms.zipstream``.

Numbers are numbers, dates and times real dates with a format (``dd/mm/yyyy``, ``dd/mm/yyyy hh:mm``,
``hh:mm``). Texts are inline strings, which a spreadsheet never evaluates; a formula-like text also
gets the ``quotePrefix`` style (Excel's own ``'`` prefix): it shows as written and stays text once
edited. Characters XML 1.0 cannot carry are dropped, a text is cut at Excel's 32 767 characters.
"""

import datetime
import functools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.utils import timezone, translation

from lms.tabular.values import SUBCLASS_ORDER, Values, looks_like_formula
from lms.zipstream import ZipStream, batched

# Characters XML 1.0 cannot carry at all (control characters, lone surrogates, non-characters).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel decodes ``_x0041_`` in a text as the character it names: such a sequence is written with
# its underscore escaped, so that the text reads back as typed.
EXCEL_ESCAPE = re.compile("(_x[0-9A-Fa-f]{4}_)")
MAX_TEXT = 32767  # characters in one cell: Excel refuses a file with more
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)  # noqa: DTZ001 (serial dates are wall-clock)
# Styles of ``styles.xml``, by position in cellXfs.
DATE, DATETIME, TIME, HEADER, QUOTED = 1, 2, 3, 4, 5
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CONTENT_TYPES_XML = (
    XML_DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
ROOT_RELS_XML = (
    f'{XML_DECLARATION}<Relationships xmlns="{NS_PKG}">'
    f'<Relationship Id="rId1" Type="{NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS_XML = (
    f'{XML_DECLARATION}<Relationships xmlns="{NS_PKG}">'
    f'<Relationship Id="rId1" Type="{NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{NS_REL}/styles" Target="styles.xml"/></Relationships>'
)
_XF = '<xf numFmtId="{}" fontId="{}" fillId="0" borderId="0" xfId="0"{}/>'
STYLES_XML = (
    f'{XML_DECLARATION}<styleSheet xmlns="{NS_MAIN}">'
    '<numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>'
    '<numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/><numFmt numFmtId="166" formatCode="hh:mm"/>'
    "</numFmts>"
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6">'
    + _XF.format(0, 0, "")
    + _XF.format(164, 0, ' applyNumberFormat="1"')
    + _XF.format(165, 0, ' applyNumberFormat="1"')
    + _XF.format(166, 0, ' applyNumberFormat="1"')
    + _XF.format(0, 1, ' applyFont="1"')
    + _XF.format(0, 0, ' quotePrefix="1"')
    + "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def xml_text(value: str) -> str:
    """Text fit for an XML 1.0 element: illegal characters dropped, markup and CR escaped."""
    return _markup(XML_ILLEGAL.sub("", value))


def _markup(text: str) -> str:
    if "_x" in text:
        text = EXCEL_ESCAPE.sub(r"_x005F\1", text)
    return escape(text).replace("\r", "&#13;")


def safe_sheet_title(value: str) -> str:
    """A worksheet name Excel accepts: 31 characters at most, none of ``[]:*?/\\``."""
    title = SHEET_TITLE_FORBIDDEN.sub("-", XML_ILLEGAL.sub("", str(value))).strip().strip("'")[:31]
    return title or "Feuille 1"


@functools.lru_cache(maxsize=512)
def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text_cell(ref: str, text: str, style: int = 0) -> str:
    """An inline string (never evaluated); formula-like text also gets the ``quotePrefix`` style."""
    if XML_ILLEGAL.search(text):
        text = XML_ILLEGAL.sub("", text)
    text = text[:MAX_TEXT]
    if not text:
        return ""
    if not style and looks_like_formula(text):
        style = QUOTED
    space = ' xml:space="preserve"' if text != text.strip() else ""
    attributes = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{attributes}><is><t{space}>{_markup(text)}</t></is></c>'


def _serial(value: datetime.datetime) -> str:
    delta = value - EXCEL_EPOCH
    return repr(delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000)


def _int_cell(ref: str, value: int) -> str:
    # Excel keeps 15 significant digits: a bigger integer is written as its text, not rounded.
    return f'<c r="{ref}"><v>{int(value)}</v></c>' if abs(value) < 10**15 else _text_cell(ref, str(value))


def _float_cell(ref: str, value: float) -> str:
    return f'<c r="{ref}"><v>{value!r}</v></c>' if math.isfinite(value) else _text_cell(ref, str(value))


def _decimal_cell(ref: str, value: Decimal) -> str:
    return f'<c r="{ref}"><v>{value:f}</v></c>' if value.is_finite() else _text_cell(ref, str(value))


def _datetime_cell(ref: str, value: datetime.datetime) -> str:
    """``value`` in local time; Excel's serial dates start in 1900 (earlier ones as ISO text)."""
    value = value.replace(tzinfo=None)
    if value.year < 1900:
        return _text_cell(ref, value.isoformat())
    return f'<c r="{ref}" s="{DATETIME}"><v>{_serial(value)}</v></c>'


def _date_cell(ref: str, value: datetime.date) -> str:
    if value.year < 1900:
        return _text_cell(ref, value.isoformat())
    midnight = datetime.datetime.combine(value, datetime.time())
    return f'<c r="{ref}" s="{DATE}"><v>{_serial(midnight)}</v></c>'


def _time_cell(ref: str, value: datetime.time) -> str:
    seconds = value.hour * 3600 + value.minute * 60 + value.second
    return f'<c r="{ref}" s="{TIME}"><v>{seconds / 86400!r}</v></c>'


class _Cells(Values):
    """The XLSX cells of one export: numbers and dates as such, everything else as text."""

    def __init__(self):
        super().__init__()
        self._xlsx = {
            str: _text_cell,
            int: _int_cell,
            bool: self.yes_no_cell,
            Decimal: _decimal_cell,
            float: _float_cell,
            datetime.datetime: self.datetime_cell,
            datetime.date: _date_cell,
            datetime.time: _time_cell,
            type(None): _no_cell,
        }

    def yes_no_cell(self, ref: str, value: bool) -> str:
        return _text_cell(ref, self.yes_no(value))

    def datetime_cell(self, ref: str, value: datetime.datetime) -> str:
        return _datetime_cell(ref, self.local(value))

    def xlsx_cell(self, ref: str, value) -> str:
        cell = self._xlsx.get(type(value))
        if cell is not None:
            return cell(ref, value)
        for kind in SUBCLASS_ORDER:
            if isinstance(value, kind):
                return self._xlsx[kind](ref, value)
        return _text_cell(ref, self.text(value))


def _no_cell(_ref: str, _value) -> str:
    return ""


def xlsx_cell(ref: str, value) -> str:
    """One typed value as a cell (an export builds one ``_Cells`` for all its cells)."""
    return _Cells().xlsx_cell(ref, value)


def _sheet_parts(header: Sequence, rows: Iterable[Sequence]) -> Iterator[bytes]:
    labels = [str(label) for label in header]
    widths = "".join(
        f'<col min="{n}" max="{n}" width="{min(max(len(label) + 4, 10), 50)}" customWidth="1"/>'
        for n, label in enumerate(labels, start=1)
    )
    yield (
        f'{XML_DECLARATION}<worksheet xmlns="{NS_MAIN}" xmlns:r="{NS_REL}">'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{widths}</cols>" if labels else "")
        + '<sheetData><row r="1">'
        + "".join(_text_cell(f"{column_letter(n)}1", label, HEADER) for n, label in enumerate(labels))
        + "</row>"
    ).encode()
    cell = _Cells().xlsx_cell
    for number, row in enumerate(rows, start=2):
        cells = "".join(cell(f"{column_letter(n)}{number}", value) for n, value in enumerate(row))
        yield f'<row r="{number}">{cells}</row>'.encode()
    yield b"</sheetData></worksheet>"


def xlsx_stream(
    header: Sequence, rows: Iterable[Sequence], *, sheet_title: str, language: str
) -> Iterator[bytes]:
    """A one-sheet workbook (header row in bold and frozen), written as the rows come."""
    with translation.override(language):
        archive = ZipStream(when=timezone.now())
        workbook = (
            f'{XML_DECLARATION}<workbook xmlns="{NS_MAIN}" xmlns:r="{NS_REL}"><sheets>'
            f'<sheet name={quoteattr(safe_sheet_title(sheet_title))} sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>"
        )
        fixed = {
            "[Content_Types].xml": CONTENT_TYPES_XML,
            "_rels/.rels": ROOT_RELS_XML,
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS_XML,
            "xl/styles.xml": STYLES_XML,
        }
        for path, content in fixed.items():
            yield from archive.member(path, [content.encode()])
        yield from archive.member("xl/worksheets/sheet1.xml", batched(_sheet_parts(header, rows)))
        yield from archive.close()
