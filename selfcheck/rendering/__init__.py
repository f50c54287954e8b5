"""Finished PDFs, made off the request path.

A request asks for a file by its key (``file_key``). A stored file is served at once. Otherwise
the request describes the job (``FileJob``: the HTML to print, its stylesheet, its owner) and
hands it to the render queue:

* with ``RENDER_QUEUE_URL`` (Redis), to RQ workers started with ``selfcheck worker`` on any host;
* without, to a small local pool of render processes beside the web process.

The web process itself renders only as a last resort, when the broker does not answer.
Files are kept in the database (default) or a folder (``REPORT_STORE``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from flask import Flask, current_app

from ..db import EXTENSION_KEY as SESSIONS_KEY
from .job import FileJob, QueueUnavailable, State, file_key
from .store import DatabaseStore, FileStore, FolderStore

__all__ = ["FileJob", "QueueUnavailable", "Renderings", "State", "file_key", "renderings", "store_for"]

EXTENSION_KEY = "selfcheck.renderings"


class RenderQueue(Protocol):
    def submit(self, job: FileJob) -> State: ...

    def status(self, key: str) -> State: ...

    def shutdown(self) -> None: ...


class Renderings:
    """The configured store and queue of one app."""

    def __init__(self, store: FileStore, queue: RenderQueue) -> None:
        self.store = store
        self.queue = queue

    def file(self, key: str) -> bytes | None:
        return self.store.get(key)

    def state(self, key: str) -> State:
        """READY, PENDING, FAILED or UNKNOWN; raises QueueUnavailable when the broker is down."""
        return State.READY if self.store.has(key) else self.queue.status(key)

    def submit(self, job: FileJob) -> State:
        """Queue the job unless its file is stored or on its way; raises QueueUnavailable."""
        if self.store.has(job.key):
            return State.READY
        return self.queue.submit(job)

    def keep(self, job: FileJob, content: bytes) -> bool:
        """Store a file made here (the last resort when the broker is down)."""
        return self.store.put(job, content)

    def forget(self, owner_ids: Iterable[str]) -> None:
        self.store.forget(owner_ids)


def store_for(app: Flask) -> FileStore:
    if app.config["REPORT_STORE"] == "folder":
        return FolderStore(Path(app.config["REPORT_CACHE_DIR"]), _owner_exists(app))
    return DatabaseStore(app.extensions[SESSIONS_KEY])


def _owner_exists(app: Flask) -> Callable[[str, str], bool]:
    from .. import services
    from ..services import workshops as workshop_services

    def exists(kind: str, public_id: str) -> bool:
        with app.extensions[SESSIONS_KEY]() as db:
            if kind == "assessment":
                return services.assessment_exists(db, public_id)
            return workshop_services.workshop_exists(db, public_id)

    return exists


def renderings(app: Flask | None = None) -> Renderings:
    """The app's store and queue, built on first use (no threads or connections before that)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    found = app.extensions.get(EXTENSION_KEY)
    if found is None:
        store = store_for(app)
        timeout = float(app.config["RENDER_TIMEOUT_SECONDS"])
        queue: RenderQueue
        if app.config["RENDER_QUEUE_URL"]:
            from .redis_queue import RedisQueue

            queue = RedisQueue(app.config["RENDER_QUEUE_URL"], timeout=timeout)
        else:
            from .local import LocalPool

            queue = LocalPool(store, workers=int(app.config["RENDER_WORKERS"]), timeout=timeout,
                              max_jobs=int(app.config["RENDER_MAX_JOBS"]))
        found = app.extensions[EXTENSION_KEY] = Renderings(store, queue)
    return found
