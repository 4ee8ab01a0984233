"""Public pages, without login: the verification of a certificate and the directory of referents.

Verification (``verifier/<id>/``) answers in HTML, or in JSON when the client asks for
``application/json`` (``Vary: Accept``). Unknown ids, malformed ids and path tricks all get one and
the same « introuvable » answer (HTML or JSON): the page tells nothing about what exists. Every
request counts against a per-IP limit (``CERTIFICATE_VERIFY_RATE``, default 30 per minute), whether
the id exists or not, so that guessing is throttled: over the limit, 429 with ``Retry-After``.
Numbers are never looked up: they follow a sequence and could be enumerated.
"""

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from certificates import ratelimit
from certificates.selectors.public import (
    ISSUER,
    certificate_to_verify,
    directory_departements,
    directory_queryset,
    is_well_formed,
)

DIRECTORY_PAGE_SIZE = 25
JSON = "application/json"


def verify_rate() -> ratelimit.Rate:
    return ratelimit.Rate.parse(settings.CERTIFICATE_VERIFY_RATE)  # checked when the settings load


def wants_json(request) -> bool:
    """True when the client prefers JSON to HTML (``Accept: application/json``); a browser's
    ``text/html`` or ``*/*`` gets the page."""
    return request.get_preferred_type(["text/html", JSON]) == JSON


@require_safe
def verify(request, verification_id: str):
    as_json = wants_json(request)
    decision = ratelimit.hit(request, scope="certificate-verify", rate=verify_rate())
    if not decision.allowed:
        response = _too_many(request, as_json, decision.retry_after)
    else:
        certificate = certificate_to_verify(verification_id)
        if certificate is None:
            response = _not_found(request, as_json)
        elif as_json:
            response = JsonResponse(certificate.as_dict(), json_dumps_params={"ensure_ascii": False})
        else:
            response = render(request, "certificates/public/verify.html", {"certificate": certificate})
    patch_vary_headers(response, ["Accept"])
    response["Cache-Control"] = "no-store"  # the status can change at any time
    response["X-Robots-Tag"] = "noindex"
    return response


NOT_FOUND_JSON = json.dumps(
    {"status": "not_found", "detail": "Aucun certificat ne correspond à cet identifiant de vérification."},
    ensure_ascii=False,
)


def _not_found(request, as_json: bool) -> HttpResponse:
    """The one answer for every id that is not a certificate's (unknown, malformed, too long...)."""
    if as_json:
        return HttpResponse(NOT_FOUND_JSON, status=404, content_type="application/json")
    return render(request, "certificates/public/not_found.html", status=404)


def _too_many(request, as_json: bool, retry_after: int) -> HttpResponse:
    message = _("Trop de vérifications depuis votre connexion : réessayez dans %(seconds)s secondes.") % {
        "seconds": retry_after
    }
    if as_json:
        response = JsonResponse(
            {"status": "rate_limited", "detail": message},
            status=429,
            json_dumps_params={"ensure_ascii": False},
        )
    else:
        response = render(request, "certificates/public/rate_limited.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


@require_safe
def verify_home(request):
    """« Vérifier un certificat »: a form taking a verification id (never a number), sent to the page
    of that id. An empty or malformed entry is answered on the form itself."""
    entered = request.GET.get("id", "").strip()
    error = ""
    if "id" in request.GET:
        identifier = _identifier(entered)
        if identifier:
            return redirect("certificates:verify", verification_id=identifier)
        error = _(
            "Indiquez l'identifiant de vérification imprimé sous le QR code du certificat "
            "(une suite de lettres, de chiffres, de tirets et de soulignés)."
        )
    context = {"entered": entered, "error": error, "issuer": ISSUER}
    return render(request, "certificates/public/verify_home.html", context, status=400 if error else 200)


def _identifier(entered: str) -> str:
    """The id from what was typed: the id itself or the whole verification address."""
    candidate = entered.rstrip("/").rsplit("/", 1)[-1]
    return candidate if is_well_formed(candidate) else ""


@require_safe
def directory(request):
    """Référent·es certifié·es who chose to be listed, by name; filter by département; paginated
    (3 queries whatever the number of entries)."""
    departements = directory_departements()
    chosen = request.GET.get("departement", "")
    if chosen not in departements:
        chosen = ""
    page = Paginator(directory_queryset(departement=chosen), DIRECTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "departements": departements, "chosen": chosen}
    return render(request, "certificates/public/directory.html", context)
