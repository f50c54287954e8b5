"""Where finished PDFs are kept, and the render deadline."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfcheck.rendering import FileJob, file_key
from selfcheck.rendering.store import FolderStore
from selfcheck.reports.pdf import RenderTimeout, html_to_pdf


def job(owner: str, *parts: object, lang: str = "de") -> FileJob:
    return FileJob(key=file_key(owner, *parts, lang), kind="report", lang=lang, html="", stylesheet="report",
                   owner_kind="assessment", owner_id=owner)


def folder(tmp_path: Path, existing: set[str] | None = None) -> FolderStore:
    return FolderStore(tmp_path / "reports", lambda _kind, owner: existing is None or owner in existing)


def test_a_newer_file_replaces_the_older_one_of_the_same_owner_kind_and_language(tmp_path: Path) -> None:
    store = folder(tmp_path)
    first, second, english = job("a1", 1), job("a1", 2), job("a1", 2, lang="en")
    for each in (first, second, english):
        assert store.put(each, b"%PDF-" + each.key.encode())
    assert store.get(first.key) is None
    assert store.get(second.key) == b"%PDF-" + second.key.encode()
    assert store.has(english.key)
    assert not [p for p in (tmp_path / "reports" / "a1").iterdir() if p.name.startswith(".tmp")]


def test_the_template_version_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from selfcheck.rendering import job as job_module

    old = file_key("a1")
    monkeypatch.setattr(job_module, "TEMPLATE_VERSION", "next")
    assert file_key("a1") != old


def test_a_file_whose_owner_is_gone_is_not_kept(tmp_path: Path) -> None:
    store = folder(tmp_path, existing={"b2"})
    assert store.put(job("a1", 1), b"%PDF") is False
    assert not store.has(job("a1", 1).key)
    assert store.put(job("b2", 1), b"%PDF") is True


def test_forget_removes_every_pdf_of_one_owner_only(tmp_path: Path) -> None:
    store = folder(tmp_path)
    for each in (job("a1", 1), job("a1", 2, lang="en"), job("b2", 1), job("../../etc", 1)):
        store.put(each, b"%PDF")
    assert store.folder_for("../../etc").parent == tmp_path / "reports", "owner names cannot escape the folder"
    assert store.owners() == {"a1", "b2", store.folder_for("../../etc").name}
    store.forget(["a1"])
    assert not store.has(job("a1", 2, lang="en").key)
    assert store.get(job("b2", 1).key) == b"%PDF"


def test_render_past_the_deadline_raises_and_the_next_render_works() -> None:
    long_html = "<html lang='de'><title>lang</title><body>" + "<p>Absatz mit Text.</p>" * 20000 + "</body></html>"
    with pytest.raises(RenderTimeout):
        html_to_pdf(long_html, "paper", timeout=0.5)
    pdf = html_to_pdf("<html lang='de'><title>kurz</title><body><p>ok</p></body></html>", "paper", timeout=60)
    assert pdf.startswith(b"%PDF")


def test_a_warmed_up_render_process_has_frozen_what_it_loaded() -> None:
    """Render workers fork after the warm-up: what is loaded then is frozen for the garbage
    collector, so full collections skip it and the forked processes share its memory pages."""
    import subprocess
    import sys

    code = ("import gc; from selfcheck.reports.pdf import warm_up; warm_up(); "
            "print(gc.get_freeze_count(), len(gc.get_objects()))")
    frozen, tracked = map(int, subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                              text=True, cwd=Path(__file__).resolve().parents[2]).stdout.split())
    assert frozen > 10 * tracked
