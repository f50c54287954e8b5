"""The PDFs use only the fonts shipped with the project, so they look the same on every server."""

from __future__ import annotations

from io import BytesIO

import pytest
from pypdf import PdfReader


def font_names(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(BytesIO(data)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


@pytest.mark.parametrize("document", ["report_pdf", "paper_pdf"])
def test_only_shipped_fonts_are_embedded(document: str, request: pytest.FixtureRequest) -> None:
    names = font_names(request.getfixturevalue(document))
    assert names, "the scan must find the embedded fonts"
    assert all(name.startswith("Source-Sans-3") for name in names), names
