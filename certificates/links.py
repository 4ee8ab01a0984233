"""Absolute links printed in certificates, badges and e-mails (``SITE_URL`` is their base)."""

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def verification_url(verification_id: str) -> str:
    """The public page a certificate's QR code points to."""
    return absolute(reverse("certificates:verify", kwargs={"verification_id": verification_id}))
