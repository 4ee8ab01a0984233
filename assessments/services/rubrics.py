"""Writes of rubric scoring: a trainer's evaluation of a learner, its publication, the trainer's opinion.

Who may write: the trainers of the enrolment's cohort (``cohort.trainers``) and managers; certifiers
and learners only read. Every write validates its whole input before touching the database and is
safe to repeat: saving the same scores twice, publishing twice or giving the same opinion twice
changes nothing the second time.

A published evaluation can still be corrected by a trainer: it stays published, so the learner sees
the corrected scores at once, and its ``updated_at`` (later than ``published_at``) records that it
changed after publication; "Mes évaluations" says so. A save that changes nothing writes nothing, so
a double click never looks like a correction.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import CriterionScore, Evaluation, Rubric, TrainerOpinion, TrainingSession
from assessments.permissions import user_can_score
from assessments.scoring import as_decimal
from courses.models import Enrolment
from lms.audit import services as audit
from lms.errors import LMSError, NotAllowed

NOT_YOUR_COHORT = _(
    "Seul·es les formateur·rices de la promotion et les gestionnaires peuvent évaluer ses apprenant·es."
)
NOT_JOINED = _("Cette personne n'a pas encore rejoint la promotion : elle ne peut pas être évaluée.")
RUBRIC_NOT_IN_PROGRAMME = _("Cette grille n'appartient pas au programme de la promotion.")
SESSION_NOT_IN_COHORT = _("Cette séance n'appartient pas à la promotion de l'apprenant·e.")
RUBRIC_WITHOUT_CRITERIA = _("Cette grille n'a aucun critère : elle ne peut pas servir à évaluer.")
UNKNOWN_CRITERION = _("Une note porte sur un critère qui ne fait pas partie de la grille « %(rubric)s ».")
MISSING_SCORE = _("Le critère « %(criterion)s » n'est pas noté : chaque critère de la grille doit l'être.")
OUT_OF_SCALE = _("La note du critère « %(criterion)s » doit être un nombre entier de 0 à %(max)s.")
COMMENT_TOO_LONG = _("Le commentaire du critère « %(criterion)s » dépasse %(max)s caractères.")
UNKNOWN_OPINION = _("Choisissez un avis : favorable, réservé ou défavorable.")
OPINION_NEEDS_COMMENT = _("Motivez votre avis : le commentaire est obligatoire.")

CRITERION_COMMENT_MAX = CriterionScore._meta.get_field("comment").max_length


class ScoreError(LMSError):
    """Bad score input; ``criterion_id`` points the form at the criterion concerned (None: none)."""

    def __init__(self, message, *, code: str, criterion_id: int | None = None):
        super().__init__(message, code=code)
        self.criterion_id = criterion_id


def _check_can_score(user, enrolment: Enrolment) -> None:
    if not user_can_score(user, enrolment.cohort):
        raise NotAllowed(NOT_YOUR_COHORT, code="not_your_cohort")


def check_scope(*, enrolment: Enrolment, rubric: Rubric, session: TrainingSession | None) -> None:
    """The rubric must be of the cohort's programme, the session (if any) of the cohort (else 400)."""
    if enrolment.status == Enrolment.Status.INVITED:
        raise LMSError(NOT_JOINED, code="not_joined")
    if rubric.programme_id != enrolment.cohort.programme_id:
        raise LMSError(RUBRIC_NOT_IN_PROGRAMME, code="other_programme")
    if session is not None and session.cohort_id != enrolment.cohort_id:
        raise LMSError(SESSION_NOT_IN_COHORT, code="other_cohort")


def weighted_percent(levels: list[tuple[int, int]], scale_max: int) -> Fraction:
    """Σ(score × weight) / Σ(scale_max × weight) × 100, exact; ``levels`` are (score, weight) pairs."""
    top = sum(scale_max * weight for _score, weight in levels)
    return Fraction(100 * sum(score * weight for score, weight in levels), top)


def _text(value) -> str:
    # PostgreSQL text cannot hold NUL characters; nobody types them, so they are dropped, not refused.
    return str(value or "").replace("\x00", "").strip()


def _level(value) -> int | None:
    """An integer level from an int or a string of digits; None for anything else (bool included)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return int(value.strip())
    return None


@dataclass(frozen=True)
class _Clean:
    levels: dict[int, tuple[int, str]]  # criterion id: (level, comment)
    percent: Fraction


def validate_scores(rubric: Rubric, scores: Mapping) -> _Clean:
    """Check every score against the rubric before anything is written; returns the clean values."""
    criteria = list(rubric.criteria.all())
    if not criteria:
        raise ScoreError(RUBRIC_WITHOUT_CRITERIA, code="no_criteria")
    known = {criterion.pk for criterion in criteria}
    for key in scores:
        if _level(key) not in known:
            raise ScoreError(UNKNOWN_CRITERION % {"rubric": rubric.title}, code="unknown_criterion")
    by_id = {_level(key): value for key, value in scores.items()}
    levels = {}
    for criterion in criteria:
        levels[criterion.pk] = _criterion_level(criterion, by_id.get(criterion.pk), rubric.scale_max)
    percent = weighted_percent([(levels[c.pk][0], c.weight) for c in criteria], rubric.scale_max)
    return _Clean(levels=levels, percent=percent)


def _criterion_level(criterion, value, scale_max: int) -> tuple[int, str]:
    named = {"criterion": criterion.label, "max": scale_max}
    score, comment = value if isinstance(value, tuple | list) and len(value) == 2 else (value, "")
    if score is None or score == "":
        raise ScoreError(MISSING_SCORE % named, code="missing", criterion_id=criterion.pk)
    level = _level(score)
    if level is None or not 0 <= level <= scale_max:
        raise ScoreError(OUT_OF_SCALE % named, code="out_of_scale", criterion_id=criterion.pk)
    comment = _text(comment)
    if len(comment) > CRITERION_COMMENT_MAX:
        named["max"] = CRITERION_COMMENT_MAX
        raise ScoreError(COMMENT_TOO_LONG % named, code="too_long", criterion_id=criterion.pk)
    return level, comment


def save_evaluation(
    *,
    enrolment: Enrolment,
    rubric: Rubric,
    session: TrainingSession | None = None,
    scores: Mapping,
    comment: str = "",
    acting_user,
) -> Evaluation:
    """Create or correct the evaluation of ``enrolment`` with ``rubric`` (for ``session``, or the practical).

    ``scores`` maps each criterion id to ``(score, comment)``. Every criterion must be scored with an
    integer of the scale; otherwise a ``ScoreError`` (400) names the criterion and nothing is written.
    """
    _check_can_score(acting_user, enrolment)
    check_scope(enrolment=enrolment, rubric=rubric, session=session)
    clean = validate_scores(rubric, scores)
    values = {"comment": _text(comment), "score": as_decimal(clean.percent)}
    try:
        with transaction.atomic():
            return _upsert(enrolment, rubric, session, clean, values, acting_user)
    except IntegrityError:  # a concurrent first save won the race (SQLite has no row locks)
        with transaction.atomic():
            return _upsert(enrolment, rubric, session, clean, values, acting_user)


def _upsert(enrolment, rubric, session, clean: _Clean, values: dict, acting_user) -> Evaluation:
    # Saves for one learner queue up behind this lock, so the read below cannot go stale.
    Enrolment.objects.select_for_update(of=("self",)).filter(pk=enrolment.pk).order_by().first()
    evaluation = Evaluation.objects.filter(enrolment=enrolment, rubric=rubric, session=session).first()
    if evaluation is None:
        evaluation = Evaluation.objects.create(
            enrolment=enrolment, rubric=rubric, session=session, trainer=acting_user, **values
        )
        stored = {}
    else:
        stored = {s.criterion_id: s for s in evaluation.scores.all()}
        if _unchanged(evaluation, stored, clean, values):
            return evaluation
        # The trainer field names who is answerable for the scores as they now stand.
        for field, value in {**values, "trainer": acting_user}.items():
            setattr(evaluation, field, value)
        evaluation.save(update_fields=[*values, "trainer", "updated_at"])
    audit.record(
        actor=acting_user,
        action=audit.Action.EVALUATION_SAVED,
        obj=evaluation,
        before={"scores": {pk: row.score for pk, row in stored.items()}} if stored else None,
        after={
            "enrolment": evaluation.enrolment_id,
            "score": evaluation.score,
            "scores": {pk: level for pk, (level, _c) in clean.levels.items()},
        },
    )
    _write_scores(evaluation, stored, clean)
    return evaluation


def _unchanged(evaluation: Evaluation, stored: dict, clean: _Clean, values: dict) -> bool:
    if evaluation.comment != values["comment"] or evaluation.score != values["score"]:
        return False
    current = {pk: (s.score, s.comment) for pk, s in stored.items()}
    return current == clean.levels


def _write_scores(evaluation: Evaluation, stored: dict, clean: _Clean) -> None:
    changed, new = [], []
    for criterion_id, (level, comment) in clean.levels.items():
        row = stored.get(criterion_id)
        if row is None:
            new.append(
                CriterionScore(evaluation=evaluation, criterion_id=criterion_id, score=level, comment=comment)
            )
        elif (row.score, row.comment) != (level, comment):
            row.score, row.comment = level, comment
            changed.append(row)
    CriterionScore.objects.bulk_create(new)
    CriterionScore.objects.bulk_update(changed, ["score", "comment"])


def publish_evaluation(*, evaluation: Evaluation, acting_user) -> Evaluation:
    """Show the evaluation to its learner. Sets ``published_at`` once; publishing again changes nothing."""
    _check_can_score(acting_user, evaluation.enrolment)
    # A conditional UPDATE: two concurrent publishes set the date once, and ``updated_at`` is untouched
    # so that it keeps meaning "last scored".
    with transaction.atomic():
        unpublished = Evaluation.objects.filter(pk=evaluation.pk, published_at__isnull=True)
        if unpublished.update(published_at=timezone.now()):
            audit.record(actor=acting_user, action=audit.Action.EVALUATION_PUBLISHED, obj=evaluation)
    evaluation.refresh_from_db(fields=["published_at"])
    return evaluation


def give_opinion(*, enrolment: Enrolment, opinion: str, comment: str, acting_user) -> TrainerOpinion:
    """The trainer's final opinion on ``enrolment``, with its mandatory motivation (create or change).

    ``given_at`` is the time of the last change of the opinion or its motivation; giving the same
    opinion again changes nothing.
    """
    _check_can_score(acting_user, enrolment)
    if enrolment.status == Enrolment.Status.INVITED:
        raise LMSError(NOT_JOINED, code="not_joined")
    if opinion not in TrainerOpinion.Opinion.values:
        raise LMSError(UNKNOWN_OPINION, code="unknown_opinion")
    comment = _text(comment)
    if not comment:
        raise LMSError(OPINION_NEEDS_COMMENT, code="no_comment")
    try:
        with transaction.atomic():
            return _upsert_opinion(enrolment, opinion, comment, acting_user)
    except IntegrityError:  # a concurrent first opinion won the race
        with transaction.atomic():
            return _upsert_opinion(enrolment, opinion, comment, acting_user)


def _upsert_opinion(enrolment: Enrolment, opinion: str, comment: str, acting_user) -> TrainerOpinion:
    current = TrainerOpinion.objects.select_for_update().filter(enrolment=enrolment).first()
    now = timezone.now()
    after = {"opinion": opinion, "comment": comment, "enrolment": enrolment.pk}
    if current is None:
        created = TrainerOpinion.objects.create(
            enrolment=enrolment, opinion=opinion, comment=comment, trainer=acting_user, given_at=now
        )
        audit.record(actor=acting_user, action=audit.Action.OPINION_GIVEN, obj=created, after=after)
        return created
    if (current.opinion, current.comment) == (opinion, comment):
        return current
    before = {"opinion": current.opinion, "comment": current.comment, "enrolment": enrolment.pk}
    audit.record(
        actor=acting_user, action=audit.Action.OPINION_GIVEN, obj=current, before=before, after=after
    )
    current.opinion, current.comment, current.trainer, current.given_at = opinion, comment, acting_user, now
    current.save(update_fields=["opinion", "comment", "trainer", "given_at", "updated_at"])
    return current
