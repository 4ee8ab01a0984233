"""Real Celery workers for the integration tests: Redis as broker, the test database shared.

``redis_url`` is a fixture (in ``conftest.py``): an unreachable Redis skips outside CI and fails in CI
(``CI`` set). ``start_worker`` starts ``celery worker`` in a subprocess, solo pool, on one queue, with
the test settings pointed at the test run's own database.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def reachable_redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as exc:
        message = f"Redis injoignable à {url} ({exc}) : démarrez-le (commande dans le README)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


def database_url_of_the_test_database() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def start_worker(
    *, broker: str, queue: str, log_path: Path, name: str = "", environment: dict | None = None
) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": database_url_of_the_test_database(),
        "CELERY_BROKER_URL": broker,
        **(environment or {}),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "lms", "worker", "-Q", queue, "-n", f"{name or queue}@%h",
        "--pool", "solo", "--without-mingle", "--without-gossip", "--loglevel", "INFO",
    ]  # fmt: skip
    with log_path.open("w") as log:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
