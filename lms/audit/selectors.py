"""Reads of the audit trail: the managers' filtered log, its object types, and the chain check."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from lms.audit.chain import Report, check_events
from lms.audit.models import AuditEvent, ChainHead

# Only what the log page and its export show: the JSON columns can be large.
LOG_FIELDS = (
    "sequence",
    "created_at",
    "actor_email",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "ip",
    "hash",
)


@dataclass(frozen=True)
class LogFilters:
    action: str = ""
    actor: str = ""
    object_type: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def log_events(*, filters: LogFilters) -> QuerySet[AuditEvent]:
    """Events newest first, narrowed by ``filters`` (dates are whole local days, both included)."""
    events = AuditEvent.objects.only(*LOG_FIELDS).order_by("-sequence")
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.actor:
        events = events.filter(actor_email__icontains=filters.actor)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.date_from:
        events = events.filter(created_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(created_at__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    return events


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def object_types() -> list[str]:
    """The object types present in the log, for the filter's choices (one query on an index)."""
    return list(
        AuditEvent.objects.exclude(object_type="")
        .order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )


def chain_report(*, chunk_size: int = 2000) -> Report:
    """Check the whole chain in sequence order, reading it in chunks (constant memory)."""
    events = AuditEvent.objects.order_by("sequence").iterator(chunk_size=chunk_size)
    return check_events(events, head=ChainHead.objects.filter(pk=ChainHead.SINGLETON_PK).first())
