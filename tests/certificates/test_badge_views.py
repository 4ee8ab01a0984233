"""Open Badges views: who downloads a badge, the public issuer documents (read back with PyJWT), and
the public checker form (text, upload, refusals tied to their field, CSRF)."""

import re

import jwt
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from jwt import PyJWK, PyJWKSet

from certificates.badges.keys import public_jwk
from certificates.badges.verify import MAX_TOKEN_BYTES
from certificates.models import Certificate
from lms.accounts import roles
from lms.audit.models import Action, AuditEvent
from tests.certificates.badge_helpers import bit, new_certificate, pyjwt_decode, use_temporary_key
from tests.factories import EnrolmentFactory, UserFactory, with_role

pytestmark = pytest.mark.django_db

VERIFY_URL = "/verifier-un-badge/"


@pytest.fixture(autouse=True)
def badge_key(settings, tmp_path):
    return use_temporary_key(settings, tmp_path)


@pytest.fixture
def certificate(tree):
    return new_certificate(tree)


def _download_url(certificate) -> str:
    return reverse("certificates:badge-download", kwargs={"certificate_id": certificate.pk})


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _badge(certificate) -> str:
    return _client(certificate.holder).get(_download_url(certificate)).content.decode()


# --- the download ----------------------------------------------------------------------------------------


def test_the_holder_downloads_a_signed_badge_and_the_download_is_audited(certificate):
    url = _download_url(certificate)
    assert url == f"/mes-certificats/{certificate.pk}/badge.jwt"
    response = _client(certificate.holder).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    assert response["Content-Disposition"] == f'attachment; filename="badge-{certificate.number}.jwt"'
    assert response["Cache-Control"] == "private, no-store"
    payload = pyjwt_decode(response.content.decode())
    assert payload["credentialStatus"][0]["statusListIndex"] == str(certificate.pk)
    event = AuditEvent.objects.get(action=Action.EXPORT_DOWNLOADED)
    assert event.actor == certificate.holder and event.object_id == str(certificate.pk)
    assert event.after["export"] == f"badge-{certificate.number}.jwt"


def test_who_may_download_a_badge(certificate):
    url = _download_url(certificate)
    trainer = with_role(UserFactory(), roles.TRAINER)
    certificate.enrolment.cohort.trainers.add(trainer)  # even the cohort's own trainer
    answers = {
        "another learner": (EnrolmentFactory(cohort=certificate.enrolment.cohort).learner, 404),
        "the cohort's trainer": (trainer, 404),
        "a certifier": (with_role(UserFactory(), roles.CERTIFIER), 200),
        "a manager": (with_role(UserFactory(), roles.MANAGER), 200),
    }
    got = {who: _client(user).get(url).status_code for who, (user, _expected) in answers.items()}
    assert got == {who: expected for who, (_user, expected) in answers.items()}
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/connexion/")


def test_an_unknown_certificate_is_a_404_for_the_registry_too():
    certifier = with_role(UserFactory(), roles.CERTIFIER)
    url = reverse("certificates:badge-download", kwargs={"certificate_id": 999_999})
    assert _client(certifier).get(url).status_code == 404


# --- the issuer's public documents ---------------------------------------------------------------------


def test_the_issuer_profile_and_keys_are_public_json():
    profile = Client().get("/certificats/emetteur.json")
    assert profile.status_code == 200 and profile["Access-Control-Allow-Origin"] == "*"
    data = profile.json()
    assert data["id"] == "http://127.0.0.1:8000/certificats/emetteur.json"
    assert data["type"] == ["Profile"]
    assert data["name"] == "Union régionale pour l'habitat Hauts-de-France"
    assert data["jwks_uri"] == "http://127.0.0.1:8000/.well-known/jwks.json"
    keys = Client().get("/.well-known/jwks.json")
    assert keys.status_code == 200
    jwks = keys.json()
    assert jwks == {"keys": [public_jwk()]} and data["publicKeys"] == jwks["keys"]
    assert all("d" not in key for key in jwks["keys"])
    assert PyJWKSet.from_dict(jwks)[public_jwk()["kid"]].key_type == "OKP"


@pytest.mark.parametrize("purpose", ["revocation", "suspension"])
def test_the_status_lists_are_public_signed_jwts(certificate, purpose):
    Certificate.objects.filter(pk=certificate.pk).update(
        status="revoked" if purpose == "revocation" else "suspended", status_reason="Motif."
    )
    response = Client().get(f"/certificats/statut/{purpose}.jwt")
    assert response.status_code == 200 and response["Content-Type"] == "application/vc+jwt"
    jwks = Client().get("/.well-known/jwks.json").json()
    key = PyJWK(jwks["keys"][0]).key
    listed = jwt.decode(response.content.decode(), key=key, algorithms=["EdDSA"])
    assert listed["id"] == f"http://127.0.0.1:8000/certificats/statut/{purpose}.jwt"
    assert listed["credentialSubject"]["statusPurpose"] == purpose
    assert bit(listed["credentialSubject"]["encodedList"], certificate.pk)


def test_an_unknown_status_purpose_is_a_404():
    assert Client().get("/certificats/statut/autre.jwt").status_code == 404


# --- the public checker ----------------------------------------------------------------------------------


def test_the_checker_is_a_public_labelled_form():
    response = Client().get(VERIFY_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    assert '<label for="id_token">Collez le badge (JWT)</label>' in html
    assert '<label for="id_file">' in html
    assert "<script" not in html.split("</header>")[1] and "style=" not in html


def test_a_pasted_valid_badge_is_shown_with_its_checks(certificate):
    response = Client().post(VERIFY_URL, {"token": _badge(certificate)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Badge valide" in html and certificate.number in html and certificate.holder_name in html
    assert html.count("✓") == 10 and "✗" not in html


def test_an_uploaded_badge_file_is_checked_too(certificate):
    upload = SimpleUploadedFile("badge.jwt", _badge(certificate).encode(), content_type="application/vc+jwt")
    response = Client().post(VERIFY_URL, {"file": upload})
    assert response.status_code == 200 and "Badge valide" in response.content.decode()


def test_a_revoked_badge_is_answered_not_valid_with_the_reason(certificate):
    token = _badge(certificate)
    Certificate.objects.filter(pk=certificate.pk).update(status="revoked", status_reason="Fraude avérée.")
    html = Client().post(VERIFY_URL, {"token": token}).content.decode()
    assert "Badge non valide" in html and "Certificat révoqué : Fraude avérée." in html and "✗" in html


def _field_error(response, field: str) -> str:
    """The page is a 400 and the field's input points at its error list."""
    assert response.status_code == 400
    html = response.content.decode()
    tag = re.search(rf'<(?:textarea|input)[^>]*id="id_{field}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in tag and f"id_{field}_errors" in tag
    assert f'<ul class="errorlist" id="id_{field}_errors">' in html
    return html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"token": "ceci n'est pas un badge"}, "token", "n&#x27;est pas un JWT compact lisible"),
        ({"token": ""}, "token", "Le texte est vide"),
        ({"token": "x" * (MAX_TOKEN_BYTES + 1)}, "token", "Le texte dépasse 64 Ko"),
        ({"file": ("badge.jwt", b"\xff\xfe\x00garbage")}, "file", "encodé en UTF-8"),
        ({"file": ("badge.jwt", b"x" * (MAX_TOKEN_BYTES + 1))}, "file", "Le texte dépasse 64 Ko"),
        ({"file": ("badge.jwt", b"pas.un.jwt")}, "file", "n&#x27;est pas un JWT compact lisible"),
        ({"token": "a.b.c", "file": ("badge.jwt", b"a.b.c")}, "token", "pas les deux"),
    ],
)
def test_bad_input_is_a_400_with_the_message_on_its_field(data, field, message):
    if "file" in data:
        name, content = data["file"]
        data = {**data, "file": SimpleUploadedFile(name, content)}
    html = _field_error(Client().post(VERIFY_URL, data), field)
    assert message in html


def test_the_checker_is_csrf_protected(certificate):
    client = Client(enforce_csrf_checks=True)
    assert client.post(VERIFY_URL, {"token": "a.b.c"}).status_code == 403
