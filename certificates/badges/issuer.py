"""The issuer: its profile (public JSON), its identifier, and the signature of what it publishes."""

import datetime

from django.conf import settings
from django.urls import reverse

from assessments.pdf import ORGANISER
from certificates.badges import jws
from certificates.badges.keys import badge_key_is_demo, private_key, public_jwk
from certificates.links import absolute

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
MEDIA_TYPE = "vc+jwt"
ISSUER_NAME = ORGANISER
ISSUER_DESCRIPTION = (
    "Association régionale des organismes HLM des Hauts-de-France. Elle délivre les certificats "
    "« Référent·e égalité de traitement » et les badges Open Badges 3.0 qui les accompagnent."
)
DEMO_NOTICE = "Signature de démonstration : ce badge n'a aucune valeur."


def issuer_id() -> str:
    return absolute(reverse("certificates:issuer-profile"))


def jwks_url() -> str:
    return absolute(reverse("certificates:issuer-jwks"))


def issuer_summary() -> dict:
    """The issuer as embedded in each credential."""
    return {"id": issuer_id(), "type": ["Profile"], "name": ISSUER_NAME, "url": settings.SITE_URL}


def issuer_profile() -> dict:
    """The public profile: who we are and where our public keys are (the badges' ``kid``)."""
    description = f"{ISSUER_DESCRIPTION} {DEMO_NOTICE}" if badge_key_is_demo() else ISSUER_DESCRIPTION
    return {
        "@context": CONTEXTS,
        **issuer_summary(),
        "description": description,
        "jwks_uri": jwks_url(),
        "publicKeys": [public_jwk()],
    }


def jwks() -> dict:
    return {"keys": [public_jwk()]}


def iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sign_payload(payload: dict) -> str:
    return jws.sign(payload, key=private_key(), kid=public_jwk()["kid"], typ=MEDIA_TYPE)
