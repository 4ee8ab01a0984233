"""A small world whose dashboard figures are computed by hand (in the docstring of ``build_world``), and a
bulk builder of large cohorts for the query budgets."""

import datetime
from dataclasses import dataclass
from types import SimpleNamespace

from django.utils import timezone

from assessments import services as quiz_services
from assessments.models import Attendance, QuizAttempt, TrainerOpinion, TrainingSession
from certificates.models import Certificate
from courses.models import Cohort, Enrolment, LessonProgress
from lms.accounts.models import Organisation, User
from tests.certificates.candidates import candidate, programme
from tests.conftest import Tree
from tests.factories import LessonPageFactory, ModulePageFactory, OrganisationFactory, ProgrammePageFactory
from tests.factories.certificates import issued_certificate

PRESENT, LATE, EXCUSED, ABSENT = (s.value for s in Attendance.Status)


def second_programme(home) -> Tree:
    """« Programme B »: one module of four lessons; excused absences count as absences."""
    page = ProgrammePageFactory(
        parent=home, slug="programme-b", title="Programme B", excused_absences_neutral=False
    )
    module = ModulePageFactory(parent=page, slug="module-b", number=1)
    lessons = [LessonPageFactory(parent=module, slug=f"lecon-b{n}") for n in range(4)]
    return Tree(home=home, programme=page, modules=[module], lessons=lessons)


def _cohort(p, name: str, starts_on: datetime.date, ends_on: datetime.date) -> Cohort:
    Cohort.objects.filter(pk=p.cohort.pk).update(name=name, starts_on=starts_on, ends_on=ends_on)
    p.cohort.refresh_from_db()
    return p.cohort


def _session(p, day: datetime.date, half_day: str, *, closed: bool = True) -> TrainingSession:
    start, end = TrainingSession.DEFAULT_TIMES[half_day]
    extra = {"state": "closed", "closed_at": timezone.now(), "closed_by": p.trainer} if closed else {}
    session = TrainingSession.objects.create(
        cohort=p.cohort, title="Séance", date=day, half_day=half_day, starts_at=start, ends_at=end, **extra
    )
    if closed:
        p.sessions.append(session)
    return session


def mark(p, enrolment, statuses: list[str | None]) -> None:
    """One row per closed session of ``p`` (None: no row, an absence nobody wrote down)."""
    for session, status in zip(p.sessions, statuses, strict=False):
        if status is not None:
            Attendance.objects.update_or_create(
                session=session,
                enrolment=enrolment,
                defaults={
                    "status": status,
                    "method": "trainer",
                    "marked_by": p.trainer,
                    "marked_at": timezone.now(),
                },
            )


def complete(enrolment, lessons, *, started=()) -> None:
    now = timezone.now()
    LessonProgress.objects.bulk_create(
        [LessonProgress(enrolment=enrolment, lesson=lesson, completed_at=now) for lesson in lessons]
        + [LessonProgress(enrolment=enrolment, lesson=lesson) for lesson in started]
    )


def take_quiz(enrolment, quiz, *, right: bool) -> None:
    attempt = quiz_services.start_attempt(user=enrolment.learner, quiz=quiz)
    answers = {
        item["key"]: [next(c["key"] for c in item["choices"] if c["correct"] is right)]
        for item in attempt.content["items"]
    }
    quiz_services.submit_attempt(user=enrolment.learner, attempt_id=attempt.pk, answers=answers)


def _status(enrolment, status: str) -> None:
    Enrolment.objects.filter(pk=enrolment.pk).update(status=status)


def _issued_on(enrolment, day: datetime.date, *, revoked: bool = False):
    certificate = issued_certificate(enrolment)
    issued = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    changes = {"issued_at": issued}
    if revoked:
        changes |= {"status": Certificate.Status.REVOKED, "status_reason": "Fraude."}
    Certificate.objects.filter(pk=certificate.pk).update(**changes)


@dataclass
class World:
    a: object  # programme A (6 lessons, quiz on module 1, excused absences neutral)
    b: object  # programme B (4 lessons, its quiz, excused absences count as absences)
    org_a: Organisation  # département 59
    org_b: Organisation  # département 62
    people: SimpleNamespace


def build_world(tree) -> World:
    """Two programmes, a cohort each, two organisations in two départements, one learner without one.

    Cohort 1 « Promotion Lille » (programme A, 2026-01-05 → 2026-03-31; 4 closed half-days 2 → 5 March):

    | learner | org | status | lessons | quiz | half-days | opinion | certification |
    |---|---|---|---|---|---|---|---|
    | L1 | A | active | 6/6 (100 %) | failed, then passed | P P P P | favourable | eligible, no decision |
    | L2 | A | completed | 6/6 | passed | P P P P | favourable | certified 15/04/2026, valid |
    | L3 | B | active | 2/6 (33 %) | failed | P late excused absent | — | — |
    | L4 | B | withdrawn | 6/6 | passed | P | favourable | (left out of every rate) |
    | L5 | A | invited | — | — | — | — | — |
    | L6 | none | active | 1/6 (16 %) + 1 started | — | no row | — | — |

    => enrolled 5 (invited 1 apart), counted 4; buckets 0/1/1/0/0/2; attendance 10 / (16 - 1) = 66 %;
    quizzes 2 / 3 = 66 %; eligible 1; certified 1, valid 1; certification 1 / 5 = 20 %.

    Cohort 2 « Promotion Arras » (programme B, 2026-09-01 → 2026-10-31; closed 5 October am and pm, a
    session scheduled on 12 October does not count):

    | learner | org | status | lessons | quiz | half-days | opinion | certification |
    |---|---|---|---|---|---|---|---|
    | M1 | B | completed | 4/4 | passed | P P | favourable | certified 20/10/2026, revoked |
    | M2 | A | active | 1/4 (25 %) | — | P excused | reserved | — |
    | M3 | B | active | 3/4 (75 %) | failed twice | late P | favourable | not eligible |
    | M4 | A | active | 0/4 | — | no row | — | — |

    => enrolled 4, counted 4; buckets 1/0/1/0/1/1; attendance 5 / 8 = 62 % (excused count as absent);
    quizzes 1 / 2 = 50 %; eligible 0; certified 1, valid 0; certification 1 / 4 = 25 %.
    """
    org_a = OrganisationFactory(name="Bailleur Nord", departement="59")
    org_b = OrganisationFactory(name="Habitat Artois", departement="62")
    a = programme(tree, sessions=4)
    _cohort(a, "Promotion Lille", datetime.date(2026, 1, 5), datetime.date(2026, 3, 31))
    b = programme(second_programme(tree.home), sessions=0)
    _cohort(b, "Promotion Arras", datetime.date(2026, 9, 1), datetime.date(2026, 10, 31))
    _session(b, datetime.date(2026, 10, 5), "am")
    _session(b, datetime.date(2026, 10, 5), "pm")
    _session(b, datetime.date(2026, 10, 12), "am", closed=False)
    people = SimpleNamespace(**_cohort_1(a, org_a, org_b), **_cohort_2(b, org_a, org_b))
    return World(a=a, b=b, org_a=org_a, org_b=org_b, people=people)


def _cohort_1(a, org_a, org_b) -> dict:
    lessons = a.tree.lessons
    l1 = candidate(a, quiz=None, learner__organisation=org_a, learner__last_name="Un")
    take_quiz(l1, a.quiz, right=False)
    take_quiz(l1, a.quiz, right=True)
    l2 = candidate(a, learner__organisation=org_a, learner__last_name="Deux")
    _issued_on(l2, datetime.date(2026, 4, 15))
    _status(l2, "completed")
    l3 = candidate(
        a,
        lessons=False,
        quiz=False,
        attended=0,
        opinion=None,
        learner__organisation=org_b,
        learner__last_name="Trois",
    )
    complete(l3, lessons[:2])
    mark(a, l3, [PRESENT, LATE, EXCUSED, ABSENT])
    l4 = candidate(a, attended=1, learner__organisation=org_b, learner__last_name="Quatre")
    _status(l4, "withdrawn")
    l5 = candidate(
        a,
        lessons=False,
        quiz=None,
        attended=0,
        opinion=None,
        learner__organisation=org_a,
        learner__last_name="Cinq",
    )
    _status(l5, "invited")
    l6 = candidate(
        a,
        lessons=False,
        quiz=None,
        attended=0,
        opinion=None,
        learner__organisation=None,
        learner__last_name="Six",
    )
    complete(l6, lessons[:1], started=lessons[1:2])
    return {"l1": l1, "l2": l2, "l3": l3, "l4": l4, "l5": l5, "l6": l6}


def _cohort_2(b, org_a, org_b) -> dict:
    lessons = b.tree.lessons
    m1 = candidate(b, learner__organisation=org_b, learner__last_name="Mun")
    _issued_on(m1, datetime.date(2026, 10, 20), revoked=True)
    _status(m1, "completed")
    m2 = candidate(b, lessons=False, quiz=None, attended=0, opinion="reserved", learner__organisation=org_a)
    complete(m2, lessons[:1])
    mark(b, m2, [PRESENT, EXCUSED])
    m3 = candidate(b, lessons=False, quiz=False, attended=0, learner__organisation=org_b)
    complete(m3, lessons[:3])
    take_quiz(m3, b.quiz, right=False)
    mark(b, m3, [LATE, PRESENT])
    m4 = candidate(b, lessons=False, quiz=None, attended=0, opinion=None, learner__organisation=org_a)
    return {"m1": m1, "m2": m2, "m3": m3, "m4": m4}


# --- large cohorts, built in bulk, for the query budgets ---------------------------------------------------


def bulk_cohort(p, size: int, organisations: list[Organisation]) -> None:
    """``size`` more learners in ``p.cohort``, every state represented, in a handful of INSERTs: half the
    lessons for most, all of them for a tenth; one attempt each (passed for half); every closed
    half-day marked; a favourable opinion for a tenth (the candidates the dashboard evaluates)."""
    tag = f"{p.cohort.pk}-{Enrolment.objects.count()}"
    users = User.objects.bulk_create(
        User(
            email=f"masse-{tag}-{n}@example.org",
            first_name="Masse",
            last_name=f"N{n}",
            password="!",  # an unusable password: these people never sign in
            organisation=organisations[n % len(organisations)] if n % 7 else None,
        )
        for n in range(size)
    )
    statuses = ["active"] * 6 + ["completed", "withdrawn", "invited", "active"]
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(cohort=p.cohort, learner=user, status=statuses[n % len(statuses)])
        for n, user in enumerate(users)
    )
    lessons, now = p.tree.lessons, timezone.now()
    LessonProgress.objects.bulk_create(
        LessonProgress(enrolment=e, lesson=lesson, completed_at=now)
        for n, e in enumerate(enrolments)
        for lesson in (lessons if n % 10 == 0 else lessons[: len(lessons) // 2])
    )
    QuizAttempt.objects.bulk_create(
        QuizAttempt(
            enrolment=e,
            quiz=p.quiz,
            number=1,
            state="graded",
            content={"items": []},
            closed_at=now,
            score=90 if n % 2 else 40,
            passed=bool(n % 2),
        )
        for n, e in enumerate(enrolments)
    )
    cycle = [PRESENT, LATE, EXCUSED, ABSENT]
    Attendance.objects.bulk_create(
        Attendance(
            session=session,
            enrolment=e,
            status=cycle[(n + s) % len(cycle)],
            method="trainer",
            marked_by=p.trainer,
            marked_at=now,
        )
        for n, e in enumerate(enrolments)
        for s, session in enumerate(p.sessions)
    )
    TrainerOpinion.objects.bulk_create(
        TrainerOpinion(enrolment=e, opinion="favourable", comment="Prêt·e.", trainer=p.trainer, given_at=now)
        for n, e in enumerate(enrolments)
        if n % 10 == 0
    )
