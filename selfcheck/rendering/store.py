"""Where finished PDFs are kept: the database (default) or a folder.

The database store serves every web host and loses a file together with its assessment or
workshop (foreign keys). The folder store is for a single host or a shared mount; deleting an
owner must call ``forget``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from ..services import rendered
from .job import FileJob

logger = logging.getLogger(__name__)
_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
SHARED_FOLDER = "_shared"  # files without an owner (the blank questionnaire)


class FileStore(Protocol):
    def get(self, key: str) -> bytes | None: ...

    def has(self, key: str) -> bool: ...

    def put(self, job: FileJob, content: bytes) -> bool:
        """Keep the file; False when its owner no longer exists (then nothing is kept)."""
        ...

    def forget(self, owner_ids: Iterable[str]) -> None: ...


class DatabaseStore:
    """Files in the ``rendered_files`` table; each call runs in its own short session."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def get(self, key: str) -> bytes | None:
        with self.sessions() as db:
            return rendered.stored_file(db, key)

    def has(self, key: str) -> bool:
        with self.sessions() as db:
            return rendered.has_file(db, key)

    def put(self, job: FileJob, content: bytes) -> bool:
        with self.sessions() as db:
            return rendered.store_file(db, key=job.key, slot=job.slot, owner_kind=job.owner_kind,
                                       owner_id=job.owner_id, content=content)

    def forget(self, owner_ids: Iterable[str]) -> None:
        """Nothing to do: the database deletes an owner's files with the owner."""


class FolderStore:
    """Files in a folder per owner. Writes are atomic (temporary file + rename), so a reader in
    another process never sees half a file; a folder that cannot be written only costs speed."""

    def __init__(self, directory: Path, owner_exists: Callable[[str, str], bool]) -> None:
        self.directory = Path(directory)
        self.owner_exists = owner_exists

    def folder_for(self, owner_id: str | None) -> Path:
        name = owner_id or SHARED_FOLDER
        if not _SAFE_NAME.fullmatch(name):
            name = hashlib.sha256(name.encode("utf-8")).hexdigest()[:32]
        return self.directory / name

    def _find(self, key: str) -> Path | None:
        found = next(self.directory.glob(f"*/*--{key}.pdf"), None) if self.directory.is_dir() else None
        return found

    def get(self, key: str) -> bytes | None:
        try:
            path = self._find(key)
            return path.read_bytes() if path else None
        except OSError:
            logger.warning("PDF folder cannot be read: %s", self.directory, exc_info=True)
            return None

    def has(self, key: str) -> bool:
        return self._find(key) is not None

    def put(self, job: FileJob, content: bytes) -> bool:
        folder = self.folder_for(job.owner_id)
        slot = job.slot.replace(":", "-")
        target = folder / f"{slot}--{job.key}.pdf"
        folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".pdf")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for older in folder.glob(f"{slot}--*.pdf"):
            if older != target:
                older.unlink(missing_ok=True)
        if job.owner_kind and job.owner_id and not self.owner_exists(job.owner_kind, job.owner_id):
            self.forget([job.owner_id])  # deleted while the file was made
            return False
        return True

    def forget(self, owner_ids: Iterable[str]) -> None:
        for owner_id in owner_ids:
            shutil.rmtree(self.folder_for(owner_id), ignore_errors=True)

    def owners(self) -> set[str]:
        """The folder names of every owner with files (for pruning after a purge)."""
        if not self.directory.is_dir():
            return set()
        return {path.name for path in self.directory.iterdir() if path.is_dir()} - {SHARED_FOLDER}
