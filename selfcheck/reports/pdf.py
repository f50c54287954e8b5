"""HTML -> PDF with WeasyPrint: the only module that imports weasyprint.

Three promises:

* Nothing is loaded from outside: ``SafeFetcher`` hands out our own font files and
  refuses everything else (other files, http(s), data:, ftp ...). It opens no network
  connection, so there is nothing to redirect.
* Speed: each process parses the fonts and stylesheets once (``FontConfiguration`` and
  ``CSS`` objects are kept) and reuses them for every render.
* A deadline: ``html_to_pdf`` renders in a separate process (``worker.RenderWorker``) that is
  killed when it misses the deadline; the render queue's workers have their own deadline.

Two things WeasyPrint 70 leaves out of the structure tree are added here (``tag_scope_and_language``):
the /Scope of table headers and the /Lang of parts in another language than the document.
"""

from __future__ import annotations

import gc
import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pydyf
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import tags
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .render import STYLESHEETS, stylesheet_text
from .worker import RenderError, RenderTimeout, RenderWorker

__all__ = ["RenderError", "RenderTimeout", "RenderWorker", "html_to_pdf", "render_in_process", "warm_up"]

FONTS_DIR = Path(__file__).resolve().parents[1] / "static" / "fonts"
FONT_SUFFIXES = (".woff", ".woff2", ".ttf", ".otf")
PDF_VARIANT = "pdf/ua-1"  # tagged PDF with title and language, for screen readers
DEFAULT_TIMEOUT_SECONDS = 60.0

log = logging.getLogger(__name__)


def asset_files() -> frozenset[Path]:
    """The only files WeasyPrint may read: the fonts shipped with the project."""
    return frozenset(p.resolve() for p in FONTS_DIR.iterdir() if p.suffix in FONT_SUFFIXES)


class SafeFetcher(URLFetcher):
    """A URL fetcher that serves only ``allowed`` files and records every request."""

    def __init__(self, allowed: frozenset[Path] | None = None) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.allowed = asset_files() if allowed is None else allowed
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        self.requested.append(url)
        path = self._allowed_path(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"refused to load {url[:200]!r}: only the report's own assets may be loaded")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type})

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost") or parts.query or parts.fragment:
            return None
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        return path if path in self.allowed else None


def font_face_css() -> str:
    """@font-face rules for the shipped Source Sans 3 files (latin and latin-ext subsets)."""
    rules = []
    for path in sorted(FONTS_DIR.glob("source-sans-3-*.woff")):
        weight, style = path.stem.split("-")[-2:]
        rules.append(
            f"@font-face {{ font-family: 'Source Sans 3'; font-weight: {weight}; font-style: {style}; "
            f"src: url('{path.resolve().as_uri()}') format('woff'); }}"
        )
    return "\n".join(rules)


SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _describe(element: Any, box: Any) -> None:
    """Copy what the HTML says about ``box`` into its structure element: the scope of a table
    header (/Scope, PDF/UA: every TH has one) and the language of a part in another language
    (/Lang from its ``lang`` attribute, WCAG 3.1.2).

    WeasyPrint 70 reads ``scope`` only to link data cells to their headers (/Headers) and takes
    ``lang`` only from the root element (the catalog's /Lang); everything else is ours.
    """
    if isinstance(box, AbsolutePlaceholder):
        box = box._box
    html = box.element
    if html is None or box.element_tag in ("html", "body") or isinstance(box, boxes.PageBox | boxes.MarginBox):
        return
    if element["S"] == "/TH" and box.element_tag == "th":
        # A header without scope counts as a column header, as WeasyPrint links it.
        element["A"].setdefault("Scope", SCOPES.get((html.get("scope") or "").lower(), "/Column"))
    lang = html.get("lang") or html.get(XML_LANG)
    if lang and "Lang" not in element:
        element["Lang"] = pydyf.String(lang)


def tag_scope_and_language() -> None:
    """Wrap WeasyPrint's builder of structure elements so each element gets ``_describe``.

    ``_build_box_tree`` builds the element of a box and calls itself for the children (through
    the module name, so through this wrapper too); each element is complete when it is yielded.
    WeasyPrint has no hook for this; the wrapper only adds keys and is tested on every render
    of the report (tests/reports/test_pdf_structure.py), so a WeasyPrint update that changes
    the builder shows up there.
    """
    build = tags._build_box_tree
    if getattr(build, "selfcheck_wrapped", False):
        return

    def build_box_tree(box: Any, *args: Any, **kwargs: Any) -> Any:
        for element in build(box, *args, **kwargs):
            _describe(element, box)
            yield element

    build_box_tree.selfcheck_wrapped = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_box_tree


tag_scope_and_language()


class _Renderer:
    """Per-process WeasyPrint state that is expensive to build and safe to reuse."""

    def __init__(self) -> None:
        self.font_config = FontConfiguration()
        self.fetcher = SafeFetcher()
        self.fonts = CSS(string=font_face_css(), font_config=self.font_config, url_fetcher=self.fetcher)
        self.sheets: dict[str, CSS] = {}

    def stylesheet(self, name: str) -> CSS:
        if name not in self.sheets:
            self.sheets[name] = CSS(
                string=stylesheet_text(name), font_config=self.font_config, url_fetcher=self.fetcher
            )
        return self.sheets[name]

    def render(self, html: str, stylesheet: str) -> tuple[bytes, list[str]]:
        fetcher = SafeFetcher(allowed=self.fetcher.allowed)
        document = HTML(string=html, url_fetcher=fetcher)
        pdf = document.write_pdf(
            stylesheets=[self.fonts, self.stylesheet(stylesheet)],
            font_config=self.font_config,
            pdf_variant=PDF_VARIANT,
            uncompressed_pdf=False,
        )
        return pdf, fetcher.requested


_local_renderer: _Renderer | None = None


WARM_UP_HTML = (
    "<html lang='de'><head><title>Aufwärmen</title></head><body><h1>Überschrift</h1><h2>Zwischentitel</h2>"
    "<p>Ein Absatz mit <strong>fettem</strong>, <em>schrägem</em> und gewöhnlichem Text, lang genug für "
    "Silbentrennung: Integrationsmanagement, Verweiswege, Beratungsangebote.</p>"
    "<table><thead><tr><th scope='col'>Thema</th><th scope='col'>Wert</th></tr></thead>"
    "<tbody><tr><td>Digitale Angebote</td><td>42</td></tr></tbody></table>"
    "<svg width='20' height='10' role='img' aria-label='x'><rect width='10' height='10'/>"
    "<text x='0' y='9'>1</text></svg></body></html>"
)


def warm_up() -> None:
    """Render a small document with every stylesheet now, so processes forked from this one start
    with fonts, stylesheets, hyphenation and glyph caches loaded (a forked job process pays
    for whatever is still cold on every job)."""
    for name in STYLESHEETS:
        render_in_process(WARM_UP_HTML, name)
    settle_for_rendering()


def settle_for_rendering() -> None:
    """Freeze what a render process has loaded (modules, fonts, stylesheets) for the garbage collector.

    A report triggers about one full collection, which walked every object of the process
    (160,000 in the benchmark); frozen objects are skipped (53,000 remain), and processes forked
    after this share those memory pages instead of copying them (the ``gc.freeze`` advice of the
    Python docs). A higher collection threshold saved no measurable time and let memory grow:
    151 MB after 40 reports with the default, 263 MB with 20,000 (benchmarks/report.md).
    """
    gc.collect()
    gc.freeze()


def render_in_process(html: str, stylesheet: str) -> tuple[bytes, list[str]]:
    """Render here, without a deadline; returns the PDF and every URL the document asked for."""
    global _local_renderer
    if _local_renderer is None:
        _local_renderer = _Renderer()
    return _local_renderer.render(html, stylesheet)


def serve_renders(conn: Any) -> None:
    """Loop of a render process: receive (html, stylesheet), answer ("ok", pdf, urls) or ("error", msg)."""
    settle_for_rendering()
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            pdf, urls = render_in_process(*job)
            conn.send(("ok", pdf, urls))
        except Exception as error:  # report the failure, keep serving
            conn.send(("error", f"{type(error).__name__}: {error}", []))


_worker = RenderWorker()
_settings: dict[str, float | None] = {"timeout": DEFAULT_TIMEOUT_SECONDS}


def configure(*, timeout_seconds: float | None) -> None:
    """Set the render deadline; ``None`` renders in this process without one (CLI, benchmarks)."""
    _settings["timeout"] = timeout_seconds


def html_to_pdf(html: str, stylesheet: str, *, timeout: float | None | str = "default") -> bytes:
    """Render ``html`` with one of our stylesheets ("report" or "paper") to PDF bytes."""
    deadline = _settings["timeout"] if timeout == "default" else timeout
    if deadline is None:
        pdf, _ = render_in_process(html, stylesheet)
        return pdf
    pdf, _ = _worker.render(html, stylesheet, float(deadline))
    return pdf


def stop_worker() -> None:
    """Stop the render worker (tests, shutdown); the next render starts a new one."""
    _worker.stop()
