"""The URH dashboard over all the cohorts of the size (1 000 learners at M, 10 000 at L) vs the raw SQL
aggregate behind it: <= 3x its time + 50 ms, the same number of queries at both sizes.

The baseline is the dashboard's heaviest query (found by running the selector once and timing each of
its queries), executed again through a bare database cursor: what the database alone must spend.
"""

import statistics
import time

from bench.results import Result
from bench.scenarios.lesson import fetch
from bench.world import logins, staff_user


def slowest_query() -> tuple[str, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lms.steering.selectors.dashboard import dashboard
    from lms.steering.selectors.scope import DashboardFilters

    with CaptureQueriesContext(connection) as captured:
        dashboard(filters=DashboardFilters())
    timed = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            began = time.perf_counter()
            cursor.execute(query["sql"])
            cursor.fetchall()
            timed.append((time.perf_counter() - began, query["sql"]))
    seconds, sql = max(timed)
    return sql, seconds


def raw_seconds(sql: str, repeat: int) -> float:
    from django.db import connection

    runs = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            began = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            runs.append(time.perf_counter() - began)
    return statistics.median(runs)


def run(ctx) -> Result:
    from courses.models import Enrolment
    from lms.accounts.roles import MANAGER

    manager, device = staff_user(MANAGER, "banc-gestion@bench.example.org")
    login = logins([manager], devices={manager.pk: device})[0]
    url = ctx.base_url + "/gestion/pilotage/"
    status, queries, body = fetch(url, login.cookie)  # warm-up: caches, plans
    repeat = 3 if ctx.quick else 7
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        fetch(url, login.cookie)
        runs.append(time.perf_counter() - began)
    page = statistics.median(runs)
    sql, _first = slowest_query()
    baseline = raw_seconds(sql, repeat)
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
        facts={"queries": queries},
        notes=[
            f"{learners} apprenants ; page médiane {page * 1000:.0f} ms sur {repeat}, "
            f"agrégat brut médian {baseline * 1000:.0f} ms ; {queries} requêtes SQL",
            "agrégat de référence : " + " ".join(sql.split())[:160] + "…",
        ],
    )
