"""The life of a certificate after issue: suspend, reinstate, revoke, expire, corrected re-issue.

State machine (``Certificate.status``):

    valid ──suspend──▶ suspended ──reinstate──▶ valid
    valid | suspended ──revoke──▶ revoked        (irreversible)
    valid | suspended ──expire (nightly, after valid_until)──▶ expired

Every change needs a reason (the nightly expiry writes its own), is recorded in
``CertificateStatusChange`` and in the audit trail, and runs on the locked row so that two certifiers
acting at once cannot both apply a transition from the same state. Renewal is not a transition: an
approval from a later cohort issues a new certificate linked to this one (``issuance``).

A corrected re-issue (after a change of name) keeps the row, its number and its verification id:
it refreshes the holder's name snapshot and asks for a new PDF version; earlier PDFs stay stored.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates.models import Certificate, CertificateStatusChange
from certificates.permissions import user_can_decide_certification
from certificates.services.issuance import enqueue_rendering
from lms.accounts.privacy import name_fingerprint
from lms.audit.services import Action, record
from lms.errors import LMSError, NotAllowed, NotFound

Status = Certificate.Status
REASON_MAX = 2000
REASON_NEEDED = gettext_lazy("Indiquez le motif.")  # also shown by the lifecycle forms

# (from statuses, to status, audit action)
TRANSITIONS = {
    "suspend": ((Status.VALID,), Status.SUSPENDED, Action.CERTIFICATE_SUSPENDED),
    "reinstate": ((Status.SUSPENDED,), Status.VALID, Action.CERTIFICATE_REINSTATED),
    "revoke": ((Status.VALID, Status.SUSPENDED), Status.REVOKED, Action.CERTIFICATE_REVOKED),
}
REFUSALS = {
    "suspend": gettext_lazy("Seul un certificat valide peut être suspendu (statut actuel : %(status)s)."),
    "reinstate": gettext_lazy("Seul un certificat suspendu peut être rétabli (statut actuel : %(status)s)."),
    "revoke": gettext_lazy("Ce certificat ne peut plus être révoqué (statut actuel : %(status)s)."),
}


def suspend(*, certificate_id: int, reason: str, acting_user) -> Certificate:
    return _transition("suspend", certificate_id, reason, acting_user)


def reinstate(*, certificate_id: int, reason: str, acting_user) -> Certificate:
    return _transition("reinstate", certificate_id, reason, acting_user)


def revoke(*, certificate_id: int, reason: str, acting_user) -> Certificate:
    """Irreversible: a revoked certificate is never valid again (a new decision would be needed)."""
    return _transition("revoke", certificate_id, reason, acting_user)


def expire_due(*, today=None) -> int:
    """Mark expired the valid or suspended certificates whose validity ended before ``today`` (the
    nightly task). Safe to run twice; returns how many changed."""
    today = today or timezone.localdate()
    changed = 0
    due = Certificate.objects.filter(
        status__in=(Status.VALID, Status.SUSPENDED), valid_until__lt=today
    ).values_list("pk", flat=True)
    for certificate_id in list(due):
        with transaction.atomic():
            certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
            if certificate.status not in (Status.VALID, Status.SUSPENDED) or certificate.valid_until >= today:
                continue
            reason = _("Fin de validité le %(date)s.") % {
                "date": certificate.valid_until.strftime("%d/%m/%Y")
            }
            _apply(certificate, Status.EXPIRED, reason, None, Action.CERTIFICATE_EXPIRED)
            changed += 1
    return changed


def reissue_corrected(*, certificate_id: int, reason: str, acting_user) -> Certificate:
    """After a change of the holder's name: the same certificate with the current name, in a new PDF
    version (rendered and e-mailed after commit). Refused for a revoked certificate, for an erased
    holder and when the name has not changed."""
    _check_allowed(acting_user)
    reason = _checked_reason(reason)
    with transaction.atomic():
        certificate = _locked(certificate_id)
        if certificate.status == Status.REVOKED:
            raise LMSError(_("Un certificat révoqué ne peut pas être réédité."))
        if certificate.holder_erased:
            raise LMSError(_("Les données du titulaire ont été effacées : réédition impossible."))
        new_name = certificate.holder.get_full_name() or certificate.holder.email
        if new_name == certificate.holder_name:
            raise LMSError(
                _("Le nom du titulaire n'a pas changé : modifiez d'abord son compte, puis rééditez.")
            )
        before = {"holder_name": certificate.holder_name, "pdf_version": certificate.pdf_version}
        certificate.holder_name = new_name
        certificate.holder_name_fingerprint = name_fingerprint(new_name)
        certificate.pdf_version += 1
        certificate.save(
            update_fields=["holder_name", "holder_name_fingerprint", "pdf_version", "updated_at"]
        )
        record(
            actor=acting_user,
            action=Action.CERTIFICATE_REISSUED,
            obj=certificate,
            before=before,
            after={"holder_name": new_name, "pdf_version": certificate.pdf_version, "reason": reason},
            obj_repr=certificate.number,
        )
        enqueue_rendering(certificate)
    return certificate


def _transition(name: str, certificate_id: int, reason: str, acting_user) -> Certificate:
    _check_allowed(acting_user)
    reason = _checked_reason(reason)
    sources, target, action = TRANSITIONS[name]
    with transaction.atomic():
        certificate = _locked(certificate_id)
        if certificate.status not in sources:
            raise LMSError(str(REFUSALS[name]) % {"status": certificate.get_status_display()})
        _apply(certificate, target, reason, acting_user, action)
    return certificate


def _apply(certificate: Certificate, target: str, reason: str, acting_user, action) -> None:
    now = timezone.now()
    previous = certificate.status
    certificate.status = target
    certificate.status_reason = "" if target == Status.VALID else reason
    certificate.status_changed_at = now
    certificate.save(update_fields=["status", "status_reason", "status_changed_at", "updated_at"])
    CertificateStatusChange.objects.create(
        certificate=certificate,
        from_status=previous,
        to_status=target,
        reason=reason,
        changed_by=acting_user,
        changed_at=now,
    )
    record(
        actor=acting_user,
        action=action,
        obj=certificate,
        before={"status": previous},
        after={"status": target, "reason": reason},
        obj_repr=certificate.number,
    )


def _check_allowed(acting_user) -> None:
    if not user_can_decide_certification(acting_user):
        raise NotAllowed(_("Seul un certificateur ou une certificatrice URH peut modifier un certificat."))


def _checked_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise LMSError(REASON_NEEDED)
    if len(reason) > REASON_MAX:
        raise LMSError(_("Le motif est trop long (%(max)s caractères au plus).") % {"max": REASON_MAX})
    return reason


def _locked(certificate_id: int) -> Certificate:
    certificate = (
        Certificate.objects.select_for_update(of=("self",))
        .select_related("holder")
        .filter(pk=certificate_id)
        .first()
    )
    if certificate is None:
        raise NotFound(_("Certificat introuvable."))
    return certificate
