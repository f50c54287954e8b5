"""Serving finished PDFs: the file if it is stored, otherwise a page that says it is being made.

No request waits for a render. The page reloads itself into a download link through a small
script that asks ``/datei/<key>/status``; without JavaScript it has a link to look again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, abort, current_app, jsonify, make_response, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from ..web import count_attempt, refuse_if_limited
from . import FileJob, QueueUnavailable, State, renderings

bp = Blueprint("files", __name__)
_KEY = re.compile(r"[0-9a-f]{64}")
AGAIN = "erneut"  # ?erneut=1: queue a failed file once more
RETRY_SECONDS = 30


@dataclass(frozen=True)
class Download:
    """A file a request asks for: its key, its name, and how to describe its job if it is missing."""

    key: str
    kind: str
    filename: str
    make_job: Callable[[], FileJob]
    limit_key: str | None = None  # counted against the "pdf" limit when a job is queued; None: not counted
    lang: str | None = None  # the file's language, for Content-Language


def pdf_response(data: bytes, filename: str, lang: str | None = None) -> Response:
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    if lang:
        response.headers["Content-Language"] = lang
    return response


def serve(download: Download) -> BaseResponse:
    """The stored file; else queue its job (once) and answer 202 with the waiting page."""
    files = renderings()
    data = files.file(download.key)
    if data is not None:
        return pdf_response(data, download.filename, download.lang)
    try:
        state = files.queue.status(download.key)
        if state is State.FAILED and AGAIN not in request.args:
            return _waiting(download, failed=True)
        if state is not State.PENDING:
            _count(download)
            files.submit(download.make_job())
    except QueueUnavailable:
        current_app.logger.warning("The render queue does not answer: rendering %s here", download.kind)
        return _render_here(download)
    return _waiting(download, failed=False)


def render_ahead(download: Download) -> State | None:
    """Queue the file if it is neither stored nor on its way (results page, closing a workshop).

    Returns its state for the page (UNKNOWN when rendering ahead is off and nothing was asked for
    yet), or None when the broker does not answer: the file will be made on download.
    """
    files = renderings()
    try:
        state = files.state(download.key)
        if state is State.UNKNOWN and current_app.config["RENDER_AHEAD"]:
            state = files.submit(download.make_job())
    except QueueUnavailable:
        current_app.logger.warning("The render queue does not answer: %s not queued ahead", download.kind)
        return None
    return state


def _count(download: Download) -> None:
    if download.limit_key is not None:
        refuse_if_limited("pdf", extra=download.limit_key)
        count_attempt("pdf", extra=download.limit_key)


def _render_here(download: Download) -> BaseResponse:
    """The last resort: render in this process with a short deadline, keep the file, serve it."""
    from ..reports.pdf import RenderError, RenderTimeout, html_to_pdf

    _count(download)
    job = download.make_job()
    try:
        deadline = float(current_app.config["RENDER_FALLBACK_TIMEOUT_SECONDS"])
        data = html_to_pdf(job.html, job.stylesheet, timeout=deadline)
    except (RenderTimeout, RenderError):
        current_app.logger.exception("PDF could not be rendered")
        from ..app import render_error

        page, code = render_error(503)
        abort(make_response(page, code, {"Retry-After": str(RETRY_SECONDS)}))
    if not renderings().keep(job, data):
        abort(404)  # its owner was deleted meanwhile
    return pdf_response(data, download.filename, download.lang)


def _waiting(download: Download, *, failed: bool) -> BaseResponse:
    page = render_template(
        "files/waiting.html", kind=download.kind, failed=failed,
        status_url=url_for("files.status", key=download.key),
        again_url=_same_url(**{AGAIN: "1"}), reload_url=_same_url(),
    )
    code = 503 if failed else 202
    headers = {"Retry-After": str(RETRY_SECONDS if failed else 2), "Cache-Control": "no-store"}
    return make_response(page, code, headers)


def _same_url(**extra: str) -> str:
    values: dict[str, Any] = {**(request.view_args or {}), **{k: v for k, v in request.args.items() if k != AGAIN},
                              **extra}
    return url_for(request.endpoint or "questionnaire.start", **values)


@bp.get("/datei/<key>/status")
def status(key: str) -> Response:
    """Whether a file is ready: "ready", "pending", "failed" or "unknown" (the waiting page's script)."""
    if not _KEY.fullmatch(key):
        abort(404)
    try:
        state = renderings().state(key).value
    except QueueUnavailable:
        state = State.UNKNOWN.value
    response = jsonify(state=state)
    response.headers["Cache-Control"] = "no-store"
    return response
