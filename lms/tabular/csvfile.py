"""The CSV writer: UTF-8 with a BOM, ``;`` between cells, CRLF, every text neutralised: what French
Excel opens without an import step."""

import csv
from collections.abc import Iterable, Iterator, Sequence

from django.utils import translation

from lms.tabular.values import Values, neutralise
from lms.zipstream import batched

BOM = "\ufeff"
DELIMITER = ";"
QUOTE = '"'
LINE_END = "\r\n"


class _Echo:
    """A file-like object whose ``write`` hands the line back, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(lines: Iterable[list], *, language: str) -> Iterator[str]:
    """The BOM, then each line (values already formatted) as CSV and neutralised, one at a time."""
    writer = _writer()
    with translation.override(language):
        yield BOM
        for line in lines:
            yield writer.writerow([neutralise(value) for value in line])


def csv_cell(value) -> str:
    """``Values.csv_cell`` for a single value (an export builds one ``Values`` for all its cells)."""
    return Values().csv_cell(value)


def csv_stream(header: Sequence, rows: Iterable[Sequence], *, language: str) -> Iterator[bytes]:
    """UTF-8 with a BOM, ``;`` between cells, CRLF: what French Excel opens without an import step."""
    return batched(_csv_parts(header, rows, language))


def csv_header(header: Sequence) -> bytes:
    """The BOM and the header line, as ``csv_stream`` starts (in the active language): the PostgreSQL
    path (``lms.tabular.pgcopy``) writes its header with this too, so both files start alike."""
    return (BOM + _writer().writerow([neutralise(label) for label in header])).encode()


def _writer():
    """csv.writer's default quoting (QUOTE_MINIMAL): a cell is quoted when it holds the delimiter, the
    quote, CR or LF, and its quotes are doubled; ``pgcopy`` relies on COPY doing the same."""
    return csv.writer(_Echo(), delimiter=DELIMITER, quotechar=QUOTE, lineterminator=LINE_END)


def _csv_parts(header, rows, language) -> Iterator[bytes]:
    writer = _writer()
    with translation.override(language):
        cell = Values().csv_cell
        yield csv_header(header)
        for row in rows:
            yield writer.writerow([cell(value) for value in row]).encode()
