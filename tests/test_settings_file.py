"""Settings from selfcheck.toml in the instance folder, and the app's commands under `flask --app wsgi`.

Order: defaults < settings file < SELFCHECK_* environment < create_app argument.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from selfcheck.app import create_app
from selfcheck.config import SettingsError

ROOT = Path(__file__).resolve().parents[1]


def write_settings(instance: Path, text: str) -> Path:
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / "selfcheck.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_settings_file_sits_between_defaults_and_environment(
    tmp_path: Path, minimal_rules_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_settings(tmp_path, f'''
RULES_DIR = "{minimal_rules_dir}"
RETENTION_DAYS = 30
PEER_MIN_ORGANISATIONS = 9
WORKSHOP_MIN_ANSWERED = 70
OPERATOR_NAME = "Aus der Datei e. V."
OPERATOR_ADDRESS = ["Dateiweg 1", "12345 Dateistadt"]

[RATE_LIMITS.pdf]
limit = 5
''')
    monkeypatch.setenv("SELFCHECK_PEER_MIN_ORGANISATIONS", "8")
    monkeypatch.setenv("SELFCHECK_WORKSHOP_MIN_ANSWERED", "60")
    app = create_app({"INSTANCE_PATH": str(tmp_path), "WORKSHOP_MIN_ANSWERED": 55})
    assert app.config["RETENTION_DAYS"] == 30  # file over default
    assert app.config["PEER_MIN_ORGANISATIONS"] == 8  # environment over file
    assert app.config["WORKSHOP_MIN_ANSWERED"] == 55  # argument over environment and file
    assert app.config["RESEARCH_RETENTION_DAYS"] == 5 * 365  # untouched default
    assert app.config["RULES_DIR"] == str(minimal_rules_dir)
    # A table changes only the entries it names.
    assert app.config["RATE_LIMITS"]["pdf"] == {"limit": 5, "window_seconds": 600}
    assert app.config["RATE_LIMITS"]["resume"] == {"limit": 10, "window_seconds": 600}
    page = app.test_client().get("/impressum").get_data(as_text=True)
    assert "Aus der Datei e. V." in page
    assert "12345 Dateistadt" in page


def test_the_instance_folder_comes_from_the_environment(
    tmp_path: Path, minimal_rules_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_settings(tmp_path, f'RULES_DIR = "{minimal_rules_dir}"\nRETENTION_DAYS = 12\n')
    monkeypatch.setenv("SELFCHECK_INSTANCE_PATH", str(tmp_path))
    assert create_app().config["RETENTION_DAYS"] == 12


def test_a_broken_settings_file_stops_the_start_naming_file_and_problem(tmp_path: Path) -> None:
    path = write_settings(tmp_path, 'RETENTION_DAYS = 30\nOPERATOR_NAME = "Beispiel\n')
    with pytest.raises(SettingsError) as raised:
        create_app({"INSTANCE_PATH": str(tmp_path)})
    message = str(raised.value)
    assert str(path) in message
    assert "not valid TOML" in message
    assert "line 2" in message


@pytest.mark.parametrize(("text", "expected"), [
    ('OPERATOR_NAM = "x"\n', "unknown setting OPERATOR_NAM (did you mean OPERATOR_NAME?)"),
    ('SELFCHECK_RETENTION_DAYS = 3\n', "write SELFCHECK_RETENTION_DAYS without the prefix, as RETENTION_DAYS"),
    ('INSTANCE_PATH = "/srv"\n', "use SELFCHECK_INSTANCE_PATH"),
])
def test_a_wrong_key_in_the_settings_file_stops_the_start(tmp_path: Path, text: str, expected: str) -> None:
    path = write_settings(tmp_path, text)
    with pytest.raises(SettingsError) as raised:
        create_app({"INSTANCE_PATH": str(tmp_path)})
    assert str(path) in str(raised.value)
    assert expected in str(raised.value)


def test_the_server_start_says_what_is_wrong_without_a_traceback(tmp_path: Path) -> None:
    """gunicorn imports selfcheck.wsgi: it must end with exit code 4 and the message."""
    path = write_settings(tmp_path, "RETENTION_DAYS = = 3\n")
    env = {**os.environ, "SELFCHECK_INSTANCE_PATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", "import selfcheck.wsgi"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 4
    assert f"Settings file {path} is not valid TOML" in done.stderr
    assert "Traceback" not in done.stderr


def test_selfcheck_commands_read_the_settings_file_too(
    tmp_path: Path, minimal_rules_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app and every command take the same rule set, also when only the file names it."""
    from selfcheck.cli import main

    monkeypatch.setenv("SELFCHECK_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("SELFCHECK_RULES_DIR", raising=False)
    write_settings(tmp_path, f'RULES_DIR = "{minimal_rules_dir}"\n')
    result = CliRunner().invoke(main, ["rules", "check"])
    assert result.exit_code == 0, result.output
    assert "ok: minimal" in result.output
    write_settings(tmp_path, "RULES_DIR = [\n")
    result = CliRunner().invoke(main, ["rules", "check"])
    assert result.exit_code == 1
    assert "is not valid TOML" in result.output
    assert "Traceback" not in result.output


def test_flask_cli_runs_the_app_commands_on_that_app(tmp_path: Path, minimal_rules_dir: Path) -> None:
    from sqlalchemy import inspect

    from selfcheck.db import engine_of

    database = tmp_path / "cli.sqlite"
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "RULES_DIR": str(minimal_rules_dir),
                      "DATABASE_URL": f"sqlite:///{database}"})
    runner = app.test_cli_runner()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "database is up to date" in result.output
    assert "assessments" in inspect(engine_of(app)).get_table_names()  # the app's database, not the default one
    result = runner.invoke(args=["db", "purge"])
    assert result.exit_code == 0, result.output
    assert "deleted 0 expired workshop(s)" in result.output
    assert not (tmp_path / "instance" / "selfcheck.sqlite").exists()


def test_flask_knows_the_selfcheck_commands(tmp_path: Path, minimal_rules_dir: Path) -> None:
    env = {**os.environ, "SELFCHECK_INSTANCE_PATH": str(tmp_path), "SELFCHECK_RULES_DIR": str(minimal_rules_dir)}
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    listed = subprocess.run([*flask, "--help"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    commands = {line.split()[0] for line in listed.stdout.split("Commands:", 1)[1].splitlines() if line.strip()}
    assert {"db", "rules", "worker", "export", "workshop", "report", "paper", "score", "run"} <= commands
    checked = subprocess.run([*flask, "rules", "check"], env=env, cwd=ROOT, capture_output=True, text=True,
                             timeout=120)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok: minimal")
