"""App configuration for accounts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lms.accounts"
    label = "accounts"
    verbose_name = _("Comptes")

    def ready(self):
        # Registers the login receiver that records, in the session, whether a second factor is needed.
        from lms.accounts import twofactor  # noqa: F401
