"""The server under test: gunicorn with production settings (plus ``bench.settings``' baselines) on
the bench's PostgreSQL database and Redis, and Celery workers when a scenario needs them."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from lms.ops.serve import apply_local_defaults

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / "var" / "bench"


def server_env(database_url: str, *, redis_url: str, port: int) -> dict:
    """The environment of every process of one run: the production settings, filled as ``make serve
    --local`` fills them (secret in var/, local host, no TLS redirect, demo signing pair)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database_url,
        CACHE_URL=redis_url.replace("redis://", "rediscache://", 1).rsplit("/", 1)[0] + "/8",
        CELERY_BROKER_URL=redis_url.rsplit("/", 1)[0] + "/9",
        MEDIA_ROOT=str(ROOT / "var" / "bench" / "media"),
        HOST="127.0.0.1",
        PORT=str(port),
        PYTHONUNBUFFERED="1",
    )
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    apply_local_defaults(env)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Process:
    """A child in its own process group, logging into var/bench/<name>.log, stopped with its group."""

    def __init__(self, name: str, argv: list[str], env: dict):
        LOGS.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.log = open(LOGS / f"{name}.log", "ab")  # noqa: SIM115 (closed in stop)
        self.popen = subprocess.Popen(  # noqa: S603 (our own fixed commands)
            argv, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def stop(self, timeout: float = 20) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()
        self.log.close()


def start_gunicorn(env: dict, *, workers: int = 2) -> Process:
    bind = f"{env['HOST']}:{env['PORT']}"
    argv = [sys.executable, "-m", "gunicorn", "lms.wsgi", "--bind", bind, "--workers", str(workers)]
    process = Process("gunicorn", [*argv, "--error-logfile", "-", "--graceful-timeout", "5"], env)
    wait_for(f"http://{bind}/sante/", process)
    return process


def start_worker(env: dict, name: str, *, concurrency: int = 1) -> Process:
    argv = [
        sys.executable, "-m", "celery", "-A", "lms", "worker", "--loglevel", "WARNING",
        "--concurrency", str(concurrency), "--hostname", f"{name}@%h", "--without-gossip",
        "--without-mingle", "--prefetch-multiplier", "1",
    ]  # fmt: skip
    return Process(name, argv, env)


def wait_for(url: str, process: Process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.popen.poll() is not None:
            raise RuntimeError(f"{process.name} s'est arrêté (voir {process.log.name})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} ne répond pas après {timeout:g} s")
