"""Satisfaction surveys: who was asked (``SurveyRequest``) and what was answered (``SurveyResponse``),
kept apart so that an answer cannot be traced back to the person who gave it.

A request belongs to an enrolment (a session survey also to its session): it carries the link's
secret, when it was sent and reminded, its deadline and whether it was answered, and nothing more
precise about the answer than that flag: no answer time. A response has no key to the request, the
enrolment or the person; its id is a random UUID (ids in insertion order would pair the n-th answer
with the n-th request to flip its flag) and its only date is the day. Reports add responses up and hide
any group of fewer than three (``assessments.selectors.surveys``).
"""

import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.surveys import FOLLOW_UP, SESSION


def _new_nonce() -> str:
    return secrets.token_urlsafe(32)


class SurveyKind(models.TextChoices):
    SESSION = SESSION, _("fin de séance")
    FOLLOW_UP = FOLLOW_UP, _("suivi après la certification")


class SurveyRequest(models.Model):
    """One person asked one survey. The link is ``<id>.<HMAC(SECRET_KEY, id, nonce)>``
    (``assessments.services.surveys.survey_token``): the database alone cannot forge it, and the
    reminder rebuilds it from the row."""

    Kind = SurveyKind

    kind = models.CharField(_("enquête"), max_length=10, choices=SurveyKind.choices)
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("inscription"),
        on_delete=models.PROTECT,
        related_name="survey_requests",
    )
    session = models.ForeignKey(
        "assessments.TrainingSession",
        verbose_name=_("séance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_requests",
    )
    nonce = models.CharField(max_length=64, default=_new_nonce, editable=False)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    deadline = models.DateTimeField(_("date limite"), null=True, blank=True)
    # Deliberately no answer time, not even an updated_at: it would match the response's submission.
    answered = models.BooleanField(_("répondue"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("demande d'enquête")
        verbose_name_plural = _("demandes d'enquête")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session"],
                condition=Q(kind=SESSION),
                name="assessments_survey_one_per_session",
            ),
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=Q(kind=FOLLOW_UP),
                name="assessments_survey_one_follow_up",
            ),
            models.CheckConstraint(
                condition=Q(kind=SESSION, session__isnull=False) | Q(kind=FOLLOW_UP, session__isnull=True),
                name="assessments_survey_kind_session",
            ),
        ]
        indexes = [models.Index(fields=["sent_at"], name="assessments_survey_sent")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.enrolment_id}"


class SurveyResponse(models.Model):
    """One anonymous set of answers: which survey, which cohort (and session), what, which day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("enquête"), max_length=10, choices=SurveyKind.choices)
    questionnaire = models.CharField(_("questionnaire"), max_length=40)
    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("promotion"),
        on_delete=models.PROTECT,
        related_name="survey_responses",
    )
    session = models.ForeignKey(
        "assessments.TrainingSession",
        verbose_name=_("séance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_responses",
    )
    answers = models.JSONField(_("réponses"), default=dict)
    submitted_on = models.DateField(_("reçue le"))

    class Meta:
        verbose_name = _("réponse à une enquête")
        verbose_name_plural = _("réponses aux enquêtes")
        ordering = ["kind", "submitted_on", "id"]
        indexes = [models.Index(fields=["cohort", "kind"], name="assessments_response_cohort")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.submitted_on:%d/%m/%Y}"
