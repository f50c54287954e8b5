"""Install it as an operator would: build the wheel, install it into a fresh virtual environment
and use it from an empty folder, far from the source checkout.

This is the only test that proves the wheel carries the rules, templates, migrations, fonts and
translations, and that nothing resolves data from the current folder.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import venv
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = {"rules": "selfcheck/_data/rules", "templates": "selfcheck/_data/templates",
           "migrations": "selfcheck/_data/migrations", "selfcheck/static": "selfcheck/static",
           "selfcheck/translations": "selfcheck/translations"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh virtual environment with only the wheel (and its dependencies) in it."""
    environment = tmp_path_factory.mktemp("venv")
    venv.create(environment, with_pip=True)
    bin_dir = environment / "bin"
    subprocess.run([bin_dir / "python", "-m", "pip", "install", "--quiet", str(wheel)], check=True,
                   capture_output=True)
    return bin_dir


@pytest.fixture
def operator(installed: Path, tmp_path: Path):
    """Run a command of the installed app in an empty folder with no SELFCHECK_* settings."""
    empty = tmp_path / "empty"
    empty.mkdir()
    base = {k: v for k, v in os.environ.items() if not k.startswith("SELFCHECK_")}

    def run(*args: str, check: bool = True, **env: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([str(installed / args[0]), *args[1:]], cwd=empty, env={**base, **env},
                              capture_output=True, text=True, timeout=300)
        if check:
            assert done.returncode == 0, done.stdout + done.stderr
        return done

    run.folder = empty  # type: ignore[attr-defined]
    return run


def repository_files(folder: str) -> set[str]:
    return {str(path.relative_to(ROOT / folder)) for path in (ROOT / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}


def test_the_wheel_carries_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, packaged in SHIPPED.items():
        expected = {f"{packaged}/{name}" for name in repository_files(folder)}
        assert expected, folder
        assert expected <= names, sorted(expected - names)[:5]
    assert "selfcheck/translations/en/LC_MESSAGES/messages.mo" in names
    assert not [name for name in names if "__pycache__" in name or name.startswith(("tests/", "rules/"))]


def test_the_installed_cli_works_from_an_empty_folder(operator, real_ruleset) -> None:
    assert "ok: blended-impact" in operator("selfcheck", "rules", "check").stdout
    examples = len(list((ROOT / "rules" / "blended-impact" / "examples").glob("*.yaml")))
    assert f"{examples} passed, 0 failed" in operator("selfcheck", "rules", "test").stdout
    version = operator("selfcheck", "--version").stdout
    assert f"ruleset_hash: {real_ruleset.hash}" in version
    assert "site-packages/selfcheck/_data/rules/blended-impact" in version

    operator("selfcheck", "paper", "-o", "paper.pdf")
    assert (operator.folder / "paper.pdf").read_bytes().startswith(b"%PDF")
    example = yaml.safe_load((ROOT / "rules/blended-impact/examples/wohlfahrt_blended.yaml").read_text("utf-8"))
    answers = operator.folder / "answers.json"
    answers.write_text(json.dumps({"organisation": example["organisation"], "answers": example["answers"]}))
    operator("selfcheck", "report", "answers.json", "-o", "report.pdf", "--lang", "en")
    assert (operator.folder / "report.pdf").read_bytes().startswith(b"%PDF")


def test_the_installed_app_migrates_and_serves_with_gunicorn(operator, installed: Path, tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    upgraded = operator("selfcheck", "db", "upgrade", SELFCHECK_INSTANCE_PATH=str(instance))
    assert "database is up to date (head)" in upgraded.stdout
    assert (instance / "selfcheck.sqlite").exists()
    port = free_port()
    server = subprocess.Popen(
        [installed / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "selfcheck.wsgi:app"],
        cwd=operator.folder, env={**os.environ, "SELFCHECK_INSTANCE_PATH": str(instance)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        start = get(port, "/", wait=True)
        assert "Selbstcheck" in start
        health = json.loads(get(port, "/healthz"))
        assert health["status"] == "ok"
        assert health["database"] == "ok"
        assert json.loads(get(port, "/version"))["ruleset_id"] == "blended-impact"
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[0]
    assert "Traceback" not in log


def test_a_broken_rule_set_stops_every_entry_point_with_file_and_line(operator, installed: Path) -> None:
    broken = operator.folder / "broken"
    broken.mkdir()
    (broken / "ruleset.yaml").write_text("id: x\nformat: 1\n  title: [\n", encoding="utf-8")
    settings = {"SELFCHECK_RULES_DIR": str(broken)}
    expected = "broken/ruleset.yaml:3: E001"

    check = operator("selfcheck", "rules", "check", check=False, **settings)
    assert check.returncode == 1
    assert expected in check.stdout
    for command in (("selfcheck", "db", "upgrade"), ("selfcheck", "paper", "-o", "p.pdf"),
                    ("flask", "--app", "selfcheck.wsgi", "run", "--port", str(free_port())),
                    ("gunicorn", "--bind", f"127.0.0.1:{free_port()}", "selfcheck.wsgi:app")):
        done = operator(*command, check=False, **settings)
        output = done.stdout + done.stderr
        assert done.returncode != 0, command
        assert expected in output, (command, output)
        assert "Traceback" not in output, (command, output)
    assert not (operator.folder / "p.pdf").exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, *, wait: bool = False) -> str:
    deadline = time.monotonic() + (30 if wait else 0)
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
