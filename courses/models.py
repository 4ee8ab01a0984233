"""Cohorts of a programme, learners' enrolments, invitations and lesson progress."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Cohort(models.Model):
    """A "promotion": a group of learners following one programme together between two dates."""

    programme = models.ForeignKey(
        "cms.ProgrammePage", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="cohorts"
    )
    name = models.CharField(_("nom de la promotion"), max_length=200)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    capacity = models.PositiveIntegerField(_("nombre de places"), default=20)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("formateur·rices"),
        blank=True,
        related_name="trained_cohorts",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="courses_cohort_unique_name",
                violation_error_message=_("Une promotion de ce programme porte déjà ce nom."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="courses_cohort_dates",
                violation_error_message=_("La fin de la promotion ne peut pas précéder son début."),
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1),
                name="courses_cohort_capacity",
                violation_error_message=_("Une promotion compte au moins une place."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_running(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today <= self.ends_on


class Enrolment(models.Model):
    """A learner's place in a cohort. Invited until the invitation is accepted."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invité·e")
        ACTIVE = "active", _("en formation")
        COMPLETED = "completed", _("parcours terminé")
        WITHDRAWN = "withdrawn", _("retiré·e")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="enrolments"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("apprenant·e"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(_("statut"), max_length=12, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    activated_at = models.DateTimeField(_("activée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["cohort", "learner__last_name", "learner__first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "learner"],
                name="courses_enrolment_unique",
                violation_error_message=_("Cette personne est déjà inscrite dans cette promotion."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} — {self.cohort}"


class Invitation(models.Model):
    """A single-use, expiring link that lets an invited learner set a password and join the cohort.

    The link carries ``<id>.<HMAC(id, nonce)>``: the database alone cannot forge it, and the e-mail
    task can rebuild it from the id.
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="invitations")
    nonce = models.CharField(max_length=64)
    expires_at = models.DateTimeField(_("expire le"))
    used_at = models.DateTimeField(_("utilisée le"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("remplacée le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    language = models.CharField(max_length=8, default="fr")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation {self.pk}"


class LessonProgress(models.Model):
    """Started on first view of a lesson; completed by the learner's explicit action."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey("cms.LessonPage", on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(_("commencée le"), default=timezone.now)
    completed_at = models.DateTimeField(_("terminée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("progression dans une leçon")
        verbose_name_plural = _("progressions dans les leçons")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="courses_lessonprogress_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.lesson_id}"
