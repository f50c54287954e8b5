"""``selfcheck worker``: render processes for the Redis queue, on this host or any other.

The supervisor loads the app once and parses fonts and stylesheets once, then forks the worker
processes; each takes one job at a time and hands it to a fresh job process forked from itself
(RQ's work horse), which the worker kills when the job's deadline passes. A worker ends after
``max_jobs`` jobs and the supervisor starts a new one, so memory stays bounded.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from typing import Any

from flask import Flask

from .job import FileJob

logger = logging.getLogger(__name__)
_app: Flask | None = None  # set by run_workers before forking; job processes inherit it


def perform_payload(payload: dict[str, Any]) -> str:
    """The task the queue runs: make the file, keep it, say what happened."""
    from ..reports.pdf import render_in_process
    from . import store_for
    from .perform import perform

    app = _app
    if app is None:  # started by plain `rq worker`: build the app here
        from ..app import create_app

        app = create_app()
    job = FileJob.from_payload(payload)
    stored = perform(job, store_for(app), lambda html, sheet: render_in_process(html, sheet)[0])
    return "stored" if stored else "owner deleted: nothing kept"


def _work(url: str, max_jobs: int | None, burst: bool) -> None:
    from rq import Worker
    from rq.serializers import JSONSerializer

    from .redis_queue import QUEUE_NAME, connect

    worker = Worker([QUEUE_NAME], connection=connect(url), serializer=JSONSerializer)
    worker.work(burst=burst, max_jobs=max_jobs, logging_level="INFO")


def run_workers(app: Flask, *, processes: int, max_jobs: int | None, burst: bool) -> None:
    """Start ``processes`` workers and keep them running until SIGTERM/SIGINT (or, with
    ``burst``, until the queue is empty)."""
    global _app
    from ..db import engine_of
    from ..reports.pdf import warm_up

    url = app.config["RENDER_QUEUE_URL"]
    _app = app
    warm_up()
    engine_of(app).dispose()  # job processes open their own connections
    context = multiprocessing.get_context("fork")
    children: dict[int, Any] = {}
    told: set[int] = set()  # asked to stop once: a second SIGTERM would make RQ kill the job
    stopping = False

    def start(slot: int) -> None:
        process = context.Process(target=_work, args=(url, max_jobs, burst), name=f"selfcheck-render-{slot}")
        process.start()
        children[slot] = process

    def stop(_signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True  # the loop below tells every process, also one started just now

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for slot in range(processes):
        start(slot)
    while children:
        for slot, process in list(children.items()):
            if stopping and process.pid not in told:
                told.add(process.pid)
                process.terminate()  # RQ's warm shutdown: the current job ends first
            process.join(0.5)
            if process.is_alive():
                continue
            del children[slot]
            if not stopping and not burst:
                logger.info("render worker %d ended (exit code %s); starting a new one", slot, process.exitcode)
                start(slot)
