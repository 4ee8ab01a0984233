"""The certificate registry (under ``gestion/``, second factor required): the filtered, paginated list,
its CSV export, one certificate's page (snapshots, status history, PDF versions, lifecycle forms) and
the download of a stored PDF version.

Certifiers and managers read it; anyone else signed in gets the French 403 page, before any lookup;
an unknown certificate or PDF version is a 404. Exports and downloads are written to the audit trail.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from certificates.exports import certificate_header, certificate_rows
from certificates.forms import ReasonForm, RegistryFilterForm, RevokeForm
from certificates.models import Certificate, CertificateDocument
from certificates.permissions import user_can_decide_certification
from certificates.selectors import registry as selectors
from certificates.views.files import stored_pdf
from certificates.views.review import require_reviewer
from lms.audit import services as audit
from lms.errors import LMSError
from lms.tabular import tabular_response

PAGE_SIZE = 50
Status = Certificate.Status


def _filter_form(request) -> RegistryFilterForm:
    return RegistryFilterForm(
        request.GET, organisations=selectors.registry_organisations(), years=selectors.registry_years()
    )


@require_safe
@login_required
def registry(request):
    require_reviewer(request.user)
    form = _filter_form(request)
    certificates = selectors.registry_certificates(filters=form.filters())
    page = Paginator(certificates, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "query": form.query_string()}
    return render(request, "certificates/staff/registry.html", context)


@require_safe
@login_required
def registry_csv(request):
    require_reviewer(request.user)
    form = _filter_form(request)
    certificates = selectors.registry_certificates(filters=form.filters())
    audit.record_export(request, export="certificats.csv")
    rows = certificate_rows(certificates)
    return tabular_response("csv", f"certificats-{timezone.localdate():%Y-%m-%d}", certificate_header(), rows)


@require_safe
@login_required
def certificate_page(request, certificate_id: int):
    require_reviewer(request.user)
    certificate = selectors.certificate_detail(certificate_id)
    if certificate is None:
        raise Http404
    return render_certificate_page(request, certificate)


@dataclass(frozen=True)
class LifecycleAction:
    name: str  # suspend, reinstate, revoke, reissue
    url_name: str
    title: str
    help: str
    submit_label: str


LIFECYCLE_ACTIONS = {
    "suspend": LifecycleAction(
        "suspend",
        "certificates:certificate-suspend",
        gettext_lazy("Suspendre"),
        gettext_lazy("Le certificat n'est plus valide le temps de la suspension ; il peut être rétabli."),
        gettext_lazy("Suspendre le certificat"),
    ),
    "reinstate": LifecycleAction(
        "reinstate",
        "certificates:certificate-reinstate",
        gettext_lazy("Rétablir"),
        gettext_lazy("Le certificat redevient valide jusqu'à sa date de fin de validité."),
        gettext_lazy("Rétablir le certificat"),
    ),
    "revoke": LifecycleAction(
        "revoke",
        "certificates:certificate-revoke",
        gettext_lazy("Révoquer"),
        gettext_lazy(
            "Irréversible : un certificat révoqué ne redevient jamais valide ; seule une nouvelle décision "
            "de certification en délivrerait un autre."
        ),
        gettext_lazy("Révoquer définitivement"),
    ),
    "reissue": LifecycleAction(
        "reissue",
        "certificates:certificate-reissue",
        gettext_lazy("Rééditer après un changement de nom"),
        gettext_lazy(
            "Même numéro, même identifiant de vérification : le nom actuel du compte est repris dans une "
            "nouvelle version du PDF ; les versions précédentes restent conservées."
        ),
        gettext_lazy("Rééditer le certificat"),
    ),
}


@dataclass(frozen=True)
class ActionForm:
    action: LifecycleAction
    form: ReasonForm
    url: str


def available_actions(certificate: Certificate) -> list[str]:
    """The lifecycle actions the certificate's state allows, in the page's order."""
    actions = []
    if certificate.status == Status.VALID:
        actions.append("suspend")
    if certificate.status == Status.SUSPENDED:
        actions.append("reinstate")
    if certificate.status in (Status.VALID, Status.SUSPENDED):
        actions.append("revoke")
    if certificate.status != Status.REVOKED and not certificate.holder_erased:
        actions.append("reissue")
    return actions


def render_certificate_page(
    request, certificate: Certificate, *, bound=None, error: LMSError | None = None, status: int = 200
):
    """The certificate's page; ``bound`` is the lifecycle form just posted, redrawn with its errors
    (shown even when the certificate's state no longer offers that action)."""
    can_decide = user_can_decide_certification(request.user)
    names = available_actions(certificate) if can_decide else []
    if bound is not None and bound.action not in names:
        names.append(bound.action)
    action_forms = []
    for name in names:
        form_class = RevokeForm if name == "revoke" else ReasonForm
        form = bound if bound is not None and bound.action == name else form_class(action=name)
        action = LIFECYCLE_ACTIONS[name]
        action_forms.append(ActionForm(action, form, reverse(action.url_name, args=[certificate.pk])))
    context = {
        "certificate": certificate,
        "can_decide": can_decide,
        "action_forms": action_forms,
        "error": error,
        "error_action": bound.action if bound is not None and error is not None else "",
    }
    return render(request, "certificates/staff/certificate.html", context, status=status)


@require_safe
@login_required
def certificate_pdf(request, certificate_id: int, version: int):
    require_reviewer(request.user)
    document = get_object_or_404(
        CertificateDocument.objects.select_related("certificate"),
        certificate_id=certificate_id,
        version=version,
    )
    number = document.certificate.number
    response = stored_pdf(document, filename=f"{number}-v{version}.pdf", as_attachment=False)
    audit.record_export(request, export=f"{number}-v{version}.pdf", obj=document.certificate, obj_repr=number)
    return response
