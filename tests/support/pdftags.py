"""The structure tree of a tagged PDF, read with pypdf: elements, their attributes and their text.

Screen readers read a tagged PDF through this tree, so the accessibility checks of the report,
the paper questionnaire and the workshop pack look at it rather than at the page text.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


@dataclass
class Element:
    """One structure element: its type ("TH", "Span" ...), attributes, language and marked content."""

    kind: str
    attributes: dict[str, Any]
    lang: str | None
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID) below this element
    children: list[Element] = field(default_factory=list)
    text: str = ""  # the text of the marked content below this element

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    def inherited_langs(self) -> Iterator[tuple[Element, str | None]]:
        """Every element below with the language it inherits (its own /Lang or its nearest parent's)."""
        yield from self._langs(self.lang)

    def _langs(self, inherited: str | None) -> Iterator[tuple[Element, str | None]]:
        lang = self.lang or inherited
        yield self, lang
        for child in self.children:
            yield from child._langs(lang)


def _attributes(node: DictionaryObject) -> dict[str, Any]:
    """/A of an element: one attribute dictionary or an array of them, merged."""
    raw = node.get("/A")
    if raw is None:
        return {}
    raw = raw.get_object()
    dictionaries = raw if isinstance(raw, ArrayObject) else [raw]
    merged: dict[str, Any] = {}
    for entry in dictionaries:
        entry = entry.get_object()
        if isinstance(entry, DictionaryObject):
            merged.update({str(key): entry[key] for key in entry})
    return merged


class _MarkedText:
    """Collects the text shown inside each marked-content sequence (BDC ... EMC) of one page."""

    def __init__(self) -> None:
        self.open: list[int | None] = []  # MCIDs of the sequences we are in (None: no MCID)
        self.chunks: dict[int, list[str]] = {}

    def operator(self, operator: bytes, operands: Any, _cm: Any, _tm: Any) -> None:
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, DictionaryObject) else None
            self.open.append(int(mcid) if mcid is not None else None)
        elif operator == b"BMC":
            self.open.append(None)
        elif operator == b"EMC" and self.open:
            self.open.pop()

    def text(self, text: str, _cm: Any, _tm: Any, _font: Any, _size: Any) -> None:
        mcid = next((m for m in reversed(self.open) if m is not None), None)
        if mcid is not None and text:
            self.chunks.setdefault(mcid, []).append(text)


def _page_texts(reader: PdfReader) -> dict[tuple[int, int], str]:
    """Text of every marked-content sequence, by (page index, MCID)."""
    texts: dict[tuple[int, int], str] = {}
    for index, page in enumerate(reader.pages):
        marked = _MarkedText()
        page.extract_text(visitor_text=marked.text, visitor_operand_before=marked.operator)
        for mcid, parts in marked.chunks.items():
            texts[(index, mcid)] = "".join(parts)
    return texts


def structure_tree(data: bytes, *, with_text: bool = False) -> Element:
    """The /Document element of a tagged PDF made by WeasyPrint, as a tree of ``Element``."""
    reader = PdfReader(io.BytesIO(data))
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    texts = _page_texts(reader) if with_text else {}
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()

    def build(node: DictionaryObject, page: int | None) -> Element:
        kind = str(node.get("/S", "/?"))[1:]
        lang = str(node["/Lang"]) if "/Lang" in node else None
        element = Element(kind, _attributes(node), lang)
        if "/Pg" in node:
            page = pages.get(node.raw_get("/Pg").idnum, page)
        kids = node.get("/K")
        if kids is None:
            return element
        kids = kids.get_object() if hasattr(kids, "get_object") else kids
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            value = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(value, DictionaryObject) and "/S" in value:
                element.children.append(build(value, page))
            elif isinstance(value, DictionaryObject) and "/MCID" in value:  # a marked-content reference
                element.mcids.append((pages.get(value.raw_get("/Pg").idnum, page) if "/Pg" in value else page,
                                      int(value["/MCID"])))
            elif isinstance(value, int) and page is not None:
                element.mcids.append((page, int(value)))
        return element

    kids = root["/K"]
    kids = kids if isinstance(kids, ArrayObject) else [kids]
    document = build(kids[0].get_object(), None)
    if with_text:
        _fill_text(document, texts)
    return document


def _fill_text(element: Element, texts: dict[tuple[int, int], str]) -> str:
    own = "".join(texts.get(mcid, "") for mcid in element.mcids)
    element.text = own + "".join(_fill_text(child, texts) for child in element.children)
    return element.text


def elements(data: bytes, kind: str, *, with_text: bool = False) -> list[Element]:
    """Every element of one type ("TH", "Span" ...) in document order."""
    return [e for e in structure_tree(data, with_text=with_text).walk() if e.kind == kind]
