"""Who runs this instance: the operator's details from the settings, the imprint page
(/impressum), and the favicon at the address browsers ask for without being told.

The privacy page names the same operator as the controller. Without a name and a contact the
pages say that the imprint is not set up (a development instance also says which settings to
set), and a production start logs a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, current_app, render_template, send_from_directory
from werkzeug.wrappers import Response

from .config import SettingsError, is_production

EXTENSION_KEY = "selfcheck.operator"
SETTINGS = ("OPERATOR_NAME", "OPERATOR_ADDRESS", "OPERATOR_EMAIL", "OPERATOR_PRIVACY_CONTACT",
            "OPERATOR_IMPRINT_URL", "OPERATOR_IMPRINT_TEXT")
FAVICON = "favicon.svg"
FAVICON_MAX_AGE = 24 * 3600

bp = Blueprint("site", __name__)


@dataclass(frozen=True)
class Operator:
    name: str
    address: tuple[str, ...]
    email: str
    privacy_contact: tuple[str, ...]
    imprint_url: str
    imprint_text: tuple[tuple[str, ...], ...]  # paragraphs of lines

    @property
    def configured(self) -> bool:
        """Enough for an imprint: who, and how to reach them."""
        return bool(self.name and (self.email or self.address))


def _lines(value: Any, setting: str) -> tuple[str, ...]:
    """A list of lines or one text with line breaks, as the settings allow both."""
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple) or not all(isinstance(line, str) for line in value):
        raise SettingsError(f"{setting} must be a text or a list of texts, not {value!r}")
    return tuple(line.strip() for line in value if line.strip())


def _paragraphs(value: Any, setting: str) -> tuple[tuple[str, ...], ...]:
    """Paragraphs separated by a blank line (in a list: by an empty entry), each a tuple of lines."""
    if isinstance(value, list | tuple) and all(isinstance(line, str) for line in value):
        value = "\n".join(value)
    blocks = re.split(r"\n\s*\n", _text(value, setting))
    return tuple(lines for block in blocks if (lines := _lines(block, setting)))


def _text(value: Any, setting: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise SettingsError(f"{setting} must be a text, not {value!r}")
    return value.strip()


def operator_from_config(config: Any) -> Operator:
    """The operator's details; an e-mail without "@" or an imprint URL that is not http(s) stops the start."""
    email = _text(config.get("OPERATOR_EMAIL"), "OPERATOR_EMAIL")
    if email and ("@" not in email or any(c.isspace() for c in email)):
        raise SettingsError(f"OPERATOR_EMAIL is not an e-mail address: {email!r}")
    url = _text(config.get("OPERATOR_IMPRINT_URL"), "OPERATOR_IMPRINT_URL")
    if url and not url.startswith(("https://", "http://")):
        raise SettingsError(f"OPERATOR_IMPRINT_URL must start with https:// (or http://): {url!r}")
    return Operator(
        name=_text(config.get("OPERATOR_NAME"), "OPERATOR_NAME"),
        address=_lines(config.get("OPERATOR_ADDRESS"), "OPERATOR_ADDRESS"),
        email=email,
        privacy_contact=_lines(config.get("OPERATOR_PRIVACY_CONTACT"), "OPERATOR_PRIVACY_CONTACT"),
        imprint_url=url,
        imprint_text=_paragraphs(config.get("OPERATOR_IMPRINT_TEXT"), "OPERATOR_IMPRINT_TEXT"),
    )


def current_operator() -> Operator:
    return current_app.extensions[EXTENSION_KEY]  # type: ignore[no-any-return]


@bp.get("/impressum")
def imprint() -> str:
    return render_template("questionnaire/imprint.html")


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask here when a response has no <link rel="icon"> (a PDF, the JSON endpoints)."""
    assert current_app.static_folder is not None
    return send_from_directory(current_app.static_folder, FAVICON, mimetype="image/svg+xml", max_age=FAVICON_MAX_AGE)


def init_app(app: Flask) -> None:
    operator = operator_from_config(app.config)
    app.extensions[EXTENSION_KEY] = operator
    app.register_blueprint(bp)

    @app.context_processor
    def operator_details() -> dict[str, Any]:
        return {"operator": operator, "operator_settings": SETTINGS, "show_setup_hints": not is_production(app)}

    if is_production(app) and not operator.configured:
        app.logger.warning(
            "The imprint is not set up: set SELFCHECK_OPERATOR_NAME and a contact (SELFCHECK_OPERATOR_EMAIL or "
            "SELFCHECK_OPERATOR_ADDRESS), or the same keys in selfcheck.toml in the instance folder. Until then "
            "/impressum and the privacy page say that the operator's details are missing (docs/deployment.md)."
        )
