"""The researcher commands: selfcheck rules check|test|export|schema and selfcheck score."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from selfcheck.cli import main
from selfcheck.cli.rules import SCHEMAS, schema_json
from selfcheck.engine import load_ruleset
from selfcheck.engine.loader import display_path

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "rules" / "minimal"
SEVERAL_FAULTS = ROOT / "tests" / "fixtures" / "rules_invalid" / "several_faults"
ANSWERS_YAML = """\
organisation: {name: Beispielverein}
answers:
  org_type: wohlfahrt
  web: nein
  sprachen: "3"
  kanaele: [messenger]
  beratung: unknown
  partner: nein
  notizen: "Wir fangen an."
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def line_of_text(path: Path, needle: str, after: int = 0) -> int:
    """The first line after line ``after`` that contains ``needle``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if i > after and needle in line)


def copy_minimal(tmp_path: Path) -> Path:
    return Path(shutil.copytree(MINIMAL, tmp_path / "rules"))


# -- rules check -----------------------------------------------------------------------------------------
def test_check_ok() -> None:
    result = run("rules", "check", MINIMAL)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: minimal 1.0: 2 dimensions, 7 scored questions, 5 recommendations")


def test_check_lists_every_problem_as_file_line_code() -> None:
    result = run("rules", "check", SEVERAL_FAULTS)
    assert result.exit_code == 1
    recommendations = SEVERAL_FAULTS / "recommendations.yaml"
    partner = line_of_text(recommendations, "r_partner_finden")
    steps_of_partner = line_of_text(recommendations, "    steps:", after=partner)
    expected = [  # in file and line order
        ("dimensions.yaml", line_of_text(SEVERAL_FAULTS / "dimensions.yaml", "kanaele contains ap"), "E121"),
        ("recommendations.yaml", line_of_text(recommendations, "points.webb"), "E102"),
        ("recommendations.yaml", steps_of_partner, "E133"),
        ("ruleset.yaml", line_of_text(SEVERAL_FAULTS / "ruleset.yaml", "levels:"), "E110"),
        ("sources.yaml", line_of_text(SEVERAL_FAULTS / "sources.yaml", "nie_zitiert"), "W202"),
    ]
    lines = result.output.splitlines()
    assert [line.split(" ")[:2] for line in lines[:-1]] == [
        [f"{display_path(SEVERAL_FAULTS / file)}:{line}:", code] for file, line, code in expected]
    assert "(did you mean 'web'?)" in result.output
    assert lines[-1] == "4 error(s), 1 warning(s)"


def test_check_warnings_pass_unless_strict(tmp_path: Path) -> None:
    folder = copy_minimal(tmp_path)
    with (folder / "sources.yaml").open("a", encoding="utf-8") as file:
        file.write("  - {id: unused, kind: survey, title: Nie zitiert, publisher: X, year: 2020, no_url: print}\n")
    relaxed = run("rules", "check", folder)
    assert relaxed.exit_code == 0
    assert "W202 source 'unused' is never cited" in relaxed.output
    assert "ok: minimal" in relaxed.output
    assert "1 warning(s)" in relaxed.output
    strict = run("rules", "check", "--strict", folder)
    assert strict.exit_code == 1
    assert "0 error(s), 1 warning(s)" in strict.output


def test_check_missing_folder(tmp_path: Path) -> None:
    result = run("rules", "check", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert ": E003 rule-set folder not found" in result.output


def test_rules_commands_follow_the_apps_resolution_from_any_folder(tmp_path: Path, monkeypatch) -> None:
    """No argument: SELFCHECK_RULES_DIR if set, else the shipped rule set; never the current folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SELFCHECK_RULES_DIR", raising=False)
    assert run("rules", "check").output.splitlines()[-1].startswith("ok: blended-impact ")
    monkeypatch.setenv("SELFCHECK_RULES_DIR", str(MINIMAL))
    assert run("rules", "check").output.startswith("ok: minimal 1.0")
    assert run("rules", "test").output.splitlines()[-1] == "2 passed, 0 failed"
    monkeypatch.setenv("SELFCHECK_RULES_DIR", str(tmp_path / "nowhere"))
    missing = run("rules", "check")
    assert missing.exit_code == 1
    assert "nowhere:1: E003 rule-set folder not found" in missing.output


def test_version_names_the_rule_set_it_would_use(monkeypatch) -> None:
    from selfcheck import __version__
    from selfcheck.reports import TEMPLATE_VERSION

    monkeypatch.setenv("SELFCHECK_RULES_DIR", str(MINIMAL))
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"app_version: {__version__}", f"ruleset_dir: {MINIMAL}", "ruleset_id: minimal", "ruleset_version: 1.0",
        f"ruleset_hash: {load_ruleset(MINIMAL).hash}", f"template_version: {TEMPLATE_VERSION}"]
    monkeypatch.setenv("SELFCHECK_RULES_DIR", str(SEVERAL_FAULTS))
    broken = run("--version")
    assert broken.exit_code == 1
    assert broken.output.startswith(f"app_version: {__version__}\n")
    assert "E102" in broken.output


# -- rules test ---------------------------------------------------------------------------------------------
def test_rules_test_passes() -> None:
    result = run("rules", "test", MINIMAL)
    assert result.exit_code == 0, result.output
    assert "PASS kommune_blended" in result.output
    assert "PASS wohlfahrt_anfang" in result.output
    assert result.output.splitlines()[-1] == "2 passed, 0 failed"


def test_rules_test_names_recommendations_no_example_fires(tmp_path: Path) -> None:
    folder = copy_minimal(tmp_path)
    (folder / "examples" / "wohlfahrt_anfang.yaml").unlink()
    result = run("rules", "test", folder)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-2] == ("2 of 5 recommendations are fired by an example; "
                         "not yet: r_online_starten, r_partner_finden, r_wissen")
    assert lines[-1] == "1 passed, 0 failed"


def test_every_shipped_recommendation_is_fired_by_a_golden_example(real_ruleset) -> None:
    from selfcheck.engine import run_examples
    from selfcheck.engine.examples import unfired

    assert unfired(real_ruleset, run_examples(real_ruleset)) == []


def test_rules_test_reports_failures(tmp_path: Path) -> None:
    folder = copy_minimal(tmp_path)
    example = folder / "examples" / "kommune_blended.yaml"
    example.write_text(example.read_text(encoding="utf-8").replace("analog: 67", "analog: 68"), encoding="utf-8")
    result = run("rules", "test", folder)
    assert result.exit_code == 1
    assert "FAIL kommune_blended" in result.output
    assert "score of analog: expected 68, got 67" in result.output
    assert result.output.splitlines()[-1] == "1 passed, 1 failed"


def test_rules_test_on_a_broken_rule_set_lists_its_errors() -> None:
    result = run("rules", "test", SEVERAL_FAULTS)
    assert result.exit_code == 1
    assert "E110" in result.output
    assert "passed" not in result.output


# -- rules export ---------------------------------------------------------------------------------------------
def test_export_json() -> None:
    result = run("rules", "export", MINIMAL, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["id"], data["version"], data["hash"]) == ("minimal", "1.0", load_ruleset(MINIMAL).hash)
    assert [d["id"] for d in data["dimensions"]] == ["digital", "analog"]
    web = data["dimensions"][0]["questions"][0]
    assert web["id"] == "web"
    assert web["max_points"] == 2
    assert [(o["id"], o["points"]) for o in web["options"]] == [("ja", 2), ("teilweise", 1), ("nein", 0)]
    assert web["options"][2]["label"] == {"de": "Nein", "en": "No"}
    sprachen = data["dimensions"][0]["questions"][1]
    assert [b["below"] for b in sprachen["bands"]] == [2, 4, None]
    assert [q["id"] for q in data["profile"]] == ["org_type"]
    assert [r["id"] for r in data["recommendations"]][:2] == ["r_online_starten", "r_partner_finden"]
    assert data["recommendations"][2]["audience"] == ["kommune"]
    assert {s["id"] for s in data["sources"]} == {"blended_impact", "bertelsmann", "integreat"}
    assert len(data["blend"]["types"]) == 4


def test_export_of_a_broken_rule_set_fails() -> None:
    result = run("rules", "export", SEVERAL_FAULTS)
    assert result.exit_code == 1
    assert "E102" in result.output


# -- rules schema --------------------------------------------------------------------------------------------
def test_schema_writes_files(tmp_path: Path) -> None:
    result = run("rules", "schema", "--output", tmp_path / "schema")
    assert result.exit_code == 0
    for name, schema in SCHEMAS.items():
        written = tmp_path / "schema" / name
        assert json.loads(written.read_text(encoding="utf-8")) == schema
        assert f"wrote {display_path(written)}" in result.output


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_published_schema_is_current(name: str) -> None:
    published = ROOT / "rules" / "schema" / name
    assert published.read_text(encoding="utf-8") == schema_json(SCHEMAS[name]), (
        f"rules/schema/{name} is out of date: run `selfcheck rules schema`")


# -- score -------------------------------------------------------------------------------------------------
def test_score_yaml(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS_YAML, encoding="utf-8")
    result = run("score", answers, "--rules", MINIMAL)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["organisation"] == {"name": "Beispielverein"}
    assert data["organisation_type"] == "wohlfahrt"
    assert data["ruleset"]["id"] == "minimal"
    digital, analog = data["dimensions"]
    assert (digital["id"], digital["score"], digital["level"]) == ("digital", 33, "einstieg")  # 0+1+1 of 6
    assert (analog["score"], analog["level"]) == (0, "einstieg")
    assert "contributions" not in digital
    assert [r["id"] for r in data["recommendations"]] == ["r_partner_finden", "r_online_starten", "r_wissen"]
    assert "trace" not in data["recommendations"][0]
    assert {"question": "beratung", "dimension": "analog", "reason": "unknown"} in data["knowledge_gaps"]


def test_score_json_and_explain(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    raw = {"organisation": {"name": "Stadt"}, "answers": {"org_type": "kommune", "web": "ja", "partner": "nein"}}
    answers.write_text(json.dumps(raw, indent="\t"), encoding="utf-8")  # tabs: valid JSON, not valid YAML
    result = run("score", answers, "--rules", MINIMAL, "--explain")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["organisation"] == {"name": "Stadt"}
    web = data["dimensions"][0]["contributions"][0]
    assert web == {"question": "web", "answer": "ja", "points": 2, "max_points": 2, "weight": 1, "status": "scored"}
    partner = {r["id"]: r for r in data["recommendations"]}["r_partner_finden"]
    assert partner["trace"] == [{"clause": "partner == nein", "value": True, "actual": "nein"},
                                {"clause": "score.analog < 40", "value": True, "actual": 0}]


def test_score_bad_answers_name_file_and_line(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS_YAML.replace("web: nein", "webb: nein").replace('sprachen: "3"', "sprachen: drei"),
                       encoding="utf-8")
    result = run("score", answers, "--rules", MINIMAL)
    assert result.exit_code == 1
    file = display_path(answers)
    assert f"{file}:4: E140 webb: unknown question" in result.output
    assert f"{file}:5: E141 sprachen: expected a whole number" in result.output
    assert '"dimensions"' not in result.output


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ("answers: [1, 2]\n", ".yaml", ":1: E002 answers: [1, 2] is not of type 'object'"),
        ("organisation: {}\n", ".yaml", ":1: E002 (top level): 'answers' is a required property"),
        ("answers:\n  web: [ja\n", ".yaml", ":3: E001 not valid YAML or JSON"),
        ('{\n\t"answers": {\n\t\t"web": "ja",\n\t}\n}\n', ".json", ":4: E001 not valid YAML or JSON"),
    ],
)
def test_score_malformed_answers_file(tmp_path: Path, text: str, suffix: str, expected: str) -> None:
    answers = tmp_path / f"answers{suffix}"
    answers.write_text(text, encoding="utf-8")
    result = run("score", answers, "--rules", MINIMAL)
    assert result.exit_code == 1
    assert display_path(answers) + expected in result.output, result.output


def test_score_with_a_broken_rule_set_fails(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS_YAML, encoding="utf-8")
    result = run("score", answers, "--rules", SEVERAL_FAULTS)
    assert result.exit_code == 1
    assert "4 error(s) in" in result.output
