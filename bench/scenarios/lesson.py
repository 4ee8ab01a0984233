"""A logged-in learner reads a lesson page (with their progress) vs a bare view through the same
middleware, same cookie, same wrk settings: >= 0.25x its throughput, <= 12 queries."""

import urllib.request

from bench import load
from bench.results import Result
from bench.world import logins

MAX_QUERIES = 12


def lesson_and_reader():
    """The first lesson of the programme and a learner actively enrolled in a cohort of it, with some
    lessons done (the page then shows real progress)."""
    from bench.world import programme
    from cms.models import LessonPage
    from courses.models import Enrolment, LessonProgress

    root = programme()
    lesson = LessonPage.objects.live().descendant_of(root).order_by("path").first()
    enrolment = (
        Enrolment.objects.filter(cohort__programme=root, status=Enrolment.Status.ACTIVE)
        .filter(pk__in=LessonProgress.objects.filter(completed_at__isnull=False).values("enrolment_id"))
        .select_related("learner")
        .order_by("pk")
        .first()
    )
    return lesson, enrolment.learner


def fetch(url: str, cookie: str) -> tuple[int, int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 (loopback)
    opener = urllib.request.build_opener(NoRedirect)
    with opener.open(request, timeout=30) as response:
        return response.status, int(response.headers.get("X-Bench-Queries", "-1")), response.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def run(ctx) -> Result:
    lesson, learner = lesson_and_reader()
    login = logins([learner])[0]
    page_url = ctx.base_url + lesson.get_url()
    bare_url = ctx.base_url + "/_banc/nu/"
    wrk = {"cookie": login.cookie, "seconds": ctx.seconds}
    before = load.wrk(bare_url, **wrk)
    page = load.wrk(page_url, **wrk)
    after = load.wrk(bare_url, **wrk)
    # Counted once every worker has served the page: a cold process also loads its content types.
    status, queries, body = fetch(page_url, login.cookie)
    _bare_status, bare_queries, _ = fetch(bare_url, login.cookie)
    baseline = (before.requests_per_s + after.requests_per_s) / 2
    return Result(
        scenario="lesson_page",
        size=ctx.size,
        value=page.requests_per_s,
        baseline=baseline,
        unit="req/s",
        target=0.25,
        checks={
            "page_200": status == 200 and b'lang="fr"' in body,
            "no_error_under_load": page.bad_responses == 0
            and before.bad_responses == after.bad_responses == 0,
            f"queries<={MAX_QUERIES}": 0 <= queries <= MAX_QUERIES,
        },
        facts={"queries": queries},
        notes=[
            f"{queries} requêtes SQL par page (vue nue : {bare_queries})",
            f"wrk 2 threads, 8 connexions, {ctx.seconds} s : page {page.requests} requêtes, "
            f"p50 {page.latency_p50_ms} ms, p99 {page.latency_p99_ms} ms",
            f"vue nue avant/après : {before.requests_per_s:.0f} / {after.requests_per_s:.0f} req/s",
        ],
    )
