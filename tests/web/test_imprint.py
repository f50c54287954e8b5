"""Who runs this? The imprint, the controller on the privacy page, and what a missing set-up says."""

from __future__ import annotations

import logging
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from selfcheck.app import create_app
from selfcheck.config import SettingsError
from tests.support.webflow import Browser

OPERATOR = {
    "OPERATOR_NAME": "Beispiel-Netzwerk e. V.",
    "OPERATOR_ADDRESS": "Musterweg 1\n12345 Musterstadt",
    "OPERATOR_EMAIL": "kontakt@example.org",
    "OPERATOR_PRIVACY_CONTACT": ["Datenschutzbeauftragte des Vereins", "datenschutz@example.org"],
    "OPERATOR_IMPRINT_TEXT": "Vertreten durch den Vorstand\nVereinsregister VR 1234\n\nTelefon 0123 456789",
}


def main_text(response: Any) -> str:
    """The visible text of <main>, tags removed and spaces collapsed."""
    main = re.search(r"<main\b.*?</main>", response.get_data(as_text=True), re.S)
    assert main, response.get_data(as_text=True)[:500]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main.group(0))).split())


def test_imprint_without_settings_says_it_is_not_set_up_and_what_to_set(browser: Browser) -> None:
    response = browser.get("/impressum")
    assert response.status_code == 200
    text = main_text(response)
    assert "Impressum nicht eingerichtet" in text
    assert "SELFCHECK_OPERATOR_NAME" in text
    assert "SELFCHECK_OPERATOR_EMAIL" in text
    assert "selfcheck.toml" in text
    privacy = main_text(browser.get("/datenschutz"))
    assert "Impressum nicht eingerichtet" in privacy


def test_imprint_shows_the_operator(app_factory: Any) -> None:
    client = app_factory(**OPERATOR).test_client()
    response = client.get("/impressum")
    text = main_text(response)
    assert "nicht eingerichtet" not in text
    for expected in ("Beispiel-Netzwerk e. V.", "Musterweg 1", "12345 Musterstadt", "Vereinsregister VR 1234",
                     "Telefon 0123 456789"):
        assert expected in text
    html = response.get_data(as_text=True)
    assert 'href="mailto:kontakt@example.org"' in html
    assert "Vertreten durch den Vorstand<br>Vereinsregister VR 1234</p>" in html  # lines kept, paragraphs apart
    english = client.get("/impressum?lang=en")
    assert english.status_code == 200
    assert '<html lang="en">' in english.get_data(as_text=True)
    assert "Beispiel-Netzwerk e. V." in main_text(english)


def test_imprint_links_an_imprint_kept_elsewhere(app_factory: Any) -> None:
    app = app_factory(OPERATOR_NAME="Stadt Beispiel", OPERATOR_EMAIL="a@example.org",
                      OPERATOR_IMPRINT_URL="https://www.example.org/impressum")
    html = app.test_client().get("/impressum").get_data(as_text=True)
    assert '<a href="https://www.example.org/impressum">' in html


def test_privacy_page_names_the_controller_and_the_privacy_contact(app_factory: Any) -> None:
    client = app_factory(**OPERATOR).test_client()
    response = client.get("/datenschutz")
    text = main_text(response)
    assert "Verantwortliche Stelle" in text
    controller = text.split("Verantwortliche Stelle", 1)[1]
    assert controller.index("Beispiel-Netzwerk e. V.") < controller.index("Was wir speichern")
    assert "Datenschutzbeauftragte des Vereins" in text
    assert 'href="mailto:datenschutz@example.org"' in response.get_data(as_text=True)
    assert "nicht eingerichtet" not in text


def test_privacy_contact_falls_back_to_the_operator(app_factory: Any) -> None:
    app = app_factory(OPERATOR_NAME="Stadt Beispiel", OPERATOR_EMAIL="buergerservice@example.org")
    text = main_text(app.test_client().get("/datenschutz"))
    assert "Fragen zum Datenschutz: an die Adresse oben." in text


def test_privacy_page_calls_a_keyed_hash_a_hash(browser: Browser) -> None:
    text = main_text(browser.get("/datenschutz"))
    stored = text.split("Was wir speichern", 1)[1].split("Was wir nicht speichern", 1)[0]
    assert "Prüfsumme (HMAC-SHA256)" in stored
    assert "keine Verschlüsselung" in stored
    assert "PDF-Bericht" in stored


def test_footer_links_the_imprint_and_easy_language_on_every_kind_of_page(browser: Browser) -> None:
    browser.start()
    for url in ("/", "/datenschutz", "/impressum", "/schritt/1", "/fortsetzen", "/workshop/", "/gibt-es-nicht"):
        html = browser.get(url).get_data(as_text=True)
        footer = html.split('<footer class="site-footer">', 1)[1]
        assert '<a href="/impressum">Impressum</a>' in footer, url
        assert '<a href="/leichte-sprache">Leichte Sprache</a>' in footer, url


def production(tmp_path: Path, rules_dir: Path, **settings: Any) -> dict[str, Any]:
    return {"INSTANCE_PATH": str(tmp_path), "RULES_DIR": str(rules_dir), "ENVIRONMENT": "production",
            "SECRET_KEY": "s" * 64, "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite'}", **settings}


def test_production_without_operator_warns_at_start_and_hides_setup_hints(
    tmp_path: Path, minimal_rules_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="selfcheck"):
        app = create_app(production(tmp_path, minimal_rules_dir))
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert any("imprint is not set up" in message and "SELFCHECK_OPERATOR_NAME" in message for message in warnings)
    text = main_text(app.test_client().get("/impressum", base_url="https://localhost"))
    assert "Impressum nicht eingerichtet" in text
    assert "SELFCHECK_OPERATOR_NAME" not in text  # the public page does not list the operator's settings


def test_production_with_name_but_no_contact_still_warns(
    tmp_path: Path, minimal_rules_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="selfcheck"):
        create_app(production(tmp_path, minimal_rules_dir, OPERATOR_NAME="Stadt Beispiel"))
    assert any("imprint is not set up" in record.getMessage() for record in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="selfcheck"):
        create_app(production(tmp_path, minimal_rules_dir, OPERATOR_NAME="Stadt Beispiel",
                              OPERATOR_ADDRESS=["Rathausplatz 1", "12345 Beispiel"]))
    assert not any("imprint" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(("setting", "value", "message"), [
    ("OPERATOR_EMAIL", "kontakt at example.org", "OPERATOR_EMAIL is not an e-mail address"),
    ("OPERATOR_IMPRINT_URL", "javascript:alert(1)", "OPERATOR_IMPRINT_URL must start with https://"),
    ("OPERATOR_ADDRESS", 12345, "OPERATOR_ADDRESS must be a text or a list of texts"),
])
def test_a_wrong_operator_setting_stops_the_start(tmp_path: Path, minimal_rules_dir: Path,
                                                  setting: str, value: Any, message: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(message)):
        create_app({"INSTANCE_PATH": str(tmp_path), "RULES_DIR": str(minimal_rules_dir), setting: value})
