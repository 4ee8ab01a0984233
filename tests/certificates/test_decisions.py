"""Decisions and issuance: who decides, what approval requires, one certificate, numbers, snapshots."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from certificates.models import Certificate, CertificateSequence, CertificationDecision, CertificationRule
from certificates.services import decisions
from certificates.services.issuance import format_number, take_number, validity_end
from lms.accounts import roles
from lms.audit.models import AuditEvent
from lms.errors import Conflict, LMSError, NotAllowed, NotFound
from tests.certificates.candidates import candidate, programme
from tests.factories import UserFactory, with_role

pytestmark = pytest.mark.django_db
APPROVED, REJECTED, DEFERRED = "approved", "rejected", "deferred"


@pytest.fixture
def p(tree):
    return programme(tree)


@pytest.fixture
def certifier():
    return with_role(UserFactory(first_name="Claire", last_name="Certif"), roles.CERTIFIER)


def _nothing_written():
    return (CertificationDecision.objects.count(), Certificate.objects.count())


def test_approving_an_eligible_candidate_issues_one_certificate(
    p, certifier, django_capture_on_commit_callbacks
):
    enrolment = candidate(p, learner__first_name="Léa", learner__last_name="Durand")
    with django_capture_on_commit_callbacks() as callbacks:
        decision = decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, acting_user=certifier)
    certificate = decision.certificate
    assert certificate.enrolment == enrolment and certificate.holder == enrolment.learner
    assert certificate.number == f"URH-HDF-{timezone.localdate().year}-000001"
    assert certificate.holder_name == "Léa Durand"
    assert certificate.holder_organisation == enrolment.learner.organisation.name
    assert certificate.holder_departement == enrolment.learner.organisation.departement
    assert certificate.programme_title == p.tree.programme.title
    assert certificate.hours == 21 and certificate.status == Certificate.Status.VALID
    assert certificate.valid_until == validity_end(certificate.valid_from, 3)
    assert decision.eligibility["eligible"] is True and decision.decided_by == certifier
    assert len(callbacks) == 1  # the rendering, enqueued on commit
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"certification.decided", "certificate.issued"} <= actions


def test_snapshots_do_not_follow_later_edits(p, certifier):
    enrolment = candidate(p, learner__first_name="Léa", learner__last_name="Durand")
    decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, acting_user=certifier)
    learner = enrolment.learner
    learner.last_name = "Martin"
    learner.save()
    p.tree.programme.title = "Nouveau titre"
    p.tree.programme.save()
    certificate = Certificate.objects.get()
    assert certificate.holder_name == "Léa Durand"
    assert certificate.programme_title != "Nouveau titre"


def test_verification_ids_are_long_random_and_distinct(p, certifier):
    ids = set()
    for _ in range(3):
        decisions.decide(enrolment_id=candidate(p).pk, outcome=APPROVED, acting_user=certifier)
    for certificate in Certificate.objects.all():
        assert len(certificate.verification_id) >= 32  # 24 random bytes: 192 bits
        ids.add(certificate.verification_id)
    assert len(ids) == 3
    assert sorted(Certificate.objects.values_list("number", flat=True))[-1].endswith("-000003")


def test_a_non_eligible_candidate_cannot_be_approved(p, certifier):
    enrolment = candidate(p, attended=1)
    with pytest.raises(LMSError, match="n'est pas éligible : il lui manque une assiduité"):
        decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, acting_user=certifier)
    assert _nothing_written() == (0, 0)


def test_a_reserved_opinion_needs_an_explicit_override_with_a_motive(p, certifier):
    enrolment = candidate(p, opinion="reserved")
    with pytest.raises(LMSError, match="avis du formateur est réservé"):
        decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, acting_user=certifier)
    with pytest.raises(LMSError, match="demande un motif"):
        decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, override=True, acting_user=certifier)
    assert _nothing_written() == (0, 0)
    decision = decisions.decide(
        enrolment_id=enrolment.pk,
        outcome=APPROVED,
        override=True,
        motive="Entretien complémentaire concluant.",
        acting_user=certifier,
    )
    assert decision.override and decision.certificate.pk


def test_an_unfavourable_opinion_cannot_be_overridden(p, certifier):
    enrolment = candidate(p, opinion="unfavourable")
    with pytest.raises(LMSError, match="pas éligible"):
        decisions.decide(
            enrolment_id=enrolment.pk, outcome=APPROVED, override=True, motive="Motif.", acting_user=certifier
        )
    assert _nothing_written() == (0, 0)


@pytest.mark.parametrize("outcome", [REJECTED, DEFERRED])
def test_reject_and_defer_need_a_motive_and_issue_nothing(p, certifier, outcome):
    enrolment = candidate(p, attended=1)
    with pytest.raises(LMSError, match="motif"):
        decisions.decide(enrolment_id=enrolment.pk, outcome=outcome, motive="  ", acting_user=certifier)
    decision = decisions.decide(
        enrolment_id=enrolment.pk, outcome=outcome, motive="Assiduité.", acting_user=certifier
    )
    assert decision.outcome == outcome and not Certificate.objects.exists()


def test_deciding_twice_is_refused_and_writes_nothing(p, certifier):
    enrolment = candidate(p)
    decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, acting_user=certifier)
    before = _nothing_written()
    for outcome, motive in ((APPROVED, ""), (REJECTED, "Erreur.")):
        with pytest.raises(Conflict, match="décision définitive a déjà été prise"):
            decisions.decide(enrolment_id=enrolment.pk, outcome=outcome, motive=motive, acting_user=certifier)
    assert _nothing_written() == before


def test_a_deferral_can_be_followed_by_an_approval(p, certifier):
    enrolment = candidate(p)
    decisions.decide(
        enrolment_id=enrolment.pk, outcome=DEFERRED, motive="Pièce manquante.", acting_user=certifier
    )
    decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, acting_user=certifier)
    assert list(enrolment.certification_decisions.values_list("outcome", flat=True)) == [DEFERRED, APPROVED]


@pytest.mark.parametrize(
    ("outcome", "motive", "override", "message"),
    [
        ("certifie", "", False, "Décision inconnue"),
        (DEFERRED, "x" * 2001, False, "trop long"),
        (REJECTED, "Motif.", True, "ne concerne qu'une certification"),
    ],
)
def test_bad_input_gets_a_french_message(p, certifier, outcome, motive, override, message):
    enrolment = candidate(p)
    with pytest.raises(LMSError, match=message):
        decisions.decide(
            enrolment_id=enrolment.pk,
            outcome=outcome,
            motive=motive,
            override=override,
            acting_user=certifier,
        )
    assert _nothing_written() == (0, 0)


def test_unknown_enrolment_is_not_found(certifier):
    with pytest.raises(NotFound):
        decisions.decide(enrolment_id=987654, outcome=APPROVED, acting_user=certifier)


def test_separation_of_duties(p):
    enrolment = candidate(p)
    manager = with_role(UserFactory(), roles.MANAGER)
    trainer = p.trainer
    for person in (manager, trainer, enrolment.learner):
        with pytest.raises(NotAllowed):
            decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, acting_user=person)
    with override_settings(CERTIFICATION_SEPARATION_OF_DUTIES=False):
        decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, acting_user=manager)
    assert Certificate.objects.count() == 1


def test_nobody_certifies_themselves(p, certifier):
    enrolment = candidate(p, learner=certifier)
    with pytest.raises(NotAllowed, match="propre certification"):
        decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, acting_user=certifier)


def test_a_withdrawn_enrolment_is_not_decided(p, certifier):
    enrolment = candidate(p)
    enrolment.status = enrolment.Status.WITHDRAWN
    enrolment.save()
    with pytest.raises(LMSError, match="pas en cours"):
        decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, acting_user=certifier)


def test_bulk_approval_certifies_the_eligible_and_lists_the_others(p, certifier):
    eligible = [candidate(p) for _ in range(2)]
    reserved = candidate(p, opinion="reserved")
    missing = candidate(p, attended=0)
    ids = [e.pk for e in eligible] + [reserved.pk, missing.pk, eligible[0].pk]
    result = decisions.approve_many(enrolment_ids=ids, acting_user=certifier)
    assert result.approved == tuple(e.pk for e in eligible)
    assert [enrolment_id for enrolment_id, _reason in result.refused] == [reserved.pk, missing.pk]
    assert "réservé" in result.refused[0][1] and "assiduité" in result.refused[1][1]
    assert Certificate.objects.count() == 2


def test_numbers_follow_a_sequence_per_year():
    assert [take_number(2026), take_number(2026), take_number(2027)] == [1, 2, 1]
    assert CertificateSequence.objects.get(year=2026).last == 2
    assert format_number(2026, 42) == "URH-HDF-2026-000042"


def test_validity_ends_on_the_eve_of_the_anniversary():
    assert validity_end(datetime.date(2026, 3, 5), 3) == datetime.date(2029, 3, 4)
    assert validity_end(datetime.date(2028, 2, 29), 1) == datetime.date(2029, 2, 27)


def test_a_later_cohort_renews_the_previous_certificate(tree, certifier):
    first = programme(tree)
    enrolment = candidate(first)
    old = decisions.decide(enrolment_id=enrolment.pk, outcome=APPROVED, acting_user=certifier).certificate
    # The learner passed the quiz in the first cohort: the renewal's rule asks for the rest.
    CertificationRule.objects.create(programme=tree.programme, require_all_modules=False, min_quiz_score=None)
    later = programme(tree, quiz=first.quiz)
    again = candidate(later, learner=enrolment.learner, quiz=None)
    new = decisions.decide(enrolment_id=again.pk, outcome=APPROVED, acting_user=certifier).certificate
    assert new.previous == old and old.renewal == new
    assert new.number != old.number
