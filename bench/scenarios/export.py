"""CSV export of all attempts vs a raw ``COPY … TO STDOUT CSV`` of the attempts table: >= 0.3x its
rows/s, peak memory flat (streamed). The measurement itself is ``bench.scenarios.export_csv.measure``.

The baseline is the table as stored (``SELECT *``, its JSON copy of the questions included); the two
stricter readings are printed too: the table without its JSON columns, and the export's own columns
joined and ordered but not formatted (what PostgreSQL alone must do to produce the file's rows).
"""

from bench.results import Result


def run(ctx) -> Result:
    from bench.scenarios.export_csv import measure

    figures = measure(repeat=1 if ctx.quick else 3)
    small, large = figures["peak_kib_small"], figures["peak_kib_large"]
    export = figures["export_rows_per_s"]
    return Result(
        scenario="csv_export_attempts",
        size=ctx.size,
        value=export,
        baseline=figures["copy_rows_per_s"],
        unit="rows/s",
        target=0.3,
        checks={"memory_flat": large <= 1.5 * small + 256},
        notes=[
            f"{figures['rows']} tentatives ; COPY brut de la table "
            f"{figures['copy_rows_per_s']:.0f} lignes/s, "
            f"export {export:.0f} lignes/s",
            f"lectures plus strictes : COPY sans les colonnes JSON {figures['narrow_copy_rows_per_s']:.0f} "
            f"lignes/s ({export / figures['narrow_copy_rows_per_s']:.2f}x) ; COPY des colonnes de l'export, "
            f"jointes et triées, sans mise en forme {figures['joined_copy_rows_per_s']:.0f} lignes/s "
            f"({export / figures['joined_copy_rows_per_s']:.2f}x)",
            f"ancien chemin Python (ORM + csv) {figures['python_rows_per_s']:.0f} lignes/s "
            f"({figures['python_rows_per_s'] / figures['copy_rows_per_s']:.2f}x)",
            f"pic mémoire (tracemalloc) : {small:.0f} Kio pour {figures['small_rows']} lignes, "
            f"{large:.0f} Kio pour {figures['rows']}",
        ],
    )
