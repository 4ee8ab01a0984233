"""The holder's own certificates (``mes-certificats/``): the list, the PDF, the directory choice.

Signed-in people only (anonymous → login page). Each person sees only their own certificates: any
other id, someone else's or unknown, is a 404, as for a page that does not exist. The PDF is the
rendered file of the certificate's current version; until the rendering has run, the download page
says it is being prepared (200, with a link back), so a holder who clicks right after issue is not
shown an error.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from certificates.selectors.public import held_certificate, held_certificates
from certificates.services.directory import set_directory_listing
from certificates.views.files import stored_pdf
from lms.errors import LMSError, NotFound


@require_safe
@login_required
def my_certificates(request):
    return render(
        request, "certificates/learner/my_certificates.html", {"held": held_certificates(user=request.user)}
    )


@require_safe
@login_required
def my_certificate_pdf(request, certificate_id: int):
    certificate = held_certificate(user=request.user, certificate_id=certificate_id)
    if certificate is None:
        raise Http404
    document = certificate.current_document()
    if document is None:
        return render(request, "certificates/learner/pdf_pending.html", {"certificate": certificate})
    return stored_pdf(document, filename=f"{certificate.number}.pdf", as_attachment=True)


@require_POST
@login_required
def directory_listing(request, certificate_id: int):
    listed = request.POST.get("listed") == "1"
    try:
        set_directory_listing(certificate_id=certificate_id, listed=listed, acting_user=request.user)
    except NotFound as error:
        raise Http404 from error
    except LMSError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Vous figurez dans l'annuaire public des référent·es certifié·es.")
            if listed
            else _("Vous ne figurez plus dans l'annuaire public."),
        )
    return redirect("certificates:my-certificates")
