"""A demo cohort whose learners stand at every stage of the journey. Loaded by ``load_demo`` only."""

import datetime
from collections.abc import Iterator

from django.utils import timezone

from courses.models import Cohort, Enrolment, Invitation, LessonProgress
from courses.services.enrolment import invitation_url
from lms.accounts import roles
from lms.accounts.demo import demo_user
from lms.accounts.models import Organisation, User

COHORT_NAME = "Promotion de démonstration 2026"

# e-mail, first name, last name, organisation index, enrolment status, modules completed, extra lessons
DEMO_LEARNERS = [
    ("apprenant@example.org", "Camille", "Apprenant", 0, Enrolment.Status.ACTIVE, 1, 1),
    ("lea.durand@example.org", "Léa", "Durand", 1, Enrolment.Status.ACTIVE, 8, 0),
    ("ines.mercier@example.org", "Inès", "Mercier", 2, Enrolment.Status.ACTIVE, 3, 0),
    ("hugo.lefebvre@example.org", "Hugo", "Lefebvre", 3, Enrolment.Status.ACTIVE, 0, 0),
    ("yanis.roussel@example.org", "Yanis", "Roussel", 0, Enrolment.Status.INVITED, 0, 0),
    ("sarah.benali@example.org", "Sarah", "Benali", 1, Enrolment.Status.WITHDRAWN, 0, 1),
]


def load(*, password: str) -> Iterator[str]:
    from cms import curriculum
    from cms.models import ProgrammePage

    programme = ProgrammePage.objects.get(slug=curriculum.programme()["slug"])
    today = timezone.localdate()
    cohort, created = Cohort.objects.get_or_create(
        programme=programme,
        name=COHORT_NAME,
        defaults={
            "starts_on": today - datetime.timedelta(days=30),
            "ends_on": today + datetime.timedelta(days=150),
            "capacity": 20,
        },
    )
    cohort.trainers.add(User.objects.get(email="formateur@example.org"))
    yield f"{'créée' if created else 'déjà présente'} : promotion « {COHORT_NAME} »"
    organisations = list(Organisation.objects.order_by("pk"))
    lessons_by_module = _lessons_by_module(programme)
    for row in DEMO_LEARNERS:
        yield from _learner(cohort, row, organisations, lessons_by_module, password)


def _learner(cohort, row, organisations, lessons_by_module, password) -> Iterator[str]:
    email, first_name, last_name, org_index, status, modules_done, extra = row
    invited = status == Enrolment.Status.INVITED
    user, _created = demo_user(
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=roles.LEARNER,
        password=None if invited else password,
        organisation=organisations[org_index % len(organisations)],
    )
    enrolment, created = Enrolment.objects.get_or_create(
        cohort=cohort,
        learner=user,
        defaults={"status": status, "activated_at": None if invited else timezone.now()},
    )
    if invited:
        invitation = enrolment.invitations.filter(used_at__isnull=True, revoked_at__isnull=True).first()
        if invitation is None:
            invitation = Invitation.objects.create(
                enrolment=enrolment,
                nonce=f"demo-{user.pk}",
                expires_at=timezone.now() + datetime.timedelta(days=7),
            )
        yield f"invitation en attente pour {email} : {invitation_url(invitation)}"
        return
    done = [lesson for module in lessons_by_module[:modules_done] for lesson in module]
    if modules_done < len(lessons_by_module):
        done += lessons_by_module[modules_done][:extra]
    for lesson in done:
        LessonProgress.objects.get_or_create(
            enrolment=enrolment, lesson=lesson, defaults={"completed_at": timezone.now()}
        )
    yield f"{'inscrit·e' if created else 'déjà inscrit·e'} : {email} ({len(done)} leçon(s) terminée(s))"


def _lessons_by_module(programme) -> list[list]:
    from cms.models import LessonPage, ModulePage

    return [
        list(LessonPage.objects.live().child_of(module).order_by("path"))
        for module in ModulePage.objects.live().child_of(programme).order_by("path")
    ]
