"""Demo certification: Léa Durand, who finished the demo cohort's journey, is certified.

Loaded by ``load_demo`` last, after the cohort, the quizzes, the registers and the trainer's opinions:
the certification rule of the programme is written if missing (the default, strict rule), then the
demo certifier approves Léa through ``certificates.services.decisions.decide``, exactly as on the
review page (eligibility recomputed, decision recorded, certificate numbered). Should the demo data
ever leave her not eligible, loading the demo fails with the service's French reason: the demo never
certifies around the rules. The demo learner (Camille, apprenant@example.org) stays in progress:
other demo pages rely on it.

The PDF is rendered when ``load_demo``'s transaction commits (the task runs in the process when no
broker is configured), signed with the demo key (``manage.py ensure_signing_keys``, run here).
Running the loader again adds nothing.
"""

from collections.abc import Iterator

from django.core.management import call_command

from certificates.links import verification_url
from certificates.models import Certificate, CertificationDecision, CertificationRule
from certificates.services.decisions import decide

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
    call_command("ensure_signing_keys", verbosity=0)
    decision = decide(
        enrolment_id=enrolment.pk, outcome=CertificationDecision.Outcome.APPROVED, acting_user=certifier
    )
    certificate = decision.certificate
    yield (
        f"certificat de démonstration délivré : {certificate.number} ({CERTIFIED_EMAIL}), "
        f"vérifiable sur {verification_url(certificate.verification_id)}"
    )
