"""The application factory: the one place where the web app is assembled.

It only wires things together: it never creates tables, migrates or calls the network.
The rule set is loaded and validated here, once, so a broken rule file stops the start
with the full list of problems instead of failing in front of a respondent.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from . import db, i18n, imprint, security, static_files
from .config import SettingsError, load_config
from .engine import RuleSetError, load_ruleset
from .extensions import csrf
from .provenance import provenance
from .questionnaire.state import RULESET_KEY
from .resources import shipped

PACKAGE_DIR = Path(__file__).resolve().parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app. ``config`` overrides ``SELFCHECK_*`` environment variables, which override the
    settings file ``selfcheck.toml`` in the instance folder, which overrides the defaults.

    The instance folder (database, secret, PDF cache, settings file) is ``SELFCHECK_INSTANCE_PATH`` if
    set, else Flask's default: ``instance/`` in a source checkout, ``<venv>/var/selfcheck-instance``
    when installed. A wrong setting raises ``SettingsError``, a broken rule set ``RulesNotLoadedError``.
    """
    instance_path = (config or {}).get("INSTANCE_PATH") or os.environ.get("SELFCHECK_INSTANCE_PATH")
    app = Flask(
        "selfcheck",
        instance_path=str(Path(instance_path).resolve()) if instance_path else None,
        template_folder=str(shipped("templates")),
        static_folder=str(PACKAGE_DIR / "static"),
    )
    load_config(app, config)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    if app.config["PROXY_COUNT"]:
        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]
    csrf.init_app(app)
    i18n.init_app(app)
    db.init_app(app)
    security.init_app(app)
    static_files.init_app(app)
    imprint.init_app(app)
    register_rules(app)
    register_blueprints(app)
    register_error_handlers(app)
    refuse_file_uploads(app)
    register_health(app)
    register_commands(app)
    return app


class RulesNotLoadedError(RuntimeError):
    """The rule set has errors: the app refuses to start and says where and why."""

    def __init__(self, error: RuleSetError) -> None:
        message = "The app does not start with a broken rule set. Check it with: selfcheck rules check"
        super().__init__(f"{error}\n{message}")
        self.problems = error.problems


# What stops the start with a message for the operator instead of a traceback.
START_ERRORS = (SettingsError, RulesNotLoadedError)


def register_rules(app: Flask) -> None:
    try:
        app.extensions[RULESET_KEY] = load_ruleset(Path(app.config["RULES_DIR"]))
    except RuleSetError as error:
        raise RulesNotLoadedError(error) from None


# The commands of `selfcheck` that `flask --app wsgi <command>` offers too; commands that need the
# app (db, worker, export, rules impact) then use that app instead of building one.
FLASK_COMMANDS = ("db", "rules", "score", "report", "paper", "workshop", "worker", "export")


def register_commands(app: Flask) -> None:
    import click

    from .cli import main

    context = click.Context(main)
    for name in FLASK_COMMANDS:
        command = main.get_command(context, name)
        if command is not None:
            app.cli.add_command(command, name)


def register_blueprints(app: Flask) -> None:
    from .questionnaire import results, resume, views
    from .rendering.views import bp as files_bp
    from .workshops.views import bp as workshops_bp

    app.register_blueprint(views.bp)
    app.register_blueprint(resume.bp)
    app.register_blueprint(results.bp)
    app.register_blueprint(workshops_bp)
    app.register_blueprint(files_bp)


ERROR_TEXTS = {
    400: (_l("Die Anfrage war fehlerhaft"), _l("Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.")),
    404: (
        _l("Seite nicht gefunden"),
        _l("Diese Seite gibt es nicht. Vielleicht ist der Link alt oder falsch abgeschrieben."),
    ),
    405: (_l("Das geht so nicht"), _l("Diese Seite kann so nicht aufgerufen werden.")),
    415: (_l("Hier gehen keine Dateien"),
          _l("Dieses Formular nimmt nur Text an. Bitte senden Sie es ohne angehängte Datei noch einmal.")),
    413: (_l("Zu viele Daten"), _l("Die gesendeten Daten sind zu groß. Bitte kürzen Sie Ihre Eingaben.")),
    429: (_l("Zu viele Versuche"), _l("Bitte warten Sie einige Minuten und versuchen Sie es dann noch einmal.")),
    503: (_l("Gerade nicht möglich"),
          _l("Das PDF konnte gerade nicht erstellt werden. Ihre Antworten sind gespeichert. "
             "Bitte versuchen Sie es in einer halben Minute noch einmal.")),
    500: (
        _l("Ein Fehler ist aufgetreten"),
        _l(
            "Das tut uns leid. Ihre gespeicherten Antworten sind nicht verloren. "
            "Bitte versuchen Sie es gleich noch einmal."
        ),
    ),
}


def render_error(code: int) -> tuple[str, int]:
    title, message = ERROR_TEXTS.get(code) or ERROR_TEXTS[400 if code < 500 else 500]
    return render_template("errors/error.html", code=code, title=str(title), message=str(message)), code


def register_error_handlers(app: Flask) -> None:
    from .questionnaire.views import rerender_start_after_csrf_error, rerender_step_after_csrf_error

    @app.errorhandler(CSRFError)
    def csrf_failed(_error: CSRFError) -> tuple[str, int]:
        if request.endpoint == "questionnaire.step":
            page = rerender_step_after_csrf_error()
            if page is not None:
                return page
        if request.endpoint == "questionnaire.begin":
            return rerender_start_after_csrf_error()
        return render_template("errors/csrf.html"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        if error.code is None or error.code < 400:
            return error
        return render_error(error.code)

    @app.errorhandler(Exception)
    def server_error(error: Exception) -> tuple[str, int]:
        app.logger.exception("Unhandled error", exc_info=error)
        return render_error(500)


def refuse_file_uploads(app: Flask) -> None:
    """No form of the app takes a file: a file part is refused before any view sees it
    (Flask-WTF would hand it to text and date fields, whose validators then fail with a 500)."""

    @app.before_request
    def no_files() -> Any:
        if request.files:
            title, message = ERROR_TEXTS[415]
            return render_template("errors/error.html", code=400, title=str(title), message=str(message)), 400
        return None


HEALTH_TIMEOUT_SECONDS = 2.5


def register_health(app: Flask) -> None:
    probe_engine = db.make_probe_engine(app.config["DATABASE_URL"])

    @app.get("/healthz")
    def healthz() -> Any:
        """For load balancers and monitoring: 200 when the database answers, 503 within
        HEALTH_TIMEOUT_SECONDS when it does not (also when it hangs instead of refusing)."""
        if not db.answers_within(probe_engine, HEALTH_TIMEOUT_SECONDS, app.logger):
            return jsonify(status="error", database="unavailable"), 503
        return jsonify(status="ok", database="ok")

    @app.get("/version")
    def version() -> Any:
        """Which app, rule set and report layout answer here (no secrets, no paths)."""
        return jsonify(provenance(app.extensions[RULESET_KEY]))
