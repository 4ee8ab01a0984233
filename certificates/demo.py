"""Demo certification: Léa Durand, who finished the demo cohort's journey, is certified.

Loaded by ``load_demo`` last, after the cohort, the quizzes, the registers and the trainer's opinions:
the certification rule of the programme is written if missing (the default, strict rule), then the
demo certifier approves Léa through ``certificates.services.decisions.decide``, exactly as on the
review page (eligibility recomputed, decision recorded, certificate numbered). Should the demo data
ever leave her not eligible, the decision is recorded directly and the certificate issued through
``issue_certificate``, so that the demo always holds one certificate that verifies. The demo
learner (Camille, apprenant@example.org) stays in progress: other demo pages rely on it.

The PDF is rendered when ``load_demo``'s transaction commits (the task runs in the process when no
broker is configured), signed with the demo key (``manage.py ensure_signing_keys`` creates it; the
signing creates it on first use otherwise). Running the loader again adds nothing.
"""

from collections.abc import Iterator

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from certificates.models import Certificate, CertificationDecision, CertificationRule
from certificates.services.decisions import decide
from certificates.services.issuance import issue_certificate
from lms.errors import LMSError

CERTIFIED_EMAIL = "lea.durand@example.org"
CERTIFIER_EMAIL = "certificateur@example.org"


def load(*, password: str) -> Iterator[str]:
    from courses.demo import COHORT_NAME
    from courses.models import Enrolment
    from lms.accounts.models import User

    enrolment = (
        Enrolment.objects.select_related("cohort__programme", "learner")
        .filter(cohort__name=COHORT_NAME, learner__email=CERTIFIED_EMAIL)
        .first()
    )
    certifier = User.objects.filter(email=CERTIFIER_EMAIL).first()
    if enrolment is None or certifier is None:
        return
    _rule, created = CertificationRule.objects.get_or_create(programme=enrolment.cohort.programme)
    if created:
        yield f"règle de certification enregistrée : {enrolment.cohort.programme.title}"
    certificate = Certificate.objects.filter(enrolment=enrolment).first()
    if certificate is not None:
        yield f"certificat de démonstration déjà délivré : {certificate.number} ({CERTIFIED_EMAIL})"
        return
    yield from _signing_keys()
    certificate = _certify(enrolment, certifier)
    yield (
        f"certificat de démonstration délivré : {certificate.number} ({CERTIFIED_EMAIL}), "
        f"vérifiable sur {_verification_url(certificate)}"
    )


def _signing_keys() -> Iterator[str]:
    try:
        call_command("ensure_signing_keys", verbosity=0)
    except CommandError:  # the command is not there: the first signature creates the demo pair
        return
    yield "clés de signature de démonstration prêtes"


def _certify(enrolment, certifier) -> Certificate:
    try:
        decide(
            enrolment_id=enrolment.pk, outcome=CertificationDecision.Outcome.APPROVED, acting_user=certifier
        )
    except LMSError:
        # Not eligible on today's demo data: record the approval as the review page would have, and
        # issue the certificate through the real service.
        decision = CertificationDecision.objects.create(
            enrolment=enrolment,
            outcome=CertificationDecision.Outcome.APPROVED,
            override=False,
            decided_by=certifier,
            decided_at=timezone.now(),
        )
        issue_certificate(decision=decision, acting_user=certifier)
    return Certificate.objects.get(enrolment=enrolment)


def _verification_url(certificate: Certificate) -> str:
    from certificates.links import verification_url

    return verification_url(certificate.verification_id)
