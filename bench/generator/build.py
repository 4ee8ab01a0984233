"""Build one size of generated data: bulk inserts in dependency order, in one transaction.

Everything comes from ``random.Random(seed)`` and the fixed ``REFERENCE_DATE``: the same seed gives the
same rows (auto primary keys and ``created_at``/``updated_at`` aside). Generated rows are recognisable:
users ``@bench.example.org``, organisations « Organisme bench … », the programme page ``parcours-bench``
and everything that hangs off it; ``reset()`` deletes those only.

Not generated: attempt answers (``AttemptAnswer``), invitations, certificate PDFs, surveys, rubrics.
"""

import datetime
import time
import uuid
from collections.abc import Callable
from decimal import Decimal
from random import Random

from django.db import transaction

from bench.generator.sizes import SIZES, Size

BENCH_EMAIL_DOMAIN = "bench.example.org"
BENCH_PASSWORD = "Bench-URH-2026"  # noqa: S105 - generated accounts only, documented
BENCH_SALT = "urhbenchsalt2026"
ORG_PREFIX = "Organisme bench"
PROGRAMME_SLUG = "parcours-bench"
REFERENCE_DATE = datetime.date(2026, 1, 5)  # a Monday; no date depends on the clock
MODULES = 8
LESSONS_PER_MODULE = 2
ATTEMPTS_ALLOWED = 3
PASS_MARK = 80
BATCH = 2000
CHUNK = 50_000  # attempts held in memory before they are written
DEPARTEMENTS = ("02", "59", "60", "62", "80")
FIRST_NAMES = (
    "Léa", "Camille", "Nadia", "Karim", "Sophie", "Thomas", "Inès", "Julien", "Aïcha", "Marc",
    "Chloé", "Yanis", "Manon", "Hugo", "Fatou", "Élodie", "Rachid", "Pauline", "Mehdi", "Claire",
)  # fmt: skip
LAST_NAMES = (
    "Durand", "Martin", "Bernard", "Petit", "Dubois", "Moreau", "Lefebvre", "Leroy", "Roux", "Fontaine",
    "Benali", "Nguyen", "Diallo", "Lambert", "Garnier", "Faure", "Mercier", "Blanc", "Guerin", "Boyer",
)  # fmt: skip

Step = Callable[[str, int, float], None]


class AlreadyGenerated(Exception):
    pass


def _utc(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=datetime.UTC)


def _rng_uuid(rng: Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _siren(index: int) -> str:
    """A valid (Luhn) SIREN, unique per index: 8 digits then the check digit."""
    body = f"9{index:07d}"
    for check in range(10):
        value = body + str(check)
        total = 0
        for position, char in enumerate(reversed(value)):
            digit = int(char) * (2 if position % 2 else 1)
            total += digit - 9 if digit > 9 else digit
        if total % 10 == 0:
            return value
    raise AssertionError  # pragma: no cover


def has_generated_data() -> bool:
    from cms.models import ProgrammePage
    from lms.accounts.models import Organisation, User

    return (
        ProgrammePage.objects.filter(slug=PROGRAMME_SLUG).exists()
        or User.objects.filter(email__endswith="@" + BENCH_EMAIL_DOMAIN).exists()
        or Organisation.objects.filter(name__startswith=ORG_PREFIX).exists()
    )


def reset() -> dict[str, int]:
    """Delete the generated rows only (by their markers), in reverse dependency order."""
    from django.db.models import Max

    from assessments.models import (
        AttemptAnswer,
        Attendance,
        AttendanceChange,
        Quiz,
        QuizAttempt,
        TrainingSession,
    )
    from certificates.models import Certificate, CertificateSequence, CertificationDecision
    from cms.models import ProgrammePage
    from courses.models import Cohort, Enrolment, Invitation, LessonProgress
    from lms.accounts.models import Organisation, User

    deleted: dict[str, int] = {}
    cohorts = Cohort.objects.filter(programme__slug=PROGRAMME_SLUG)
    with transaction.atomic():
        years = list(
            Certificate.objects.filter(enrolment__cohort__in=cohorts)
            .values_list("year", flat=True)
            .distinct()
        )
        steps = [
            ("certificates", Certificate.objects.filter(enrolment__cohort__in=cohorts)),
            ("decisions", CertificationDecision.objects.filter(enrolment__cohort__in=cohorts)),
            ("answers", AttemptAnswer.objects.filter(attempt__enrolment__cohort__in=cohorts)),
            ("attempts", QuizAttempt.objects.filter(enrolment__cohort__in=cohorts)),
            ("attendance_changes", AttendanceChange.objects.filter(attendance__session__cohort__in=cohorts)),
            ("attendances", Attendance.objects.filter(session__cohort__in=cohorts)),
            ("sessions", TrainingSession.objects.filter(cohort__in=cohorts)),
            ("lesson_progress", LessonProgress.objects.filter(enrolment__cohort__in=cohorts)),
            ("invitations", Invitation.objects.filter(enrolment__cohort__in=cohorts)),
            ("enrolments", Enrolment.objects.filter(cohort__in=cohorts)),
            ("cohorts", cohorts),
        ]
        for name, queryset in steps:
            deleted[name], _ = queryset.delete()
        for programme in ProgrammePage.objects.filter(slug=PROGRAMME_SLUG):
            deleted["quizzes"], _ = Quiz.objects.filter(module__path__startswith=programme.path).delete()
            programme.delete()
            deleted["programmes"] = deleted.get("programmes", 0) + 1
        deleted["users"], _ = User.objects.filter(email__endswith="@" + BENCH_EMAIL_DOMAIN).delete()
        deleted["organisations"], _ = Organisation.objects.filter(name__startswith=ORG_PREFIX).delete()
        for year in years:  # give back the numbers, so that the same seed gives the same numbers
            last = Certificate.objects.filter(year=year).aggregate(m=Max("sequence"))["m"] or 0
            CertificateSequence.objects.filter(year=year).update(last=last)
    return deleted


def _bulk(model, rows: list, step: Step | None, name: str, started: float) -> list:
    model.objects.bulk_create(rows, batch_size=BATCH)
    if step:
        step(name, len(rows), time.perf_counter() - started)
    return rows


def _quiz_stream(rng: Random, module: int) -> list[dict]:
    from assessments.importer import stream_from_questions

    def choice(text: str, correct: bool = False) -> dict:
        return {"text": text, "correct": correct, "feedback": ""}

    questions = [
        {
            "type": "single",
            "prompt": f"Module {module} : quel texte fixe les finalités de l'attribution ?",
            "choices": [choice("L441 CCH", True), choice("225-1 CP"), choice("1388 bis CGI")],
            "explanation": "<p>L'article L441 du CCH.</p>",
        },
        {
            "type": "multiple",
            "prompt": "Quels critères sont prohibés ?",
            "choices": [choice("Lieu de résidence", True), choice("Patronyme", True), choice("Ressources")],
            "explanation": "<p>Article 225-1 du code pénal.</p>",
        },
        {
            "type": "true_false",
            "statement": "La cotation est une aide à la décision.",
            "answer": True,
            "feedback_true": "",
            "feedback_false": "",
            "explanation": "<p>Conseil d'État, 2024.</p>",
        },
    ]
    stream = stream_from_questions(questions)

    def fix_ids(node):  # the importer's ids are uuid4: take them from the seeded generator instead
        if isinstance(node, dict):
            if "id" in node and "type" in node:
                node["id"] = _rng_uuid(rng)
            for value in node.values():
                fix_ids(value)
        elif isinstance(node, list):
            for value in node:
                fix_ids(value)

    fix_ids(stream)
    return stream


def _build_programme(rng: Random):
    """One programme, its modules, lessons and quizzes, through Wagtail's tree API (not bulk)."""
    from wagtail.models import Page, Site

    from assessments.models import Quiz, ReviewLevel
    from assessments.questions import attempt_content
    from cms.models import LessonPage, ModulePage, ProgrammePage

    site = Site.objects.filter(is_default_site=True).first()
    parent = site.root_page if site else Page.get_first_root_node()
    programme = parent.add_child(
        instance=ProgrammePage(
            title="Référent·e égalité de traitement (données générées)",
            slug=PROGRAMME_SLUG,
            subtitle="Parcours de qualification",
            intro="<p>Programme créé par le générateur de données de bench/.</p>",
        )
    )
    modules, lessons, quizzes, contents = [], [], [], {}
    for m in range(1, MODULES + 1):
        module = programme.add_child(
            instance=ModulePage(title=f"Module {m}", slug=f"module-{m}", number=m, intro="<p>Module.</p>")
        )
        modules.append(module)
        for n in range(1, LESSONS_PER_MODULE + 1):
            lessons.append(
                module.add_child(
                    instance=LessonPage(
                        title=f"Leçon {m}.{n}",
                        slug=f"lecon-{n}",
                        summary="Résumé de la leçon.",
                        duration_minutes=20,
                        body=[{"type": "paragraph", "value": "<p>Contenu de la leçon.</p>"}],
                    )
                )
            )
        quiz = Quiz.objects.create(
            module=module,
            title=f"Quiz du module {m}",
            questions=_quiz_stream(rng, m),
            pass_mark=PASS_MARK,
            attempts_allowed=ATTEMPTS_ALLOWED,
            shuffle_questions=False,
            shuffle_choices=False,
            review_after_submit=ReviewLevel.SCORE,
        )
        quiz.refresh_from_db()
        content = attempt_content(quiz)  # no shuffling: the same copy for every attempt
        content["pass_mark"] = quiz.pass_mark
        contents[quiz.pk] = content
        quizzes.append(quiz)
    return programme, modules, lessons, quizzes, contents


def generate(size: str | Size, seed: int, *, step: Step | None = None) -> dict[str, int]:
    """Build ``size`` (a name of ``SIZES`` or a ``Size``) from ``seed``; return the rows per table.

    Raises ``KeyError`` for an unknown size name, ``AlreadyGenerated`` when generated data is there.
    ``step(table, rows, seconds)`` is called after each table.
    """
    spec = size if isinstance(size, Size) else SIZES[size]
    if spec.sessions != 6 * spec.cohorts:
        raise ValueError("sessions must be 6 per cohort")
    if has_generated_data():
        raise AlreadyGenerated
    with transaction.atomic():
        return _generate(spec, Random(seed), step)


def _generate(spec: Size, rng: Random, step: Step | None) -> dict[str, int]:  # noqa: C901
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from assessments.models import Attendance, QuizAttempt, TrainingSession
    from assessments.seal import compute_seal
    from certificates.models import NUMBER_PREFIX, Certificate, CertificateSequence, CertificationDecision
    from courses.models import Cohort, Enrolment, LessonProgress
    from lms.accounts.models import Organisation, User
    from lms.accounts.privacy import name_fingerprint
    from lms.accounts.roles import CERTIFIER, LEARNER, TRAINER, ensure_role_groups

    counts: dict[str, int] = {}
    ensure_role_groups()
    groups = {g.name: g.pk for g in Group.objects.filter(name__in=[LEARNER, TRAINER, CERTIFIER])}

    started = time.perf_counter()
    programme, modules, lessons, quizzes, contents = _build_programme(rng)
    counts["pages"] = 1 + len(modules) + len(lessons)
    counts["quizzes"] = len(quizzes)
    if step:
        step("pages + quiz", counts["pages"] + len(quizzes), time.perf_counter() - started)

    # Organisations
    started = time.perf_counter()
    kinds = [k for k, _label in Organisation.Kind.choices]
    orgs = [
        Organisation(
            name=f"{ORG_PREFIX} {i + 1:05d}",
            kind=rng.choice(kinds),
            departement=rng.choice(DEPARTEMENTS),
            siren=_siren(i),
        )
        for i in range(max(2, spec.learners // 50))
    ]
    counts["organisations"] = len(_bulk(Organisation, orgs, step, "organisations", started))

    # Users: learners, trainers and one certifier; one password hash for all.
    started = time.perf_counter()
    password = make_password(BENCH_PASSWORD, salt=BENCH_SALT)
    joined = _utc(REFERENCE_DATE - datetime.timedelta(days=400))

    def user(email: str, organisation=None) -> User:
        return User(
            email=email,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            password=password,
            organisation=organisation,
            date_joined=joined,
        )

    learners = [
        user(f"apprenant{i + 1:06d}@{BENCH_EMAIL_DOMAIN}", rng.choice(orgs)) for i in range(spec.learners)
    ]
    trainers = [user(f"formateur{i + 1:04d}@{BENCH_EMAIL_DOMAIN}") for i in range(max(1, spec.cohorts // 4))]
    certifier = user(f"certificateur@{BENCH_EMAIL_DOMAIN}")
    _bulk(User, [*learners, *trainers, certifier], None, "", started)
    through = User.groups.through
    memberships = [through(user_id=u.pk, group_id=groups[LEARNER]) for u in learners]
    memberships += [through(user_id=u.pk, group_id=groups[TRAINER]) for u in trainers]
    memberships.append(through(user_id=certifier.pk, group_id=groups[CERTIFIER]))
    through.objects.bulk_create(memberships, batch_size=BATCH)
    counts["learners"] = len(learners)
    counts["users"] = len(learners) + len(trainers) + 1
    if step:
        step("users + groups", counts["users"], time.perf_counter() - started)

    # Cohorts (the first one half-way through its sessions at the reference date) and their trainers.
    started = time.perf_counter()
    cohorts = []
    for c in range(spec.cohorts):
        offset = 21 if c == 0 else rng.randint(-30, 400)  # days before the reference date
        starts_on = REFERENCE_DATE - datetime.timedelta(days=offset)
        cohorts.append(
            Cohort(
                programme=programme,
                name=f"Promotion bench {c + 1:05d}",
                starts_on=starts_on,
                ends_on=starts_on + datetime.timedelta(days=42),
                capacity=25,
            )
        )
    _bulk(Cohort, cohorts, None, "", started)
    cohort_trainers: dict[int, list[int]] = {}
    for c, cohort in enumerate(cohorts):
        ids = [trainers[c % len(trainers)].pk]
        if len(trainers) > 1 and rng.random() < 0.3:
            ids.append(trainers[(c + 1) % len(trainers)].pk)
        cohort_trainers[cohort.pk] = ids
    Cohort.trainers.through.objects.bulk_create(
        [Cohort.trainers.through(cohort_id=k, user_id=u) for k, ids in cohort_trainers.items() for u in ids],
        batch_size=BATCH,
    )
    counts["cohorts"] = len(cohorts)
    if step:
        step("cohorts", len(cohorts), time.perf_counter() - started)

    # Enrolments: learners spread evenly over the cohorts, mostly active.
    started = time.perf_counter()
    statuses = [Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED, Enrolment.Status.WITHDRAWN]
    enrolments = []
    for i, learner in enumerate(learners):
        cohort = cohorts[i % len(cohorts)]
        first = i < len(cohorts)  # every cohort has at least one active learner
        if first:
            status = Enrolment.Status.ACTIVE
        else:
            status = rng.choices([Enrolment.Status.INVITED, *statuses], weights=[4, 76, 15, 5])[0]
        enrolments.append(
            Enrolment(
                cohort=cohort,
                learner=learner,
                status=status,
                activated_at=None if status == Enrolment.Status.INVITED else _utc(cohort.starts_on, 8),
            )
        )
    counts["enrolments"] = len(_bulk(Enrolment, enrolments, step, "enrolments", started))
    engaged = [e for e in enrolments if e.status != Enrolment.Status.INVITED]
    by_cohort: dict[int, list] = {}
    for enrolment in engaged:
        by_cohort.setdefault(enrolment.cohort_id, []).append(enrolment)

    # Lesson progress: completed → every lesson, others → the first ones.
    started = time.perf_counter()
    progress = []
    for enrolment in engaged:
        if enrolment.status == Enrolment.Status.COMPLETED:
            done = len(lessons)
        else:
            done = rng.randint(0, len(lessons) if enrolment.status == Enrolment.Status.ACTIVE else 4)
        start_day = enrolment.cohort.starts_on
        for n, lesson in enumerate(lessons[: done + 1]):
            when = _utc(start_day + datetime.timedelta(days=n * 2), 10)
            completed = n < done
            progress.append(
                LessonProgress(
                    enrolment=enrolment,
                    lesson=lesson,
                    started_at=when,
                    completed_at=when + datetime.timedelta(minutes=25) if completed else None,
                )
            )
    counts["lesson_progress"] = len(_bulk(LessonProgress, progress, step, "lesson_progress", started))

    # Sessions: 6 half-days per cohort (days 0, 14, 28, am and pm); closed before the reference date.
    started = time.perf_counter()
    sessions = []
    for cohort in cohorts:
        for k in range(6):
            day = cohort.starts_on + datetime.timedelta(days=14 * (k // 2))
            half = TrainingSession.HalfDay.MORNING if k % 2 == 0 else TrainingSession.HalfDay.AFTERNOON
            starts_at, ends_at = TrainingSession.DEFAULT_TIMES[half]
            closed = day < REFERENCE_DATE
            remote = rng.random() < 0.3
            sessions.append(
                TrainingSession(
                    cohort=cohort,
                    title=f"Journée {k // 2 + 1} — {'matin' if k % 2 == 0 else 'après-midi'}",
                    date=day,
                    half_day=half,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    mode=TrainingSession.Mode.REMOTE if remote else TrainingSession.Mode.IN_PERSON,
                    place="" if remote else "URH Hauts-de-France, Lille",
                    visio_url="https://visio.example.org/urh" if remote else "",
                    state=TrainingSession.State.CLOSED if closed else TrainingSession.State.SCHEDULED,
                    closed_at=_utc(day, 17, 5) if closed else None,
                    closed_by_id=cohort_trainers[cohort.pk][0] if closed else None,
                    qr_key=f"{rng.getrandbits(128):032x}",
                )
            )
    _bulk(TrainingSession, sessions, None, "", started)
    session_trainers = TrainingSession.trainers.through
    session_modules = TrainingSession.modules.through
    session_trainers.objects.bulk_create(
        [
            session_trainers(trainingsession_id=s.pk, user_id=u)
            for s in sessions
            for u in cohort_trainers[s.cohort_id]
        ],
        batch_size=BATCH,
    )
    session_modules.objects.bulk_create(
        [
            session_modules(trainingsession_id=s.pk, modulepage_id=modules[m].pk)
            for k, s in enumerate(sessions)
            for m in range(
                (k % 6) * MODULES // 6, max((k % 6 + 1) * MODULES // 6, (k % 6) * MODULES // 6 + 1)
            )
        ],
        batch_size=BATCH,
    )
    counts["sessions"] = len(sessions)
    if step:
        step("sessions", len(sessions), time.perf_counter() - started)

    # Attendance on closed sessions only, then each register's seal.
    started = time.perf_counter()
    attendances, registers = [], []
    status_choices = list(Attendance.Status)
    for session in sessions:
        if session.state != TrainingSession.State.CLOSED:
            continue
        rows = []
        for enrolment in by_cohort.get(session.cohort_id, []):
            status = rng.choices(status_choices, weights=[80, 8, 6, 6])[0]
            method = rng.choices(list(Attendance.Method), weights=[50, 30, 20])[0]
            arrived = left = None
            if status in Attendance.ATTENDED:
                late = rng.randint(10, 40) if status == Attendance.Status.LATE else 0
                begin = datetime.datetime.combine(session.date, session.starts_at)
                arrived = (begin + datetime.timedelta(minutes=late)).time()
                left = session.ends_at
            attested = status in Attendance.ATTENDED and method != Attendance.Method.TRAINER
            rows.append(
                Attendance(
                    session=session,
                    enrolment=enrolment,
                    status=status,
                    arrived_at=arrived,
                    left_at=left,
                    method=method,
                    attested_at=_utc(session.date, session.starts_at.hour, 15) if attested else None,
                    attested_ip="192.0.2.10" if attested else None,
                    marked_by_id=session.closed_by_id,
                    marked_at=_utc(session.date, session.starts_at.hour, 20),
                )
            )
        attendances.extend(rows)
        session.seal = compute_seal(session, rows)
        registers.append(session)
    Attendance.objects.bulk_create(attendances, batch_size=BATCH)
    TrainingSession.objects.bulk_update(registers, ["seal"], batch_size=500)
    counts["attendances"] = len(attendances)
    if step:
        step("attendances + seals", len(attendances), time.perf_counter() - started)

    # Quiz attempts: exactly spec.attempts, spread evenly over engaged enrolments, modules in order;
    # earlier attempts at a quiz fail, the last one passes (mostly).
    started = time.perf_counter()
    capacity = MODULES * ATTEMPTS_ALLOWED
    if spec.attempts > capacity * len(engaged):
        raise ValueError(f"{spec.attempts} tentatives : trop pour {len(engaged)} inscriptions actives")
    base, extra = divmod(spec.attempts, len(engaged))
    attempts, written = [], 0
    passed_all: set[int] = set()
    for index, enrolment in enumerate(engaged):
        target = base + (1 if index < extra else 0)
        per_module = [0] * MODULES
        for m in range(min(target, MODULES)):
            per_module[m] = 1
        left_over = target - sum(per_module)
        while left_over:
            m = rng.randrange(MODULES)
            if per_module[m] < ATTEMPTS_ALLOWED:
                per_module[m] += 1
                left_over -= 1
        passes = 0
        for m, count in enumerate(per_module):
            quiz = quizzes[m]
            for number in range(1, count + 1):
                last = number == count
                passed = last and (enrolment.status == Enrolment.Status.COMPLETED or rng.random() < 0.8)
                score = rng.randint(PASS_MARK, 100) if passed else rng.randint(0, PASS_MARK - 1)
                passes += passed
                begin = _utc(enrolment.cohort.starts_on + datetime.timedelta(days=2 * m + number), 14)
                attempts.append(
                    QuizAttempt(
                        enrolment=enrolment,
                        quiz=quiz,
                        number=number,
                        state=QuizAttempt.State.GRADED,
                        content=contents[quiz.pk],
                        started_at=begin,
                        closed_at=begin + datetime.timedelta(minutes=rng.randint(4, 30)),
                        close_reason=QuizAttempt.CloseReason.SUBMITTED,
                        score=Decimal(score).quantize(Decimal("0.01")),
                        passed=passed,
                    )
                )
        if passes == MODULES:
            passed_all.add(enrolment.pk)
        if len(attempts) >= CHUNK:  # XL: two million attempts would not fit in memory at once
            QuizAttempt.objects.bulk_create(attempts, batch_size=BATCH)
            written += len(attempts)
            attempts = []
    QuizAttempt.objects.bulk_create(attempts, batch_size=BATCH)
    counts["quiz_attempts"] = written + len(attempts)
    if step:
        step("quiz_attempts", counts["quiz_attempts"], time.perf_counter() - started)

    # Certificates: completed enrolments that passed every quiz, numbered after the year's last number.
    started = time.perf_counter()
    certified = [e for e in engaged if e.status == Enrolment.Status.COMPLETED and e.pk in passed_all]
    year = REFERENCE_DATE.year - 1
    sequence, _created = CertificateSequence.objects.get_or_create(year=year)
    decisions, certificates = [], []
    for n, enrolment in enumerate(certified, start=sequence.last + 1):
        issued = _utc(enrolment.cohort.ends_on + datetime.timedelta(days=7), 11)
        decisions.append(
            CertificationDecision(
                enrolment=enrolment,
                outcome=CertificationDecision.Outcome.APPROVED,
                eligibility={"generated": True},
                decided_by=certifier,
                decided_at=issued,
            )
        )
        learner = enrolment.learner
        holder = learner.get_full_name()
        organisation = learner.organisation
        certificates.append(
            Certificate(
                enrolment=enrolment,
                holder=learner,
                number=f"{NUMBER_PREFIX}-{year}-{n:06d}",
                year=year,
                sequence=n,
                verification_id=f"{rng.getrandbits(192):048x}",
                holder_name=holder,
                holder_organisation=organisation.name,
                holder_departement=organisation.departement,
                programme_title=programme.title,
                cohort_name=enrolment.cohort.name,
                hours=Decimal("21.0"),
                signatory_name="Direction de l'URH",
                signatory_role="Directrice",
                issued_at=issued,
                valid_from=issued.date(),
                valid_until=issued.date() + datetime.timedelta(days=3 * 365),
                listed_in_directory=rng.random() < 0.3,
                holder_name_fingerprint=name_fingerprint(holder),
            )
        )
    CertificationDecision.objects.bulk_create(decisions, batch_size=BATCH)
    for decision, certificate in zip(decisions, certificates, strict=True):
        certificate.decision = decision
    Certificate.objects.bulk_create(certificates, batch_size=BATCH)
    if certificates:
        CertificateSequence.objects.filter(year=year).update(last=sequence.last + len(certificates))
    counts["certificates"] = len(certificates)
    if step:
        step("certificates", len(certificates), time.perf_counter() - started)
    return counts
