"""The curriculum as data: ``cms/content/programme.json`` and one ``module-N.json`` per module.

The files are written from shared/docs/domain-fr.md and imported into Wagtail pages by
``cms.importer``; after that, the union's staff edit the pages in Wagtail.
"""

import json
from functools import cache
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"


@cache
def programme() -> dict:
    return json.loads((CONTENT_DIR / "programme.json").read_text(encoding="utf-8"))


@cache
def modules() -> tuple[dict, ...]:
    files = sorted(CONTENT_DIR.glob("module-*.json"), key=lambda f: int(f.stem.split("-")[1]))
    return tuple(json.loads(f.read_text(encoding="utf-8")) for f in files)
