"""The English catalog is complete and its compiled .mo matches the .po."""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "selfcheck" / "translations"


def test_english_catalog_is_complete_and_compiled() -> None:
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        template = {m.id for m in read_po(handle) if m.id}
    with (TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        po = {m.id: m.string for m in read_po(handle) if m.id}
    with (TRANSLATIONS / "en" / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        mo = {m.id: m.string for m in read_mo(handle) if m.id}
    assert template <= set(po)
    assert all(po[message] for message in template), [m for m in template if not po[m]]
    assert mo == {k: v for k, v in po.items() if v}
