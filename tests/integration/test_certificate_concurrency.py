"""Certifiers deciding at the same moment (PostgreSQL, where transactions really overlap).

- Ten approvals of one candidate at once (a double click, two certifiers): one decision, one
  certificate, the others told a final decision exists.
- Ten approvals of ten candidates at once: ten certificates numbered 1 to 10, no gap, no duplicate
  (the year's sequence row is taken under lock).
"""

import threading

import pytest
from django.db import connection

from certificates.models import Certificate, CertificationDecision
from certificates.services import decisions, issuance
from lms.accounts import roles
from lms.errors import Conflict
from tests.certificates.candidates import candidate, programme
from tests.conftest import build_tree
from tests.factories import UserFactory, with_role

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
PARALLEL = 10


@pytest.fixture(autouse=True)
def _postgresql_only(wagtail_base, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("décisions concurrentes : vérifiées sur PostgreSQL (second passage de la CI)")
    # The rendering has its own tests (and its worker test); here only the decisions race.
    monkeypatch.setattr(issuance, "enqueue_rendering", lambda certificate: None)


def _in_parallel(actions) -> list:
    barrier, results, lock = threading.Barrier(len(actions)), [], threading.Lock()

    def run(action):
        from django.db import connections

        barrier.wait()
        try:
            outcome = action()
        except Conflict as error:
            outcome = error
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_ten_parallel_approvals_of_one_candidate_issue_one_certificate():
    p = programme(build_tree(modules=2, lessons_per_module=1))
    enrolment = candidate(p)
    certifiers = [with_role(UserFactory(), roles.CERTIFIER) for _ in range(PARALLEL)]

    def approve(person):
        return lambda: decisions.decide(enrolment_id=enrolment.pk, outcome="approved", acting_user=person)

    results = _in_parallel([approve(person) for person in certifiers])
    decided = [r for r in results if isinstance(r, CertificationDecision)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert (len(decided), len(refused)) == (1, PARALLEL - 1)
    assert CertificationDecision.objects.filter(enrolment=enrolment).count() == 1
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_ten_parallel_approvals_get_ten_consecutive_numbers():
    p = programme(build_tree(modules=2, lessons_per_module=1))
    enrolments = [candidate(p) for _ in range(PARALLEL)]
    certifier = with_role(UserFactory(), roles.CERTIFIER)

    def approve(enrolment):
        return lambda: decisions.decide(enrolment_id=enrolment.pk, outcome="approved", acting_user=certifier)

    results = _in_parallel([approve(enrolment) for enrolment in enrolments])
    assert all(isinstance(result, CertificationDecision) for result in results)
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == list(range(1, PARALLEL + 1))
    assert Certificate.objects.values("number").distinct().count() == PARALLEL
