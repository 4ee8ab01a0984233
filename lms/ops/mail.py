"""Sending a notification at most once, whatever retries a task goes through."""

from django.db import IntegrityError, transaction

from lms.ops.models import SentMessage


def send_once(*, key: str, message) -> bool:
    """Send ``message`` (an EmailMessage with one recipient) unless ``key`` was sent before.

    The row is written first, under the unique key, and the message sent inside the same transaction:
    two concurrent runs cannot both send, and a send that raises leaves no row behind.
    """
    try:
        with transaction.atomic():
            SentMessage.objects.create(key=key[:200], recipient=message.to[0])
            message.send()
    except IntegrityError:
        return False
    return True
