"""Personal-data pages: a person downloads their own data; a manager erases a person's.

Thin views: the export and the erasure live in ``lms.accounts.privacy``. The export page is for anyone
signed in and only ever reads the signed-in person; the erasure page is under ``gestion/`` (second
factor required), managers only (403 for anyone else, before looking the person up), 404 for an
unknown person.
"""

from email.utils import parseaddr

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from lms.accounts import privacy
from lms.accounts.models import User
from lms.errors import LMSError, NotAllowed
from lms.forms import AccessibleForm

ERASED = _("Les données personnelles de ce compte sont effacées.")


@require_safe
def privacy_page(request):
    """The public privacy page, with the retention periods this installation applies."""
    context = {
        "retention": {
            "personal": settings.RETENTION_YEARS_PERSONAL,
            "attendance": settings.RETENTION_YEARS_ATTENDANCE,
            "technical": settings.RETENTION_DAYS_TECHNICAL,
        },
        "contact_email": parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
    }
    return render(request, "lms/privacy.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def export(request):
    if request.method == "POST":
        archive = privacy.export_archive(user=request.user)
        response = HttpResponse(archive.content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{archive.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
    context = {"summary": privacy.export_summary(user=request.user)}
    return render(request, "accounts/privacy/export.html", context)


class ErasureForm(AccessibleForm):
    reason = forms.CharField(
        label=_("Motif de l'effacement"),
        help_text=_(
            "Par exemple : demande de la personne reçue le…, ou départ de l'organisme. "
            "Il est gardé au journal d'audit."
        ),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(
        label=_("Je confirme l'effacement : il est définitif, le compte ne pourra plus être utilisé."),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def erase(request, user_id: int):
    if not privacy.user_can_erase_people(request.user):
        raise PermissionDenied
    person = get_object_or_404(User.objects.select_related("organisation"), pk=user_id)
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            result = privacy.erase_person(
                user=person, acting_user=request.user, reason=form.cleaned_data["reason"]
            )
        except NotAllowed:
            raise PermissionDenied from None
        except LMSError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, ERASED)
            if result.registers.tampered:
                messages.warning(request, privacy.TAMPERED_KEPT % {"count": len(result.registers.tampered)})
            return redirect("privacy-erase", user_id=person.pk)
    context = {
        "person": person,
        "form": form,
        "erased": privacy.is_erased(person),
        "preview": privacy.erasure_preview(user=person),
        "self_erasure": person.pk == request.user.pk,
    }
    return render(request, "accounts/privacy/erase.html", context, status=400 if form.errors else 200)
