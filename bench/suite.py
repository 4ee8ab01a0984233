"""The scenarios of one data size, in one process: starts gunicorn on that size's database, runs the
scenarios asked for, prints each result as one ``RESULT {json}`` line (read by ``bench.run``).

    python -m bench.suite --size L --scenarios lesson_page,dashboard  (environment from bench.run)
"""

import argparse
import os
import sys
import traceback

SCENARIOS = (
    "lesson_page",
    "dashboard",
    "quiz_submit_burst",
    "check_in_burst",
    "certificate_pdf",
    "bulk_issuance",
    "csv_export_attempts",
)


def run_scenario(name: str, ctx) -> list:
    from bench.scenarios import bursts, dashboard, issuance, lesson, pdf

    if name == "lesson_page":
        return [lesson.run(ctx)]
    if name == "dashboard":
        return [dashboard.run(ctx)]
    if name == "quiz_submit_burst":
        return [bursts.quiz_submission(ctx, n) for n in ((20, 50) if ctx.quick else (100, 1000))]
    if name == "check_in_burst":
        return [bursts.check_in(ctx, 30 if ctx.quick else 300)]
    if name == "certificate_pdf":
        return [pdf.run(ctx)]
    if name == "bulk_issuance":
        return [issuance.run(ctx)]
    if name == "csv_export_attempts":
        from bench.scenarios import export

        return [export.run(ctx)]
    raise ValueError(f"scénario inconnu : {name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.suite")
    parser.add_argument("--size", required=True)
    parser.add_argument("--scenarios", required=True)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    import logging

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    logging.getLogger("certificates").setLevel(logging.WARNING)  # one line per certificate rendered
    from django.utils import translation

    from bench import baselines
    from bench.results import Result
    from bench.scenarios.context import Context
    from bench.server import start_gunicorn

    translation.activate("fr")
    baselines.ensure_table()
    if any(name.endswith("_burst") for name in args.scenarios.split(",")):
        from bench.world import remove_burst_worlds

        remove_burst_worlds()  # left by an interrupted run
    env = dict(os.environ)
    ctx = Context(size=args.size, host=env["HOST"], port=int(env["PORT"]), env=env, quick=args.quick)
    server = start_gunicorn(env)
    status = 0
    try:
        for name in args.scenarios.split(","):
            print(f"… {name} ({args.size})", file=sys.stderr, flush=True)
            try:
                results = run_scenario(name, ctx)
            except Exception as error:  # one broken scenario is reported, the others still run
                traceback.print_exc()
                results = [Result(name, args.size, 0, 0, "-", 0, checks={"ran": False}, notes=[repr(error)])]
                status = 1
            for result in results:
                print("RESULT " + result.as_json(), flush=True)
    finally:
        server.stop()
    return status


if __name__ == "__main__":
    sys.exit(main())
