"""A file cache for finished PDFs.

A report depends only on (answers revision, rule-set hash, language, template version),
so a rendered PDF can be served again without WeasyPrint. Writes are atomic (temporary
file + rename), so a reader in another process never sees half a file.

The first part of a key names its owner (an assessment's public id): each owner's files
live in a folder of their own, so deleting someone's data can remove all of their PDFs,
whatever revision, language or template version they were made for.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from .version import TEMPLATE_VERSION

_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")


logger = logging.getLogger(__name__)

class ReportCache:
    """PDF bytes on disk, keyed by a tuple; the template version is always part of the key."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def folder_for(self, owner: object) -> Path:
        name = str(owner)
        if not _SAFE_NAME.fullmatch(name):
            name = hashlib.sha256(name.encode("utf-8")).hexdigest()[:32]
        return self.directory / name

    def path_for(self, key: tuple[object, ...]) -> Path:
        raw = json.dumps([TEMPLATE_VERSION, *key], default=str, ensure_ascii=False)
        return self.folder_for(key[0]) / f"{hashlib.sha256(raw.encode('utf-8')).hexdigest()}.pdf"

    def owners(self) -> set[str]:
        """The folder names of every owner with cached PDFs."""
        if not self.directory.is_dir():
            return set()
        return {path.name for path in self.directory.iterdir() if path.is_dir()}

    def forget(self, owner: object) -> None:
        """Remove every cached PDF of ``owner``."""
        shutil.rmtree(self.folder_for(owner), ignore_errors=True)

    def get(self, key: tuple[object, ...]) -> bytes | None:
        """The cached PDF, or None (also when the folder cannot be read: then we render again)."""
        try:
            return self.path_for(key).read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            logger.warning("PDF cache cannot be read: %s", self.directory, exc_info=True)
            return None

    def put(self, key: tuple[object, ...], data: bytes) -> None:
        target = self.path_for(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".pdf")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def keep(self, key: tuple[object, ...], data: bytes) -> None:
        """Store for next time if the disk lets us; a full or read-only folder only costs speed."""
        try:
            self.put(key, data)
        except OSError:
            logger.warning("PDF cache cannot be written: %s", self.directory, exc_info=True)

    def get_or_render(self, key: tuple[object, ...], render: Callable[[], bytes]) -> bytes:
        """The cached PDF for ``key``, or ``render()``'s result, kept for next time if possible."""
        cached = self.get(key)
        if cached is not None:
            return cached
        data = render()
        self.keep(key, data)
        return data
