"""What the scenarios need beyond the generated data: sessions for chosen people, and a « burst »
cohort whose N learners all have an open attempt at the same quiz and a half-day open for check-in now.

Every account made here ends in ``@bench.example.org``, so ``bench.generate --reset`` removes it.
"""

import dataclasses
import datetime
import random

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
OTP_SESSION_KEY = "otp_device_id"  # django_otp.DEVICE_ID_SESSION_KEY


@dataclasses.dataclass
class Login:
    cookie: str
    csrf: str
    session_key: str


def logins(users, *, devices: dict | None = None) -> list[Login]:
    """A logged-in session per user (written in one INSERT), with their second factor passed when a
    device is given: what the login pages would have stored, without going through them N times."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        raise RuntimeError("le banc d'essai crée des sessions en base (SESSION_ENGINE par défaut)")
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    expiry = timezone.now() + datetime.timedelta(days=1)
    rows, result = [], []
    for user in users:
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: MODEL_BACKEND,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        device = (devices or {}).get(user.pk)
        if device is not None:
            data[OTP_SESSION_KEY] = device.persistent_id
        key = get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789")
        rows.append(Session(session_key=key, session_data=store.encode(data), expire_date=expiry))
        csrf = get_random_string(32)
        cookie = f"{settings.SESSION_COOKIE_NAME}={key}; {settings.CSRF_COOKIE_NAME}={csrf}"
        result.append(Login(cookie, csrf, key))
    Session.objects.bulk_create(rows, batch_size=1000)
    return result


def programme():
    from bench.generator.build import PROGRAMME_SLUG
    from cms.models import ProgrammePage

    return ProgrammePage.objects.get(slug=PROGRAMME_SLUG)


def first_quiz():
    from assessments.models import Quiz

    return Quiz.objects.filter(module__path__startswith=programme().path).order_by("module__path").first()


def staff_user(role: str, email: str):
    """A staff account of ``role`` with a confirmed TOTP device; returns (user, device)."""
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lms.accounts.models import User
    from lms.accounts.roles import ensure_role_groups

    ensure_role_groups()
    user, _created = User.objects.get_or_create(
        email=email, defaults={"first_name": "Banc", "last_name": role, "is_active": True}
    )
    user.groups.add(Group.objects.get(name=role))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="banc", confirmed=True)
    return user, device


@dataclasses.dataclass
class BurstWorld:
    cohort: object
    quiz: object
    session: object
    learners: list
    attempts: list  # one open attempt per learner, in the learners' order


def burst_world(size: int, *, label: str, seed: int = 7) -> BurstWorld:
    """``size`` learners in a new cohort running today, each with an open attempt at the first quiz,
    and a half-day of that cohort open for check-in now (its window covers the next two hours)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group

    from assessments.models import QuizAttempt, TrainingSession
    from assessments.questions import attempt_content
    from bench.generator.build import BENCH_EMAIL_DOMAIN
    from courses.models import Cohort, Enrolment
    from lms.accounts.models import Organisation, User
    from lms.accounts.roles import LEARNER

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    quiz = first_quiz()
    organisation = Organisation.objects.order_by("pk").first()
    password = make_password(get_random_string(20))
    with transaction.atomic():
        cohort = Cohort.objects.create(
            programme=programme(),
            name=f"{BURST_COHORT_PREFIX}{label} {now:%H%M%S}",
            starts_on=today - datetime.timedelta(days=7),
            ends_on=today + datetime.timedelta(days=60),
            capacity=size,
        )
        tag = get_random_string(6, "abcdefghijklmnopqrstuvwxyz")
        learners = User.objects.bulk_create(
            [
                User(
                    email=f"rafale-{tag}-{i:05d}@{BENCH_EMAIL_DOMAIN}",
                    first_name=f"Prénom{i}",
                    last_name=f"Rafale{rng.randrange(10**6):06d}",
                    password=password,
                    organisation=organisation,
                    is_active=True,
                )
                for i in range(size)
            ],
            batch_size=1000,
        )
        group = Group.objects.get(name=LEARNER)
        User.groups.through.objects.bulk_create(
            [User.groups.through(user_id=u.pk, group_id=group.pk) for u in learners], batch_size=1000
        )
        enrolments = Enrolment.objects.bulk_create(
            [
                Enrolment(cohort=cohort, learner=u, status=Enrolment.Status.ACTIVE, activated_at=now)
                for u in learners
            ],
            batch_size=1000,
        )
        quiz.refresh_from_db()
        content = attempt_content(quiz)
        content["pass_mark"] = quiz.pass_mark
        deadline = (
            now + datetime.timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
        )
        if deadline is not None:
            deadline = max(deadline, now + datetime.timedelta(hours=2))
        attempts = QuizAttempt.objects.bulk_create(
            [
                QuizAttempt(
                    enrolment=e, quiz=quiz, number=1, content=content, started_at=now, deadline=deadline
                )
                for e in enrolments
            ],
            batch_size=1000,
        )
        local = timezone.localtime(now)
        starts = (local - datetime.timedelta(minutes=10)).time().replace(second=0, microsecond=0)
        ends = datetime.time(23, 59) if local.hour >= 21 else (local + datetime.timedelta(hours=2)).time()
        session = TrainingSession.objects.create(
            cohort=cohort,
            title="Demi-journée du banc d'essai",
            date=local.date(),
            half_day=TrainingSession.HalfDay.MORNING
            if local.hour < 13
            else TrainingSession.HalfDay.AFTERNOON,
            starts_at=starts,
            ends_at=ends.replace(second=0, microsecond=0),
        )
    return BurstWorld(cohort, quiz, session, learners, attempts)


def random_answers(content: dict, rng: random.Random) -> dict[str, list[str]]:
    """A learner's ticks: the right ones most of the time, else a random choice (scores then vary)."""
    answers = {}
    for item in content["items"]:
        keys = [c["key"] for c in item["choices"]]
        right = [c["key"] for c in item["choices"] if c["correct"]]
        if rng.random() < 0.7:
            answers[item["key"]] = right
        elif item["kind"] == "multiple":
            answers[item["key"]] = rng.sample(keys, rng.randint(0, len(keys)))
        else:
            answers[item["key"]] = [rng.choice(keys)]
    return answers


BURST_COHORT_PREFIX = "Banc d'essai "


def remove_burst_worlds(logins_made: list[Login] = ()) -> int:
    """Delete every burst cohort, its learners and all that hangs off them, and the sessions made for
    them, so that each run measures the same data (a run leaves nothing behind; this also cleans up
    after an interrupted one). Returns the number of rows deleted with the cohorts."""
    from assessments.models import AttemptAnswer, Attendance, QuizAttempt, TrainingSession
    from courses.models import Cohort, Enrolment
    from lms.accounts.models import User

    cohorts = Cohort.objects.filter(name__startswith=BURST_COHORT_PREFIX, programme=programme())
    learners = User.objects.filter(enrolments__cohort__in=cohorts, email__startswith="rafale-")
    learner_ids = list(learners.values_list("pk", flat=True))
    with transaction.atomic():
        AttemptAnswer.objects.filter(attempt__enrolment__cohort__in=cohorts).delete()
        QuizAttempt.objects.filter(enrolment__cohort__in=cohorts).delete()
        Attendance.objects.filter(session__cohort__in=cohorts).delete()
        TrainingSession.objects.filter(cohort__in=cohorts).delete()
        Enrolment.objects.filter(cohort__in=cohorts).delete()
        removed, _by_model = cohorts.delete()
        User.objects.filter(pk__in=learner_ids).delete()
        Session.objects.filter(session_key__in=[x.session_key for x in logins_made]).delete()
    return removed
