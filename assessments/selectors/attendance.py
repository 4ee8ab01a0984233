"""Attendance rates by half-day, read in a fixed number of queries whatever the cohort's size.

The half-days that count are the cohort's closed (co-signed) sessions. A learner without a row for a
closed session was absent. Present and late count as attended. Excused absences either leave the
calculation (the programme's ``excused_absences_neutral``, the default) or count as absences.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from assessments.models import Attendance, TrainingSession


@dataclass(frozen=True)
class AttendanceRate:
    held: int  # closed sessions of the cohort
    attended: int
    excused: int
    excused_neutral: bool
    threshold: int

    @property
    def counted(self) -> int:
        return self.held - self.excused if self.excused_neutral else self.held

    @property
    def absent(self) -> int:
        return self.held - self.attended - self.excused

    @property
    def percent(self) -> int | None:
        """Rounded down, so that 80 % means at least 80 %; None before any half-day counts."""
        return self.attended * 100 // self.counted if self.counted else None

    @property
    def below_threshold(self) -> bool:
        return self.percent is not None and self.percent < self.threshold


def cohort_attendance_rates(*, cohort) -> dict[int, AttendanceRate]:
    """{enrolment id: rate} for every enrolment of ``cohort`` (3 queries; programme already loaded)."""
    programme = cohort.programme
    held = TrainingSession.objects.filter(cohort=cohort, state=TrainingSession.State.CLOSED).count()
    counts = (
        Attendance.objects.filter(session__cohort=cohort, session__state=TrainingSession.State.CLOSED)
        .values("enrolment_id")
        .annotate(
            attended=Count("id", filter=Q(status__in=Attendance.ATTENDED)),
            excused=Count("id", filter=Q(status=Attendance.Status.EXCUSED)),
        )
        .order_by()
    )
    by_enrolment = {row["enrolment_id"]: (row["attended"], row["excused"]) for row in counts}
    enrolment_ids = cohort.enrolments.values_list("pk", flat=True)
    return {
        enrolment_id: _rate(programme, held, *by_enrolment.get(enrolment_id, (0, 0)))
        for enrolment_id in enrolment_ids
    }


def enrolment_attendance_rate(*, enrolment) -> AttendanceRate:
    """One learner's rate (2 queries; ``enrolment.cohort.programme`` already loaded)."""
    cohort = enrolment.cohort
    held = TrainingSession.objects.filter(cohort=cohort, state=TrainingSession.State.CLOSED).count()
    counts = Attendance.objects.filter(
        enrolment=enrolment, session__cohort=cohort, session__state=TrainingSession.State.CLOSED
    ).aggregate(
        attended=Count("id", filter=Q(status__in=Attendance.ATTENDED)),
        excused=Count("id", filter=Q(status=Attendance.Status.EXCUSED)),
    )
    return _rate(cohort.programme, held, counts["attended"], counts["excused"])


def _rate(programme, held: int, attended: int, excused: int) -> AttendanceRate:
    return AttendanceRate(
        held=held,
        attended=attended,
        excused=excused,
        excused_neutral=programme.excused_absences_neutral,
        threshold=programme.attendance_threshold,
    )
