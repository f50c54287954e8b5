"""Doing one job: shared by the local pool and the queue's workers."""

from __future__ import annotations

from collections.abc import Callable

from .job import FileJob
from .store import FileStore


def perform(job: FileJob, store: FileStore, render: Callable[[str, str], bytes]) -> bool:
    """Make and keep the file unless it is kept already (the same key always means the same file).

    Returns False when the owner was deleted meanwhile: then nothing is left behind.
    """
    if store.has(job.key):
        return True
    return store.put(job, render(job.html, job.stylesheet))
