"""Plumbing every blueprint shares: redirects after a post, and the rate limits.

Each limit is one entry of the ``RATE_LIMITS`` setting (``{"limit": attempts, "window_seconds": s}``);
attempts are counted in the database, so a limit holds across worker processes and hosts.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn, ParamSpec, TypeVar

from flask import abort, current_app, make_response, redirect, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from . import services
from .db import get_session

P = ParamSpec("P")
R = TypeVar("R")


def see_other(endpoint: str, **values: Any) -> BaseResponse:
    """303 after a post (or a swapped secret link): the browser loads the next page with GET."""
    return redirect(url_for(endpoint, **values), code=303)


def client_address() -> str:
    """Who counts as one client: an IPv4 address, or an IPv6 /64 (one household or device,
    which can pick any address in it)."""
    address = request.remote_addr or "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def _settings(name: str) -> dict[str, int]:
    limit = current_app.config["RATE_LIMITS"][name]
    return {"limit": int(limit["limit"]), "window_seconds": int(limit["window_seconds"])}


def _client(extra: str | None) -> str:
    return client_address() if extra is None else f"{client_address()}\x00{extra}"


# A secret lookup stays open to valid secrets while the limit is reached (a room that shares one
# address keeps working), up to this many times the limit of failures: then guessing, and with it
# everything, waits for the window. That bounds guessing per client to LOOKUP_CEILING x limit.
LOOKUP_CEILING = 5


def retry_after(name: str, *, extra: str | None = None, factor: int = 1) -> int:
    """Seconds until this client may try limit ``name`` again (0: now). ``extra`` narrows the
    bucket, e.g. to one assessment, so people sharing an address do not block each other;
    ``factor`` multiplies the limit."""
    settings = _settings(name)
    return services.rate_limit_wait(get_session(), scope=name, client=_client(extra),
                                    limit=settings["limit"] * factor, window_seconds=settings["window_seconds"])


def guarded_lookup(name: str, lookup: Callable[[], R | None]) -> R | None:
    """Look up a secret under limit ``name``: a valid secret passes, a failure counts and answers
    429 (with Retry-After) once the limit is used up; past the ceiling every attempt waits."""
    ceiling = retry_after(name, factor=LOOKUP_CEILING)
    if ceiling:
        too_many(ceiling)
    found = lookup()
    if found is not None:
        return found
    wait = retry_after(name)
    count_attempt(name)
    if wait:
        too_many(wait)
    return None


def count_attempt(name: str, *, extra: str | None = None) -> None:
    """Count one attempt against limit ``name`` (lookups: a failed one; PDFs: a fresh render)."""
    services.record_attempt(get_session(), scope=name, client=_client(extra))


def refuse_if_limited(name: str, *, extra: str | None = None) -> None:
    """Answer 429 with Retry-After when this client has used up limit ``name``."""
    wait = retry_after(name, extra=extra)
    if wait:
        too_many(wait)


def too_many(wait: int) -> NoReturn:
    """Stop the request with the friendly 429 page and when to try again."""
    from .app import render_error

    page, code = render_error(429)
    abort(make_response(page, code, {"Retry-After": str(wait)}))


def rate_limited(name: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Count each call against limit ``name`` (creating things, rendering packs) and answer 429
    (with Retry-After) once the client has used it up. Lookups and PDFs count what they must
    themselves (``guarded_lookup``, ``count_attempt``)."""

    def decorate(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def limited(*args: P.args, **kwargs: P.kwargs) -> R:
            refuse_if_limited(name)
            count_attempt(name)
            return view(*args, **kwargs)

        return limited

    return decorate
