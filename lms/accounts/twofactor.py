"""Second factor (TOTP with an authenticator app, plus single-use backup codes) on top of django-otp.

Who needs it: every staff role and superusers, and learners who chose to enrol a device. The need is
computed at login and kept in the session, so ordinary pages cost no extra query.
"""

import base64
import binascii

import segno
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.accounts import roles
from lms.audit import services as audit

SESSION_FLAG = "lms_2fa_required"
# Set at login for the header's staff links, so that no page spends a query on the user's roles.
STAFF_MEMBER_FLAG = "lms_staff_member"
# The same for the certification links (certifiers and managers).
CERTIFICATION_MEMBER_FLAG = "lms_certification_member"
APP_DEVICE_NAME = "Application d'authentification"
BACKUP_DEVICE_NAME = "Codes de secours"
BACKUP_CODE_COUNT = 10


def required_by_role(user) -> bool:
    return user.is_authenticated and (user.is_staff or user.is_superuser or roles.is_staff_member(user))


def needs_two_factor(user) -> bool:
    if required_by_role(user):
        return True
    return user.is_authenticated and has_confirmed_device(user)


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@receiver(user_logged_in, dispatch_uid="lms_two_factor_flag")
def _flag_session_on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_FLAG] = needs_two_factor(user)
        request.session[STAFF_MEMBER_FLAG] = required_by_role(user)
        request.session[CERTIFICATION_MEMBER_FLAG] = roles.is_manager(user) or roles.has_role(
            user, roles.CERTIFIER
        )


def pending_app_device(user) -> TOTPDevice:
    """The unconfirmed device being set up (reused on reload, so the QR code stays the same)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def base32_secret(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` URL as an inline SVG QR code (no external request, allowed by the CSP)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#1b1b1f", omitsize=True)


@transaction.atomic
def confirm_app_device(*, request, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with a first code; returns fresh backup codes, or None if the code is wrong."""
    if not device.verify_is_allowed()[0] or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(
        actor=device.user, action=audit.Action.TWO_FACTOR_CONFIRMED, obj=device.user, request=request
    )
    codes = issue_backup_codes(user=device.user)
    otp_login(request, device)
    request.session[SESSION_FLAG] = True
    return codes


@transaction.atomic
def issue_backup_codes(*, user) -> list[str]:
    """Replace the user's backup codes by ten new single-use ones and return them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit.record(
        actor=user, action=audit.Action.TWO_FACTOR_BACKUP_CODES, obj=user, after={"count": len(codes)}
    )
    return codes


def verify_second_factor(*, request, token: str) -> bool:
    """Check a TOTP or backup code against the user's confirmed devices; a code works once."""
    token = "".join((token or "").split())
    if not token or len(token) > 16:
        return False
    user = request.user
    devices = [*TOTPDevice.objects.filter(user=user, confirmed=True), *StaticDevice.objects.filter(user=user)]
    for device in devices:
        if verify_token(user, device.persistent_id, token):
            otp_login(request, device)
            return True
    return False


def demo_device(*, user, secret_base32: str) -> TOTPDevice:
    """Give a demo account a confirmed device with the documented demo secret (demo loader only)."""
    try:
        key = base64.b32decode(secret_base32.upper() + "=" * (-len(secret_base32) % 8))
    except (binascii.Error, ValueError):
        raise ValueError("DEMO_TOTP_SECRET n'est pas une clé base32 valide") from None
    device, _created = TOTPDevice.objects.update_or_create(
        user=user, name=APP_DEVICE_NAME, defaults={"key": key.hex(), "confirmed": True}
    )
    return device
