"""Sending a notification of the catalogue: rendered in the recipient's language, at most once per key,
never to someone who turned non-essential mail off unless it is essential.

Domain apps decide *who* gets *what* and *when* (``assessments/notifications.py``,
``certificates/notifications.py``, the surveys); this module only knows how an e-mail of the catalogue
is built and sent. Non-essential mail carries an unsubscribe link in its footer and the
``List-Unsubscribe`` / ``List-Unsubscribe-Post`` headers (RFC 8058: one click in the mail client).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import Promise

from lms.notifications.catalogue import CATALOGUE, Kind
from lms.notifications.models import NotificationPreference
from lms.ops.mail import send_once
from lms.ops.models import SentMessage

UNSUBSCRIBE_SALT = "lms.notifications.unsubscribe"
MAX_TOKEN_LENGTH = 200
LANGUAGES = tuple(NotificationPreference.Language.values)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def send_notification(kind: str, *, to, key: str, context: dict, attachments: Iterable = ()) -> bool:
    """E-mail ``kind`` to the user ``to`` unless it went out under ``key`` before; True if sent now.

    Rendered in the recipient's language (their preference, French by default). Nothing goes to an
    inactive account (erased or disabled). A non-essential kind is skipped (False, nothing recorded)
    for someone who turned such mail off; the same key then sends it if they turn it back on before
    the next run. ``attachments``: ``(name, bytes, mime type)``.
    """
    spec = CATALOGUE[kind]
    if not to.email or not to.is_active:  # an erased (pseudonymised) or disabled account: nobody to tell
        return False
    preference = preference_for(to)
    if not spec.essential and not preference.non_essential:
        return False
    unsubscribe = "" if spec.essential else unsubscribe_url(to)
    rendered = render(
        spec, context={**context, "recipient": to}, language=preference.language, unsubscribe=unsubscribe
    )
    headers = {}
    if unsubscribe:
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    message = EmailMultiAlternatives(
        rendered.subject, rendered.text, settings.DEFAULT_FROM_EMAIL, [to.email], headers=headers
    )
    message.attach_alternative(rendered.html, "text/html")
    for name, content, mime in attachments:
        message.attach(name, content, mime)
    return send_once(key=key, message=message)


def render(spec: Kind, *, context: dict, language: str, unsubscribe: str = "") -> Rendered:
    """Subject, plain text and HTML of ``spec`` in ``language`` (``fr`` or ``en``)."""
    text_template, html_template = spec.templates
    with translation.override(language):
        full = {
            **context,
            "kind": spec,
            "language": language,
            "site_url": settings.SITE_URL,
            "preferences_url": absolute_url("notifications:preferences"),
            "unsubscribe_url": unsubscribe,
        }
        subject = str(spec.subject) % subject_arguments(context)
        return Rendered(
            subject=" ".join(subject.split()),  # a line break in a title must not reach the header
            text=render_to_string(text_template, full),
            html=render_to_string(html_template, full),
        )


def subject_arguments(context: dict) -> dict:
    """The values a subject's placeholders may name: the context's plain values, then ``subject_args``;
    dates are written out in the active language (« 16 mars 2026 »)."""
    plain = (str, int, datetime.date, Promise)
    values = {name: value for name, value in context.items() if isinstance(value, plain)}
    values.update(context.get("subject_args") or {})
    return {name: _written(value) for name, value in values.items()}


def _written(value):
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    return str(value)


def preference_for(user) -> NotificationPreference:
    """The user's preference, or an unsaved one with the defaults. No query when ``user`` was read
    with ``select_related("notification_preference")``."""
    try:
        return user.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=user)


def already_sent(keys: Iterable[str]) -> set[str]:
    """Which of ``keys`` went out before: one query, so that a scan renders only what is new."""
    keys = list(keys)
    if not keys:
        return set()
    return set(SentMessage.objects.filter(key__in=keys).values_list("key", flat=True))


# --- Preferences and unsubscribing ---------------------------------------------------------------------


def unsubscribe_token(user) -> str:
    """A signed token naming the user, for the unsubscribe link (no expiry: old e-mails keep working)."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_id_from_token(token: str) -> int | None:
    """The user id a token names, or None for anything not signed by us."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if type(value) is int and value > 0 else None


def unsubscribe_url(user) -> str:
    return absolute_url("notifications:unsubscribe", unsubscribe_token(user))


def absolute_url(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


@transaction.atomic
def set_preferences(
    *, user, language: str | None = None, non_essential: bool | None = None
) -> NotificationPreference:
    """Record the user's choices (only those given); safe to repeat."""
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    changed = []
    if language is not None and preference.language != language:
        preference.language = language
        changed.append("language")
    if non_essential is not None and preference.non_essential != non_essential:
        preference.non_essential = non_essential
        changed.append("non_essential")
    if changed:
        preference.full_clean()
        preference.save(update_fields=[*changed, "updated_at"])
    user.notification_preference = preference  # later sends in this request read the new choice
    return preference


def unsubscribe(*, user) -> NotificationPreference:
    """Turn non-essential mail off (the unsubscribe link); idempotent."""
    return set_preferences(user=user, non_essential=False)


def render_sample(spec: Kind, *, language: str) -> Rendered:
    """``spec`` rendered with its sample context, for the managers' previews. A non-essential kind shows
    its footer with an example unsubscribe link (that leads nowhere: it names no one)."""
    unsubscribe = "" if spec.essential else absolute_url("notifications:unsubscribe", "exemple")
    return render(spec, context=spec.sample(), language=language, unsubscribe=unsubscribe)
