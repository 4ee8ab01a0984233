"""``make serve``: the production stack on one machine — gunicorn, a Celery worker and Celery beat.

Run as ``python -m lms.ops.serve [--local]``. It checks the configuration (PostgreSQL and a broker are
required), applies the migrations and collects the static files with the production settings, then
starts the three processes and watches them: SIGINT/SIGTERM is forwarded to all of them, and if one
exits the others are stopped and the supervisor exits non-zero. Each child runs in its own session, so
what is left of it after the grace period (gunicorn or Celery pool processes) is killed with it.

``--local`` (what ``make serve`` passes) fills in, only where unset, what a machine without TLS and
without real signing keys needs: a secret key generated once into ``var/secret-key`` (mode 0600),
``ALLOWED_HOSTS=127.0.0.1,localhost``, ``SECURE_SSL_REDIRECT=false``, ``SITE_URL`` on HOST:PORT and
the demo certificate signing pair. Without ``--local`` nothing is defaulted: production settings apply.
"""

import argparse
import contextlib
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var"
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}


class ServeError(Exception):
    """A problem reported as one French line before anything starts."""


def say(message: str) -> None:
    sys.stderr.write(f"[serve] {message}\n")
    sys.stderr.flush()


def require_services(env: dict) -> None:
    database_url = env.get("DATABASE_URL", "").strip()
    if urlsplit(database_url).scheme not in POSTGRES_SCHEMES:
        raise ServeError(
            "DATABASE_URL doit désigner PostgreSQL (ex. postgres://postgres@127.0.0.1:5432/lms), "
            f"reçu {database_url or 'rien'!r}"
        )
    if not env.get("CELERY_BROKER_URL", "").strip():
        raise ServeError("CELERY_BROKER_URL est requis (ex. redis://127.0.0.1:6379/0)")


def local_secret_key() -> str:
    """A secret generated once for this machine, readable by its owner only."""
    path = VAR / "secret-key"
    if not path.exists():
        VAR.mkdir(exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


def apply_local_defaults(env: dict) -> None:
    host, port = env.get("HOST", "127.0.0.1"), env.get("PORT", "8000")
    env.setdefault("DJANGO_SECRET_KEY", local_secret_key())
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.setdefault("SECURE_SSL_REDIRECT", "false")  # no TLS on this machine
    env.setdefault("SITE_URL", f"http://{host}:{port}")
    if not env.get("CERTIFICATE_SIGNING_KEY_FILE"):
        env.setdefault("CERTIFICATE_SIGNING_ALLOW_DEMO", "true")


def ensure_database(database_url: str) -> None:
    """Create the PostgreSQL database named in the URL when it does not exist yet."""
    import psycopg
    from psycopg import sql

    from lms.settings import env as settings_env

    try:
        config = settings_env.get_database("DATABASE_URL", default=database_url)
    except settings_env.ImproperlyConfigured as exc:
        raise ServeError(str(exc)) from None
    name = config["NAME"]
    params = {
        "dbname": "postgres",
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "connect_timeout": 5,
    }
    try:
        with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                say(f"base de données {name} créée")
    except psycopg.Error as exc:
        raise ServeError(f"PostgreSQL injoignable ou base {name} impossible à créer : {exc}") from None


def run_step(command: list[str], env: dict, label: str) -> None:
    say(label)
    result = subprocess.run(command, cwd=ROOT, env=env)  # noqa: S603 (our own fixed commands)
    if result.returncode != 0:
        raise ServeError(f"échec de l'étape « {label} » (code {result.returncode})")


def child_commands(env: dict) -> dict[str, list[str]]:
    python = sys.executable
    bind = f"{env.get('HOST', '127.0.0.1')}:{env.get('PORT', '8000')}"
    schedule = env.get("CELERY_BEAT_SCHEDULE_FILE") or str(VAR / "celerybeat-schedule")
    queues = env.get("CELERY_WORKER_QUEUES", "").strip()
    return {
        "gunicorn": [
            python, "-m", "gunicorn", "lms.wsgi", "--bind", bind,
            "--workers", env.get("WEB_CONCURRENCY", "2"),
            "--access-logfile", "-", "--error-logfile", "-",
        ],
        "worker": [
            python, "-m", "celery", "-A", "lms", "worker", "--loglevel", "INFO",
            "--concurrency", env.get("CELERY_WORKER_CONCURRENCY", "2"),
            *(["--queues", queues] if queues else []),
        ],
        "beat": [python, "-m", "celery", "-A", "lms", "beat", "--loglevel", "INFO", "--schedule", schedule],
    }  # fmt: skip


class Supervisor:
    def __init__(self, env: dict, stop_timeout: float):
        self.env = env
        self.stop_timeout = stop_timeout
        self.children: dict[str, subprocess.Popen] = {}
        self.stop_requested: int | None = None

    def request_stop(self, signum, _frame) -> None:
        self.stop_requested = signum

    def start(self) -> None:
        for name, command in child_commands(self.env).items():
            # Own session: a Ctrl-C in the terminal reaches the supervisor only, which stops each child
            # cleanly; and the whole group of a child can be killed if it outlives the grace period.
            process = subprocess.Popen(  # noqa: S603 (our own fixed commands)
                command, cwd=ROOT, env=self.env, start_new_session=True
            )
            self.children[name] = process
            say(f"{name} démarré (pid {process.pid})")

    def watch(self) -> int:
        while self.stop_requested is None:
            for name, process in self.children.items():
                code = process.poll()
                if code is not None:
                    say(f"{name} s'est arrêté (code {code}) : arrêt des autres processus")
                    self.stop()
                    return 1
            time.sleep(0.5)
        say(f"signal {signal.Signals(self.stop_requested).name} reçu : arrêt des processus")
        self.stop()
        return 0

    def stop(self) -> None:
        for process in self.children.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.stop_timeout
        for name, process in self.children.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                say(f"{name} ne s'arrête pas après {self.stop_timeout:g} s : SIGKILL")
            # Whatever is left in the child's group (pool processes, gunicorn workers) goes with it.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lms.ops.serve", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--local", action="store_true", help="valeurs locales sûres pour une machine sans TLS"
    )
    args = parser.parse_args(argv)

    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
    env["PYTHONUNBUFFERED"] = "1"
    supervisor = Supervisor(env, stop_timeout=float(env.get("SERVE_STOP_TIMEOUT", "30")))
    signal.signal(signal.SIGTERM, supervisor.request_stop)
    signal.signal(signal.SIGINT, supervisor.request_stop)
    try:
        require_services(env)
        if args.local:
            apply_local_defaults(env)
        ensure_database(env["DATABASE_URL"])
        manage = [sys.executable, "manage.py"]
        run_step([*manage, "migrate", "--noinput"], env, "migrations")
        run_step([*manage, "collectstatic", "--noinput", "--verbosity", "0"], env, "fichiers statiques")
        if args.local and env.get("CERTIFICATE_SIGNING_ALLOW_DEMO") == "true":
            run_step([*manage, "ensure_signing_keys"], env, "clés de signature de démonstration")
    except ServeError as exc:
        say(f"Erreur — {exc}")
        return 2
    if supervisor.stop_requested is not None:
        return 0
    supervisor.start()
    return supervisor.watch()


if __name__ == "__main__":
    sys.exit(main())
