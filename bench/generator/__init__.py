"""Seeded, reproducible data generator for the sizes of quality.md (see ``bench.generate``)."""

from bench.generator.build import (
    BENCH_EMAIL_DOMAIN,
    BENCH_PASSWORD,
    AlreadyGenerated,
    generate,
    has_generated_data,
    reset,
)
from bench.generator.sizes import SIZES, Size

__all__ = [
    "BENCH_EMAIL_DOMAIN",
    "BENCH_PASSWORD",
    "SIZES",
    "AlreadyGenerated",
    "Size",
    "generate",
    "has_generated_data",
    "reset",
]
