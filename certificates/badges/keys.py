"""The issuer's Ed25519 signing key for badges and status lists, and its public JWK.

The private key is a PEM (PKCS#8) file at ``settings.BADGE_SIGNING_KEY_FILE``. Without one, the first use
generates it (mode 0600). The file is written under a temporary name then hard-linked into place, so
two processes starting together end up with the same key: the second link fails and keeps the first.
"""

import base64
import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def key_path() -> Path:
    return Path(settings.BADGE_SIGNING_KEY_FILE)


def ensure_badge_key() -> bool:
    """Generate the key file if it is missing; True if this call created it (idempotent)."""
    path = key_path()
    if path.exists():
        return False
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".badge-key-")  # created 0600
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)
    except FileExistsError:
        return False
    finally:
        os.unlink(temporary)
    return True


def private_key() -> Ed25519PrivateKey:
    """The signing key, read once per file version (a replaced file is read again)."""
    ensure_badge_key()
    path = key_path()
    return _load(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load(path: str, _mtime_ns: int) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"BADGE_SIGNING_KEY_FILE: {path} n'est pas une clé privée Ed25519")
    return key


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def public_jwk() -> dict:
    """The public key as a JWK (RFC 8037), identified by its RFC 7638 thumbprint."""
    raw = private_key().public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    required = {"crv": "Ed25519", "kty": "OKP", "x": b64url(raw)}
    canonical = json.dumps(required, sort_keys=True, separators=(",", ":")).encode("ascii")
    kid = b64url(hashlib.sha256(canonical).digest())
    return {**required, "kid": kid, "alg": "EdDSA", "use": "sig"}


def badge_key_is_demo() -> bool:
    """True unless the key was provided by the operators (``BADGE_SIGNING_KEY_FILE`` set)."""
    return bool(getattr(settings, "BADGE_SIGNING_KEY_IS_DEMO", True))
