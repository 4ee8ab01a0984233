"""The catalogue and the sending: every kind renders in both languages, essential and non-essential mail
differ only by the unsubscribe footer and headers, a key sends once, a preference is obeyed."""

import re

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.template.loader import get_template
from django.test import override_settings

from lms.notifications import services
from lms.notifications.catalogue import CATALOGUE, KINDS, beat_time
from lms.notifications.models import NotificationPreference
from lms.ops.models import SentMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KEYS = sorted(CATALOGUE)
REQUIRED = {
    "session_reminder",
    "absence_warning",
    "absence_summary",
    "quiz_deadline",
    "eligibility_reached",
    "certificate_issued",
    "certificate_expiring",
    "survey_invitation",
    "survey_reminder",
}


def test_the_catalogue_lists_every_kind_once():
    assert set(CATALOGUE) == REQUIRED
    assert len(KINDS) == len(CATALOGUE)
    assert {key for key, kind in CATALOGUE.items() if kind.essential} == {
        "absence_warning",
        "absence_summary",
        "certificate_issued",
    }


@pytest.mark.parametrize("key", KEYS)
def test_every_kind_has_both_templates_and_says_who_and_when(key):
    kind = CATALOGUE[key]
    for name in kind.templates:
        assert get_template(name)
    assert str(kind.label) and str(kind.audience) and str(kind.trigger) and str(kind.subject)


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_kind_renders_its_sample(key, language):
    kind = CATALOGUE[key]
    rendered = services.render_sample(kind, language=language)
    assert rendered.subject.strip() and "%(" not in rendered.subject and "\n" not in rendered.subject
    assert rendered.text.strip() and "{%" not in rendered.text and "{{" not in rendered.text
    assert f'<html lang="{language}">' in rendered.html
    assert "<script" not in rendered.html and "<link" not in rendered.html  # inline styles only
    assert not re.search(r'src="https?://', rendered.html)  # no external resource
    assert ("Léa" in rendered.text and "Léa" in rendered.html) or key == "absence_summary"
    assert ("/notifications/desabonnement/" in rendered.text) is not kind.essential
    assert ("/notifications/desabonnement/" in rendered.html) is not kind.essential
    assert f"{settings.SITE_URL}/compte/notifications/" in rendered.text


def test_the_periodic_kinds_say_the_time_of_their_schedule():
    periodic = [kind for kind in KINDS if kind.task]
    assert {kind.key for kind in periodic} == {
        "session_reminder",
        "quiz_deadline",
        "eligibility_reached",
        "certificate_expiring",
        "survey_reminder",
    }
    tasks = {entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    for kind in periodic:
        assert isinstance(tasks[kind.task], crontab), kind.key
        assert beat_time(kind.task).strftime("%H:%M") in str(kind.trigger), kind.key
    assert "2 jours" in str(CATALOGUE["session_reminder"].trigger)
    assert "7 jours" in str(CATALOGUE["quiz_deadline"].trigger)
    assert "60 jours" in str(CATALOGUE["certificate_expiring"].trigger)
    with override_settings(NOTIFY_SESSION_REMINDER_DAYS=3):
        assert "3 jours" in str(CATALOGUE["session_reminder"].trigger)


def test_the_periodic_tasks_exist_under_their_scheduled_names():
    from lms.celery import app

    app.loader.import_default_modules()
    for kind in KINDS:
        if kind.task:
            assert kind.task in app.tasks, kind.task


# --- sending ---------------------------------------------------------------------------------------------


def _send(kind: str, user, key: str = "test:1", **extra) -> bool:
    return services.send_notification(kind, to=user, key=key, context=CATALOGUE[kind].sample(), **extra)


def test_non_essential_mail_carries_the_one_click_unsubscribe():
    user = UserFactory()
    assert _send("session_reminder", user)
    [message] = mail.outbox
    link = services.unsubscribe_url(user)
    assert message.to == [user.email]
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body
    [(html, mime)] = message.alternatives
    assert mime == "text/html" and f'href="{link}"' in html
    assert message.subject == "Rappel : séance « Discriminations et droit au logement » le 18 mars 2026"


def test_essential_mail_has_no_unsubscribe_and_ignores_the_choice():
    user = UserFactory()
    services.unsubscribe(user=user)
    assert _send("absence_warning", user)
    [message] = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "/desabonnement/" not in message.body and "/desabonnement/" not in message.alternatives[0][0]


def test_non_essential_mail_is_not_sent_to_who_unsubscribed_and_nothing_is_recorded():
    user = UserFactory()
    services.unsubscribe(user=user)
    assert not _send("quiz_deadline", user)
    assert mail.outbox == [] and not SentMessage.objects.exists()
    services.set_preferences(user=user, non_essential=True)  # changed their mind: the next run sends
    assert _send("quiz_deadline", user)


def test_a_key_sends_once():
    user = UserFactory()
    assert _send("eligibility_reached", user, key="k")
    assert not _send("eligibility_reached", user, key="k")
    assert len(mail.outbox) == 1
    assert SentMessage.objects.get().key == "k"


def test_the_recipients_language_is_used():
    user = UserFactory()
    services.set_preferences(user=user, language="en")
    assert _send("certificate_expiring", user)
    [message] = mail.outbox
    assert 'lang="en"' in message.alternatives[0][0]
    assert "May" in message.subject  # the date in the subject is written in English


def test_attachments_are_attached():
    user = UserFactory()
    assert _send("certificate_issued", user, attachments=[("c.pdf", b"%PDF-1.7", "application/pdf")])
    assert mail.outbox[0].attachments == [("c.pdf", b"%PDF-1.7", "application/pdf")]


def test_someone_without_an_address_or_an_active_account_gets_nothing():
    user = UserFactory()
    user.email = ""
    assert not _send("absence_warning", user)
    assert not _send("certificate_issued", UserFactory(is_active=False))
    assert mail.outbox == [] and not SentMessage.objects.exists()


def test_preferences_are_recorded_idempotently_and_checked():
    user = UserFactory()
    assert services.preference_for(user).pk is None  # the defaults, nothing stored
    first = services.unsubscribe(user=user)
    again = services.unsubscribe(user=user)
    assert first.pk == again.pk and NotificationPreference.objects.count() == 1
    assert (again.language, again.non_essential) == ("fr", False)
    with pytest.raises(ValueError, match="language"):
        services.set_preferences(user=user, language="de")


def test_tokens_name_their_user_and_nothing_else_passes():
    user = UserFactory()
    token = services.unsubscribe_token(user)
    assert services.user_id_from_token(token) == user.pk
    for bad in ("", "x", token[:-1] + ("A" if token[-1] != "A" else "B"), token + "x" * 300):
        assert services.user_id_from_token(bad) is None
    from django.core import signing

    assert services.user_id_from_token(signing.dumps(user.pk, salt="another")) is None
    assert services.user_id_from_token(signing.dumps("1", salt=services.UNSUBSCRIBE_SALT)) is None
