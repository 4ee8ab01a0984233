"""Demo training sessions of the demo cohort, their attendance registers, a rubric and trainer scoring.

Loaded by ``assessments.demo.load`` after the quizzes. Everything goes through the services the
application uses (scheduling by the demo manager, check-ins and marks, closing and scoring by the demo
trainer), with their ``now=`` parameters to place past check-ins and closings in their half-day: the
registers are sealed by ``close_session`` exactly as a trainer's closing would seal them. The rubric
has no service (managers write it in the Wagtail admin), so it is saved as that form would save it,
with the form's rule on descriptors checked first. Running it again adds and changes nothing: a
session is found again by its title, a closed register is left alone, and the scoring services write
nothing when an evaluation, its publication or an opinion already exists.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format

from assessments import tokens
from assessments.models import Attendance, Criterion, Evaluation, Rubric, TrainerOpinion, TrainingSession
from assessments.rubric_forms import descriptor_count_error
from assessments.services import attendance as attendance_services
from assessments.services import rubrics as rubric_services
from assessments.services.sessions import SessionData, create_session
from courses.models import Cohort, Enrolment
from lms.accounts.models import User

MANAGER_EMAIL = "gestionnaire@example.org"
TRAINER_EMAIL = "formateur@example.org"

LILLE = "Maison de l'habitat de démonstration, salle Égalité, 12 rue des Tanneurs, 59000 Lille"
ARRAS = "Espace formation Val de Scarpe (lieu de démonstration), 8 rue Gambetta, 62000 Arras"
VISIO = "https://visio.example.org/urh-egalite-de-traitement-{number}"

AM, PM = TrainingSession.HalfDay.MORNING, TrainingSession.HalfDay.AFTERNOON
IN_PERSON, REMOTE = TrainingSession.Mode.IN_PERSON, TrainingSession.Mode.REMOTE
PRESENT, EXCUSED = Attendance.Status.PRESENT, Attendance.Status.EXCUSED

CAMILLE = "apprenant@example.org"
LEA = "lea.durand@example.org"
INES = "ines.mercier@example.org"
HUGO = "hugo.lefebvre@example.org"


@dataclass(frozen=True)
class Mark:
    """What happens to one learner at one session. ``minutes`` count from the session's start."""

    how: str  # "qr" (scans the code), "online" (confirms remotely), "trainer" (marked by the trainer)
    minutes: int = 0
    status: str = PRESENT  # for "trainer" marks
    comment: str = ""


@dataclass(frozen=True)
class DemoSession:
    number: int
    title: str
    modules: tuple[int, ...]
    half_day: str
    mode: str
    place: str = ""
    # Past sessions: days after the cohort's start; upcoming ones: days after today.
    days: int = 0
    past: bool = True
    # e-mail -> mark; an active learner left out is marked absent by the closing.
    marks: dict[str, Mark] = field(default_factory=dict)


DEMO_SESSIONS = [
    DemoSession(
        1,
        "Lancement : fondamentaux et chronologie du droit des attributions",
        (1,),
        AM,
        IN_PERSON,
        LILLE,
        days=1,
        marks={
            CAMILLE: Mark("qr", -8),
            LEA: Mark("qr", -12),
            INES: Mark("qr", -3),
            # No phone at hand: the trainer marks the arrival on the roster.
            HUGO: Mark(
                "trainer", 10, comment="Sans téléphone : présence pointée sur la feuille de la séance."
            ),
        },
    ),
    DemoSession(
        2,
        "La réforme intercommunale des attributions : CIL, CIA, cotation et gestion en flux",
        (2,),
        PM,
        IN_PERSON,
        ARRAS,
        days=8,
        marks={
            CAMILLE: Mark("qr", -5),
            LEA: Mark("qr", -10),
            INES: Mark("qr", 22),  # more than 15 minutes after the start: late
            HUGO: Mark("qr", -1),
        },
    ),
    DemoSession(
        3,
        "De la demande au bail : publics prioritaires, DALO et CALEOL (classe virtuelle)",
        (3,),
        AM,
        REMOTE,
        days=15,
        marks={
            CAMILLE: Mark(
                "trainer",
                5,
                status=EXCUSED,
                comment="Absence excusée : convocation en commission d'attribution, justificatif transmis.",
            ),
            LEA: Mark("online", -5),
            INES: Mark("online", -2),
            HUGO: Mark("online", 3),
        },
    ),
    DemoSession(
        4,
        "Non-discrimination et égalité de traitement : critères prohibés et lignes rouges",
        (4, 5),
        PM,
        IN_PERSON,
        LILLE,
        days=22,
        marks={CAMILLE: Mark("qr", -6), LEA: Mark("qr", -9), INES: Mark("qr", -4)},  # Hugo: absent
    ),
    DemoSession(
        5,
        "Repérer et prévenir les risques dans la chaîne d'attribution : études de cas",
        (6,),
        AM,
        IN_PERSON,
        ARRAS,
        days=6,
        past=False,
    ),
    DemoSession(
        6,
        "Politique de la ville et acteurs du logement social (classe virtuelle)",
        (7, 8),
        PM,
        REMOTE,
        days=13,
        past=False,
    ),
]

# The practical assessment ("mise en situation professionnelle"): a case of allocation to decide.
RUBRIC_TITLE = "Grille de mise en situation professionnelle"
RUBRIC_DESCRIPTION = (
    "L'apprenant·e instruit un dossier fictif de demande de logement social présenté en commission, "
    "puis présente et motive la décision proposée. Chaque critère est noté de 0 à 4."
)
RUBRIC_CRITERIA = [
    (
        "Identifier les critères prohibés",
        2,
        [
            "Ne repère aucun critère prohibé dans le dossier ni dans les échanges.",
            "Repère un critère prohibé évident mais en laisse passer d'autres.",
            "Repère la plupart des critères prohibés explicites, pas ceux qui sont implicites.",
            "Repère les critères prohibés explicites et la plupart des formulations indirectes.",
            "Repère tous les critères prohibés, y compris les indices indirects, et explique pourquoi.",
        ],
    ),
    (
        "Motiver une décision",
        3,
        [
            "La décision n'est pas motivée ou repose sur une appréciation personnelle.",
            "La motivation existe mais reste générale et ne s'appuie pas sur le dossier.",
            "La motivation s'appuie sur le dossier mais omet un critère de priorité.",
            "La motivation est claire, fondée sur les critères de priorité et la cotation.",
            "La motivation est claire, complète, vérifiable et compréhensible par le ou la demandeur·se.",
        ],
    ),
    (
        "Mobiliser le cadre juridique",
        2,
        [
            "Aucune référence au cadre juridique.",
            "Cite un texte sans lien avec la situation.",
            "Cite les textes principaux sans les appliquer précisément au cas.",
            "Applique correctement les textes utiles à la situation.",
            "Applique les textes avec précision et en tire des conséquences pour la pratique.",
        ],
    ),
    (
        "Adopter une posture de référent·e",
        1,
        [
            "Ne se positionne pas face à une pratique à risque.",
            "Signale un risque sans proposer de suite.",
            "Signale le risque et propose une suite sans la porter auprès de l'équipe.",
            "Alerte l'équipe avec tact et propose une correction de la pratique.",
            "Alerte, propose une correction et l'inscrit dans une démarche collective de prévention.",
        ],
    ),
]

# e-mail -> (level per criterion in order, comment per criterion, general comment)
DEMO_EVALUATIONS = {
    LEA: (
        [4, 4, 3, 4],
        [
            "Repère la mention de l'origine dans la note de la commission et le critère d'âge implicite.",
            "Décision fondée sur la cotation et le caractère prioritaire, expliquée simplement.",
            "Cite le Code de la construction et de l'habitation ; l'article du Code pénal reste à préciser.",
            "",
        ],
        "Mise en situation très maîtrisée : posture de référente affirmée face à la commission.",
    ),
    INES: (
        [3, 2, 2, 3],
        [
            "",
            "La motivation ne mentionne pas la cotation du dossier.",
            "Textes cités sans les rapporter aux faits du dossier.",
            "Bonne alerte de l'équipe sur la formulation « profil adapté au quartier ».",
        ],
        "Bonne vigilance sur les critères prohibés ; la motivation écrite des décisions est à travailler.",
    ),
}

DEMO_OPINIONS = {
    LEA: (
        TrainerOpinion.Opinion.FAVOURABLE,
        "Assiduité complète, parcours terminé et mise en situation réussie (93,75 %) : Léa sait repérer "
        "une pratique discriminatoire et motiver une décision d'attribution.",
    ),
    INES: (
        TrainerOpinion.Opinion.RESERVED,
        "Bonne vigilance, mais la motivation des décisions et l'usage du cadre juridique restent "
        "fragiles ; cinq modules du parcours sont encore à terminer avant la certification.",
    ),
}


def load() -> Iterator[str]:
    from courses.demo import COHORT_NAME

    cohort = Cohort.objects.select_related("programme").filter(name=COHORT_NAME).first()
    if cohort is None:
        return
    manager = User.objects.get(email=MANAGER_EMAIL)
    trainer = User.objects.get(email=TRAINER_EMAIL)
    yield from _sessions(cohort, manager, trainer)
    rubric = yield from _rubric(cohort.programme)
    yield from _evaluations(cohort, rubric, trainer)
    yield from _opinions(cohort, trainer)


# --- sessions and registers -----------------------------------------------------------------------------


def _sessions(cohort, manager, trainer) -> Iterator[str]:
    from cms.models import ModulePage

    modules = {m.number: m for m in ModulePage.objects.live().child_of(cohort.programme)}
    enrolments = {
        e.learner.email: e
        for e in cohort.enrolments.select_related("learner").filter(status=Enrolment.Status.ACTIVE)
    }
    existing = 0
    for plan in DEMO_SESSIONS:
        session = TrainingSession.objects.filter(cohort=cohort, title=plan.title).first()
        if session is None:
            date = _weekday(
                cohort.starts_on + datetime.timedelta(days=plan.days)
                if plan.past
                else timezone.localdate() + datetime.timedelta(days=plan.days)
            )
            if not cohort.starts_on <= date <= cohort.ends_on:
                yield f"séance non programmée (hors des dates de la promotion) : {plan.title}"
                continue
            session = create_session(
                cohort=cohort, data=_data(plan, date, modules, trainer), acting_user=manager
            )
            yield (
                f"séance créée : {session.title} — {date_format(session.date, 'l j F Y')}, "
                f"{session.get_half_day_display()} ({session.get_mode_display()})"
            )
        else:
            existing += 1
        if plan.past and not session.is_closed and session.end < timezone.now():
            yield from _register(session, plan, enrolments, trainer)
    if existing:
        yield f"déjà présentes : {existing} séance(s) de démonstration"


# Fixed-date public holidays in France (month, day): no session is scheduled on them.
HOLIDAYS = {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)}


def _weekday(date: datetime.date) -> datetime.date:
    """The first working day from ``date`` (weekends and fixed public holidays skipped)."""
    while date.weekday() >= 5 or (date.month, date.day) in HOLIDAYS:
        date += datetime.timedelta(days=1)
    return date


def _data(plan: DemoSession, date, modules, trainer) -> SessionData:
    return SessionData(
        title=plan.title,
        date=date,
        half_day=plan.half_day,
        mode=plan.mode,
        place=plan.place,
        visio_url=VISIO.format(number=plan.number) if plan.mode == REMOTE else "",
        modules=tuple(modules[n] for n in plan.modules if n in modules),
        trainers=(trainer,),
    )


def _register(session, plan: DemoSession, enrolments: dict, trainer) -> Iterator[str]:
    """Check-ins and marks during the half-day, then the trainer's closing ten minutes after its end."""
    for position, (email, mark) in enumerate(plan.marks.items()):
        enrolment = enrolments.get(email)
        if enrolment is None:
            continue
        now = session.start + datetime.timedelta(minutes=mark.minutes)
        if mark.how == "qr":
            token = tokens.current_token(session, now)
            attendance_services.check_in(
                token=token, learner=enrolment.learner, ip=f"192.0.2.{20 + position}", now=now
            )
        elif mark.how == "online":
            attendance_services.attest_presence(
                session=session, learner=enrolment.learner, ip=f"198.51.100.{40 + position}", now=now
            )
        else:
            attendance_services.mark_attendance(
                session=session,
                enrolment=enrolment,
                status=mark.status,
                arrived_at=session.starts_at if mark.status == PRESENT else None,
                comment=mark.comment,
                acting_user=trainer,
                now=now,
            )
    session = attendance_services.close_session(
        session=session, acting_user=trainer, now=session.end + datetime.timedelta(minutes=10)
    )
    counts = {
        label: session.attendances.filter(status=status).count()
        for status, label in Attendance.Status.choices
    }
    summary = ", ".join(f"{label} : {count}" for label, count in counts.items() if count)
    yield f"émargement clos et co-signé par {trainer.email} : {session.title} ({summary})"


# --- the rubric and the trainer's scoring ----------------------------------------------------------------


def _rubric(programme) -> Iterator[str]:
    rubric = Rubric.objects.filter(programme=programme, title=RUBRIC_TITLE).first()
    if rubric is not None:
        return rubric
    scale_max = 4
    for label, _weight, levels in RUBRIC_CRITERIA:
        if len(levels) != scale_max + 1:  # the admin form's rule (RubricAdminForm)
            raise ValueError(f"{label} : {descriptor_count_error(len(levels), scale_max)}")
    rubric = Rubric(
        programme=programme, title=RUBRIC_TITLE, description=RUBRIC_DESCRIPTION, scale_max=scale_max
    )
    rubric.criteria = [
        Criterion(label=label, weight=weight, descriptors="\n".join(levels), sort_order=index)
        for index, (label, weight, levels) in enumerate(RUBRIC_CRITERIA)
    ]
    rubric.full_clean()
    rubric.save()
    yield f"grille créée : « {RUBRIC_TITLE} » ({len(RUBRIC_CRITERIA)} critères, notés de 0 à {scale_max})"
    return rubric


def _evaluations(cohort, rubric, trainer) -> Iterator[str]:
    criteria = list(rubric.criteria.order_by("sort_order", "pk"))
    for email, (levels, comments, general) in DEMO_EVALUATIONS.items():
        enrolment = cohort.enrolments.filter(learner__email=email).first()
        if (
            enrolment is None
            or Evaluation.objects.filter(enrolment=enrolment, rubric=rubric, session=None).exists()
        ):
            continue
        scores = {
            c.pk: (level, comment) for c, level, comment in zip(criteria, levels, comments, strict=True)
        }
        evaluation = rubric_services.save_evaluation(
            enrolment=enrolment, rubric=rubric, scores=scores, comment=general, acting_user=trainer
        )
        rubric_services.publish_evaluation(evaluation=evaluation, acting_user=trainer)
        score = f"{evaluation.score}".replace(".", ",")
        yield f"évaluation publiée : {email} ({score} %)"


def _opinions(cohort, trainer) -> Iterator[str]:
    for email, (opinion, comment) in DEMO_OPINIONS.items():
        enrolment = cohort.enrolments.filter(learner__email=email).first()
        if enrolment is None or TrainerOpinion.objects.filter(enrolment=enrolment).exists():
            continue
        given = rubric_services.give_opinion(
            enrolment=enrolment, opinion=opinion, comment=comment, acting_user=trainer
        )
        yield f"avis du formateur : {email} ({given.get_opinion_display()})"
