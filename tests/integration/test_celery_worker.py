"""A real Celery worker process, on Redis, processes a task and writes its result to the database.

Redis must be reachable: in CI (``CI`` set) an unreachable Redis fails the run instead of skipping.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.db import connection

from lms.ops.models import Heartbeat

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broker_url() -> str:
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as exc:
        message = f"Redis injoignable à {url} ({exc}) : démarrez-le (commande dans le README)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


def _database_url_of_the_test_database() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def _start_worker(*, broker_url: str, queue: str, log_path: Path) -> subprocess.Popen:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": _database_url_of_the_test_database(),
        "CELERY_BROKER_URL": broker_url,
    }
    command = [
        sys.executable, "-m", "celery", "-A", "lms", "worker", "-Q", queue, "-n", f"{queue}@%h",
        "--pool", "solo", "--without-mingle", "--without-gossip", "--loglevel", "INFO",
    ]  # fmt: skip
    with log_path.open("w") as log:
        return subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)


def test_a_real_worker_round_trips_a_task_through_redis(broker_url, tmp_path):
    queue = f"test-{uuid.uuid4().hex[:12]}"
    log_path = tmp_path / "worker.log"
    worker = _start_worker(broker_url=broker_url, queue=queue, log_path=log_path)
    try:
        heartbeat = Heartbeat.objects.create()
        sender = Celery("lms-test-sender", broker=broker_url)
        sender.send_task("ops.stamp_heartbeat", args=[heartbeat.pk], queue=queue)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and worker.poll() is None:
            heartbeat.refresh_from_db()
            if heartbeat.processed_at is not None:
                break
            time.sleep(0.2)
        log = log_path.read_text()
        assert worker.poll() is None, f"le worker s'est arrêté :\n{log}"
        assert heartbeat.processed_at is not None, f"tâche non traitée en 90 s :\n{log}"
        # Stamped by the worker process (its node name), not eagerly in this process.
        assert heartbeat.worker.startswith(queue), heartbeat.worker
        assert "ops.stamp_heartbeat" in log
    finally:
        worker.terminate()
        worker.wait(timeout=30)
