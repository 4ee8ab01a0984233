"""The data sizes of quality.md (modelled on Moodle's generator sizes)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    name: str
    learners: int
    cohorts: int
    sessions: int  # 6 half-days per cohort
    attempts: int  # graded quiz attempts, in all


SIZES = {
    size.name: size
    for size in (
        Size("XS", 10, 1, 6, 50),
        Size("S", 100, 5, 30, 1_000),
        Size("M", 1_000, 50, 300, 20_000),
        Size("L", 10_000, 500, 3_000, 200_000),
        Size("XL", 100_000, 5_000, 30_000, 2_000_000),
    )
}
