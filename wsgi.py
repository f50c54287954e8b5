"""Entry point for WSGI servers: ``gunicorn wsgi:app`` (and ``flask --app wsgi run`` in development)."""

from selfcheck.app import create_app

app = create_app()
