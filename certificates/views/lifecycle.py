"""The lifecycle actions of a certificate, posted from its registry page (under ``gestion/``): suspend,
reinstate, revoke (irreversible, confirmed by a checkbox) and the corrected re-issue after a change
of name.

Only the people allowed by ``user_can_decide_certification`` act (403 for anyone else, before any
lookup); an unknown certificate is a 404. Each action needs a reason; a refusal of the service (a
transition its state does not allow, a name unchanged) redraws the page with its French message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from certificates.forms import ReasonForm, RevokeForm
from certificates.permissions import user_can_decide_certification
from certificates.selectors.registry import certificate_detail
from certificates.services import lifecycle
from certificates.views.registry import render_certificate_page
from courses.permissions import require_role
from lms.errors import LMSError

# action: (service, form, success message)
ACTIONS = {
    "suspend": (lifecycle.suspend, ReasonForm, _("Certificat %(number)s suspendu.")),
    "reinstate": (lifecycle.reinstate, ReasonForm, _("Certificat %(number)s rétabli.")),
    "revoke": (lifecycle.revoke, RevokeForm, _("Certificat %(number)s révoqué.")),
    "reissue": (
        lifecycle.reissue_corrected,
        ReasonForm,
        _("Certificat %(number)s réédité : la nouvelle version du PDF est en préparation."),
    ),
}


def _act(request, certificate_id: int, action: str):
    require_role(user_can_decide_certification(request.user))
    certificate = certificate_detail(certificate_id)
    if certificate is None:
        raise Http404
    service, form_class, success = ACTIONS[action]
    form = form_class(request.POST, action=action)
    if not form.is_valid():
        return render_certificate_page(request, certificate, bound=form, status=400)
    try:
        service(certificate_id=certificate.pk, reason=form.cleaned_data["reason"], acting_user=request.user)
    except LMSError as error:
        return render_certificate_page(request, certificate, bound=form, error=error, status=error.status)
    messages.success(request, success % {"number": certificate.number})
    return redirect("certificates:certificate", certificate_id=certificate.pk)


@require_POST
@login_required
def suspend(request, certificate_id: int):
    return _act(request, certificate_id, "suspend")


@require_POST
@login_required
def reinstate(request, certificate_id: int):
    return _act(request, certificate_id, "reinstate")


@require_POST
@login_required
def revoke(request, certificate_id: int):
    return _act(request, certificate_id, "revoke")


@require_POST
@login_required
def reissue(request, certificate_id: int):
    return _act(request, certificate_id, "reissue")
