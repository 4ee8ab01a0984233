"""Reads of the public pages (verification, directory) and of the holder's own certificates.

What the public sees of a certificate is ``PublicCertificate``: the issuer, the holder's name as
printed (initials once erased), the organisation, the programme, the dates, the number and the status
*as of today*. A certificate whose ``valid_until`` has passed reads « expiré » even before the nightly
task records it. Nothing else leaves: no e-mail, no account id, no enrolment, no decision.

Lookups are by verification id only, exact and case-sensitive: numbers follow a sequence and are
never looked up publicly.
"""

import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Exists
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessments.pdf import ORGANISER
from certificates.links import verification_url
from certificates.models import (
    Certificate,
    CertificationDecision,
    current_document_subquery,
)
from certificates.selectors.eligibility import Eligibility, enrolment_eligibility

Status = Certificate.Status
ISSUER = ORGANISER
# What ``new_verification_id`` gives (32 URL-safe characters), with room for longer ids; anything
# else cannot be a verification id and is answered without a query.
VERIFICATION_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class PublicCertificate:
    number: str
    holder: str
    organisation: str
    programme: str
    issued_on: datetime.date
    valid_from: datetime.date
    valid_until: datetime.date
    status: str  # as displayed today (``displayed_status``)
    status_label: str
    reason: str  # why it is not valid; empty when valid
    verification_url: str
    issuer: str = ISSUER

    @property
    def is_valid(self) -> bool:
        return self.status == Status.VALID

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "holder": self.holder,
            "organisation": self.organisation,
            "programme": self.programme,
            "issued_on": self.issued_on.isoformat(),
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "status": self.status,
            "status_label": self.status_label,
            "reason": self.reason,
            "verification_url": self.verification_url,
            "issuer": self.issuer,
        }


def displayed_status(certificate: Certificate, *, today: datetime.date | None = None) -> tuple[str, str]:
    """(status, reason) as of ``today``: a valid or suspended certificate past its ``valid_until`` is
    expired, whether or not the nightly task has recorded it yet; a revoked one stays revoked."""
    today = today or timezone.localdate()
    status = certificate.status
    if status in (Status.VALID, Status.SUSPENDED) and certificate.valid_until < today:
        status = Status.EXPIRED
    if status == Status.VALID:
        return status, ""
    if status == Status.EXPIRED and (certificate.status != Status.EXPIRED or not certificate.status_reason):
        return status, _("Sa période de validité s'est terminée le %(date)s.") % {
            "date": date_format(certificate.valid_until, "j F Y")
        }
    return status, certificate.status_reason


def public_view(certificate: Certificate, *, today: datetime.date | None = None) -> PublicCertificate:
    status, reason = displayed_status(certificate, today=today)
    return PublicCertificate(
        number=certificate.number,
        holder=certificate.holder_name,
        organisation=certificate.holder_organisation,
        programme=certificate.programme_title,
        issued_on=timezone.localdate(certificate.issued_at),
        valid_from=certificate.valid_from,
        valid_until=certificate.valid_until,
        status=status,
        status_label=str(Status(status).label),
        reason=reason,
        verification_url=verification_url(certificate.verification_id),
    )


def is_well_formed(verification_id: str) -> bool:
    return bool(VERIFICATION_ID.fullmatch(verification_id or ""))


def certificate_to_verify(verification_id: str) -> PublicCertificate | None:
    """The public view of the certificate with this exact verification id; None for anything else
    (unknown, malformed). At most 1 query, none for a malformed id."""
    if not is_well_formed(verification_id):
        return None
    certificate = Certificate.objects.filter(verification_id=verification_id).only(*PUBLIC_FIELDS).first()
    if certificate is None or certificate.verification_id != verification_id:  # case-insensitive DBs
        return None
    return public_view(certificate)


PUBLIC_FIELDS = (
    "number",
    "verification_id",
    "holder_name",
    "holder_organisation",
    "programme_title",
    "issued_at",
    "valid_from",
    "valid_until",
    "status",
    "status_reason",
)


def known_verification_ids(candidates: Iterable[str]) -> set[str]:
    """Which of ``candidates`` are verification ids of a certificate (one query per 500 well-formed
    candidates): for checking lists of ids at once, and for the test that guessing finds nothing."""
    found: set[str] = set()
    for chunk in _chunks(sorted({c for c in candidates if is_well_formed(c)}), LOOKUP_CHUNK):
        found.update(
            Certificate.objects.filter(verification_id__in=chunk).values_list("verification_id", flat=True)
        )
    return found & set(candidates)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- The public directory ----------------------------------------------------------------------------------


def directory_queryset(*, departement: str = "", today: datetime.date | None = None):
    """Holders who chose to be listed, with a certificate valid today and not erased, by name. Rows are
    dicts of the public fields only (no id of the person)."""
    today = today or timezone.localdate()
    listed = Certificate.objects.filter(
        listed_in_directory=True, holder_erased=False, status=Status.VALID, valid_until__gte=today
    )
    if departement:
        listed = listed.filter(holder_departement=departement)
    return listed.order_by("holder_name", "number").values(
        "holder_name", "holder_organisation", "holder_departement", "programme_title", "valid_until"
    )


def directory_departements(*, today: datetime.date | None = None) -> list[str]:
    """The départements present in the directory, for its filter (1 query)."""
    return sorted(
        set(
            directory_queryset(today=today)
            .exclude(holder_departement="")
            .order_by()
            .values_list("holder_departement", flat=True)
            .distinct()
        )
    )


# --- The holder's own certificates ------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldCertificate:
    certificate: Certificate
    view: PublicCertificate
    has_pdf: bool


def held_certificates(*, user) -> list[HeldCertificate]:
    """``user``'s certificates, most recent first, with whether their current PDF is ready (1 query)."""
    certificates = Certificate.objects.filter(holder=user).annotate(
        pdf_ready=Exists(current_document_subquery())
    )
    return [HeldCertificate(c, public_view(c), c.pdf_ready) for c in certificates]


def held_certificate(*, user, certificate_id: int) -> Certificate | None:
    """``user``'s certificate with this id; None when it is someone else's or unknown."""
    return Certificate.objects.filter(pk=certificate_id, holder=user).first()


# --- « Mon parcours » ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class JourneyCertification:
    """Where one enrolment stands towards the certificate, for « Mon parcours »."""

    certificate: Certificate | None = None
    refused: bool = False
    eligibility: Eligibility | None = None

    @property
    def status(self) -> str:
        return displayed_status(self.certificate)[0] if self.certificate else ""

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label) if self.certificate else ""


def journeys_certification(*, enrolments) -> dict[int, JourneyCertification]:
    """{enrolment id: JourneyCertification} for the learner's enrolments (``cohort.programme``
    loaded): 2 queries, plus the eligibility of each enrolment neither certified nor refused (about
    ten queries each, ``enrolment_eligibility``)."""
    ids = [enrolment.pk for enrolment in enrolments]
    if not ids:
        return {}
    certificates = {c.enrolment_id: c for c in Certificate.objects.filter(enrolment_id__in=ids)}
    refused = set(
        CertificationDecision.objects.filter(
            enrolment_id__in=ids, outcome=CertificationDecision.Outcome.REJECTED
        ).values_list("enrolment_id", flat=True)
    )
    result = {}
    for enrolment in enrolments:
        if enrolment.pk in certificates:
            result[enrolment.pk] = JourneyCertification(certificate=certificates[enrolment.pk])
        elif enrolment.pk in refused:
            result[enrolment.pk] = JourneyCertification(refused=True)
        else:
            result[enrolment.pk] = JourneyCertification(
                eligibility=enrolment_eligibility(enrolment=enrolment)
            )
    return result
