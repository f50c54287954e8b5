"""JSON Schemas of the rule files and golden examples.

The loader checks every file against these; ``selfcheck rules schema`` publishes them to
rules/schema/ so that editors can autocomplete. A test keeps the published copy current.
"""

from __future__ import annotations

from typing import Any

ID = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
RULESET_ID = {"type": "string", "pattern": "^[a-z][a-z0-9_-]*$"}
TEXT = {
    "type": "object",
    "description": "A text in German (required) and English.",
    "properties": {"de": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}},
    "required": ["de"],
    "additionalProperties": False,
}
CONDITION = {"type": "string", "minLength": 1, "description": "A condition, see docs/rules.md"}
STEP = {
    "type": "object",
    "description": "A step shown only when its condition on the profile answers holds.",
    "properties": {"when": CONDITION, "text": {"$ref": "#/$defs/text"}},
    "required": ["when", "text"],
    "additionalProperties": False,
}

OPTION = {
    "type": "object",
    "properties": {
        "id": ID,
        "label": {"$ref": "#/$defs/text"},
        "points": {"type": "integer", "minimum": 0},
        "exclusive": {"type": "boolean"},
        "renamed_from": {"type": "array", "items": ID, "minItems": 1,
                         "description": "Earlier option ids: stored answers with them now mean this option."},
    },
    "required": ["id", "label"],
    "additionalProperties": False,
}
BAND = {
    "type": "object",
    "properties": {
        "below": {"type": "integer"},
        "label": {"$ref": "#/$defs/text"},
        "points": {"type": "integer", "minimum": 0},
    },
    "required": ["label", "points"],
    "additionalProperties": False,
}
QUESTION = {
    "type": "object",
    "properties": {
        "id": ID,
        "type": {"enum": ["single", "multi", "number", "text"]},
        "text": {"$ref": "#/$defs/text"},
        "help": {"$ref": "#/$defs/text"},
        "scale": ID,
        "options": {"type": "array", "items": {"$ref": "#/$defs/option"}, "minItems": 1},
        "max_points": {"type": "integer", "minimum": 1},
        "bands": {"type": "array", "items": {"$ref": "#/$defs/band"}, "minItems": 1},
        "unit": {"$ref": "#/$defs/text"},
        "min": {"type": "integer"},
        "max": {"type": "integer"},
        "max_length": {"type": "integer", "minimum": 1, "maximum": 20000},
        "weight": {"type": "number", "exclusiveMinimum": 0},
        "unknown": {"type": "boolean"},
        "required": {"type": "boolean"},
        "not_applicable": {"type": "boolean"},
        "visible_if": CONDITION,
        "renamed_from": {"type": "array", "items": ID, "minItems": 1,
                         "description": "Earlier ids of this question: stored answers move here."},
    },
    "required": ["id", "type", "text"],
    "additionalProperties": False,
}
LEVEL = {
    "type": "object",
    "properties": {
        "id": ID,
        "min": {"type": "integer"},
        "max": {"type": "integer"},
        "label": {"$ref": "#/$defs/text"},
        "description": {"$ref": "#/$defs/text"},
    },
    "required": ["id", "min", "max", "label"],
    "additionalProperties": False,
}
DIMENSION = {
    "type": "object",
    "properties": {
        "id": ID,
        "title": {"$ref": "#/$defs/text"},
        "description": {"$ref": "#/$defs/text"},
        "why": {"$ref": "#/$defs/text"},
        "sources": {"type": "array", "items": ID},
        "levels": {"type": "array", "items": {"$ref": "#/$defs/level"}, "minItems": 1},
        "questions": {"type": "array", "items": {"$ref": "#/$defs/question"}, "minItems": 1},
    },
    "required": ["id", "title", "questions"],
    "additionalProperties": False,
}
RECOMMENDATION = {
    "type": "object",
    "properties": {
        "id": ID,
        "dimension": ID,
        "when": CONDITION,
        "audience": {"type": "array", "items": ID, "minItems": 1},
        "title": {"$ref": "#/$defs/text"},
        "why": {"$ref": "#/$defs/text"},
        "steps": {"type": "array", "items": {"anyOf": [{"$ref": "#/$defs/text"}, {"$ref": "#/$defs/step"}]}},
        "effort": {"enum": ["low", "medium", "high"]},
        "example": {"$ref": "#/$defs/text"},
        "sources": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"source": ID, "evidence": {"type": "string"}},
                "required": ["source", "evidence"],
                "additionalProperties": False,
            },
        },
        "weight": {"type": "number", "exclusiveMinimum": 0},
        "priority": {"type": "integer", "minimum": 0, "maximum": 100},
        "kind": {"enum": ["action", "knowledge"]},
        "replaces": {"type": "array", "items": ID, "minItems": 1},
    },
    "required": ["id", "when", "title", "why", "steps", "effort", "sources"],
    "additionalProperties": False,
}
SOURCE = {
    "type": "object",
    "properties": {
        "id": ID,
        "kind": {"enum": ["core_study", "related_study", "practice", "survey", "tool", "own"]},
        "title": {"type": "string", "minLength": 1},
        "publisher": {"type": "string"},
        "author": {"type": "string"},
        "year": {"type": "integer", "minimum": 1900, "maximum": 2100},
        "undated": {"type": "string", "minLength": 1, "description": "Why the source has no year."},
        "url": {"type": "string", "pattern": "^https?://"},
        "no_url": {"type": "string", "minLength": 1, "description": "Why the source has no address."},
        "note": {"$ref": "#/$defs/text"},
    },
    "required": ["id", "kind", "title"],
    "additionalProperties": False,
}
AXIS = {
    "type": "object",
    "properties": {
        "id": ID,
        "label": {"$ref": "#/$defs/text"},
        "dimensions": {"type": "array", "items": ID},
        "questions": {"type": "array", "items": ID},
        "stages": {"type": "array", "items": {"$ref": "#/$defs/level"}, "minItems": 2},
    },
    "required": ["id", "label"],
    "additionalProperties": False,
}
BLEND_TYPES = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "id": ID,
            "label": {"$ref": "#/$defs/text"},
            "description": {"$ref": "#/$defs/text"},
            "when": {"type": "object", "additionalProperties": {"enum": ["low", "high", "any"]}},
            "settled": {"type": "array", "items": ID},
        },
        "required": ["id", "label", "when"],
        "additionalProperties": False,
    },
}
BLEND_ROLE = {
    "type": "object",
    "properties": {
        "audiences": {"type": "array", "items": ID, "minItems": 1},
        "axes": {"type": "array", "items": AXIS, "minItems": 1, "maxItems": 3},
        "types": BLEND_TYPES,
    },
    "required": ["audiences", "axes", "types"],
    "additionalProperties": False,
}
BLEND = {
    "type": "object",
    "properties": {
        "threshold": {"type": "integer", "minimum": 1, "maximum": 100},
        "near": {"type": "integer", "minimum": 0, "maximum": 25},
        "axes": {"type": "array", "items": AXIS, "minItems": 1, "maxItems": 3},
        "types": BLEND_TYPES,
        "roles": {"type": "array", "items": BLEND_ROLE},
    },
    "required": ["threshold", "axes", "types"],
    "additionalProperties": False,
}

DEFS = {
    "text": TEXT,
    "option": OPTION,
    "band": BAND,
    "question": QUESTION,
    "level": LEVEL,
    "step": STEP,
}

RULE_FILE: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "rule-file.schema.json",
    "title": "A file of a Blended-Impact-Selbstcheck rule set",
    "type": "object",
    "properties": {
        "format": {"const": 1},
        "id": RULESET_ID,
        "version": {"type": "string", "minLength": 1},
        "title": {"$ref": "#/$defs/text"},
        "description": {"$ref": "#/$defs/text"},
        "languages": {"type": "array", "items": {"enum": ["de", "en"]}},
        # The profile question whose answer is the organisation type (recommendation audiences).
        "audience_question": ID,
        "retired": {"type": "array", "items": ID,
                    "description": "Question ids removed on purpose: stored answers to them are kept, unused."},
        # How results are judged and shown; every key has a documented default.
        "results": {
            "type": "object",
            "properties": {
                "min_coverage": {"type": "integer", "minimum": 0, "maximum": 100},
                "knowledge_first": {"type": "integer", "minimum": 1, "maximum": 100},
                "shown_recommendations": {"type": "integer", "minimum": 0, "maximum": 100},
                "audience_boost": {"type": "integer", "minimum": 0, "maximum": 100},
                "profile_boost": {"type": "integer", "minimum": 0, "maximum": 100},
            },
            "additionalProperties": False,
        },
        "scales": {
            "type": "object",
            "propertyNames": ID,
            "additionalProperties": {
                "type": "object",
                "properties": {"options": {"type": "array", "items": {"$ref": "#/$defs/option"}, "minItems": 2}},
                "required": ["options"],
                "additionalProperties": False,
            },
        },
        "levels": {"type": "array", "items": {"$ref": "#/$defs/level"}, "minItems": 1},
        "blend": BLEND,
        "profile": {"type": "array", "items": {"$ref": "#/$defs/question"}},
        "dimensions": {"type": "array", "items": DIMENSION},
        "recommendations": {"type": "array", "items": RECOMMENDATION},
        "sources": {"type": "array", "items": SOURCE},
    },
    "additionalProperties": False,
    "$defs": DEFS,
}

EXAMPLE_FILE: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "example.schema.json",
    "title": "A golden example: answers in, expected result out",
    "type": "object",
    "properties": {
        "id": ID,
        "description": {"$ref": "#/$defs/text"},
        "organisation": {"type": "object"},
        "answers": {"type": "object", "propertyNames": ID},
        "expect": {
            "type": "object",
            "properties": {
                "profile": {"anyOf": [ID, {"type": "null"}]},
                "close_to": {"type": "array", "items": ID},
                "stages": {"type": "object", "additionalProperties": {"anyOf": [ID, {"type": "null"}]}},
                "levels": {"type": "object", "additionalProperties": {"anyOf": [ID, {"type": "null"}]}},
                "scores": {"type": "object", "additionalProperties": {"type": ["integer", "null"]}},
                "recommendations": {"type": "array", "items": ID},
                "not_recommendations": {"type": "array", "items": ID},
                "next_steps": {"type": "array", "items": ID},
                "completeness": {"type": "integer", "minimum": 0, "maximum": 100},
            },
            "additionalProperties": False,
        },
    },
    "required": ["id", "answers", "expect"],
    "additionalProperties": False,
    "$defs": {"text": TEXT},
}

ANSWERS_FILE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "organisation": {"type": "object", "properties": {"name": {"type": "string"}}},
        "answers": {"type": "object"},
    },
    "required": ["answers"],
}
