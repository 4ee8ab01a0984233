"""The certificat de réalisation of one enrolment: what the learner attended, in hours, per module.

This is the document funders ask for to pay for a training action. It is written in our own words
(it reproduces no official form): the organiser, the learner and their organisation, the programme and
the cohort's dates, the closed sessions the learner attended, the hours per module and overall. The
counting rules (closed sessions only, arrival/departure times, equal split between modules, « Hors
module ») live with the data in ``assessments.selectors.documents`` and are restated on the page.
There is no signature image: the URH issues the document through the platform.
"""

import datetime

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from assessments.models import Attendance
from assessments.pdf import (
    ORGANISER,
    ORGANISER_SHORT,
    PARTNER,
    PdfRenderer,
    duration,
    long_date,
    markup,
    para,
    short_date,
)
from assessments.pdf.emargement import GRID, half_day_label
from assessments.pdf.fonts import LIGHT
from assessments.selectors.documents import AttendedSession, CompletionRecord, ModuleHours


class CompletionCertificateRenderer(PdfRenderer):
    """``CompletionRecord`` → PDF bytes, dated ``issued_on``."""

    # Date, half-day, session, modules, status, duration (174 mm).
    session_widths = (22 * mm, 25 * mm, 65 * mm, 20 * mm, 24 * mm, 18 * mm)
    module_widths = (110 * mm, 32 * mm, 32 * mm)

    def __init__(self, record: CompletionRecord, *, issued_on: datetime.date, invariant: bool | None = None):
        super().__init__(invariant=invariant)
        self.record = record
        self.issued_on = issued_on
        self.title = _("Certificat de réalisation — %(learner)s") % {"learner": record.learner}
        self.subject = record.programme

    def footer_text(self) -> str:
        return _("Certificat de réalisation · %(learner)s · %(cohort)s") % {
            "learner": self.record.learner,
            "cohort": self.record.cohort,
        }

    def story(self) -> list:
        return [
            para(ORGANISER, "organiser"),
            para(_("en partenariat avec l'%(partner)s") % {"partner": PARTNER}, "partner"),
            para(_("Certificat de réalisation"), "title"),
            *self.statement(),
            para(_("Séances suivies"), "section"),
            self.sessions_table(),
            para(_("Heures suivies par module"), "section"),
            self.modules_table(),
            Spacer(1, 3 * mm),
            *self.totals(),
            *self.rules(),
            self.signature(),
        ]

    def statement(self) -> list:
        record = self.record
        learner = (
            _("%(learner)s, de l'organisme %(organisation)s,") if record.organisation else _("%(learner)s")
        )
        return [
            markup(
                _(
                    "L'%(organiser)s certifie que <b>%(who)s</b> a suivi l'action de formation "
                    "<b>« %(programme)s »</b> au sein de la promotion %(cohort)s, "
                    "du %(start)s au %(end)s, selon le détail ci-dessous."
                ),
                organiser=ORGANISER,
                who=learner % {"learner": record.learner, "organisation": record.organisation},
                programme=record.programme,
                cohort=record.cohort,
                start=long_date(record.starts_on, weekday=False),
                end=long_date(record.ends_on, weekday=False),
            )
        ]

    def sessions_table(self) -> Table:
        header = [_("Date"), _("Demi-journée"), _("Séance"), _("Modules"), _("Présence"), _("Durée")]
        data = [[para(text, "head") for text in header]]
        data += [self.session_cells(item) for item in self.record.sessions]
        if not self.record.sessions:
            data.append([para(_("Aucune séance close suivie à ce jour."), "cell"), "", "", "", "", ""])
        table = Table(data, colWidths=self.session_widths, repeatRows=1)
        table.setStyle(_grid_style(empty=not self.record.sessions))
        return table

    def session_cells(self, item: AttendedSession) -> list[Paragraph]:
        return [
            para(short_date(item.date), "cell"),
            para(half_day_label(item.half_day), "cell"),
            para(item.title, "cell"),
            para(", ".join(item.modules) or _("Hors module"), "cell"),
            para(str(Attendance.Status(item.status).label), "cell"),
            para(duration(item.minutes), "cell"),
        ]

    def modules_table(self) -> Table:
        header = [_("Module"), _("Heures suivies"), _("Heures programmées")]
        data = [[para(text, "head") for text in header]]
        data += [self.module_cells(item) for item in self.record.modules]
        if not self.record.modules:
            data.append([para(_("Aucune séance programmée."), "cell"), "", ""])
        table = Table(data, colWidths=self.module_widths, repeatRows=1)
        table.setStyle(_grid_style(empty=not self.record.modules))
        return table

    def module_cells(self, item: ModuleHours) -> list[Paragraph]:
        return [
            para(item.label or _("Hors module"), "cell"),
            para(duration(item.attended), "cell"),
            para(duration(item.scheduled), "cell"),
        ]

    def totals(self) -> list:
        record = self.record
        return [
            markup(
                _(
                    "<b>Total : %(attended)s suivies sur %(scheduled)s programmées</b> "
                    "(dont %(held)s de séances tenues et co-signées)."
                ),
                attended=duration(record.attended_minutes),
                scheduled=duration(record.scheduled_minutes),
                held=duration(record.held_minutes),
            )
        ]

    def rules(self) -> list:
        text = _(
            "Règles de calcul : seules les demi-journées closes et co-signées par le formateur ou la "
            "formatrice sont comptées ; une présence ou un retard compte le temps entre l'arrivée et le "
            "départ notés par le formateur ou la formatrice, à défaut toute la séance ; une séance "
            "consacrée à plusieurs modules est répartie à parts égales entre eux ; une séance sans "
            "module est comptée « Hors module »."
        )
        return [Spacer(1, 2 * mm), para(text, "small")]

    def signature(self) -> KeepTogether:
        issued = _("Fait le %(date)s.") % {"date": long_date(self.issued_on, weekday=False)}
        signatory = _("Pour l'%(organiser)s") % {"organiser": ORGANISER_SHORT}
        return KeepTogether(
            [Spacer(1, 8 * mm), para(issued), Spacer(1, 3 * mm), para(signatory, "organiser")]
        )


def _grid_style(*, empty: bool = False) -> TableStyle:
    """Header row shaded; an empty table's single « nothing yet » row spans every column."""
    return TableStyle(
        [
            *([("SPAN", (0, 1), (-1, 1))] if empty else []),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("BOX", (0, 0), (-1, -1), 0.5, GRID),
            ("INNERGRID", (0, 0), (-1, -1), 0.25, GRID),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f8fa")]),
        ]
    )
