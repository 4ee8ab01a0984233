"""Helpers of the badge tests: an independent reading of JWTs and status lists (PyJWT, base64, gzip),
so that our code is checked by code that is not ours, and the tests' key and certificate."""

import base64
import gzip
import json

import jwt
from jwt import PyJWK

from certificates.badges.keys import public_jwk
from tests.factories import CohortFactory, EnrolmentFactory
from tests.factories.certificates import issued_certificate


def use_temporary_key(settings, tmp_path):
    settings.BADGE_SIGNING_KEY_FILE = tmp_path / "signing" / "badge-ed25519.pem"
    return settings.BADGE_SIGNING_KEY_FILE


def new_certificate(tree, **learner):
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme), **learner)
    return issued_certificate(enrolment)


def pyjwt_decode(token: str, **options) -> dict:
    """PyJWT, the independent implementation, with our published key."""
    return jwt.decode(
        token,
        key=PyJWK(public_jwk()).key,
        algorithms=["EdDSA"],
        options={"require": ["iss", "nbf", "exp", "jti"], **options},
    )


def b64url_json(value: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def bit(encoded_list: str, index: int) -> bool:
    """Bit ``index`` of a Bitstring Status List, read as the W3C spec says: multibase 'u' base64url,
    gzip, bit 0 the most significant bit of the first byte."""
    assert encoded_list.startswith("u")
    data = encoded_list[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    assert len(bits) * 8 >= 131_072
    return bool((bits[index // 8] >> (7 - index % 8)) & 1)
