"""Fuzzing of the certification forms and public endpoints: the decision form, bulk approval, the
lifecycle reasons, the registry filters, the public verification (ids and the search form) and the
badge check. Never a 500; a refused form writes nothing."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from certificates.models import Certificate, CertificateStatusChange, CertificationDecision
from lms.accounts import roles
from tests.certificates.candidates import candidate, programme
from tests.factories import UserFactory, with_role
from tests.factories.certificates import issued_certificate
from tests.fuzz import FUZZ, any_text, nasty_text, post_form, rolled_back

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        CertificationDecision.objects.count(),
        Certificate.objects.count(),
        CertificateStatusChange.objects.count(),
    )


@pytest.fixture
def certifier(client):
    person = with_role(UserFactory(), roles.CERTIFIER)
    client.force_login(person)
    return person


@pytest.fixture
def p(tree):
    return programme(tree)


outcomes = st.one_of(st.sampled_from(["approved", "rejected", "deferred"]), nasty_text)


def test_the_decision_form_never_fails(client, certifier, p):
    eligible, reserved = candidate(p), candidate(p, opinion="reserved")

    @FUZZ
    @given(
        enrolment=st.sampled_from([eligible, reserved]),
        outcome=outcomes,
        motive=nasty_text,
        override=st.one_of(st.just(""), st.just("on"), nasty_text),
    )
    def decide(enrolment, outcome, motive, override):
        url = reverse("certificates:decision", args=[enrolment.pk])
        with rolled_back():
            before = counts()
            response = post_form(client, url, {"outcome": outcome, "motive": motive, "override": override})
            assert response.status_code in (302, 400), response.status_code
            if response.status_code == 400:
                assert counts() == before

    decide()


def test_bulk_approval_never_fails(client, certifier, p):
    eligible = candidate(p)
    url = reverse("certificates:bulk-approve", args=[p.cohort.pk])
    ids = st.one_of(st.just(str(eligible.pk)), st.integers(-(2**70), 2**70).map(str), nasty_text)

    @FUZZ
    @given(values=st.lists(ids, max_size=4))
    def approve(values):
        with rolled_back():
            response = post_form(client, url, [("enrolments", value) for value in values])
            assert response.status_code in (302, 400, 404), response.status_code
            assert Certificate.objects.count() <= 1

    approve()


def test_lifecycle_reasons_never_fail(client, certifier, tree):
    certificate = issued_certificate(programme(tree).cohort.enrolments.create(learner=UserFactory()))

    @FUZZ
    @given(
        action=st.sampled_from(["suspend", "reinstate", "revoke", "reissue"]),
        reason=nasty_text,
        confirm=st.one_of(st.just("on"), nasty_text),
    )
    def change(action, reason, confirm):
        url = reverse(f"certificates:certificate-{action}", args=[certificate.pk])
        with rolled_back():
            before = counts()
            response = post_form(client, url, {"reason": reason, "confirm": confirm})
            assert response.status_code in (302, 400), response.status_code
            if response.status_code == 400:
                assert counts() == before

    change()


def test_registry_filters_never_fail(client, certifier):
    @FUZZ
    @given(q=nasty_text, organisation=nasty_text, status=nasty_text, year=nasty_text, page=nasty_text)
    def search(q, organisation, status, year, page):
        params = {"q": q, "organisation": organisation, "status": status, "year": year, "page": page}
        for name in ("certificates:registry", "certificates:registry-csv"):
            response = client.get(reverse(name), params)
            assert response.status_code in (200, 400, 404), response.status_code

    search()


def test_public_verification_never_fails(client, tree):
    certificate = issued_certificate(programme(tree).cohort.enrolments.create(learner=UserFactory()))
    ids = st.one_of(st.just(certificate.verification_id), st.text(st.characters(codec="ascii"), max_size=80))

    @FUZZ
    @given(identifier=ids, accept=st.sampled_from(["text/html", "application/json", "*/*"]), query=any_text)
    def verify(identifier, accept, query):
        cache.clear()  # the per-IP limit is tested elsewhere
        response = client.get(f"/verifier/{identifier}/", HTTP_ACCEPT=accept)
        assert response.status_code in (200, 301, 404), response.status_code
        response = client.get(reverse("certificates:verify-home"), {"id": query})
        assert response.status_code in (200, 302, 400), response.status_code

    verify()


def test_the_badge_check_never_fails(client):
    tokens = st.one_of(nasty_text, st.text(st.characters(codec="ascii"), max_size=300))

    @FUZZ
    @given(token=tokens)
    def check(token):
        cache.clear()
        response = post_form(client, reverse("certificates:badge-verify"), {"token": token})
        assert response.status_code in (200, 400), response.status_code

    check()
