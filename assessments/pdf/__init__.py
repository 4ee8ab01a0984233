"""PDF documents of the attendance register: the émargement sheet of a session and the learner's
certificat de réalisation.

Each document is a renderer class (``emargement.AttendanceSheetRenderer``,
``completion.CompletionCertificateRenderer``) built on ``PdfRenderer`` below: it holds its layout
constants and small hooks, takes the frozen data of ``assessments.selectors.documents`` and returns
bytes. A renderer never touches the database; the view gathers the data and calls it.

``INVARIANT`` makes the output byte-for-byte reproducible (reportlab's ``invariant``: fixed creation
date and document id); the tests switch it on, production leaves the real dates in the metadata.
"""

import abc
import datetime
import functools
import io
from fractions import Fraction
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from assessments.pdf.fonts import GREY, REGULAR, pdf_text, styles

INVARIANT = False

# Proper names: the organiser and its partner are the same in every language.
ORGANISER = "Union régionale pour l'habitat Hauts-de-France"
ORGANISER_SHORT = "URH Hauts-de-France"
PARTNER = "IREV"

NO_VALUE = "—"


def para(text, style: str = "body") -> Paragraph:
    """A paragraph of plain text: escaped (a name such as ``<b>`` stays text) and made printable."""
    return Paragraph(escape(pdf_text(text)), styles()[style])


def markup(template: str, style: str = "body", **values) -> Paragraph:
    """A paragraph from a markup template (``<b>…</b>``) whose values are escaped plain text."""
    safe = {key: escape(pdf_text(value)) for key, value in values.items()}
    return Paragraph(pdf_text(template) % safe, styles()[style])


def long_date(value: datetime.date, *, weekday: bool = True) -> str:
    """« mardi 3 février 2026 » in French (« 3 février 2026 » without the weekday)."""
    return formats.date_format(value, "l j F Y" if weekday else "j F Y")


def short_date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def clock(value: datetime.time | None) -> str:
    return value.strftime("%H:%M") if value is not None else NO_VALUE


def duration(minutes: Fraction | int) -> str:
    """« 3 h 30 », « 7 h », « 0 h 45 », rounded to the nearest minute (a half rounds up)."""
    total = int(Fraction(minutes) + Fraction(1, 2))
    hours, rest = divmod(total, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


class _NumberedCanvas(Canvas):
    """Holds the pages back until the end, so that each can say « Page 2 / 5 » and carry overlays."""

    def __init__(self, *args, renderer: "PdfRenderer", **kwargs):
        super().__init__(*args, **kwargs)
        self._renderer = renderer
        self._pages: list[dict] = []

    def showPage(self):  # reportlab's camelCase API
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        count = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._renderer.finish_page(self, count)
            super().showPage()
        super().save()


class PdfRenderer(abc.ABC):
    """Base of the documents: A4 portrait, margins, metadata, footer and page numbers.

    Subclasses set ``title`` and implement ``story`` (the flowables); they may override
    ``footer_text`` and ``overlay`` (drawn over the content of every page, e.g. a watermark that
    table backgrounds must not hide).
    """

    pagesize = A4
    margin = 18 * mm
    top_margin = 16 * mm
    bottom_margin = 20 * mm
    footer_y = 11 * mm
    title = ""
    subject = ""

    def __init__(self, *, invariant: bool | None = None):
        self.invariant = INVARIANT if invariant is None else invariant

    @property
    def width(self) -> float:
        return self.pagesize[0] - 2 * self.margin

    @abc.abstractmethod
    def story(self) -> list:
        """The flowables of the document, in order."""

    def footer_text(self) -> str:
        return ORGANISER_SHORT

    def overlay(self, canvas) -> None:  # noqa: B027 - an optional hook, empty by default
        """Hook: what to draw over each page's content."""

    def render(self) -> bytes:
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.top_margin,
            bottomMargin=self.bottom_margin,
            title=pdf_text(self.title),
            author=ORGANISER_SHORT,
            subject=pdf_text(self.subject),
            creator=ORGANISER_SHORT,
            lang="fr",
            invariant=int(self.invariant),
        )
        doc.build(self.story(), canvasmaker=functools.partial(_NumberedCanvas, renderer=self))
        return buffer.getvalue()

    def finish_page(self, canvas, page_count: int) -> None:
        """Footer, page number and overlay, once the number of pages is known."""
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(self.margin, self.footer_y, pdf_text(self.footer_text())[:110])
        label = _("Page %(page)s / %(pages)s") % {"page": canvas.getPageNumber(), "pages": page_count}
        canvas.drawRightString(self.pagesize[0] - self.margin, self.footer_y, label)
        canvas.restoreState()
        canvas.saveState()
        self.overlay(canvas)
        canvas.restoreState()
