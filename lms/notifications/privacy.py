"""E-mail preferences and personal data (RGPD): the export section and the erasure.

Registered as the ``privacy_export_sections`` and ``privacy_erase_person`` hooks
(``lms/notifications/wagtail_hooks.py``); the rule is in ``lms.accounts.privacy.PERSONAL_DATA``.
The preference is deleted at erasure: a pseudonymised account receives no e-mail anyway.
"""

from lms.notifications.models import NotificationPreference


def export_section(user) -> dict:
    preference = NotificationPreference.objects.filter(user=user).first()
    if preference is None:
        return {"preferences_e_mail": None}
    return {
        "preferences_e_mail": {
            "langue": preference.language,
            "e_mails_non_essentiels": preference.non_essential,
            "modifiees_le": preference.updated_at,
        }
    }


def erase_preference(*, user, **_context) -> None:
    NotificationPreference.objects.filter(user=user).delete()
