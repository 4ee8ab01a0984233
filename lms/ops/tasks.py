"""Celery tasks of the ops app: thin wrappers taking ids."""

from celery import shared_task

from lms.ops import services


@shared_task(name="ops.stamp_heartbeat", bind=True)
def stamp_heartbeat_task(self, heartbeat_id: int) -> bool:
    return services.stamp_heartbeat(heartbeat_id=heartbeat_id, worker=self.request.hostname)
