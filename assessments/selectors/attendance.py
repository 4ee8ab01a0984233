"""Attendance rates by half-day, read in a fixed number of queries whatever the cohort's size.

The half-days that count are the cohort's closed (co-signed) sessions. A learner without a row for a
closed session was absent. Present and late count as attended. Excused absences either leave the
calculation (the programme's ``excused_absences_neutral``, the default) or count as absences.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q

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


def attendance_rates_for(*, enrolments) -> dict[int, AttendanceRate]:
    """{enrolment id: rate} for enrolments of any cohorts (a queryset, kept a subquery), with the same
    rule as ``cohort_attendance_rates`` (3 queries whatever the number of enrolments and cohorts)."""
    ids = enrolments.order_by().values("pk")
    rows = list(
        enrolments.order_by().values_list(
            "pk",
            "cohort_id",
            "cohort__programme__excused_absences_neutral",
            "cohort__programme__attendance_threshold",
        )
    )
    if not rows:
        return {}
    closed = TrainingSession.objects.filter(state=TrainingSession.State.CLOSED)
    held = dict(
        closed.filter(cohort_id__in=enrolments.order_by().values("cohort_id"))
        .values("cohort_id")
        .annotate(held=Count("id"))
        .order_by()
        .values_list("cohort_id", "held")
    )
    counts = (
        Attendance.objects.filter(enrolment_id__in=ids, session__state=TrainingSession.State.CLOSED)
        .filter(session__cohort_id=F("enrolment__cohort_id"))
        .values("enrolment_id")
        .annotate(
            attended=Count("id", filter=Q(status__in=Attendance.ATTENDED)),
            excused=Count("id", filter=Q(status=Attendance.Status.EXCUSED)),
        )
        .order_by()
    )
    by_enrolment = {row["enrolment_id"]: (row["attended"], row["excused"]) for row in counts}
    rates = {}
    for enrolment_id, cohort_id, neutral, threshold in rows:
        attended, excused = by_enrolment.get(enrolment_id, (0, 0))
        rates[enrolment_id] = AttendanceRate(
            held=held.get(cohort_id, 0),
            attended=attended,
            excused=excused,
            excused_neutral=neutral,
            threshold=threshold,
        )
    return rates
