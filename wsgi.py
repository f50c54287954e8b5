"""Entry point for WSGI servers: ``gunicorn wsgi:app`` (and ``flask --app wsgi run`` in development)."""

import sys

from selfcheck.app import RulesNotLoadedError, create_app

try:
    app = create_app()
except RulesNotLoadedError as error:  # a researcher's typo: show file:line problems, not a traceback
    sys.exit(str(error))
