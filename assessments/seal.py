"""The seal of an attendance register: a SHA-256 over the session and its rows, taken at closing.

The seal is stored on the session when the trainer closes it (co-signature), recomputed after every
change made through the application (which leaves a history row), and checked again whenever the
attendance sheet is produced: a row edited in the database behind the application's back no longer
matches, and the sheet says so. Rows are identified by ids, not names, so that a learner correcting
the spelling of their name does not break the seal.
"""

import datetime
import hashlib
import json

SEAL_VERSION = 1


def _time(value) -> str | None:
    """ISO text; aware datetimes in UTC, as the database gives them back whatever zone was saved."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        value = value.astimezone(datetime.UTC)
    return value.isoformat()


def register_payload(session, attendances) -> dict:
    """What the seal covers, as plain data in a fixed order."""
    rows = sorted(attendances, key=lambda a: a.enrolment_id)
    return {
        "version": SEAL_VERSION,
        "session": {
            "id": session.pk,
            "cohort": session.cohort_id,
            "date": session.date.isoformat(),
            "half_day": session.half_day,
            "starts_at": _time(session.starts_at),
            "ends_at": _time(session.ends_at),
            "closed_at": _time(session.closed_at),
            "closed_by": session.closed_by_id,
        },
        "rows": [
            {
                "enrolment": a.enrolment_id,
                "status": a.status,
                "arrived_at": _time(a.arrived_at),
                "left_at": _time(a.left_at),
                "comment": a.comment,
                "method": a.method,
                "attested_at": _time(a.attested_at),
                "attested_ip": a.attested_ip,
                "marked_by": a.marked_by_id,
            }
            for a in rows
        ],
    }


def compute_seal(session, attendances) -> str:
    payload = json.dumps(register_payload(session, attendances), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()


def seal_is_intact(session) -> bool:
    """Recompute the seal of a closed session from the database (1 query) and compare."""
    if not session.seal:
        return False
    return compute_seal(session, list(session.attendances.all())) == session.seal
