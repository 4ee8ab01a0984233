"""The dashboard's query budget: the same count for a cohort of 100 and of 1 000 learners, and whatever the
number of cohorts and programmes. Large cohorts are built in bulk (``bulk_cohort``)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.steering.charts import french_int
from lms.steering.selectors.dashboard import dashboard
from lms.steering.selectors.scope import DashboardFilters
from tests.certificates.candidates import programme
from tests.factories import OrganisationFactory
from tests.steering.dashboard_fixtures import bulk_cohort, second_programme

pytestmark = pytest.mark.django_db
URL = "/gestion/pilotage/"

# session, user, second factor, roles; filter choices (2); scope (2); modules and lessons (2), the
# enrolment aggregate (1); sessions (1), attendance per cell (1); candidates (1) and their eligibility
# (13); organisations (1); attendance per session (1); certificates per month (1).
DASHBOARD_QUERIES = 31


@pytest.fixture
def organisations(db):
    return [OrganisationFactory(departement=code) for code in ("59", "62", "80")]


def _measured(client) -> CaptureQueriesContext:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return queries


def test_the_query_count_is_the_same_for_100_and_1000_learners(
    as_manager, tree, organisations, django_assert_num_queries
):
    p = programme(tree)
    bulk_cohort(p, 100, organisations)
    as_manager.get(URL)  # warm-up: the session, the second factor, the roles
    with django_assert_num_queries(DASHBOARD_QUERIES):
        as_manager.get(URL)
    bulk_cohort(p, 900, organisations)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        html = as_manager.get(URL).content.decode()
    total = dashboard(filters=DashboardFilters()).total
    assert total.enrolled + total.invited == 1000
    assert total.counted == 800 and sum(total.progress) == 800
    assert f"<dd>{french_int(total.enrolled)}</dd>" in html


def test_the_query_count_does_not_grow_with_cohorts_or_programmes(as_manager, tree, organisations):
    first = programme(tree)
    bulk_cohort(first, 30, organisations)
    as_manager.get(URL)
    one = _measured(as_manager)
    second = programme(second_programme(tree.home))
    for p in (programme(tree, quiz=first.quiz), second, programme(second.tree, quiz=second.quiz)):
        bulk_cohort(p, 30, organisations)
    four = _measured(as_manager)
    assert len(four.captured_queries) == len(one.captured_queries) == DASHBOARD_QUERIES, "\n".join(
        query["sql"][:200] for query in four.captured_queries
    )


def test_filters_cost_no_extra_query(as_manager, tree, organisations):
    p = programme(tree)
    bulk_cohort(p, 30, organisations)
    as_manager.get(URL)
    query = f"?programme={tree.programme.pk}&cohort={p.cohort.pk}&organisation={organisations[1].pk}"
    today = timezone.localdate()  # the factory's cohort runs from a week ago to three months ahead
    query += (
        f"&departement=62&du={today - datetime.timedelta(days=30)}&au={today + datetime.timedelta(days=30)}"
    )
    # (organisation 1 still has a learner with an opinion: the eligibility is evaluated, as above)
    with CaptureQueriesContext(connection) as filtered:
        assert as_manager.get(URL + query).status_code == 200
    assert len(filtered.captured_queries) == DASHBOARD_QUERIES
