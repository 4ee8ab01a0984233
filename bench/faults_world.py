"""The data of a faults run: a generated size, learners mid-quiz, certificates waiting for their PDF.

Runs in the faults script's own process, with Django set up on the throwaway PostgreSQL. The size
comes from ``bench.generator`` (seeded); on top of it:

- ``learners`` new learners (``panneNNNN@bench.example.org``), active in the first generated cohort,
  each with a quiz attempt already open, and a logged-in session the HTTP load uses as cookie;
- exactly ``certificates`` approved certificates without any PDF (the generator's, trimmed or topped
  up through ``issue_certificate``), whose rendering the run enqueues itself.
"""

import contextlib
import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Case, When
from django.utils import timezone

from bench.generator import BENCH_EMAIL_DOMAIN, generate
from bench.world import logins

LOAD_EMAIL = "panne{:04d}@" + BENCH_EMAIL_DOMAIN


@dataclass(frozen=True)
class QuizPlan:
    """What a submit form needs for one quiz: its id and, per question, its kind and choice keys."""

    quiz_id: int
    questions: tuple[tuple[str, str, tuple[str, ...]], ...]  # (key, kind, choice keys)


@dataclass
class Learner:
    user_id: int
    session_key: str
    csrf_token: str
    quizzes: list[QuizPlan]
    quiz_index: int = 0
    open_attempt: int | None = None
    pending_submit: bool = False  # an attempt submitted without an acknowledgement yet
    done: bool = False
    attempts: list[int] = field(default_factory=list)

    @property
    def cookie(self) -> str:
        session, csrf = settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME
        return f"{session}={self.session_key}; {csrf}={self.csrf_token}"


@dataclass
class World:
    learners: list[Learner]
    certificate_ids: list[int]
    verification_ids: list[str]
    counts: dict[str, int]


def quiz_plan(quiz) -> QuizPlan:
    from assessments.questions import attempt_content

    quiz.refresh_from_db()
    items = attempt_content(quiz)["items"]
    return QuizPlan(
        quiz_id=quiz.pk,
        questions=tuple((i["key"], i["kind"], tuple(c["key"] for c in i["choices"])) for i in items),
    )


def build(*, size: str, seed: int, learners: int, certificates: int) -> World:
    from assessments.models import Quiz
    from assessments.services.quizzes import start_attempt
    from cms.models import ProgrammePage
    from courses.models import Cohort, Enrolment

    counts = generate(size, seed)
    programme = ProgrammePage.objects.get(slug="parcours-bench")
    quizzes = list(Quiz.objects.filter(module__path__startswith=programme.path).order_by("module__path"))
    plans = [quiz_plan(quiz) for quiz in quizzes]
    cohort = Cohort.objects.filter(programme=programme).order_by("pk").first()
    people = _load_learners(learners, cohort)
    result = []
    for user, login in zip(people, logins(people), strict=True):
        Enrolment.objects.create(
            cohort=cohort, learner=user, status=Enrolment.Status.ACTIVE, activated_at=timezone.now()
        )
        attempt = start_attempt(user=user, quiz=quizzes[0])  # the open attempt the load submits first
        learner = Learner(user.pk, login.session_key, login.csrf, plans, open_attempt=attempt.pk)
        learner.attempts.append(attempt.pk)
        result.append(learner)
    certificate_ids = _exactly_n_certificates(certificates, programme)
    from certificates.models import Certificate

    verification_ids = list(
        Certificate.objects.filter(pk__in=certificate_ids).values_list("verification_id", flat=True)
    )
    counts.update({"faults_learners": len(result), "faults_certificates": len(certificate_ids)})
    return World(result, certificate_ids, verification_ids, counts)


def _load_learners(count: int, cohort):
    from django.contrib.auth.models import Group

    from bench.generator.build import BENCH_PASSWORD
    from lms.accounts.models import User
    from lms.accounts.roles import LEARNER, ensure_role_groups

    ensure_role_groups()
    group = Group.objects.get(name=LEARNER)
    users = []
    for i in range(count):
        user = User.objects.create_user(
            email=LOAD_EMAIL.format(i + 1), password=BENCH_PASSWORD, first_name="Panne", last_name=f"{i + 1}"
        )
        user.groups.add(group)
        users.append(user)
    return users


@contextlib.contextmanager
def _rendering_not_enqueued():
    """Issue certificates without their on-commit rendering: the run enqueues (and kills) it itself."""
    from certificates.services import issuance

    original = issuance.enqueue_rendering
    issuance.enqueue_rendering = lambda certificate: None
    try:
        yield
    finally:
        issuance.enqueue_rendering = original


def _exactly_n_certificates(count: int, programme) -> list[int]:
    """The generator's certificates trimmed to ``count``, or topped up with new approved decisions."""
    from certificates.models import Certificate, CertificationDecision
    from certificates.services.issuance import issue_certificate
    from courses.models import Enrolment
    from lms.accounts.models import User

    existing = list(Certificate.objects.order_by("pk"))
    for certificate in existing[count:]:
        decision_id = certificate.decision_id
        certificate.delete()
        CertificationDecision.objects.filter(pk=decision_id).delete()
    missing = count - len(existing)
    if missing > 0:
        certifier = User.objects.get(email=f"certificateur@{BENCH_EMAIL_DOMAIN}")
        # Completed enrolments first, then any other generated one (never a learner of the load).
        candidates = (
            Enrolment.objects.filter(cohort__programme=programme, certification_decisions__isnull=True)
            .exclude(learner__email__startswith=LOAD_EMAIL.split("{", 1)[0])
            .order_by(Case(When(status=Enrolment.Status.COMPLETED, then=0), default=1), "pk")[:missing]
        )
        with _rendering_not_enqueued(), transaction.atomic():
            for enrolment in candidates:
                decision = CertificationDecision.objects.create(
                    enrolment=enrolment,
                    outcome=CertificationDecision.Outcome.APPROVED,
                    decided_by=certifier,
                    decided_at=timezone.now() - datetime.timedelta(minutes=1),
                )
                issue_certificate(decision=decision, acting_user=certifier)
    return list(Certificate.objects.order_by("pk").values_list("pk", flat=True))
