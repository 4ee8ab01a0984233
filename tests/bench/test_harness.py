"""The benchmark harness of bench/ (``make bench``): verdicts, wrk's output, the baseline views through
the real middleware, logged-in sessions made in bulk, the burst world and its score recomputation.

The benchmarks themselves run with ``make bench`` (timings are never asserted here); these tests prove
that what the harness counts and checks is right, so a PASS in RESULTS.md means something.
"""

import random
import urllib.parse

import pytest

from assessments.models import QuizAttempt
from assessments.scoring import as_decimal, score_attempt
from bench import baselines, load
from bench.generator import generate
from bench.results import Result, results_markdown
from bench.run import compare_sizes
from bench.world import burst_world, logins, random_answers, remove_burst_worlds, staff_user
from lms.accounts.roles import MANAGER

WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8000/_banc/nu/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.10ms  512.00us   9.80ms   80.00%
    Req/Sec     1.90k   100.00     2.10k    70.00%
  Latency Distribution
     50%    2.05ms
     75%    2.40ms
     90%    2.80ms
     99%    1.20s
  7600 requests in 2.00s, 1.50MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   3800.12
Transfer/sec:    750.00KB
"""


def test_a_throughput_ratio_passes_at_its_target_and_misses_below():
    at_target = Result("s", "L", value=25, baseline=100, unit="req/s", target=0.25)
    below = Result("s", "L", value=24, baseline=100, unit="req/s", target=0.25)
    assert (at_target.ratio, at_target.verdict) == (0.25, "PASS")
    assert below.verdict == "MISS"
    assert at_target.line() == "s L 25.00req/s 100req/s 0.25x >=0.25x PASS"


def test_a_time_target_adds_its_allowance_to_the_baseline_side():
    # <= 3x + 50 ms: 0.100 s of raw aggregate allows 0.350 s.
    inside = Result("d", "L", value=0.349, baseline=0.100, unit="s", target=3, higher=False, allowance=0.05)
    outside = Result("d", "L", value=0.351, baseline=0.100, unit="s", target=3, higher=False, allowance=0.05)
    assert inside.verdict == "PASS" and outside.verdict == "MISS"
    assert inside.target_text == "<=3x+50ms"
    assert "349.0ms 100.0ms 3.49x" in inside.line()


def test_a_failed_correctness_check_fails_the_verdict_whatever_the_speed():
    fast_but_lossy = Result("q", "N=100", 1000, 10, "req/s", 0.3, checks={"exactly_N": False, "ok": True})
    assert fast_but_lossy.verdict == "FAIL(exactly_N)"
    assert Result.from_json(fast_but_lossy.as_json()) == fast_but_lossy


def test_query_counts_must_be_equal_across_sizes():
    small = Result("lesson_page", "S", 30, 100, "req/s", 0.25, facts={"queries": 12})
    same = Result("lesson_page", "L", 30, 100, "req/s", 0.25, facts={"queries": 12})
    grown = Result("dashboard", "L", 0.1, 0.1, "s", 3, higher=False, facts={"queries": 32})
    first_dashboard = Result("dashboard", "M", 0.1, 0.1, "s", 3, higher=False, facts={"queries": 31})
    compare_sizes([small, first_dashboard, same, grown])
    assert same.checks == {"same_queries_as_S": True} and same.verdict == "PASS"
    assert grown.checks == {"same_queries_as_M": False} and grown.verdict.startswith("FAIL")


def test_results_markdown_has_one_row_per_result_and_the_machine():
    results = [Result("lesson_page", "S", 30, 100, "req/s", 0.25, notes=["12 requêtes"])]
    text = results_markdown(results, machine=["- Processeur : test"], intro="Intro.", appendix="## Analyse")
    assert "| lesson_page | S | 30.00req/s | 100req/s | 0.30x | >=0.25x | PASS |" in text
    assert "- Processeur : test" in text and "12 requêtes" in text and text.rstrip().endswith("## Analyse")


def test_wrk_output_is_read_with_its_errors_and_latencies():
    run = load.parse_wrk(WRK_OUTPUT)
    assert run.requests_per_s == 3800.12 and run.requests == 7600
    assert run.bad_responses == 4 + 2 + 1
    assert run.latency_p50_ms == 2.05 and run.latency_p99_ms == 1200.0
    with pytest.raises(ValueError):
        load.parse_wrk("wrk: connection refused")


@pytest.fixture
def bench_server(settings, live_server):
    settings.ROOT_URLCONF = "bench.urls"
    settings.MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *settings.MIDDLEWARE]
    baselines.ensure_table()
    baselines.empty_table()
    return live_server


@pytest.mark.django_db(transaction=True)
def test_the_bare_view_answers_through_the_whole_middleware(bench_server):
    from lms.accounts.models import User

    learner = User.objects.create_user(email="lecteur@example.org", password="x" * 12)
    [login] = logins([learner])
    host, port = bench_server.url.removeprefix("http://").split(":")
    answer = load.burst(host, int(port), [load.Request("GET", "/_banc/nu/", login.cookie)])
    assert answer.statuses == {200: 1}


@pytest.mark.django_db(transaction=True)
def test_an_insert_burst_stores_exactly_one_row_per_request(bench_server):
    from lms.accounts.models import User

    users = [User.objects.create_user(email=f"rafale{i}@example.org", password="x" * 12) for i in range(6)]
    host, port = bench_server.url.removeprefix("http://").split(":")
    requests = [load.Request("POST", "/_banc/insertion/", x.cookie, x.csrf) for x in logins(users)]
    burst = load.burst(host, int(port), requests, concurrency=2)
    assert burst.statuses == {200: 6}
    assert baselines.count_rows() == 6
    # Without the CSRF header the middleware refuses, as it does for a page: the baseline is honest.
    refused = load.burst(
        host, int(port), [load.Request("POST", "/_banc/insertion/", requests[0].cookie, "x")]
    )
    assert refused.statuses == {403: 1} and baselines.count_rows() == 6


@pytest.mark.django_db
def test_sessions_made_in_bulk_log_people_in_with_their_second_factor(client, settings):
    from lms.accounts.models import User

    learner = User.objects.create_user(email="apprenant-banc@example.org", password="x" * 12)
    manager, device = staff_user(MANAGER, "gestion-banc@bench.example.org")
    learner_login, manager_login = logins([learner, manager], devices={manager.pk: device})
    client.cookies.load(manager_login.cookie)
    assert client.get("/gestion/pilotage/").status_code == 200
    client.cookies.clear()
    client.cookies.load(learner_login.cookie)
    assert client.get("/gestion/pilotage/").status_code == 403
    assert client.get("/mon-parcours/").status_code == 200


@pytest.mark.django_db
def test_the_burst_world_takes_submissions_scored_as_recomputed(client):
    from courses.models import Cohort

    generate("XS", 1)
    cohorts_before = list(Cohort.objects.values_list("name", flat=True))
    attempts_before = QuizAttempt.objects.count()
    world = burst_world(3, label="essai")
    assert len(world.learners) == len(world.attempts) == 3
    assert all(a.state == QuizAttempt.State.IN_PROGRESS for a in world.attempts)
    rng = random.Random(3)
    made = logins(world.learners)
    for login, attempt in zip(made, world.attempts, strict=True):
        answers = random_answers(attempt.content, rng)
        pairs = [("shown", k) for k in answers] + [(f"q-{k}", c) for k, cs in answers.items() for c in cs]
        client.cookies.clear()
        client.cookies.load(login.cookie)
        response = client.post(
            f"/tentatives/{attempt.pk}/envoyer/",
            urllib.parse.urlencode(pairs),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 302 and response["Location"].endswith("/resultat/")
        attempt.refresh_from_db()
        expected = as_decimal(score_attempt(attempt.content["items"], answers)[0])
        assert attempt.state == QuizAttempt.State.GRADED and attempt.score == expected
    # A run leaves nothing behind: the burst cohort, its learners and their sessions go, the generated
    # data stays.
    from django.contrib.sessions.models import Session

    from lms.accounts.models import User

    assert Session.objects.filter(session_key__in=[x.session_key for x in made]).count() == 3
    assert remove_burst_worlds(made) > 0
    assert list(Cohort.objects.values_list("name", flat=True)) == cohorts_before
    assert not User.objects.filter(email__startswith="rafale-").exists()
    assert not Session.objects.filter(session_key__in=[x.session_key for x in made]).exists()
    assert QuizAttempt.objects.count() == attempts_before
