"""Writes of the audit trail: ``record`` appends one event to the hash chain.

Call it inside the transaction of the action it records: the event is committed with the action, or
rolled back with it. Appending locks the one ``ChainHead`` row (``UPDATE … RETURNING``), so that
concurrent writers chain their events one after the other; the lock is held until the caller's
transaction ends, so record the event near the end of the action.

The client's IP comes from ``request`` (read behind ``TRUSTED_PROXY_COUNT`` proxies, as django-axes
does), else from ``ip``, else from the request being served (``lms.audit.middleware``); services that
have no request therefore need not pass one.
"""

import ipaddress
import json
from contextvars import ContextVar

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.text import capfirst

from lms.audit.chain import GENESIS, compute_hash
from lms.audit.models import Action, AuditEvent, ChainHead

__all__ = ["Action", "client_ip", "record", "record_export"]

HEAD_PK = ChainHead.SINGLETON_PK
# Queries one ``record`` adds to the caller (head moved and locked, event inserted, head hash), for
# the query budgets of the views that record.
RECORD_QUERIES = 3
# The IP of the request being served, set by ``AuditContextMiddleware``.
client_ip: ContextVar[str | None] = ContextVar("audit_client_ip", default=None)


def record(
    *,
    actor,
    action: str,
    obj=None,
    before=None,
    after=None,
    request=None,
    ip: str | None = None,
    obj_repr: str | None = None,
) -> AuditEvent:
    """Append an event: who (``actor``, None for the platform itself), what, on which object, change.

    ``before`` and ``after`` are JSON-ready data (dates, decimals and lazy strings are converted).
    ``obj_repr`` names the object for people reading the log; by default its type and id, which cost
    no query.
    """
    action = Action(action)
    with transaction.atomic(savepoint=False):
        sequence, previous_hash = _take_head()
        event = AuditEvent(
            sequence=sequence,
            created_at=timezone.now(),
            actor=actor if _is_person(actor) else None,
            actor_email=(actor.email if _is_person(actor) else "")[:254],
            action=action.value,
            object_type=obj._meta.label if obj is not None else "",
            object_id=str(obj.pk)[:64] if obj is not None else "",
            object_repr=_without_nul(obj_repr if obj_repr is not None else _describe(obj))[:200],
            before=_plain(before),
            after=_plain(after),
            ip=_client_ip(request, ip),
            previous_hash=previous_hash,
        )
        event.hash = compute_hash(event)
        event.save(force_insert=True)
        ChainHead.objects.filter(pk=HEAD_PK).update(hash=event.hash)
    return event


def record_export(request, *, export: str, obj=None, obj_repr: str | None = None) -> AuditEvent:
    """A file downloaded (CSV export, PDF): who, which file, with which filters (the query string)."""
    return record(
        actor=request.user,
        action=Action.EXPORT_DOWNLOADED,
        obj=obj,
        obj_repr=obj_repr,
        after={"export": export, "query": request.GET.urlencode()},
        request=request,
    )


def _take_head() -> tuple[int, str]:
    """Lock the chain head and move it one step: the new event's number and the previous hash."""
    table = connection.ops.quote_name(ChainHead._meta.db_table)
    sql = f"UPDATE {table} SET sequence = sequence + 1 WHERE id = %s RETURNING sequence, hash"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [HEAD_PK])
        row = cursor.fetchone()
    if row is not None:
        return row[0], row[1]
    return _start_head()


def _start_head() -> tuple[int, str]:
    """First event of a fresh database (or after a flush): create the head after the last event."""
    last = AuditEvent.objects.order_by("-sequence").only("sequence", "hash").first()
    sequence, previous_hash = (last.sequence + 1, last.hash) if last else (1, GENESIS)
    try:
        with transaction.atomic():
            ChainHead.objects.create(pk=HEAD_PK, sequence=sequence, hash=previous_hash)
    except IntegrityError:  # a concurrent first writer created it: queue up behind its lock
        return _take_head()
    return sequence, previous_hash


def _is_person(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _describe(obj) -> str:
    if obj is None:
        return ""
    if getattr(obj, "email", ""):
        return obj.email
    with translation.override(settings.LANGUAGE_CODE):
        return f"{capfirst(obj._meta.verbose_name)} n° {obj.pk}"


def _client_ip(request, ip: str | None) -> str | None:
    if request is not None:
        ip = get_client_ip_address(request)
    candidate = ip or client_ip.get()
    try:
        return str(ipaddress.ip_address(candidate)) if candidate else None
    except ValueError:
        return None


def _plain(value):
    """Plain JSON, as the database gives it back: floats as text (jsonb may rewrite them), no NUL."""
    if value is None:
        return None
    data = json.loads(json.dumps(value, cls=DjangoJSONEncoder), parse_float=str, parse_constant=str)
    return _without_nul(data)


def _without_nul(data):
    # PostgreSQL's jsonb cannot hold NUL characters; nobody types them, so they are dropped.
    if isinstance(data, str):
        return data.replace("\x00", "")
    if isinstance(data, list):
        return [_without_nul(item) for item in data]
    if isinstance(data, dict):
        return {_without_nul(key): _without_nul(item) for key, item in data.items()}
    return data
