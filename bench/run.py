"""``make bench``: every scenario of quality.md against its baseline, measured in the same run on the
same server (gunicorn, production settings, PostgreSQL, Redis), printed one line per scenario —
``scenario size value baseline ratio target verdict`` — and written into ``bench/RESULTS.md`` with the
machine's description.

    .venv/bin/python -m bench.run [--sizes S,M,L] [--only lesson_page,dashboard] [--quick]

Each size gets its own PostgreSQL database (``lms_bench_<size>``), migrated and generated once with
seed 1 (kept for the next run; ``--fresh`` rebuilds it), then analysed. The lesson page and the
dashboard are measured at every size (their query counts must be equal across sizes); the bursts, the
PDF, the bulk issuance and the CSV export at the largest. Exit status 1 when a correctness check fails
(a burst that lost a row, a wrong score…), 0 otherwise — a missed speed target is a verdict (MISS) in
the table, explained in ``bench/NOTES.md``, which is appended to RESULTS.md.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.results import HEADER, Result, machine_description, results_markdown
from bench.suite import SCENARIOS

ROOT = Path(__file__).resolve().parent.parent
PER_SIZE = ("lesson_page", "dashboard")
DEFAULT_SIZES = "S,M,L"
INTRO = """Produit par `make bench` (`python -m bench.run`). Chaque valeur est comparée à sa référence
mesurée **dans la même exécution, sur le même serveur** (gunicorn 2 workers, réglages de production,
PostgreSQL et Redis locaux) : seuls les rapports ont un sens d'une machine à l'autre. Les cibles sont
celles de `quality.md`. Verdicts : PASS (cible atteinte), MISS (cible manquée : voir l'analyse en fin de
page), FAIL(…) (une vérification d'exactitude a échoué : lignes perdues, note fausse…)."""


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def database_url(base: str, prefix: str, size: str) -> str:
    return f"{base.rstrip('/')}/{prefix}_{size.lower()}"


def prepare(size: str, env: dict, *, fresh: bool) -> None:
    """Create, migrate and fill the size's database once (seed 1), then ANALYZE it."""
    from lms.ops.serve import ensure_database

    ensure_database(env["DATABASE_URL"])
    python = sys.executable
    step(size, "migrations", [python, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    generate = [python, "-m", "bench.generate", "--size", size, "--seed", "1"]
    probe = subprocess.run(  # noqa: S603
        [python, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if fresh or probe.stdout.strip() != "oui":
        step(
            size,
            "génération des données",
            [*generate, *(["--reset"] if probe.stdout.strip() == "oui" else [])],
            env,
        )
    else:
        say(f"[{size}] données déjà générées (graine 1) : réutilisées")
    step(size, "ANALYZE", [python, "manage.py", "dbshell", "--", "-c", "ANALYZE"], env)


PROBE = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'bench.settings'); django.setup();"
    "from bench.generator import has_generated_data; print('oui' if has_generated_data() else 'non')"
)


def step(size: str, label: str, argv: list[str], env: dict) -> None:
    began = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        say(done.stdout[-2000:] + done.stderr[-4000:])
        raise SystemExit(f"[{size}] échec : {label}")
    say(f"[{size}] {label} : {time.perf_counter() - began:.1f} s")


def run_suite(size: str, scenarios: list[str], env: dict, *, quick: bool) -> list[Result]:
    argv = [sys.executable, "-m", "bench.suite", "--size", size, "--scenarios", ",".join(scenarios)]
    process = subprocess.Popen(  # noqa: S603
        [*argv, *(["--quick"] if quick else [])], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    results = []
    for line in process.stdout:
        if line.startswith("RESULT "):
            result = Result.from_json(line[len("RESULT ") :])
            print(result.line(), flush=True)
            results.append(result)
    process.wait()
    return results


def compare_sizes(results: list[Result]) -> None:
    """The lesson page's and the dashboard's query counts must not grow with the data."""
    for scenario in PER_SIZE:
        measured = [r for r in results if r.scenario == scenario and "queries" in r.facts]
        if len(measured) < 2:
            continue
        first = measured[0]
        for other in measured[1:]:
            same = other.facts["queries"] == first.facts["queries"]
            other.checks[f"same_queries_as_{first.size}"] = same
            other.notes.append(
                f"requêtes : {other.facts['queries']:g} à {other.size}, "
                f"{first.facts['queries']:g} à {first.size}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes", default=DEFAULT_SIZES, help="tailles de quality.md, de la plus petite à la plus grande"
    )
    parser.add_argument("--only", default="", help="scénarios à mesurer (par défaut : tous)")
    parser.add_argument("--quick", action="store_true", help="mesures courtes (essai du banc lui-même)")
    parser.add_argument("--fresh", action="store_true", help="régénère les données de chaque taille")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database-prefix", default="lms_bench")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args(argv)

    from bench.generator.sizes import SIZES
    from bench.server import free_port, server_env

    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    only = [s.strip() for s in args.only.split(",") if s.strip()] or list(SCENARIOS)
    wrong = [s for s in only if s not in SCENARIOS]
    if unknown or wrong or not sizes:
        say(f"Tailles possibles : {', '.join(SIZES)} ; scénarios : {', '.join(SCENARIOS)}.")
        return 2
    collectstatic = True
    results: list[Result] = []
    print(HEADER, flush=True)
    for index, size in enumerate(sizes):
        largest = index == len(sizes) - 1
        scenarios = [s for s in only if s in PER_SIZE or largest]
        if not scenarios:
            continue
        env = server_env(
            database_url(args.postgres, args.database_prefix, size), redis_url=args.redis, port=free_port()
        )
        env.setdefault("EMAIL_URL", "dummymail://")
        prepare(size, env, fresh=args.fresh)
        if collectstatic:
            step(
                size,
                "collectstatic",
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                env,
            )
            collectstatic = False
        results += run_suite(size, scenarios, env, quick=args.quick)
    compare_sizes(results)
    notes = ROOT / "bench" / "NOTES.md"
    appendix = notes.read_text(encoding="utf-8") if notes.exists() else ""
    Path(args.output).write_text(
        results_markdown(results, machine=machine_description(), intro=INTRO, appendix=appendix),
        encoding="utf-8",
    )
    say(f"Tableau écrit dans {args.output}")
    failed = [r for r in results if r.verdict.startswith("FAIL")]
    return 1 if failed else 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    sys.exit(main())
