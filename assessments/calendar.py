"""Calendars of training sessions: iCalendar files (RFC 5545) and the tokens of the private feeds.

The ``.ics`` text is built here by hand (a handful of properties does not justify a dependency):
lines end with CRLF, are folded at 75 octets without cutting a UTF-8 character, and TEXT values are
escaped, so that a title or an address cannot inject a property. Times are written in UTC (``...Z``),
which every client converts to its own zone without needing a VTIMEZONE block.

A learner's feed URL carries a signed token instead of a login (calendar applications cannot log in).
The token is ``Signer(salt=FEED_SALT).sign_object({"u": user id})``: deterministic, so the profile
always shows the same address, and it does not expire. Revoking one person's feed needs a per-user
value in the token, which needs a model field (not there yet); until then, revoking means changing
the signing key, which revokes every feed. Deactivating an account stops its feed at once.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing

FEED_SALT = "assessments.calendar-feed"
PRODID = "-//URH Hauts-de-France//Referent egalite de traitement//FR"
MAX_OCTETS = 75
CRLF = "\r\n"


# --- Feed tokens ---------------------------------------------------------------------------------------


def feed_token(user) -> str:
    return signing.Signer(salt=FEED_SALT).sign_object({"u": user.pk})


def user_id_from_token(token: str) -> int | None:
    """The user id a token was made for, or None when it is forged, truncated or malformed."""
    try:
        payload = signing.Signer(salt=FEED_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, UnicodeDecodeError):
        return None
    user_id = payload.get("u") if isinstance(payload, dict) else None
    return user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None


# --- iCalendar text ------------------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into chunks of at most 75 octets, continuation lines starting with a space."""
    chunks, current, size = [], [], 0
    for char in line:
        width = len(char.encode())
        if size + width > MAX_OCTETS:
            chunks.append("".join(current))
            current, size = [" "], 1  # the leading space counts in the 75 octets
        current.append(char)
        size += width
    chunks.append("".join(current))
    return CRLF.join(chunks)


def utc_stamp(moment: datetime.datetime) -> str:
    """An aware datetime as an iCalendar UTC date-time: ``20260312T080000Z``."""
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class Event:
    """What one session becomes in a calendar; built by ``assessments.selectors.sessions``."""

    uid: str
    start: datetime.datetime
    end: datetime.datetime
    summary: str
    location: str
    description: str
    url: str
    modified: datetime.datetime


def event_lines(event: Event, *, stamp: datetime.datetime) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{utc_stamp(event.start)}",
        f"DTEND:{utc_stamp(event.end)}",
        f"LAST-MODIFIED:{utc_stamp(event.modified)}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"LOCATION:{escape_text(event.location)}",
        f"DESCRIPTION:{escape_text(event.description)}",
    ]
    if event.url:
        lines.append(f"URL:{event.url}")  # a URI value, not TEXT: no escaping
    return [*lines, "STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT"]


def build_calendar(events: Iterable[Event], *, name: str, stamp: datetime.datetime) -> bytes:
    """A complete VCALENDAR as UTF-8 bytes, every line folded and ended with CRLF."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += event_lines(event, stamp=stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines).encode()


def session_uid(session_id: int) -> str:
    """Stable across downloads and feeds, so that a client updates the event instead of adding one."""
    return f"session-{session_id}@{site_host()}"


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
