"""The hash chain of the audit trail: how an event's hash is computed, and how the chain is checked.

The hash is the SHA-256 of a canonical JSON (sorted keys, no spaces, UTF-8) of every stored field of
the event except ``actor`` (the key may become NULL when the user is deleted; ``actor_email`` is
hashed instead) and ``hash`` itself, ``previous_hash`` included. Dates are written in UTC with
microseconds, as both databases store them.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

GENESIS = "0" * 64


def canonical(event) -> bytes:
    payload = {
        "sequence": event.sequence,
        "created_at": event.created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor_email": event.actor_email,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "before": event.before,
        "after": event.after,
        "ip": event.ip or None,
        "previous_hash": event.previous_hash,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_hash(event) -> str:
    return hashlib.sha256(canonical(event)).hexdigest()


@dataclass(frozen=True)
class Problem:
    sequence: int | None
    message: str


@dataclass(frozen=True)
class Report:
    count: int
    problems: tuple[Problem, ...]

    @property
    def intact(self) -> bool:
        return not self.problems


def check_events(events: Iterable, *, head=None) -> Report:
    """Walk ``events`` in sequence order: content hashes, links, numbering, then the chain head."""
    problems, count, last = [], 0, None
    for event in events:
        count += 1
        problems.extend(_check_one(event, last))
        last = event
    problems.extend(_check_head(head, last))
    return Report(count=count, problems=tuple(problems))


def _check_one(event, previous) -> Iterator[Problem]:
    expected_sequence = 1 if previous is None else previous.sequence + 1
    if event.sequence != expected_sequence:
        yield Problem(
            event.sequence,
            _("événement(s) manquant(s) : on attendait le n° %(expected)s, on trouve le n° %(found)s")
            % {"expected": expected_sequence, "found": event.sequence},
        )
    if compute_hash(event) != event.hash:
        yield Problem(event.sequence, _("contenu modifié : l'empreinte ne correspond plus à l'événement"))
    expected_link = GENESIS if previous is None else previous.hash
    if event.previous_hash != expected_link:
        yield Problem(
            event.sequence,
            _("chaînage rompu : l'empreinte précédente ne correspond pas à l'événement qui précède"),
        )


def _check_head(head, last) -> Iterator[Problem]:
    if head is None:
        if last is not None:
            yield Problem(None, _("tête de chaîne absente alors que le journal contient des événements"))
        return
    last_sequence, last_hash = (0, GENESIS) if last is None else (last.sequence, last.hash)
    if (head.sequence, head.hash) != (last_sequence, last_hash):
        yield Problem(
            None,
            _(
                "fin de chaîne altérée : la tête de chaîne désigne le n° %(head)s, "
                "le dernier événement présent est le n° %(last)s"
            )
            % {"head": head.sequence, "last": last_sequence},
        )
