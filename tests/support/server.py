"""The app under gunicorn on loopback, and an HTTP client that behaves like a browser (cookies,
CSRF tokens read from the rendered forms): what the fault suite (tests/faults) drives."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

from tests.support.formclient import rendered_form

ROOT = Path(__file__).resolve().parents[2]
MINIMAL_RULES = ROOT / "tests" / "fixtures" / "rules" / "minimal"
BIN = Path(sys.executable).parent
START_TIMEOUT = 30

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    """gunicorn serving the app; ``env`` holds its SELFCHECK_* settings."""

    env: dict[str, str]
    workers: int = 2
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        env = {**os.environ, **self.env}
        subprocess.run([BIN / "selfcheck", "db", "upgrade"], env=env, check=True, capture_output=True, timeout=60)
        log = Path(self.env["SELFCHECK_INSTANCE_PATH"]) / f"gunicorn-{self.port}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("wb") as output:  # the child keeps its own descriptor
            self.process = subprocess.Popen(
                [BIN / "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
                 "--timeout", "30", "--graceful-timeout", "2", "selfcheck.wsgi:app"],
                env=env, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/version", timeout=2):
                    return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def worker_pids(self) -> list[int]:
        assert self.process is not None
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def kill_a_worker(self) -> int:
        pid = self.worker_pids()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class WebClient:
    """A browser over HTTP: keeps its cookies, posts forms as rendered, never follows redirects."""

    def __init__(self, base: str, jar: CookieJar | None = None) -> None:
        self.base = base
        self.jar = jar if jar is not None else CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, path: str, data: dict[str, Any] | None = None, timeout: float = 30) -> Response:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=body), timeout=timeout) as answer:
                return Response(answer.status, dict(answer.headers), answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, dict(error.headers), error.read())

    def get(self, path: str, timeout: float = 30) -> Response:
        return self.request(path, timeout=timeout)

    def submit(self, path: str, data: dict[str, Any], form_url: str | None = None) -> Response:
        page = self.get(form_url or path)
        assert page.status == 200, (form_url or path, page.status)
        form = rendered_form(page.text, set(data))
        return self.request(path, {**form.hidden, **data})


def start_check(client: WebClient) -> None:
    assert client.submit("/start", {"organisation_name": ""}, form_url="/").status == 303
    assert client.submit("/schritt/1", {"q_org_type": "kommune", "action": "next"}).status == 303


def run_together(*calls: Any) -> list[Any]:
    """Run the calls in threads released at the same moment; return their results."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(slot: int) -> None:
        barrier.wait()
        results[slot] = calls[slot]()

    threads = [threading.Thread(target=run, args=(slot,)) for slot in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results
