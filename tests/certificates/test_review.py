"""The certification review pages: who sees them, what the queue shows, the decision form's bad input,
double submission, the bulk approval with mixed candidates, and the queue's query budget.

Candidates are built through the real services (``tests/certificates/candidates.py``): a complete
candidate is eligible; ``opinion="reserved"`` leaves only the overridable opinion missing.
"""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Criterion, Rubric
from assessments.services.rubrics import publish_evaluation, save_evaluation
from certificates.models import Certificate, CertificationDecision
from lms.accounts import roles
from lms.audit.models import AuditEvent
from tests.certificates.candidates import candidate, programme
from tests.factories import CohortFactory, EnrolmentFactory, UserFactory, with_role
from tests.factories.certificates import issued_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(tree):
    return programme(tree, sessions=2)


@pytest.fixture
def certifier():
    return with_role(UserFactory(first_name="Claire", last_name="Certif"), roles.CERTIFIER)


@pytest.fixture
def as_certifier(client, certifier) -> Client:
    client.force_login(certifier)
    return client


def queue_url(cohort) -> str:
    return reverse("certificates:cohort-review", args=[cohort.pk])


def decision_url(enrolment) -> str:
    return reverse("certificates:decision", args=[enrolment.pk])


def bulk_url(cohort) -> str:
    return reverse("certificates:bulk-approve", args=[cohort.pk])


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def scored(p, enrolment, *, level: int = 3):
    """A published practical evaluation of ``enrolment`` on a one-criterion rubric (0..4)."""
    rubric = Rubric.objects.get_or_create(programme=p.tree.programme, title="Étude de cas", scale_max=4)[0]
    criterion = Criterion.objects.get_or_create(
        rubric=rubric, label="Analyse", defaults={"weight": 1, "descriptors": "0\n1\n2\n3\n4"}
    )[0]
    evaluation = save_evaluation(
        enrolment=enrolment,
        rubric=rubric,
        session=None,
        scores={criterion.pk: (level, "")},
        comment="",
        acting_user=p.trainer,
    )
    publish_evaluation(evaluation=evaluation, acting_user=p.trainer)


def fresh_cohort(p) -> None:
    """Point ``p`` at a new cohort of the same programme, with its trainer and closed half-days."""
    cohort = CohortFactory(programme=p.tree.programme)
    cohort.trainers.add(p.trainer)
    sessions = []
    for session in p.sessions:
        session.pk = None
        session.cohort = cohort
        session.save()
        sessions.append(session)
    p.cohort, p.sessions = cohort, sessions


# --- Who may see and decide ------------------------------------------------------------------------------


def _staff(role):
    return with_role(UserFactory(is_staff=role != roles.TRAINER), role)


@pytest.mark.parametrize(
    ("role", "expected"),
    [(roles.LEARNER, 403), (roles.TRAINER, 403), (roles.CERTIFIER, 200), (roles.MANAGER, 200)],
)
def test_review_pages_are_for_certifiers_and_managers(client, p, role, expected):
    enrolment = candidate(p)
    user = _staff(role)
    if role == roles.TRAINER:
        p.cohort.trainers.add(user)  # even the cohort's own trainer
    client.force_login(user)
    for url in (reverse("certificates:review"), queue_url(p.cohort), decision_url(enrolment)):
        assert client.get(url).status_code == expected, url


def test_anonymous_people_go_to_the_login_page(client, p):
    response = client.get(queue_url(p.cohort))
    assert response.status_code == 302
    assert response["Location"].startswith("/connexion/")


def test_a_role_without_access_gets_403_even_for_an_unknown_object(client):
    client.force_login(_staff(roles.TRAINER))
    assert client.get(reverse("certificates:cohort-review", args=[999999])).status_code == 403
    assert client.get(reverse("certificates:decision", args=[999999])).status_code == 403


def test_unknown_cohort_and_enrolment_are_404_for_a_certifier(as_certifier):
    assert as_certifier.get(reverse("certificates:cohort-review", args=[999999])).status_code == 404
    assert as_certifier.get(reverse("certificates:decision", args=[999999])).status_code == 404
    assert as_certifier.post(reverse("certificates:bulk-approve", args=[999999])).status_code == 404


def test_managers_read_but_do_not_decide_under_separation_of_duties(client, p, manager):
    enrolment = candidate(p)
    client.force_login(manager)

    queue = client.get(queue_url(p.cohort)).content.decode()
    page = client.get(decision_url(enrolment)).content.decode()
    posted = client.post(decision_url(enrolment), {"outcome": "approved"})
    bulk = client.post(bulk_url(p.cohort), {"enrolments": [enrolment.pk]})

    assert 'name="enrolments"' not in queue
    assert "seul un certificateur" in queue.lower()
    assert 'name="outcome"' not in page
    assert (posted.status_code, bulk.status_code) == (403, 403)
    assert not CertificationDecision.objects.exists()


def test_managers_decide_when_separation_of_duties_is_off(client, p, manager, settings):
    settings.CERTIFICATION_SEPARATION_OF_DUTIES = False
    enrolment = candidate(p)
    client.force_login(manager)
    assert 'name="outcome"' in client.get(decision_url(enrolment)).content.decode()
    response = client.post(decision_url(enrolment), {"outcome": "approved"})
    assert response.status_code == 302
    assert Certificate.objects.filter(enrolment=enrolment).exists()


# --- What the queue shows --------------------------------------------------------------------------------


def test_the_queue_shows_each_candidates_evidence_and_decision(as_certifier, p, certifier):
    ready = candidate(p, learner__last_name="Arnaud", learner__first_name="Ada")
    scored(p, ready)
    reserved = candidate(p, learner__last_name="Bernard", opinion="reserved")
    absent = candidate(p, learner__last_name="Cazin", attended=1, quiz=None)
    certified = candidate(p, learner__last_name="Dupont")
    certificate = issued_certificate(certified, certifier=certifier)
    # An invited person is not a candidate.
    candidate(
        p, learner__last_name="Invitée", status="invited", lessons=False, quiz=None, attended=0, opinion=None
    )

    response = as_certifier.get(queue_url(p.cohort))

    assert response.status_code == 200
    queue = response.context["queue"]
    assert [c.last_name for c in queue.candidates] == ["Arnaud", "Bernard", "Cazin", "Dupont"]
    assert (queue.total, queue.eligible, queue.decided) == (4, 2, 1)
    html = response.content.decode()
    assert ready.learner.organisation.name in html
    assert "2 sur 2" in html  # modules completed
    assert "100&nbsp;%" in html  # attendance
    assert "50&nbsp;%" in html  # Cazin: 1 half-day of 2
    assert "Étude de cas (épreuve pratique) : 75&nbsp;%" in html  # level 3 of 4
    assert "Avis motivé." in html and "réservé" in html
    assert "Avis réservé : certifiable avec un motif" in html
    assert "Assiduité d&#x27;au moins 80 %" in html  # Cazin's reason
    assert certificate.number in html
    # Only strictly eligible, undecided candidates can be ticked for the bulk approval.
    assert f'value="{ready.pk}"' in html
    for other in (reserved, absent, certified):
        assert f'value="{other.pk}"' not in html
    assert f'<label for="enrolment-{ready.pk}"' in html


@pytest.mark.parametrize(
    ("show", "expected"),
    [("all", ["A", "B", "C", "D"]), ("pending", ["A", "B", "C"]), ("eligible", ["A", "B"])],
)
def test_the_queue_filters_pending_and_eligible(as_certifier, p, certifier, show, expected):
    candidate(p, learner__last_name="A")
    candidate(p, learner__last_name="B", opinion="reserved")
    candidate(p, learner__last_name="C", lessons=False)
    issued_certificate(candidate(p, learner__last_name="D"), certifier=certifier)

    response = as_certifier.get(queue_url(p.cohort), {"show": show})

    assert [c.last_name for c in response.context["queue"].candidates] == expected


def test_an_invalid_filter_is_reported_and_ignored(as_certifier, p):
    candidate(p)
    response = as_certifier.get(queue_url(p.cohort), {"show": "<script>"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce filtre n'a pas été appliqué." in html
    assert 'aria-invalid="true"' in html
    assert len(response.context["queue"].candidates) == 1


def test_the_review_home_counts_candidates_eligible_and_decided(as_certifier, p, certifier):
    candidate(p)
    candidate(p, lessons=False)
    issued_certificate(candidate(p), certifier=certifier)
    CohortFactory(programme=p.tree.programme, name="Promotion vide")

    response = as_certifier.get(reverse("certificates:review"))

    summaries = {s.cohort.name: (s.candidates, s.eligible, s.decided) for s in response.context["summaries"]}
    assert summaries == {p.cohort.name: (3, 1, 1), "Promotion vide": (0, 0, 0)}
    assert queue_url(p.cohort) in response.content.decode()


# --- The decision page ----------------------------------------------------------------------------------


def test_the_decision_page_shows_the_evidence_and_history(as_certifier, p, certifier):
    enrolment = candidate(p, attended=1)
    scored(p, enrolment)
    CertificationDecision.objects.create(
        enrolment=enrolment,
        outcome="deferred",
        motive="Revoir l'assiduité.",
        decided_by=certifier,
        decided_at=p.sessions[0].closed_at,
    )

    response = as_certifier.get(decision_url(enrolment))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tous les modules terminés" in html and "2 module(s) terminé(s) sur 2" in html
    assert "50 % (1 demi-journée(s) sur 2)" in html
    assert "✗</span> non" in html and "✓</span> oui" in html
    assert "Avis motivé." in html  # the trainer's comment
    assert "Étude de cas" in html and "75&nbsp;%" in html
    assert "Revoir l&#x27;assiduité." in html and "Claire Certif" in html  # history
    assert "ajourné·e" in html  # the current state
    assert 'name="override"' not in html  # more than the opinion is missing


def test_approving_an_eligible_candidate_issues_the_certificate(as_certifier, p):
    enrolment = candidate(p, learner__first_name="Ada", learner__last_name="Arnaud")

    response = as_certifier.post(decision_url(enrolment), {"outcome": "approved", "motive": ""})

    assert response.status_code == 302
    assert response["Location"] == queue_url(p.cohort)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert texts(response) == [f"Certificat {certificate.number} délivré à Ada Arnaud."]
    assert certificate.number.startswith("URH-HDF-")


@pytest.mark.parametrize(
    ("outcome", "message"),
    [("rejected", "Refus de certification enregistré"), ("deferred", "Ajournement enregistré")],
)
def test_reject_and_defer_with_a_motive(as_certifier, p, outcome, message):
    enrolment = candidate(p, lessons=False)
    response = as_certifier.post(
        decision_url(enrolment), {"outcome": outcome, "motive": "Parcours inachevé."}
    )
    assert response.status_code == 302
    assert message in texts(response)[0]
    decision = CertificationDecision.objects.get(enrolment=enrolment)
    assert (decision.outcome, decision.motive) == (outcome, "Parcours inachevé.")
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"outcome": "rejected", "motive": "  "},
            "motive",
            "Indiquez le motif du refus ou de l&#x27;ajournement.",
        ),
        ({"outcome": "deferred"}, "motive", "Indiquez le motif du refus ou de l&#x27;ajournement."),
        ({"outcome": "certify"}, "outcome", "Décision inconnue"),
        ({}, "outcome", "Choisissez une décision"),
        ({"outcome": "approved", "motive": "x" * 2001}, "motive", "2000 caractères"),
    ],
)
def test_bad_input_is_refused_next_to_its_field_and_writes_nothing(as_certifier, p, data, field, message):
    enrolment = candidate(p)
    response = as_certifier.post(decision_url(enrolment), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert f'id="id_{field}_errors"' in html
    assert 'aria-invalid="true"' in html
    assert CertificationDecision.objects.count() == 0
    assert AuditEvent.objects.filter(action="certification.decided").count() == 0


def test_approving_someone_not_eligible_is_refused_with_what_is_missing(as_certifier, p):
    enrolment = candidate(p, attended=1)
    response = as_certifier.post(decision_url(enrolment), {"outcome": "approved"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "n&#x27;est pas éligible" in html
    assert "une assiduité d&#x27;au moins 80 %" in html
    assert not CertificationDecision.objects.exists()


def test_a_reserved_opinion_is_overridden_only_with_a_motive(as_certifier, p):
    enrolment = candidate(p, opinion="reserved")
    page = as_certifier.get(decision_url(enrolment)).content.decode()
    assert 'name="override"' in page

    without = as_certifier.post(decision_url(enrolment), {"outcome": "approved", "override": "on"})
    unticked = as_certifier.post(
        decision_url(enrolment), {"outcome": "approved", "motive": "Vu en entretien."}
    )
    assert without.status_code == 400
    assert "Passer outre un avis réservé demande un motif." in without.content.decode()
    assert unticked.status_code == 400
    assert "cochez « passer outre" in unticked.content.decode()
    assert not CertificationDecision.objects.exists()

    data = {"outcome": "approved", "override": "on", "motive": "Vu en entretien."}
    assert as_certifier.post(decision_url(enrolment), data).status_code == 302
    decision = CertificationDecision.objects.get(enrolment=enrolment)
    assert decision.override and decision.certificate.number


def test_override_cannot_go_with_a_refusal(as_certifier, p):
    enrolment = candidate(p, opinion="reserved")
    data = {"outcome": "rejected", "override": "on", "motive": "Non."}
    response = as_certifier.post(decision_url(enrolment), data)
    assert response.status_code == 400
    assert "ne concerne qu&#x27;une certification" in response.content.decode()
    assert not CertificationDecision.objects.exists()


def test_a_double_submission_is_refused_clearly_and_writes_nothing_more(as_certifier, p):
    enrolment = candidate(p)
    first = as_certifier.post(decision_url(enrolment), {"outcome": "approved"})
    events = AuditEvent.objects.count()

    second = as_certifier.post(decision_url(enrolment), {"outcome": "approved"})

    assert first.status_code == 302
    assert second.status_code == 400
    html = second.content.decode()
    assert "Une décision définitive a déjà été prise pour cette personne" in html
    assert 'name="outcome"' not in html  # the form is gone: the decision is final
    assert CertificationDecision.objects.count() == 1
    assert Certificate.objects.count() == 1
    assert AuditEvent.objects.count() == events


def test_a_certifier_cannot_decide_their_own_certification(client, p):
    enrolment = candidate(p)
    with_role(enrolment.learner, roles.CERTIFIER)
    client.force_login(enrolment.learner)
    response = client.post(decision_url(enrolment), {"outcome": "approved"})
    assert response.status_code == 403
    assert "votre propre certification" in response.content.decode()
    assert not CertificationDecision.objects.exists()


# --- Bulk approval --------------------------------------------------------------------------------------


def test_bulk_approval_certifies_the_eligible_and_lists_the_others(as_certifier, p, certifier):
    ready = [candidate(p, learner__last_name=f"Prêt{n}") for n in range(2)]
    reserved = candidate(p, learner__last_name="Réservé", learner__first_name="Rémi", opinion="reserved")
    missing = candidate(p, learner__last_name="Absent", learner__first_name="Axel", attended=0)
    done = candidate(p, learner__last_name="Déjà", learner__first_name="Dana")
    issued_certificate(done, certifier=certifier)
    chosen = [*ready, reserved, missing, done]

    response = as_certifier.post(bulk_url(p.cohort), {"enrolments": [e.pk for e in chosen]})

    assert response.status_code == 302
    assert response["Location"] == queue_url(p.cohort)
    assert set(Certificate.objects.values_list("enrolment_id", flat=True)) == {e.pk for e in [*ready, done]}
    messages = texts(response)
    numbers = Certificate.objects.filter(enrolment__in=ready).values_list("number", flat=True)
    assert messages[0].startswith("2 certificats délivrés : ")
    assert all(number in messages[0] for number in numbers)
    refused = messages[1:]
    assert len(refused) == 3
    assert any("Rémi Réservé" in m and "avis du formateur est réservé" in m for m in refused)
    assert any("Axel Absent" in m and "n'est pas éligible" in m for m in refused)
    assert any("Dana Déjà" in m and "décision définitive" in m for m in refused)


def test_bulk_approval_of_another_cohorts_enrolment_is_404_and_writes_nothing(as_certifier, p):
    mine = candidate(p)
    other = EnrolmentFactory(cohort=CohortFactory(programme=p.tree.programme))
    for ids in ([mine.pk, other.pk], [mine.pk, 999999], ["abc"]):
        assert as_certifier.post(bulk_url(p.cohort), {"enrolments": ids}).status_code == 404
    assert not CertificationDecision.objects.exists()


def test_bulk_approval_without_a_selection_says_so(as_certifier, p):
    candidate(p)
    response = as_certifier.post(bulk_url(p.cohort), {})
    assert response.status_code == 302
    assert texts(response) == ["Cochez au moins une personne à certifier."]
    assert not CertificationDecision.objects.exists()


def test_bulk_approval_needs_post_and_the_right_to_decide(client, p):
    client.force_login(_staff(roles.TRAINER))
    assert client.post(bulk_url(p.cohort), {"enrolments": []}).status_code == 403
    certifier = _staff(roles.CERTIFIER)
    client.force_login(certifier)
    assert client.get(bulk_url(p.cohort)).status_code == 405


# --- Query budget ---------------------------------------------------------------------------------------


def test_the_cohort_queue_reads_in_the_same_number_of_queries_at_3_and_30_learners(as_certifier, p):
    def count(size: int) -> int:
        fresh_cohort(p)
        for number in range(size):
            enrolment = candidate(
                p, quiz=number % 2 == 0, attended=number % 3, opinion=("favourable", "reserved")[number % 2]
            )
            if number % 3 == 0:
                scored(p, enrolment)
        url = queue_url(p.cohort)
        as_certifier.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = as_certifier.get(url)
        assert len(response.context["queue"].candidates) == size
        return len(queries)

    small, large = count(3), count(30)
    assert small == large, f"{small} requêtes pour 3 apprenant·es, {large} pour 30"


def test_the_review_home_reads_in_the_same_number_of_queries_at_3_and_30_learners(as_certifier, p):
    url = reverse("certificates:review")

    def count(added: int) -> int:
        for _number in range(added):
            candidate(p, quiz=None, attended=1)
        as_certifier.get(url)  # warm-up
        with CaptureQueriesContext(connection) as queries:
            response = as_certifier.get(url)
        assert response.context["summaries"][0].candidates in (3, 30)
        return len(queries)

    assert count(3) == count(27)
