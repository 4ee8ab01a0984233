"""Typography of the attendance documents: fonts, paragraph styles and the text filter they need.

We use reportlab's built-in Helvetica rather than a TrueType file. It needs no file on disk (the PDF
renders the same on a clean clone, in CI and in production, whatever fonts the machine has), nothing
to register, and it covers French through the WinAnsi encoding (accents, « », œ, ’, the middle dot of
inclusive writing). What WinAnsi lacks would print as a black box; ``pdf_text`` replaces it first
(``Ł`` → ``L``, a narrow no-break space → a space, anything else → ``?``). Names entered by people go
through it, and so does every generated sentence.
"""

import unicodedata
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

REGULAR = "Helvetica"
BOLD = "Helvetica-Bold"
ITALIC = "Helvetica-Oblique"

# Letters that Unicode does not decompose into a base letter and an accent.
_REPLACEMENTS = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Ħ": "H",
        "ħ": "h",
        "ı": "i",
        "\u202f": " ",  # narrow no-break space (French typography before ; : ! ?)
        "\u2009": " ",
        "\u2011": "-",
        "\u2010": "-",
        "≥": ">=",
        "≤": "<=",
        "→": "->",
        "\u2212": "-",
    }
)


def _encodable(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _fallback(char: str) -> str:
    if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn"}:
        return " " if char in "\t\n\r" else ""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base and all(_encodable(c) for c in base) else "?"


def pdf_text(value) -> str:
    """``value`` as text that Helvetica (WinAnsi) can print, character for character when it can."""
    text = str(value).translate(_REPLACEMENTS)
    if all(_encodable(c) and unicodedata.category(c) != "Cc" for c in text):
        return text
    return "".join(c if _encodable(c) and unicodedata.category(c) != "Cc" else _fallback(c) for c in text)


GREY = colors.HexColor("#555555")
LIGHT = colors.HexColor("#e8ecf1")
RED = colors.HexColor("#b00020")
RED_BACKGROUND = colors.HexColor("#fde8eb")
AMBER = colors.HexColor("#8a5a00")
AMBER_BACKGROUND = colors.HexColor("#fff4d6")


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles shared by the documents (built once per process)."""
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8, leading=9.8),
        "head": ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=8, leading=9.8),
        "organiser": ParagraphStyle("organiser", parent=body, fontName=BOLD, fontSize=10.5, leading=13),
        "partner": ParagraphStyle("partner", parent=body, fontSize=8.5, textColor=GREY),
        "title": ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=17, leading=21, spaceBefore=8, spaceAfter=2
        ),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11, leading=14, spaceAfter=8),
        "section": ParagraphStyle(
            "section", parent=body, fontName=BOLD, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4
        ),
        "alert": ParagraphStyle(
            "alert",
            parent=body,
            fontName=BOLD,
            textColor=RED,
            backColor=RED_BACKGROUND,
            borderColor=RED,
            borderWidth=1,
            borderPadding=6,
            spaceBefore=6,
            spaceAfter=10,
        ),
        "provisional": ParagraphStyle(
            "provisional",
            parent=body,
            fontName=BOLD,
            textColor=AMBER,
            backColor=AMBER_BACKGROUND,
            borderColor=AMBER,
            borderWidth=1,
            borderPadding=6,
            spaceBefore=6,
            spaceAfter=10,
        ),
        "mono": ParagraphStyle("mono", parent=body, fontName="Courier", fontSize=8.5, leading=11),
    }
