"""Learner-facing views: "Mon parcours", completing a lesson, accepting an invitation, the profile."""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from courses import selectors
from courses.services import enrolment as enrolment_services
from courses.services import progress as progress_services
from lms.accounts.twofactor import has_confirmed_device
from lms.accounts.validators import PASSWORD_HELP_TEXT
from lms.errors import LMSError
from lms.forms import AccessibleForm


def _error_page(request, error: LMSError):
    return render(request, "courses/error.html", {"message": error.message}, status=error.status)


@login_required
def dashboard(request):
    return render(request, "courses/dashboard.html", selectors.dashboard.dashboard_for(user=request.user))


@require_POST
@login_required
def complete_lesson(request, lesson_id: int):
    from cms.models import LessonPage

    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    try:
        progress_services.complete_lesson(user=request.user, lesson=lesson)
    except LMSError as error:
        return _error_page(request, error)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = lesson.url
    messages.success(request, _("Leçon terminée : bravo !"))
    return redirect(target)


class SetPasswordForm(AccessibleForm):
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=PASSWORD_HELP_TEXT,
    )
    password2 = forms.CharField(
        label=_("Confirmez le mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("Les deux mots de passe ne correspondent pas."))
        return cleaned


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    try:
        invitation = enrolment_services.find_invitation(token)
    except LMSError as error:
        return _error_page(request, error)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                enrolment = enrolment_services.accept_invitation(
                    token=token, password=form.cleaned_data["password1"]
                )
        except ValidationError as error:
            form.add_error("password1", error)
        except LMSError as error:
            return _error_page(request, error)
        else:
            login(request, enrolment.learner, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Bienvenue ! Votre compte est activé."))
            return redirect("courses:dashboard")
    context = {"form": form, "invitation": invitation, "learner": invitation.enrolment.learner}
    return render(request, "courses/invitation_accept.html", context, status=400 if form.errors else 200)


class ProfileForm(AccessibleForm):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    form = ProfileForm(
        request.POST or None, initial={"first_name": user.first_name, "last_name": user.last_name}
    )
    if request.method == "POST" and form.is_valid():
        user.first_name = form.cleaned_data["first_name"].strip()
        user.last_name = form.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])
        messages.success(request, _("Votre profil est enregistré."))
        return redirect("courses:profile")
    context = {
        "form": form,
        "enrolments": selectors.progress.learner_enrolments(user=user),
        "two_factor_active": has_confirmed_device(user),
    }
    return render(request, "courses/profile.html", context, status=400 if form.errors else 200)


urlpatterns = [
    path("mon-parcours/", dashboard, name="dashboard"),
    path("lecons/<int:lesson_id>/terminer/", complete_lesson, name="complete-lesson"),
    path("invitation/<str:token>/", accept_invitation, name="accept-invitation"),
    path("profil/", profile, name="profile"),
]
