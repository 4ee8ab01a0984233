"""Writes of the accounts app that leave the server: the password-reset e-mail."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext

from lms.accounts.models import User


def send_password_reset(*, user_id: int, language: str = "fr") -> bool:
    """E-mail a password-reset link to an active user; False when there is no such user."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    language = language if language in {"fr", "en"} else "fr"
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "url": f"{settings.SITE_URL}{path}"}
    with translation.override(language):
        subject = gettext("Réinitialisation de votre mot de passe")
        body = render_to_string(f"accounts/email/password_reset.{language}.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True
