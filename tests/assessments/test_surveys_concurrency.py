"""Ten submissions of one survey at the same moment (a double click, two tabs, a retrying phone), on
PostgreSQL where transactions really overlap: exactly one response, the nine others told it was
already answered."""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from assessments.models import SurveyRequest, SurveyResponse
from assessments.services import surveys
from lms.errors import Conflict
from tests.assessments.test_surveys import GOOD, PRESENT, closed_session, sent_request
from tests.conftest import build_tree
from tests.factories import CohortFactory, EnrolmentFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
PARALLEL = 10


@pytest.fixture(autouse=True)
def _postgresql_only(wagtail_base):
    if connection.vendor != "postgresql":
        pytest.skip("réponses concurrentes : vérifiées sur PostgreSQL (second passage de la CI)")


def _in_parallel(action, times: int) -> list:
    barrier, results, lock = threading.Barrier(times), [], threading.Lock()

    def run():
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

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_ten_parallel_answers_to_one_survey_store_one_response():
    tree = build_tree(modules=1, lessons_per_module=1)
    enrolment = EnrolmentFactory(cohort=CohortFactory(programme=tree.programme))
    session = closed_session(enrolment.cohort, rows=[(enrolment, PRESENT)])
    token = surveys.survey_token(sent_request(enrolment, session, now=timezone.now()))

    results = _in_parallel(lambda: surveys.submit_survey(token=token, answers=GOOD), PARALLEL)

    stored = [r for r in results if isinstance(r, SurveyResponse)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert (len(stored), len(refused)) == (1, PARALLEL - 1)
    assert {error.code for error in refused} == {"answered"}
    assert SurveyResponse.objects.count() == 1
    assert SurveyRequest.objects.get().answered
