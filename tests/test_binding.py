"""Binding follows thickness, and every booklet has a single-page print master (issue #25).

The symposium's shared booklet render (32 pages: saddle stitch) is read as it is; one more render,
of the symposium given a real address and ``binding: perfect``, is this file's own.
"""
from __future__ import annotations

import dataclasses
import functools
import io
import shutil
from pathlib import Path

import pdfcheck as pc
import pypdf
import pytest
from conftest import CONTENT, event_named, run_cli

MM = 72 / 25.4
A5 = (148 * MM, 210 * MM)
BLEED = 3 * MM
IMPORTED = Path(__file__).resolve().parent / "fixtures" / "imported"


def _boxes(page) -> tuple[list[float], list[float], list[float]]:
    return ([float(v) for v in page.mediabox], [float(v) for v in page["/TrimBox"]], [float(v) for v in page["/BleedBox"]])


def test_the_print_master_is_the_a5_pages_one_by_one_with_bleed(artifacts):
    """booklet-print.pdf: as many pages as the reading copy, each its A5 page (TrimBox) in 3 mm of
    bleed (BleedBox = MediaBox), the same text, no annotations (the reading copy keeps its links)."""
    files = artifacts("symposium", "booklet")
    master, reading = files["booklet-print.pdf"], files["booklet.pdf"]
    r = pypdf.PdfReader(io.BytesIO(master))
    assert len(r.pages) == len(pypdf.PdfReader(io.BytesIO(reading)).pages) == 32
    for n, page in enumerate(r.pages):
        media, trim, bleed = _boxes(page)
        assert trim == pytest.approx([BLEED, BLEED, BLEED + A5[0], BLEED + A5[1]], abs=0.01), n
        assert bleed == pytest.approx([0, 0, A5[0] + 2 * BLEED, A5[1] + 2 * BLEED], abs=0.01) and media == bleed, n
        assert not page.get("/Annots"), n
    assert any(p.get("/Annots") for p in pypdf.PdfReader(io.BytesIO(reading)).pages)  # links stay in the reading copy
    assert [pc.normalise(t) for t in pc.page_texts(master)] == [pc.normalise(t) for t in pc.page_texts(reading)]


def test_the_cover_colour_runs_into_the_masters_bleed(artifacts):
    """The cover's accent panel reaches the edge of the bleed on the master's first page; the
    bleed of a text page stays paper."""
    data = artifacts("symposium", "booklet")["booklet-print.pdf"]
    w, h = A5[0] + 2 * BLEED, A5[1] + 2 * BLEED
    for page, inked in ((0, True), (3, False)):
        img = pc.render(data, page, dpi=72).convert("L")
        sx = img.width / w

        def ink(x, y):
            return 1 - img.getpixel((min(int(x * sx), img.width - 1), min(int((h - y) * sx), img.height - 1))) / 255
        corners = [ink(0.5 * MM, h - 0.5 * MM), ink(w - 0.5 * MM, h - 0.5 * MM), ink(w - 0.5 * MM, h - 30 * MM)]
        assert all((c > 0.3) == inked for c in corners), (page, corners)


@functools.cache
def _perfect_final() -> tuple[dict[str, bytes], list[str]]:
    """The symposium with a real address and ``binding: perfect``: its booklet's files and notes."""
    from eventprint.build import render_noting
    from eventprint.options import BuildOptions
    event = dataclasses.replace(event_named("symposium"), base_url="https://events.mpg.de/symposium-2024/",
                                binding="perfect")
    arts, notes = render_noting(event, "booklet", BuildOptions())
    return {a.path: a.data for a in arts}, notes


def test_perfect_binding_prints_single_pages_and_says_why():
    files, notes = _perfect_final()
    assert set(files) == {"booklet.pdf", "booklet-print.pdf"}  # no 2-up saddle order for a glued spine
    assert any("perfect binding" in n and "booklet-print.pdf" in n and "binding: in event.yaml" in n for n in notes)
    r = pypdf.PdfReader(io.BytesIO(files["booklet-print.pdf"]))
    assert r.metadata["/GTS_PDFXVersion"] == "PDF/X-4"  # a final master claims PDF/X-4 ...
    assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4" in r.trailer["/Root"]["/Metadata"].get_data()
    assert not any(pc.draft_marks(files["booklet-print.pdf"]))  # ... and carries no draft mark
    reading = pypdf.PdfReader(io.BytesIO(files["booklet.pdf"]))
    assert "/GTS_PDFXVersion" not in reading.metadata  # the reading copy has links: no claim


def test_the_binding_follows_the_page_count(artifacts, huge):
    """Saddle stitch up to saddle_stitch_max pages (64 unless set), perfect binding above; the build
    says which and why."""
    from eventprint.layouts.booklet import master
    assert master.binding(huge, 164) == ("perfect", master.binding(huge, 164)[1])
    assert "over 64 pages" in master.binding(huge, 164)[1]
    assert master.binding(huge, 64)[0] == "saddle-stitch"
    assert master.binding(dataclasses.replace(huge, saddle_stitch_max=48), 52)[0] == "perfect"
    assert master.binding(dataclasses.replace(huge, binding="saddle-stitch"), 164)[0] == "saddle-stitch"
    files = artifacts("symposium", "booklet")
    assert {"booklet-imposed.pdf", "booklet-press.pdf", "booklet-print.pdf"} <= set(files)
    from conftest import _rendered_with_notes
    _, notes = _rendered_with_notes("symposium", "booklet", {})
    assert any(n.startswith("booklet: 32 pages, saddle stitch (up to 64 pages") for n in notes), notes


@pytest.mark.parametrize("where", ["event.yaml", "overrides.yaml"])
def test_binding_is_read_from_event_yaml_and_overrides(tmp_path, where):
    from eventprint.build import load
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    if where == "event.yaml":
        with open(content / "event.yaml", "a", encoding="utf-8") as f:
            f.write("binding: Perfect binding\nsaddle_stitch_max: 48\n")
    else:  # an imported event: the organiser's choice in overrides.yaml, on top of the import
        content = tmp_path / "imported"
        shutil.copytree(IMPORTED, content)
        text = (content / "overrides.yaml").read_text(encoding="utf-8")
        assert "\nevent:\n" in text
        (content / "overrides.yaml").write_text(text.replace("\nevent:\n", "\nevent:\n  binding: saddle stitch\n", 1),
                                                encoding="utf-8")
    event = load(content)
    assert event.binding == ("perfect" if where == "event.yaml" else "saddle-stitch")
    assert event.saddle_stitch_max == (48 if where == "event.yaml" else 64)


def test_a_binding_it_does_not_know_is_named_with_its_line(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    lines = (content / "event.yaml").read_text(encoding="utf-8").splitlines()
    (content / "event.yaml").write_text("\n".join(lines + ["binding: spiral", "saddle_stitch_max: 30"]) + "\n",
                                        encoding="utf-8")
    res = run_cli("check", "--content", str(content))
    assert res.returncode == 2
    assert f"event.yaml:{len(lines) + 1}: binding 'spiral' is not a binding" in res.stderr
    assert "saddle-stitch, perfect" in res.stderr
    assert f"event.yaml:{len(lines) + 2}: saddle_stitch_max '30'" in res.stderr
