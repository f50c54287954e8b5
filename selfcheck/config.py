"""Settings and their documented defaults.

Every key can be set from the environment with the prefix ``SELFCHECK_`` (for example
``SELFCHECK_DATABASE_URL``); values are parsed as JSON where possible, so ``true`` and ``3600``
work. Keys can also stand, without the prefix, in ``selfcheck.toml`` in the instance folder.
The factory applies, in order: these defaults, that file, the environment, the ``config``
argument. Nothing here reads the environment or a file at import time.
"""

from __future__ import annotations

import copy
import difflib
import os
import secrets
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .resources import shipped_ruleset

if TYPE_CHECKING:
    from flask import Flask

RULES_DIR_ENV = "SELFCHECK_RULES_DIR"

DEFAULTS: dict[str, Any] = {
    # "development" or "production". Production requires SECRET_KEY and sends secure cookies and HSTS.
    "ENVIRONMENT": "development",
    # Signs the session and CSRF tokens. Development: generated once into the instance folder.
    "SECRET_KEY": None,
    # Keys SECRET_KEY replaced (a JSON list, e.g. SELFCHECK_SECRET_KEY_FALLBACKS='["old"]'): sessions
    # signed and secrets hashed with them stay valid; a secret found with an old key is re-hashed
    # with the new one. Remove an old key once every stored secret had its chance (docs/deployment.md).
    "SECRET_KEY_FALLBACKS": [],
    # SQLAlchemy URL. Default: SQLite file "selfcheck.sqlite" in the instance folder.
    # PostgreSQL: postgresql+psycopg://user:password@host:5432/dbname
    "DATABASE_URL": None,
    # Folder of the rule set the check is answered with (a relative path starts at the current
    # folder). Default: the shipped Blended-Impact rule set. The CLI follows the same rule.
    "RULES_DIR": None,
    # Where finished PDFs are kept: "database" (every web host finds them; deleting an assessment
    # or workshop deletes its files in the same transaction) or "folder" (REPORT_CACHE_DIR, one
    # host or a shared mount).
    "REPORT_STORE": "database",
    # Folder for finished PDFs when REPORT_STORE is "folder". Default: "reports" in the instance folder.
    "REPORT_CACHE_DIR": None,
    # Redis URL of the render queue (e.g. redis://127.0.0.1:6379/0): PDFs are then made by
    # `selfcheck worker` processes on any host, never by a web process. Empty: a local pool of
    # render processes beside each web process does it (nothing else to install).
    "RENDER_QUEUE_URL": None,
    # Render processes per web process for the local pool (without RENDER_QUEUE_URL).
    "RENDER_WORKERS": 1,
    # A render process is replaced after this many PDFs, so its memory stays bounded.
    "RENDER_MAX_JOBS": 100,
    # Deadline of one render (seconds); a job past it is stopped and retried once.
    "RENDER_TIMEOUT_SECONDS": 60,
    # Queue the report when a respondent reaches the results page, so the download is ready
    # when they click. Off: the report is made on the first download.
    "RENDER_AHEAD": True,
    # When the broker does not answer, a download renders in the web process as a last resort,
    # with this deadline (seconds); past it the page asks to try again shortly.
    "RENDER_FALLBACK_TIMEOUT_SECONDS": 30,
    # Days an assessment is kept after its last change; then it counts as expired and is purged.
    "RETENTION_DAYS": 180,
    # Days the anonymised record of a finished assessment stays for research once the assessment
    # itself expires, if its respondent agreed (no name, no ids, month only). 0: none are kept.
    "RESEARCH_RETENTION_DAYS": 5 * 365,
    # The results page and report compare a theme with organisations of the same type only from
    # this many finished organisations on that agreed to research use.
    "PEER_MIN_ORGANISATIONS": 5,
    # A workshop participant counts for the group (the privacy threshold, figures and profile)
    # only with real answers to at least this share (%) of the questions asked: an empty paper
    # sheet or a check answered with "Weiß nicht" throughout never unlocks the group view.
    "WORKSHOP_MIN_ANSWERED": 50,
    # Attempts allowed per client and window, one entry per limit, counted in the database so a
    # limit holds across worker processes and hosts. Set one value from the environment with
    # e.g. SELFCHECK_RATE_LIMITS__pdf__limit=5; entries not given keep these defaults.
    "RATE_LIMITS": {
        "resume": {"limit": 10, "window_seconds": 600},  # failed resume attempts (link or code)
        "workshop_link": {"limit": 10, "window_seconds": 600},  # failed facilitator links
        "workshop_join": {"limit": 10, "window_seconds": 600},  # failed join codes
        "pdf": {"limit": 20, "window_seconds": 600},  # fresh PDF renders per assessment and address
        "workshop_pack": {"limit": 20, "window_seconds": 600},  # workshop pack downloads
        # Creating: a workshop room of 40 sharing one address still fits; a script does not.
        "start": {"limit": 60, "window_seconds": 3600},  # new self-checks (also by joining a workshop)
        "workshop_create": {"limit": 10, "window_seconds": 3600},  # new workshops
    },
    # Largest request body in bytes; the forms are small.
    "MAX_CONTENT_LENGTH": 256 * 1024,
    # A CSRF token stays valid this long (seconds). On expiry the form is shown again with the
    # posted answers kept, so nobody loses a page of answers.
    "WTF_CSRF_TIME_LIMIT": 12 * 3600,
    # How long the browser keeps the session cookie (seconds).
    "PERMANENT_SESSION_LIFETIME": 30 * 24 * 3600,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # Set to the number of proxies in front of the app (e.g. 1 behind nginx) so client
    # addresses and the scheme are read from X-Forwarded-* headers.
    "PROXY_COUNT": 0,
    # Who runs this instance, for the imprint (/impressum) and the privacy page, which names them as
    # the controller. Without a name and a contact (e-mail or address) a production start logs a
    # warning, and both pages say that the imprint is not set up.
    "OPERATOR_NAME": None,  # organisation or person, e.g. "Beispiel e. V."
    # Postal address: a list of lines, or one text with line breaks.
    "OPERATOR_ADDRESS": None,
    "OPERATOR_EMAIL": None,
    # Who answers questions about data protection (e.g. the data protection officer), lines of text;
    # empty: the operator's address and e-mail.
    "OPERATOR_PRIVACY_CONTACT": None,
    # An imprint kept elsewhere (https://...): /impressum links to it.
    "OPERATOR_IMPRINT_URL": None,
    # Further imprint text shown on /impressum (e.g. who represents the operator, register entry,
    # phone); paragraphs separated by a blank line.
    "OPERATOR_IMPRINT_TEXT": None,
    # Languages of the user interface; the first is the default.
    "LANGUAGES": ["de", "en"],
    "BABEL_DEFAULT_LOCALE": "de",
}


SETTINGS_FILE = "selfcheck.toml"


class SettingsError(RuntimeError):
    """A setting or the settings file is wrong: the app does not start, and the message says why."""


def load_config(app: Flask, overrides: dict[str, Any] | None) -> None:
    """Fill ``app.config`` from defaults, the settings file, ``SELFCHECK_*`` environment and ``overrides``."""
    app.config.from_mapping(copy.deepcopy(DEFAULTS))  # nested settings are changed in place below
    settings_file = Path(app.instance_path) / SETTINGS_FILE
    for key, value in read_settings_file(settings_file, known=set(app.config)).items():
        app.config[key] = _merged(app.config[key], value)
    app.config.from_prefixed_env("SELFCHECK")
    if overrides:
        app.config.from_mapping(overrides)
    app.config["RATE_LIMITS"] = _rate_limits(app.config["RATE_LIMITS"])
    instance = Path(app.instance_path)
    if not app.config["DATABASE_URL"]:
        app.config["DATABASE_URL"] = f"sqlite:///{instance / 'selfcheck.sqlite'}"
    if not app.config["REPORT_CACHE_DIR"]:
        app.config["REPORT_CACHE_DIR"] = str(instance / "reports")
    if app.config["REPORT_STORE"] not in ("database", "folder"):
        raise SettingsError(f"REPORT_STORE must be \"database\" or \"folder\", not {app.config['REPORT_STORE']!r}")
    app.config["RULES_DIR"] = str(resolve_rules_dir(app.config["RULES_DIR"]))
    if is_production(app):
        if not app.config["SECRET_KEY"]:
            raise SettingsError("SELFCHECK_SECRET_KEY must be set in production.")
        app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_NAME="__Host-session")
    elif not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(instance)


def read_settings_file(path: Path, known: set[str]) -> dict[str, Any]:
    """The settings in ``path`` (TOML, keys as in DEFAULTS without the prefix); none if there is no
    file. A file that cannot be read, is not TOML or names an unknown setting stops the start."""
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as file:
            settings = tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"Settings file {path} is not valid TOML: {error}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"Settings file {path} cannot be read: {error}") from None
    problems = [problem for key in settings if (problem := _key_problem(key, known))]
    if problems:
        raise SettingsError(f"Settings file {path}: " + "; ".join(problems))
    return settings


def _key_problem(key: str, known: set[str]) -> str | None:
    if key == "INSTANCE_PATH":
        return "INSTANCE_PATH cannot be set here (the file lies in the instance folder); use SELFCHECK_INSTANCE_PATH"
    if key.startswith("SELFCHECK_"):
        return f"write {key} without the prefix, as {key.removeprefix('SELFCHECK_')}"
    if key in known:
        return None
    close = difflib.get_close_matches(key.upper(), sorted(known), n=1)
    return f"unknown setting {key}" + (f" (did you mean {close[0]}?)" if close else "")


def _merged(current: Any, given: Any) -> Any:
    """A table from the file changes only the entries it names (like SELFCHECK_RATE_LIMITS__pdf__limit)."""
    if isinstance(current, dict) and isinstance(given, dict):
        return {**current, **{key: _merged(current.get(key), value) for key, value in given.items()}}
    return given


def resolve_rules_dir(configured: str | os.PathLike[str] | None) -> Path:
    """One rule for app and CLI: the configured folder if set, else the shipped rule set."""
    return Path(configured).resolve() if configured else shipped_ruleset()


def rules_dir_from_environment() -> Path:
    """The rule set for commands that run without an app, found as the app finds it:
    ``SELFCHECK_RULES_DIR``, else ``RULES_DIR`` in the settings file, else the shipped one."""
    return resolve_rules_dir(os.environ.get(RULES_DIR_ENV) or _settings_without_app().get("RULES_DIR"))


def _settings_without_app() -> dict[str, Any]:
    """The settings file of the instance folder the app would use (``SELFCHECK_INSTANCE_PATH`` or
    Flask's default for this package)."""
    from flask import Flask

    configured = os.environ.get("SELFCHECK_INSTANCE_PATH")
    instance = Path(configured).resolve() if configured else Path(Flask("selfcheck").instance_path)
    return read_settings_file(instance / SETTINGS_FILE, known=set(DEFAULTS) | set(Flask.default_config))


def _rate_limits(configured: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Every limit with its defaults filled in; a misspelt limit name stops the start."""
    defaults: dict[str, dict[str, int]] = DEFAULTS["RATE_LIMITS"]
    unknown = sorted(set(configured) - set(defaults))
    if unknown:
        raise SettingsError(f"Unknown rate limit(s) {unknown} in RATE_LIMITS; known: {sorted(defaults)}")
    return {name: {**default, **configured.get(name, {})} for name, default in defaults.items()}


def is_production(app: Flask) -> bool:
    return app.config.get("ENVIRONMENT") == "production"


def _instance_secret(instance: Path) -> str:
    """Read the development secret from the instance folder, creating it on first use."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.touch(mode=0o600)
    path.write_text(key, encoding="utf-8")
    return key
