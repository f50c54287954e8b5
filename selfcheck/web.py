"""Plumbing every blueprint shares: redirects after a post, and the rate limits.

Each limit is one entry of the ``RATE_LIMITS`` setting (``{"limit": attempts, "window_seconds": s}``);
attempts are counted in the database, so a limit holds across worker processes and hosts.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from flask import abort, current_app, redirect, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from . import services
from .db import get_session

P = ParamSpec("P")
R = TypeVar("R")


def see_other(endpoint: str, **values: Any) -> BaseResponse:
    """303 after a post (or a swapped secret link): the browser loads the next page with GET."""
    return redirect(url_for(endpoint, **values), code=303)


def client_address() -> str:
    return request.remote_addr or "unknown"


def _settings(name: str) -> dict[str, int]:
    limit = current_app.config["RATE_LIMITS"][name]
    return {"limit": int(limit["limit"]), "window_seconds": int(limit["window_seconds"])}


def limit_reached(name: str) -> bool:
    """Whether this client has used up the attempts of limit ``name`` in its window."""
    return services.is_rate_limited(get_session(), scope=name, client=client_address(), **_settings(name))


def count_attempt(name: str) -> None:
    """Count one attempt against limit ``name`` (for lookups: call it when the lookup failed)."""
    services.record_attempt(get_session(), scope=name, client=client_address())


def rate_limited(name: str, *, count_every_request: bool = False) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Answer 429 once the client has used up limit ``name``.

    With ``count_every_request`` each call counts (expensive work such as PDFs); otherwise the
    view counts only failed attempts itself with ``count_attempt`` (secret lookups).
    """

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def limited(*args: P.args, **kwargs: P.kwargs) -> R:
            if limit_reached(name):
                abort(429)
            if count_every_request:
                count_attempt(name)
            return view(*args, **kwargs)

        return limited

    return decorate
