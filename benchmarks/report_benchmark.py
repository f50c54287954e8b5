"""Render benchmark of the PDF report (not a timed test).

Measures in one run, on one machine:
  * median time of a full report render (HTML + PDF, fonts and CSS reused),
  * median time of a plain WeasyPrint render of a reference document with the same
    text length (default settings, nothing reused) and the ratio of the two,
  * the same report through the render worker (with deadline, includes process hand-over),
  * median time to serve a cached PDF (ReportCache hit),
  * resident memory (RSS) over 100 renders in one process.

    python benchmarks/report_benchmark.py [--rules PATH] [--quick]
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
from weasyprint import HTML  # noqa: E402

from selfcheck.engine import evaluate, load_ruleset, normalise_answers  # noqa: E402
from selfcheck.engine.model import RuleSet  # noqa: E402
from selfcheck.reports import ReportCache, render_report_html, render_report_pdf  # noqa: E402
from selfcheck.reports import pdf as pdf_module  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rules", type=Path, default=ROOT / "rules" / "blended-impact")
    parser.add_argument("--quick", action="store_true", help="few runs, for a smoke test")
    args = parser.parse_args()
    runs, memory_runs = (3, 10) if args.quick else (15, 100)

    ruleset = load_ruleset(args.rules)
    answers = sample_answers(ruleset)
    result = evaluate(ruleset, answers)
    kwargs = {"answers": answers, "organisation_name": "Beispielverein Südstadt", "lang": "de",
              "created": datetime.date(2026, 3, 5)}

    pdf_module.configure(timeout_seconds=None)  # in-process: the pure render cost
    rss_start = rss_mb()
    report = render_report_pdf(ruleset, result, **kwargs)  # warm-up: fonts and CSS parsed once here
    pages = len(PdfReader(io.BytesIO(report)).pages)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(report)).pages)

    report_s = timed(lambda: render_report_pdf(ruleset, result, **kwargs), runs)
    html_s = timed(lambda: render_report_html(ruleset, result, **kwargs), runs)

    words = escape(text).split()
    paragraphs = "".join(f"<p>{' '.join(words[i:i + 60])}</p>" for i in range(0, len(words), 60))
    reference_html = f"<html lang='de'><title>Referenz</title><body>{paragraphs}</body></html>"
    reference = HTML(string=reference_html).write_pdf()
    reference_pages = len(PdfReader(io.BytesIO(reference)).pages)
    reference_s = timed(lambda: HTML(string=reference_html).write_pdf(), runs)

    pdf_module.configure(timeout_seconds=60)
    render_report_pdf(ruleset, result, **kwargs)  # starts the worker
    worker_s = timed(lambda: render_report_pdf(ruleset, result, **kwargs), runs)
    pdf_module.stop_worker()
    pdf_module.configure(timeout_seconds=None)

    with tempfile.TemporaryDirectory() as folder:
        cache = ReportCache(Path(folder))
        key = ("assessment-1", "rev-3", ruleset.hash, "de")
        cache.get_or_render(key, lambda: report)
        cached_s = timed(lambda: cache.get_or_render(key, lambda: b""), 100)

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
    print(f"| full report through the render worker (median) | {worker_s * 1000:.0f} ms |")
    print(f"| cached PDF served from ReportCache (median of 100) | {cached_s * 1000:.2f} ms |")
    print(f"| RSS before first render / after it | {rss_start:.0f} MB / {rss_after_first:.0f} MB |")
    print(f"| RSS after 10 / after {memory_runs} further renders | {rss_after_10:.0f} MB / {rss_end:.0f} MB |")


if __name__ == "__main__":
    main()
