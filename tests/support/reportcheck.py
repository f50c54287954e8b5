"""Helpers of the report tests: the sample organisation, PDF text and page ink.

Kept out of conftest.py so test modules can import them: several test folders have a
conftest module, and importing "conftest" by name picks whichever was loaded first.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import subprocess
from pathlib import Path

from pypdf import PdfReader

ORGANISATION = "Verein Brücke Südstadt – Übergänge für Groß & Klein"
NOTE = "Wir treffen uns jeden Monat. Größere Änderungen besprechen wir gemeinsam."
CREATED = datetime.date(2026, 3, 5)


def pdf_text(data: bytes, *, page: int | None = None) -> str:
    """The text of a PDF (or of one page, counted from 1) with line breaks and hyphenation
    undone, for phrase searches."""
    pages = PdfReader(io.BytesIO(data)).pages
    text = "\n".join(p.extract_text() or "" for p in (pages if page is None else [pages[page - 1]]))
    text = re.sub(r"(\w)[\u2010\u00ad]\s+(\w)", r"\1\2", text)  # automatic hyphenation (U+2010)
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", text)  # a real hyphen at a line end
    return re.sub(r"\s+", " ", text)


def ink_share(data: bytes, page: int, tmp_path: Path) -> float:
    """Share of non-white pixels on one page, rendered in greyscale by pdftoppm (PGM output)."""
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is required"
    tmp_path.mkdir(parents=True, exist_ok=True)
    source = tmp_path / "page.pdf"
    source.write_bytes(data)
    subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", str(page), "-l", str(page), str(source),
                    str(tmp_path / "page")], check=True)
    image = next(tmp_path.glob("page-*.pgm")).read_bytes()
    fields = image.split(maxsplit=4)  # P5 width height maxval pixels
    assert fields[0] == b"P5"
    width, height = int(fields[1]), int(fields[2])
    pixels = fields[4][: width * height]
    return sum(1 for p in pixels if p < 200) / (width * height)
