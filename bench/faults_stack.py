"""The processes of ``make faults``: a throwaway PostgreSQL and Redis, gunicorn and Celery workers.

The faults run restarts PostgreSQL and Redis and kills workers: it must never do that to servers
somebody else uses. So PostgreSQL is a fresh cluster (``initdb``) under the run's own directory, on
its own port, its socket in that directory; Redis is a fresh server on its own port, its append-only
file in that directory. Both die with the run.

gunicorn and the worker are started here rather than through ``lms.ops.serve``: its supervisor stops
everything as soon as one child exits, and the run kills a worker on purpose. The commands and the
environment are the supervisor's own (``child_commands``, ``apply_local_defaults``), so what runs is
what ``make serve`` runs. Every child gets its own session (process group), so a kill reaches its
pool processes too, and ``stop`` leaves nothing behind.
"""

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from lms.ops.serve import ROOT, apply_local_defaults, child_commands

PG_BIN = Path(os.environ.get("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"))
REDIS_SERVER = os.environ.get("FAULTS_REDIS_SERVER", shutil.which("redis-server") or "/usr/bin/redis-server")


class StackError(Exception):
    """Something the run needs could not be started: reported as one French line."""


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def port_answers(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_until(condition, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise StackError(f"{what} : rien après {seconds:g} s")


class Child:
    """One long-running process in its own process group, its output in a log file."""

    def __init__(self, name: str, command: list[str], *, env: dict, log_path: Path, user: str | None = None):
        self.name, self.command, self.env, self.log_path, self.user = name, command, env, log_path, user
        self.process: subprocess.Popen | None = None

    def start(self) -> "Child":
        with self.log_path.open("a") as log:
            self.process = subprocess.Popen(  # noqa: S603 (our own fixed commands)
                self.command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True, user=self.user,
            )  # fmt: skip
        return self

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL to the whole group at once: the main process and its pool, as a crash would."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self, timeout: float = 15) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout=timeout)
        self.kill()  # whatever is left in the group goes with it


class Postgres:
    """A PostgreSQL cluster of this run only: ``initdb`` into ``directory``, durable (``fsync=on``)."""

    def __init__(self, directory: Path, port: int):
        self.directory, self.port = directory, port
        self.data = directory / "data"
        self.socket_dir = directory / "socket"
        self.log_path = directory / "postgresql.log"
        # PostgreSQL refuses to run as root: then its files and processes belong to ``postgres``.
        self.user = "postgres" if os.geteuid() == 0 else None
        self.url = f"postgres://postgres@127.0.0.1:{port}/faults"

    def _run(self, *args: str) -> None:
        result = subprocess.run(  # noqa: S603 (our own fixed commands)
            [str(PG_BIN / args[0]), *args[1:]], user=self.user, capture_output=True, text=True, check=False,
            start_new_session=True,  # the server outlives pg_ctl: keep it away from the terminal's Ctrl-C
        )  # fmt: skip
        if result.returncode != 0:
            raise StackError(f"{args[0]} a échoué : {result.stderr.strip() or result.stdout.strip()}")

    def init(self) -> None:
        if not port_is_free(self.port):
            raise StackError(f"le port {self.port} est déjà pris : choisissez-en un autre (--pg-port)")
        self.directory.mkdir(parents=True, exist_ok=True)
        self.socket_dir.mkdir(exist_ok=True)
        if self.user:
            entry = pwd.getpwnam(self.user)
            for path in (self.directory, self.socket_dir):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        self.start()
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE faults")

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.socket_dir} "
            "-c fsync=on -c synchronous_commit=on -c max_connections=60"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log_path), "-o", options, "-w", "start")

    def stop(self) -> None:
        """Fast shutdown: open transactions are rolled back, sessions cut, as a restart does."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists()

    def destroy(self) -> None:
        if self.data.exists() and self.running():
            with contextlib.suppress(StackError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")


class Redis:
    """A Redis of this run only; ``appendonly`` keeps what it acknowledged across a restart."""

    def __init__(self, directory: Path, port: int, *, appendonly: bool = True):
        self.directory, self.port, self.appendonly = directory, port, appendonly
        self.url = f"redis://127.0.0.1:{port}"
        self.child: Child | None = None

    def start(self) -> None:
        if not port_is_free(self.port):
            raise StackError(f"le port {self.port} est déjà pris : choisissez-en un autre (--redis-port)")
        self.directory.mkdir(parents=True, exist_ok=True)
        command = [
            REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory),
            "--appendonly", "yes" if self.appendonly else "no", "--appendfsync", "everysec",
            "--save", "", "--daemonize", "no", "--protected-mode", "yes",
        ]  # fmt: skip
        self.child = Child("redis", command, env=dict(os.environ), log_path=self.directory / "redis.log")
        self.child.start()
        wait_until(lambda: self._ping(), seconds=15, what="Redis ne répond pas")

    def _ping(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.5).ping())
        except redis.exceptions.RedisError:
            return False

    def shutdown(self) -> None:
        """``SHUTDOWN``: the append-only file is flushed, then the server exits (a clean restart)."""
        import redis

        with contextlib.suppress(redis.exceptions.ConnectionError):
            redis.Redis(port=self.port, socket_connect_timeout=1).shutdown(nosave=not self.appendonly)
        if self.child is not None and self.child.process is not None:
            self.child.process.wait(timeout=15)
        wait_until(lambda: port_is_free(self.port), seconds=10, what="Redis ne libère pas son port")

    def destroy(self) -> None:
        if self.child is not None:
            self.child.stop(timeout=5)


def app_environment(*, base: Path, postgres: Postgres, redis: Redis, http_port: int) -> dict:
    """What gunicorn, the workers and this script share: production settings on the throwaway stack."""
    env = {k: v for k, v in os.environ.items() if k != "DEMO_TOTP_SECRET"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "PYTHONUNBUFFERED": "1",
            "HOST": "127.0.0.1",
            "PORT": str(http_port),
            "DATABASE_URL": postgres.url,
            "CELERY_BROKER_URL": f"{redis.url}/0",
            "CACHE_URL": f"rediscache://127.0.0.1:{redis.port}/1",
            "MEDIA_ROOT": str(base / "media"),
            "CERTIFICATE_SIGNING_KEY_FILE": str(base / "signing" / "key.pem"),
            "CERTIFICATE_SIGNING_CERT_FILE": str(base / "signing" / "cert.pem"),
            "CERTIFICATE_SIGNING_ALLOW_DEMO": "true",
            "BADGE_SIGNING_KEY_FILE": str(base / "signing" / "badge.pem"),
            # Every request of the run comes from 127.0.0.1: the verification page must not throttle it.
            "CERTIFICATE_VERIFY_RATE": "100000/60",
            "WEB_CONCURRENCY": "2",
            "CELERY_WORKER_CONCURRENCY": "2",
            "LOG_LEVEL": "WARNING",
        }
    )
    for name in ("CERTIFICATE_RENDER_DELAY", "CELERY_WORKER_QUEUES"):
        env.pop(name, None)
    apply_local_defaults(env)  # the secret key, ALLOWED_HOSTS, no HTTPS redirect, SITE_URL
    return env


def gunicorn(env: dict, logs: Path) -> Child:
    return Child("gunicorn", child_commands(env)["gunicorn"], env=env, log_path=logs / "gunicorn.log")


def celery_worker(env: dict, logs: Path, *, name: str, queues: str = "", render_delay: int = 0) -> Child:
    """A worker as ``make serve`` starts it; ``render_delay`` slows each certificate rendering down
    (``CERTIFICATE_RENDER_DELAY``, the opt-in hook of ``certificates.services.rendering``)."""
    worker_env = dict(env)
    if queues:
        worker_env["CELERY_WORKER_QUEUES"] = queues
    if render_delay:
        worker_env["CERTIFICATE_RENDER_DELAY"] = str(render_delay)
    worker_env["LOG_LEVEL"] = "INFO"  # the rendering logs "vN stored": the kill waits for that line
    command = [*child_commands(worker_env)["worker"], "--hostname", f"{name}@%h", "--without-mingle"]
    return Child(name, command, env=worker_env, log_path=logs / f"{name}.log")


def manage(env: dict, *args: str) -> None:
    result = subprocess.run(  # noqa: S603 (our own fixed commands)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise StackError(f"manage.py {' '.join(args)} a échoué :\n{result.stderr[-2000:]}")
