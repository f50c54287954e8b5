"""The end of a workshop: respondents finish within one minute and download their reports.

Real processes on loopback: gunicorn (2 web workers), `selfcheck worker` (2 render processes)
and Redis as the broker, on SQLite or PostgreSQL. Each simulated respondent answers every step
of the shipped rule set like a browser (CSRF tokens from the HTML), finishes, opens the results
page (which queues the report), asks the status endpoint like the page's script until the
report is ready, and downloads it. Probes call `GET /healthz` and save a step throughout.

Measured in one run:
  * one render alone (the reference for the goal), then the same probes without the peak,
  * during the peak: finish → report ready (p50/p95/max), download latency, `/healthz` and
    step-save p95, errors; the last report ready against 1.3 × (N × one render ÷ render workers).

    .venv/bin/python benchmarks/workshop_peak.py                      # 30 respondents, SQLite
    .venv/bin/python benchmarks/workshop_peak.py --within 0           # all 30 finish at once
    .venv/bin/python benchmarks/workshop_peak.py --quick              # 6 respondents in 15 s
    .venv/bin/python benchmarks/workshop_peak.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from web_load import (  # noqa: E402
    Client,
    Recorder,
    answer_values,
    csrf_token,
    database,
    form_fields,
    free_port,
    gunicorn,
    percentile,
    prepare,
)

HEALTH = "GET /healthz"
SAVE = "step save (POST /schritt/2)"
DOWNLOAD = "download of a ready report"
STATUS = re.compile(r'data-file-status="([^"]+)"')
POLL_SECONDS = 2.0  # as the results page's script asks


def answer_everything(client: Client, ruleset: Any, variant: int) -> None:
    """Every step with an answer to each question it asks, then finish on the review page."""
    from selfcheck.questionnaire.state import step_questions

    token = csrf_token(client.request("GET /", "GET", "/"))
    client.request("POST /start", "POST", "/start", [("csrf_token", token)], expect=303, goes_to=("/zugang",))
    answers: dict[str, Any] = {}
    number = 1
    while number <= len(ruleset.steps):
        questions = step_questions(ruleset, ruleset.steps[number - 1], answers)
        token = csrf_token(client.request("GET step", "GET", f"/schritt/{number}"))
        fields = form_fields(questions, variant)
        client.request("POST step", "POST", f"/schritt/{number}", [("csrf_token", token), *fields, ("action", "next")],
                       expect=303)
        for name, value in fields:
            question_id = name.removeprefix("q_")
            kind = next(q.type for q in questions if q.id == question_id)
            answers[question_id] = [*answers.get(question_id, []), value] if kind == "multi" else value
        if step_questions(ruleset, ruleset.steps[number - 1], answers) == questions:
            number += 1  # else the answers changed what this step asks: answer it again
    token = csrf_token(client.request("GET /uebersicht", "GET", "/uebersicht"))
    client.request("POST /uebersicht", "POST", "/uebersicht", [("csrf_token", token)], expect=303,
                   goes_to=("/ergebnis",))


def respondent(port: int, ruleset: Any, recorder: Recorder, start_at: float, variant: int,
               results: list[dict[str, float]]) -> None:
    time.sleep(max(0.0, start_at - time.monotonic()))
    client = Client(port, recorder)
    try:
        answer_everything(client, ruleset, variant)
        page = client.request("GET /ergebnis", "GET", "/ergebnis")
        finished = time.monotonic()
        status = STATUS.search(page)
        if status is None:
            raise RuntimeError("the results page does not say the report is being made")
        while True:
            state = json.loads(client.request("GET status", "GET", status.group(1)))["state"]
            if state == "ready":
                break
            if state == "failed" or time.monotonic() - finished > 600:
                raise RuntimeError(f"report {state}")
            time.sleep(POLL_SECONDS)
        ready = time.monotonic()
        started = time.monotonic()
        client.request(DOWNLOAD, "GET", "/ergebnis/bericht.pdf")
        results.append({"finished": finished, "ready": ready, "download": time.monotonic() - started})
    except Exception as error:  # counted by the recorder where it was a request; note the rest
        with recorder.lock:
            recorder.errors["respondent"].append(f"{type(error).__name__}: {error}"[:200])
    finally:
        client.connection.close()


def probes(port: int, ruleset: Any, recorder: Recorder, until: float, tag: str) -> None:
    """`/healthz` and a step save, each every 0.2 s, with their own clients."""
    from selfcheck.questionnaire.state import step_questions

    health, saver = Client(port, recorder), Client(port, recorder)
    token = csrf_token(saver.request("probe setup", "GET", "/"))
    saver.request("probe setup", "POST", "/start", [("csrf_token", token)], expect=303)
    token = csrf_token(saver.request("probe setup", "GET", "/schritt/1"))
    profile = step_questions(ruleset, ruleset.steps[0], {})
    saver.request("probe setup", "POST", "/schritt/1", [("csrf_token", token), *form_fields(profile, 0),
                                                       ("action", "next")], expect=303)
    token = csrf_token(saver.request("probe setup", "GET", "/schritt/2"))
    questions = step_questions(ruleset, ruleset.steps[1], {})
    variant = 0
    while time.monotonic() < until:
        variant += 1
        try:
            health.request(f"{tag}{HEALTH}", "GET", "/healthz")
            saver.request(f"{tag}{SAVE}", "POST", "/schritt/2",
                          [("csrf_token", token), *form_fields(questions, variant), ("action", "next")], expect=303)
        except Exception:
            pass  # recorded
        time.sleep(0.2)


def tree(pid: int) -> list[int]:
    """The process and all its descendants (Linux /proc)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            found.extend(tree(int(child)))
    return found


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class MemorySampler(threading.Thread):
    """Largest resident memory of one process, and of all together, in a process tree."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.largest, self.total = pid, 0.0, 0.0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            sizes = [rss_mb(pid) for pid in tree(self.pid)]
            self.largest, self.total = max(self.largest, *sizes), max(self.total, sum(sizes))


@contextmanager
def render_workers(settings: dict[str, str], processes: int, log: Path) -> Iterator[MemorySampler]:
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "selfcheck.cli", "worker", "--processes", str(processes)],
                                   cwd=ROOT, env={**os.environ, **settings}, stdout=output, stderr=subprocess.STDOUT)
        try:
            time.sleep(3)
            if process.poll() is not None:
                raise RuntimeError(f"selfcheck worker exited: {log.read_text()[-1000:]}")
            sampler = MemorySampler(process.pid)
            sampler.start()
            yield sampler
            sampler.stop.set()
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()


def one_render(ruleset: Any) -> float:
    """Median seconds of one report render in a warm process (the goal's unit)."""
    import datetime
    import statistics

    from selfcheck.engine import evaluate, normalise_answers
    from selfcheck.reports import render_report_html
    from selfcheck.reports.pdf import render_in_process

    raw = dict(zip((q.id for q in ruleset.questions), answer_values(ruleset.questions, 1), strict=True))
    normalised, _ = normalise_answers(ruleset, raw)
    html = render_report_html(ruleset, evaluate(ruleset, normalised), answers=normalised, organisation_name="Verein",
                              lang="de", created=datetime.date.today())
    render_in_process(html, "report")
    times = []
    for _ in range(3):
        started = time.monotonic()
        render_in_process(html, "report")
        times.append(time.monotonic() - started)
    return statistics.median(times)


def ms(values: list[float], share: float) -> str:
    return f"{percentile(values, share) * 1000:.0f} ms" if values else "–"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--respondents", type=int, default=30)
    parser.add_argument("--within", type=float, default=60.0, help="seconds in which all finish")
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--render-workers", type=int, default=2)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    parser.add_argument("--quick", action="store_true", help="6 respondents within 15 s")
    args = parser.parse_args(argv)
    if args.quick:
        args.respondents, args.within = 6, 15.0
    from redis import Redis

    Redis.from_url(args.redis_url).flushdb()
    with tempfile.TemporaryDirectory() as folder, database(args.database_url, Path(folder)) as url:
        settings = {"SELFCHECK_DATABASE_URL": url, "SELFCHECK_INSTANCE_PATH": str(Path(folder) / "instance"),
                    "SELFCHECK_SECRET_KEY": "benchmark", "SELFCHECK_RENDER_QUEUE_URL": args.redis_url,
                    # a room shares one address: the benchmark's own limits must not be what it measures
                    "SELFCHECK_RATE_LIMITS__start__limit": "1000", "SELFCHECK_RATE_LIMITS__pdf__limit": "1000"}
        ruleset = prepare(settings)
        single = one_render(ruleset)
        port = free_port()
        recorder = Recorder()
        with gunicorn(port, args.web_workers, settings, Path(folder) / "gunicorn.log") as web, \
                render_workers(settings, args.render_workers, Path(folder) / "worker.log") as render_memory:
            web_memory = MemorySampler(web.pid)
            web_memory.start()
            quiet_until = time.monotonic() + 15
            probes(port, ruleset, recorder, quiet_until, "quiet: ")
            results: list[dict[str, float]] = []
            begin = time.monotonic() + 1
            chance = random.Random(7)
            starts = sorted(begin + chance.uniform(0, args.within) for _ in range(args.respondents))
            threads = [threading.Thread(target=respondent, args=(port, ruleset, recorder, at, n, results))
                       for n, at in enumerate(starts)]
            for thread in threads:
                thread.start()
            stop = threading.Event()

            def peak_probes() -> None:
                while not stop.is_set():
                    probes(port, ruleset, recorder, time.monotonic() + 5, "peak: ")

            prober = threading.Thread(target=peak_probes)
            prober.start()
            for thread in threads:
                thread.join(timeout=900)
            stop.set()
            prober.join(timeout=30)

    lat = recorder.latencies
    waits = [r["ready"] - r["finished"] for r in results]
    last_ready = max((r["ready"] for r in results), default=float("nan")) - min(
        (r["finished"] for r in results), default=float("nan"))
    after_last_finish = max((r["ready"] for r in results), default=float("nan")) - max(
        (r["finished"] for r in results), default=float("nan"))
    goal = 1.3 * args.respondents * single / args.render_workers
    errors = {kind: len(found) for kind, found in recorder.errors.items() if found}
    print(f"# Workshop peak: {args.respondents} respondents finish within {args.within:.0f} s; "
          f"{args.web_workers} web workers, {args.render_workers} render workers; "
          f"{'PostgreSQL' if args.database_url else 'SQLite'}, Redis")
    print()
    print("| measure | result |")
    print("| --- | --- |")
    print(f"| one report render alone (median of 3, warm) | {single * 1000:.0f} ms |")
    finishes = sorted(r["finished"] - begin for r in results)
    print(f"| reports ready | {len(results)} of {args.respondents} |")
    if finishes:
        print(f"| finishes (results page shown) | {finishes[0]:.1f} s to {finishes[-1]:.1f} s after the first start |")
    print(f"| finish → report ready p50 / p95 / max | {ms(waits, 0.5)} / {ms(waits, 0.95)} / {ms(waits, 1.0)} |")
    print(f"| first finish → last report ready | {last_ready:.1f} s (1.3 × {args.respondents} × "
          f"{single:.2f} s ÷ {args.render_workers} = {goal:.1f} s; ratio {last_ready / goal:.2f}; the goal applies "
          f"when all finish at once, --within 0) |")
    print(f"| last finish → last report ready | {after_last_finish:.1f} s |")
    print(f"| download of a ready report p50 / p95 / max | {ms(lat[DOWNLOAD], 0.5)} / {ms(lat[DOWNLOAD], 0.95)} / "
          f"{ms(lat[DOWNLOAD], 1.0)} |")
    for what in (HEALTH, SAVE):
        quiet, peak = lat[f"quiet: {what}"], lat[f"peak: {what}"]
        ratio = percentile(peak, 0.95) / percentile(quiet, 0.95) if quiet and peak else float("nan")
        print(f"| {what} p95 without / during the peak | {ms(quiet, 0.95)} / {ms(peak, 0.95)} (×{ratio:.1f}) |")
    print(f"| memory, render side: largest process / all together (max) | {render_memory.largest:.0f} MB / "
          f"{render_memory.total:.0f} MB |")
    print(f"| memory, web side: largest process / all together (max) | {web_memory.largest:.0f} MB / "
          f"{web_memory.total:.0f} MB |")
    print(f"| errors | {sum(errors.values())} {errors if errors else ''} |")
    return 0 if not errors and len(results) == args.respondents else 1


if __name__ == "__main__":
    raise SystemExit(main())
