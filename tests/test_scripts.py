"""Every PDF output of an event whose names and titles mix scripts draws every character
with a real glyph (issue: every character prints).

The fixture (tests/fixtures/scripts) mixes Latin, Greek, Cyrillic, Chinese, Japanese,
Korean, Arabic, Hebrew, arrows, maths symbols and emoji in names, titles, rooms and
abstracts, and the scripts HarfBuzz shapes (tests/test_shaping.py). Each PDF is read back:
every glyph drawn must have an outline (no .notdef, no empty box).
"""
from __future__ import annotations

import unicodedata

import pytest
import pdfcheck as pc
from conftest import EVENT_DIRS

from eventprint.build import build


PDFS = ("booklet.pdf", "booklet-imposed.pdf", "poster.pdf", "badges.pdf", "signs/all-signs.pdf")


@pytest.fixture(scope="module")
def out(artifacts) -> dict[str, bytes]:
    """{name: bytes} of the scripts event's PDFs, rendered once per run (tests/conftest.py)."""
    files = {}
    for output in ("booklet", "signs", "poster", "badges"):
        files.update(artifacts("scripts", output))
    return files


def plumbed_chars(pdf: bytes) -> list[tuple[float, list[dict]]]:
    """(page width, chars) of every page (pdfcheck: PDFium, the text each char's font maps it to)."""
    return list(zip((w for w, _ in pc.page_sizes(pdf)), pc.page_chars(pdf)))


def bad_glyphs(pdf: bytes) -> list[tuple[int, str, str]]:
    """(page, text, font) of every glyph drawn without an outline (an empty box, .notdef), read
    from the content streams code by code (a shaped glyph stands for its cluster's text); a
    glyph that stands for white space, a joiner or nothing may be empty."""
    from test_shaping import drawn_codes
    bad = []
    for n, base, program, name, text in drawn_codes(pdf):
        blank = not text.strip() or all(unicodedata.category(ch) in ("Cf", "Zs") for ch in text)
        if name is None or name == ".notdef" or (program["glyf"][name].numberOfContours == 0 and not blank):
            bad.append((n, text, base))
    return bad


@pytest.mark.parametrize("name", PDFS)
def test_every_character_is_drawn_with_a_real_glyph(out, name):
    assert bad_glyphs(out[name]) == []


@pytest.mark.parametrize("name", ("booklet.pdf", "badges.pdf", "signs/all-signs.pdf"))
def test_names_and_titles_of_every_script_appear(out, name):
    raw = "".join(c["text"] for _, chars in plumbed_chars(out[name]) for c in chars)
    drawn = unicodedata.normalize("NFKC", raw)
    for needle in ("小明", "太郎", "민준", "Ζωή", "Анна", "⧓", "∀", "→", "💌" if name != "signs/all-signs.pdf" else "⌚"):
        assert all(unicodedata.normalize("NFKC", ch) in drawn for ch in needle), needle
    # right-to-left names are drawn in visual order: their glyphs read back to front
    assert "יול" in raw  # לוי, right to left
    assert "دادحلا" in drawn  # الحداد, right to left (HarfBuzz's joined forms copy as its letters)
    assert "الحداد" not in drawn


def test_a_long_chinese_title_wraps_on_the_badge_and_in_the_booklet(out):
    title = "深度学习与机器人技术的未来发展"
    for name in ("booklet.pdf", "badges.pdf"):
        for width, chars in plumbed_chars(out[name]):
            if len([c for c in chars if c["text"] in title]) >= len(title):
                tops = {round(c["top"]) for c in chars if c["text"] in "深度学习与机器人技术的未来发展从理论到实践一个很长的中文标题需要换行"}
                assert len(tops) >= 2, f"{name}: the Chinese title is on one line"
                assert all(c["x1"] <= width for c in chars)
                break
        else:
            pytest.fail(f"{name}: the Chinese title is not there")


def test_site_marks_right_to_left_names_and_titles(artifacts):
    site = {path: data.decode("utf-8") for path, data in artifacts("scripts", "site").items() if path.endswith(".html")}
    assert '<h1 dir="rtl" lang="ar">محمد الحداد</h1>' in site["site/people/haddad.html"]
    assert '<h1 dir="rtl" lang="he">' in site["site/talks/hebrew-maths.html"]
    assert 'dir="rtl" lang="ar">التعلم العميق' in site["site/index.html"]
    assert '<h1 dir=' not in site["site/people/wang.html"]


def test_reprint_draws_every_character_too(tmp_path):
    import shutil
    content, out_dir = tmp_path / "content", tmp_path / "out"
    shutil.copytree(EVENT_DIRS["scripts"], content)
    build(content, out_dir, ("badges", "signs"))
    prog = content / "programme.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace(
        "한국어 제목: 로봇과 사람 → 협력 💌", "로봇과 사람의 협력 → 확정된 제목 🎉"), encoding="utf-8")
    report = build(content, out_dir, ("badges", "signs"))
    assert any(m.startswith("Changed since the last build: badge for 김민준") for m in report.messages)
    pdf = (out_dir / "reprint.pdf").read_bytes()
    assert bad_glyphs(pdf) == []
    drawn = "".join(c["text"] for _, chars in plumbed_chars(pdf) for c in chars)
    assert all(ch in drawn for ch in "확정된제목🎉→")


def test_a_long_right_to_left_title_keeps_its_lines_in_reading_order(out):
    """The first words of an Arabic title are on its first line, its last words on a later one."""
    for _, chars in plumbed_chars(out["booklet.pdf"]):
        lines: dict[int, list[dict]] = {}
        for c in chars:
            lines.setdefault(round(c["top"]), []).append(c)
        text = {top: unicodedata.normalize("NFKC", "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])))
                for top, cs in lines.items()}
        first = [top for top, t in text.items() if "ملعتلا" in t]  # التعلم, drawn right to left
        last = [top for top, t in text.items() if "ةثيدحلا" in t]  # الحديثة
        if first and last:
            assert first[0] < last[0], text
            return
    pytest.fail("the long Arabic title is not in the booklet")
