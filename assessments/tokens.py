"""The rotating token of a session's QR code (émargement by the learner's phone).

Rule: time is cut into steps of ``STEP_SECONDS`` (30 s; step = floor(unix time / 30)). The token of a
session for a step is ``<session id>.<step>.<signature>``, where the signature is an HMAC-SHA256 of
``<session id>.<step>`` keyed by ``SECRET_KEY`` plus the session's own ``qr_key`` (truncated to 128
bits, base64url). Nothing is stored: the trainer's screen asks for the current token every few
seconds, and the server recomputes the signature to check one.

A token is accepted during its own step and the next one only (30 to 60 s), so a photo of the code
sent to an absent friend is useless a minute later. It names its session: changing the id breaks the
signature, and another session's key signs differently, so a token of one session can never check
anyone into another. Whether the session is open, in its time window and the learner's, is the
service's business (``assessments.services.attendance.check_in``), not the token's.
"""

import base64
import datetime
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from lms.errors import LMSError

STEP_SECONDS = 30
ACCEPTED_STEPS = 2  # the current step and the previous one
SIGNATURE_BYTES = 16  # 128 bits: plenty against guessing, and a smaller QR code
_SALT = "assessments.tokens.check-in"

MALFORMED = _("Ce lien d'émargement n'est pas valide : scannez à nouveau le QR code affiché en salle.")
FORGED = _("Ce code d'émargement n'a pas été émis par la plateforme : scannez le QR code affiché en salle.")
EXPIRED = _(
    "Ce code d'émargement a expiré (il change toutes les 30 secondes) : "
    "scannez à nouveau le QR code affiché en salle."
)


@dataclass(frozen=True)
class TokenClaim:
    session_id: int
    step: int


def step_at(now: datetime.datetime) -> int:
    return int(now.timestamp()) // STEP_SECONDS


def seconds_left(now: datetime.datetime) -> int:
    """Seconds before the code shown at ``now`` is replaced on screen (it stays valid one step more)."""
    return STEP_SECONDS - int(now.timestamp()) % STEP_SECONDS


def _signature(session_id: int, step: int, qr_key: str) -> str:
    digest = salted_hmac(
        _SALT, f"{session_id}.{step}", secret=settings.SECRET_KEY + qr_key, algorithm="sha256"
    ).digest()
    return base64.urlsafe_b64encode(digest[:SIGNATURE_BYTES]).rstrip(b"=").decode()


def token_for(session, step: int) -> str:
    return f"{session.pk}.{step}.{_signature(session.pk, step, session.qr_key)}"


def current_token(session, now: datetime.datetime) -> str:
    """The token to show now for ``session`` (no database access)."""
    return token_for(session, step_at(now))


def parse(token: str) -> tuple[int, int, str]:
    """(session id, step, signature) of a well-formed token, else ``LMSError``."""
    parts = (token or "").split(".")
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts[:2]) or len(parts[0]) > 12:
        raise LMSError(MALFORMED, code="token_malformed")
    if len(parts[1]) > 12 or not parts[2]:
        raise LMSError(MALFORMED, code="token_malformed")
    return int(parts[0]), int(parts[1]), parts[2]


def read_token(token: str, now: datetime.datetime, *, qr_key: str | None = None) -> TokenClaim:
    """Check a scanned token at ``now``: its signature, then its age.

    ``qr_key`` is the session's key when the caller already has it; otherwise it is read (1 query).
    An unknown session reads as a forged token: nothing tells a guesser which ids exist.
    """
    session_id, step, signature = parse(token)
    if qr_key is None:
        from assessments.models import TrainingSession

        qr_key = TrainingSession.objects.filter(pk=session_id).values_list("qr_key", flat=True).first()
    if qr_key is None or not hmac.compare_digest(
        signature.encode(), _signature(session_id, step, qr_key).encode()
    ):
        raise LMSError(FORGED, code="token_forged")
    current = step_at(now)
    if not current - ACCEPTED_STEPS < step <= current:
        raise LMSError(EXPIRED, code="token_expired")
    return TokenClaim(session_id=session_id, step=step)
