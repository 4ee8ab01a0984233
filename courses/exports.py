"""CSV exports of the courses app, written for French Excel: UTF-8 with BOM, ``;`` between cells.

Every cell goes through ``neutralise`` (``lms.tabular``) so that a name such as ``=HYPERLINK(...)``
stays text in a spreadsheet (CSV formula injection).
"""

import itertools

from django.http import StreamingHttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from courses.selectors.matrix import Matrix, MatrixRow

# The generic writers moved to ``lms.tabular``; imported here so that existing callers keep working.
from lms.tabular import BOM, FORMULA_TRIGGERS, PLAIN_NUMBER, csv_lines, neutralise

__all__ = [
    "BOM",
    "FORMULA_TRIGGERS",
    "PLAIN_NUMBER",
    "csv_lines",
    "matrix_csv_response",
    "matrix_header",
    "matrix_line",
    "neutralise",
]


def matrix_header(matrix: Matrix) -> list[str]:
    modules = [_("%(module)s (terminées sur total)") % {"module": module.label} for module in matrix.modules]
    return [_("Nom"), _("Prénom"), _("E-mail"), _("Organisme"), _("Statut"), *modules, _("Progression (%)")]


def matrix_line(row: MatrixRow) -> list:
    # "2 sur 3" rather than "2/3": Excel would read the latter as a date (2 March).
    cells = [_("%(done)s sur %(total)s") % {"done": c.completed, "total": c.total} for c in row.cells]
    return [row.last_name, row.first_name, row.email, row.organisation, row.status_label, *cells, row.percent]


def matrix_csv_response(matrix: Matrix) -> StreamingHttpResponse:
    lines = itertools.chain([matrix_header(matrix)], map(matrix_line, matrix.rows))
    response = StreamingHttpResponse(
        csv_lines(lines, language=translation.get_language()), content_type="text/csv; charset=utf-8"
    )
    slug = slugify(matrix.cohort.name) or f"promotion-{matrix.cohort.pk}"
    response["Content-Disposition"] = f'attachment; filename="progression-{slug}.csv"'
    return response
