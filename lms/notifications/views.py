"""Notification pages: the unsubscribe link, a person's e-mail preferences, the managers' previews.

The unsubscribe link works without an account: its signed token names the person (a capability, like
an invitation link). An unknown or altered token is a 404. Its confirmation form is CSRF-checked; only
the one-click POST that mail clients send (RFC 8058, body ``List-Unsubscribe=One-Click``) is taken
without a CSRF token, since it can only come with a valid signed token.

The previews render each kind's sample (plain objects, no database): managers only; anyone else
signed in gets the 403 page before the kind is looked up. The HTML is served by its own URL inside a
sandboxed ``<iframe>``, with a Content-Security-Policy that allows the e-mail's inline styles and
nothing else (no script, no external resource).
"""

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from lms.accounts import roles
from lms.accounts.models import User
from lms.notifications import services
from lms.notifications.catalogue import CATALOGUE, KINDS
from lms.notifications.forms import PreferencesForm, PreviewForm

ONE_CLICK = "One-Click"

# --- Unsubscribe (no account needed) ------------------------------------------------------------------


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    user = _token_holder(token)
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == ONE_CLICK
        if not one_click:
            rejected = CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {})
            if rejected is not None:
                return rejected
        services.unsubscribe(user=user)
        return render(request, "notifications/unsubscribe_done.html")
    subscribed = services.preference_for(user).non_essential
    return render(request, "notifications/unsubscribe.html", {"subscribed": subscribed})


def _token_holder(token: str) -> User:
    user_id = services.user_id_from_token(token)
    user = (
        User.objects.select_related("notification_preference").filter(pk=user_id).first()
        if user_id is not None
        else None
    )
    if user is None:
        raise Http404(_("Ce lien de désabonnement n'est pas valide."))
    return user


# --- A person's preferences ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    preference = services.preference_for(request.user)
    form = PreferencesForm.for_preference(preference, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.set_preferences(
            user=request.user,
            language=form.cleaned_data["language"],
            non_essential=form.cleaned_data["non_essential"],
        )
        messages.success(request, _("Vos préférences d'e-mail sont enregistrées."))
        return redirect("notifications:preferences")
    context = {"form": form, "is_manager": roles.is_manager(request.user)}
    return render(request, "notifications/preferences.html", context, status=400 if form.errors else 200)


# --- Managers' previews -------------------------------------------------------------------------------


def _require_manager(user) -> None:
    """403 for anyone but a manager, before the kind is looked up."""
    if not roles.is_manager(user):
        raise PermissionDenied


def _kind(key: str):
    spec = CATALOGUE.get(key)
    if spec is None:
        raise Http404(_("Cette notification n'existe pas."))
    return spec


@require_safe
@login_required
def preview_list(request):
    _require_manager(request.user)
    return render(request, "notifications/preview_list.html", {"kinds": KINDS})


@require_safe
@login_required
def preview(request, key: str):
    _require_manager(request.user)
    spec = _kind(key)
    form = PreviewForm(request.GET)
    context = {"kind": spec, "form": form}
    if not form.is_valid():
        return render(request, "notifications/preview.html", context, status=400)
    language = form.language()
    context.update(language=language, rendered=services.render_sample(spec, language=language))
    return render(request, "notifications/preview.html", context)


@require_safe
@login_required
@xframe_options_sameorigin
@csp_replace(
    {
        "default-src": ["'none'"],
        "style-src": ["'unsafe-inline'"],
        "img-src": ["data:"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'none'"],
        "script-src": ["'none'"],
        "frame-src": ["'none'"],
    }
)
def preview_html(request, key: str):
    """The e-mail's HTML alone, for the preview page's sandboxed frame."""
    _require_manager(request.user)
    spec = _kind(key)
    form = PreviewForm(request.GET)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    rendered = services.render_sample(spec, language=form.language())
    response = HttpResponse(rendered.html, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
