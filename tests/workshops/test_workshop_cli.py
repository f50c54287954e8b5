"""``selfcheck workshop pack``: the pack from a folder of answers files, without a database."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from selfcheck.cli import main
from selfcheck.reports import pdf as report_pdf

FILES = {
    "a.yaml": "answers: {org_type: kommune, web: ja, messenger: nein, sprachen: 5, partner: [wohlfahrt], "
              "absprachen: ja}\n",
    "b.yaml": "answers: {org_type: wohlfahrt, web: nein, messenger: nein, sprachen: 1, partner: [kommune], "
              "absprachen: nein}\n",
    "c.json": '{"answers": {"org_type": "migrantenorganisation", "web": "nein", "messenger": "ja", '
              '"sprachen": 3, "partner": ["keine"], "absprachen": "unknown"}}\n',
}


@pytest.fixture
def render_deadline_restored() -> Iterator[None]:
    yield
    report_pdf.configure(timeout_seconds=report_pdf.DEFAULT_TIMEOUT_SECONDS)


@pytest.mark.usefixtures("render_deadline_restored")
def answers_folder(tmp_path: Path) -> Path:
    """The answers files of FILES in a folder, as a facilitator collects them."""
    answers = tmp_path / "answers"
    answers.mkdir()
    for name, content in FILES.items():
        (answers / name).write_text(content, encoding="utf-8")
    return answers


def test_pack_from_answers_files(tmp_path: Path, group_rules_dir: Path) -> None:
    answers = answers_folder(tmp_path)
    output = tmp_path / "pack.pdf"
    result = CliRunner().invoke(
        main,
        ["workshop", "pack", str(answers), "-o", str(output), "--rules", str(group_rules_dir),
         "--title", "Runde Öffnung", "--municipality", "Würzburg", "--date", "2026-03-14"],
    )
    assert result.exit_code == 0, result.output
    text = " ".join(
        " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(output.read_bytes())).pages).split()
    )
    assert "Runde Öffnung" in text
    assert "Würzburg" in text
    assert "Gibt es Übersetzungen Ihrer Website für Geflüchtete?" in text
    assert "Messenger anbieten" in text or "Website übersetzen lassen" in text


def test_pack_refuses_broken_answers(tmp_path: Path, group_rules_dir: Path) -> None:
    (tmp_path / "x.yaml").write_text("answers: {web: vielleicht}\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["workshop", "pack", str(tmp_path), "-o", str(tmp_path / "p.pdf"), "--rules", str(group_rules_dir)]
    )
    assert result.exit_code == 1
    assert "x.yaml:1:" in result.output
    assert not (tmp_path / "p.pdf").exists()


def test_pack_needs_answers_files(tmp_path: Path, group_rules_dir: Path) -> None:
    result = CliRunner().invoke(
        main, ["workshop", "pack", str(tmp_path), "-o", str(tmp_path / "p.pdf"), "--rules", str(group_rules_dir)]
    )
    assert result.exit_code != 0
    assert "no answers files" in result.output


def test_pack_options_on_the_command_line(tmp_path: Path, group_rules_dir: Path) -> None:
    answers = answers_folder(tmp_path)
    output = tmp_path / "pack.pdf"
    result = CliRunner().invoke(main, ["workshop", "pack", str(answers), "-o", str(output), "--rules",
                                       str(group_rules_dir), "--hours", "3", "--no-questionnaire"])
    assert result.exit_code == 0, result.output
    text = " ".join(" ".join((page.extract_text() or "")
                             for page in PdfReader(io.BytesIO(output.read_bytes())).pages).split())
    assert "Zeitplan für 3 Stunden" in text
    assert "Angaben zum Ausfüllen" not in text
