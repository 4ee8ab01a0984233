"""Notifications go out at most once, and a failed send can be retried."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from lms.ops.mail import send_once
from lms.ops.models import SentMessage

pytestmark = pytest.mark.django_db


def test_a_key_is_sent_once():
    message = EmailMessage("Objet", "Texte", "urh@example.org", ["camille@example.org"])
    assert send_once(key="rappel:1", message=message) is True
    assert send_once(key="rappel:1", message=message) is False
    assert len(mail.outbox) == 1
    assert SentMessage.objects.get().recipient == "camille@example.org"


def test_a_failed_send_leaves_nothing_and_the_retry_sends(monkeypatch):
    message = EmailMessage("Objet", "Texte", "urh@example.org", ["camille@example.org"])

    def broken(*args, **kwargs):
        raise OSError("serveur de messagerie injoignable")

    monkeypatch.setattr(EmailMessage, "send", broken)
    with pytest.raises(OSError):
        send_once(key="rappel:2", message=message)
    assert not SentMessage.objects.exists()
    monkeypatch.undo()
    assert send_once(key="rappel:2", message=message) is True
    assert len(mail.outbox) == 1
