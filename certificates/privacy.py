"""Certificates and personal data (RGPD): the export section and the erasure of a holder.

Registered as the ``privacy_export_sections`` and ``privacy_erase_person`` hooks
(``certificates/wagtail_hooks.py``); their rules are in ``lms.accounts.privacy.PERSONAL_DATA``.

Export (``"certificats"`` in ``donnees.json``): each certificate of the person (number, programme,
cohort, dates, status and its reason, verification address, directory choice, the PDF versions
produced), the certification decisions on their enrolments (outcome, date, motive; not who decided),
and, for staff, the decisions and status changes they made (dates and outcomes only: the people
concerned are someone else's data).

Erasure keeps the registry verifiable, as the quality handbook asks: an employer holding a printed
certificate must still be able to check it. So the certificate row stays with its number,
verification id, dates and status; the holder's name becomes initials (« Léa Durand » → « L. D. »),
its keyed hash (``holder_name_fingerprint``, computed at issue) is kept so that whoever knows the
full name can still match it, ``holder_erased`` is set and the directory listing is switched off for
good. The motives of the certification decisions on the person are cleared (like the trainer's
motivation); outcomes and dates stay as evidence. Suspension and revocation reasons stay: the public
page must keep saying why a certificate is not valid.

The PDFs are personal data too (they print the full name). Choice: **the files are kept**, as the
legal evidence of what was issued and signed (a signed document cannot be re-signed with initials
without becoming a different document), but they are **never served publicly**: the public page
shows no PDF, the holder's download needs their account (inactive once erased), and only the
registry's staff views can reach them. Their rows' printed-name column is reduced to initials, so
that listings show no name. The retention purge, not the erasure, deletes them when their
retention period ends.
"""

from django.db.models import Prefetch

from certificates.links import verification_url
from certificates.models import (
    Certificate,
    CertificateDocument,
    CertificateStatusChange,
    CertificationDecision,
)
from lms.accounts.privacy import name_fingerprint as fingerprint_of

MOTIVE_REDACTED = "[motif effacé : effacement RGPD]"


def export_section(user) -> dict:
    """``{"certificats": {...}}`` for ``donnees.json`` (4 queries)."""
    certificates = (
        Certificate.objects.filter(holder=user)
        .prefetch_related(Prefetch("documents", CertificateDocument.objects.order_by("version")))
        .order_by("issued_at", "pk")
    )
    decisions = CertificationDecision.objects.filter(enrolment__learner=user).select_related(
        "enrolment__cohort"
    )
    return {
        "certificats": {
            "mes_certificats": [_certificate(certificate) for certificate in certificates],
            "decisions_sur_mes_inscriptions": [
                {
                    "promotion": decision.enrolment.cohort.name,
                    "decision": decision.get_outcome_display(),
                    "motif": decision.motive,
                    "avis_reserve_depasse": decision.override,
                    "decidee_le": decision.decided_at,
                }
                for decision in decisions
            ],
            "decisions_prises": [
                {"decidee_le": decided_at, "decision": str(CertificationDecision.Outcome(outcome).label)}
                for decided_at, outcome in CertificationDecision.objects.filter(decided_by=user)
                .order_by("decided_at", "pk")
                .values_list("decided_at", "outcome")
            ],
            "changements_de_statut_effectues": [
                {"le": changed_at, "de": from_status, "vers": to_status}
                for changed_at, from_status, to_status in CertificateStatusChange.objects.filter(
                    changed_by=user
                )
                .order_by("changed_at", "pk")
                .values_list("changed_at", "from_status", "to_status")
            ],
        }
    }


def _certificate(certificate: Certificate) -> dict:
    return {
        "numero": certificate.number,
        "programme": certificate.programme_title,
        "promotion": certificate.cohort_name,
        "nom_imprime": certificate.holder_name,
        "organisme": certificate.holder_organisation,
        "departement": certificate.holder_departement,
        "heures": certificate.hours,
        "delivre_le": certificate.issued_at,
        "valide_du": certificate.valid_from,
        "valide_jusqu_au": certificate.valid_until,
        "statut": certificate.get_status_display(),
        "motif_du_statut": certificate.status_reason,
        "adresse_de_verification": verification_url(certificate.verification_id),
        "dans_l_annuaire_public": certificate.listed_in_directory,
        "versions_pdf": [
            {"version": document.version, "produite_le": document.rendered_at, "sha256": document.sha256}
            for document in certificate.documents.all()
        ],
    }


def initials(name: str) -> str:
    """« Léa Durand » → « L. D. »; « Jean-Pierre  de la Tour » → « J. D. L. T. »."""
    letters = (next((char for char in word if char.isalnum()), "") for word in (name or "").split())
    return " ".join(f"{letter.upper()}." for letter in letters if letter)


def erase_holder(*, user, acting_user, name_fingerprint: str, now) -> None:
    """Pseudonymise ``user``'s certificates (see the module docstring). Running it twice changes
    nothing more."""
    shown = initials(f"{user.first_name} {user.last_name}")
    for certificate in Certificate.objects.select_for_update().filter(holder=user, holder_erased=False):
        fingerprint = certificate.holder_name_fingerprint or fingerprint_of(certificate.holder_name)
        certificate.holder_name = shown or initials(certificate.holder_name)
        certificate.holder_name_fingerprint = fingerprint
        certificate.holder_erased = True
        certificate.listed_in_directory = False
        certificate.save(
            update_fields=[
                "holder_name",
                "holder_name_fingerprint",
                "holder_erased",
                "listed_in_directory",
                "updated_at",
            ]
        )
        certificate.documents.update(holder_name=certificate.holder_name)
    CertificationDecision.objects.filter(enrolment__learner=user).exclude(motive="").exclude(
        motive=MOTIVE_REDACTED
    ).update(motive=MOTIVE_REDACTED)
