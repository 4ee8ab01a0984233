"""Inviting learners into a cohort and accepting the invitation."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Cohort, Enrolment, Invitation
from courses.permissions import user_can_manage_cohorts
from lms.accounts import roles
from lms.accounts.models import Organisation, User
from lms.audit import services as audit
from lms.errors import Conflict, LMSError, NotAllowed, NotFound

NOT_ALLOWED = _("Seul·es les gestionnaires peuvent inviter des apprenant·es.")
BAD_EMAIL = _("Adresse e-mail invalide.")
MISSING_NAME = _("Le prénom et le nom sont obligatoires.")
OVER_CAPACITY = _("La promotion est complète : plus aucune place disponible.")
ALREADY_ENROLLED = _("Cette personne est déjà inscrite dans cette promotion.")
INVALID_LINK = _("Ce lien d'invitation n'est pas valide. Vérifiez qu'il a été copié en entier.")
USED_LINK = _("Ce lien a déjà été utilisé. Connectez-vous avec votre adresse e-mail et votre mot de passe.")
REPLACED_LINK = _("Ce lien a été remplacé par une invitation plus récente : utilisez le dernier e-mail reçu.")
EXPIRED_LINK = _("Ce lien a expiré. Demandez une nouvelle invitation à l'équipe de l'URH Hauts-de-France.")
NOT_INVITED = _("Cette inscription n'attend plus d'invitation.")

# A second click on "Renvoyer" within this delay returns the invitation just sent instead of a new one.
RESEND_DEBOUNCE = timedelta(seconds=60)


@dataclass(frozen=True)
class LearnerData:
    email: str
    first_name: str
    last_name: str
    organisation: Organisation | None = None


def clean_learner(data: LearnerData) -> LearnerData:
    """Normalised copy of ``data``; raises ``LMSError`` with a French message when it is unusable."""
    email = (data.email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise LMSError(BAD_EMAIL, code="bad_email") from None
    first_name, last_name = (data.first_name or "").strip(), (data.last_name or "").strip()
    if not first_name or not last_name:
        raise LMSError(MISSING_NAME, code="missing_name")
    return LearnerData(
        email=email, first_name=first_name, last_name=last_name, organisation=data.organisation
    )


def seats_left(cohort: Cohort) -> int:
    return cohort.capacity - cohort.enrolments.exclude(status=Enrolment.Status.WITHDRAWN).count()


def invite_learner(*, cohort: Cohort, learner: LearnerData, acting_user, language: str = "fr") -> Enrolment:
    """Enrol ``learner`` in ``cohort`` as invited and e-mail them a link to set their password."""
    if not user_can_manage_cohorts(acting_user):
        raise NotAllowed(NOT_ALLOWED, code="not_allowed")
    learner = clean_learner(learner)
    with transaction.atomic():
        locked = Cohort.objects.select_for_update().get(pk=cohort.pk)
        if seats_left(locked) < 1:
            raise Conflict(OVER_CAPACITY, code="over_capacity")
        return enrol_invited(cohort=locked, learner=learner, acting_user=acting_user, language=language)


def enrol_invited(*, cohort: Cohort, learner: LearnerData, acting_user, language: str) -> Enrolment:
    """Create the user if needed, the enrolment and its invitation. Caller holds the cohort lock."""
    user = User.objects.filter(email__iexact=learner.email).first()
    if user is None:
        user = User.objects.create_user(
            learner.email,
            password=None,
            first_name=learner.first_name,
            last_name=learner.last_name,
            organisation=learner.organisation,
        )
    elif learner.organisation is not None and user.organisation_id is None:
        user.organisation = learner.organisation
        user.save(update_fields=["organisation"])
    user.groups.add(Group.objects.get(name=roles.LEARNER))
    if Enrolment.objects.filter(cohort=cohort, learner=user).exists():
        raise Conflict(ALREADY_ENROLLED, code="duplicate")
    enrolment = Enrolment.objects.create(cohort=cohort, learner=user, invited_by=acting_user)
    _issue_invitation(enrolment=enrolment, language=language)
    audit.record(
        actor=acting_user,
        action=audit.Action.ENROLMENT_CHANGED,
        obj=enrolment,
        obj_repr=f"{user.email} — {cohort.name}",
        after={"status": enrolment.status},
    )
    return enrolment


def resend_invitation(*, enrolment: Enrolment, acting_user, language: str = "fr") -> Invitation:
    """Replace the pending invitation by a new one (previous links stop working) and e-mail it."""
    if not user_can_manage_cohorts(acting_user):
        raise NotAllowed(NOT_ALLOWED, code="not_allowed")
    with transaction.atomic():
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status != Enrolment.Status.INVITED:
            raise Conflict(NOT_INVITED, code="not_invited")
        pending = enrolment.invitations.filter(used_at__isnull=True, revoked_at__isnull=True)
        recent = pending.filter(created_at__gte=timezone.now() - RESEND_DEBOUNCE).first()
        if recent is not None:
            return recent
        pending.update(revoked_at=timezone.now())
        return _issue_invitation(enrolment=enrolment, language=language)


def _issue_invitation(*, enrolment: Enrolment, language: str) -> Invitation:
    from courses.tasks import send_invitation_task

    days = getattr(settings, "INVITATION_VALIDITY_DAYS", 7)
    invitation = Invitation.objects.create(
        enrolment=enrolment,
        nonce=secrets.token_urlsafe(32),
        expires_at=timezone.now() + timedelta(days=days),
        language=language if language in {"fr", "en"} else "fr",
    )
    transaction.on_commit(lambda: send_invitation_task.delay(invitation.pk))
    return invitation


def invitation_token(invitation: Invitation) -> str:
    signature = hmac.new(
        settings.SECRET_KEY.encode(), f"{invitation.pk}:{invitation.nonce}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{invitation.pk}.{signature}"


def invitation_url(invitation: Invitation) -> str:
    path = reverse("courses:accept-invitation", kwargs={"token": invitation_token(invitation)})
    return f"{settings.SITE_URL}{path}"


def find_invitation(token: str, *, for_update: bool = False) -> Invitation:
    """The invitation behind ``token`` if it can still be used; otherwise an error saying why."""
    pk, _sep, signature = (token or "").partition(".")
    if not (pk.isascii() and pk.isdigit()) or len(pk) > 18 or not signature:
        raise NotFound(INVALID_LINK, code="invalid")
    queryset = Invitation.objects.select_related("enrolment__learner", "enrolment__cohort")
    invitation = (queryset.select_for_update() if for_update else queryset).filter(pk=int(pk)).first()
    if invitation is None or not hmac.compare_digest(invitation_token(invitation).encode(), token.encode()):
        raise NotFound(INVALID_LINK, code="invalid")
    if invitation.used_at is not None:
        raise Conflict(USED_LINK, code="used")
    if invitation.revoked_at is not None:
        raise Conflict(REPLACED_LINK, code="replaced")
    if invitation.expires_at <= timezone.now():
        raise Conflict(EXPIRED_LINK, code="expired")
    return invitation


def accept_invitation(*, token: str, password: str) -> Enrolment:
    """Set the learner's password, activate the enrolment and spend the link, all or nothing.

    Raises ``LMSError`` for an unusable link and ``ValidationError`` for a weak password.
    """
    with transaction.atomic():
        invitation = find_invitation(token, for_update=True)
        enrolment = invitation.enrolment
        user = enrolment.learner
        validate_password(password, user)
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        now = timezone.now()
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
        if enrolment.status == Enrolment.Status.INVITED:
            enrolment.status = Enrolment.Status.ACTIVE
            enrolment.activated_at = now
            enrolment.save(update_fields=["status", "activated_at", "updated_at"])
            audit.record(
                actor=user,
                action=audit.Action.ENROLMENT_CHANGED,
                obj=enrolment,
                obj_repr=f"{user.email} — {enrolment.cohort.name}",
                before={"status": Enrolment.Status.INVITED},
                after={"status": enrolment.status},
            )
        return enrolment
