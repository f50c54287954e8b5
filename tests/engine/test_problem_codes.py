"""The problem-code registry is the one list: the docs table is checked against it."""

from __future__ import annotations

import re
from pathlib import Path

from selfcheck.engine.problems import Code

ROOT = Path(__file__).resolve().parents[2]


def test_the_docs_table_lists_the_registry_in_order() -> None:
    docs = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([EW]\d{3}) \| (.*?) \| (.*?) \|$", docs, re.MULTILINE)
    assert rows == [(code.value, code.meaning, code.fix) for code in Code]


def test_every_code_is_raised_somewhere_and_no_code_is_a_literal() -> None:
    sources = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "selfcheck").rglob("*.py")
                        if path.name != "problems.py")
    unused = [code.name for code in Code if f"Code.{code.name}" not in sources]
    assert unused == []
    assert re.findall(r"[\"' ][EW]\d{3}\b", sources) == []


def test_codes_print_and_compare_as_their_text() -> None:
    assert f"{Code.UNKNOWN_REFERENCE}" == "E102"
    assert Code.UNKNOWN_REFERENCE == "E102"
    assert Code("W202") is Code.SOURCE_NEVER_CITED
