"""Heartbeat service and task: dispatched after commit, idempotent when run twice."""

import pytest

from lms.ops import services
from lms.ops.models import Heartbeat
from lms.ops.tasks import stamp_heartbeat_task

pytestmark = pytest.mark.django_db


def test_send_heartbeat_enqueues_the_task_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        heartbeat = services.send_heartbeat()
    assert len(callbacks) == 1
    heartbeat.refresh_from_db()
    assert heartbeat.processed_at is None
    callbacks[0]()  # eager in tests: runs the task in-process
    heartbeat.refresh_from_db()
    assert heartbeat.processed_at is not None
    assert heartbeat.worker


def test_stamping_twice_keeps_the_first_stamp():
    heartbeat = Heartbeat.objects.create()
    assert stamp_heartbeat_task.delay(heartbeat.pk).get() is True
    heartbeat.refresh_from_db()
    first = heartbeat.processed_at
    assert services.stamp_heartbeat(heartbeat_id=heartbeat.pk, worker="autre") is False
    heartbeat.refresh_from_db()
    assert heartbeat.processed_at == first
    assert heartbeat.worker != "autre"


def test_stamping_an_unknown_heartbeat_does_nothing():
    assert services.stamp_heartbeat(heartbeat_id=999_999) is False
