"""Load a rule-set folder: read YAML, check it against the schema, build the model.

Every problem is collected (never only the first), each with file and line, so that a
researcher can fix a whole rule set in one pass. Cross-checks live in checks.py.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema

from .conditions import ConditionError, parse_condition
from .model import (
    ActionStep,
    Axis,
    Band,
    Blend,
    BlendRole,
    BlendType,
    Citation,
    Dimension,
    Level,
    Option,
    Origin,
    Question,
    Recommendation,
    ResultSettings,
    RuleSet,
    Source,
    Text,
)
from .problems import Code, Problem, RuleSetError, did_you_mean
from .schema import RULE_FILE
from .yamlsrc import YamlError, line_of, read_yaml

FORMAT = 1
LIST_KEYS = ("profile", "dimensions", "recommendations", "sources")
REQUIRED_KEYS = ("format", "id", "version", "title", "levels", "blend", "dimensions", "recommendations", "sources")
_RULE_VALIDATOR = jsonschema.Draft202012Validator(RULE_FILE)


def display_path(path: Path) -> str:
    """A path as researchers see it: relative to the working directory when inside it, else absolute."""
    absolute = Path(os.path.abspath(path))
    return str(absolute.relative_to(Path.cwd())) if absolute.is_relative_to(Path.cwd()) else str(absolute)


def _readable_path(data: Any, path: list[Any]) -> str:
    """``dimensions/d1_verzahnung/questions/d1_verweiswege`` rather than ``dimensions/0/questions/4``."""
    parts, node = [], data
    for step in path:
        node = node[step] if isinstance(node, Mapping | list) else None
        name = node.get("id") if isinstance(step, int) and isinstance(node, Mapping) else None
        parts.append(name if isinstance(name, str) else str(step))
    return "/".join(parts) or "(top level)"


def schema_problems(validator: jsonschema.Validator, data: Any, file: str) -> list[Problem]:
    """All JSON Schema violations of ``data``, each at its line."""
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        where = _readable_path(data, list(error.absolute_path))
        message = error.message
        path = list(error.absolute_path)
        if error.validator == "additionalProperties":
            message = message.replace("Additional properties are not allowed", "unknown key")
            known = error.schema.get("properties", {}) if isinstance(error.schema, Mapping) else {}
            instance = error.instance if isinstance(error.instance, Mapping) else {}
            path += [key for key in instance if key not in known][:1]  # point at the unknown key itself
        problems.append(Problem(file, line_of(data, path), Code.SCHEMA, f"{where}: {message}"))
    return problems


class _Reader:
    """Reads the files of one folder and merges them into one mapping."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[Problem] = []
        self.merged: dict[str, Any] = {}
        self.where: dict[str, tuple[str, Any]] = {}  # top-level key -> (file, data of that file)
        self.items: dict[str, list[tuple[Any, Origin]]] = {key: [] for key in LIST_KEYS}

    def read(self) -> None:
        files = sorted(self.folder.glob("*.yaml"))
        if not files:
            self.problems.append(Problem(display_path(self.folder), 1, Code.MISSING, "no *.yaml rule files found"))
        for path in files:
            self.read_file(path)
        if self.problems:  # a broken file may hold the missing keys: don't report them twice
            return
        for key in REQUIRED_KEYS:
            if key not in self.merged and not (key in LIST_KEYS and self.items[key]):
                self.problems.append(
                    Problem(display_path(self.folder / "ruleset.yaml"), 1, Code.MISSING,
                            f"required key {key!r} is missing")
                )

    def read_file(self, path: Path) -> None:
        file = display_path(path)
        try:
            data, duplicates = read_yaml(path)
        except YamlError as exc:
            self.problems.append(Problem(file, exc.line, Code.INVALID_YAML, f"not valid YAML: {exc}", exc.hint))
            return
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(file, 1, Code.INVALID_YAML, f"cannot read the file: {exc}"))
            return
        for key, line in duplicates:
            self.problems.append(Problem(file, line, Code.DUPLICATE_ID,
                                         f"key {key!r} appears twice in the same mapping"))
        if data is None:
            return
        if isinstance(data, Mapping) and data.get("format", FORMAT) != FORMAT:
            # Checked before the schema, whose "format" is the constant 1: a newer format is UNKNOWN_FORMAT, not SCHEMA.
            self.problems.append(Problem(file, line_of(data, ["format"]), Code.UNKNOWN_FORMAT,
                                         f"unknown format {data['format']!r}", f"use format: {FORMAT}"))
            return
        errors = schema_problems(_RULE_VALIDATOR, data, file)
        self.problems.extend(errors)
        if errors or not isinstance(data, Mapping):
            return
        for key, value in data.items():
            if key in LIST_KEYS:
                self.items[key].extend(
                    (item, Origin(file, line_of(data, [key, index]))) for index, item in enumerate(value)
                )
            elif key in self.merged:
                first = self.where[key][0]
                self.problems.append(
                    Problem(file, line_of(data, [key]), Code.KEY_IN_TWO_FILES, f"key {key!r} is already set in {first}")
                )
            else:
                self.merged[key] = value
                self.where[key] = (file, data)

    def origin(self, *path: Any) -> Origin:
        file, data = self.where.get(path[0], (display_path(self.folder / "ruleset.yaml"), None))
        return Origin(file, line_of(data, list(path)) if data is not None else 1)


def _text(value: Any) -> Text | None:
    return Text(value["de"], value.get("en")) if value else None


def _options(raw: Any) -> tuple[Option, ...]:
    return tuple(
        Option(o["id"], _text(o["label"]) or Text(""), o.get("points"), o.get("exclusive", False),
               tuple(o.get("renamed_from", ())))
        for o in raw
    )


def _levels(raw: Any) -> tuple[Level, ...]:
    return tuple(Level(lv["id"], lv["min"], lv["max"], _text(lv["label"]) or Text(""), _text(lv.get("description")))
                 for lv in raw)


class _Builder:
    """Turns merged rule data into model objects, noting problems on the way."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.problems = reader.problems
        self.scales: dict[str, Any] = reader.merged.get("scales", {})

    def condition(self, source: str, origin: Origin) -> Any:
        try:
            return parse_condition(source)
        except ConditionError as exc:
            self.problems.append(Problem(origin.file, origin.line, Code.CONDITION_SYNTAX,
                                         f"cannot parse {source!r}: {exc}"))
            return None

    def step(self, raw: Any, origin: Origin) -> ActionStep:
        """A step is a text, or ``{when, text}`` for a step shown only to the profiles it fits."""
        if "when" not in raw:
            return ActionStep(_text(raw) or Text(""))
        when_origin = Origin(origin.file, line_of(raw, ["when"], origin.line))
        return ActionStep(_text(raw["text"]) or Text(""), self.condition(raw["when"], when_origin), raw["when"])

    def question(self, raw: Mapping[str, Any], origin: Origin, dimension_id: str | None) -> Question:
        kind = raw["type"]
        options: tuple[Option, ...] = ()
        if kind in ("single", "multi"):
            has_scale, has_options = "scale" in raw, "options" in raw
            if has_scale == has_options:
                self.problems.append(Problem(origin.file, origin.line, Code.SCALE_OR_OPTIONS,
                                             f"question {raw['id']!r} needs exactly one of 'scale' and 'options'"))
            if has_scale:
                scale = self.scales.get(raw["scale"])
                if scale is None:
                    hint = did_you_mean(raw["scale"], self.scales)
                    message = f"unknown scale {raw['scale']!r}"
                    self.problems.append(Problem(origin.file, origin.line, Code.UNKNOWN_REFERENCE, message, hint))
                else:
                    options = _options(scale["options"])
            if has_options:
                options = _options(raw["options"])
        elif "scale" in raw or "options" in raw:
            self.problems.append(Problem(origin.file, origin.line, Code.SCALE_OR_OPTIONS,
                                         f"a {kind} question takes no 'scale' or 'options'"))
        visible_if_text = raw.get("visible_if")
        return Question(
            id=raw["id"],
            type=kind,
            text=_text(raw["text"]) or Text(""),
            help=_text(raw.get("help")),
            options=options,
            bands=tuple(Band(b.get("below"), _text(b["label"]) or Text(""), b["points"]) for b in raw.get("bands", ())),
            unit=_text(raw.get("unit")),
            min=raw.get("min"),
            max=raw.get("max"),
            max_points=raw.get("max_points"),
            max_length=raw.get("max_length", 2000),
            unknown=raw.get("unknown", True),
            required=raw.get("required", False),
            not_applicable=raw.get("not_applicable", False),
            visible_if=self.condition(visible_if_text, Origin(origin.file, line_of(raw, ["visible_if"], origin.line)))
            if visible_if_text else None,
            visible_if_text=visible_if_text,
            dimension_id=dimension_id,
            weight=raw.get("weight", 1),
            scored=dimension_id is not None and kind != "text",
            renamed_from=tuple(raw.get("renamed_from", ())),
            origin=origin,
        )

    def build(self, content_hash: str) -> RuleSet:
        merged = self.reader.merged
        default_levels = _levels(merged.get("levels", ()))
        profile = tuple(self.question(raw, origin, None) for raw, origin in self.reader.items["profile"])
        dimensions = []
        for raw, origin in self.reader.items["dimensions"]:
            questions = tuple(
                self.question(q, Origin(origin.file, line_of(raw, ["questions", i], origin.line)), raw["id"])
                for i, q in enumerate(raw["questions"])
            )
            dimensions.append(Dimension(
                id=raw["id"],
                title=_text(raw["title"]) or Text(""),
                description=_text(raw.get("description")),
                why=_text(raw.get("why")),
                questions=questions,
                levels=_levels(raw["levels"]) if "levels" in raw else default_levels,
                sources=tuple(raw.get("sources", ())),
                origin=origin,
            ))
        recommendations = []
        for raw, origin in self.reader.items["recommendations"]:
            when_origin = Origin(origin.file, line_of(raw, ["when"], origin.line))
            recommendations.append(Recommendation(
                id=raw["id"],
                dimension_id=raw.get("dimension"),
                when=self.condition(raw["when"], when_origin),
                when_text=raw["when"],
                audience=tuple(raw.get("audience", ("all",))),
                title=_text(raw["title"]) or Text(""),
                why=_text(raw["why"]) or Text(""),
                steps=tuple(self.step(step, origin) for step in raw["steps"]),
                effort=raw["effort"],
                example=_text(raw.get("example")),
                sources=tuple(Citation(c["source"], c["evidence"]) for c in raw["sources"]),
                weight=raw.get("weight", 1),
                priority=raw.get("priority", Recommendation.priority),
                kind=raw.get("kind", Recommendation.kind),
                replaces=tuple(raw.get("replaces", ())),
                origin=origin,
            ))
        sources = {
            raw["id"]: Source(raw["id"], raw["kind"], raw["title"], raw.get("publisher"), raw.get("year"),
                              raw.get("url"), _text(raw.get("note")), raw.get("author"), raw.get("no_url"),
                              raw.get("undated"))
            for raw, _ in self.reader.items["sources"]
        }
        return RuleSet(
            id=merged.get("id", ""),
            version=str(merged.get("version", "")),
            format=merged.get("format", FORMAT),
            title=_text(merged.get("title")) or Text(""),
            description=_text(merged.get("description")),
            languages=tuple(merged.get("languages", ("de", "en"))),
            profile=profile,
            dimensions=tuple(dimensions),
            recommendations=tuple(recommendations),
            sources=sources,
            levels=default_levels,
            blend=self.blend(merged.get("blend", {}), dimensions),
            hash=content_hash,
            audience_question=merged.get("audience_question"),
            retired=tuple(merged.get("retired", ())),
            results=ResultSettings(**merged.get("results", {})),
            path=self.reader.folder,
        )

    def blend(self, raw: Mapping[str, Any], dimensions: list[Dimension]) -> Blend:
        roles = tuple(BlendRole(tuple(role["audiences"]), self.axes(role["axes"], dimensions),
                                _blend_types(role["types"])) for role in raw.get("roles", ()))
        return Blend(raw.get("threshold", 50), self.axes(raw.get("axes", ()), dimensions),
                     _blend_types(raw.get("types", ())), raw.get("near", 0), roles)

    @staticmethod
    def axes(raw: Any, dimensions: list[Dimension]) -> tuple[Axis, ...]:
        by_id = {d.id: d for d in dimensions}
        axes = []
        for axis in raw:
            question_ids = [q.id for d in axis.get("dimensions", ()) if d in by_id for q in by_id[d].questions]
            question_ids += [q for q in axis.get("questions", ()) if q not in question_ids]
            axes.append(Axis(axis["id"], _text(axis["label"]) or Text(""), tuple(question_ids),
                             _levels(axis.get("stages", ()))))
        return tuple(axes)


def _blend_types(raw: Any) -> tuple[BlendType, ...]:
    return tuple(
        BlendType(t["id"], _text(t["label"]) or Text(""), _text(t.get("description")), dict(t["when"]),
                  tuple(t.get("settled", ())))
        for t in raw
    )


def content_hash(folder: Path) -> str:
    """sha256 over the rule files (not the examples): what an assessment is pinned to."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def check_ruleset(folder: Path | str, *, examples: bool = True) -> tuple[RuleSet | None, list[Problem]]:
    """Load and check a rule set; return it (None if it has errors) and all problems.

    ``examples=False`` leaves the golden examples out: they test the rules, and a typo in
    one must not stop the app or the scoring of real answers.
    """
    from .checks import check_examples, check_model
    from .published import check_published

    folder = Path(folder)
    if not folder.is_dir():
        return None, [Problem(display_path(folder), 1, Code.MISSING, "rule-set folder not found")]
    reader = _Reader(folder)
    reader.read()
    if any(p.is_error for p in reader.problems):
        return None, _by_place(reader.problems)
    builder = _Builder(reader)
    ruleset = builder.build(content_hash(folder))
    problems = builder.problems
    problems.extend(check_model(ruleset, reader))
    problems.extend(check_published(ruleset, folder))
    if examples and not any(p.is_error for p in problems):
        problems.extend(check_examples(ruleset, folder / "examples"))
    return (None if any(p.is_error for p in problems) else ruleset), _by_place(problems)


def _by_place(problems: list[Problem]) -> list[Problem]:
    """Problems in file and line order (stable: one line's problems keep the order of the checks)."""
    return sorted(problems, key=lambda p: (p.file, p.line))


def load_ruleset(folder: Path | str) -> RuleSet:
    """Load a rule set (without its examples), or raise RuleSetError listing every problem."""
    ruleset, problems = check_ruleset(folder, examples=False)
    if ruleset is None:
        raise RuleSetError(problems)
    return ruleset


def rule_files(folder: Path | str) -> dict[str, str]:
    """The rule files of a folder as text (name -> content): what the content hash is made of."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(Path(folder).glob("*.yaml"))}


def load_ruleset_from_files(files: Mapping[str, str]) -> RuleSet:
    """Load a rule set kept as text (``rule_files``), e.g. the one an old assessment was answered
    with; its content hash is the one it had."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="selfcheck-ruleset-") as folder:
        for name, text in files.items():
            if Path(name).name != name or not name.endswith(".yaml"):
                raise ValueError(f"not a rule file name: {name!r}")
            (Path(folder) / name).write_bytes(text.encode("utf-8"))
        ruleset = load_ruleset(folder)
    return replace(ruleset, path=None)
