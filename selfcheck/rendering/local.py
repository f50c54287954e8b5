"""The render queue without a broker: a few threads beside the web process, each driving its own
render process with a deadline. Nothing to install; one host only."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait

from ..reports.worker import RenderWorker
from .job import FileJob, State
from .perform import perform
from .store import FileStore

logger = logging.getLogger(__name__)
ATTEMPTS = 2  # a job is retried once


class LocalPool:
    def __init__(self, store: FileStore, *, workers: int, timeout: float, max_jobs: int) -> None:
        self.store = store
        self.timeout = timeout
        self.max_jobs = max_jobs
        self._executor = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="pdf-render")
        self._lock = threading.Lock()
        self._futures: dict[str, Future[None]] = {}
        self._failed: set[str] = set()
        self._thread = threading.local()
        self._workers: list[RenderWorker] = []

    def submit(self, job: FileJob) -> State:
        with self._lock:
            running = self._futures.get(job.key)
            if running is None or running.done():
                self._failed.discard(job.key)
                self._futures[job.key] = self._executor.submit(self._run, job)
        return State.PENDING

    def status(self, key: str) -> State:
        with self._lock:
            if key in self._failed:
                return State.FAILED
            running = self._futures.get(key)
            return State.PENDING if running is not None and not running.done() else State.UNKNOWN

    def _run(self, job: FileJob) -> None:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                perform(job, self.store, self._render)
                break
            except Exception:
                logger.exception("%s (%s) could not be made, attempt %d of %d", job.kind, job.lang, attempt, ATTEMPTS)
        else:
            with self._lock:
                self._failed.add(job.key)
        with self._lock:
            self._futures.pop(job.key, None)

    def _render(self, html: str, stylesheet: str) -> bytes:
        worker = getattr(self._thread, "worker", None)
        if worker is None:
            worker = self._thread.worker = RenderWorker(max_jobs=self.max_jobs)
            with self._lock:
                self._workers.append(worker)
        return worker.render(html, stylesheet, self.timeout)[0]

    def wait_idle(self, timeout: float = 120) -> bool:
        """Wait until every submitted job has ended (tests, benchmarks, command-line use)."""
        with self._lock:
            running = list(self._futures.values())
        done, not_done = wait(running, timeout=timeout)
        return not not_done

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        for worker in self._workers:
            worker.stop()
