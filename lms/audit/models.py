"""The audit trail: one append-only table of events, each chained to the previous one by its hash.

``AuditEvent.sequence`` numbers the events 1, 2, 3… in the order they were chained; ``hash`` is the
SHA-256 of the event's content and of ``previous_hash`` (``lms.audit.chain``), so that editing,
removing or reordering an event breaks the chain, which ``manage.py verify_audit`` reports.
``ChainHead`` is a single row holding the last sequence and hash: writers lock it to append one at a
time, and it reveals events removed at the end of the chain.

Rows are never changed from Python (``save`` on an existing row and ``delete`` raise). On PostgreSQL a
trigger (migration 0002) also refuses ``UPDATE`` and ``DELETE`` in SQL, except setting ``actor`` to
NULL when the user is deleted: the hash covers the actor's e-mail copied at the time, not the key.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """What happened, as a dotted code (``<object>.<verb>``). Each code names an object and a verb."""

    ATTENDANCE_CHANGED = "attendance.changed", _("Présence modifiée après clôture")
    SESSION_CLOSED = "session.closed", _("Séance close et registre co-signé")
    EVALUATION_SAVED = "evaluation.saved", _("Évaluation enregistrée")
    EVALUATION_PUBLISHED = "evaluation.published", _("Évaluation publiée")
    OPINION_GIVEN = "opinion.given", _("Avis du formateur ou de la formatrice donné")
    QUIZ_GRADED = "quiz.graded", _("Tentative de quiz notée")
    ENROLMENT_CHANGED = "enrolment.changed", _("Statut d'inscription modifié")
    ROLE_CHANGED = "role.changed", _("Rôles modifiés")
    TWO_FACTOR_CONFIRMED = "2fa.confirmed", _("Double authentification activée")
    TWO_FACTOR_BACKUP_CODES = "2fa.backup_codes", _("Codes de secours émis")
    TWO_FACTOR_RESET = "2fa.reset", _("Double authentification réinitialisée")
    EXPORT_DOWNLOADED = "export.downloaded", _("Export téléchargé")
    CERTIFICATION_DECIDED = "certification.decided", _("Décision de certification")
    CERTIFICATE_ISSUED = "certificate.issued", _("Certificat délivré")
    CERTIFICATE_REVOKED = "certificate.revoked", _("Certificat révoqué")
    CERTIFICATE_SUSPENDED = "certificate.suspended", _("Certificat suspendu")
    CERTIFICATE_REINSTATED = "certificate.reinstated", _("Certificat rétabli")
    CERTIFICATE_EXPIRED = "certificate.expired", _("Certificat expiré")
    CERTIFICATE_REISSUED = "certificate.reissued", _("Certificat réédité (correction)")
    CERTIFICATION_RULE_CHANGED = "certification.rule_changed", _("Règle de certification modifiée")
    PERSON_ERASED = "person.erased", _("Données personnelles effacées")


class AppendOnlyError(Exception):
    """An audit event may be added, never changed nor removed."""


class AuditEvent(models.Model):
    sequence = models.PositiveBigIntegerField(_("numéro"), unique=True, editable=False)
    created_at = models.DateTimeField(_("date"), editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # The actor's address when they acted: the log still names them after a change or a deletion.
    actor_email = models.CharField(_("e-mail de l'auteur·rice"), max_length=254, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("type d'objet"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("identifiant de l'objet"), max_length=64, blank=True)
    object_repr = models.CharField(_("objet"), max_length=200, blank=True)
    before = models.JSONField(_("avant"), null=True, blank=True)
    after = models.JSONField(_("après"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    previous_hash = models.CharField(_("empreinte précédente"), max_length=64, editable=False)
    hash = models.CharField(_("empreinte"), max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("événement d'audit")
        verbose_name_plural = _("événements d'audit")
        ordering = ["-sequence"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_event_object_idx")]

    def __str__(self) -> str:
        return f"{self.sequence} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Un événement d'audit ne peut pas être modifié.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Un événement d'audit ne peut pas être supprimé.")


class ChainHead(models.Model):
    """The last link of the chain (one row, ``pk=SINGLETON_PK``), locked by every writer while it appends."""

    SINGLETON_PK = 1

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("tête de chaîne d'audit")
        verbose_name_plural = _("têtes de chaîne d'audit")

    def __str__(self) -> str:
        return f"{self.sequence} {self.hash}"
