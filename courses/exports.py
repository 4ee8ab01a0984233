"""CSV exports of the courses app, written for French Excel: UTF-8 with BOM, ``;`` between cells.

Every cell goes through ``neutralise`` so that a name such as ``=HYPERLINK(...)`` stays text in a
spreadsheet (CSV formula injection).
"""

import csv
import itertools
import re
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from courses.selectors.matrix import Matrix, MatrixRow

BOM = "\ufeff"
# A spreadsheet reads a cell starting with one of these as a formula (or strips it before one).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose ``write`` hands the line back, so csv.writer can feed a generator."""

    def write(self, value: str) -> str:
        return value


# A plain number (French or English decimals) is data, not a formula, even with a minus sign.
PLAIN_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def neutralise(value) -> str:
    text = str(value)
    if PLAIN_NUMBER.match(text):
        return text
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def matrix_header(matrix: Matrix) -> list[str]:
    modules = [_("%(module)s (terminées sur total)") % {"module": module.label} for module in matrix.modules]
    return [_("Nom"), _("Prénom"), _("E-mail"), _("Organisme"), _("Statut"), *modules, _("Progression (%)")]


def matrix_line(row: MatrixRow) -> list:
    # "2 sur 3" rather than "2/3": Excel would read the latter as a date (2 March).
    cells = [_("%(done)s sur %(total)s") % {"done": c.completed, "total": c.total} for c in row.cells]
    return [row.last_name, row.first_name, row.email, row.organisation, row.status_label, *cells, row.percent]


def csv_lines(lines: Iterable[list], *, language: str) -> Iterator[str]:
    """The BOM, then each line formatted as CSV and neutralised, one at a time.

    The lines are produced while the server sends the response, after the language middleware has
    returned: ``language`` keeps the labels in the language of the request.
    """
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    with translation.override(language):
        yield BOM
        for line in lines:
            yield writer.writerow([neutralise(value) for value in line])


def matrix_csv_response(matrix: Matrix) -> StreamingHttpResponse:
    lines = itertools.chain([matrix_header(matrix)], map(matrix_line, matrix.rows))
    response = StreamingHttpResponse(
        csv_lines(lines, language=translation.get_language()), content_type="text/csv; charset=utf-8"
    )
    slug = slugify(matrix.cohort.name) or f"promotion-{matrix.cohort.pk}"
    response["Content-Disposition"] = f'attachment; filename="progression-{slug}.csv"'
    return response
