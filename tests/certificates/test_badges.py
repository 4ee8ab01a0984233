"""Open Badges 3.0: the key, the credential, its JWT (checked by PyJWT, an independent implementation),
the status lists (read back with base64 and gzip only) and our verification of pasted badges."""

import base64
import datetime
import gzip
import hashlib
import json
import os
import stat

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from certificates.badges import jws
from certificates.badges.credential import build_credential, sign_credential
from certificates.badges.issuer import issuer_id
from certificates.badges.keys import ensure_badge_key, private_key, public_jwk
from certificates.badges.status_list import (
    MIN_BITS,
    build_status_list_credential,
    encode_bitstring,
    signed_status_list,
)
from certificates.badges.verify import MAX_TOKEN_BYTES, verify_credential
from certificates.models import Certificate
from tests.certificates.badge_helpers import (
    b64url_json,
    bit,
    new_certificate,
    pyjwt_decode,
    use_temporary_key,
)

pytestmark = pytest.mark.django_db

JWT_CLAIMS = {"iss", "jti", "nbf", "exp"}


@pytest.fixture(autouse=True)
def badge_key(settings, tmp_path):
    return use_temporary_key(settings, tmp_path)


@pytest.fixture
def certificate(tree):
    return new_certificate(tree, learner__first_name="Camille", learner__last_name="Martin")


def _signed(certificate) -> str:
    return sign_credential(build_credential(certificate))


def _set_status(certificate, status: str) -> None:
    Certificate.objects.filter(pk=certificate.pk).update(status=status, status_reason="Motif du test.")


def _failed(result) -> dict[str, str]:
    return {check.label: check.detail for check in result.checks if not check.ok}


# --- the key ----------------------------------------------------------------------------------------


def test_the_key_is_generated_once_private_to_its_owner(badge_key):
    assert ensure_badge_key() is True
    content = badge_key.read_bytes()
    assert stat.S_IMODE(os.stat(badge_key).st_mode) == 0o600
    assert ensure_badge_key() is False
    assert badge_key.read_bytes() == content
    assert isinstance(private_key(), Ed25519PrivateKey)


def test_the_public_jwk_is_ed25519_named_by_its_rfc7638_thumbprint():
    jwk = public_jwk()
    assert {key: jwk[key] for key in ("kty", "crv", "alg", "use")} == {
        "kty": "OKP",
        "crv": "Ed25519",
        "alg": "EdDSA",
        "use": "sig",
    }
    assert "d" not in jwk  # the private part is never published
    # RFC 7638 §3.2.1: the required members, sorted, no whitespace (the RFC 8037 Ed25519 example).
    canonical = f'{{"crv":"Ed25519","kty":"OKP","x":"{jwk["x"]}"}}'
    assert jwk["kid"] == jwt.utils.base64url_encode(hashlib.sha256(canonical.encode()).digest()).decode()
    assert public_jwk() == jwk


def test_a_key_that_is_not_ed25519_is_refused(badge_key):
    badge_key.parent.mkdir(parents=True)
    other = ec.generate_private_key(ec.SECP256R1())
    badge_key.write_bytes(
        other.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    with pytest.raises(ImproperlyConfigured):
        private_key()


# --- the credential ----------------------------------------------------------------------------------


def test_the_credential_is_an_open_badge_3_with_minimal_personal_data(certificate):
    credential = build_credential(certificate)
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert (
        credential["id"].startswith("urn:uuid:") and build_credential(certificate)["id"] == credential["id"]
    )
    assert credential["issuer"]["id"] == issuer_id() == "http://127.0.0.1:8000/certificats/emetteur.json"
    assert credential["issuer"]["type"] == ["Profile"]
    assert credential["issuer"]["name"] == "Union régionale pour l'habitat Hauts-de-France"
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"][0]["identityHash"] == "Camille Martin"
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] == "Référent·e égalité de traitement"
    assert "quiz" in achievement["criteria"]["narrative"] and "URH" not in achievement["id"]
    text = json.dumps(credential, ensure_ascii=False)
    assert certificate.holder.email not in text
    assert certificate.holder_organisation not in text


def test_validity_runs_from_the_first_to_the_last_second_of_the_french_days(certificate):
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_from=datetime.date(2026, 3, 5), valid_until=datetime.date(2029, 3, 4)
    )
    certificate.refresh_from_db()
    credential = build_credential(certificate)
    assert credential["validFrom"] == "2026-03-04T23:00:00Z"  # midnight in Paris, winter time
    assert credential["validUntil"] == "2029-03-04T22:59:59Z"


def test_the_credential_points_to_both_status_lists_at_its_index(certificate):
    entries = build_credential(certificate)["credentialStatus"]
    assert {entry["statusPurpose"] for entry in entries} == {"revocation", "suspension"}
    for entry in entries:
        assert entry["type"] == "BitstringStatusListEntry"
        assert entry["statusListIndex"] == str(certificate.pk)
        purpose = entry["statusPurpose"]
        assert entry["statusListCredential"] == f"http://127.0.0.1:8000/certificats/statut/{purpose}.jwt"


# --- the JWT, read by PyJWT ------------------------------------------------------------------------------


def test_pyjwt_verifies_our_signature_and_reads_the_credential(certificate):
    credential = build_credential(certificate)
    token = sign_credential(credential)
    header = jwt.get_unverified_header(token)
    assert header == {"alg": "EdDSA", "kid": public_jwk()["kid"], "typ": "vc+jwt"}
    payload = pyjwt_decode(token, verify_iss=True)
    assert {key: value for key, value in payload.items() if key not in JWT_CLAIMS} == credential
    assert payload["iss"] == credential["issuer"]["id"] and payload["jti"] == credential["id"]
    assert payload["exp"] == int(datetime.datetime.fromisoformat(credential["validUntil"]).timestamp())
    assert jws.verify_jws(token, public_jwk()) == payload
    assert _signed(certificate) == token  # deterministic: a second download gives the same badge


def test_a_tampered_payload_fails_with_pyjwt_and_with_ours(certificate):
    token = _signed(certificate)
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["credentialSubject"]["identifier"][0]["identityHash"] = "Quelqu'un d'autre"
    forged = f"{header}.{b64url_json(claims)}.{signature}"
    with pytest.raises(jwt.InvalidSignatureError):
        pyjwt_decode(forged)
    with pytest.raises(jws.JWSError) as error:
        jws.verify_jws(forged, public_jwk())
    assert error.value.code == jws.BAD_SIGNATURE
    result = verify_credential(forged)
    assert not result.valid and result.certificate is None
    assert "signature ne correspond pas" in result.reason


def test_a_token_signed_by_another_key_fails_even_with_our_kid(certificate):
    intruder = Ed25519PrivateKey.generate()
    credential = build_credential(certificate)
    forged = jws.sign(credential, key=intruder, kid=public_jwk()["kid"], typ="vc+jwt")
    with pytest.raises(jwt.InvalidSignatureError):
        pyjwt_decode(forged, verify_exp=False)
    assert "signature" in verify_credential(forged).reason
    foreign = jws.sign(credential, key=intruder, kid="une-autre-cle", typ="vc+jwt")
    result = verify_credential(foreign)
    assert not result.valid and "clé publiée" in result.reason


def test_alg_none_and_hmac_with_the_public_key_are_refused(certificate):
    payload = build_credential(certificate)
    unsigned = f"{b64url_json({'alg': 'none', 'typ': 'vc+jwt'})}.{b64url_json(payload)}."
    result = verify_credential(unsigned)
    assert not result.valid and "seul EdDSA" in result.reason
    # The classic confusion: HMAC keyed with the public key's bytes.
    secret = base64.urlsafe_b64decode(public_jwk()["x"] + "=")
    hmac = jwt.encode(payload, secret, algorithm="HS256", headers={"kid": public_jwk()["kid"]})
    assert "seul EdDSA" in verify_credential(hmac).reason
    with pytest.raises(jws.JWSError):
        jws.verify_jws(hmac, public_jwk())


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "bonjour",
        "a.b.c",
        "a.b.c.d",
        "é.é.é",
        "eyJhbGciOiJFZERTQSJ9.W10.AAAA",  # payload is a JSON array
        "eyJhbGciOiJFZERTQSJ9=.e30.AAAA",  # padding: not base64url as JWS spells it
        "\x00\x01\x02",
        "x" * (MAX_TOKEN_BYTES + 1),
    ],
)
def test_garbage_gives_a_french_reason_never_an_exception(garbage):
    result = verify_credential(garbage)
    assert not result.valid and result.malformed
    assert result.reason in {
        "Le texte est vide : collez le badge (JWT) ou choisissez son fichier.",
        "Le texte dépasse 64 Ko : ce n'est pas un badge émis par cette plateforme.",
        "Ce texte n'est pas un JWT compact lisible (trois parties base64url séparées par des points).",
    }


# --- statuses and dates ----------------------------------------------------------------------------------


def test_a_valid_badge_passes_every_check(certificate):
    result = verify_credential(_signed(certificate))
    assert result.valid, _failed(result)
    assert result.certificate == certificate and result.holder == "Camille Martin"
    assert result.number == certificate.number and result.status == "valide"
    assert len(result.checks) == 10


@pytest.mark.parametrize(
    ("status", "purpose", "word"),
    [("revoked", "revocation", "révoqué"), ("suspended", "suspension", "suspendu")],
)
def test_revoked_or_suspended_is_refused_and_set_in_its_status_list(certificate, status, purpose, word):
    token = _signed(certificate)
    other = "suspension" if purpose == "revocation" else "revocation"
    _set_status(certificate, status)
    result = verify_credential(token)
    assert not result.valid
    failed = _failed(result)
    assert failed["Statut du certificat dans le registre"] == f"Certificat {word} : Motif du test."
    assert failed["Listes de statut publiées (révocation, suspension)"] == f"Inscrit comme {word}."
    listed = pyjwt_decode(signed_status_list(purpose), require=["iss"])
    assert listed["credentialSubject"]["statusPurpose"] == purpose
    assert bit(listed["credentialSubject"]["encodedList"], certificate.pk)
    unlisted = build_status_list_credential(other)["credentialSubject"]["encodedList"]
    assert not bit(unlisted, certificate.pk)
    _set_status(certificate, "valid")  # reinstated: the bit is cleared, the badge is valid again
    assert not bit(build_status_list_credential(purpose)["credentialSubject"]["encodedList"], certificate.pk)
    assert verify_credential(token).valid


def test_an_expired_badge_is_refused_once_its_last_day_is_over(certificate, monkeypatch):
    token = _signed(certificate)
    after = datetime.datetime.combine(
        certificate.valid_until + datetime.timedelta(days=1), datetime.time(12), tzinfo=datetime.UTC
    )
    monkeypatch.setattr(timezone, "now", lambda: after)
    result = verify_credential(token)
    assert not result.valid
    assert _failed(result)["Période de validité non dépassée"].startswith("Badge expiré : valide jusqu'au")


def test_a_badge_whose_dates_are_past_is_refused_by_us_and_by_pyjwt(certificate):
    end = timezone.localdate() - datetime.timedelta(days=1)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_from=end - datetime.timedelta(days=365), valid_until=end
    )
    certificate.refresh_from_db()
    token = _signed(certificate)
    assert list(_failed(verify_credential(token))) == ["Période de validité non dépassée"]
    with pytest.raises(jwt.ExpiredSignatureError):
        pyjwt_decode(token)


def test_expired_in_the_registry_is_refused_even_within_the_dates(certificate):
    token = _signed(certificate)
    Certificate.objects.filter(pk=certificate.pk).update(status="expired")
    result = verify_credential(token)
    assert _failed(result) == {"Statut du certificat dans le registre": "Certificat expiré."}


def test_a_badge_not_yet_valid_is_refused(certificate):
    start = timezone.localdate() + datetime.timedelta(days=10)
    Certificate.objects.filter(pk=certificate.pk).update(
        valid_from=start, valid_until=start + datetime.timedelta(days=365)
    )
    certificate.refresh_from_db()
    result = verify_credential(_signed(certificate))
    assert list(_failed(result)) == ["Période de validité commencée"]
    with pytest.raises(jwt.ImmatureSignatureError):
        pyjwt_decode(_signed(certificate))


def test_a_signed_credential_unknown_to_the_registry_is_refused(certificate):
    credential = build_credential(certificate)
    credential["id"] = "urn:uuid:00000000-0000-0000-0000-000000000000"
    result = verify_credential(sign_credential(credential))
    assert _failed(result) == {
        "Certificat présent dans le registre de l'URH": (
            "Aucun certificat de notre registre ne correspond à ce badge."
        )
    }


# --- the status list -------------------------------------------------------------------------------------


def test_the_status_list_is_16_kib_built_in_one_query(certificate, django_assert_num_queries):
    _set_status(certificate, "revoked")
    with django_assert_num_queries(1):
        credential = build_status_list_credential("revocation")
    assert credential["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert credential["credentialSubject"]["type"] == "BitstringStatusList"
    encoded = credential["credentialSubject"]["encodedList"]
    data = encoded[1:]
    raw = gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))
    assert len(raw) * 8 == MIN_BITS
    assert sum(bin(byte).count("1") for byte in raw) == 1 and bit(encoded, certificate.pk)


def test_the_status_list_grows_past_its_minimum():
    encoded = encode_bitstring([3, MIN_BITS + 9])
    assert bit(encoded, 3) and bit(encoded, MIN_BITS + 9) and not bit(encoded, MIN_BITS + 8)
