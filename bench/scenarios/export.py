"""CSV export of all attempts vs a raw ``COPY … TO STDOUT CSV`` of the attempts table: >= 0.3x its
rows/s, peak memory flat (streamed). The measurement itself is ``bench.scenarios.export_csv.measure``."""

from bench.results import Result


def run(ctx) -> Result:
    from bench.scenarios.export_csv import measure

    figures = measure(repeat=1 if ctx.quick else 3)
    small, large = figures["peak_kib_small"], figures["peak_kib_large"]
    return Result(
        scenario="csv_export_attempts",
        size=ctx.size,
        value=figures["export_rows_per_s"],
        baseline=figures["copy_rows_per_s"],
        unit="rows/s",
        target=0.3,
        checks={"memory_flat": large <= 1.5 * small + 256},
        notes=[
            f"{figures['rows']} tentatives ; COPY brut {figures['copy_rows_per_s']:.0f} lignes/s, "
            f"export {figures['export_rows_per_s']:.0f} lignes/s, ancien chemin Python "
            f"{figures['python_rows_per_s']:.0f} lignes/s "
            f"({figures['python_rows_per_s'] / figures['copy_rows_per_s']:.2f}x)",
            f"pic mémoire (tracemalloc) : {small:.0f} Kio petite sélection, "
            f"{large:.0f} Kio toutes les tentatives",
        ],
    )
