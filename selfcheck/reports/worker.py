"""A render process with a deadline, driven from a process that never imports WeasyPrint.

The child is started with "spawn" (no fork of a threaded web process) and imports the renderer
itself; if a render takes longer than the deadline the child is killed and ``RenderTimeout`` is
raised. Killing is the only reliable way to stop a layout that hangs.
"""

from __future__ import annotations

import multiprocessing
import threading
from typing import Any


class RenderTimeout(RuntimeError):
    """The PDF did not finish before the deadline."""


class RenderError(RuntimeError):
    """WeasyPrint failed; the message comes from the render process."""


def _child_main(conn: Any) -> None:
    from .pdf import serve_renders

    serve_renders(conn)


class RenderWorker:
    """One long-lived child process that renders PDFs, killed when it misses a deadline and
    replaced after ``max_jobs`` renders, so its memory stays bounded."""

    def __init__(self, max_jobs: int | None = None) -> None:
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Any = None
        self.max_jobs = max_jobs
        self._jobs = 0

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a threaded web process
        parent, child = context.Pipe()
        self._process = context.Process(target=_child_main, args=(child,), daemon=True, name="pdf-render")
        self._process.start()
        child.close()
        self._conn = parent

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(5)
            self._conn.close()
        self._process = self._conn = None
        self._jobs = 0

    def render(self, html: str, stylesheet: str, timeout: float) -> tuple[bytes, list[str]]:
        with self._lock:
            if self.max_jobs is not None and self._jobs >= self.max_jobs:
                self.stop()
            if self._process is None or not self._process.is_alive():
                self._start()
            self._jobs += 1
            self._conn.send((html, stylesheet))
            if not self._conn.poll(timeout):
                self.stop()
                raise RenderTimeout(f"the PDF was not ready after {timeout:g} seconds")
            try:
                status, payload, urls = self._conn.recv()
            except EOFError:
                self.stop()
                raise RenderError("the PDF worker stopped unexpectedly") from None
        if status != "ok":
            raise RenderError(payload)
        return payload, urls
