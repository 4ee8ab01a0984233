"""Reads of the certificate registry (staff): the filtered list, its filter choices, one certificate.

The list reads only the certificate rows: what a certificate says is in its snapshots (holder,
organisation, programme, cohort), so the registry needs no join and keeps one query per page
whatever its size.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from certificates.models import Certificate, CertificateDocument, CertificateStatusChange

# A search is split on spaces; each word must match. A cap keeps the SQL small whatever is typed.
MAX_SEARCH_WORDS = 5
LIST_FIELDS = (
    "id",
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
    "holder_erased",
)


@dataclass(frozen=True)
class RegistryFilters:
    search: str = ""
    organisation: str = ""
    status: str = ""
    year: int | None = None


def registry_certificates(*, filters: RegistryFilters) -> QuerySet:
    """The certificates matching ``filters``, newest first (only the snapshot columns)."""
    certificates = Certificate.objects.only(*LIST_FIELDS).order_by("-issued_at", "-pk")
    for word in filters.search.split()[:MAX_SEARCH_WORDS]:
        certificates = certificates.filter(Q(number__icontains=word) | Q(holder_name__icontains=word))
    if filters.organisation:
        certificates = certificates.filter(holder_organisation=filters.organisation)
    if filters.status:
        certificates = certificates.filter(status=filters.status)
    if filters.year is not None:
        certificates = certificates.filter(year=filters.year)
    return certificates


def registry_organisations() -> list[str]:
    """The organisations named on certificates, for the filter (1 query)."""
    names = (
        Certificate.objects.exclude(holder_organisation="")
        .order_by("holder_organisation")
        .values_list("holder_organisation", flat=True)
        .distinct()
    )
    return list(names)


def registry_years() -> list[int]:
    """The years certificates were issued in, newest first (1 query)."""
    return list(Certificate.objects.order_by("-year").values_list("year", flat=True).distinct())


def certificate_detail(certificate_id: int) -> Certificate | None:
    """A certificate with its decision, status history and PDF versions (3 queries)."""
    changes = CertificateStatusChange.objects.select_related("changed_by").order_by("changed_at", "pk")
    documents = CertificateDocument.objects.order_by("-version")
    return (
        Certificate.objects.select_related(
            "holder", "enrolment__cohort", "decision__decided_by", "previous", "renewal"
        )
        .prefetch_related(
            Prefetch("status_changes", queryset=changes), Prefetch("documents", queryset=documents)
        )
        .filter(pk=certificate_id)
        .first()
    )
