"""Render benchmark of the PDF report (not a timed test).

Measures in one run, on one machine:
  * median time of a full report render (HTML + PDF, fonts and CSS reused),
  * median time of a plain WeasyPrint render of a reference document with the same text
    (the report's extracted text in 60-word paragraphs, no other layout) and the ratio of the
    two. The reference is set in the report's own body font and size and reuses its fonts
    like the report does, so the ratio measures the report's layout, not which fonts a machine
    has installed or how long a cold font set-up takes. Report and reference runs alternate,
    so a change in machine load hits both alike, and both run with the render workers'
    garbage-collector settings (``pdf.warm_up``),
  * for information: the reference as a tagged PDF/UA-1 document, and the report without
    tagging (the report itself is always tagged),
  * the same report through the render worker (with deadline, includes process hand-over),
  * median time to read a stored PDF (the database store on SQLite: what a download costs),
  * resident memory (RSS) over 100 renders in one process.

    python benchmarks/report_benchmark.py [--rules PATH] [--quick]
    python benchmarks/report_benchmark.py --only report|plain N   # for an instruction count
"""

from __future__ import annotations

import argparse
import datetime
import io
import statistics
import sys
import tempfile
import time
from html import escape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402
from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402

from selfcheck.engine import evaluate, load_ruleset, normalise_answers  # noqa: E402
from selfcheck.engine.model import RuleSet  # noqa: E402
from selfcheck.rendering import FileJob, file_key  # noqa: E402
from selfcheck.rendering.store import DatabaseStore  # noqa: E402
from selfcheck.reports import pdf as pdf_module  # noqa: E402
from selfcheck.reports import render_report_html, render_report_pdf  # noqa: E402


def sample_answers(ruleset: RuleSet) -> dict[str, Any]:
    """A plausible organisation: the middle option everywhere, some free text."""
    raw: dict[str, Any] = {}
    for q in ruleset.questions:
        if q.type == "single":
            raw[q.id] = q.options[len(q.options) // 2].id
        elif q.type == "multi":
            raw[q.id] = [o.id for o in q.options if not o.exclusive][:2]
        elif q.type == "number":
            raw[q.id] = (q.min or 0) + 3
        else:
            raw[q.id] = "Wir treffen uns jeden Monat mit unseren Partnern im Stadtteilbüro."
    answers, _ = normalise_answers(ruleset, raw)
    return {q.id: answers[q.id] for q in ruleset.visible_questions(answers) if q.id in answers}


def stored_report_store(folder: Path) -> DatabaseStore:
    """The database store on a fresh SQLite file, as the app uses it."""
    from sqlalchemy.orm import sessionmaker

    from selfcheck.db import import_models, make_engine
    from selfcheck.models import Base

    import_models()
    engine = make_engine(f"sqlite:///{folder / 'store.sqlite'}")
    Base.metadata.create_all(engine)
    return DatabaseStore(sessionmaker(engine))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def timed(function: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def alternating(functions: dict[str, Any], runs: int) -> dict[str, float]:
    """Median time of each function; the functions take turns, so load changes hit all alike."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def plain_reference(text: str) -> Any:
    """The report's text as plain paragraphs, and a renderer for it in the report's body font.

    Same font files, same base size (10pt) and, like the report, fonts parsed once and reused:
    the default serif font of the machine would make the reference depend on the fonts
    installed (and on how fast they subset), a fresh font set-up per render would add a cost
    the report does not pay.
    """
    words = escape(text).split()
    paragraphs = "".join(f"<p>{' '.join(words[i:i + 60])}</p>" for i in range(0, len(words), 60))
    html = f"<html lang='de'><title>Referenz</title><body>{paragraphs}</body></html>"
    font_config = FontConfiguration()
    fetcher = pdf_module.SafeFetcher()
    sheet = CSS(string=pdf_module.font_face_css() + "\nhtml { font-family: 'Source Sans 3'; font-size: 10pt; }",
                font_config=font_config, url_fetcher=fetcher)

    def render(pdf_variant: str | None = None) -> bytes:
        return HTML(string=html, url_fetcher=fetcher).write_pdf(
            stylesheets=[sheet], font_config=font_config, pdf_variant=pdf_variant)

    return render


def untagged_report(function: Any) -> Any:
    """The report render without PDF/UA tagging, to show what tagging costs (information only)."""
    def render() -> Any:
        variant, pdf_module.PDF_VARIANT = pdf_module.PDF_VARIANT, None
        try:
            return function()
        finally:
            pdf_module.PDF_VARIANT = variant
    return render


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", type=Path, default=ROOT / "rules" / "blended-impact")
    parser.add_argument("--quick", action="store_true", help="few runs, for a smoke test")
    parser.add_argument("--only", nargs=2, metavar=("report|plain", "N"),
                        help="render only this document N times after the warm-up, print nothing: run it "
                             "under valgrind with N = 0 and 2 for an instruction count (see report.md)")
    args = parser.parse_args()
    runs, memory_runs = (3, 10) if args.quick else (15, 100)

    ruleset = load_ruleset(args.rules)
    answers = sample_answers(ruleset)
    result = evaluate(ruleset, answers)
    kwargs = {"answers": answers, "organisation_name": "Beispielverein Südstadt", "lang": "de",
              "created": datetime.date(2026, 3, 5)}

    pdf_module.configure(timeout_seconds=None)  # in-process: the pure render cost
    rss_start = rss_mb()
    pdf_module.warm_up()  # as a render worker starts: fonts and CSS loaded, the collector settled
    report = render_report_pdf(ruleset, result, **kwargs)
    pages = len(PdfReader(io.BytesIO(report)).pages)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report)).pages)
    if args.only:
        document, count = args.only
        render = plain_reference(text) if document == "plain" else (
            lambda: render_report_pdf(ruleset, result, **kwargs))
        render()
        for _ in range(int(count)):
            render()
        return

    html_s = timed(lambda: render_report_html(ruleset, result, **kwargs), runs)

    render_reference = plain_reference(text)
    reference_pages = len(PdfReader(io.BytesIO(render_reference())).pages)

    def render_report() -> bytes:
        return render_report_pdf(ruleset, result, **kwargs)

    medians = alternating({
        "report": render_report,
        "reference": render_reference,
        "reference tagged": lambda: render_reference("pdf/ua-1"),
        "report untagged": untagged_report(render_report),
    }, runs)
    report_s, reference_s = medians["report"], medians["reference"]

    pdf_module.configure(timeout_seconds=60)
    render_report_pdf(ruleset, result, **kwargs)  # starts the worker
    worker_s = timed(lambda: render_report_pdf(ruleset, result, **kwargs), runs)
    pdf_module.stop_worker()
    pdf_module.configure(timeout_seconds=None)

    with tempfile.TemporaryDirectory() as folder:
        store = stored_report_store(Path(folder))
        job = FileJob(key=file_key("assessment-1", 3, ruleset.hash, "de"), kind="report", lang="de", html="",
                      stylesheet="report")
        store.put(job, report)
        cached_s = timed(lambda: store.get(job.key), 100)

    rss_after_first = rss_mb()
    for i in range(memory_runs):
        render_report_pdf(ruleset, result, **kwargs)
        if i == 9:
            rss_after_10 = rss_mb()
    rss_end = rss_mb()

    print(f"rule set: {ruleset.id} {ruleset.version}; report: {pages} pages, {len(report) // 1024} KB; "
          f"runs: {runs}{' (quick)' if args.quick else ''}")
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| full report, HTML only (median) | {html_s * 1000:.0f} ms |")
    print(f"| full report, HTML + PDF in process (median) | {report_s * 1000:.0f} ms |")
    print(f"| plain WeasyPrint, same text ({reference_pages} pages, median) | {reference_s * 1000:.0f} ms |")
    print(f"| ratio report / plain | {report_s / reference_s:.2f} |")
    print(f"| for information: plain, tagged PDF/UA-1 (median) | {medians['reference tagged'] * 1000:.0f} ms |")
    print(f"| for information: report without tagging (median) | {medians['report untagged'] * 1000:.0f} ms |")
    print(f"| full report through the render worker (median) | {worker_s * 1000:.0f} ms |")
    print(f"| stored PDF read from the database store, SQLite (median of 100) | {cached_s * 1000:.2f} ms |")
    print(f"| RSS before first render / after it | {rss_start:.0f} MB / {rss_after_first:.0f} MB |")
    print(f"| RSS after 10 / after {memory_runs} further renders | {rss_after_10:.0f} MB / {rss_end:.0f} MB |")


if __name__ == "__main__":
    main()
