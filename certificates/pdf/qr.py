"""The verification QR code, drawn as a single vector path.

segno computes the module matrix; each row's runs of dark modules become rectangles (``re``) of one
path, filled once (``f``). The path is written in module units, under a transform that scales one unit
to one module, so its coordinates are small integers that we format ourselves: reportlab's generic
number formatting of a few hundred rectangles would cost more than the rest of the page. The result
is a handful of kilobytes, sharp at any zoom, and far cheaper than one drawing call per module
(reportlab's QR widget).

The mask pattern is fixed: readers accept any of the eight, and scoring them all (the encoder's
default) takes longer than drawing the whole certificate.
"""

import segno

# Four light modules around the code: the quiet zone that readers need (the page behind is white).
QUIET_ZONE = 4
MASK = 2


def dark_runs(payload: str) -> tuple[int, list[tuple[int, int, int]]]:
    """The matrix side (in modules) and its dark runs as ``(row, first column, length)``."""
    code = segno.make(payload, error="m", micro=False, mask=MASK)
    runs = []
    for row, modules in enumerate(code.matrix):
        start = None
        for column, dark in enumerate([*modules, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append((row, start, column - start))
                start = None
    return len(code.matrix), runs


def qr_path_operators(runs: list[tuple[int, int, int]]) -> str:
    """One filled path of the runs, in module units (row 0 at the top, y growing downwards)."""
    return " ".join(f"{column} {row} {length} 1 re" for row, column, length in runs) + " f"


def draw_qr(canvas, payload: str, *, x: float, y: float, size: float) -> None:
    """``payload`` as a QR code whose square, quiet zone included, has its lower left at ``(x, y)``."""
    side, runs = dark_runs(payload)
    module = size / (side + 2 * QUIET_ZONE)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    # Origin at the top left module, one unit per module, y downwards like the matrix rows.
    canvas.translate(x + QUIET_ZONE * module, y + size - QUIET_ZONE * module)
    canvas.scale(module, -module)
    canvas.addLiteral(qr_path_operators(runs))
    canvas.restoreState()
