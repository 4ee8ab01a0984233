"""The URH dashboard over all the cohorts of the size (1 000 learners at M, 10 000 at L) vs the raw SQL
aggregates behind it: <= 3x their time + 50 ms, the same number of queries at both sizes.

The baseline is what the database alone spends on the page's figures: the selector is run once to
capture its queries (its aggregates: enrolments, attendance, eligibility, certificates per month and
the few reads they need), then those queries are replayed through a bare database cursor, without the
ORM, and their times added up. The heaviest single query is timed too and printed beside.
"""

import statistics
import time

from bench.results import Result
from bench.scenarios.lesson import fetch
from bench.world import logins, staff_user


def dashboard_queries() -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lms.steering.selectors.dashboard import dashboard
    from lms.steering.selectors.scope import DashboardFilters

    with CaptureQueriesContext(connection) as captured:
        dashboard(filters=DashboardFilters())
    return [query["sql"] for query in captured.captured_queries]


def raw_seconds(queries: list[str], repeat: int) -> tuple[float, float]:
    """Median over ``repeat`` replays of (all the queries, the heaviest one alone)."""
    from django.db import connection

    totals, heaviest = [], []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            times = []
            for sql in queries:
                began = time.perf_counter()
                cursor.execute(sql)
                cursor.fetchall()
                times.append(time.perf_counter() - began)
            totals.append(sum(times))
            heaviest.append(max(times))
    return statistics.median(totals), statistics.median(heaviest)


def run(ctx) -> Result:
    from courses.models import Enrolment
    from lms.accounts.roles import MANAGER

    manager, device = staff_user(MANAGER, "banc-gestion@bench.example.org")
    login = logins([manager], devices={manager.pk: device})[0]
    url = ctx.base_url + "/gestion/pilotage/"
    status, queries_count, body = fetch(url, login.cookie)  # warm-up: caches, plans
    repeat = 3 if ctx.quick else 7
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        fetch(url, login.cookie)
        runs.append(time.perf_counter() - began)
    page = statistics.median(runs)
    queries = dashboard_queries()
    baseline, heaviest = raw_seconds(queries, repeat)
    learners = Enrolment.objects.values("learner_id").distinct().count()
    return Result(
        scenario="dashboard",
        size=ctx.size,
        value=page,
        baseline=baseline,
        unit="s",
        target=3.0,
        higher=False,
        allowance=0.050,
        checks={"page_200": status == 200 and b"Pilotage" in body},
        facts={"queries": queries_count},
        notes=[
            f"{learners} apprenants ; page médiane {page * 1000:.0f} ms sur {repeat} ; "
            f"{len(queries)} requêtes du sélecteur rejouées brutes : {baseline * 1000:.0f} ms "
            f"(la plus lourde seule : {heaviest * 1000:.0f} ms, rapport {page / heaviest:.2f}x) ; "
            f"{queries_count} requêtes SQL pour toute la page",
        ],
    )
