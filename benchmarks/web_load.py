"""Bounded load test: concurrent respondents against gunicorn on loopback.

Each simulated respondent opens the start page, starts a check, saves the profile step and then
saves the first dimension step again and again (alternating answers, so every save writes),
reading CSRF tokens from the HTML like a browser. In the same run a few probes call
``GET /healthz``: the ratio of the two shows what a step save costs next to a bare database
round trip on the same loaded server.

    .venv/bin/python benchmarks/web_load.py                     # 2 workers x 20 users x 30 s, SQLite
    .venv/bin/python benchmarks/web_load.py --quick             # about 10 s
    .venv/bin/python benchmarks/web_load.py \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

The database gets a fresh schema (a temporary SQLite file, or a throwaway PostgreSQL schema that
is dropped afterwards). Only the standard library is used on the client side.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')
SUBMIT = "step submit (POST /schritt/2)"
HEALTH = "GET /healthz"
HEALTH_PROBES = 2
IDLE_SUBMIT = "idle: step submit, one client alone"
IDLE_HEALTH = "idle: GET /healthz, one client alone"


@dataclass
class Recorder:
    """Latencies and errors per request kind, shared by all client threads."""

    measure_from: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, started: float, seconds: float, error: str | None) -> None:
        if started < self.measure_from:
            return  # warm-up
        with self.lock:
            if error:
                self.errors[kind].append(error)
            else:
                self.latencies[kind].append(seconds)


class Client:
    """One browser: its own cookies, one connection at a time, no redirects followed."""

    def __init__(self, port: int, recorder: Recorder) -> None:
        self.port = port
        self.recorder = recorder
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(
        self,
        kind: str,
        method: str,
        path: str,
        form: list[tuple[str, str]] | None = None,
        expect: int = 200,
        goes_to: tuple[str, ...] = (),
    ) -> str:
        """Send one request; a wrong status or a redirect elsewhere than ``goes_to`` is an error."""
        body = urlencode(form).encode() if form is not None else None
        headers = {"Accept-Language": "de"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        started = time.monotonic()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.recorder.add(kind, started, time.monotonic() - started, type(error).__name__)
            raise
        seconds = time.monotonic() - started
        location = urlsplit(response.getheader("Location") or "").path
        error = None if response.status == expect else f"HTTP {response.status}"
        if error is None and goes_to and location not in goes_to:
            error = f"redirect to {location or 'nowhere'}"
        self.recorder.add(kind, started, seconds, error)
        if error:
            raise RuntimeError(f"{method} {path}: {error}")
        return text


def csrf_token(html: str) -> str:
    found = CSRF_FIELD.search(html)
    if not found:
        raise RuntimeError("no CSRF token in the page")
    return found.group(1) or found.group(2)


def answer_values(questions: Any, variant: int) -> list[Any]:
    """One answer per question; ``variant`` picks other options so each save changes data."""
    values: list[Any] = []
    for question in questions:
        if question.type in ("single", "multi"):
            options = [o for o in question.options if not o.exclusive] or list(question.options)
            chosen = options[variant % len(options)].id
            values.append([chosen] if question.type == "multi" else chosen)
        elif question.type == "number":
            low = question.min if question.min is not None else 0
            values.append(low + variant % 3)
        else:
            values.append(f"Notiz {variant}")
    return values


def form_fields(questions: Any, variant: int) -> list[tuple[str, str]]:
    """The answers as a browser posts them."""
    fields: list[tuple[str, str]] = []
    for question, value in zip(questions, answer_values(questions, variant), strict=True):
        for item in value if isinstance(value, list) else [value]:
            fields.append((f"q_{question.id}", str(item)))
    return fields


def respondent(
    port: int, ruleset: Any, recorder: Recorder, deadline: float, max_saves: int | None = None, kind: str = SUBMIT
) -> None:
    """Start, save the profile, then save the first dimension step until the deadline."""
    from selfcheck.questionnaire.state import step_questions

    while time.monotonic() < deadline:
        client = Client(port, recorder)
        try:
            token = csrf_token(client.request("GET /", "GET", "/"))
            client.request("POST /start", "POST", "/start", [("csrf_token", token)], expect=303, goes_to=("/zugang",))
            profile_questions = step_questions(ruleset, ruleset.steps[0], {})
            html = client.request("GET /schritt/1", "GET", "/schritt/1")
            token = csrf_token(html)
            profile = form_fields(profile_questions, 0)
            client.request(
                "POST /schritt/1",
                "POST",
                "/schritt/1",
                [("csrf_token", token), *profile, ("action", "next")],
                expect=303,
                goes_to=("/schritt/2",),
            )
            answers = {
                q.id: value for q, value in zip(profile_questions, answer_values(profile_questions, 0), strict=True)
            }
            questions = step_questions(ruleset, ruleset.steps[1], answers)
            token = csrf_token(client.request("GET /schritt/2", "GET", "/schritt/2"))
            variant = 0
            while time.monotonic() < deadline:
                variant += 1
                fields = [("csrf_token", token), *form_fields(questions, variant), ("action", "next")]
                # A save leads on to step 3, or back to step 2 when the answers changed which questions it asks.
                client.request(kind, "POST", "/schritt/2", fields, expect=303, goes_to=("/schritt/3", "/schritt/2"))
                if max_saves is not None and variant >= max_saves:
                    return
        except (OSError, RuntimeError, http.client.HTTPException):
            time.sleep(0.05)  # counted already; start over as a new respondent
        finally:
            client.connection.close()


def health_probe(
    port: int, recorder: Recorder, deadline: float, max_probes: int | None = None, kind: str = HEALTH
) -> None:
    client = Client(port, recorder)
    probes = 0
    while time.monotonic() < deadline and (max_probes is None or probes < max_probes):
        probes += 1
        try:
            client.request(kind, "GET", "/healthz")
        except (OSError, RuntimeError, http.client.HTTPException):
            time.sleep(0.05)
        time.sleep(0.01)
    client.connection.close()


def idle_baseline(port: int, ruleset: Any, recorder: Recorder, rounds: int = 50) -> None:
    """One client alone: the service time of each request without queueing behind others."""
    far = time.monotonic() + 60
    respondent(port, ruleset, recorder, far, max_saves=rounds, kind=IDLE_SUBMIT)
    health_probe(port, recorder, far, max_probes=rounds, kind=IDLE_HEALTH)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def database(url: str | None, workdir: Path) -> Iterator[str]:
    """A fresh database: a temporary SQLite file, or a throwaway schema in PostgreSQL."""
    if not url:
        yield f"sqlite:///{workdir / 'bench.sqlite'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"bench_{secrets.token_hex(6)}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def prepare(settings: dict[str, str]) -> Any:
    """Create the schema with the migrations and return the rule set the server will use."""
    from selfcheck.app import create_app
    from selfcheck.cli.db import upgrade_database
    from selfcheck.questionnaire.state import RULESET_KEY

    app = create_app({key.removeprefix("SELFCHECK_"): value for key, value in settings.items()})
    upgrade_database(app)
    return app.extensions[RULESET_KEY]


@contextmanager
def gunicorn(port: int, workers: int, settings: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "wsgi:app",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **settings}, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            wait_until_healthy(port, process)
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_healthy(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with code {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not become healthy")


def stored_counts(url: str) -> tuple[int, int]:
    """How many assessments and saved answer changes the database holds: proof the saves were real."""
    from sqlalchemy import text

    from selfcheck.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT count(*), coalesce(sum(answers_revision), 0) FROM assessments")).one()
    finally:
        engine.dispose()
    return int(row[0]), int(row[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(recorder: Recorder, seconds: float, rates: bool = True) -> list[dict[str, Any]]:
    rows = []
    for kind in sorted(set(recorder.latencies) | set(recorder.errors), key=lambda k: (k not in (SUBMIT, HEALTH), k)):
        values = recorder.latencies.get(kind, [])
        rows.append(
            {
                "kind": kind,
                "count": len(values),
                "rps": len(values) / seconds if rates else None,
                "p50": percentile(values, 0.50) * 1000 if values else None,
                "p95": percentile(values, 0.95) * 1000 if values else None,
                "p99": percentile(values, 0.99) * 1000 if values else None,
                "mean": statistics.fmean(values) * 1000 if values else None,
                "errors": len(recorder.errors.get(kind, [])),
                "error_kinds": sorted(set(recorder.errors.get(kind, []))),
            }
        )
    return rows


def machine_facts(database_url: str) -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "0"
    )
    from importlib.metadata import version

    kind = f"SQLite {sqlite3.sqlite_version} (WAL, file in the temp folder)"
    if database_url.startswith("postgresql"):
        from sqlalchemy import text

        from selfcheck.db import make_engine

        engine = make_engine(database_url)
        with engine.connect() as connection:
            kind = f"PostgreSQL {connection.execute(text('SHOW server_version')).scalar()} on loopback"
        engine.dispose()
    return [
        f"CPU: {cpu}, {os.cpu_count()} logical CPUs (the load generator runs on the same machine)",
        f"Memory: {int(memory) // 1024 // 1024} GiB",
        f"OS: {platform.system()} {platform.release()}, Python {platform.python_version()}",
        f"gunicorn {version('gunicorn')} (sync workers), Flask {version('flask')}, database: {kind}",
    ]


def render(rows: list[dict[str, Any]], args: argparse.Namespace, seconds: float, facts: list[str], ruleset: Any) -> str:
    def ms(value: float | None) -> str:
        return "–" if value is None else f"{value:.1f}"

    lines = [
        f"Run: {args.workers} gunicorn workers, {args.users} respondents + {HEALTH_PROBES} health probes, "
        f"{seconds:.0f} s measured after {args.warmup:.0f} s warm-up; rule set {ruleset.id} {ruleset.version}.",
        "",
        "| request | count | req/s | p50 ms | p95 ms | p99 ms | mean ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        errors = str(row["errors"]) + (f" ({', '.join(row['error_kinds'])})" if row["error_kinds"] else "")
        rps = "–" if row["rps"] is None else f"{row['rps']:.1f}"
        lines.append(
            f"| {row['kind']} | {row['count']} | {rps} | {ms(row['p50'])} | {ms(row['p95'])} | "
            f"{ms(row['p99'])} | {ms(row['mean'])} | {errors} |"
        )
    by_kind = {row["kind"]: row for row in rows}
    submit, health = by_kind.get(SUBMIT), by_kind.get(HEALTH)
    for label, top, bottom in (
        ("under load", submit, health),
        ("one client alone", by_kind.get(IDLE_SUBMIT), by_kind.get(IDLE_HEALTH)),
    ):
        if top and bottom and top["p50"] and bottom["p50"]:
            ratios = ", ".join(f"{p} {top[p] / bottom[p]:.1f}x" for p in ("p50", "p95", "p99"))
            lines += ["", f"Step submit / healthz latency ratio {label}: {ratios}"]
    lines += ["", *[f"- {fact}" for fact in facts]]
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--users", type=int, default=20, help="concurrent respondents (default 20)")
    parser.add_argument("--duration", type=float, default=30, help="measured seconds (default 30)")
    parser.add_argument("--warmup", type=float, default=3, help="seconds not measured at the start (default 3)")
    parser.add_argument("--quick", action="store_true", help="a short run: 10 users, 8 s, 2 s warm-up")
    parser.add_argument("--database-url", help="PostgreSQL URL (a throwaway schema is used); default SQLite")
    parser.add_argument("--rules-dir", default=str(ROOT / "rules" / "blended-impact"), help="rule set folder")
    args = parser.parse_args(argv)
    if args.quick:
        args.users, args.duration, args.warmup = 10, 8.0, 2.0
    if args.users < 1 or args.workers < 1 or args.duration <= 0 or args.duration + args.warmup > 150:
        parser.error("need users >= 1, workers >= 1 and a run of at most 150 s")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="selfcheck-bench-") as tmp, database(args.database_url, Path(tmp)) as url:
        settings = {
            "SELFCHECK_DATABASE_URL": url,
            "SELFCHECK_INSTANCE_PATH": tmp,
            "SELFCHECK_SECRET_KEY": secrets.token_hex(32),
            "SELFCHECK_RULES_DIR": str(Path(args.rules_dir).resolve()),
        }
        ruleset = prepare(settings)
        port = free_port()
        with gunicorn(port, args.workers, settings, Path(tmp) / "gunicorn.log"):
            idle = Recorder()
            idle_baseline(port, ruleset, idle)
            started = time.monotonic()
            recorder = Recorder(measure_from=started + args.warmup)
            deadline = started + args.warmup + args.duration
            threads = [
                threading.Thread(target=respondent, args=(port, ruleset, recorder, deadline)) for _ in range(args.users)
            ]
            threads += [
                threading.Thread(target=health_probe, args=(port, recorder, deadline)) for _ in range(HEALTH_PROBES)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            measured = time.monotonic() - recorder.measure_from
        stored = stored_counts(url)
        rows = summary(recorder, measured) + [
            row for row in summary(idle, 1.0, rates=False) if row["kind"].startswith("idle:")
        ]
        print(render(rows, args, measured, machine_facts(url), ruleset))
        print(
            f"- Database after the run: {stored[0]} assessments, {stored[1]} saved answer changes in total "
            "(each respondent: 1 profile save + its step saves, warm-up included)"
        )
        failed = sum(row["errors"] for row in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
