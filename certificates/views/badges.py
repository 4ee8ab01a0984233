"""Open Badges 3.0 views: the holder's download, the issuer's public documents and the checker.

Who may download a badge: its holder, and the certifiers and managers who keep the registry. Anyone
else (another learner, a trainer) gets a 404, as for a certificate that does not exist. The issuer
profile, its keys and the status lists are public JSON / JWT that any verifier may fetch from any
origin; the checker is a public form (no login, CSRF-protected).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_safe

from certificates.badges.credential import build_credential, sign_credential
from certificates.badges.forms import BadgeVerificationForm
from certificates.badges.issuer import MEDIA_TYPE, issuer_profile, jwks
from certificates.badges.status_list import PURPOSES, signed_status_list
from certificates.models import Certificate
from certificates.permissions import user_can_review_certification
from lms.audit import services as audit

JWT_CONTENT_TYPE = f"application/{MEDIA_TYPE}"
# Status changes must reach verifiers quickly; keys and the profile change rarely.
STATUS_LIST_MAX_AGE = 60
PROFILE_MAX_AGE = 3600


@require_safe
@login_required
def download(request, certificate_id: int):
    certificates = Certificate.objects.all()
    if not user_can_review_certification(request.user):
        certificates = certificates.filter(holder=request.user)
    certificate = get_object_or_404(certificates, pk=certificate_id)
    token = sign_credential(build_credential(certificate))
    filename = f"badge-{certificate.number}.jwt"  # numbers are URH-HDF-YYYY-NNNNNN: nothing to quote
    audit.record_export(request, export=filename, obj=certificate, obj_repr=certificate.number)
    response = HttpResponse(token, content_type=JWT_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _public(response: HttpResponse, max_age: int) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


def _json(data: dict, max_age: int) -> JsonResponse:
    return _public(JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2}), max_age)


@require_safe
def issuer_profile_view(request):
    return _json(issuer_profile(), PROFILE_MAX_AGE)


@require_safe
def issuer_jwks(request):
    return _json(jwks(), PROFILE_MAX_AGE)


@require_safe
def status_list(request, purpose: str):
    if purpose not in PURPOSES:
        raise Http404
    return _public(
        HttpResponse(signed_status_list(purpose), content_type=JWT_CONTENT_TYPE), STATUS_LIST_MAX_AGE
    )


@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    template = "certificates/badges/verify.html"
    if request.method != "POST":
        return render(request, template, {"form": BadgeVerificationForm()})
    form = BadgeVerificationForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    return render(request, template, {"form": BadgeVerificationForm(), "result": form.result})
