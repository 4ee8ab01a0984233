"""``make serve`` for real: the supervisor starts gunicorn, a Celery worker and beat, and stops them all.

Needs PostgreSQL (the supervisor refuses anything else: the PostgreSQL pass of CI runs this test) and
Redis (``redis_url``: a failure in CI, a skip elsewhere). The processes use production settings against
this run's own test database, with Redis as broker and cache.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from lms.ops.models import Heartbeat
from tests.integration.workers import ROOT, database_url_of_the_test_database

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

START_DEADLINE = 90  # seconds: migrations (no-op) + collectstatic + three processes
STOP_DEADLINE = 40


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (local test URL)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def process_groups_alive(groups: set[int]) -> list[str]:
    """Processes (pid and command) still in one of these process groups, read from /proc."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) in groups and fields[0] != "Z":
            alive.append(stat.parent.name)
    return alive


def test_serve_starts_the_stack_and_stops_it_without_orphans(redis_url, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("make serve exige PostgreSQL : ce test tourne dans la passe PostgreSQL (DATABASE_URL).")
    port = free_port()
    queue = f"serve-{uuid.uuid4().hex[:12]}"
    cache_url = "rediscache://" + redis_url.split("://", 1)[1]
    env = {
        **{k: v for k, v in os.environ.items() if k != "DEMO_TOTP_SECRET"},
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DATABASE_URL": database_url_of_the_test_database(),
        "CELERY_BROKER_URL": redis_url,
        "CACHE_URL": cache_url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "CELERY_WORKER_CONCURRENCY": "1",
        "CELERY_BEAT_SCHEDULE_FILE": str(tmp_path / "celerybeat-schedule"),
        "SERVE_STOP_TIMEOUT": "20",
        # A queue of this run only: no other worker on this Redis takes the task sent below.
        "CELERY_WORKER_QUEUES": queue,
    }
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        supervisor = subprocess.Popen(
            [sys.executable, "-m", "lms.ops.serve", "--local"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        # 1. The health endpoint answers through gunicorn, with all three dependencies up.
        body, deadline = None, time.monotonic() + START_DEADLINE
        while time.monotonic() < deadline and supervisor.poll() is None:
            try:
                status, _headers, raw = fetch(f"{base}/sante/")
                body = (status, json.loads(raw))
                if status == 200:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.5)
        assert supervisor.poll() is None, f"le superviseur s'est arrêté :\n{log_path.read_text()}"
        assert body == (200, {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}), (
            f"{body}\n{log_path.read_text()}"
        )

        # 2. Static files are served by whitenoise from the collected, hashed copies.
        manifest = json.loads((Path(settings.STATIC_ROOT) / "staticfiles.json").read_text())
        status, headers, css = fetch(f"{base}/static/{manifest['paths']['lms/css/site.css']}")
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        assert "immutable" in headers.get("Cache-Control", "")
        assert css

        # 3. A task sent to the broker is processed by the supervised worker.
        heartbeat = Heartbeat.objects.create()
        Celery("lms-test-sender", broker=redis_url).send_task(
            "ops.stamp_heartbeat", args=[heartbeat.pk], queue=queue
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and heartbeat.processed_at is None:
            time.sleep(0.2)
            heartbeat.refresh_from_db()
        assert heartbeat.processed_at is not None, f"tâche non traitée :\n{log_path.read_text()}"
    finally:
        children = {int(pid) for pid in re.findall(r"démarré \(pid (\d+)\)", log_path.read_text())}
        supervisor.send_signal(signal.SIGTERM)
        try:
            code = supervisor.wait(timeout=STOP_DEADLINE)
        except subprocess.TimeoutExpired:
            os.killpg(supervisor.pid, signal.SIGKILL)
            code = None
    log = log_path.read_text()
    assert code == 0, f"arrêt en plus de {STOP_DEADLINE} s ou en erreur ({code}) :\n{log}"
    assert len(children) == 3, log
    # Each child ran in its own process group: nothing of gunicorn, the worker or beat is left.
    assert process_groups_alive(children | {supervisor.pid}) == [], log
