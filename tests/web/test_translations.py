"""The English catalog is complete and its compiled .mo matches the .po."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "selfcheck" / "translations"


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
