"""Bitstring Status Lists (W3C): one for revocation, one for suspension.

Bit ``i`` of a list stands for the certificate whose primary key is ``i`` (its ``statusListIndex``); bits
are numbered from the most significant bit of the first byte. A list is at least 131,072 bits (16 KiB)
so that one set bit does not single a holder out, and grows by whole bytes past that. The lists are
computed from the database on each request (one query) and published signed, as JWTs.
"""

import gzip

from django.urls import reverse
from django.utils import timezone

from certificates.badges.issuer import iso, issuer_id, sign_payload
from certificates.badges.jws import b64url_decode
from certificates.badges.keys import b64url
from certificates.links import absolute
from certificates.models import Certificate

# Purpose -> the certificate status whose bit is set in that list.
PURPOSES = {"revocation": Certificate.Status.REVOKED, "suspension": Certificate.Status.SUSPENDED}
MIN_BITS = 131_072


def status_list_url(purpose: str) -> str:
    return absolute(reverse(f"certificates:status-list-{purpose}"))


def status_entries(index: int) -> list[dict]:
    """The ``credentialStatus`` of the credential at ``index``: one entry per purpose."""
    return [
        {
            "id": f"{status_list_url(purpose)}#{index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": str(index),
            "statusListCredential": status_list_url(purpose),
        }
        for purpose in PURPOSES
    ]


def set_indexes(purpose: str) -> list[int]:
    return list(Certificate.objects.filter(status=PURPOSES[purpose]).values_list("pk", flat=True))


def encode_bitstring(indexes: list[int]) -> str:
    """Multibase base64url (``u`` prefix, no padding) of the gzipped bitstring."""
    size = max(MIN_BITS, max(indexes, default=0) + 1)
    bits = bytearray((size + 7) // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0: the same statuses always give the same bytes.
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + b64url(compressed)


def bit_is_set(encoded_list: str, index: int) -> bool:
    """Read bit ``index`` of an encoded list (ours, already verified). Past the end: not set."""
    bits = gzip.decompress(b64url_decode(encoded_list.removeprefix("u")))
    byte = index // 8
    return byte < len(bits) and bool(bits[byte] & (0x80 >> (index % 8)))


def build_status_list_credential(purpose: str) -> dict:
    url = status_list_url(purpose)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": iso(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode_bitstring(set_indexes(purpose)),
        },
    }


def signed_status_list(purpose: str) -> str:
    credential = build_status_list_credential(purpose)
    now = timezone.now()
    return sign_payload({**credential, "iss": credential["issuer"], "iat": int(now.timestamp())})
