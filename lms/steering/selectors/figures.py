"""The dashboard's figures as values: counts that add up, and rates computed from the sums.

A group's rate is never the mean of its parts' rates: each figure keeps its numerator and denominator
(attended and expected half-days, quizzes passed and tried), added cell by cell, so that a cohort of
200 weighs more than a cohort of 5, as it should.
"""

from dataclasses import dataclass
from operator import add

from django.utils.translation import gettext_lazy as _

# The progress buckets, in percent of the counted lessons completed (rounded down): 0, 1-24 … 100.
PROGRESS_BUCKETS = (
    (0, 0, _("0 %")),
    (1, 24, _("1 à 24 %")),
    (25, 49, _("25 à 49 %")),
    (50, 74, _("50 à 74 %")),
    (75, 99, _("75 à 99 %")),
    (100, 100, _("100 %")),
)
NO_VALUE = "—"


def progress_bucket(completed: int, total: int) -> int:
    """The bucket (index in ``PROGRESS_BUCKETS``) of ``completed`` lessons out of ``total``, with the
    matrix's rounded-down percentage; no lesson to count is 0 %."""
    if not total or completed <= 0:
        return 0
    if completed >= total:
        return 5
    percent = completed * 100 // total
    return next(n for n, (low, high, _label) in enumerate(PROGRESS_BUCKETS) if low <= percent <= high)


def progress_thresholds(total: int) -> tuple[int, int, int]:
    """The fewest completed lessons out of ``total`` that reach 25, 50 and 75 %: whole numbers that SQL
    compares with a count, so that it never divides (and rounds as the matrix does)."""
    return tuple(-(-share * total // 100) for share in (25, 50, 75))


@dataclass(frozen=True)
class Rate:
    """``part`` out of ``whole``, shown as « 83 % » (rounded down) or « — » when there is no whole."""

    part: int
    whole: int

    @property
    def percent(self) -> int | None:
        return self.part * 100 // self.whole if self.whole > 0 else None

    def __str__(self) -> str:
        percent = self.percent
        return NO_VALUE if percent is None else f"{percent}\u00a0%"


@dataclass(frozen=True)
class Figures:
    """The counts of a group of learners; field names follow ``Enrolment.Status`` for the statuses."""

    invited: int = 0
    active: int = 0
    completed: int = 0
    withdrawn: int = 0
    progress: tuple[int, ...] = (0,) * len(PROGRESS_BUCKETS)  # learners counted, per bucket
    attended: int = 0  # half-days
    expected: int = 0
    quizzes_tried: int = 0  # (learner, quiz) pairs with a graded attempt
    quizzes_passed: int = 0
    eligible: int = 0
    certified: int = 0
    valid: int = 0

    def __add__(self, other: "Figures") -> "Figures":
        # Written out field by field: the dashboard adds thousands of these per page, and a loop over
        # ``dataclasses.fields()`` with getattr made it a third of the page's time (bench/NOTES.md).
        a, b = self, other
        return Figures(
            a.invited + b.invited,
            a.active + b.active,
            a.completed + b.completed,
            a.withdrawn + b.withdrawn,
            tuple(map(add, a.progress, b.progress)),
            a.attended + b.attended,
            a.expected + b.expected,
            a.quizzes_tried + b.quizzes_tried,
            a.quizzes_passed + b.quizzes_passed,
            a.eligible + b.eligible,
            a.certified + b.certified,
            a.valid + b.valid,
        )

    @property
    def enrolled(self) -> int:
        """Enrolments accepted: in training, finished or withdrawn (pending invitations apart)."""
        return self.active + self.completed + self.withdrawn

    @property
    def counted(self) -> int:
        """The learners progress, attendance, quizzes and eligibility are about."""
        return self.active + self.completed

    @property
    def attendance(self) -> Rate:
        return Rate(self.attended, self.expected)

    @property
    def quiz_pass(self) -> Rate:
        return Rate(self.quizzes_passed, self.quizzes_tried)

    @property
    def certification(self) -> Rate:
        return Rate(self.certified, self.enrolled)

    @property
    def progress_rows(self) -> tuple[tuple[str, int], ...]:
        """(bucket label, learners) for the tables and the chart."""
        return tuple(
            (str(label), count)
            for (_low, _high, label), count in zip(PROGRESS_BUCKETS, self.progress, strict=True)
        )
