"""The one catalog of fixed texts (web, report, paper, workshop pack): current, complete, compiled.

German is the source language. Every text in the code and templates is in messages.pot (the
extraction command of babel.cfg, run here on the working tree), every one has its English
translation with the same placeholders, and the compiled .mo matches the .po.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "selfcheck" / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _key(value: object) -> object:
    """read_mo gives plural ids and strings as lists; read_po gives tuples."""
    return tuple(value) if isinstance(value, list) else value


def _translated(string: object) -> bool:
    """A plural entry counts only when every form is filled in."""
    return all(string) if isinstance(string, tuple) else bool(string)


def test_english_catalog_is_complete_and_compiled() -> None:
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    with (TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        po = {m.id: m.string for m in read_po(handle) if m.id and not m.fuzzy}
    with (TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        mo = {_key(m.id): _key(m.string) for m in read_mo(handle) if m.id}
    assert template <= set(po), sorted(map(str, template - set(po)))
    assert all(_translated(po[message]) for message in template), [m for m in template if not _translated(po[m])]
    assert mo == {k: v for k, v in po.items() if _translated(v)}


def test_the_template_lists_every_text_in_the_code_and_templates(tmp_path: Path) -> None:
    extracted = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(TRANSLATIONS / "babel.cfg"),
                    "-k", "_l", "--ignore-dirs=.*", "--no-location", "--omit-header", "--sort-output",
                    "-o", str(extracted), "."], cwd=ROOT, check=True, capture_output=True)
    with extracted.open("rb") as handle:
        current = {m.id for m in read_po(handle) if m.id}
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        committed = {m.id for m in read_po(handle) if m.id}
    assert current == committed, f"run the commands in babel.cfg; new: {sorted(map(str, current - committed))[:5]}"


def test_translations_keep_every_placeholder() -> None:
    with (TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        entries = [(m.id, m.string) for m in read_po(handle) if m.id and isinstance(m.id, str)]
    broken = [source for source, english in entries
              if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(english))]
    assert broken == []
