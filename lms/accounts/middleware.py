"""Sends people who need a second factor to it before anything else."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from lms.accounts import twofactor

# Reachable without the second factor: the 2FA pages themselves, logging out, language, static files.
EXEMPT_PREFIXES = ("/compte/2fa/", "/deconnexion/", "/admin/logout/", "/i18n/", "/static/", "/sante/")


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and self._required(request):
            return self._redirect(request)
        return self.get_response(request)

    @staticmethod
    def _required(request) -> bool:
        path = request.path
        if path.startswith(EXEMPT_PREFIXES):
            return False
        if request.session.get(twofactor.SESSION_FLAG):
            return True
        # The login-time flag may predate a new role: staff areas always re-check.
        return path.startswith(settings.STAFF_URL_PREFIXES) and twofactor.needs_two_factor(request.user)

    @staticmethod
    def _redirect(request):
        name = "two-factor-verify" if twofactor.has_confirmed_device(request.user) else "two-factor-setup"
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
