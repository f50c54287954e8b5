"""QR codes as inline SVG, made on the server with segno (no service, no script, no image file)."""

from __future__ import annotations

import io
from html import escape

import segno


def qr_svg(data: str, *, label: str, css_class: str = "qr") -> str:
    """An accessible inline SVG QR code for ``data``; ``label`` is its text alternative.

    The SVG scales to its container (no fixed size) and prints in solid black on white.
    """
    code = segno.make(data, error="m")
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=4,
        border=4,
        xmldecl=False,
        svgns=True,
        omitsize=True,
        svgclass=css_class,
        lineclass=None,
        light="#fff",
        dark="#000",
    )
    svg = out.getvalue().decode("ascii")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label, quote=True)}" ', 1)
