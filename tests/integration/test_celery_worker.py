"""A real Celery worker process, on Redis, processes a task and writes its result to the database.

Redis must be reachable: in CI (``CI`` set) an unreachable Redis fails the run instead of skipping.
"""

import time
import uuid

import pytest
from celery import Celery

from lms.ops.models import Heartbeat
from tests.integration.workers import start_worker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_real_worker_round_trips_a_task_through_redis(redis_url, tmp_path):
    queue = f"test-{uuid.uuid4().hex[:12]}"
    log_path = tmp_path / "worker.log"
    worker = start_worker(broker=redis_url, queue=queue, log_path=log_path)
    try:
        heartbeat = Heartbeat.objects.create()
        sender = Celery("lms-test-sender", broker=redis_url)
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


def _worker_connections() -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def _run_heartbeat(sender, queue, worker, log_path) -> Heartbeat:
    heartbeat = Heartbeat.objects.create()
    sender.send_task("ops.stamp_heartbeat", args=[heartbeat.pk], queue=queue)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and worker.poll() is None:
        heartbeat.refresh_from_db()
        if heartbeat.processed_at is not None:
            return heartbeat
        time.sleep(0.1)
    raise AssertionError(f"tâche non traitée :\n{log_path.read_text()}")


def test_a_worker_keeps_its_database_connection_between_tasks_and_reconnects_when_it_dies(
    redis_url, tmp_path
):
    """Celery's fixup alone closed the connection after every task (a new PostgreSQL backend per task):
    the worker now keeps one, like gunicorn between requests, and drops it when it breaks."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("connexions du worker : vérifiées sur PostgreSQL (second passage de la CI)")
    queue = f"test-{uuid.uuid4().hex[:12]}"
    log_path = tmp_path / "worker.log"
    worker = start_worker(broker=redis_url, queue=queue, log_path=log_path)
    try:
        sender = Celery("lms-test-sender", broker=redis_url)
        _run_heartbeat(sender, queue, worker, log_path)
        first = _worker_connections()
        for _ in range(3):
            _run_heartbeat(sender, queue, worker, log_path)
        assert first and _worker_connections() == first, "une connexion par tâche"
        with connection.cursor() as cursor:  # the database drops the worker's connection
            cursor.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", [first])
        assert _run_heartbeat(sender, queue, worker, log_path).processed_at is not None
        assert _worker_connections() and _worker_connections() != first
    finally:
        worker.terminate()
        worker.wait(timeout=30)
