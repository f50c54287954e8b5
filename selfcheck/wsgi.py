"""The WSGI entry point of an installed app: ``gunicorn selfcheck.wsgi:app``.

A broken or missing rule set, a wrong setting or a broken settings file stops the start with its
problems (file:line) and exit code 4 (gunicorn's "app could not be loaded"), so the server stops
instead of restarting workers forever, and nobody sees a traceback.
"""

import sys

from selfcheck.app import START_ERRORS, create_app

APP_LOAD_ERROR = 4

try:
    app = create_app()
except START_ERRORS as error:
    print(error, file=sys.stderr)
    sys.exit(APP_LOAD_ERROR)
