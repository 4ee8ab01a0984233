"""Fixtures of the integration tests."""

import pytest

from tests.integration.workers import reachable_redis_url


@pytest.fixture
def redis_url() -> str:
    """Redis for a real worker: skipped outside CI when unreachable, a failure in CI."""
    return reachable_redis_url()
