"""Entry point in a source checkout: ``flask --app wsgi run`` (development) or ``gunicorn wsgi:app``."""

from selfcheck.wsgi import app

__all__ = ["app"]
