"""CSV files that PostgreSQL writes itself: ``COPY (SELECT …) TO STDOUT`` streamed as the download.

Why: reading rows through the ORM and formatting them in Python is about five times slower than
PostgreSQL writing the CSV (quality.md asks for ≥ 0.3x a raw COPY). The SELECT formats every cell as
``Values.csv_cell`` would (``lms.tabular.pgcells``); COPY only quotes and separates.

The bytes are those ``csv_stream`` writes for the same rows, the tests compare them:

- the BOM and the header line come from ``csv_header``, the very writer of the Python path;
- COPY's CSV quoting is csv.writer's QUOTE_MINIMAL: a field is quoted when it holds the delimiter, the
  quote, CR or LF, and its quotes are doubled (a lone ``\\.`` is quoted only in a one-column file);
- an empty cell is NULL in the SELECT (COPY would quote an empty string);
- COPY ends a row with LF, the file uses CRLF. The server sends one CopyData message per row (protocol
  documentation, "COPY Operations"), and psycopg hands over one message per read: each row's last byte
  is that LF, replaced here; a LF inside a quoted field stays as csv.writer leaves it.

Memory stays flat: rows are read from the socket one at a time and handed over in chunks of about
``CHUNK_BYTES``. The COPY runs on the request's connection when the first chunk is asked for, so the
audit event is written before; a download cut short cancels it (psycopg). The statement is added to
the connection's query log like any other (``django_assert_num_queries``, DEBUG); the ``SET`` and
``RESET`` of ``jit`` around it are not (settings of the session, like Django's own at connection).
"""

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from django.db import connections
from django.utils import timezone, translation
from psycopg.pq import TransactionStatus

from lms import zipstream
from lms.tabular.csvfile import DELIMITER, QUOTE, csv_header
from lms.tabular.pgcells import Expression, SqlCells, zone_name
from lms.tabular.values import Values

LF, CRLF = 0x0A, b"\r\n"
COPY = "COPY ({select}) TO STDOUT WITH (FORMAT csv, DELIMITER %s, QUOTE %s, ENCODING 'UTF8')"


def copy_supported(using: str) -> bool:
    """Whether ``using`` is PostgreSQL and the current time zone has a name PostgreSQL knows."""
    return (
        connections[using].vendor == "postgresql" and zone_name(timezone.get_current_timezone()) is not None
    )


def copy_csv_stream(
    header: Sequence, select: Callable[[SqlCells], Expression], *, language: str, using: str
) -> Iterator[bytes]:
    """The CSV file of ``header`` and the rows of ``select`` (built with the cells of ``language``),
    as ``csv_stream`` would write it, in chunks of about ``zipstream.CHUNK_BYTES``."""
    with translation.override(language):
        buffer = bytearray(csv_header(header))
        query = select(SqlCells(Values()))
    statement = COPY.format(select=query.sql)
    params = [*query.params, DELIMITER, QUOTE]
    connection = connections[using]
    size = zipstream.CHUNK_BYTES
    started = time.monotonic()
    try:
        with (
            connection.cursor() as cursor,
            without_jit(cursor.cursor),
            cursor.cursor.copy(statement, params) as copy,
        ):
            for row in copy:
                if row[-1] != LF:
                    raise RuntimeError("COPY sent a row that does not end with a line feed")
                buffer += row[:-1]
                buffer += CRLF
                if len(buffer) >= size:
                    yield bytes(buffer)
                    buffer.clear()
    finally:
        _log(connection, statement, started)
    if buffer:
        yield bytes(buffer)


@contextmanager
def without_jit(cursor):
    """JIT compilation off for the COPY, then back to the server's setting.

    A large export costs enough for PostgreSQL to compile the SELECT's many cell expressions with LLVM:
    seconds of compiling (measured at 200 000 attempts: 3.3 s of JIT for 2.3 s of execution) for a
    query that runs once. ``RESET`` restores the configured value; in a transaction that failed (a
    download cut short inside ``atomic``), the rollback undoes the ``SET`` itself."""
    cursor.execute("SET jit = off")
    try:
        yield
    finally:
        if cursor.connection.info.transaction_status != TransactionStatus.INERROR:
            cursor.execute("RESET jit")


def _log(connection, statement: str, started: float) -> None:
    """As Django's debug cursor logs a query (the parameters are not logged: names and e-mails)."""
    if connection.queries_logged:
        connection.queries_log.append({"sql": statement, "time": f"{time.monotonic() - started:.3f}"})
