"""Published versions of a rule set (``published/<version>.json``, written by ``selfcheck rules
publish``): the validator compares the rules with them, so a change gets a new version and no
stored answer is lost without a migration (``renamed_from``) or a decision (``retired``)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .export import ruleset_to_dict
from .loader import display_path
from .model import RuleSet
from .problems import Code, Problem

FOLDER = "published"


def version_key(version: str) -> tuple[Any, ...]:
    """"2026.10" after "2026.9": numbers compare as numbers."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"[.\-]", version))


def published_versions(folder: Path) -> list[dict[str, Any]]:
    """The published exports, oldest first."""
    files = sorted((folder / FOLDER).glob("*.json"))
    exports = [json.loads(path.read_text(encoding="utf-8")) for path in files]
    return sorted(exports, key=lambda data: version_key(str(data["version"])))


def publish(ruleset: RuleSet, folder: Path) -> tuple[Path, bool]:
    """Write ``published/<version>.json`` once; return its path and whether it was new.

    Raises ValueError when this version was published with other content.
    """
    target = folder / FOLDER / f"{ruleset.version}.json"
    if target.exists():
        if json.loads(target.read_text(encoding="utf-8"))["hash"] != ruleset.hash:
            raise ValueError(f"version {ruleset.version} was published with other content: raise the version")
        return target, False
    target.parent.mkdir(exist_ok=True)
    target.write_text(json.dumps(ruleset_to_dict(ruleset), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return target, True


def check_published(ruleset: RuleSet, folder: Path) -> list[Problem]:
    """A problem when published content changed without a new version, and one for every question
    or option of the last published version that the rules drop without a migration."""
    versions = published_versions(folder)
    if not versions:
        return []
    ruleset_file = display_path(folder / "ruleset.yaml")
    problems = []
    same = [v for v in versions if str(v["version"]) == ruleset.version]
    if same and same[0]["hash"] != ruleset.hash:
        problems.append(Problem(ruleset_file, 1, Code.VERSION_NOT_RAISED,
                                f"version {ruleset.version} was published with other content",
                                "raise `version` in ruleset.yaml; publish it when the change is released"))
    earlier = [v for v in versions if version_key(str(v["version"])) <= version_key(ruleset.version)]
    if earlier:
        problems += _lost_answers(ruleset, earlier[-1], ruleset_file)
    return problems


def _questions(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [*data["profile"], *(q for d in data["dimensions"] for q in d["questions"])]


def _lost_answers(ruleset: RuleSet, last: Mapping[str, Any], file: str) -> list[Problem]:
    current = {q.id: q for q in ruleset.questions}
    successor = {old: q for q in ruleset.questions for old in q.renamed_from}
    problems = []
    for old in _questions(last):
        question = current.get(old["id"]) or successor.get(old["id"])
        if question is None:
            if old["id"] not in ruleset.retired:
                gone = old["id"]
                problems.append(Problem(file, 1, Code.ANSWERS_WOULD_BE_LOST,
                                        f"question {gone!r} of version {last['version']} is gone",
                                        f"add `renamed_from: [{gone}]` to its successor, or `retired: [{gone}]`"))
            continue
        options = {o.id for o in question.options} | {r for o in question.options for r in o.renamed_from}
        for option in old.get("options", ()):
            if question.options and option["id"] not in options:
                problems.append(Problem(
                    question.origin.file or file, question.origin.line or 1, Code.ANSWERS_WOULD_BE_LOST,
                    f"option {option['id']!r} of question {question.id!r} (version {last['version']}) is gone",
                    f"add `renamed_from: [{option['id']}]` to the option that replaces it"))
    return problems
