"""The normalised rule set as plain data (``selfcheck rules export``)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .model import Axis, BlendType, Question, RuleSet, Text


def _text(text: Text | None) -> dict[str, str | None] | None:
    return text.to_dict() if text else None


def _question(q: Question) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "dimension": q.dimension_id,
        "scored": q.scored,
        "text": _text(q.text),
        "help": _text(q.help),
        "weight": q.weight,
        "max_points": q.max_score if q.scored else None,
        "unknown": q.unknown,
        "not_applicable": q.not_applicable,
        "visible_if": q.visible_if_text,
    }
    if q.renamed_from:
        data["renamed_from"] = list(q.renamed_from)
    if q.options:
        data["options"] = [
            {"id": o.id, "label": _text(o.label), "points": o.points, "exclusive": o.exclusive,
             **({"renamed_from": list(o.renamed_from)} if o.renamed_from else {})} for o in q.options
        ]
    if q.bands:
        data["bands"] = [{"below": b.below, "label": _text(b.label), "points": b.points} for b in q.bands]
        data.update(unit=_text(q.unit), min=q.min, max=q.max)
    return data


def ruleset_to_dict(rs: RuleSet) -> dict[str, Any]:
    """Everything a rule set says, with scales resolved and defaults filled in."""
    return {
        "id": rs.id,
        "version": rs.version,
        "hash": rs.hash,
        "format": rs.format,
        "title": _text(rs.title),
        "description": _text(rs.description),
        "languages": list(rs.languages),
        "audience_question": rs.audience_question,
        "results": asdict(rs.results),
        "retired": list(rs.retired),
        "levels": [{"id": lv.id, "min": lv.min, "max": lv.max, "label": _text(lv.label)} for lv in rs.levels],
        "profile": [_question(q) for q in rs.profile],
        "dimensions": [
            {
                "id": d.id,
                "title": _text(d.title),
                "description": _text(d.description),
                "why": _text(d.why),
                "sources": list(d.sources),
                "levels": [{"id": lv.id, "min": lv.min, "max": lv.max, "label": _text(lv.label)} for lv in d.levels],
                "questions": [_question(q) for q in d.questions],
            }
            for d in rs.dimensions
        ],
        "blend": _blend(rs),
        "recommendations": [
            {
                "id": r.id,
                "dimension": r.dimension_id,
                "when": r.when_text,
                "audience": list(r.audience),
                "title": _text(r.title),
                "why": _text(r.why),
                "steps": [_text(s.text) if s.when is None else {"when": s.when_text, "text": _text(s.text)}
                          for s in r.steps],
                "effort": r.effort,
                "example": _text(r.example),
                "sources": [{"source": c.source_id, "evidence": c.evidence} for c in r.sources],
                "weight": r.weight,
                "priority": r.priority,
                "kind": r.kind,
                "replaces": list(r.replaces),
            }
            for r in rs.recommendations
        ],
        "sources": [
            {"id": s.id, "kind": s.kind, "title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url,
             "note": _text(s.note)}
            for s in rs.sources.values()
        ],
    }


def _blend(rs: RuleSet) -> dict[str, Any]:
    """The blend profile; ``near``, axis ``stages`` and ``roles`` only when the rules use them."""

    def axes(items: tuple[Axis, ...]) -> list[dict[str, Any]]:
        return [{"id": a.id, "label": _text(a.label), "questions": list(a.question_ids),
                 **({"stages": [{"id": st.id, "min": st.min, "max": st.max, "label": _text(st.label),
                                 "description": _text(st.description)} for st in a.stages]} if a.stages else {})}
                for a in items]

    def types(items: tuple[BlendType, ...]) -> list[dict[str, Any]]:
        return [{"id": t.id, "label": _text(t.label), "description": _text(t.description), "when": dict(t.when),
                 "settled": list(t.settled)} for t in items]

    data: dict[str, Any] = {"threshold": rs.blend.threshold, "axes": axes(rs.blend.axes),
                            "types": types(rs.blend.types)}
    if rs.blend.near:
        data["near"] = rs.blend.near
    if rs.blend.roles:
        data["roles"] = [{"audiences": list(r.audiences), "axes": axes(r.axes), "types": types(r.types)}
                         for r in rs.blend.roles]
    return data
