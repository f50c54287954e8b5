"""``selfcheck rules check|test|export|schema`` and ``selfcheck score``: for researchers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..config import rules_dir_from_environment
from ..engine import check_ruleset, evaluate, normalise_answers, ruleset_to_dict, run_examples
from ..engine.examples import unfired
from ..engine.loader import display_path, schema_problems
from ..engine.model import RuleSet
from ..engine.problems import Code
from ..engine.schema import ANSWERS_FILE, EXAMPLE_FILE, RULE_FILE
from ..engine.yamlsrc import YamlError, line_of, read_yaml
from ..resources import shipped

ANSWER_SUFFIXES = (".yaml", ".yml", ".json")
SCHEMAS = {"rule-file.schema.json": RULE_FILE, "example.schema.json": EXAMPLE_FILE}
RULES_HELP = "Folder of the rule set. Default: $SELFCHECK_RULES_DIR, else the shipped rule set."


def _rules_or_default(_ctx: click.Context, _param: click.Parameter, value: Path | None) -> Path:
    """The same resolution as the app: the given folder, else SELFCHECK_RULES_DIR, else the shipped set."""
    return value if value is not None else rules_dir_from_environment()


rules_path = click.argument("path", type=click.Path(path_type=Path), required=False, callback=_rules_or_default)
rules_option = click.option("--rules", "rules", type=click.Path(path_type=Path), callback=_rules_or_default,
                            help=RULES_HELP)


def load_or_exit(path: Path, show_warnings: bool = False) -> RuleSet:
    """Load a rule set; print its problems and exit 1 if it has errors."""
    ruleset, problems = check_ruleset(path)
    for problem in problems:
        if problem.is_error or show_warnings:
            click.secho(str(problem), fg="red" if problem.is_error else "yellow", err=True)
    if ruleset is None:
        errors = sum(p.is_error for p in problems)
        click.secho(f"{errors} error(s) in {display_path(path)}", fg="red", err=True)
        raise SystemExit(1)
    return ruleset


@click.group("rules")
def rules_group() -> None:
    """Check, test and export rule sets."""


@rules_group.command("check")
@rules_path
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def check_command(path: Path, strict: bool) -> None:
    """Check a rule set: prints "ok", or every problem as file:line: CODE message."""
    ruleset, problems = check_ruleset(path)
    for problem in problems:
        click.secho(str(problem), fg="red" if problem.is_error else "yellow")
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if errors or (strict and warnings):
        click.secho(f"{errors} error(s), {warnings} warning(s)", fg="red")
        raise SystemExit(1)
    assert ruleset is not None
    summary = (f"ok: {ruleset.id} {ruleset.version}: {len(ruleset.dimensions)} dimensions, "
               f"{sum(q.scored for q in ruleset.questions)} scored questions, "
               f"{len(ruleset.recommendations)} recommendations, {len(ruleset.sources)} sources")
    click.secho(summary + (f", {warnings} warning(s)" if warnings else ""), fg="green")


@rules_group.command("test")
@rules_path
def test_command(path: Path) -> None:
    """Run the golden examples of a rule set; prints "N passed, M failed"."""
    ruleset = load_or_exit(path)
    outcomes = run_examples(ruleset)
    for outcome in outcomes:
        if outcome.passed:
            click.echo(f"PASS {outcome.example.id}")
        else:
            click.secho(f"FAIL {outcome.example.id} ({outcome.example.file})", fg="red")
            for failure in outcome.failures:
                click.echo(f"     {failure}")
    failed = sum(not o.passed for o in outcomes)
    untested = unfired(ruleset, outcomes)
    if untested:
        click.echo(f"{len(ruleset.recommendations) - len(untested)} of {len(ruleset.recommendations)} "
                   f"recommendations are fired by an example; not yet: {', '.join(untested)}")
    click.echo(f"{len(outcomes) - failed} passed, {failed} failed")
    if failed or not outcomes:
        raise SystemExit(1)


@rules_group.command("export")
@rules_path
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def export_command(path: Path, fmt: str) -> None:
    """Print the normalised rule set (scales resolved, defaults filled in)."""
    click.echo(json.dumps(ruleset_to_dict(load_or_exit(path)), ensure_ascii=False, indent=2))


@rules_group.command("schema")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Folder to write to. Default: rules/schema.")
def schema_command(output: Path | None) -> None:
    """Write the JSON Schemas of rule files and examples (for editor autocomplete)."""
    output = output or shipped("rules") / "schema"
    output.mkdir(parents=True, exist_ok=True)
    for name, schema in SCHEMAS.items():
        (output / name).write_text(schema_json(schema), encoding="utf-8")
        click.echo(f"wrote {display_path(output / name)}")


def schema_json(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def read_answers_file(path: Path, ruleset: RuleSet, *, raw: bool = False) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read an answers file (YAML or JSON); print problems as file:line and exit 1 if any.

    ``raw`` returns the answers as written (for scoring them under another rule set)."""
    import jsonschema

    file = display_path(path)
    try:
        data = _read_yaml_or_json(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{file}: cannot read: {exc}") from None
    except YamlError as exc:
        click.secho(f"{file}:{exc.line}: {Code.INVALID_YAML} not valid YAML or JSON: {exc} ({exc.hint})", fg="red",
                    err=True)
        raise SystemExit(1) from None
    problems = schema_problems(jsonschema.Draft202012Validator(ANSWERS_FILE), data, file)
    lines = [str(p) for p in problems]
    answers: dict[str, Any] = {}
    if not problems and raw:
        return dict(data["answers"]), dict(data.get("organisation") or {})
    if not problems:
        answers, answer_problems = normalise_answers(ruleset, data["answers"])
        lines += [f"{file}:{line_of(data, ['answers', p.question_id])}: {p.code} {p.question_id}: {p.message}"
                  for p in answer_problems]
    if lines:
        for line in lines:
            click.secho(line, fg="red", err=True)
        raise SystemExit(1)
    return answers, dict(data.get("organisation") or {})


def _read_yaml_or_json(path: Path) -> Any:
    """YAML keeps line numbers and reads JSON too; a .json file must also be valid JSON, and JSON
    that YAML cannot read (e.g. indented with tabs) is read as JSON."""
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as json_error:
            raise YamlError(json_error.msg, json_error.lineno) from None
        try:
            return read_yaml(path)[0]
        except YamlError:
            return data
    try:
        return read_yaml(path)[0]
    except YamlError as yaml_error:
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise yaml_error from None


@click.command("score")
@click.argument("answers_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@rules_option
@click.option("--explain", is_flag=True,
              help="Also print why each score and recommendation came out as it did, and how each priority "
                   "adds up (base + theme gap + audience + profile).")
def score_command(answers_file: Path, rules: Path, explain: bool) -> None:
    """Score an answers file ({organisation: ..., answers: {question_id: value}}) and print JSON."""
    ruleset = load_or_exit(rules)
    answers, organisation = read_answers_file(answers_file, ruleset)
    result = evaluate(ruleset, answers).to_dict()
    if not explain:
        for dimension in result["dimensions"]:
            del dimension["contributions"]
        for recommendation in result["recommendations"]:
            del recommendation["trace"], recommendation["priority_parts"]
    click.echo(json.dumps({"organisation": organisation, **result}, ensure_ascii=False, indent=2))
