"""Streaming spreadsheet writers: CSV for French Excel and a minimal XLSX, sent as they are produced.

Low-level on purpose (no domain app imported): the exports of every app hand a header and a lazy
iterator of rows to ``tabular_response`` and memory stays flat whatever the number of rows, because
each writer produces its bytes row by row and hands them over in chunks of about 64 KiB
(``lms.zipstream``, which also carries the XLSX's ZIP container).

Rows hold plain Python values, typed: ``None`` (empty cell), ``bool`` (« oui » / « non »), ``int``,
``Decimal`` and ``float`` (numbers), ``datetime`` (aware ones in local time), ``date``, ``time``, and
anything else as text (lazy translations included). The CSV writes them the way French Excel reads
them (``72,5``, ``03/02/2026 09:07``); the XLSX stores real numbers and real dates with a format.

Formula injection: a text cell that starts like a formula (``=``, ``+``, ``-``, ``@``, tab, CR) would
run in a spreadsheet. In the CSV it gets a leading ``'`` (``neutralise``): Excel and LibreOffice then
read text. In the XLSX every text is an inline string, which is never evaluated; a formula-like text
also carries the ``quotePrefix`` style, what Excel itself stores when one types ``'=1+1``: the cell
shows the text exactly as written and stays text if someone edits it.

Translation: the rows are produced while the server sends the response, after the language
middleware has returned; each writer activates ``language`` (the request's) while it runs.

Modules: ``values`` (typed values, ``neutralise``), ``csvfile``, ``xlsx``; this one sends them. On
PostgreSQL, a large CSV can be written by the database itself, the same bytes: ``pgcells`` (the SQL twin
of ``Values``) and ``pgcopy`` (``COPY … TO STDOUT`` streamed).
"""

import re
from collections.abc import Iterable, Sequence

from django.http import StreamingHttpResponse
from django.utils import translation

from lms.tabular.csvfile import BOM, csv_cell, csv_lines, csv_stream
from lms.tabular.values import FORMULA_TRIGGERS, PLAIN_NUMBER, looks_like_formula, neutralise
from lms.tabular.xlsx import xlsx_stream

__all__ = [
    "BOM",
    "CONTENT_TYPES",
    "FORMATS",
    "FORMULA_TRIGGERS",
    "PLAIN_NUMBER",
    "XLSX_CONTENT_TYPE",
    "csv_cell",
    "csv_lines",
    "csv_stream",
    "looks_like_formula",
    "neutralise",
    "streaming_attachment",
    "tabular_response",
    "xlsx_stream",
]

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": CSV_CONTENT_TYPE, "xlsx": XLSX_CONTENT_TYPE}
FORMATS = tuple(CONTENT_TYPES)


def streaming_attachment(
    chunks: Iterable[bytes], *, filename: str, content_type: str
) -> StreamingHttpResponse:
    """A download sent as it is produced; personal data, so no cache may keep it."""
    response = StreamingHttpResponse(chunks, content_type=content_type)
    safe_name = re.sub(r"[^A-Za-z0-9._-]", "-", filename)
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def tabular_response(
    fmt: str, filename: str, header: Sequence, rows: Iterable[Sequence], *, sheet_title: str = ""
) -> StreamingHttpResponse:
    """``rows`` under ``header`` as ``<filename>.<fmt>`` (``csv`` or ``xlsx``), streamed."""
    language = translation.get_language()
    if fmt == "csv":
        chunks = csv_stream(header, rows, language=language)
    elif fmt == "xlsx":
        chunks = xlsx_stream(header, rows, sheet_title=sheet_title or filename, language=language)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return streaming_attachment(chunks, filename=f"{filename}.{fmt}", content_type=CONTENT_TYPES[fmt])
