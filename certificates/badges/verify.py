"""The checks of the public "vérifier un badge" page, run on a pasted or uploaded JWT.

``verify_credential`` never raises on what it is given: garbage, a foreign or tampered token, an
expired or revoked badge all give an invalid result whose checks say, in French, what failed. The
signature is checked against our published key only; once it holds, the certificate is found in our
registry (the ``statusListIndex`` is its primary key, and the credential id must be the one derived
from its verification id), and its status is read from the database and from the status lists.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates.badges import jws
from certificates.badges.credential import CREDENTIAL_TYPES, credential_id, parse_iso
from certificates.badges.issuer import issuer_id
from certificates.badges.keys import public_jwk
from certificates.badges.status_list import PURPOSES, bit_is_set, build_status_list_credential
from certificates.models import Certificate

MAX_TOKEN_BYTES = 64 * 1024
TOO_LARGE = gettext_lazy("Le texte dépasse 64 Ko : ce n'est pas un badge émis par cette plateforme.")
EMPTY = gettext_lazy("Le texte est vide : collez le badge (JWT) ou choisissez son fichier.")

# The signature steps, in the order verify_jws takes them, with the error code that stops each.
SIGNATURE_STEPS = (
    (jws.MALFORMED, gettext_lazy("Badge lisible (JWT compact)")),
    (jws.BAD_ALGORITHM, gettext_lazy("Algorithme de signature EdDSA (Ed25519)")),
    (jws.UNKNOWN_KEY, gettext_lazy("Clé publiée par l'URH")),
    (jws.BAD_SIGNATURE, gettext_lazy("Signature")),
)
STATUS_DETAILS = {
    Certificate.Status.SUSPENDED: gettext_lazy("Certificat suspendu"),
    Certificate.Status.REVOKED: gettext_lazy("Certificat révoqué"),
    Certificate.Status.EXPIRED: gettext_lazy("Certificat expiré"),
}


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    detail: str


@dataclass
class VerificationResult:
    valid: bool = False
    checks: list[Check] = field(default_factory=list)
    certificate: Certificate | None = None
    holder: str = ""
    programme: str = ""
    number: str = ""
    status: str = ""
    valid_from: datetime.datetime | None = None
    valid_until: datetime.datetime | None = None

    @property
    def reason(self) -> str:
        """The first failed check's explanation ("" when valid)."""
        return next((check.detail for check in self.checks if not check.ok), "")

    @property
    def malformed(self) -> bool:
        """Not even a readable JWT (or empty, or too large): the form says so next to the field."""
        return bool(self.checks) and not self.checks[0].ok

    def add(self, label, ok: bool, detail) -> bool:
        self.checks.append(Check(str(label), ok, str(detail)))
        return ok


def verify_credential(text: str) -> VerificationResult:
    result = VerificationResult()
    token = (text or "").strip()
    first_label = SIGNATURE_STEPS[0][1]
    if not token:
        result.add(first_label, False, EMPTY)
    elif len(token.encode("utf-8", "replace")) > MAX_TOKEN_BYTES:
        result.add(first_label, False, TOO_LARGE)
    else:
        payload = _check_signature(result, token)
        if payload is not None and _check_contents(result, payload):
            _check_dates(result, payload)
            _check_status(result)
    result.valid = bool(result.checks) and all(check.ok for check in result.checks)
    return result


def _check_signature(result: VerificationResult, token: str) -> dict | None:
    try:
        payload = jws.verify_jws(token, public_jwk())
    except jws.JWSError as error:
        for code, label in SIGNATURE_STEPS:
            if code == error.code:
                result.add(label, False, error.message)
                return None
            result.add(label, True, _("Vérifié."))
    for _code, label in SIGNATURE_STEPS:
        result.add(label, True, _("Vérifié."))
    return payload


def _status_index(payload: dict) -> int | None:
    entries = payload.get("credentialStatus")
    entries = entries if isinstance(entries, list) else [entries]
    indexes = {
        entry["statusListIndex"]
        for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get("statusListIndex"), str)
    }
    if len(indexes) != 1:
        return None
    index = indexes.pop()
    return int(index) if index.isascii() and index.isdigit() and len(index) < 19 else None


def _check_contents(result: VerificationResult, payload: dict) -> bool:
    """An Open Badge of ours, about a certificate of our registry."""
    issuer, types = payload.get("issuer"), payload.get("type")
    ours = (
        isinstance(types, list)
        and all(item in types for item in CREDENTIAL_TYPES)
        and isinstance(issuer, dict)
        and issuer.get("id") == issuer_id()
    )
    if not result.add(
        gettext_lazy("Open Badge 3.0 émis par l'URH"),
        ours,
        _("Émetteur : %(issuer)s.") % {"issuer": issuer_id()}
        if ours
        else _("Ce n'est pas un Open Badge 3.0 émis par l'URH Hauts-de-France."),
    ):
        return False
    index = _status_index(payload)
    certificate = Certificate.objects.filter(pk=index).first() if index is not None else None
    known = certificate is not None and payload.get("id") == credential_id(certificate)
    label = gettext_lazy("Certificat présent dans le registre de l'URH")
    if not known:
        return result.add(label, False, _("Aucun certificat de notre registre ne correspond à ce badge."))
    result.certificate = certificate
    result.holder, result.programme = certificate.holder_name, certificate.programme_title
    result.number, result.status = certificate.number, certificate.get_status_display()
    return result.add(label, True, _("Certificat n° %(number)s.") % {"number": certificate.number})


def _when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _check_dates(result: VerificationResult, payload: dict) -> None:
    now = timezone.now()
    result.valid_from = start = parse_iso(payload.get("validFrom"))
    result.valid_until = end = parse_iso(payload.get("validUntil"))
    if start is None or start > now:
        detail = (
            _("Le badge n'est valide qu'à partir du %(date)s.") % {"date": _when(start)}
            if start
            else _("Date de début de validité absente ou illisible.")
        )
        result.add(gettext_lazy("Période de validité commencée"), False, detail)
    else:
        result.add(gettext_lazy("Période de validité commencée"), True, _when(start))
    if end is None or end < now:
        detail = (
            _("Badge expiré : valide jusqu'au %(date)s.") % {"date": _when(end)}
            if end
            else _("Date de fin de validité absente ou illisible.")
        )
        result.add(gettext_lazy("Période de validité non dépassée"), False, detail)
    else:
        result.add(gettext_lazy("Période de validité non dépassée"), True, _when(end))


def _check_status(result: VerificationResult) -> None:
    certificate = result.certificate
    label = gettext_lazy("Statut du certificat dans le registre")
    if certificate.status == Certificate.Status.VALID:
        result.add(label, True, _("Certificat valide."))
    else:
        detail = str(STATUS_DETAILS[certificate.status])
        reason = certificate.status_reason
        result.add(label, False, f"{detail} : {reason}" if reason else f"{detail}.")
    flagged = [
        purpose
        for purpose in PURPOSES
        if bit_is_set(
            build_status_list_credential(purpose)["credentialSubject"]["encodedList"], certificate.pk
        )
    ]
    label = gettext_lazy("Listes de statut publiées (révocation, suspension)")
    if flagged:
        names = {"revocation": _("révoqué"), "suspension": _("suspendu")}
        listed = ", ".join(str(names[purpose]) for purpose in flagged)
        result.add(label, False, _("Inscrit comme %(status)s.") % {"status": listed})
    else:
        result.add(label, True, _("Ni révoqué ni suspendu."))
