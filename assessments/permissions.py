"""Who may do what with sessions, registers and evaluations. Pure functions: views, services and
selectors all call these, so that a page, its export and its action never disagree.

| rôle | séances, registre, PDF | pointer, QR, clore | noter, avis |
|---|---|---|---|
| Formateur de la séance ou de la promotion | lire | oui | oui (sa promotion) |
| Gestionnaire | lire | oui | oui |
| Certificateur URH | lire | non | non |
| Apprenant·e | ses propres séances seulement (vues ``seances/``) | non | non |

Refusals follow decision 0010: a role that can never use the page gets 403, the right role on
someone else's object (another trainer's session or cohort) gets 404.
"""

from django.db.models import Q, QuerySet

from assessments.models import TrainingSession
from lms.accounts import roles


def _sees_every_session(user) -> bool:
    return user.is_superuser or roles.has_role(user, roles.MANAGER) or roles.has_role(user, roles.CERTIFIER)


def _trained_by(user) -> QuerySet:
    return TrainingSession.objects.filter(Q(trainers=user) | Q(cohort__trainers=user)).values("pk")


def _trains(user, session) -> bool:
    return roles.has_role(user, roles.TRAINER) and _trained_by(user).filter(pk=session.pk).exists()


def user_can_view_session(user, session) -> bool:
    """Read the roster and its live state: the session's trainers, managers, certifiers."""
    if not user.is_authenticated:
        return False
    return _sees_every_session(user) or _trains(user, session)


def user_can_run_session(user, session) -> bool:
    """Mark attendance, show the QR code, close, correct: the session's trainers and managers."""
    if not user.is_authenticated:
        return False
    return roles.is_manager(user) or _trains(user, session)


def sessions_visible_to(user, sessions: QuerySet) -> QuerySet:
    if not user.is_authenticated:
        return sessions.none()
    if _sees_every_session(user):
        return sessions
    if roles.has_role(user, roles.TRAINER):
        return sessions.filter(pk__in=_trained_by(user))
    return sessions.none()


def user_can_score(user, cohort) -> bool:
    """Managers, and trainers of ``cohort``; certifiers read only."""
    if roles.is_manager(user):
        return True
    return roles.has_role(user, roles.TRAINER) and cohort.trainers.filter(pk=user.pk).exists()
