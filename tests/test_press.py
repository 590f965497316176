"""Print-shop grade (issue #13): drafts never reach a press unnoticed.

Reads the shared renders (conftest ``artifacts``); the only new render is one badge of an
event given a real address.
"""
from __future__ import annotations

import dataclasses
import io

import pypdf
import pytest
from conftest import CONTENT, event_named, run_cli

from eventprint.draft import placeholder_host
from eventprint.layouts import badges
from eventprint.options import BuildOptions

PRINTED = (("booklet", {}), ("signs", {}), ("poster", {}), ("badges", {}))


def _pdfs(files: dict[str, bytes]):
    return {path: data for path, data in files.items() if path.endswith(".pdf")}


def _draft_marks(page) -> list:
    marks = []
    for ref in page.get("/Annots") or ():
        annot = ref.get_object()
        if annot.get("/Subtype") == "/Watermark":
            marks.append(annot)
    return marks


@pytest.mark.parametrize("url, host", [
    ("https://symposium.example.org/2024/", "symposium.example.org"),
    ("https://example.com/", "example.com"),
    ("http://example.net/x/", "example.net"),
    ("https://camp.example/", "camp.example"),
    ("https://site.test/", "site.test"),
    ("https://a.invalid/", "a.invalid"),
    ("http://localhost:8000/", "localhost"),
    ("https://events.mpg.de/2024/", None),
    ("https://myexample.org/", None),  # a real domain that merely contains the word
    ("https://example.org.de/", None),
])
def test_placeholder_hosts(url, host):
    assert placeholder_host(url) == host


@pytest.mark.parametrize("output, options", PRINTED)
def test_a_placeholder_base_url_marks_every_page_and_the_metadata(artifacts, output, options):
    """The shipped content's base_url is symposium.example.org: every printed page is a DRAFT."""
    for path, data in _pdfs(artifacts("symposium", output, **options)).items():
        r = pypdf.PdfReader(io.BytesIO(data))
        assert r.metadata.title.startswith("DRAFT"), path
        assert "DRAFT" in r.metadata.get("/Keywords", ""), path
        for n, page in enumerate(r.pages):
            marks = _draft_marks(page)
            assert len(marks) == 1, (path, n)
            mark = marks[0]
            assert "DRAFT" in mark["/Contents"] and int(mark["/F"]) & 4, (path, n)  # says so, and prints
            box = [float(v) for v in mark["/Rect"]]
            assert box == pytest.approx([0, 0, float(page.mediabox.width), float(page.mediabox.height)], abs=0.01)
            assert mark["/AP"]["/N"].get_data().count(b" S") == 9, (path, n)  # the word's nine strokes


def test_a_real_base_url_prints_no_draft_mark():
    event = dataclasses.replace(event_named("symposium"), base_url="https://events.mpg.de/symposium-2024/")
    person = event.people_with_roles[0].id
    (art,) = [a for a in badges.render(event, BuildOptions(person=person)) if a.path.endswith(".pdf")]
    r = pypdf.PdfReader(io.BytesIO(art.data))
    assert "DRAFT" not in r.metadata.title and "DRAFT" not in r.metadata.get("/Keywords", "")
    for page in r.pages:
        assert not _draft_marks(page)
        assert "DRAFT" not in page.extract_text()


def test_final_refuses_a_draft_and_says_which_line_to_change(tmp_path):
    out = tmp_path / "out"
    res = run_cli("booklet", "--final", "--content", str(CONTENT), "--out", str(out))
    assert res.returncode == 2
    line = next(i for i, t in enumerate((CONTENT / "event.yaml").read_text().splitlines(), 1)
                if t.startswith("base_url:"))
    assert f"event.yaml:{line}: base_url https://symposium.example.org/2024/ is a placeholder" in res.stderr
    assert "nothing was written" in res.stderr
    assert not out.exists()


def test_check_lists_the_draft():
    res = run_cli("check", "--content", str(CONTENT))
    assert res.returncode == 0
    assert "event.yaml:" in res.stdout and "is a placeholder" in res.stdout and "--final" in res.stdout
