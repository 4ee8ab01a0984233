"""``resultats`` in CSV written by PostgreSQL (``COPY``), byte for byte the file of the Python path.

The attempts can run into the hundreds of thousands (the export of every cohort): read through the ORM
and formatted in Python, they come out at a tenth of the speed of a raw ``COPY``. Here the ORM still
builds the selection (the same filters, joins and columns as ``exports.selection_rows``, plus the
ordering keys), compiled to SQL with its parameters; an outer SELECT formats each column as the CSV
writer would (``lms.tabular.pgcells``) and sorts by the same keys as the Python path; ``COPY`` writes it
(``lms.tabular.pgcopy``). SQLite, and XLSX, keep the Python path (``csv_or_copy``).
"""

from collections.abc import Iterator

from django.http import StreamingHttpResponse

from lms.steering import exports
from lms.tabular import CONTENT_TYPES, streaming_attachment, tabular_response
from lms.tabular.pgcells import Expression, SqlCells, join
from lms.tabular.pgcopy import copy_csv_stream, copy_supported

# How each column read becomes text: a method of ``SqlCells``, or a mapping of labels.
KINDS = {
    "enrolment__cohort__name": "text",
    "enrolment__learner__last_name": "text",
    "enrolment__learner__first_name": "text",
    "enrolment__learner__email": "text",
    "enrolment__learner__organisation__name": "text",
    "quiz__module__number": "integer",
    "quiz__title": "text",
    "number": "integer",
    "state": exports.ATTEMPT_STATES,
    "score": "number",
    "passed": "yes_no",
    "started_at": "datetime",
    "closed_at": "datetime",
    "close_reason": exports.CLOSE_REASONS,
}


def resultats_select(selection: exports.AttemptSelection, cells: SqlCells) -> Expression:
    """``SELECT <formatted columns> FROM (<the ORM's query>) AS r (c0, c1, …) ORDER BY <keys>``.

    The inner query reads the raw columns and the ordering keys, unordered; the outer one orders by
    those columns, which keep their collation: the order of the Python path's ORDER BY."""
    columns = list(selection.fields)
    columns += [key for key in selection.order if key not in columns]
    inner = selection.attempts.order_by().values_list(*columns)
    inner_sql, inner_params = inner.query.sql_with_params()
    names = [f"r.c{index}" for index in range(len(columns))]
    # The formatted columns are the first ones; the ordering keys not printed follow.
    printed = zip(selection.fields, names, strict=False)
    formatted = join(_cell(cells, KINDS[field], name) for field, name in printed)
    aliases = ", ".join(f"c{index}" for index in range(len(columns)))
    order = ", ".join(names[columns.index(key)] for key in selection.order)
    return Expression(
        f"SELECT {formatted.sql} FROM ({inner_sql}) AS r ({aliases}) ORDER BY {order}",  # noqa: S608
        [*formatted.params, *inner_params],
    )


def _cell(cells: SqlCells, kind, column: str) -> Expression:
    if isinstance(kind, str):
        return getattr(cells, kind)(column)
    return cells.label(column, kind)


def resultats_copy_stream(selection: exports.AttemptSelection, *, language: str) -> Iterator[bytes]:
    """The CSV file of ``selection``, written by PostgreSQL (``copy_supported`` first)."""
    return copy_csv_stream(
        exports.selection_header(selection),
        lambda cells: resultats_select(selection, cells),
        language=language,
        using=selection.attempts.db,
    )


def csv_or_copy(
    fmt: str, filename: str, selection: exports.AttemptSelection, *, language: str, sheet_title: str
) -> StreamingHttpResponse:
    """The download of ``selection`` as ``<filename>.<fmt>``: CSV by COPY on PostgreSQL, else Python."""
    if fmt == "csv" and copy_supported(selection.attempts.db):
        chunks = resultats_copy_stream(selection, language=language)
        return streaming_attachment(chunks, filename=f"{filename}.csv", content_type=CONTENT_TYPES["csv"])
    header, rows = exports.selection_header(selection), exports.selection_rows(selection)
    return tabular_response(fmt, filename, header, rows, sheet_title=sheet_title)
