"""The data of the two attendance documents, read in a fixed number of queries and handed to the PDF
renderers (``assessments.pdf``) as frozen dataclasses.

- ``session_sheet``: the émargement sheet of one session (one half-day): its learners, their status,
  times and attestation, the co-signature, the seal and whether it still matches, and the changes made
  after closing. 5 queries, 6 once the session is closed, whatever the cohort's size.
- ``completion_record``: what one enrolment attended, for the certificat de réalisation. 3 queries;
  ``completion_records``: the same for many enrolments of a cohort, 3 queries in all.

Rules of the certificate's hours (``completion_record``):

- only closed (co-signed) sessions count; present and late are attended, excused and absent are not;
- an attended session counts the minutes between the arrival and departure times the trainer recorded
  when both are set (kept inside the session's slot), else the whole session. A lone arrival time is
  the moment the QR code was scanned, not a late arrival, so it does not shorten the session;
- a session covering several modules splits its minutes equally between them (a 3 h 30 session on two
  modules gives 1 h 45 to each); a session without a module counts under « Hors module ». Shares are
  kept as exact fractions and only rounded when printed;
- the hours scheduled are those of every session of the cohort, held or still to come, split the same
  way.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Exists, OuterRef, Prefetch, Q, prefetch_related_objects
from django.utils import timezone

from assessments.models import Attendance, AttendanceChange, TrainingSession
from assessments.seal import seal_is_intact
from courses.models import Enrolment
from lms.accounts import roles

# Enrolments that belong on a register: in training, or done. A withdrawn learner stays on the sheets
# of the sessions where a row was recorded for them (the register keeps what happened).
LISTED_STATUSES = (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)


def person_name(user) -> str:
    return user.get_full_name() or user.email


def _sorting_name(user) -> str:
    """« Dupont Camille »: registers list people by family name."""
    return f"{user.last_name} {user.first_name}".strip() or user.email


def _local(value: datetime.datetime | None) -> datetime.datetime | None:
    return timezone.localtime(value) if value is not None else None


def _module_label(module) -> str:
    return f"Module {module.number} — {module.title}"


# --- Émargement sheet ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetRow:
    name: str
    organisation: str
    status: str | None  # an ``Attendance.Status``; None: nobody recorded this learner
    arrived_at: datetime.time | None
    left_at: datetime.time | None
    method: str | None  # an ``Attendance.Method``
    attested_at: datetime.datetime | None  # local time
    attested_ip: str | None


@dataclass(frozen=True)
class RegisterChange:
    changed_at: datetime.datetime  # local time
    changed_by: str
    learner: str
    reason: str
    before: dict
    after: dict


@dataclass(frozen=True)
class SessionSheet:
    programme: str
    cohort: str
    cohort_id: int
    title: str
    date: datetime.date
    half_day: str  # a ``TrainingSession.HalfDay``
    starts_at: datetime.time
    ends_at: datetime.time
    mode: str  # a ``TrainingSession.Mode``
    place: str
    visio_url: str
    modules: tuple[str, ...]
    trainers: tuple[str, ...]
    rows: tuple[SheetRow, ...]
    closed_at: datetime.datetime | None  # local time
    closed_by: str
    closed_by_role: str  # one of ``lms.accounts.roles``' role names, or "" when none applies
    seal: str
    seal_intact: bool | None  # None while the register is open
    changes: tuple[RegisterChange, ...]

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def count(self, status: str | None) -> int:
        return sum(1 for row in self.rows if row.status == status)


def session_sheet(*, session: TrainingSession) -> SessionSheet:
    """The émargement sheet of ``session`` (loaded with ``cohort__programme`` and ``closed_by``)."""
    modules = [_module_label(m) for m in session.modules.order_by("number", "pk")]
    trainers = list(session.trainers.order_by("last_name", "first_name", "pk"))
    # Prefetched into the session so that ``seal_is_intact`` reads these very rows (no extra query).
    _prefetch_attendances(session)
    closed = session.is_closed
    return SessionSheet(
        programme=session.cohort.programme.title,
        cohort=session.cohort.name,
        cohort_id=session.cohort_id,
        title=session.title,
        date=session.date,
        half_day=session.half_day,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        mode=session.mode,
        place=session.place,
        visio_url=session.visio_url,
        modules=tuple(modules),
        trainers=tuple(person_name(t) for t in trainers),
        rows=_sheet_rows(session),
        closed_at=_local(session.closed_at) if closed else None,
        closed_by=person_name(session.closed_by) if closed else "",
        closed_by_role=_closer_role(session, trainers) if closed else "",
        seal=session.seal if closed else "",
        seal_intact=seal_is_intact(session) if closed else None,
        changes=_register_changes(session),
    )


def _prefetch_attendances(session: TrainingSession) -> None:
    if hasattr(session, "_prefetched_objects_cache"):
        session._prefetched_objects_cache.pop("attendances", None)
    prefetch_related_objects([session], Prefetch("attendances", queryset=Attendance.objects.order_by()))


def _sheet_rows(session: TrainingSession) -> tuple[SheetRow, ...]:
    by_enrolment = {a.enrolment_id: a for a in session.attendances.all()}
    recorded = Attendance.objects.filter(session=session, enrolment=OuterRef("pk"))
    enrolments = (
        Enrolment.objects.filter(cohort_id=session.cohort_id)
        .filter(Q(status__in=LISTED_STATUSES) | Exists(recorded))
        .select_related("learner__organisation")
        .order_by("learner__last_name", "learner__first_name", "pk")
    )
    return tuple(_sheet_row(e, by_enrolment.get(e.pk)) for e in enrolments)


def _sheet_row(enrolment: Enrolment, attendance: Attendance | None) -> SheetRow:
    learner = enrolment.learner
    organisation = learner.organisation.name if learner.organisation else ""
    if attendance is None:
        return SheetRow(_sorting_name(learner), organisation, None, None, None, None, None, None)
    return SheetRow(
        name=_sorting_name(learner),
        organisation=organisation,
        status=attendance.status,
        arrived_at=attendance.arrived_at,
        left_at=attendance.left_at,
        method=attendance.method,
        attested_at=_local(attendance.attested_at),
        attested_ip=attendance.attested_ip,
    )


def _closer_role(session: TrainingSession, trainers: list) -> str:
    """The capacity in which the register was co-signed (one query for the closer's groups)."""
    closer = session.closed_by
    has_trainer_role = roles.has_role(closer, roles.TRAINER)  # loads the closer's groups, once
    if has_trainer_role or any(t.pk == closer.pk for t in trainers):
        return roles.TRAINER
    for role in (roles.MANAGER, roles.CERTIFIER):
        if roles.has_role(closer, role):
            return role
    return ""


def _register_changes(session: TrainingSession) -> tuple[RegisterChange, ...]:
    changes = (
        AttendanceChange.objects.filter(attendance__session=session)
        .select_related("changed_by", "attendance__enrolment__learner")
        .order_by("changed_at", "pk")
    )
    return tuple(
        RegisterChange(
            changed_at=_local(change.changed_at),
            changed_by=person_name(change.changed_by),
            learner=_sorting_name(change.attendance.enrolment.learner),
            reason=change.reason,
            before=change.before if isinstance(change.before, dict) else {},
            after=change.after if isinstance(change.after, dict) else {},
        )
        for change in changes
    )


# --- Certificat de réalisation ------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendedSession:
    date: datetime.date
    half_day: str  # a ``TrainingSession.HalfDay``
    title: str
    status: str  # present or late
    minutes: int
    modules: tuple[str, ...]  # short labels, « M1 »


@dataclass(frozen=True)
class ModuleHours:
    label: str  # « Module 1 — … »; "" for the sessions without a module
    attended: Fraction  # minutes
    scheduled: Fraction  # minutes


@dataclass(frozen=True)
class CompletionRecord:
    learner: str
    organisation: str
    programme: str
    cohort: str
    starts_on: datetime.date
    ends_on: datetime.date
    sessions: tuple[AttendedSession, ...]
    modules: tuple[ModuleHours, ...]
    attended_minutes: int
    held_minutes: int  # closed sessions of the cohort
    scheduled_minutes: int  # every session of the cohort


def attended_minutes(session: TrainingSession, attendance: Attendance) -> int:
    """Minutes counted for an attended session (see the module docstring)."""
    if attendance.arrived_at is None or attendance.left_at is None:
        return session.minutes
    start = max(attendance.arrived_at, session.starts_at)
    end = min(attendance.left_at, session.ends_at)
    day = session.date
    seconds = (datetime.datetime.combine(day, end) - datetime.datetime.combine(day, start)).total_seconds()
    return max(0, int(seconds // 60))


def completion_record(*, enrolment: Enrolment) -> CompletionRecord:
    """``enrolment`` loaded with ``learner__organisation`` and ``cohort__programme``."""
    cohort = enrolment.cohort
    sessions = _cohort_sessions(cohort)
    attendances = {
        a.session_id: a
        for a in Attendance.objects.filter(
            enrolment=enrolment, session__cohort=cohort, session__state=TrainingSession.State.CLOSED
        )
    }
    return _completion_record(enrolment, cohort, sessions, attendances)


def completion_records(*, cohort, enrolments: Iterable[Enrolment]) -> Iterator[CompletionRecord]:
    """``completion_record`` of each of ``enrolments`` (of ``cohort``, loaded with ``programme``; their
    learners with ``organisation``) in 3 queries whatever their number: for a whole cohort's documents.
    Holds the attendance rows of the cohort's closed sessions in memory (a cohort's, not a site's)."""
    sessions = _cohort_sessions(cohort)
    by_enrolment: dict[int, dict[int, Attendance]] = defaultdict(dict)
    closed = Attendance.objects.filter(session__cohort=cohort, session__state=TrainingSession.State.CLOSED)
    for attendance in closed.order_by():
        by_enrolment[attendance.enrolment_id][attendance.session_id] = attendance
    for enrolment in enrolments:
        yield _completion_record(enrolment, cohort, sessions, by_enrolment.get(enrolment.pk, {}))


def _cohort_sessions(cohort) -> list[TrainingSession]:
    return list(
        TrainingSession.objects.filter(cohort=cohort)
        .prefetch_related(Prefetch("modules", queryset=_modules_queryset()))
        .order_by("date", "starts_at", "pk")
    )


def _completion_record(enrolment: Enrolment, cohort, sessions, attendances) -> CompletionRecord:
    attended = _attended_sessions(sessions, attendances)
    learner = enrolment.learner
    return CompletionRecord(
        learner=person_name(learner),
        organisation=learner.organisation.name if learner.organisation else "",
        programme=cohort.programme.title,
        cohort=cohort.name,
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
        sessions=tuple(item for _session, item in attended),
        modules=_module_hours(sessions, attended),
        attended_minutes=sum(item.minutes for _session, item in attended),
        held_minutes=sum(s.minutes for s in sessions if s.is_closed),
        scheduled_minutes=sum(s.minutes for s in sessions),
    )


def _modules_queryset():
    from cms.models import ModulePage

    return ModulePage.objects.order_by("number", "pk")


def _attended_sessions(sessions, attendances) -> list[tuple[TrainingSession, AttendedSession]]:
    attended = []
    for session in sessions:
        attendance = attendances.get(session.pk)
        if not session.is_closed or attendance is None or not attendance.attended:
            continue
        item = AttendedSession(
            date=session.date,
            half_day=session.half_day,
            title=session.title,
            status=attendance.status,
            minutes=attended_minutes(session, attendance),
            modules=tuple(f"M{m.number}" for m in session.modules.all()),
        )
        attended.append((session, item))
    return attended


def _module_hours(sessions, attended) -> tuple[ModuleHours, ...]:
    """Attended and scheduled minutes per module, each session split equally between its modules."""
    scheduled: dict[int | None, Fraction] = {}
    done: dict[int | None, Fraction] = {}
    modules = {}
    for session in sessions:
        modules.update((m.pk, m) for m in session.modules.all())
        for key, share in _shares(session, session.minutes):
            scheduled[key] = scheduled.get(key, Fraction(0)) + share
    for session, item in attended:
        for key, share in _shares(session, item.minutes):
            done[key] = done.get(key, Fraction(0)) + share
    # Modules in their programme order, « Hors module » (key None) last.
    keys = sorted(scheduled, key=lambda k: (k is None, (modules[k].number, k) if k else (0, 0)))
    return tuple(
        ModuleHours(
            label=_module_label(modules[key]) if key else "",
            attended=done.get(key, Fraction(0)),
            scheduled=scheduled[key],
        )
        for key in keys
    )


def _shares(session: TrainingSession, minutes: int) -> list[tuple[int | None, Fraction]]:
    modules = session.modules.all()
    if not modules:
        return [(None, Fraction(minutes))]
    share = Fraction(minutes, len(modules))
    return [(m.pk, share) for m in modules]
