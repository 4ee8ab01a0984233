"""Writes of the attendance register: QR check-in, online attestation, trainer marks, closing.

Rules kept here (the selectors and views only read them):

- A session's window opens ``WINDOW_BEFORE`` (30 min) before its start and shuts at its end: check-ins
  and attestations happen inside it, and a learner who checks in more than ``LATE_AFTER`` (15 min) after
  the start is marked late, with the arrival time.
- The learner's QR check-in or online confirmation is their attestation (``attested_at``/``attested_ip``).
  A trainer's later mark never erases it; it only decides the status. A valid check-in upgrades a
  trainer's "absent" (the learner is in the room, the phone proves it); an online confirmation does
  not (it proves less), and is refused with a message.
- Closing co-signs the register: learners without a row get "absent", the state, time and signatory
  are stored, and the seal is taken (``assessments.seal``). After that, every change needs a reason,
  leaves an ``AttendanceChange`` and re-seals, unless the register was edited behind the application's
  back: then it is refused, so that the broken seal stays visible.

Concurrency: a check-in holds the session row in SHARE mode (PostgreSQL), so check-ins run side by side
while a closing or a trainer's mark (FOR UPDATE on the same row) waits for them, and they for it. The
unique (session, enrolment) constraint is the backstop for one learner's parallel check-ins.
"""

import datetime
from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments import tasks, tokens
from assessments.models import Attendance, AttendanceChange, TrainingSession
from assessments.permissions import user_can_run_session
from assessments.seal import compute_seal, seal_is_intact
from courses.models import Enrolment
from lms.audit import services as audit
from lms.errors import Conflict, LMSError, NotAllowed, NotFound

WINDOW_BEFORE = datetime.timedelta(minutes=30)
LATE_AFTER = datetime.timedelta(minutes=15)
# How long after scanning a valid code the learner may still confirm (logging in on a phone takes time).
SCAN_GRACE = datetime.timedelta(minutes=10)

NOT_RUNNER = _("Seuls les formateur·rices de cette séance et les gestionnaires peuvent faire cela.")
SESSION_NOT_FOUND = _("Cette séance n'existe pas.")
SESSION_CLOSED = _("Cette séance est close : l'émargement n'est plus possible.")
TOO_EARLY = _("L'émargement de cette séance ouvre 30 minutes avant son début, à %(time)s.")
TOO_LATE = _("L'émargement de cette séance est terminé depuis %(time)s.")
NOT_IN_COHORT = _(
    "Vous n'êtes pas inscrit·e dans cette promotion : vous ne pouvez pas émarger à cette séance."
)
MARKED_ABSENT = _(
    "Le formateur ou la formatrice vous a noté·e absent·e : signalez-vous en séance pour corriger."
)
NOT_MARKED = _("Le formateur ou la formatrice n'a pas encore noté votre présence à cette séance.")
ENROLMENT_ELSEWHERE = _("Cette personne n'est pas inscrite dans la promotion de cette séance.")
ENROLMENT_INACTIVE = _("Cette inscription n'est plus active : sa présence ne peut pas être modifiée.")
BAD_STATUS = _("Choisissez une présence parmi : présent·e, en retard, absent·e excusé·e, absent·e.")
TIMES_ORDER = _("L'heure de départ ne peut pas précéder l'heure d'arrivée.")
TIMES_BOUNDS = _("Les heures doivent être comprises entre %(start)s et %(end)s.")
REASON_REQUIRED = _("Cette séance est close : indiquez le motif de la modification.")
TAMPERED = _(
    "Le registre de cette séance a été modifié hors de la plateforme (son sceau ne correspond plus) : "
    "aucune modification n'est possible avant vérification par un·e gestionnaire."
)
NOT_STARTED = _("Une séance ne peut être close qu'une fois commencée.")
BUSY = _("L'émargement n'a pas pu être enregistré : réessayez.")

TRACKED = ("status", "arrived_at", "left_at", "comment", "method", "attested_at", "attested_ip")


@dataclass(frozen=True)
class CheckInResult:
    session: TrainingSession
    attendance: Attendance
    already: bool  # the learner had already attested: nothing was written

    @property
    def attested_at(self) -> datetime.datetime:
        return timezone.localtime(self.attendance.attested_at)


# --- shared checks --------------------------------------------------------------------------------------


def _utc(now: datetime.datetime | None) -> datetime.datetime:
    """Times stored and sealed in UTC, as the database gives them back: the seal compares strings."""
    return (now or timezone.now()).astimezone(datetime.UTC)


def _require_runner(user, session) -> None:
    if not user_can_run_session(user, session):
        raise NotAllowed(NOT_RUNNER, code="not_runner")


def check_window(session, now: datetime.datetime) -> None:
    """Refuse outside [start - 30 min, end]: no attestation for a future or finished half-day."""
    opens = session.start - WINDOW_BEFORE
    if now < opens:
        raise LMSError(TOO_EARLY % {"time": timezone.localtime(opens).strftime("%H:%M")}, code="too_early")
    if now > session.end:
        raise LMSError(TOO_LATE % {"time": session.ends_at.strftime("%H:%M")}, code="too_late")


def window_is_open(session, now: datetime.datetime) -> bool:
    return not session.is_closed and session.start - WINDOW_BEFORE <= now <= session.end


def active_enrolment(session, learner) -> Enrolment:
    """The learner's active enrolment in the session's cohort, else 403 (nobody else signs here)."""
    enrolment = (
        Enrolment.objects.filter(
            cohort_id=session.cohort_id, learner_id=learner.pk, status=Enrolment.Status.ACTIVE
        )
        .order_by("pk")
        .first()
    )
    if enrolment is None:
        raise NotAllowed(NOT_IN_COHORT, code="not_enrolled")
    return enrolment


def _lock_open(session_id: int) -> None:
    """Hold the session row in SHARE mode and refuse if it was closed meanwhile."""
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(TrainingSession._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT state FROM {table} WHERE id = %s FOR SHARE", [session_id])  # noqa: S608
            state = cursor.fetchone()[0]
    else:  # SQLite serialises writers anyway
        state = TrainingSession.objects.filter(pk=session_id).values_list("state", flat=True).get()
    if state == TrainingSession.State.CLOSED:
        raise Conflict(SESSION_CLOSED, code="closed")


# --- the learner's attestation --------------------------------------------------------------------------


def _read_token(token: str, session, now, scanned_at) -> None:
    """Valid now, or at the moment this browser presented it (as the server recorded it) if recent."""
    try:
        tokens.read_token(token, now, qr_key=session.qr_key)
    except LMSError as error:
        recent = scanned_at is not None and now - SCAN_GRACE <= scanned_at <= now
        if error.code != "token_expired" or not recent:
            raise
        tokens.read_token(token, scanned_at, qr_key=session.qr_key)


def check_in_session(
    *, token: str, now: datetime.datetime, scanned_at: datetime.datetime | None = None
) -> TrainingSession:
    """The session a scanned token opens, if it can be signed now (reads only: the confirmation page)."""
    session_id, _step, _signature = tokens.parse(token)
    session = TrainingSession.objects.select_related("cohort").filter(pk=session_id).first()
    if session is None:
        raise LMSError(tokens.FORGED, code="token_forged")
    _read_token(token, session, now, scanned_at)
    if session.is_closed:
        raise Conflict(SESSION_CLOSED, code="closed")
    check_window(session, now)
    return session


def check_in(
    *,
    token: str,
    learner,
    ip: str | None,
    now: datetime.datetime | None = None,
    scanned_at: datetime.datetime | None = None,
) -> CheckInResult:
    """Record the learner's presence from the QR code's token; a second check-in changes nothing.

    ``scanned_at`` is when the server saw this learner's browser present the same token while it was
    valid (kept in their session across the login page), so that logging in does not make it expire.
    """
    now = _utc(now)
    session = check_in_session(token=token, now=now, scanned_at=scanned_at)
    enrolment = active_enrolment(session, learner)
    return _attest(session, enrolment, now=now, ip=ip, method=Attendance.Method.QR)


def attest_presence(
    *, session, learner, ip: str | None, now: datetime.datetime | None = None
) -> CheckInResult:
    """The learner confirms online, during the slot, that they attend (a remote session, say)."""
    now = _utc(now)
    if session.is_closed:
        raise Conflict(SESSION_CLOSED, code="closed")
    check_window(session, now)
    enrolment = active_enrolment(session, learner)
    return _attest(session, enrolment, now=now, ip=ip, method=Attendance.Method.CONFIRMATION)


def _attest(session, enrolment, *, now, ip, method) -> CheckInResult:
    for _try in range(2):
        try:
            with transaction.atomic():
                _lock_open(session.pk)
                return _attest_locked(session, enrolment, now=now, ip=ip, method=method)
        except IntegrityError:
            continue  # the same learner's parallel request created the row first: read it again
    raise Conflict(BUSY, code="busy")


def _attest_locked(session, enrolment, *, now, ip, method) -> CheckInResult:
    # Locks this row only: the default ordering would join (and lock) the session row too.
    row = (
        Attendance.objects.select_for_update(of=("self",))
        .filter(session=session, enrolment=enrolment)
        .order_by("pk")
        .first()
    )
    if row is not None and row.attested_at is not None:
        return CheckInResult(session=session, attendance=row, already=True)
    if row is None:
        row = Attendance(session=session, enrolment=enrolment, marked_at=now, marked_by=None)
    if method == Attendance.Method.QR:
        _arrive(row, session, now)
    elif row.pk is not None and row.status not in Attendance.ATTENDED:
        raise Conflict(MARKED_ABSENT, code="marked_absent")
    elif row.pk is None:
        row.status, row.method = Attendance.Status.PRESENT, Attendance.Method.CONFIRMATION
    row.attested_at, row.attested_ip = now, ip
    if row.pk is None:
        row.save(force_insert=True)  # a duplicate (parallel request) raises IntegrityError
    else:
        row.save(update_fields=[*TRACKED, "marked_by", "marked_at"])
    return CheckInResult(session=session, attendance=row, already=False)


def _arrive(row: Attendance, session, now) -> None:
    """A QR check-in: a trainer's "present"/"late" stands; anything else becomes the learner's arrival."""
    if row.status in Attendance.ATTENDED:
        return
    late = now > session.start + LATE_AFTER
    row.status = Attendance.Status.LATE if late else Attendance.Status.PRESENT
    row.arrived_at = timezone.localtime(now).time().replace(second=0, microsecond=0)
    row.left_at = None
    row.method, row.marked_by, row.marked_at = Attendance.Method.QR, None, now


# --- the trainer's marks --------------------------------------------------------------------------------


def _snapshot(row: Attendance | None) -> dict:
    """The row as JSON-ready data, for the history of a closed register."""
    if row is None or row.pk is None:
        return {}
    data = {name: getattr(row, name) for name in TRACKED}
    for name in ("arrived_at", "left_at", "attested_at"):
        data[name] = data[name].isoformat() if data[name] is not None else None
    data["marked_by"] = row.marked_by_id
    return data


def _tracked(snapshot: dict) -> dict:
    return {name: snapshot[name] for name in TRACKED}


def _check_times(session, arrived_at, left_at) -> None:
    if arrived_at is not None and left_at is not None and left_at < arrived_at:
        raise LMSError(TIMES_ORDER, code="times_order")
    opens = timezone.localtime(session.start - WINDOW_BEFORE).time()
    for value in (arrived_at, left_at):
        if value is not None and not opens <= value <= session.ends_at:
            bounds = {"start": opens.strftime("%H:%M"), "end": session.ends_at.strftime("%H:%M")}
            raise LMSError(TIMES_BOUNDS % bounds, code="times_bounds")


def _check_enrolment(session, enrolment) -> None:
    if enrolment.cohort_id != session.cohort_id:
        raise NotFound(ENROLMENT_ELSEWHERE, code="other_cohort")
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise LMSError(ENROLMENT_INACTIVE, code="inactive")


def _apply_mark(row: Attendance, *, status, arrived_at, left_at, comment) -> None:
    """Times left empty keep what is stored (a check-in may have set them); absences have none."""
    if status != row.status and row.method != Attendance.Method.TRAINER:
        row.method = Attendance.Method.TRAINER  # the trainer decided the status; the attestation stays
    row.status, row.comment = status, comment
    if status in Attendance.ATTENDED:
        row.arrived_at = arrived_at if arrived_at is not None else row.arrived_at
        row.left_at = left_at if left_at is not None else row.left_at
    else:
        row.arrived_at = row.left_at = None


def mark_attendance(
    *,
    session,
    enrolment,
    status: str,
    arrived_at: datetime.time | None = None,
    left_at: datetime.time | None = None,
    comment: str = "",
    acting_user,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> Attendance:
    """Set one learner's status (and times, comment). On a closed register: reason, history, new seal."""
    now = _utc(now)
    _require_runner(acting_user, session)
    if status not in Attendance.Status.values:
        raise LMSError(BAD_STATUS, code="bad_status")
    reason = (reason or "").strip()
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        _check_enrolment(session, enrolment)
        if session.is_closed and not reason:
            raise LMSError(REASON_REQUIRED, code="reason_required")
        row = Attendance.objects.filter(session=session, enrolment=enrolment).order_by("pk").first()
        before = _snapshot(row)
        if row is None:
            row = Attendance(session=session, enrolment=enrolment, method=Attendance.Method.TRAINER)
        _apply_mark(
            row, status=status, arrived_at=arrived_at, left_at=left_at, comment=(comment or "").strip()
        )
        if before and _tracked(before) == _tracked(_snapshot(row)):
            return row  # nothing changed (a double tap): no write, no history
        _check_times(session, row.arrived_at, row.left_at)
        if session.is_closed and not seal_is_intact(session):
            raise Conflict(TAMPERED, code="tampered")
        row.marked_by, row.marked_at = acting_user, now
        row.save()
        if session.is_closed:
            _reseal(session, row, before=before, acting_user=acting_user, reason=reason, now=now)
    return row


def _reseal(session, row, *, before, acting_user, reason, now) -> None:
    record_register_change(
        session=session,
        row=row,
        before=before,
        after=_snapshot(row),
        acting_user=acting_user,
        reason=reason,
        now=now,
    )


def record_register_change(*, session, row, before: dict, after: dict, acting_user, reason: str, now) -> None:
    """The one way a closed register changes: history row, new seal, audit event (row already saved).

    Used by trainers' reasoned corrections and by the RGPD erasure (``lms.accounts.privacy``).
    """
    seal_after = compute_seal(session, list(session.attendances.order_by()))
    AttendanceChange.objects.create(
        attendance=row,
        changed_by=acting_user,
        changed_at=now,
        reason=reason,
        before=before,
        after=after,
        seal_before=session.seal,
        seal_after=seal_after,
    )
    session.seal = seal_after
    session.save(update_fields=["seal", "updated_at"])
    audit.record(
        actor=acting_user,
        action=audit.Action.ATTENDANCE_CHANGED,
        obj=row,
        before=before,
        after={**after, "reason": reason},
    )


# --- closing --------------------------------------------------------------------------------------------


def close_session(*, session, acting_user, now: datetime.datetime | None = None) -> TrainingSession:
    """Co-sign the register: absent rows for the missing, state, signatory, seal. Closing twice is a no-op.

    The low-attendance e-mails are sent by a task once the closing is committed.
    """
    now = _utc(now)
    _require_runner(acting_user, session)
    with transaction.atomic():
        session = (
            TrainingSession.objects.select_for_update(of=("self",))
            .select_related("cohort")
            .get(pk=session.pk)
        )
        if session.is_closed:
            return session
        if now < session.start:
            raise LMSError(NOT_STARTED, code="not_started")
        marked = Attendance.objects.filter(session=session).values("enrolment_id")
        missing = Enrolment.objects.filter(
            cohort_id=session.cohort_id, status=Enrolment.Status.ACTIVE
        ).exclude(pk__in=marked)
        Attendance.objects.bulk_create(
            Attendance(
                session=session,
                enrolment_id=enrolment_id,
                status=Attendance.Status.ABSENT,
                method=Attendance.Method.TRAINER,
                marked_by=acting_user,
                marked_at=now,
            )
            for enrolment_id in missing.order_by().values_list("pk", flat=True)
        )
        session.state, session.closed_at, session.closed_by = TrainingSession.State.CLOSED, now, acting_user
        session.seal = compute_seal(session, list(session.attendances.order_by()))
        session.save(update_fields=["state", "closed_at", "closed_by", "seal", "updated_at"])
        audit.record(
            actor=acting_user,
            action=audit.Action.SESSION_CLOSED,
            obj=session,
            after={"seal": session.seal, "closed_at": now},
        )
        transaction.on_commit(partial(tasks.notify_low_attendance_task.delay, session.pk))
    return session


def own_session(*, session_id: int, learner) -> TrainingSession:
    """A session of one of the learner's cohorts; any other does not exist for them (404)."""
    session = (
        TrainingSession.objects.select_related("cohort")
        .filter(pk=session_id, cohort__enrolments__learner_id=learner.pk)
        .first()
    )
    if session is None:
        raise NotFound(SESSION_NOT_FOUND, code="not_found")
    return session
