"""Security headers and cache rules for every response.

A strict CSP is possible because nothing is loaded from elsewhere and there is no inline
script or style. Pages with answers or results must never be stored by a browser or proxy.
"""

from __future__ import annotations

from flask import Flask, Response, request

from .config import is_production

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

HSTS = "max-age=31536000; includeSubDomains"


def public_file(endpoint: str | None) -> bool:
    """Static files (the app's and a blueprint's) and the favicon hold nothing personal."""
    return endpoint is not None and (endpoint in ("static", "site.favicon") or endpoint.endswith(".static"))


def init_app(app: Flask) -> None:
    production = is_production(app)

    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if production:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if not public_file(request.endpoint):
            # Answers, results and resume secrets appear on dynamic pages: never cache them.
            response.headers["Cache-Control"] = "no-store"
        return response
