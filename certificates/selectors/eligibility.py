"""Eligibility for certification, computed as data: ``eligible`` and the list of checks with reasons.

The programme's ``CertificationRule`` says what counts; each enabled rule gives a ``Check``:

- ``modules``: every live module of the programme completed (lessons and quiz, the rule of
  ``courses.selectors.progress.module_state``);
- ``quiz``: the mean of the best score of each quiz of the programme (a quiz never passed counts 0)
  at least ``min_quiz_score`` %;
- ``attendance``: at least ``min_attendance`` % of the cohort's closed half-days attended (excused
  absences per the programme's setting); no closed half-day yet is not enough;
- ``opinion``: the trainer's final opinion is favourable. « Réservé » is not met but can be overridden
  by a certifier with a motive (``overridable``); « défavorable » or no opinion cannot.

``cohort_eligibility`` reads a whole cohort in a fixed number of queries; ``enrolment_eligibility``
reads one learner for « Mon parcours »; ``eligibility_for_enrolments`` reads enrolments of any cohorts
and programmes at once (the URH dashboard), in a fixed number of queries whatever their number.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.db.models import Max
from django.utils.translation import gettext as _

from assessments.models import Quiz, QuizAttempt, TrainerOpinion
from assessments.scoring import as_decimal
from assessments.selectors.attendance import (
    AttendanceRate,
    attendance_rates_for,
    cohort_attendance_rates,
    enrolment_attendance_rate,
)
from assessments.selectors.results import cohort_quiz_results, programme_quizzes
from certificates.models import CertificationRule
from certificates.selectors.rules import rule_for
from courses.selectors.matrix import cohort_progress_matrix, module_completion, programme_modules
from courses.selectors.progress import ModuleState, programme_progress
from lms.numbers import french_decimal

MODULES, QUIZ, ATTENDANCE, OPINION = "modules", "quiz", "attendance", "opinion"


@dataclass(frozen=True)
class Check:
    code: str
    label: str  # what the rule asks, e.g. « Assiduité d'au moins 80 % »
    met: bool
    detail: str  # where the learner stands, e.g. « 75 % (3 demi-journées sur 4) »
    missing: str = ""  # what is missing, phrased for « Il vous manque : … »; empty when met
    overridable: bool = False  # not met, but a certifier may override it with a motive

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "label": self.label,
            "met": self.met,
            "detail": self.detail,
            "missing": self.missing,
            "overridable": self.overridable,
        }


@dataclass(frozen=True)
class Eligibility:
    enrolment_id: int
    checks: tuple[Check, ...] = field(default_factory=tuple)
    # Figures shown as evidence to certifiers.
    modules_completed: int = 0
    modules_total: int = 0
    quiz_average: Decimal | None = None
    attendance: AttendanceRate | None = None
    opinion: str = ""
    opinion_comment: str = ""

    @property
    def eligible(self) -> bool:
        return all(check.met for check in self.checks)

    @property
    def reasons(self) -> tuple[Check, ...]:
        """The checks not met: what is missing."""
        return tuple(check for check in self.checks if not check.met)

    @property
    def needs_override(self) -> bool:
        """Eligible but for a « réservé » opinion, which a certifier may override with a motive."""
        reasons = self.reasons
        return bool(reasons) and all(check.overridable for check in reasons)

    @property
    def approvable(self) -> bool:
        return self.eligible or self.needs_override

    def as_dict(self) -> dict:
        """JSON-ready, stored with each decision as the evidence it was taken on."""
        return {
            "eligible": self.eligible,
            "checks": [check.as_dict() for check in self.checks],
            "modules_completed": self.modules_completed,
            "modules_total": self.modules_total,
            "quiz_average": str(self.quiz_average) if self.quiz_average is not None else None,
            "attendance_percent": self.attendance.percent if self.attendance else None,
            "opinion": self.opinion,
        }


def cohort_eligibility(*, cohort) -> dict[int, Eligibility]:
    """{enrolment id: eligibility} for every enrolment of the cohort, in a fixed number of queries
    whatever its size. Expects ``cohort.programme`` loaded (``select_related("programme")``)."""
    rule = rule_for(cohort.programme)
    matrix = cohort_progress_matrix(cohort=cohort)
    results = cohort_quiz_results(cohort=cohort)
    rates = cohort_attendance_rates(cohort=cohort)
    opinions = {
        enrolment_id: (opinion, comment)
        for enrolment_id, opinion, comment in TrainerOpinion.objects.filter(
            enrolment__cohort=cohort
        ).values_list("enrolment_id", "opinion", "comment")
    }
    quiz_count = len(results.quizzes)
    bests = {row.enrolment_id: [cell.best if cell else None for cell in row.cells] for row in results.rows}
    eligibility = {}
    for row in matrix.rows:
        completed = sum(1 for cell in row.cells if cell.state == ModuleState.COMPLETED)
        eligibility[row.enrolment_id] = evaluate(
            rule,
            enrolment_id=row.enrolment_id,
            modules_completed=completed,
            modules_total=len(row.cells),
            quiz_average=quiz_average(bests.get(row.enrolment_id, []), quiz_count),
            attendance=rates.get(row.enrolment_id),
            opinion=opinions.get(row.enrolment_id, ("", "")),
        )
    return eligibility


def enrolment_eligibility(*, enrolment) -> Eligibility:
    """One learner's eligibility (about ten queries; ``enrolment.cohort.programme`` loaded)."""
    programme = enrolment.cohort.programme
    rule = rule_for(programme)
    progress = programme_progress(enrolment=enrolment)
    quiz_ids = [quiz["id"] for quiz in programme_quizzes(programme)]
    best_by_quiz = dict(
        QuizAttempt.objects.filter(enrolment=enrolment, quiz_id__in=quiz_ids)
        .values("quiz_id")
        .annotate(best=Max("score"))
        .order_by()
        .values_list("quiz_id", "best")
    )
    opinion = TrainerOpinion.objects.filter(enrolment=enrolment).values_list(
        "opinion", "comment"
    ).first() or ("", "")
    return evaluate(
        rule,
        enrolment_id=enrolment.pk,
        modules_completed=sum(1 for module in progress.modules if module.state == ModuleState.COMPLETED),
        modules_total=len(progress.modules),
        quiz_average=quiz_average([best_by_quiz.get(quiz_id) for quiz_id in quiz_ids], len(quiz_ids)),
        attendance=enrolment_attendance_rate(enrolment=enrolment),
        opinion=opinion,
    )


def eligibility_for_enrolments(*, enrolments) -> dict[int, Eligibility]:
    """{enrolment id: eligibility} for ``enrolments`` (a queryset, kept a subquery) of any cohorts and
    programmes, equal to what ``cohort_eligibility`` gives for each, in about twelve queries whatever
    the number of enrolments, cohorts and programmes."""
    from cms.models import ProgrammePage

    rows = list(enrolments.order_by().values_list("pk", "cohort__programme_id"))
    if not rows:
        return {}
    ids = enrolments.order_by().values("pk")
    programmes = list(ProgrammePage.objects.filter(pk__in={programme_id for _pk, programme_id in rows}))
    rules = _rules_for(programmes)
    modules = programme_modules(programmes=programmes)
    completion = module_completion(enrolments=ids, programmes=modules)
    quizzes = _quizzes_by_programme(modules)
    quiz_ids = [quiz_id for programme_quiz_ids in quizzes.values() for quiz_id in programme_quiz_ids]
    bests = {
        (row["enrolment_id"], row["quiz_id"]): row["best"]
        for row in QuizAttempt.objects.filter(enrolment_id__in=ids, quiz_id__in=quiz_ids)
        .values("enrolment_id", "quiz_id")
        .annotate(best=Max("score"))
        .order_by()
    }
    rates = attendance_rates_for(enrolments=enrolments)
    opinions = {
        enrolment_id: (opinion, comment)
        for enrolment_id, opinion, comment in TrainerOpinion.objects.filter(enrolment_id__in=ids).values_list(
            "enrolment_id", "opinion", "comment"
        )
    }
    eligibility = {}
    for enrolment_id, programme_id in rows:
        completed, total = completion.completed_modules(enrolment_id, programme_id)
        own_quizzes = quizzes.get(programme_id, [])
        eligibility[enrolment_id] = evaluate(
            rules[programme_id],
            enrolment_id=enrolment_id,
            modules_completed=completed,
            modules_total=total,
            quiz_average=quiz_average(
                [bests.get((enrolment_id, quiz_id)) for quiz_id in own_quizzes],
                len(own_quizzes),
            ),
            attendance=rates.get(enrolment_id),
            opinion=opinions.get(enrolment_id, ("", "")),
        )
    return eligibility


def _rules_for(programmes) -> dict[int, CertificationRule]:
    """{programme id: its rule, or the unsaved defaults} (1 query), as ``rule_for`` gives one."""
    saved = {rule.programme_id: rule for rule in CertificationRule.objects.filter(programme__in=programmes)}
    return {p.pk: saved.get(p.pk) or CertificationRule(programme=p) for p in programmes}


def _quizzes_by_programme(modules) -> dict[int, list[int]]:
    """{programme id: the quizzes of its live modules, in module order} (1 query), as
    ``programme_quizzes`` lists them."""
    programme_of = {column.id: pm.programme_id for pm in modules.values() for column in pm.modules}
    quizzes: dict[int, list[int]] = {}
    rows = (
        Quiz.objects.filter(module_id__in=list(programme_of))
        .order_by("module__path")
        .values_list("pk", "module_id")
    )
    for quiz_id, module_id in rows:
        quizzes.setdefault(programme_of[module_id], []).append(quiz_id)
    return quizzes


def quiz_average(bests: list[Decimal | None], quiz_count: int) -> Decimal | None:
    """Mean of the best scores over the programme's quizzes, a quiz without a graded attempt counting
    0; None when the programme has no quiz."""
    if not quiz_count:
        return None
    total = sum((Fraction(best) for best in bests if best is not None), Fraction(0))
    return as_decimal(total / quiz_count)


def evaluate(
    rule: CertificationRule,
    *,
    enrolment_id: int,
    modules_completed: int,
    modules_total: int,
    quiz_average: Decimal | None,
    attendance: AttendanceRate | None,
    opinion: tuple[str, str],
) -> Eligibility:
    checks = []
    if rule.require_all_modules:
        checks.append(_modules_check(modules_completed, modules_total))
    if rule.min_quiz_score is not None:
        checks.append(_quiz_check(rule.min_quiz_score, quiz_average))
    if rule.min_attendance is not None:
        checks.append(_attendance_check(rule.min_attendance, attendance))
    if rule.require_favourable_opinion:
        checks.append(_opinion_check(opinion[0]))
    return Eligibility(
        enrolment_id=enrolment_id,
        checks=tuple(checks),
        modules_completed=modules_completed,
        modules_total=modules_total,
        quiz_average=quiz_average,
        attendance=attendance,
        opinion=opinion[0],
        opinion_comment=opinion[1],
    )


def _modules_check(completed: int, total: int) -> Check:
    met = bool(total) and completed >= total
    remaining = total - completed
    return Check(
        code=MODULES,
        label=_("Tous les modules terminés"),
        met=met,
        detail=_("%(completed)s module(s) terminé(s) sur %(total)s")
        % {"completed": completed, "total": total},
        missing=""
        if met
        else _("terminer %(remaining)s module(s) (leçons et quiz)") % {"remaining": remaining or total},
    )


def _quiz_check(minimum: int, average: Decimal | None) -> Check:
    label = _("Moyenne aux quiz d'au moins %(minimum)s %%") % {"minimum": minimum}
    if average is None:  # a programme without quiz: nothing to pass
        return Check(code=QUIZ, label=label, met=True, detail=_("aucun quiz dans le programme"))
    met = average >= minimum
    shown = french_decimal(average)
    return Check(
        code=QUIZ,
        label=label,
        met=met,
        detail=_("moyenne actuelle : %(average)s %%") % {"average": shown},
        missing=""
        if met
        else _("une moyenne d'au moins %(minimum)s %% aux quiz (actuellement %(average)s %%)")
        % {"minimum": minimum, "average": shown},
    )


def _attendance_check(minimum: int, rate: AttendanceRate | None) -> Check:
    label = _("Assiduité d'au moins %(minimum)s %% des demi-journées") % {"minimum": minimum}
    percent = rate.percent if rate is not None else None
    if percent is None:
        return Check(
            code=ATTENDANCE,
            label=label,
            met=False,
            detail=_("aucune demi-journée close pour l'instant"),
            missing=_("assister aux demi-journées de formation (aucune n'est encore close)"),
        )
    met = percent >= minimum
    detail = _("%(percent)s %% (%(attended)s demi-journée(s) sur %(counted)s)") % {
        "percent": percent,
        "attended": rate.attended,
        "counted": rate.counted,
    }
    return Check(
        code=ATTENDANCE,
        label=label,
        met=met,
        detail=detail,
        missing=""
        if met
        else _("une assiduité d'au moins %(minimum)s %% (actuellement %(percent)s %%)")
        % {"minimum": minimum, "percent": percent},
    )


def _opinion_check(opinion: str) -> Check:
    label = _("Avis favorable du formateur ou de la formatrice")
    if opinion == TrainerOpinion.Opinion.FAVOURABLE:
        return Check(code=OPINION, label=label, met=True, detail=_("avis favorable"))
    if opinion == TrainerOpinion.Opinion.RESERVED:
        return Check(
            code=OPINION,
            label=label,
            met=False,
            detail=_("avis réservé"),
            missing=_("un avis favorable du formateur (l'avis est réservé : le certificateur décidera)"),
            overridable=True,
        )
    if opinion == TrainerOpinion.Opinion.UNFAVOURABLE:
        return Check(
            code=OPINION,
            label=label,
            met=False,
            detail=_("avis défavorable"),
            missing=_("un avis favorable du formateur (l'avis donné est défavorable)"),
        )
    return Check(
        code=OPINION,
        label=label,
        met=False,
        detail=_("pas encore d'avis"),
        missing=_("l'avis du formateur ou de la formatrice, donné en fin de parcours"),
    )
