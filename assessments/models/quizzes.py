"""Quizzes, learners' attempts and their saved answers.

A quiz belongs to one module page and is written in Wagtail (a snippet with a StreamField of
questions). When a learner starts an attempt, the questions are copied into the attempt in the order
they are shown: grading, review and item analysis read that copy, so an edit to the quiz never
changes a score already given, and the copy never leaves the server with its key.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from assessments.blocks import QuizQuestionsBlock


class ReviewLevel(models.TextChoices):
    """What the learner sees of a graded attempt, from least to most."""

    NOTHING = "nothing", _("rien (tentative enregistrée)")
    SCORE = "score", _("la note et le résultat")
    CORRECTNESS = "correctness", _("la note et, par question, juste ou faux")
    FULL = "full", _("tout : bonnes réponses, commentaires et explications")


REVIEW_ORDER = [ReviewLevel.NOTHING, ReviewLevel.SCORE, ReviewLevel.CORRECTNESS, ReviewLevel.FULL]


class Quiz(index.Indexed, models.Model):
    module = models.OneToOneField(
        "cms.ModulePage", verbose_name=_("module"), on_delete=models.CASCADE, related_name="quiz"
    )
    title = models.CharField(_("titre"), max_length=200)
    intro = RichTextField(_("consignes"), blank=True, features=["bold", "italic", "ul", "link"])
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("questions"))
    pass_mark = models.PositiveSmallIntegerField(
        _("seuil de réussite (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("tentatives autorisées"), default=3, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("durée limite (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Laisser vide pour un quiz sans limite de temps."),
    )
    shuffle_questions = models.BooleanField(_("mélanger les questions"), default=True)
    shuffle_choices = models.BooleanField(_("mélanger les réponses proposées"), default=True)
    review_after_submit = models.CharField(
        _("après chaque tentative, l'apprenant·e voit"),
        max_length=12,
        choices=ReviewLevel.choices,
        default=ReviewLevel.SCORE,
    )
    review_after_pass = models.CharField(
        _("une fois le quiz réussi, il ou elle voit"),
        max_length=12,
        choices=ReviewLevel.choices,
        default=ReviewLevel.FULL,
    )
    review_after_last_attempt = models.CharField(
        _("après la dernière tentative, il ou elle voit"),
        max_length=12,
        choices=ReviewLevel.choices,
        default=ReviewLevel.FULL,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What the content import last wrote (see assessments.importer): an edit in Wagtail moves
    # ``updated_at`` past ``imported_at``, and the import then leaves the quiz alone.
    imported_hash = models.CharField(max_length=64, blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True, editable=False)

    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quiz")
        ordering = ["module__path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_mark__gte=1, pass_mark__lte=100),
                name="assessments_quiz_pass_mark",
                violation_error_message=_("Le seuil de réussite est compris entre 1 et 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(attempts_allowed__gte=1),
                name="assessments_quiz_attempts",
                violation_error_message=_("Au moins une tentative doit être autorisée."),
            ),
            models.CheckConstraint(
                condition=Q(time_limit_minutes__isnull=True) | Q(time_limit_minutes__gte=1),
                name="assessments_quiz_time_limit",
                violation_error_message=_("La durée limite est d'au moins une minute."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class QuizAttempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("en cours")
        GRADED = "graded", _("corrigée")

    class CloseReason(models.TextChoices):
        SUBMITTED = "submitted", _("envoyée par l'apprenant·e")
        DEADLINE = "deadline", _("temps écoulé")

    enrolment = models.ForeignKey(
        "courses.Enrolment", verbose_name=_("inscription"), on_delete=models.PROTECT, related_name="attempts"
    )
    quiz = models.ForeignKey(Quiz, verbose_name=_("quiz"), on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("tentative n°"))
    state = models.CharField(_("état"), max_length=12, choices=State.choices, default=State.IN_PROGRESS)
    content = models.JSONField(
        _("questions posées"), help_text=_("Copie des questions, dans l'ordre montré.")
    )
    started_at = models.DateTimeField(_("commencée le"), default=timezone.now)
    deadline = models.DateTimeField(_("à rendre avant"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    close_reason = models.CharField(_("clôture"), max_length=12, choices=CloseReason.choices, blank=True)
    score = models.DecimalField(_("note (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("réussie"), null=True, blank=True)

    class Meta:
        verbose_name = _("tentative")
        verbose_name_plural = _("tentatives")
        ordering = ["enrolment", "quiz", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="assessments_attempt_number"
            ),
            models.UniqueConstraint(
                fields=["enrolment", "quiz"],
                condition=Q(state="in_progress"),
                name="assessments_attempt_one_open",
            ),
            models.CheckConstraint(
                condition=Q(state="in_progress") | Q(score__isnull=False, closed_at__isnull=False),
                name="assessments_attempt_graded_has_score",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100),
                name="assessments_attempt_score_range",
            ),
        ]
        indexes = [models.Index(fields=["state", "deadline"], name="assessments_attempt_open")]

    def __str__(self) -> str:
        return f"{self.quiz} — {self.enrolment} — n° {self.number}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.IN_PROGRESS


class AttemptAnswer(models.Model):
    """The choices a learner ticked for one question of an attempt (none = no answer)."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="answers")
    question_key = models.CharField(max_length=64)
    choice_keys = models.JSONField(default=list)
    saved_at = models.DateTimeField(default=timezone.now)
    score = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question_key"], name="assessments_answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id} — {self.question_key}"
