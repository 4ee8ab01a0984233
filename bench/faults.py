"""``make faults``: kill a Celery worker mid-rendering, restart PostgreSQL and Redis under load, then
check in SQL that nothing acknowledged was lost (quality.md, resilience; issue #10).

    .venv/bin/python -m bench.faults [--learners 60] [--certificates 20] [--size S] [--keep]

Everything runs on a PostgreSQL and a Redis of this run only (``bench.faults_stack``), under
``var/faults/``, removed at the end unless ``--keep``. Steps:

1. a fresh cluster and Redis (append-only file on), migrations, a generated size plus learners with an
   open quiz attempt and certificates without their PDF (``bench.faults_world``);
2. gunicorn (production settings, 2 workers) and a Celery worker (concurrency 2), as ``make serve``;
3. the HTTP load starts and runs until the end (``bench.faults_load``);
4. worker kill: the renderings are enqueued to a worker slowed by ``CERTIFICATE_RENDER_DELAY``, which is
   SIGKILLed (its whole process group) once a PDF is stored but not yet recorded; a new worker starts
   and the reconciliation re-enqueues what is missing;
5. PostgreSQL stopped (``pg_ctl stop -m fast``), held down a few seconds, started again;
6. Redis shut down with tasks waiting in a queue nobody consumes, held down, started on the same files;
   a worker on that queue must then process every one of them;
7. the load stops, unacknowledged submits are sent again, and the checks (``bench.faults_checks``) are
   printed as ``check expected actual verdict``. Exit code 0 only when every check passes.

Every process started here is stopped, and the throwaway servers removed, even on Ctrl-C or failure.
"""

import argparse
import datetime
import os
import shutil
import signal
import sys
import time
from collections import Counter

from bench import faults_stack as stack
from bench.faults_load import Load, Outage, classify

RENDER_DELAY = 3  # seconds each rendering of the first worker waits between the file and the row
HELD_QUEUE = "faults-held"
HELD_TASKS = 10


def say(message: str) -> None:
    sys.stderr.write(f"[faults {time.strftime('%H:%M:%S', time.gmtime())} UTC] {message}\n")
    sys.stderr.flush()


def _interrupt(signum, _frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


class Run:
    """One faults run: its directory, its servers, its children; ``close`` undoes all of them."""

    def __init__(self, args):
        self.args = args
        stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%d-%H%M%S")
        self.base = stack.ROOT / "var" / "faults" / f"run-{stamp}-{os.getpid()}"
        self.logs = self.base / "logs"
        self.postgres = stack.Postgres(self.base / "postgres", args.pg_port)
        self.redis = stack.Redis(self.base / "redis", args.redis_port, appendonly=args.appendonly)
        self.children: list[stack.Child] = []
        self.load: Load | None = None
        self.outages: list[Outage] = []
        self.notes: dict[str, object] = {}

    # --- setting up ---
    def prepare(self):
        self.logs.mkdir(parents=True)
        say(f"répertoire {self.base.relative_to(stack.ROOT)}")
        self.postgres.init()
        self.redis.start()
        self.env = stack.app_environment(
            base=self.base, postgres=self.postgres, redis=self.redis, http_port=self.args.http_port
        )
        os.environ.update(self.env)
        say("migrations, fichiers statiques, clés de signature de démonstration")
        stack.manage(self.env, "migrate", "--noinput")
        stack.manage(self.env, "collectstatic", "--noinput", "--verbosity", "0")
        stack.manage(self.env, "ensure_signing_keys")
        import django

        django.setup()
        from bench.faults_world import build

        started = time.monotonic()
        world = build(
            size=self.args.size, seed=self.args.seed, learners=self.args.learners,
            certificates=self.args.certificates,
        )  # fmt: skip
        say(f"données en {time.monotonic() - started:.1f} s : {world.counts}")
        self._close_db()
        return world

    def spawn(self, child: stack.Child, *, ready: str | None = None) -> stack.Child:
        self.children.append(child.start())
        if ready:
            stack.wait_until(lambda: ready in child.log() or not child.alive, seconds=60,
                             what=f"{child.name} pas prêt")  # fmt: skip
            if not child.alive:
                raise stack.StackError(f"{child.name} s'est arrêté :\n{child.log()[-2000:]}")
        say(f"{child.name} démarré (pid {child.process.pid})")
        return child

    def wait_for_site(self) -> None:
        import requests

        url = f"http://127.0.0.1:{self.args.http_port}/sante/"

        def healthy() -> bool:
            try:
                return requests.get(url, timeout=2).status_code == 200
            except requests.RequestException:
                return False

        stack.wait_until(healthy, seconds=60, what="gunicorn ne répond pas sur /sante/")

    @staticmethod
    def _close_db() -> None:
        """The script's own connection: dropped around outages (the servers restart under it)."""
        from django.db import connection

        connection.close()

    # --- the faults ---
    def kill_a_worker_mid_rendering(self, certificate_ids: list[int]) -> None:
        from certificates.models import Certificate, CertificateDocument
        from certificates.services.reconciliation import reconcile_certificates
        from certificates.tasks import render_certificate_task

        slow = stack.celery_worker(self.env, self.logs, name="worker-1", render_delay=RENDER_DELAY)
        first = self.spawn(slow, ready="ready.")
        for certificate_id in certificate_ids:
            render_certificate_task.delay(certificate_id)
        say(f"{len(certificate_ids)} rendus de certificats en file ; le worker-1 rend lentement")
        stack.wait_until(lambda: " stored as " in first.log(), seconds=60, what="aucun rendu commencé")
        first.kill()
        stored = [line.split("certificate ", 1)[1].split(":", 1)[0] for line in first.log().splitlines()
                  if " stored as " in line]  # fmt: skip
        interrupted = Certificate.objects.filter(number__in=stored).exclude(
            pk__in=CertificateDocument.objects.values("certificate_id")
        )
        self.notes["killed_mid_render"] = interrupted.count()
        say(f"worker-1 tué (SIGKILL) pendant le rendu de {', '.join(stored)}")
        self.spawn(stack.celery_worker(self.env, self.logs, name="worker-2"), ready="ready.")
        enqueued = reconcile_certificates(older_than=datetime.timedelta(0))
        say(f"réconciliation : {enqueued} rendus remis en file")
        self.wait_for_pdfs(seconds=90)
        self._close_db()

    def wait_for_pdfs(self, *, seconds: float) -> None:
        from bench.faults_checks import certificates_without_exactly_one_pdf

        stack.wait_until(lambda: not certificates_without_exactly_one_pdf(), seconds=seconds,
                         what="des certificats restent sans PDF")  # fmt: skip
        say("chaque certificat a son PDF")

    def restart_postgres(self) -> None:
        self._close_db()
        outage = Outage("PostgreSQL", time.monotonic())
        self.outages.append(outage)
        self.postgres.stop()
        say(f"PostgreSQL arrêté (-m fast), redémarrage dans {self.args.outage:g} s")
        time.sleep(self.args.outage)
        self.postgres.start()
        outage.up_at = time.monotonic()
        say(f"PostgreSQL redémarré ({outage.up_at - outage.down_at:.1f} s de coupure)")

    def restart_redis(self) -> None:
        import redis as redis_client

        from lms.celery import app
        from lms.ops.models import Heartbeat

        held = [Heartbeat.objects.create().pk for _ in range(HELD_TASKS)]
        for pk in held:
            app.send_task("ops.stamp_heartbeat", args=[pk], queue=HELD_QUEUE)
        self.notes["held"] = held
        with redis_client.Redis(port=self.redis.port) as client:
            queue_length = client.llen(HELD_QUEUE)
        self._close_db()
        outage = Outage("Redis", time.monotonic())
        self.outages.append(outage)
        self.redis.shutdown()
        say(f"Redis arrêté avec {queue_length} tâches en file, redémarrage dans {self.args.outage:g} s")
        time.sleep(self.args.outage)
        self.redis.start()
        outage.up_at = time.monotonic()
        with redis_client.Redis(port=self.redis.port) as client:
            kept = client.llen(HELD_QUEUE)
        self.notes["held_kept"] = (queue_length, kept)
        down = outage.up_at - outage.down_at
        say(f"Redis redémarré ({down:.1f} s de coupure) : {kept} tâches encore en file")

    def process_held_tasks(self) -> None:
        from bench.faults_checks import stamped_heartbeats

        held = self.notes["held"]
        consumer = self.spawn(stack.celery_worker(self.env, self.logs, name="worker-3", queues=HELD_QUEUE),
                              ready="ready.")  # fmt: skip
        try:
            stack.wait_until(lambda: stamped_heartbeats(held) == len(held), seconds=20,
                             what="tâches en file non traitées")  # fmt: skip
        except stack.StackError as exc:
            say(str(exc))
        consumer.stop()

    # --- the end ---
    def close(self) -> None:
        if self.load is not None:
            self.load.stop()
        for child in reversed(self.children):
            child.stop(timeout=10)
        self.redis.destroy()
        self.postgres.destroy()
        if self.args.keep:
            say(f"répertoire gardé : {self.base}")
        elif self.base.exists():
            shutil.rmtree(self.base, ignore_errors=True)


def report(run: Run, world) -> int:
    from bench.faults_checks import Check, data_checks, equal, print_table, status_checks

    responses = run.load.log.snapshot()
    summary = classify(responses, run.outages, grace=run.args.grace)
    by_kind = Counter((r.kind, r.status) for r in responses)
    print(f"\nRéponses ({summary.total}) par type et statut :")
    for (kind, status), count in sorted(by_kind.items(), key=lambda item: (item[0][0], str(item[0][1]))):
        print(f"  {kind:<7} {status!s:>4}  {count}")
    for outage in run.outages:
        print(f"  coupure {outage.label} : {outage.up_at - outage.down_at:.1f} s, "
              f"{summary.unavailable_during[outage.label]} réponses 503")  # fmt: skip
    acknowledged = run.load.log.acknowledged_attempts()
    learner_ids = [learner.user_id for learner in world.learners]
    kept_before, kept_after = run.notes.get("held_kept", (0, 0))
    checks: list[Check] = [
        equal("worker tué pendant un rendu (fichier écrit, ligne absente)", 1,
              min(1, int(run.notes.get("killed_mid_render", 0)))),
        equal("tâches en file gardées par le redémarrage de Redis", kept_before, kept_after),
        *status_checks(summary),
        *data_checks(acknowledged=acknowledged, learner_ids=learner_ids,
                     certificates=len(world.certificate_ids), held_tasks=run.notes.get("held", [])),
    ]  # fmt: skip
    finished = run.load.learners_finished()
    print(f"\n{len(acknowledged)} soumissions acquittées, {finished} apprenants au bout de leurs quiz.\n")
    print_table(checks)
    failed = [c for c in checks if not c.ok]
    print(f"\n{'Tout est conforme.' if not failed else f'{len(failed)} contrôle(s) en échec.'}")
    return 0 if not failed else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=60, help="apprenants qui soumettent (défaut 60)")
    parser.add_argument("--certificates", type=int, default=20, help="certificats à rendre (défaut 20)")
    parser.add_argument("--size", default="S", choices=["XS", "S"], help="taille générée (défaut S)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--outage", type=float, default=4.0, help="secondes de coupure (défaut 4)")
    parser.add_argument(
        "--grace", type=float, default=3.0, help="secondes après la reprise où un 503 est admis"
    )
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--pg-port", type=int, default=55432)
    parser.add_argument("--redis-port", type=int, default=56379)
    parser.add_argument("--http-port", type=int, default=58000)
    parser.add_argument("--no-appendonly", dest="appendonly", action="store_false",
                        help="Redis sans fichier append-only (pour voir ce qui se perd)")  # fmt: skip
    parser.add_argument("--keep", action="store_true", help="garde var/faults/run-… (journaux, données)")
    args = parser.parse_args(argv)

    signal.signal(signal.SIGTERM, _interrupt)
    run = Run(args)
    started = time.monotonic()
    try:
        world = run.prepare()
        run.spawn(stack.gunicorn(run.env, run.logs))
        run.wait_for_site()
        run.load = Load(f"http://127.0.0.1:{args.http_port}", world.learners, world.verification_ids,
                        threads=args.threads, seed=args.seed)  # fmt: skip
        run.load.start_threads()
        say(f"charge : {len(world.learners)} apprenants sur {args.threads} fils + une sonde")
        run.kill_a_worker_mid_rendering(world.certificate_ids)
        time.sleep(3)
        run.restart_postgres()
        time.sleep(6)
        run.restart_redis()
        time.sleep(6)
        run.load.stop()
        left = run.load.drain()
        say(f"charge arrêtée ; soumissions renvoyées sans acquittement final : {left}")
        run.process_held_tasks()
        run.wait_for_pdfs(seconds=30)
        code = report(run, world)
    except stack.StackError as exc:
        say(f"Erreur — {exc}")
        code = 2
    except KeyboardInterrupt:
        say("interrompu : arrêt de tous les processus")
        code = 130
    finally:
        run.close()
    say(f"terminé en {time.monotonic() - started:.0f} s (code {code})")
    return code


if __name__ == "__main__":
    sys.exit(main())
