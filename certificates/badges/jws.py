"""Compact JWS (RFC 7515) with EdDSA / Ed25519 (RFC 8037) only: signing and verification.

Verification refuses anything but ``alg: EdDSA`` (``none``, HMAC and RSA included), a ``kid`` other than
the key's, critical header parameters, non-canonical base64url and payloads that are not JSON objects.
Every refusal is a ``JWSError`` whose ``code`` names the step that failed.
"""

import base64
import binascii
import json
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.utils.translation import gettext_lazy as _

from certificates.badges.keys import b64url
from lms.errors import LMSError

ALGORITHM = "EdDSA"
_B64URL = re.compile(r"[A-Za-z0-9_-]*")

MALFORMED = "malformed"
BAD_ALGORITHM = "algorithm"
UNKNOWN_KEY = "key"
BAD_SIGNATURE = "signature"

MESSAGES = {
    MALFORMED: _(
        "Ce texte n'est pas un JWT compact lisible (trois parties base64url séparées par des points)."
    ),
    BAD_ALGORITHM: _("Algorithme de signature refusé : seul EdDSA (Ed25519) est accepté."),
    UNKNOWN_KEY: _("Le badge n'a pas été signé avec la clé publiée par l'émetteur."),
    BAD_SIGNATURE: _("La signature ne correspond pas au contenu : le badge a été modifié ou contrefait."),
}


class JWSError(LMSError):
    def __init__(self, code: str):
        super().__init__(MESSAGES[code], code=code)


def b64url_decode(text: str) -> bytes:
    """Strict base64url without padding: any other spelling of the same bytes is refused."""
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise JWSError(MALFORMED)
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise JWSError(MALFORMED) from error
    if b64url(data) != text:
        raise JWSError(MALFORMED)
    return data


def _json_segment(segment: str) -> dict:
    try:
        value = json.loads(b64url_decode(segment).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise JWSError(MALFORMED) from error
    if not isinstance(value, dict):
        raise JWSError(MALFORMED)
    return value


def _encode_json(value: dict) -> str:
    return b64url(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def sign(payload: dict, *, key: Ed25519PrivateKey, kid: str, typ: str) -> str:
    header = {"alg": ALGORITHM, "kid": kid, "typ": typ}
    signing_input = f"{_encode_json(header)}.{_encode_json(payload)}"
    return f"{signing_input}.{b64url(key.sign(signing_input.encode('ascii')))}"


def split(token: str) -> tuple[dict, dict, bytes, bytes]:
    """(header, payload, signing input, signature), unverified; ``JWSError(MALFORMED)`` otherwise."""
    if not isinstance(token, str) or not token.isascii():
        raise JWSError(MALFORMED)
    parts = token.split(".")
    if len(parts) != 3:
        raise JWSError(MALFORMED)
    header, payload = _json_segment(parts[0]), _json_segment(parts[1])
    return header, payload, f"{parts[0]}.{parts[1]}".encode("ascii"), b64url_decode(parts[2])


def verify_jws(token: str, jwk: dict) -> dict:
    """The payload of ``token`` if it is signed by the Ed25519 ``jwk``; ``JWSError`` otherwise."""
    header, payload, signing_input, signature = split(token)
    if header.get("alg") != ALGORITHM or "crit" in header:
        raise JWSError(BAD_ALGORITHM)
    if jwk.get("kid") and header.get("kid") != jwk["kid"]:
        raise JWSError(UNKNOWN_KEY)
    if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
        raise JWSError(UNKNOWN_KEY)
    public_key = Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
    try:
        public_key.verify(signature, signing_input)
    except InvalidSignature as error:
        raise JWSError(BAD_SIGNATURE) from error
    return payload
