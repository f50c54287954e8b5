"""Static files with cache busting: ``url_for`` gives every static file ``?v=<hash of its content>``,
and a response for the current version may be kept for a year, because a changed file gets a new URL.

Hashes are computed on first use and again when a file changes (so ``flask run --debug`` picks up
edits); nothing is read at import time. An old or made-up version is served with the default
headers (revalidate), never cached as if it were that version.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from flask import Flask, request
from werkzeug.security import safe_join
from werkzeug.wrappers import Response

LONG_CACHE = "public, max-age=31536000, immutable"
VERSION_ARG = "v"


class StaticVersions:
    """Content hashes of static files, remembered per file size and modification time."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[int, int, str]] = {}

    def of(self, folder: str, filename: str) -> str | None:
        path = safe_join(folder, filename)
        if path is None:
            return None
        try:
            stat = Path(path).stat()
        except OSError:
            return None
        known = self._known.get(path)
        if known is None or known[:2] != (stat.st_mtime_ns, stat.st_size):
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]
            known = self._known[path] = (stat.st_mtime_ns, stat.st_size, digest)
        return known[2]


def static_folder(app: Flask, endpoint: str | None) -> str | None:
    """The folder behind a static endpoint (the app's or a blueprint's), else None."""
    if endpoint == "static":
        return app.static_folder
    if endpoint and endpoint.endswith(".static"):
        blueprint = app.blueprints.get(endpoint.rsplit(".", 1)[0])
        return blueprint.static_folder if blueprint is not None else None
    return None


def init_app(app: Flask) -> None:
    versions = StaticVersions()

    @app.url_defaults
    def add_version(endpoint: str, values: dict[str, Any]) -> None:
        folder = static_folder(app, endpoint)
        if folder and "filename" in values and VERSION_ARG not in values:
            version = versions.of(folder, values["filename"])
            if version:
                values[VERSION_ARG] = version

    @app.after_request
    def cache_current_versions(response: Response) -> Response:
        folder = static_folder(app, request.endpoint)
        wanted = request.args.get(VERSION_ARG)
        if folder and wanted and response.status_code in (200, 304):
            filename = (request.view_args or {}).get("filename", "")
            if wanted == versions.of(folder, filename):
                response.headers["Cache-Control"] = LONG_CACHE
                response.headers.pop("Expires", None)
        return response
