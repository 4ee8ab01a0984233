"""Second-factor pages: set up an authenticator app, verify a code, renew backup codes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from lms.accounts import twofactor
from lms.forms import AccessibleForm

WRONG_CODE = _("Code incorrect, expiré ou déjà utilisé. Attendez le code suivant puis réessayez.")


class CodeForm(AccessibleForm):
    token = forms.CharField(
        label=_("Code à 6 chiffres (ou code de secours)"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/mon-parcours/"


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    if twofactor.has_confirmed_device(request.user) and not request.user.is_verified():
        return redirect(f"/compte/2fa/verification/?next={_next_url(request)}")
    device = twofactor.pending_app_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_app_device(request=request, device=device, token=form.cleaned_data["token"])
        if codes is not None:
            return render(
                request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next_url(request)}
            )
        form.add_error("token", WRONG_CODE)
    context = {
        "form": form,
        "qr_svg": twofactor.qr_svg(device),
        "secret": twofactor.base32_secret(device),
        "next": _next_url(request),
        "required_by_role": twofactor.required_by_role(request.user),
    }
    return render(request, "accounts/two_factor_setup.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    if not twofactor.has_confirmed_device(request.user):
        return redirect(f"/compte/2fa/activer/?next={_next_url(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.verify_second_factor(request=request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/two_factor_verify.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def renew_backup_codes(request):
    if not request.user.is_verified():
        return redirect(f"/compte/2fa/verification/?next={request.path}")
    codes = twofactor.issue_backup_codes(user=request.user)
    messages.success(request, _("Vos anciens codes de secours ne fonctionnent plus."))
    return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": "/profil/"})


urlpatterns = [
    path("compte/2fa/activer/", setup, name="two-factor-setup"),
    path("compte/2fa/verification/", verify, name="two-factor-verify"),
    path("compte/2fa/codes-de-secours/", renew_backup_codes, name="two-factor-backup-codes"),
]
