"""The émargement sheet (signed attendance sheet) of one training session, i.e. one half-day.

A4 portrait: the organiser, the programme, the session (date, half-day, times, place or visio link,
modules, trainers), then one row per learner with their status, arrival and departure times and
their own attestation (QR code scanned or online confirmation, with time and IP address), then the
trainer's co-signature and the register's seal.

The sheet is produced whatever the state of the register, and says plainly what that state is: an
open register carries a « REGISTRE NON CLOS — document provisoire » banner and watermark; a closed
register whose seal no longer matches its rows (edited outside the application after closing) is
still printed, under a red warning, so that the problem is seen rather than hidden behind an error.
"""

import datetime

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from assessments.models import Attendance, TrainingSession
from assessments.pdf import (
    NO_VALUE,
    ORGANISER,
    PARTNER,
    PdfRenderer,
    clock,
    long_date,
    para,
    short_date,
)
from assessments.pdf.fonts import BOLD, LIGHT, pdf_text
from assessments.selectors.documents import RegisterChange, SessionSheet, SheetRow
from lms.accounts import roles

GRID = colors.HexColor("#9aa5b1")
WATERMARK = colors.Color(0.72, 0.55, 0.1, alpha=0.18)

# Fields of an attendance row that a change may touch, in the order they are listed.
CHANGED_FIELDS = ("status", "arrived_at", "left_at", "comment", "method")


def role_label(role: str) -> str:
    return {
        roles.TRAINER: _("formateur·rice"),
        roles.MANAGER: _("gestionnaire"),
        roles.CERTIFIER: _("certificateur·rice URH"),
    }.get(role, _("équipe URH"))


def half_day_label(value: str) -> str:
    return str(TrainingSession.HalfDay(value).label)


def stamp(value: datetime.datetime) -> str:
    """« 03/02/2026 à 09:07 » (already in local time)."""
    return _("%(date)s à %(time)s") % {"date": short_date(value), "time": value.strftime("%H:%M")}


class AttendanceSheetRenderer(PdfRenderer):
    """``SessionSheet`` → PDF bytes. ``generated_at`` is printed, so that a copy says when it was made."""

    # Name, organisation, status, arrival, departure, attestation (sums to the 174 mm text width).
    column_widths = (36 * mm, 32 * mm, 22 * mm, 16 * mm, 16 * mm, 52 * mm)

    def __init__(
        self, sheet: SessionSheet, *, generated_at: datetime.datetime, invariant: bool | None = None
    ):
        super().__init__(invariant=invariant)
        self.sheet = sheet
        self.generated_at = generated_at
        self.title = _("Feuille d'émargement — %(session)s") % {"session": self.slot()}
        self.subject = sheet.programme

    def slot(self) -> str:
        """« 03/02/2026 matin »."""
        return f"{short_date(self.sheet.date)} {half_day_label(self.sheet.half_day)}"

    def footer_text(self) -> str:
        return _("Feuille d'émargement · %(cohort)s · %(slot)s") % {
            "cohort": self.sheet.cohort,
            "slot": self.slot(),
        }

    def overlay(self, canvas) -> None:
        if self.sheet.closed:
            return
        canvas.setFillColor(WATERMARK)
        canvas.setFont(BOLD, 30)
        canvas.translate(self.pagesize[0] / 2, self.pagesize[1] / 2)
        canvas.rotate(50)
        canvas.drawCentredString(0, 0, pdf_text(_("REGISTRE NON CLOS — document provisoire")))

    # --- Story --------------------------------------------------------------------------------------

    def story(self) -> list:
        return [
            *self.heading(),
            *self.banners(),
            self.details(),
            Spacer(1, 5 * mm),
            self.learners_table(),
            Spacer(1, 2 * mm),
            *self.summary(),
            *self.changes(),
            *self.signature(),
        ]

    def heading(self) -> list:
        return [
            para(ORGANISER, "organiser"),
            para(_("en partenariat avec l'%(partner)s") % {"partner": PARTNER}, "partner"),
            para(_("Feuille d'émargement"), "title"),
            para(self.sheet.programme, "subtitle"),
        ]

    def banners(self) -> list:
        items = []
        if self.sheet.seal_intact is False:
            items.append(
                para(
                    _("ATTENTION : le registre a été modifié hors de l'application depuis sa clôture"),
                    "alert",
                )
            )
        if not self.sheet.closed:
            items.append(
                para(
                    _(
                        "REGISTRE NON CLOS — document provisoire : la séance n'a pas encore été close et "
                        "co-signée par le formateur ou la formatrice."
                    ),
                    "provisional",
                )
            )
        return items

    def details(self) -> Table:
        sheet = self.sheet
        lines = [
            (_("Séance"), sheet.title),
            (_("Promotion"), sheet.cohort),
            (_("Date"), long_date(sheet.date)),
            (_("Demi-journée"), half_day_label(sheet.half_day)),
            (_("Horaires"), f"{clock(sheet.starts_at)} – {clock(sheet.ends_at)}"),
            (_("Modalité"), self.mode_text()),
            (_("Modules abordés"), ", ".join(sheet.modules) or NO_VALUE),
            (_("Formateur·rices"), ", ".join(sheet.trainers) or NO_VALUE),
        ]
        table = Table(
            [[para(label, "head"), para(value, "cell")] for label, value in lines],
            colWidths=(38 * mm, self.width - 38 * mm),
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (0, -1), LIGHT),
                    ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                    ("INNERGRID", (0, 0), (-1, -1), 0.25, GRID),
                ]
            )
        )
        return table

    def mode_text(self) -> str:
        sheet = self.sheet
        if sheet.mode == TrainingSession.Mode.REMOTE:
            return _("Distanciel — %(link)s") % {"link": sheet.visio_url or NO_VALUE}
        place = ", ".join(line.strip() for line in sheet.place.splitlines() if line.strip())
        return _("Présentiel — %(place)s") % {"place": place or NO_VALUE}

    # --- Learners -----------------------------------------------------------------------------------

    def learners_table(self) -> Table:
        header = [
            _("Nom"),
            _("Organisme"),
            _("Présence"),
            _("Arrivée"),
            _("Départ"),
            _("Attestation de l'apprenant·e"),
        ]
        data = [[para(text, "head") for text in header]]
        data += [self.learner_cells(row) for row in self.sheet.rows]
        if not self.sheet.rows:
            data.append([para(_("Aucun·e apprenant·e inscrit·e."), "cell"), "", "", "", "", ""])
        # repeatRows: the header row is printed again at the top of every page the table runs onto.
        table = Table(data, colWidths=self.column_widths, repeatRows=1)
        table.setStyle(self.table_style())
        if not self.sheet.rows:
            table.setStyle(TableStyle([("SPAN", (0, 1), (-1, 1))]))
        return table

    def table_style(self) -> TableStyle:
        return TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f7f8fa")]),
                ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.25, GRID),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )

    def learner_cells(self, row: SheetRow) -> list[Paragraph]:
        return [
            para(row.name, "cell"),
            para(row.organisation or NO_VALUE, "cell"),
            para(self.status_text(row.status), "cell"),
            para(clock(row.arrived_at), "cell"),
            para(clock(row.left_at), "cell"),
            para(self.attestation_text(row), "cell"),
        ]

    def status_text(self, status: str | None) -> str:
        if status is None:
            # On a closed register a learner nobody recorded was absent (see selectors.attendance).
            return _("absent·e (non pointé·e)") if self.sheet.closed else _("non pointé·e")
        return str(Attendance.Status(status).label)

    def attestation_text(self, row: SheetRow) -> str:
        if row.attested_at is None:
            return NO_VALUE
        if row.method == Attendance.Method.QR:
            text = _("QR code le %(when)s") % {"when": stamp(row.attested_at)}
        else:
            text = _("Confirmation en ligne le %(when)s") % {"when": stamp(row.attested_at)}
        return f"{text} (IP {row.attested_ip})" if row.attested_ip else text

    def summary(self) -> list:
        sheet = self.sheet
        counts = _(
            "%(total)s apprenant·es — présent·es : %(present)s ; en retard : %(late)s ; absent·es "
            "excusé·es : %(excused)s ; absent·es : %(absent)s ; non pointé·es : %(missing)s."
        ) % {
            "total": len(sheet.rows),
            "present": sheet.count(Attendance.Status.PRESENT),
            "late": sheet.count(Attendance.Status.LATE),
            "excused": sheet.count(Attendance.Status.EXCUSED),
            "absent": sheet.count(Attendance.Status.ABSENT),
            "missing": sheet.count(None),
        }
        legend = _(
            "Attestation : QR code scanné ou présence confirmée en ligne par l'apprenant·e pendant la "
            "séance ; heures de Paris."
        )
        return [para(counts, "small"), para(legend, "small")]

    # --- Changes after closing ----------------------------------------------------------------------

    def changes(self) -> list:
        if not self.sheet.changes:
            return []
        header = [_("Modifiée le"), _("Par"), _("Apprenant·e"), _("Changement"), _("Motif")]
        data = [[para(text, "head") for text in header]]
        data += [self.change_cells(change) for change in self.sheet.changes]
        table = Table(data, colWidths=(26 * mm, 30 * mm, 30 * mm, 44 * mm, 44 * mm), repeatRows=1)
        table.setStyle(self.table_style())
        return [para(_("Modifications après clôture"), "section"), table]

    def change_cells(self, change: RegisterChange) -> list[Paragraph]:
        return [
            para(stamp(change.changed_at), "cell"),
            para(change.changed_by, "cell"),
            para(change.learner, "cell"),
            para(self.change_text(change) or NO_VALUE, "cell"),
            para(change.reason, "cell"),
        ]

    def change_text(self, change: RegisterChange) -> str:
        labels = {
            "status": _("présence"),
            "arrived_at": _("arrivée"),
            "left_at": _("départ"),
            "comment": _("commentaire"),
            "method": _("enregistrement"),
        }
        parts = []
        for field in CHANGED_FIELDS:
            before, after = change.before.get(field), change.after.get(field)
            if field in change.after and before != after:
                values = {
                    "field": labels[field],
                    "before": self.value_text(field, before),
                    "after": self.value_text(field, after),
                }
                parts.append(_("%(field)s : de « %(before)s » à « %(after)s »") % values)
        return " ; ".join(parts)

    def value_text(self, field: str, value) -> str:
        if value in (None, ""):
            return NO_VALUE
        if field == "status" and value in Attendance.Status.values:
            return str(Attendance.Status(value).label)
        if field == "method" and value in Attendance.Method.values:
            return str(Attendance.Method(value).label)
        if field in ("arrived_at", "left_at"):
            return str(value)[:5]
        return str(value)

    # --- Co-signature and seal ----------------------------------------------------------------------

    def signature(self) -> list:
        items = [para(_("Co-signature et sceau du registre"), "section")]
        items += self.cosignature() + self.seal()
        generated = _("Document produit le %(when)s.") % {"when": stamp(self.generated_at)}
        items.append(para(generated, "small"))
        return [KeepTogether(items)]

    def cosignature(self) -> list:
        sheet = self.sheet
        if not sheet.closed:
            return [para(_("REGISTRE NON CLOS — document provisoire."), "provisional")]
        text = _("Registre clos et co-signé le %(date)s à %(time)s par %(name)s (%(role)s).") % {
            "date": short_date(sheet.closed_at),
            "time": sheet.closed_at.strftime("%H:%M"),
            "name": sheet.closed_by,
            "role": role_label(sheet.closed_by_role),
        }
        return [para(text)]

    def seal(self) -> list:
        sheet = self.sheet
        if not sheet.closed:
            return [para(_("Sceau : aucun tant que le registre n'est pas clos."), "small")]
        items = [para(_("Sceau SHA-256 : %(seal)s") % {"seal": sheet.seal or NO_VALUE}, "mono")]
        if sheet.seal_intact:
            items.append(para(_("Contrôle du sceau à la production de ce document : intègre.")))
        else:
            items.append(
                para(
                    _(
                        "Contrôle du sceau à la production de ce document : ATTENTION : le registre a été "
                        "modifié hors de l'application depuis sa clôture."
                    ),
                    "alert",
                )
            )
        return items
