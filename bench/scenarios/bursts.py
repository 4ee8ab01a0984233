"""Bursts: N learners submit their quiz at once (N = 100 and 1 000), 300 learners check in at the start
of a half-day; each against the same number of POSTs to a view doing one INSERT + COMMIT, same cookies.

Correctness is checked in SQL afterwards: exactly N attempts graded (no duplicate), each stored score
equal to the score recomputed here from the answers this script sent, exactly 300 attendance rows.
"""

import random
import urllib.parse

from bench import baselines, load
from bench.results import Result
from bench.world import burst_world, logins, random_answers, remove_burst_worlds

CONCURRENCY = 32


def _insert_burst(ctx, users_logins) -> load.Burst:
    baselines.empty_table()
    requests = [load.Request("POST", "/_banc/insertion/", login.cookie, login.csrf) for login in users_logins]
    return load.burst(ctx.host, ctx.port, requests, concurrency=CONCURRENCY)


def quiz_submission(ctx, size: int) -> Result:
    from assessments.models import AttemptAnswer, QuizAttempt
    from assessments.scoring import as_decimal, score_attempt

    world = burst_world(size, label=f"quiz {size}")
    users_logins = logins(world.learners)
    baseline = _insert_burst(ctx, users_logins)
    baseline_rows = baselines.count_rows()

    rng = random.Random(size)
    requests, expected = [], {}
    for login, attempt in zip(users_logins, world.attempts, strict=True):
        answers = random_answers(attempt.content, rng)
        pairs = [("shown", key) for key in answers] + [(f"q-{k}", c) for k, cs in answers.items() for c in cs]
        percent, _per_question = score_attempt(attempt.content["items"], answers)
        expected[attempt.pk] = as_decimal(percent)
        body = urllib.parse.urlencode(pairs)
        path = f"/tentatives/{attempt.pk}/envoyer/"
        requests.append(load.Request("POST", path, login.cookie, login.csrf, body, tag=attempt.pk))
    measured = load.burst(ctx.host, ctx.port, requests, concurrency=CONCURRENCY)

    acknowledged = [
        a
        for a in measured.answers
        if a.status == 302 and a.location.endswith(f"/tentatives/{a.request.tag}/resultat/")
    ]
    stored = dict(
        QuizAttempt.objects.filter(
            enrolment__cohort=world.cohort, state=QuizAttempt.State.GRADED
        ).values_list("pk", "score")
    )
    rows = QuizAttempt.objects.filter(enrolment__cohort=world.cohort).count()
    wrong_scores = [pk for pk, score in expected.items() if stored.get(pk) != score]
    answers_rows = AttemptAnswer.objects.filter(attempt__enrolment__cohort=world.cohort).count()
    items = len(world.attempts[0].content["items"])
    remove_burst_worlds(users_logins)  # the next run measures the same data
    return Result(
        scenario="quiz_submit_burst",
        size=f"N={size}",
        value=measured.requests_per_s,
        baseline=baseline.requests_per_s,
        unit="req/s",
        target=0.3,
        checks={
            "all_acknowledged": len(acknowledged) == size,
            "exactly_N_graded": len(stored) == size and rows == size,
            "scores_recomputed": not wrong_scores,
            "answers_stored": answers_rows == size * items,
            "baseline_N_rows": baseline_rows == size,
        },
        notes=[
            f"{size} envois, {CONCURRENCY} en vol : p95 {measured.p95_ms:.0f} ms "
            f"(référence p95 {baseline.p95_ms:.0f} ms) ; statuts {dict(measured.statuses)}",
            f"{len(stored)} tentatives notées / {rows} en base ; {len(wrong_scores)} note(s) différente(s) "
            f"du recalcul ; {answers_rows} réponses",
        ],
    )


def check_in(ctx, size: int = 300) -> Result:
    from django.utils import timezone

    from assessments import tokens
    from assessments.models import Attendance

    world = burst_world(size, label=f"émargement {size}", seed=size)
    users_logins = logins(world.learners)
    baseline = _insert_burst(ctx, users_logins)
    baseline_rows = baselines.count_rows()
    token = tokens.current_token(world.session, timezone.now())  # valid 30 to 60 s: the burst takes a few
    path = f"/emargement/{token}/"
    requests = [load.Request("POST", path, login.cookie, login.csrf, "confirmer=1") for login in users_logins]
    measured = load.burst(ctx.host, ctx.port, requests, concurrency=CONCURRENCY)
    rows = Attendance.objects.filter(session=world.session)
    attested = rows.filter(attested_at__isnull=False, status__in=Attendance.ATTENDED).count()
    stored = rows.count()
    remove_burst_worlds(users_logins)  # the next run measures the same data
    return Result(
        scenario="check_in_burst",
        size=f"N={size}",
        value=measured.requests_per_s,
        baseline=baseline.requests_per_s,
        unit="req/s",
        target=0.5,
        checks={
            "all_200": measured.statuses.get(200, 0) == size,
            "exactly_N_rows": stored == size and attested == size,
            "baseline_N_rows": baseline_rows == size,
        },
        notes=[
            f"{size} émargements, {CONCURRENCY} en vol : p95 {measured.p95_ms:.0f} ms "
            f"(référence p95 {baseline.p95_ms:.0f} ms) ; statuts {dict(measured.statuses)}",
            f"{stored} lignes de présence, {attested} attestées",
        ],
    )
