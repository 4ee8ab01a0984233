"""The frozen data a certificate PDF is drawn from: no model, no query, so it renders anywhere."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from certificates.links import verification_url


@dataclass(frozen=True)
class CertificateData:
    number: str
    version: int
    holder_name: str
    holder_organisation: str
    programme_title: str
    hours: Decimal
    issued_on: datetime.date
    valid_from: datetime.date
    valid_until: datetime.date
    signatory_name: str
    signatory_role: str
    verification_url: str
    demo_signature: bool

    @classmethod
    def from_certificate(cls, certificate, *, demo_signature: bool) -> "CertificateData":
        """The snapshots of ``certificate`` for its current PDF version."""
        return cls(
            number=certificate.number,
            version=certificate.pdf_version,
            holder_name=certificate.holder_name,
            holder_organisation=certificate.holder_organisation,
            programme_title=certificate.programme_title,
            hours=certificate.hours,
            issued_on=timezone.localdate(certificate.issued_at),
            valid_from=certificate.valid_from,
            valid_until=certificate.valid_until,
            signatory_name=certificate.signatory_name,
            signatory_role=certificate.signatory_role,
            verification_url=verification_url(certificate.verification_id),
            demo_signature=demo_signature,
        )
