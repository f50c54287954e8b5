"""What changed between two rule sets, in words a researcher reads (``selfcheck rules diff``).

Works on the plain-data export of each rule set (``ruleset_to_dict``), so every key the export
carries is compared: texts, options and points, weights, conditions, thresholds, sources.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from .export import ruleset_to_dict
from .model import RuleSet

TEXT_LIMIT = 120


PLURALS = {"blend axis": "Blend axes"}  # headings of the markdown report


@dataclass(frozen=True)
class Change:
    kind: str  # rule set | question | dimension | recommendation | source | blend axis | blend type | level
    id: str
    change: str  # added | removed | changed | renamed
    details: tuple[str, ...] = ()


def diff_rulesets(old: RuleSet, new: RuleSet) -> list[Change]:
    """Every difference between ``old`` and ``new``, grouped by kind, in rule-file order."""
    before, after = ruleset_to_dict(old), ruleset_to_dict(new)
    changes = list(_settings(before, after))
    renames = [(old_id, q["id"]) for q in _questions(after) for old_id in q.get("renamed_from", ())]
    changes += _entities("question", _questions(before), _questions(after), renames)
    strip = ("questions",)
    changes += _entities("dimension", [_without(d, strip) for d in before["dimensions"]],
                         [_without(d, strip) for d in after["dimensions"]])
    changes += _entities("recommendation", before["recommendations"], after["recommendations"])
    changes += _entities("source", before["sources"], after["sources"])
    changes += _entities("blend axis", _blend_items(before, "axes"), _blend_items(after, "axes"))
    changes += _entities("blend type", _blend_items(before, "types"), _blend_items(after, "types"))
    changes += _entities("level", before["levels"], after["levels"])
    return changes


def changes_to_data(changes: Sequence[Change]) -> list[dict[str, Any]]:
    return [asdict(change) | {"details": list(change.details)} for change in changes]


def changes_to_markdown(changes: Sequence[Change], old: RuleSet, new: RuleSet) -> str:
    """A readable report: one section per kind, one line per change with its details below."""
    lines = [f"# Rule set {new.id}: {old.version} ({old.hash[:12]}) → {new.version} ({new.hash[:12]})", ""]
    if not changes:
        return "\n".join([*lines, "No differences.", ""])
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.change] = counts.get(change.change, 0) + 1
    lines += [", ".join(f"{n} {what}" for what, n in sorted(counts.items())), ""]
    kind = None
    for change in changes:
        if change.kind != kind:
            kind = change.kind
            lines += ["", f"## {PLURALS.get(kind, kind.capitalize() + 's')}", ""]
        lines.append(f"- **{change.id}** {change.change}")
        lines += [f"  - {detail}" for detail in change.details]
    return "\n".join(lines) + "\n"


def _questions(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [*data["profile"], *(q for d in data["dimensions"] for q in d["questions"])]


def _without(item: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in keys}


def _settings(before: Mapping[str, Any], after: Mapping[str, Any]) -> Iterator[Change]:
    keys = ("version", "title", "description", "languages", "audience_question", "results")
    details = [line for key in keys for line in _describe(key, before.get(key), after.get(key))]
    details += list(_describe("blend threshold", before["blend"]["threshold"], after["blend"]["threshold"]))
    details += list(_describe("blend near", before["blend"].get("near", 0), after["blend"].get("near", 0)))
    if details:
        yield Change("rule set", before["id"], "changed", tuple(details))


def _blend_items(data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    """Axes or types of the default profile, then those of each role, named "<audiences>/<id>"."""
    items = [dict(item) for item in data["blend"][key]]
    for role in data["blend"].get("roles", ()):
        prefix = ",".join(role["audiences"])
        items += [{**item, "id": f"{prefix}/{item['id']}"} for item in role[key]]
    return items


def _entities(kind: str, before: Sequence[Mapping[str, Any]], after: Sequence[Mapping[str, Any]],
              renames: Sequence[tuple[str, str]] = ()) -> list[Change]:
    """Added, removed, changed and renamed items; a question named by several successors was split."""
    old = {item["id"]: item for item in before}
    new = {item["id"]: item for item in after}
    successors: dict[str, list[str]] = {}
    for old_id, new_id in renames:
        successors.setdefault(old_id, []).append(new_id)
    changes = []
    for item_id, item in new.items():
        previous_id = next((o for o, n in renames if n == item_id and o in old and o not in new), None)
        if previous_id is not None and len(successors[previous_id]) > 1:
            details = _compare(old[previous_id], item, ignore=("id", "renamed_from"))
            changes.append(Change(kind, item_id, "split", (
                f"from {previous_id} (split into {', '.join(successors[previous_id])})", *details)))
        elif previous_id is not None:
            details = _compare(old[previous_id], item, ignore=("id", "renamed_from"))
            changes.append(Change(kind, item_id, "renamed", (f"from {previous_id}", *details)))
        elif item_id not in old:
            changes.append(Change(kind, item_id, "added", _summary(item)))
        else:
            details = _compare(old[item_id], item, ignore=("id",))
            if details:
                changes.append(Change(kind, item_id, "changed", details))
    for item_id in old:
        if item_id not in new and item_id not in successors:
            changes.append(Change(kind, item_id, "removed", _summary(old[item_id])))
    return changes


def _summary(item: Mapping[str, Any]) -> tuple[str, ...]:
    for key in ("text", "title", "label"):
        value = item.get(key)
        if isinstance(value, Mapping) and value.get("de"):
            return (_short(value["de"]),)
        if isinstance(value, str):
            return (_short(value),)
    return ()


def _compare(before: Mapping[str, Any], after: Mapping[str, Any], ignore: Sequence[str]) -> tuple[str, ...]:
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in ignore]
    return tuple(line for key in keys for line in _describe(key, before.get(key), after.get(key)))


def _describe(path: str, before: Any, after: Any) -> Iterator[str]:
    if before == after:
        return
    if isinstance(before, Mapping) and isinstance(after, Mapping):
        for key in dict.fromkeys([*before, *after]):
            yield from _describe(f"{path}.{key}", before.get(key), after.get(key))
        return
    if _is_id_list(before) and _is_id_list(after):
        old = {item["id"]: item for item in before}
        new = {item["id"]: item for item in after}
        for item_id in new:
            if item_id not in old:
                yield f"{path}: added {item_id!r}"
            else:
                yield from _describe(f"{path}[{item_id}]", old[item_id], new[item_id])
        for item_id in old:
            if item_id not in new:
                yield f"{path}: removed {item_id!r}"
        if [i for i in old if i in new] != [i for i in new if i in old]:
            yield f"{path}: new order {', '.join(new)}"
        return
    if isinstance(before, list) and isinstance(after, list):
        old_items, new_items = [_item(i) for i in before], [_item(i) for i in after]
        added = [i for i in new_items if i not in old_items]
        removed = [i for i in old_items if i not in new_items]
        yield from (f"{path}: added {i}" for i in added)
        yield from (f"{path}: removed {i}" for i in removed)
        if not added and not removed:
            yield f"{path}: new order"
        return
    yield f"{path}: {_show(before)} → {_show(after)}"


def _item(value: Any) -> str:
    """One list element in words: a text in German, a cited source, a step with its condition."""
    if isinstance(value, Mapping):
        if "de" in value:
            return _show(value["de"])
        if "source" in value:
            return f"{value['source']} ({value.get('evidence')})"
        if "when" in value and "text" in value:
            return f"[if {value['when']}] {_item(value['text'])}"
    return _show(value)


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, Mapping) and "id" in item for item in value)


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return f"“{_short(value)}”"
    return _short(repr(value))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"
