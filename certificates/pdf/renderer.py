"""The certificate page: ``CertificateRenderer(data).render()`` returns the (unsigned) PDF bytes.

Every value is drawn with ``drawString`` after ``pdf_text`` (Helvetica's WinAnsi): a name such as
``<b>…</b>`` or ``&amp;`` prints as typed and is never read as markup. A value too long for its line is
set smaller, down to a floor, then cut with an ellipsis. The output is reproducible (reportlab's
``invariant``: fixed document id and dates): the date that counts is the signature's.
"""

import datetime
import io
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from assessments.pdf import ORGANISER, ORGANISER_SHORT, PARTNER, long_date
from assessments.pdf.fonts import BOLD, GREY, ITALIC, RED, RED_BACKGROUND, REGULAR, pdf_text
from certificates.pdf.data import CertificateData
from certificates.pdf.qr import draw_qr
from lms.numbers import french_decimal

NAVY = colors.HexColor("#1f3a5f")
ELLIPSIS = "…"


def fitted(text: str, font: str, size: float, width: float, *, floor: float = 7) -> tuple[str, float]:
    """``text`` and the largest size (down to ``floor``) at which it fits ``width``; cut if it must."""
    text = pdf_text(text)
    while size > floor and stringWidth(text, font, size) > width:
        size = max(floor, size - 0.5)
    if stringWidth(text, font, size) <= width:
        return text, size
    while text and stringWidth(text + ELLIPSIS, font, size) > width:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS, size


def hours_label(hours: Decimal) -> str:
    """« 21 heures », « 10,5 heures », « 1 heure » (French keeps the singular below two)."""
    return ngettext("%(hours)s heure", "%(hours)s heures", 1 if hours < 2 else 2) % {
        "hours": french_decimal(hours)
    }


def validity_years(valid_from: datetime.date, valid_until: datetime.date) -> int | None:
    """Whole years from ``valid_from`` to the eve of an anniversary, else ``None``."""
    end = valid_until + datetime.timedelta(days=1)
    years = end.year - valid_from.year
    return years if years > 0 and (end.month, end.day) == (valid_from.month, valid_from.day) else None


class CertificateRenderer:
    """``CertificateData`` → PDF bytes: A4 landscape, one page."""

    pagesize = landscape(A4)
    margin = 25 * mm
    qr_size = 32 * mm

    def __init__(self, data: CertificateData):
        self.data = data
        self.width, self.height = self.pagesize

    def render(self) -> bytes:
        buffer = io.BytesIO()
        # Uncompressed: reportlab's pure-Python ASCII85 step costs more (~1 ms) than the 5 KB it saves.
        canvas = Canvas(buffer, pagesize=self.pagesize, invariant=1, lang="fr", pageCompression=0)
        self.metadata(canvas)
        self.frame(canvas)
        self.header(canvas)
        self.statement(canvas)
        self.signatory(canvas)
        self.verification(canvas)
        if self.data.demo_signature:
            self.demo_notice(canvas)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def metadata(self, canvas) -> None:
        data = self.data
        canvas.setTitle(
            pdf_text(
                _("Certificat %(number)s — %(holder)s") % {"number": data.number, "holder": data.holder_name}
            )
        )
        canvas.setAuthor(ORGANISER)
        canvas.setSubject(pdf_text(data.programme_title))
        canvas.setCreator(ORGANISER_SHORT)

    def frame(self, canvas) -> None:
        canvas.saveState()
        canvas.setStrokeColor(NAVY)
        canvas.setLineWidth(2)
        canvas.rect(12 * mm, 12 * mm, self.width - 24 * mm, self.height - 24 * mm)
        canvas.setLineWidth(0.5)
        canvas.rect(15 * mm, 15 * mm, self.width - 30 * mm, self.height - 30 * mm)
        canvas.restoreState()

    def header(self, canvas) -> None:
        top = self.height - 28 * mm
        right = self.width - self.margin
        self.line(canvas, ORGANISER, BOLD, 12, self.margin, top, align="left", width=150 * mm)
        self.line(canvas, _("avec l'%(partner)s") % {"partner": PARTNER}, REGULAR, 10, self.margin,
                  top - 5 * mm, align="left", color=GREY)  # fmt: skip
        number = _("N° %(number)s") % {"number": self.data.number}
        self.line(canvas, number, BOLD, 11, right, top, align="right", width=80 * mm)
        if self.data.version > 1:
            version = _("Version %(version)s du document") % {"version": self.data.version}
            self.line(canvas, version, REGULAR, 9, right, top - 5 * mm, align="right", color=GREY)

    def statement(self, canvas) -> None:
        data, centre, top = self.data, self.width / 2, self.height
        text_width = self.width - 2 * self.margin
        title = _("Certificat de référent·e égalité de traitement")
        self.line(canvas, title, BOLD, 26, centre, top - 50 * mm, width=text_width, color=NAVY)
        self.line(canvas, _("L'%(organiser)s certifie que") % {"organiser": ORGANISER}, REGULAR, 12,
                  centre, top - 64 * mm, width=text_width)  # fmt: skip
        self.line(canvas, data.holder_name, BOLD, 24, centre, top - 78 * mm, width=text_width, floor=10)
        if data.holder_organisation:
            self.line(canvas, data.holder_organisation, REGULAR, 13, centre, top - 87 * mm, width=text_width)
        self.line(canvas, _("a suivi avec succès le parcours de qualification"), REGULAR, 12, centre,
                  top - 99 * mm, width=text_width)  # fmt: skip
        self.line(canvas, f"« {data.programme_title} »", BOLD, 15, centre, top - 108 * mm, width=text_width)
        duration = _("d'une durée de %(hours)s, et satisfait aux conditions de la certification.") % {
            "hours": hours_label(data.hours)
        }
        self.line(canvas, duration, REGULAR, 12, centre, top - 117 * mm, width=text_width)
        self.line(canvas, self.dates_text(), REGULAR, 11, centre, top - 128 * mm, width=text_width)

    def dates_text(self) -> str:
        data = self.data
        text = _("Délivré le %(issued)s — valable du %(start)s au %(end)s") % {
            "issued": long_date(data.issued_on, weekday=False),
            "start": long_date(data.valid_from, weekday=False),
            "end": long_date(data.valid_until, weekday=False),
        }
        years = validity_years(data.valid_from, data.valid_until)
        if years is None:
            return text
        validity = ngettext("%(count)s an", "%(count)s ans", years) % {"count": years}
        return _("%(dates)s (validité : %(validity)s)") % {"dates": text, "validity": validity}

    def signatory(self, canvas) -> None:
        data, x, width = self.data, self.margin, 95 * mm
        on_behalf = _("Pour l'%(organiser)s,") % {"organiser": ORGANISER_SHORT}
        self.line(canvas, on_behalf, REGULAR, 10, x, 50 * mm, align="left", width=width)
        self.line(canvas, data.signatory_name, BOLD, 12, x, 44 * mm, align="left", width=width)
        self.line(canvas, data.signatory_role, REGULAR, 10, x, 39 * mm, align="left", width=width)
        signed = _("Document signé électroniquement (signature PAdES intégrée au PDF).")
        self.line(canvas, signed, ITALIC, 8, x, 31 * mm, align="left", width=width, color=GREY)

    def verification(self, canvas) -> None:
        qr_x = self.width - self.margin - self.qr_size
        draw_qr(canvas, self.data.verification_url, x=qr_x, y=20 * mm, size=self.qr_size)
        right, width = qr_x - 2 * mm, 110 * mm
        self.line(canvas, _("Vérifier l'authenticité de ce certificat :"), BOLD, 9, right, 44 * mm,
                  align="right", width=width)  # fmt: skip
        self.line(canvas, self.data.verification_url, REGULAR, 8, right, 39 * mm, align="right",
                  width=width, floor=5)  # fmt: skip
        hint = _("ou scanner le code ci-contre.")
        self.line(canvas, hint, REGULAR, 8, right, 34 * mm, align="right", width=width, color=GREY)

    def demo_notice(self, canvas) -> None:
        text = _("Signature de démonstration — ce document n'a pas de valeur")
        box_width, box_height, y = 200 * mm, 10 * mm, 60 * mm
        canvas.saveState()
        canvas.setFillColor(RED_BACKGROUND)
        canvas.setStrokeColor(RED)
        canvas.rect((self.width - box_width) / 2, y, box_width, box_height, stroke=1, fill=1)
        canvas.restoreState()
        self.line(canvas, text, BOLD, 13, self.width / 2, y + 3.3 * mm, width=box_width - 6 * mm, color=RED)

    def line(self, canvas, text, font, size, x, y, *, align="centre", width=None, floor=7, color=None):
        """One line of plain text (never markup), set smaller or cut to fit ``width``."""
        text, size = fitted(text, font, size, width or self.width, floor=floor)
        canvas.saveState()
        canvas.setFont(font, size)
        canvas.setFillColor(color or colors.black)
        draw = {"left": canvas.drawString, "right": canvas.drawRightString}.get(
            align, canvas.drawCentredString
        )
        draw(x, y, text)
        canvas.restoreState()
