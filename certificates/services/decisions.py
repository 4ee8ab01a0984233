"""Certification decisions: approve (which issues the certificate), reject or defer, with a motive.

Rules:

- only a person allowed by ``certificates.permissions.user_can_decide_certification`` decides, and the
  views reach this service only behind the second factor (``/gestion/`` is a staff prefix);
- eligibility is recomputed inside the transaction, on the locked enrolment: what the certifier saw
  may have changed since;
- approving a candidate who is not eligible is refused, except when the only missing point is a
  « réservé » trainer opinion and the certifier overrides it explicitly, with a motive;
- reject and defer need a motive; an enrolment has one final decision (approve or reject): a second
  one, from a double click or a second certifier at the same moment, is refused with a clear message
  and writes nothing (the enrolment row lock serialises them; the partial unique constraint backs it).
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates.models import CertificationDecision
from certificates.permissions import user_can_decide_certification
from certificates.selectors.eligibility import Eligibility, enrolment_eligibility
from certificates.services.issuance import issue_certificate
from courses.models import Enrolment
from lms.audit.services import Action, record
from lms.errors import Conflict, LMSError, NotAllowed, NotFound

Outcome = CertificationDecision.Outcome
MOTIVE_MAX = 2000
# Also shown by the decision form, next to its fields.
MOTIVE_NEEDED = gettext_lazy("Indiquez le motif du refus ou de l'ajournement.")
OVERRIDE_NEEDS_MOTIVE = gettext_lazy("Passer outre un avis réservé demande un motif.")
OVERRIDE_ONLY_TO_CERTIFY = gettext_lazy("Le dépassement d'un avis réservé ne concerne qu'une certification.")
DECIDABLE_STATUSES = (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)


@dataclass(frozen=True)
class BulkResult:
    approved: tuple[int, ...]  # enrolment ids certified
    refused: tuple[tuple[int, str], ...]  # (enrolment id, French reason) left undecided


def decide(
    *, enrolment_id: int, outcome: str, motive: str = "", override: bool = False, acting_user
) -> CertificationDecision:
    """Record one decision (and issue the certificate on approval). Raises ``LMSError`` subclasses
    with a French message; nothing is written when it raises."""
    if not user_can_decide_certification(acting_user):
        raise NotAllowed(
            _("Seul un certificateur ou une certificatrice URH peut décider d'une certification.")
        )
    outcome, motive = _checked(outcome, motive, override)
    try:
        with transaction.atomic():
            return _decide_locked(enrolment_id, outcome, motive, override, acting_user)
    except IntegrityError as error:  # a final decision committed between our check and our insert
        raise Conflict(_("Une décision définitive a déjà été prise pour cette personne.")) from error


def approve_many(*, enrolment_ids: list[int], acting_user) -> BulkResult:
    """Bulk approval of a selection: each eligible candidate is certified in its own transaction; the
    others (not eligible, « réservé » needing an individual override, already decided) are listed with
    their reason. Overrides are never given in bulk."""
    if not user_can_decide_certification(acting_user):
        raise NotAllowed(
            _("Seul un certificateur ou une certificatrice URH peut décider d'une certification.")
        )
    approved, refused = [], []
    for enrolment_id in dict.fromkeys(enrolment_ids):
        try:
            decide(enrolment_id=enrolment_id, outcome=Outcome.APPROVED, acting_user=acting_user)
        except LMSError as error:
            refused.append((enrolment_id, str(error.message)))
        else:
            approved.append(enrolment_id)
    return BulkResult(approved=tuple(approved), refused=tuple(refused))


def _checked(outcome: str, motive: str, override: bool) -> tuple[str, str]:
    if outcome not in Outcome.values:
        raise LMSError(_("Décision inconnue : choisissez certifier, refuser ou ajourner."))
    motive = (motive or "").strip()
    if len(motive) > MOTIVE_MAX:
        raise LMSError(_("Le motif est trop long (%(max)s caractères au plus).") % {"max": MOTIVE_MAX})
    if outcome != Outcome.APPROVED and not motive:
        raise LMSError(MOTIVE_NEEDED)
    if override and not motive:
        raise LMSError(OVERRIDE_NEEDS_MOTIVE)
    if override and outcome != Outcome.APPROVED:
        raise LMSError(OVERRIDE_ONLY_TO_CERTIFY)
    return outcome, motive


def _decide_locked(enrolment_id, outcome, motive, override, acting_user) -> CertificationDecision:
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort__programme", "learner__organisation")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        raise NotFound(_("Inscription introuvable."))
    if enrolment.learner_id == acting_user.pk:
        raise NotAllowed(_("Vous ne pouvez pas décider de votre propre certification."))
    if enrolment.status not in DECIDABLE_STATUSES:
        raise LMSError(_("Cette inscription n'est pas en cours : aucune décision n'est possible."))
    final = enrolment.certification_decisions.filter(outcome__in=CertificationDecision.FINAL).first()
    if final is not None:
        raise Conflict(
            _("Une décision définitive a déjà été prise pour cette personne (%(outcome)s le %(date)s).")
            % {
                "outcome": final.get_outcome_display(),
                "date": timezone.localtime(final.decided_at).strftime("%d/%m/%Y"),
            }
        )
    eligibility = enrolment_eligibility(enrolment=enrolment)
    if outcome == Outcome.APPROVED:
        _check_approvable(eligibility, override)
    decision = CertificationDecision.objects.create(
        enrolment=enrolment,
        outcome=outcome,
        motive=motive,
        override=override and eligibility.needs_override,
        eligibility=eligibility.as_dict(),
        decided_by=acting_user,
        decided_at=timezone.now(),
    )
    record(
        actor=acting_user,
        action=Action.CERTIFICATION_DECIDED,
        obj=enrolment,
        after={"outcome": outcome, "motive": motive, "override": decision.override},
        obj_repr=str(enrolment.learner.get_full_name() or enrolment.learner.email),
    )
    if outcome == Outcome.APPROVED:
        issue_certificate(decision=decision, acting_user=acting_user)
    return decision


def _check_approvable(eligibility: Eligibility, override: bool) -> None:
    if eligibility.eligible:
        return
    if eligibility.needs_override:
        if override:
            return
        raise LMSError(
            _(
                "L'avis du formateur est réservé : pour certifier malgré tout, cochez « passer outre "
                "l'avis réservé » et indiquez votre motif."
            )
        )
    missing = " ; ".join(check.missing for check in eligibility.reasons)
    raise LMSError(_("Cette personne n'est pas éligible : il lui manque %(missing)s.") % {"missing": missing})
