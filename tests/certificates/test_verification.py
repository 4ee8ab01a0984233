"""The public verification page and the public directory: no login, no personal data beyond what a
certificate prints, one answer for every id that is not a certificate's, guessing throttled."""

import datetime
import json
import re
import secrets
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.ratelimit import Rate
from certificates.selectors.public import (
    certificate_to_verify,
    directory_queryset,
    displayed_status,
    known_verification_ids,
)
from tests.factories import CohortFactory, EnrolmentFactory, OrganisationFactory, UserFactory
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def certificate(tree):
    learner = UserFactory(
        first_name="Léa",
        last_name="Durand",
        email="lea.durand@example.org",
        organisation=OrganisationFactory(name="Habitat du Nord", departement="59"),
    )
    return issued_certificate(
        EnrolmentFactory(cohort=CohortFactory(programme=tree.programme), learner=learner)
    )


def _url(verification_id: str) -> str:
    return reverse("certificates:verify", kwargs={"verification_id": verification_id})


def _set(certificate, **fields):
    Certificate.objects.filter(pk=certificate.pk).update(**fields)
    certificate.refresh_from_db()


# --- the page ---------------------------------------------------------------------------------------------


def test_anyone_sees_the_certificate_valid_with_what_it_prints(client, certificate):
    response = client.get(_url(certificate.verification_id))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Ce certificat est <strong>valide</strong>" in html
    for shown in ("Léa Durand", "Habitat du Nord", certificate.number, certificate.programme_title, "URH"):
        assert shown in html
    assert certificate.valid_until.strftime("%Y") in html
    assert "lea.durand@example.org" not in html  # no e-mail, no account
    assert response["Vary"] == "Accept" or "Accept" in response["Vary"]
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("status", "label"),
    [("suspended", "suspendu"), ("revoked", "révoqué"), ("expired", "expiré")],
)
def test_a_certificate_that_is_not_valid_says_so_with_its_reason(client, certificate, status, label):
    _set(certificate, status=status, status_reason="Contrôle en cours par l'URH.")
    html = client.get(_url(certificate.verification_id)).content.decode()
    assert f"Ce certificat est <strong>{label}</strong>" in html
    assert "Contrôle en cours par l&#x27;URH." in html


def test_a_certificate_past_its_validity_reads_expired_before_the_nightly_task(client, certificate):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    _set(certificate, valid_from=yesterday - datetime.timedelta(days=10), valid_until=yesterday)
    assert certificate.status == Certificate.Status.VALID  # not flipped yet
    html = client.get(_url(certificate.verification_id)).content.decode()
    assert "Ce certificat est <strong>expiré</strong>" in html
    assert "Sa période de validité s&#x27;est terminée" in html
    data = client.get(_url(certificate.verification_id), **JSON).json()
    assert (data["status"], data["status_label"]) == ("expired", "expiré")
    # A suspended one past its date is expired too; a revoked one stays revoked.
    _set(certificate, status="suspended", status_reason="Enquête.")
    assert displayed_status(certificate)[0] == "expired"
    _set(certificate, status="revoked", status_reason="Fraude.")
    assert displayed_status(certificate) == ("revoked", "Fraude.")


def test_the_json_answer_has_the_public_fields_only(client, certificate):
    response = client.get(_url(certificate.verification_id), **JSON)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "Accept" in response["Vary"]
    data = response.json()
    assert set(data) == {
        "number",
        "holder",
        "organisation",
        "programme",
        "issued_on",
        "valid_from",
        "valid_until",
        "status",
        "status_label",
        "reason",
        "verification_url",
        "issuer",
    }
    assert data["number"] == certificate.number
    assert data["holder"] == "Léa Durand"
    assert (data["status"], data["status_label"], data["reason"]) == ("valid", "valide", "")
    assert data["valid_until"] == certificate.valid_until.isoformat()
    assert data["verification_url"].endswith(_url(certificate.verification_id))
    assert "example.org" not in json.dumps(data).replace(data["verification_url"], "")


def test_a_browser_accepting_anything_gets_the_page(client, certificate):
    response = client.get(_url(certificate.verification_id), HTTP_ACCEPT="text/html,*/*;q=0.8")
    assert response["Content-Type"].startswith("text/html")


def test_an_erased_holder_shows_as_initials(client, certificate):
    _set(certificate, holder_name="L. D.", holder_erased=True)
    html = client.get(_url(certificate.verification_id)).content.decode()
    assert "L. D." in html and "Durand" not in html


# --- one answer for everything that is not a certificate -----------------------------------------------


def _normalised(response) -> str:
    """The body without what the layout echoes of the request (the path in the login and language
    links) and the per-response CSRF masking: what remains is what the page says."""
    body = response.content.decode()
    body = re.sub(r'name="next" value="[^"]*"', 'name="next"', body)
    body = re.sub(r'\?next=[^"]*"', '?next="', body)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', body)


NOT_CERTIFICATES = [
    secrets.token_urlsafe(24),
    "x",
    "A" * 500,
    "caf%C3%A9-%E2%9C%93-identifiant-inconnu",  # non-ASCII
    "..%2F..%2Fetc%2Fpasswd",
    "../../admin",
    "a/b/c",
    "%00",
    "' OR 1=1 --",
]


@pytest.mark.parametrize("as_json", [False, True], ids=["html", "json"])
def test_unknown_and_malformed_ids_all_get_the_same_404(client, certificate, as_json):
    headers = JSON if as_json else {}
    bodies = set()
    swapped = certificate.verification_id.swapcase()  # same letters, other case: not the certificate
    for candidate in [*NOT_CERTIFICATES, swapped, certificate.number]:
        response = client.get(f"/verifier/{candidate}/", **headers)
        assert response.status_code == 404, candidate
        assert "Accept" in response.get("Vary", ""), candidate
        bodies.add(response.content if as_json else _normalised(response))
    assert len(bodies) == 1
    body = bodies.pop()
    if as_json:
        assert json.loads(body)["status"] == "not_found"
    else:
        assert "Certificat introuvable" in body
        assert certificate.number not in body


def test_guessing_ten_thousand_ids_finds_nothing(certificate):
    guesses = {secrets.token_urlsafe(24) for _ in range(10_000)}
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        found = known_verification_ids(guesses)
    assert found == set()
    assert time.perf_counter() - started < 2
    assert len(queries) == 20  # chunks of 500
    # The selector does find a real id among guesses, and only by its exact spelling.
    assert known_verification_ids(guesses | {certificate.verification_id}) == {certificate.verification_id}
    assert certificate_to_verify(certificate.verification_id.swapcase()) is None
    assert certificate_to_verify(certificate.verification_id).number == certificate.number


def test_a_malformed_id_costs_no_query(certificate, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert certificate_to_verify("../" * 30) is None
        assert certificate_to_verify("é" * 32) is None


# --- rate limit ------------------------------------------------------------------------------------------


def test_every_verification_counts_and_the_limit_answers_429_in_french(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE = "5/60"
    urls = [_url(certificate.verification_id), _url(secrets.token_urlsafe(24))] * 2 + ["/verifier/x/"]
    assert [client.get(url).status_code for url in urls] == [200, 404, 200, 404, 404]
    response = client.get(_url(certificate.verification_id))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Trop de vérifications" in response.content.decode()
    assert "Accept" in response["Vary"]
    data = client.get(_url(certificate.verification_id), **JSON)
    assert data.status_code == 429 and data.json()["status"] == "rate_limited"
    # Per client address: another one is not throttled.
    other = Client(REMOTE_ADDR="203.0.113.9")
    assert other.get(_url(certificate.verification_id)).status_code == 200


def test_behind_the_proxy_the_limit_follows_the_forwarded_address(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE = "2/60"
    settings.AXES_IPWARE_PROXY_COUNT = 1
    url = _url(certificate.verification_id)
    for _ in range(2):
        assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 200


def test_the_default_rate_is_thirty_a_minute(client, certificate, settings):
    assert settings.CERTIFICATE_VERIFY_RATE == "30/60"  # the default of lms/settings/base.py
    url = _url(certificate.verification_id)
    assert all(client.get(url).status_code == 200 for _ in range(30))
    assert client.get(url).status_code == 429


def test_rate_parsing():
    assert Rate.parse("30/60") == Rate(30, 60)
    for wrong in ("30", "0/60", "a/b", "30/0"):
        with pytest.raises(ValueError):
            Rate.parse(wrong)


# --- the form ---------------------------------------------------------------------------------------------


def test_the_form_sends_a_verification_id_or_a_verification_address_to_its_page(client, certificate):
    page = client.get(reverse("certificates:verify-home"))
    assert page.status_code == 200
    assert '<label for="verification-id">' in page.content.decode()
    expected = _url(certificate.verification_id)
    for entered in (certificate.verification_id, f"https://exemple.fr{expected}"):
        response = client.get(reverse("certificates:verify-home"), {"id": entered})
        assert response.status_code == 302 and response["Location"] == expected


def test_the_form_does_not_look_numbers_up(client, certificate):
    response = client.get(reverse("certificates:verify-home"), {"id": certificate.number})
    # A number has the shape of an id only by chance; it leads to the same « introuvable » as any other.
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 404
    else:
        assert response.status_code == 400
    response = client.get(reverse("certificates:verify-home"), {"id": "pas un identifiant"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


# --- the directory ---------------------------------------------------------------------------------------


def _listed(tree, *, name: str, departement: str, **fields) -> Certificate:
    learner = UserFactory(
        first_name=name, last_name="Test", organisation=OrganisationFactory(departement=departement)
    )
    certificate = issued_certificate(
        EnrolmentFactory(cohort=CohortFactory(programme=tree.programme), learner=learner)
    )
    _set(certificate, listed_in_directory=True, **fields)
    return certificate


def test_the_directory_lists_only_who_opted_in_with_a_valid_certificate(client, tree, certificate):
    _listed(tree, name="Aline", departement="59")
    _listed(tree, name="Bruno", departement="62")
    _listed(tree, name="Suspendue", departement="59", status="suspended", status_reason="Contrôle.")
    _listed(tree, name="Effacée", departement="59", holder_erased=True)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    _listed(tree, name="Échue", departement="59", valid_from=yesterday, valid_until=yesterday)
    response = client.get(reverse("certificates:directory"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aline Test" in html and "Bruno Test" in html
    for hidden in ("Léa Durand", "Suspendue", "Effacée", "Échue"):  # Léa did not opt in
        assert hidden not in html
    assert '<th scope="col">' in html and '<th scope="row">Aline Test</th>' in html
    assert "@" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    filtered = client.get(reverse("certificates:directory"), {"departement": "62"}).content.decode()
    assert "Bruno Test" in filtered and "Aline Test" not in filtered
    # An unknown département shows everyone rather than an error.
    assert (
        "Aline Test" in client.get(reverse("certificates:directory"), {"departement": "zz"}).content.decode()
    )


def test_the_directory_is_paginated_with_a_constant_query_count(client, tree, django_assert_num_queries):
    url = reverse("certificates:directory")
    _listed(tree, name="Première", departement="59")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"departement": "59"})
    for number in range(30):
        _listed(tree, name=f"Personne{number:02d}", departement="59" if number % 2 else "80")
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url, {"departement": "59"})
    assert response.context["page"].paginator.count == 16
    page_2 = client.get(url, {"page": 2}).content.decode()
    assert "Page 2 sur 2" in page_2
    assert len(list(directory_queryset())) == 31
