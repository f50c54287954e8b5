"""The anonymised research export as a Frictionless Data Package (``selfcheck export``).

Only finished assessments whose respondents agreed to research use, and the anonymised records
of those that expired. No organisation names, no ids of the app, month of completion only; free
text only when asked for explicitly. Answers are read under the current rules (with their
migrations); every row says which rules it was answered with.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .engine import RuleSet, evaluate, normalise_answers
from .engine.model import NOT_APPLICABLE, UNKNOWN, Question
from .services import ResearchRow

PACKAGE_NAME = "blended-impact-selfcheck-research"


def _codes(question: Question) -> str:
    if question.options:
        return " | ".join(f"{o.id}={o.label.de}" for o in question.options)
    if question.bands:
        return "whole number; bands: " + " | ".join(b.label.de for b in question.bands)
    return "free text"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def write_package(ruleset: RuleSet, rows: Sequence[ResearchRow], folder: Path, *, free_text: bool = False) -> Path:
    """Write answers.csv, scores.csv, codebook.csv and datapackage.json into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    questions = [q for q in ruleset.questions if free_text or q.type != "text"]
    org_question = ruleset.audience_question
    fixed = ["record_id", "organisation_type", "completed_month", "ruleset_version", "ruleset_hash"]
    answer_header = fixed + [q.id for q in questions if q.id != org_question]
    dimension_ids = [d.id for d in ruleset.dimensions]
    score_header = ["record_id", "completeness", "profile",
                    *(f"{d}_score" for d in dimension_ids), *(f"{d}_level" for d in dimension_ids)]
    with (folder / "answers.csv").open("w", newline="", encoding="utf-8") as answers_file, \
         (folder / "scores.csv").open("w", newline="", encoding="utf-8") as scores_file:
        answers_csv, scores_csv = csv.writer(answers_file), csv.writer(scores_file)
        answers_csv.writerow(answer_header)
        scores_csv.writerow(score_header)
        for row in rows:
            answers, _problems = normalise_answers(ruleset, row.answers)
            result = evaluate(ruleset, answers)
            answers_csv.writerow([row.record_id, _cell(answers.get(org_question or "")), row.completed_month,
                                  row.ruleset_version, row.ruleset_hash,
                                  *(_cell(answers.get(q.id)) for q in questions if q.id != org_question)])
            by_id = {d.id: d for d in result.dimensions}
            scores_csv.writerow([row.record_id, result.completeness, result.blend.type or "",
                                 *(_cell(by_id[d].score) for d in dimension_ids),
                                 *(_cell(by_id[d].level) for d in dimension_ids)])
    with (folder / "codebook.csv").open("w", newline="", encoding="utf-8") as codebook_file:
        codebook = csv.writer(codebook_file)
        codebook.writerow(["variable", "theme", "type", "text_de", "text_en", "codes", "weight", "special_codes"])
        for q in questions:
            codebook.writerow([
                "organisation_type" if q.id == org_question else q.id,
                ruleset.dimension(q.dimension_id).title.de if q.dimension_id else "Profil",
                q.type, q.text.de, q.text.en or "", _codes(q), q.weight if q.scored else "",
                " | ".join(code for code, offered in ((UNKNOWN, q.unknown), (NOT_APPLICABLE, q.not_applicable))
                           if offered),
            ])
    descriptor = _descriptor(ruleset, answer_header, score_header, dimension_ids)
    target = folder / "datapackage.json"
    target.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def _descriptor(ruleset: RuleSet, answer_header: list[str], score_header: list[str],
                dimension_ids: list[str]) -> dict[str, Any]:
    def field(name: str, kind: str = "string", description: str = "") -> dict[str, Any]:
        return {"name": name, "type": kind, **({"description": description} if description else {})}

    answer_fields = [
        field("record_id", description="Pseudonymous id of the record (not an id of the app)"),
        field("organisation_type", description="Option id of the organisation type (see codebook.csv)"),
        field("completed_month", "yearmonth", "Month the self-check was finished"),
        field("ruleset_version", description="Version of the rules the answers were given with"),
        field("ruleset_hash", description="Content hash of those rules"),
        *(field(name, description="Answer code, see codebook.csv") for name in answer_header[5:]),
    ]
    score_fields = [field("record_id"), field("completeness", "integer", "% of asked questions with a real answer"),
                    field("profile", description="Blend profile id (empty: too few answers)"),
                    *(field(f"{d}_score", "integer", "0-100, empty: too few answers") for d in dimension_ids),
                    *(field(f"{d}_level", description="Level id") for d in dimension_ids)]
    codebook_fields = [field(name) for name in
                       ("variable", "theme", "type", "text_de", "text_en", "codes", "weight", "special_codes")]
    return {
        "name": PACKAGE_NAME,
        "title": f"{ruleset.title.de}: Antworten für die Forschung",
        "description": ("Finished self-checks whose respondents agreed to research use, without names. Answers "
                        f"and scores are read under rule set {ruleset.id} {ruleset.version} ({ruleset.hash[:12]})."),
        "created": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "resources": [
            {"name": "answers", "path": "answers.csv", "format": "csv", "encoding": "utf-8",
             "schema": {"fields": answer_fields, "primaryKey": ["record_id"], "missingValues": [""]}},
            {"name": "scores", "path": "scores.csv", "format": "csv", "encoding": "utf-8",
             "schema": {"fields": score_fields, "primaryKey": ["record_id"], "missingValues": [""]}},
            {"name": "codebook", "path": "codebook.csv", "format": "csv", "encoding": "utf-8",
             "schema": {"fields": codebook_fields, "missingValues": [""]}},
        ],
    }
