"""A file cache for finished PDFs.

A report depends only on (answers revision, rule-set hash, language, template version),
so a rendered PDF can be served again without WeasyPrint. Writes are atomic (temporary
file + rename), so a reader in another process never sees half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .version import TEMPLATE_VERSION


class ReportCache:
    """PDF bytes on disk, keyed by a tuple; the template version is always part of the key."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path_for(self, key: tuple[object, ...]) -> Path:
        raw = json.dumps([TEMPLATE_VERSION, *key], default=str, ensure_ascii=False)
        return self.directory / f"{hashlib.sha256(raw.encode('utf-8')).hexdigest()}.pdf"

    def get(self, key: tuple[object, ...]) -> bytes | None:
        try:
            return self.path_for(key).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key: tuple[object, ...], data: bytes) -> None:
        target = self.path_for(key)
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".pdf")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get_or_render(self, key: tuple[object, ...], render: Callable[[], bytes]) -> bytes:
        """The cached PDF for ``key``, or ``render()``'s result, stored for next time."""
        cached = self.get(key)
        if cached is not None:
            return cached
        data = render()
        self.put(key, data)
        return data
