"""``selfcheck rules diff|impact|publish`` as a researcher uses them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from click.testing import CliRunner, Result

from selfcheck.cli import main
from tests.support.rulekit import apply_edits, copy_minimal

RENAME = (
    ("ruleset.yaml", 'version: "1.0"', 'version: "1.1"'),
    ("dimensions.yaml", "      - id: web\n", "      - id: website\n        renamed_from: [web]\n"),
    ("recommendations.yaml", "points.web <= 1", "points.website <= 1"),
    ("recommendations.yaml", "or web is unknown", "or website is unknown"),
    ("ruleset.yaml", "{id: teilweise, label: {de: Teilweise, en: Partly}, points: 1}",
     "{id: teilweise, label: {de: Teilweise, en: Partly}, points: 2}"),
)


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_diff_names_renamed_questions_and_changed_points(tmp_path: Path) -> None:
    old = copy_minimal(tmp_path / "old")
    new = apply_edits(copy_minimal(tmp_path / "new"), *RENAME)
    result = run("rules", "diff", old, new)
    assert result.exit_code == 0, result.output
    assert "1.0" in result.output
    assert "1.1" in result.output
    assert "**website** renamed" in result.output
    assert "from web" in result.output
    assert "points: 1 → 2" in result.output
    data = json.loads(run("rules", "diff", old, new, "--format", "json").output)
    assert any(c["kind"] == "question" and c["id"] == "website" and c["change"] == "renamed"
               for c in data["changes"])
    assert run("rules", "diff", old, old).output.strip().endswith("No differences.")


def test_diff_against_a_git_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    rules = copy_minimal(repo / "rules")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "rules 1.0"], check=True)
    apply_edits(rules, *RENAME)
    result = run("rules", "diff", "HEAD", "--rules", rules)
    assert result.exit_code == 0, result.output
    assert "**website** renamed" in result.output
    assert run("rules", "diff", "no-such-revision", "--rules", rules).exit_code != 0


def test_diff_of_a_broken_rule_set_names_file_and_line(tmp_path: Path) -> None:
    old = copy_minimal(tmp_path / "old")
    broken = apply_edits(copy_minimal(tmp_path / "broken"),
                         ("recommendations.yaml", "points.web <= 1", "points.webb <= 1"))
    result = run("rules", "diff", old, broken)
    assert result.exit_code == 1
    assert "recommendations.yaml:" in result.output
    assert "E102" in result.output


def test_impact_scores_answer_files_under_both_rule_sets(tmp_path: Path) -> None:
    current = copy_minimal(tmp_path / "current")
    new = apply_edits(copy_minimal(tmp_path / "new"), *RENAME)
    result = run("rules", "impact", new, "--rules", current, "--answers", current / "examples", "--no-database")
    assert result.exit_code == 0, result.output
    assert "of 2 (" in result.output  # both golden examples were scored
    empty = tmp_path / "none"
    empty.mkdir()
    nothing = run("rules", "impact", new, "--rules", current, "--answers", empty, "--no-database")
    assert "No answers to score" in nothing.output


def test_publish_once_then_a_change_needs_a_new_version(tmp_path: Path) -> None:
    rules = copy_minimal(tmp_path / "rules")
    assert "published: minimal 1.0" in run("rules", "publish", rules).output
    assert "already published" in run("rules", "publish", rules).output
    apply_edits(rules, ("dimensions.yaml", "Haben Sie ein Online", "Hat Ihre Organisation ein Online"))
    check = run("rules", "check", rules)
    assert check.exit_code == 1
    assert "E150" in check.output


SPLIT = (
    ("ruleset.yaml", 'version: "1.0"', 'version: "1.1"'),
    ("dimensions.yaml", "      - id: web\n",
     "      - id: web_vorhanden\n        renamed_from: [web]\n        type: single\n        scale: jtn\n"
     "        text: {de: \"Gibt es ein Online-Angebot?\", en: \"Is there an online offer?\"}\n"
     "      - id: web_gepflegt\n        renamed_from: [web]\n"),
    ("recommendations.yaml", "points.web <= 1", "points.web_vorhanden <= 1"),
    ("recommendations.yaml", "or web is unknown", "or web_vorhanden is unknown"),
)


def test_a_split_question_is_named_as_split_and_both_halves_take_the_stored_answer(tmp_path: Path) -> None:
    from selfcheck.engine import load_ruleset
    from selfcheck.engine.answers import normalise_answers

    old = copy_minimal(tmp_path / "old")
    new = apply_edits(copy_minimal(tmp_path / "new"), *SPLIT)
    data = json.loads(run("rules", "diff", old, new, "--format", "json").output)
    split = {c["id"]: c for c in data["changes"] if c["change"] == "split"}
    assert set(split) == {"web_vorhanden", "web_gepflegt"}
    assert "from web (split into web_vorhanden, web_gepflegt)" in split["web_gepflegt"]["details"]
    assert not any(c["id"] == "web" and c["change"] == "removed" for c in data["changes"])
    clean, problems = normalise_answers(load_ruleset(new), {"web": "teilweise", "web_gepflegt": "ja"})
    assert (clean, problems) == ({"web_vorhanden": "teilweise", "web_gepflegt": "ja"}, [])  # an own answer wins


def test_impact_on_a_database_without_tables_says_what_to_do(tmp_path: Path, monkeypatch) -> None:
    current = copy_minimal(tmp_path / "current")
    monkeypatch.setenv("SELFCHECK_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite'}")
    result = CliRunner().invoke(main, ["rules", "impact", str(current), "--rules", str(current)])
    assert result.exit_code == 1
    assert "cannot read stored assessments" in result.output
    assert "selfcheck db upgrade" in result.output
    assert "Traceback" not in result.output
