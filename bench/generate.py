"""Generate one data size of quality.md (seeded, reproducible) into the configured database.

    .venv/bin/python -m bench.generate --size S --seed 1 [--database-url postgres://…] [--reset]

Sizes: XS, S, M, L, XL (learners, cohorts, sessions, quiz attempts: see quality.md). Refuses to run
when generated data is already there; ``--reset`` first deletes the generated rows only (users
``@bench.example.org``, organisations « Organisme bench … », the ``parcours-bench`` programme and all
that hangs off it), never the other data. Every generated account has the password ``Bench-URH-2026``.
Prints each table's rows and time.
"""

import argparse
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n")[0])
    parser.add_argument("--size", required=True, help="XS, S, M, L ou XL")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", help="sinon DATABASE_URL, sinon la base SQLite locale")
    parser.add_argument("--reset", action="store_true", help="supprime d'abord les données générées")
    args = parser.parse_args(argv)

    from bench.generator.sizes import SIZES

    size = args.size.upper()
    if size not in SIZES:
        print(f"Taille inconnue : {args.size!r}. Tailles possibles : {', '.join(SIZES)}.", file=sys.stderr)
        return 2
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    import django

    django.setup()
    import logging

    from django.db import connection

    logging.getLogger("wagtail").setLevel(logging.WARNING)  # one line per page created or deleted

    from bench.generator import AlreadyGenerated, generate, has_generated_data, reset

    print(f"Base : {connection.vendor} {connection.settings_dict['NAME']}")
    if has_generated_data():
        if not args.reset:
            print(
                "Cette base contient déjà des données générées : relancez avec --reset pour les "
                "supprimer d'abord (seules les données générées sont supprimées).",
                file=sys.stderr,
            )
            return 1
        started = time.perf_counter()
        deleted = reset()
        print(f"Données générées supprimées en {time.perf_counter() - started:.1f} s : {deleted}")

    def step(table: str, rows: int, seconds: float) -> None:
        print(f"  {table:<22} {rows:>10} lignes  {seconds:8.2f} s", flush=True)

    print(f"Génération de la taille {size}, graine {args.seed} :")
    started = time.perf_counter()
    try:
        counts = generate(size, args.seed, step=step)
    except AlreadyGenerated:  # pragma: no cover - checked above
        print("Données générées déjà présentes : utilisez --reset.", file=sys.stderr)
        return 1
    print(f"Terminé en {time.perf_counter() - started:.1f} s : {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
