"""A certificate as an Open Badges 3.0 ``OpenBadgeCredential`` (W3C VC Data Model 2.0), signed as a
JWT (VC-JOSE-COSE: the payload is the credential, plus the registered claims that mirror it).

The credential is deterministic: the same certificate gives the same JSON, and Ed25519 signatures are
deterministic too, so a second download gives the same token. Its texts are the French wording of the
certificate itself, not interface strings: they do not follow the reader's language. Personal data is
kept to the holder's name (no e-mail, no organisation).
"""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings

from certificates.badges.issuer import (
    CONTEXTS,
    DEMO_NOTICE,
    ISSUER_NAME,
    iso,
    issuer_id,
    issuer_summary,
    sign_payload,
)
from certificates.badges.keys import badge_key_is_demo
from certificates.badges.status_list import status_entries
from certificates.links import verification_url
from lms.numbers import french_decimal

CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
ACHIEVEMENT_NAME = "Référent·e égalité de traitement"
ACHIEVEMENT_FRAGMENT = "referent-egalite-de-traitement"
ACHIEVEMENT_DESCRIPTION = (
    "Qualification des référent·es égalité de traitement des organismes HLM des Hauts-de-France, "
    "conçue par l'Union régionale pour l'habitat avec l'IREV : prévenir les discriminations dans "
    "l'accès au logement social et la gestion locative."
)
CRITERIA = (
    "Le certificat est délivré à la personne qui : a terminé tous les modules en ligne du parcours ; "
    "a obtenu la moyenne requise aux quiz des modules ; a assisté aux demi-journées de formation en "
    "présentiel au moins au seuil d'assiduité fixé ; a reçu l'avis favorable de son formateur ou de sa "
    "formatrice. La décision est prise par un·e certificateur·rice de l'Union régionale pour l'habitat "
    "Hauts-de-France, qui peut suspendre ou révoquer le certificat."
)
_NAMESPACE = uuid.UUID("5f0d6c1e-3a8b-4c47-9a55-0b7d2e6f1c93")  # ours; changing it changes every id


def credential_id(certificate) -> str:
    """``urn:uuid:`` derived from the verification id: stable, and says nothing of the holder."""
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, certificate.verification_id)}"


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight in the union's time zone: a certificate's dates are French calendar days."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def validity(certificate) -> tuple[datetime.datetime, datetime.datetime]:
    """From the first second of ``valid_from`` to the last second of ``valid_until``."""
    end = day_start(certificate.valid_until + datetime.timedelta(days=1)) - datetime.timedelta(seconds=1)
    return day_start(certificate.valid_from), end


def _description(certificate) -> str:
    text = (
        f"Certificat n° {certificate.number} délivré par l'{ISSUER_NAME} : {certificate.programme_title}, "
        f"{french_decimal(certificate.hours)} heures de formation. Vérification : "
        f"{verification_url(certificate.verification_id)}"
    )
    return f"{text}. {DEMO_NOTICE}" if badge_key_is_demo() else text


def achievement() -> dict:
    return {
        "id": f"{issuer_id()}#{ACHIEVEMENT_FRAGMENT}",
        "type": ["Achievement"],
        "achievementType": "Certificate",
        "name": ACHIEVEMENT_NAME,
        "description": ACHIEVEMENT_DESCRIPTION,
        "criteria": {"narrative": CRITERIA},
        "inLanguage": "fr",
    }


def build_credential(certificate) -> dict:
    valid_from, valid_until = validity(certificate)
    return {
        "@context": CONTEXTS,
        "id": credential_id(certificate),
        "type": CREDENTIAL_TYPES,
        "issuer": issuer_summary(),
        "validFrom": iso(valid_from),
        "validUntil": iso(valid_until),
        "awardedDate": iso(certificate.issued_at),
        "name": ACHIEVEMENT_NAME,
        "description": _description(certificate),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "hashed": False,
                    "identityHash": certificate.holder_name,
                }
            ],
            "achievement": achievement(),
        },
        "credentialStatus": status_entries(certificate.pk),
    }


def parse_iso(text) -> datetime.datetime | None:
    """An aware datetime from an ISO 8601 string with its offset, or None."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def jwt_claims(credential: dict) -> dict:
    """The credential plus ``iss``, ``jti``, ``nbf`` and ``exp``, so that any JWT library checks them."""
    claims = {"iss": credential["issuer"]["id"], "jti": credential["id"]}
    for claim, field in (("nbf", "validFrom"), ("exp", "validUntil")):
        moment = parse_iso(credential.get(field))
        if moment is not None:
            claims[claim] = int(moment.timestamp())
    return {**credential, **claims}


def sign_credential(credential: dict) -> str:
    return sign_payload(jwt_claims(credential))
