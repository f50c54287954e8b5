"""The PDF cache and the render deadline."""

from __future__ import annotations

import pytest

from selfcheck.reports import ReportCache, cache
from selfcheck.reports.pdf import RenderTimeout, html_to_pdf


def test_cache_renders_once_per_key(tmp_path):
    calls = []

    def render() -> bytes:
        calls.append(1)
        return b"%PDF-" + bytes([len(calls)])

    store = ReportCache(tmp_path / "reports")
    first = store.get_or_render(("a1", "hash", "de"), render)
    assert store.get_or_render(("a1", "hash", "de"), render) == first
    assert len(calls) == 1
    assert store.get_or_render(("a1", "hash", "en"), render) != first
    assert len(calls) == 2
    assert sorted(p.name.startswith(".tmp") for p in (tmp_path / "reports" / "a1").iterdir()) == [False, False]


def test_template_version_is_part_of_the_key(tmp_path, monkeypatch):
    store = ReportCache(tmp_path)
    old = store.path_for(("a1",))
    monkeypatch.setattr(cache, "TEMPLATE_VERSION", "next")
    assert store.path_for(("a1",)) != old


def test_failed_render_stores_nothing(tmp_path):
    store = ReportCache(tmp_path)

    def broken() -> bytes:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        store.get_or_render(("x",), broken)
    assert list(tmp_path.iterdir()) == []


def test_render_past_the_deadline_raises_and_the_next_render_works():
    long_html = "<html lang='de'><title>lang</title><body>" + "<p>Absatz mit Text.</p>" * 20000 + "</body></html>"
    with pytest.raises(RenderTimeout):
        html_to_pdf(long_html, "paper", timeout=0.5)
    pdf = html_to_pdf("<html lang='de'><title>kurz</title><body><p>ok</p></body></html>", "paper", timeout=60)
    assert pdf.startswith(b"%PDF")


def test_forget_removes_every_pdf_of_one_owner_only(tmp_path):
    store = ReportCache(tmp_path / "reports")
    for key in (("a1", 1, "h", "de"), ("a1", 2, "h", "en"), ("b2", 1, "h", "de"), ("../../etc", 1)):
        store.put(key, b"%PDF")
    assert store.folder_for("../../etc").parent == tmp_path / "reports", "owner names cannot escape the cache"
    assert store.owners() == {"a1", "b2", store.folder_for("../../etc").name}
    store.forget("a1")
    assert store.get(("a1", 1, "h", "de")) is None
    assert store.get(("a1", 2, "h", "en")) is None
    assert store.get(("b2", 1, "h", "de")) == b"%PDF"
