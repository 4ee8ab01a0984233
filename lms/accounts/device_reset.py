"""A manager resets the second factor of a person who lost their phone (audited, with a reason).

Resetting deletes the person's authenticator-app devices and backup codes. At their next request on a
staff area (or next login, for staff), the two-factor middleware finds no device and sends them to
enrolment; a learner who had opted in is simply back to the password alone. Their current sessions
lose their verified state (django-otp no longer finds the device).

Rules: managers and superusers only; nobody resets their own second factor this way (a manager
still signed in replaces their device from the enrolment page, and one who lost it asks another
manager: no self-service bypass of the factor); only a superuser resets a superuser's.

The pages live under ``gestion/`` (second factor required) and are routed by ``lms.audit.urls``.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.accounts import roles
from lms.audit import services as audit
from lms.errors import LMSError, NotAllowed
from lms.forms import AccessibleForm

NOT_MANAGER = _("Seul·es les gestionnaires peuvent réinitialiser la double authentification.")
NOT_YOURSELF = _(
    "Vous ne pouvez pas réinitialiser votre propre double authentification : remplacez votre "
    "application depuis la page d'activation, ou demandez-le à un·e autre gestionnaire."
)
SUPERUSER_ONLY = _(
    "Seul un super-utilisateur peut réinitialiser la double authentification d'un super-utilisateur."
)
REASON_REQUIRED = _("Indiquez le motif de la réinitialisation.")
REASON_MAX_LENGTH = 500
NO_SUCH_PERSON = _("Aucun compte n'utilise cette adresse e-mail.")


@dataclass(frozen=True)
class DeviceSummary:
    app_devices: int  # confirmed authenticator apps
    pending_app_devices: int  # set up but never confirmed with a code
    backup_codes_left: int

    @property
    def has_devices(self) -> bool:
        return bool(self.app_devices or self.pending_app_devices or self.backup_codes_left)


def device_summary(person) -> DeviceSummary:
    apps = list(TOTPDevice.objects.filter(user=person).values_list("confirmed", flat=True))
    codes = StaticToken.objects.filter(device__user=person).count()
    return DeviceSummary(
        app_devices=sum(apps), pending_app_devices=len(apps) - sum(apps), backup_codes_left=codes
    )


def check_can_reset(*, person, acting_user) -> None:
    if not roles.is_manager(acting_user):
        raise NotAllowed(NOT_MANAGER, code="not_manager")
    if person.pk == acting_user.pk:
        raise NotAllowed(NOT_YOURSELF, code="self")
    if person.is_superuser and not acting_user.is_superuser:
        raise NotAllowed(SUPERUSER_ONLY, code="superuser")


@transaction.atomic
def reset_two_factor(*, person, reason: str, acting_user, request=None) -> DeviceSummary:
    """Delete ``person``'s devices and backup codes; returns what was there. Audited as ``2fa.reset``."""
    check_can_reset(person=person, acting_user=acting_user)
    reason = (reason or "").replace("\x00", "").strip()
    if not reason:
        raise LMSError(REASON_REQUIRED, code="reason_required")
    before = device_summary(person)
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()  # their tokens go with them (CASCADE)
    audit.record(
        actor=acting_user,
        action=audit.Action.TWO_FACTOR_RESET,
        obj=person,
        before={
            "app_devices": before.app_devices,
            "pending_app_devices": before.pending_app_devices,
            "backup_codes_left": before.backup_codes_left,
        },
        after={"reason": reason[:REASON_MAX_LENGTH]},
        request=request,
    )
    return before


# --- pages ----------------------------------------------------------------------------------------------


class ResetForm(AccessibleForm):
    reason = forms.CharField(
        label=_("Motif de la réinitialisation"),
        help_text=_("Par exemple : téléphone perdu, signalé par téléphone le 3 mars ; identité vérifiée."),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": REASON_REQUIRED},
    )


class FindPersonForm(AccessibleForm):
    email = forms.EmailField(label=_("Adresse e-mail de la personne"), max_length=254)


def _require_manager(user) -> None:
    if not roles.is_manager(user):
        raise PermissionDenied


@require_safe
@login_required
def find_person(request):
    """Look a person up by e-mail, then go to their second-factor page."""
    _require_manager(request.user)
    form = FindPersonForm(request.GET or None)
    if form.is_valid():
        person = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if person is not None:
            return redirect("audit:device-reset", user_id=person.pk)
        form.add_error("email", NO_SUCH_PERSON)
    status = 400 if form.errors else 200
    return render(request, "audit/device_reset_find.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def device_reset(request, user_id: int):
    _require_manager(request.user)
    person = get_object_or_404(get_user_model(), pk=user_id)
    form = ResetForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            removed = reset_two_factor(
                person=person, reason=form.cleaned_data["reason"], acting_user=request.user, request=request
            )
        except NotAllowed:
            raise PermissionDenied from None
        messages.success(request, _reset_message(person, removed))
        return redirect("audit:device-reset", user_id=person.pk)
    try:
        check_can_reset(person=person, acting_user=request.user)
        refusal = None
    except NotAllowed as error:
        refusal = error.message
    context = {"person": person, "summary": device_summary(person), "form": form, "refusal": refusal}
    return render(request, "audit/device_reset.html", context, status=400 if form.errors else 200)


def _reset_message(person, removed: DeviceSummary) -> str:
    if not removed.has_devices:
        return _("%(email)s n'avait aucun appareil : rien n'a été supprimé.") % {"email": person.email}
    return ngettext(
        "Double authentification de %(email)s réinitialisée (%(count)s code de secours supprimé). "
        "À sa prochaine connexion, la personne devra configurer une nouvelle application.",
        "Double authentification de %(email)s réinitialisée (%(count)s codes de secours supprimés). "
        "À sa prochaine connexion, la personne devra configurer une nouvelle application.",
        removed.backup_codes_left,
    ) % {"email": person.email, "count": removed.backup_codes_left}


urlpatterns = [
    path("gestion/personnes/double-authentification/", find_person, name="device-reset-find"),
    path(
        "gestion/personnes/<int:user_id>/double-authentification/",
        device_reset,
        name="device-reset",
    ),
]
