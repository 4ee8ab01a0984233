"""Training sessions (one half-day each) and their attendance register.

One ``TrainingSession`` is one half-day of one cohort: the unit of attendance proof (a full day is two
sessions). Each learner has at most one ``Attendance`` row per session. The trainer closes the session,
which co-signs the register and stores its seal (a hash over its rows, ``assessments.seal``); after
that, a change needs a reason and leaves an ``AttendanceChange`` row (who, when, before, after).
"""

import datetime
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def _new_key() -> str:
    return secrets.token_hex(16)


class TrainingSession(models.Model):
    class HalfDay(models.TextChoices):
        MORNING = "am", _("matin")
        AFTERNOON = "pm", _("après-midi")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("présentiel")
        REMOTE = "remote", _("distanciel")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("programmée")
        CLOSED = "closed", _("close et co-signée")

    DEFAULT_TIMES = {
        HalfDay.MORNING: (datetime.time(9, 0), datetime.time(12, 30)),
        HalfDay.AFTERNOON: (datetime.time(13, 30), datetime.time(17, 0)),
    }

    cohort = models.ForeignKey(
        "courses.Cohort", verbose_name=_("promotion"), on_delete=models.PROTECT, related_name="sessions"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    date = models.DateField(_("date"))
    half_day = models.CharField(_("demi-journée"), max_length=2, choices=HalfDay.choices)
    starts_at = models.TimeField(_("début"))
    ends_at = models.TimeField(_("fin"))
    mode = models.CharField(_("modalité"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    place = models.TextField(_("lieu (adresse)"), blank=True)
    visio_url = models.URLField(_("lien de la visioconférence"), blank=True)
    modules = models.ManyToManyField(
        "cms.ModulePage", verbose_name=_("modules abordés"), blank=True, related_name="+"
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("formateur·rices"), related_name="training_sessions"
    )
    state = models.CharField(_("état"), max_length=10, choices=State.choices, default=State.SCHEDULED)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-signée par"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    seal = models.CharField(_("sceau du registre"), max_length=64, blank=True)
    # Per-session secret of the rotating QR code: a token of one session says nothing of another's.
    qr_key = models.CharField(max_length=32, default=_new_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["date", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "date", "half_day"],
                name="assessments_session_one_per_half_day",
                violation_error_message=_("Cette promotion a déjà une séance sur cette demi-journée."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="assessments_session_times",
                violation_error_message=_("La fin de la séance doit suivre son début."),
            ),
            models.CheckConstraint(
                condition=Q(state="scheduled") | Q(closed_at__isnull=False, closed_by__isnull=False),
                name="assessments_session_closed_signed",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "date"], name="assessments_session_cohort")]

    def __str__(self) -> str:
        return f"{self.title} — {self.date:%d/%m/%Y} ({self.get_half_day_display()})"

    @property
    def is_closed(self) -> bool:
        return self.state == self.State.CLOSED

    def _aware(self, time: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(self.date, time, tzinfo=ZoneInfo(settings.TIME_ZONE))

    @property
    def start(self) -> datetime.datetime:
        return self._aware(self.starts_at)

    @property
    def end(self) -> datetime.datetime:
        return self._aware(self.ends_at)

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


class Attendance(models.Model):
    """One learner at one session: status, times, how it was recorded and the learner's attestation."""

    class Status(models.TextChoices):
        PRESENT = "present", _("présent·e")
        LATE = "late", _("en retard")
        EXCUSED = "excused", _("absent·e excusé·e")
        ABSENT = "absent", _("absent·e")

    class Method(models.TextChoices):
        QR = "qr", _("QR code scanné par l'apprenant·e")
        TRAINER = "trainer", _("pointage par le formateur ou la formatrice")
        CONFIRMATION = "confirmation", _("confirmation en ligne par l'apprenant·e")

    ATTENDED = (Status.PRESENT, Status.LATE)

    session = models.ForeignKey(
        TrainingSession, verbose_name=_("séance"), on_delete=models.PROTECT, related_name="attendances"
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("inscription"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    status = models.CharField(_("présence"), max_length=8, choices=Status.choices)
    arrived_at = models.TimeField(_("arrivée"), null=True, blank=True)
    left_at = models.TimeField(_("départ"), null=True, blank=True)
    comment = models.CharField(_("commentaire"), max_length=500, blank=True)
    method = models.CharField(_("enregistrée par"), max_length=12, choices=Method.choices)
    attested_at = models.DateTimeField(_("attestée par l'apprenant·e le"), null=True, blank=True)
    attested_ip = models.GenericIPAddressField(_("adresse IP de l'attestation"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    marked_at = models.DateTimeField(_("enregistrée le"))

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        ordering = ["session", "enrolment"]
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="assessments_attendance_unique"),
            models.CheckConstraint(
                condition=Q(arrived_at__isnull=True)
                | Q(left_at__isnull=True)
                | Q(left_at__gte=F("arrived_at")),
                name="assessments_attendance_times",
                violation_error_message=_("L'heure de départ ne peut pas précéder l'heure d'arrivée."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.session}"

    @property
    def attended(self) -> bool:
        return self.status in self.ATTENDED


class AttendanceChange(models.Model):
    """Append-only history of a change made to a closed register, with its reason."""

    attendance = models.ForeignKey(Attendance, on_delete=models.PROTECT, related_name="changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(_("modifiée le"))
    reason = models.TextField(_("motif"))
    before = models.JSONField(_("avant"))
    after = models.JSONField(_("après"))
    seal_before = models.CharField(max_length=64)
    seal_after = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("modification du registre")
        verbose_name_plural = _("modifications du registre")
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="assessments_change_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.attendance} — {self.changed_at:%d/%m/%Y %H:%M}"
