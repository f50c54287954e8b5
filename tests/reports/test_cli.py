"""``selfcheck report`` and ``selfcheck paper``."""

from __future__ import annotations

from click.testing import CliRunner

from selfcheck.cli.report import paper_command, report_command
from tests.support.reportcheck import pdf_text


def test_report_command_writes_a_pdf(tmp_path, minimal_rules_dir):
    answers = tmp_path / "answers.yaml"
    answers.write_text("organisation: {name: Beispielstadt Süd}\nanswers:\n  org_type: kommune\n  web: ja\n",
                       encoding="utf-8")
    out = tmp_path / "report.pdf"
    result = CliRunner().invoke(report_command, [str(answers), "-o", str(out), "--rules", str(minimal_rules_dir)])
    assert result.exit_code == 0, result.output
    assert "Beispielstadt Süd" in pdf_text(out.read_bytes())


def test_report_command_reports_bad_answers_with_file_and_line(tmp_path, minimal_rules_dir):
    answers = tmp_path / "answers.json"
    answers.write_text('{"answers": {"org_type": "kommune",\n "web": "vielleicht"}}', encoding="utf-8")
    out = tmp_path / "report.pdf"
    result = CliRunner().invoke(report_command, [str(answers), "-o", str(out), "--rules", str(minimal_rules_dir)])
    assert result.exit_code == 1
    assert "answers.json:2: E141 web:" in result.output
    assert not out.exists()


def test_paper_command_in_english(tmp_path, minimal_rules_dir):
    out = tmp_path / "paper.pdf"
    result = CliRunner().invoke(paper_command, ["-o", str(out), "--lang", "en", "--rules", str(minimal_rules_dir)])
    assert result.exit_code == 0, result.output
    assert "Only answer if you ticked “App” in question 2.3." in pdf_text(out.read_bytes())
