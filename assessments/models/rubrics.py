"""Scoring grids (rubrics) written by managers, trainers' evaluations with them, and the trainer's opinion.

A rubric has weighted criteria scored on a shared scale 0..``scale_max``, with one descriptor per
level for each criterion. An ``Evaluation`` is one trainer's scoring of one learner with one rubric,
either for a session or, without a session, for the cohort's practical assessment; learners see it
once it is published. ``TrainerOpinion`` is the final opinion on an enrolment, used by certification.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable


class Rubric(ClusterableModel):
    programme = models.ForeignKey(
        "cms.ProgrammePage", verbose_name=_("programme"), on_delete=models.PROTECT, related_name="rubrics"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("consignes"), blank=True)
    scale_max = models.PositiveSmallIntegerField(
        _("note maximale de l'échelle"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Chaque critère est noté de 0 à cette valeur."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("grille d'évaluation")
        verbose_name_plural = _("grilles d'évaluation")
        ordering = ["programme", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gte=1, scale_max__lte=10), name="assessments_rubric_scale"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(Orderable):
    rubric = ParentalKey(Rubric, on_delete=models.CASCADE, related_name="criteria")
    label = models.CharField(_("critère"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("coefficient"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    descriptors = models.TextField(
        _("descripteurs des niveaux"),
        help_text=_("Une ligne par niveau, du niveau 0 au niveau maximal de l'échelle."),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("critère")
        verbose_name_plural = _("critères")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1), name="assessments_criterion_weight")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def levels(self) -> list[str]:
        return [line.strip() for line in self.descriptors.splitlines() if line.strip()]


class Evaluation(models.Model):
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("inscription"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    rubric = models.ForeignKey(Rubric, verbose_name=_("grille"), on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        "assessments.TrainingSession",
        verbose_name=_("séance"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
        help_text=_("Vide : l'évaluation pratique de la promotion."),
    )
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("commentaire général"), blank=True)
    score = models.DecimalField(_("note pondérée (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "rubric", "session"],
                condition=Q(session__isnull=False),
                name="assessments_evaluation_per_session",
            ),
            models.UniqueConstraint(
                fields=["enrolment", "rubric"],
                condition=Q(session__isnull=True),
                name="assessments_evaluation_practical",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="assessments_evaluation_score_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rubric} — {self.enrolment}"


class CriterionScore(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("note"), validators=[MaxValueValidator(10)])
    comment = models.CharField(_("commentaire"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("note par critère")
        verbose_name_plural = _("notes par critère")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "criterion"], name="assessments_criterion_score_unique"
            ),
            models.CheckConstraint(condition=Q(score__lte=10), name="assessments_criterion_score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class TrainerOpinion(models.Model):
    class Opinion(models.TextChoices):
        FAVOURABLE = "favourable", _("favorable")
        RESERVED = "reserved", _("réservé")
        UNFAVOURABLE = "unfavourable", _("défavorable")

    enrolment = models.OneToOneField(
        "courses.Enrolment",
        verbose_name=_("inscription"),
        on_delete=models.PROTECT,
        related_name="trainer_opinion",
    )
    opinion = models.CharField(_("avis"), max_length=12, choices=Opinion.choices)
    comment = models.TextField(_("motivation"))
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField(_("donné le"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("avis du formateur")
        verbose_name_plural = _("avis des formateurs")
        constraints = [
            models.CheckConstraint(condition=~Q(comment=""), name="assessments_opinion_has_comment")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} — {self.get_opinion_display()}"
