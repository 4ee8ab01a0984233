"""The certificate table, one shape for the registry's CSV and for a cohort's export (CSV or XLSX).

Rows hold typed values (``lms.tabular`` writes them the way each format expects): the snapshots taken at
issuance, the issue date and time (local), the validity dates and the current status with its reason.
"""

from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate

FIELDS = (
    "number",
    "holder_name",
    "holder_organisation",
    "holder_departement",
    "programme_title",
    "cohort_name",
    "hours",
    "issued_at",
    "valid_from",
    "valid_until",
    "status",
    "status_reason",
    "status_changed_at",
)
STATUS_LABELS = dict(Certificate.Status.choices)


def certificate_header() -> list:
    return [
        _("Numéro"),
        _("Titulaire"),
        _("Organisme"),
        _("Département"),
        _("Programme"),
        _("Promotion"),
        _("Heures"),
        _("Délivré le"),
        _("Valide du"),
        _("Valide jusqu'au"),
        _("Statut"),
        _("Motif du statut"),
        _("Statut changé le"),
    ]


def certificate_rows(certificates: QuerySet, *, chunk_size: int = 2000) -> Iterator[tuple]:
    """One row per certificate of ``certificates``, read in chunks (one query per chunk)."""
    values = certificates.values_list(*FIELDS)
    for *head, status, reason, changed_at in values.iterator(chunk_size=chunk_size):
        yield (*head, STATUS_LABELS.get(status, status), reason, changed_at)
