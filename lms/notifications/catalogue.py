"""The one place that lists every e-mail the platform sends on its own: what it is, who gets it, when,
and whether it is essential (sent even to people who turned non-essential mail off).

Each kind has two templates, ``notifications/email/<key>.txt`` and ``.html``, written once with
``{% translate %}``: the recipient's language is chosen when sending. ``sample`` builds a context from
plain objects (no database) for the managers' previews and for the tests that render every kind.

A periodic kind names its Celery ``task``; its ``trigger`` sentence reads the time of day from
``CELERY_BEAT_SCHEDULE`` (``lms/settings/base.py``) and the number of days from the ``NOTIFY_*``
settings, so that what the managers read is what the schedule does.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

from django.conf import settings
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

SESSION_REMINDER_TASK = "assessments.notify_session_reminders"
QUIZ_DEADLINE_TASK = "assessments.notify_quiz_deadlines"
ELIGIBILITY_TASK = "certificates.notify_eligibility_reached"
EXPIRY_TASK = "certificates.notify_expiring"
SURVEY_REMINDER_TASK = "assessments.send_survey_reminders"  # the surveys' own (assessments.services.surveys)
FOLLOW_UP_SURVEY_TASK = "certificates.create_follow_up_surveys"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    subject: str  # %(name)s placeholders, filled from the context (see services.subject_arguments)
    essential: bool
    audience: str
    trigger: str
    sample: Callable[[], dict]
    task: str = ""  # the periodic task that sends it (a CELERY_BEAT_SCHEDULE entry); "" when on an event

    @property
    def templates(self) -> tuple[str, str]:
        return f"notifications/email/{self.key}.txt", f"notifications/email/{self.key}.html"


def beat_time(task: str) -> datetime.time:
    """The time of day ``task`` runs at in ``CELERY_BEAT_SCHEDULE`` (a daily crontab)."""
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        if entry["task"] == task:
            schedule = entry["schedule"]
            return datetime.time(min(schedule.hour), min(schedule.minute))
    raise LookupError(f"{task} is not in CELERY_BEAT_SCHEDULE")


def _described(message: str, **values: Callable[[], object]):
    """A lazy sentence whose placeholders are read when it is shown: in the reader's language, from
    the current schedule and settings (a test that overrides a setting sees it)."""

    def build() -> str:
        return gettext(message) % {name: value() for name, value in values.items()}

    return lazy(build, str)()


def _at(task: str) -> Callable[[], str]:
    return lambda: formats.time_format(beat_time(task), "TIME_FORMAT")


def _setting(name: str) -> Callable[[], object]:
    return lambda: getattr(settings, name)


# --- Samples: plain objects shaped like the real contexts -----------------------------------------

_DAY = datetime.date(2026, 3, 16)


def _site(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _learner():
    return SimpleNamespace(first_name="Léa", last_name="Durand", email="lea.durand@example.org")


def _programme():
    return SimpleNamespace(title="Référent·e égalité de traitement", attendance_threshold=80)


def _cohort():
    return SimpleNamespace(name="Promotion de printemps 2026", ends_on=_DAY + datetime.timedelta(days=60))


def _session():
    return SimpleNamespace(
        title="Discriminations et droit au logement",
        date=_DAY + datetime.timedelta(days=2),
        starts_at=datetime.time(9, 0),
        ends_at=datetime.time(12, 30),
        get_half_day_display=lambda: gettext("matin"),
        get_mode_display=lambda: gettext("présentiel"),
        place="URH Hauts-de-France, 1 rue de la Gare, 59000 Lille",
        visio_url="",
    )


def _rate():
    return SimpleNamespace(percent=67, attended=4, counted=6, threshold=80)


def _certificate():
    return SimpleNamespace(
        number="URH-2026-0042",
        programme_title="Référent·e égalité de traitement",
        holder=_learner(),
        holder_name="Léa Durand",
        valid_until=_DAY + datetime.timedelta(days=60),
    )


def sample_session_reminder() -> dict:
    session = _session()
    return {
        "learner": _learner(),
        "session": session,
        "cohort": _cohort(),
        "programme": _programme(),
        "url": _site("/seances/"),
        "subject_args": {"session": session.title, "date": session.date},
    }


def sample_absence_warning() -> dict:
    return {
        "learner": _learner(),
        "session": _session(),
        "cohort": _cohort(),
        "programme": _programme(),
        "rate": _rate(),
        "url": _site("/mon-parcours/"),
        "subject_args": {"programme": _programme().title},
    }


def sample_absence_summary() -> dict:
    learner = SimpleNamespace(get_full_name="Léa Durand", email="lea.durand@example.org")
    return {
        "manager": SimpleNamespace(first_name="Camille", email="camille@example.org"),
        "session": _session(),
        "cohort": _cohort(),
        "programme": _programme(),
        "below": [(SimpleNamespace(learner=learner), _rate())],
        "url": _site("/formateur/"),
        "subject_args": {"cohort": _cohort().name},
    }


def sample_quiz_deadline() -> dict:
    cohort = _cohort()
    return {
        "learner": _learner(),
        "cohort": cohort,
        "programme": _programme(),
        "deadline": cohort.ends_on,
        "quizzes": ["Le cadre juridique", "Repérer une discrimination"],
        "url": _site("/mon-parcours/"),
        "subject_args": {"date": cohort.ends_on},
    }


def sample_eligibility_reached() -> dict:
    return {
        "learner": _learner(),
        "cohort": _cohort(),
        "programme": _programme(),
        "url": _site("/mon-parcours/"),
        "subject_args": {"programme": _programme().title},
    }


def sample_certificate_issued() -> dict:
    certificate = _certificate()
    return {
        "certificate": certificate,
        "document": SimpleNamespace(version=1, demo_signature=False),
        "verification_url": _site("/verifier/exemple/"),
        "subject_args": {"number": certificate.number},
    }


def sample_certificate_expiring() -> dict:
    certificate = _certificate()
    return {
        "learner": _learner(),
        "certificate": certificate,
        "verification_url": _site("/verifier/exemple/"),
        "url": _site("/mes-certificats/"),
        "subject_args": {"number": certificate.number, "date": certificate.valid_until},
    }


def _survey(*, follow_up: bool) -> dict:
    about = (
        "Référent·e égalité de traitement"
        if follow_up
        else "Discriminations et droit au logement (16/03/2026)"
    )
    return {
        "learner": _learner(),
        "survey_url": _site("/enquetes/exemple/"),
        "deadline": datetime.datetime(2026, 3, 30, 23, 59, tzinfo=timezone.get_default_timezone()),
        "about": about,
        "follow_up": follow_up,
    }


def sample_survey_invitation() -> dict:
    return _survey(follow_up=False)


def sample_survey_reminder() -> dict:
    return _survey(follow_up=True)


# --- The catalogue ------------------------------------------------------------------------------------

KINDS = (
    Kind(
        key="session_reminder",
        label=_("Rappel de séance"),
        subject=_("Rappel : séance « %(session)s » le %(date)s"),
        essential=False,
        audience=_("Chaque apprenant·e en formation de la promotion"),
        trigger=_described(
            gettext_noop(
                "Chaque jour à %(time)s, pour les séances programmées dans les %(days)s jours qui viennent "
                "(une fois par séance et par date)."
            ),
            time=_at(SESSION_REMINDER_TASK),
            days=_setting("NOTIFY_SESSION_REMINDER_DAYS"),
        ),
        sample=sample_session_reminder,
        task=SESSION_REMINDER_TASK,
    ),
    Kind(
        key="absence_warning",
        label=_("Alerte d'absence"),
        subject=_("Votre assiduité au parcours « %(programme)s »"),
        essential=True,
        audience=_("L'apprenant·e absent·e à la séance qui passe ou reste sous le seuil d'assiduité"),
        trigger=_("À la clôture d'une séance par son formateur ou sa formatrice."),
        sample=sample_absence_warning,
    ),
    Kind(
        key="absence_summary",
        label=_("Récapitulatif des absences"),
        subject=_("Assiduité sous le seuil dans la promotion « %(cohort)s »"),
        essential=True,
        audience=_("Chaque gestionnaire"),
        trigger=_("À la clôture d'une séance, quand au moins un·e apprenant·e passe ou reste sous le seuil."),
        sample=sample_absence_summary,
    ),
    Kind(
        key="quiz_deadline",
        label=_("Échéance des quiz"),
        subject=_("Quiz à réussir avant le %(date)s"),
        essential=False,
        audience=_("Chaque apprenant·e en formation qui n'a pas encore réussi tous les quiz du parcours"),
        trigger=_described(
            gettext_noop(
                "Chaque jour à %(time)s, à partir de %(days)s jours avant la fin de la promotion (l'échéance "
                "des quiz), une fois."
            ),
            time=_at(QUIZ_DEADLINE_TASK),
            days=_setting("NOTIFY_QUIZ_DEADLINE_DAYS"),
        ),
        sample=sample_quiz_deadline,
        task=QUIZ_DEADLINE_TASK,
    ),
    Kind(
        key="eligibility_reached",
        label=_("Conditions de certification remplies"),
        subject=_("Vous remplissez les conditions de certification « %(programme)s »"),
        essential=False,
        audience=_("L'apprenant·e devenu·e éligible, tant qu'aucune décision n'est prise"),
        trigger=_described(
            gettext_noop("Chaque jour à %(time)s, une seule fois par inscription."),
            time=_at(ELIGIBILITY_TASK),
        ),
        sample=sample_eligibility_reached,
        task=ELIGIBILITY_TASK,
    ),
    Kind(
        key="certificate_issued",
        label=_("Certificat délivré"),
        subject=_("Votre certificat %(number)s"),
        essential=True,
        audience=_("La personne certifiée (le PDF signé en pièce jointe)"),
        trigger=_("Dès que le PDF d'un certificat valide est produit, une fois par version du PDF."),
        sample=sample_certificate_issued,
    ),
    Kind(
        key="certificate_expiring",
        label=_("Fin de validité d'un certificat"),
        subject=_("Votre certificat %(number)s expire le %(date)s"),
        essential=False,
        audience=_("La personne titulaire d'un certificat valide"),
        trigger=_described(
            gettext_noop(
                "Chaque jour à %(time)s, à partir de %(days)s jours avant la fin de validité du certificat, "
                "une fois."
            ),
            time=_at(EXPIRY_TASK),
            days=_setting("NOTIFY_CERTIFICATE_EXPIRY_DAYS"),
        ),
        sample=sample_certificate_expiring,
        task=EXPIRY_TASK,
    ),
    Kind(
        key="survey_invitation",
        label=_("Invitation à une enquête de satisfaction"),
        subject=_("Votre avis sur « %(about)s »"),
        essential=False,
        audience=_("Chaque apprenant·e concerné·e par l'enquête"),
        trigger=_described(
            gettext_noop(
                "Enquête de séance : dans le quart d'heure qui suit la clôture d'une séance (et au moins "
                "%(hours)s h après), à qui y a assisté. Enquête de suivi : chaque jour à %(time)s, "
                "%(days)s jours après la délivrance du certificat."
            ),
            hours=_setting("SURVEY_SESSION_DELAY_HOURS"),
            time=_at(FOLLOW_UP_SURVEY_TASK),
            days=_setting("SURVEY_FOLLOW_UP_DELAY_DAYS"),
        ),
        sample=sample_survey_invitation,
    ),
    Kind(
        key="survey_reminder",
        label=_("Relance d'une enquête de satisfaction"),
        subject=_("Rappel : votre avis sur « %(about)s »"),
        essential=False,
        audience=_("Chaque apprenant·e qui n'a pas encore répondu"),
        trigger=_described(
            gettext_noop(
                "Chaque jour à %(time)s, %(days)s jours après l'invitation, si l'enquête est encore ouverte "
                "et sans réponse (une seule relance)."
            ),
            time=_at(SURVEY_REMINDER_TASK),
            days=_setting("SURVEY_REMINDER_DAYS"),
        ),
        sample=sample_survey_reminder,
        task=SURVEY_REMINDER_TASK,
    ),
)

CATALOGUE: dict[str, Kind] = {kind.key: kind for kind in KINDS}
