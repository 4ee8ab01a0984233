"""Writes of the ops app."""

import socket

from django.db import transaction
from django.utils import timezone

from lms.ops.models import Heartbeat


def send_heartbeat() -> Heartbeat:
    """Record a heartbeat and ask the task queue to stamp it once the row is committed."""
    from lms.ops.tasks import stamp_heartbeat_task

    heartbeat = Heartbeat.objects.create()
    transaction.on_commit(lambda: stamp_heartbeat_task.delay(heartbeat.pk))
    return heartbeat


def stamp_heartbeat(*, heartbeat_id: int, worker: str | None = None) -> bool:
    """Mark the heartbeat as processed; running it twice keeps the first stamp. Returns True if stamped."""
    updated = Heartbeat.objects.filter(pk=heartbeat_id, processed_at__isnull=True).update(
        processed_at=timezone.now(), worker=(worker or socket.gethostname())[:255]
    )
    return updated == 1
