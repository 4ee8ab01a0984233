"""The holder's choice to appear in the public directory of certified referents (opt-in).

Only the holder decides, for their own certificate; staff never list someone. Setting the same value
twice changes nothing (a double click, a resubmitted form). An erased holder cannot be listed again:
erasure switches the listing off for good. The choice is not written to the audit trail: it is the
person's own preference about their own data, shown to them on « Mes certificats », and the audit
trail has no action for it (adding one is a model change).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from certificates.models import Certificate
from lms.errors import LMSError, NotFound


@transaction.atomic
def set_directory_listing(*, certificate_id: int, listed: bool, acting_user) -> Certificate:
    """List or unlist ``acting_user``'s certificate. ``NotFound`` for someone else's or an unknown one
    (the holder learns nothing of other certificates)."""
    certificate = (
        Certificate.objects.select_for_update()
        .filter(pk=certificate_id, holder_id=getattr(acting_user, "pk", None))
        .first()
    )
    if certificate is None or not acting_user.is_authenticated:
        raise NotFound(_("Certificat introuvable."))
    if listed and certificate.holder_erased:
        raise LMSError(_("Ce certificat ne peut plus figurer dans l'annuaire."))
    if certificate.listed_in_directory != listed:
        certificate.listed_in_directory = listed
        certificate.save(update_fields=["listed_in_directory", "updated_at"])
    return certificate
