"""The WSGI entry point of an installed app: ``gunicorn selfcheck.wsgi:app``.

A broken or missing rule set stops the start with its file:line problems and exit code 4
(gunicorn's "app could not be loaded"), so the server stops instead of restarting workers
forever, and nobody sees a traceback.
"""

import sys

from selfcheck.app import RulesNotLoadedError, create_app

APP_LOAD_ERROR = 4

try:
    app = create_app()
except RulesNotLoadedError as error:
    print(error, file=sys.stderr)
    sys.exit(APP_LOAD_ERROR)
