"""Every PDF output of an event whose names and titles mix scripts draws every character
with a real glyph (issue: every character prints).

The fixture (tests/fixtures/scripts) mixes Latin, Greek, Cyrillic, Chinese, Japanese,
Korean, Arabic, Hebrew, arrows, maths symbols and emoji in names, titles, rooms and
abstracts. Each PDF is read back: for every drawn character, the embedded font it is
drawn with must map it to a glyph with an outline (no .notdef, no empty box).
"""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from fontTools.ttLib import TTFont

from eventprint.build import build

SCRIPTS = Path(__file__).resolve().parent / "fixtures" / "scripts"
PDFS = ("booklet.pdf", "booklet-imposed.pdf", "poster.pdf", "badges.pdf", "signs/all-signs.pdf")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("scripts") / "out"
    build(SCRIPTS, out, ("booklet", "signs", "poster", "badges"))
    return out


def _fonts(page) -> dict[str, list[tuple[dict[str, int], TTFont]]]:
    """Embedded fonts of a page by base name: (text -> code, font program)."""
    by_base: dict[str, list] = {}
    resources = page["/Resources"]
    fonts = dict(resources.get("/Font") or {})
    for xobj in (resources.get("/XObject") or {}).values():  # imposed pages are form XObjects
        fonts.update(dict((xobj.get_object().get("/Resources") or {}).get("/Font") or {}))
    for ref in fonts.values():
        font = ref.get_object()
        if "/DescendantFonts" in font:
            font_desc = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        else:
            font_desc = font["/FontDescriptor"].get_object()
        program = TTFont(io.BytesIO(font_desc["/FontFile2"].get_object().get_data()))
        cmap = font["/ToUnicode"].get_object().get_data().decode()
        to_code: dict[str, int] = {}
        for code, uni in re.findall(r"<([0-9A-F]+)> <([0-9A-F]+)>", cmap.split("beginbfchar", 1)[1]):
            text = bytes.fromhex(uni).decode("utf-16-be")
            if text != "\x00":
                to_code.setdefault(text, int(code, 16))
        by_base.setdefault(str(font["/BaseFont"]).lstrip("/"), []).append((to_code, program))
    return by_base


def bad_glyphs(pdf: Path) -> list[tuple[int, str, str]]:
    """(page, character, font) of every drawn character without a real glyph in its font."""
    reader = pypdf.PdfReader(str(pdf))
    bad = []
    with pdfplumber.open(str(pdf)) as doc:
        for n, (page, plumbed) in enumerate(zip(reader.pages, doc.pages)):
            fonts = _fonts(page)
            for ch in plumbed.chars:
                if ch["text"].isspace():
                    continue
                ok = False
                for to_code, program in fonts.get(ch["fontname"], []):
                    if ch["text"] in to_code:
                        glyph = program["cmap"].tables[0].cmap.get(to_code[ch["text"]])
                        ok = bool(glyph) and glyph != ".notdef" and program["glyf"][glyph].numberOfContours != 0
                        break
                if not ok:
                    bad.append((n, ch["text"], ch["fontname"]))
    return bad


@pytest.mark.parametrize("name", PDFS)
def test_every_character_is_drawn_with_a_real_glyph(out, name):
    assert bad_glyphs(out / name) == []


@pytest.mark.parametrize("name", ("booklet.pdf", "badges.pdf", "signs/all-signs.pdf"))
def test_names_and_titles_of_every_script_appear(out, name):
    with pdfplumber.open(str(out / name)) as doc:
        raw = "".join(c["text"] for p in doc.pages for c in p.chars)
    drawn = unicodedata.normalize("NFKC", raw)
    for needle in ("小明", "太郎", "민준", "Ζωή", "Анна", "⧓", "∀", "→", "💌" if name != "signs/all-signs.pdf" else "⌚"):
        assert all(unicodedata.normalize("NFKC", ch) in drawn for ch in needle), needle
    # right-to-left names are drawn in visual order: reversed (Hebrew), joined forms (Arabic)
    assert "יול" in raw  # לוי, right to left
    assert "دادحلا" in drawn  # الحداد, right to left (joined forms normalise to its letters)
    assert "الحداد" not in drawn


def test_a_long_chinese_title_wraps_on_the_badge_and_in_the_booklet(out):
    title = "深度学习与机器人技术的未来发展"
    for name in ("booklet.pdf", "badges.pdf"):
        with pdfplumber.open(str(out / name)) as doc:
            for page in doc.pages:
                chars = [c for c in page.chars if c["text"] in title]
                if len(chars) >= len(title):
                    tops = {round(c["top"]) for c in page.chars if c["text"] in "深度学习与机器人技术的未来发展从理论到实践一个很长的中文标题需要换行"}
                    assert len(tops) >= 2, f"{name}: the Chinese title is on one line"
                    assert all(c["x1"] <= page.width for c in page.chars)
                    break
            else:
                pytest.fail(f"{name}: the Chinese title is not there")


def test_site_marks_right_to_left_names_and_titles(tmp_path):
    build(SCRIPTS, tmp_path, ("site",))
    person = (tmp_path / "site" / "people" / "haddad.html").read_text(encoding="utf-8")
    assert '<h1 dir="rtl" lang="ar">محمد الحداد</h1>' in person
    talk = (tmp_path / "site" / "talks" / "hebrew-maths.html").read_text(encoding="utf-8")
    assert '<h1 dir="rtl" lang="he">' in talk
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'dir="rtl" lang="ar">التعلم العميق' in index
    assert '<h1 dir=' not in (tmp_path / "site" / "people" / "wang.html").read_text(encoding="utf-8")


def test_reprint_draws_every_character_too(tmp_path):
    import shutil
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(SCRIPTS, content)
    build(content, out, ("badges", "signs"))
    prog = content / "programme.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace(
        "한국어 제목: 로봇과 사람 → 협력 💌", "로봇과 사람의 협력 → 확정된 제목 🎉"), encoding="utf-8")
    report = build(content, out, ("badges", "signs"))
    assert any(m.startswith("Changed since the last build: badge for 김민준") for m in report.messages)
    assert bad_glyphs(out / "reprint.pdf") == []
    with pdfplumber.open(str(out / "reprint.pdf")) as doc:
        drawn = "".join(c["text"] for p in doc.pages for c in p.chars)
    assert all(ch in drawn for ch in "확정된제목🎉→")


def test_a_long_right_to_left_title_keeps_its_lines_in_reading_order(out):
    """The first words of an Arabic title are on its first line, its last words on a later one."""
    with pdfplumber.open(str(out / "booklet.pdf")) as doc:
        for page in doc.pages:
            lines = {}
            for c in page.chars:
                lines.setdefault(round(c["top"]), []).append(c)
            text = {top: unicodedata.normalize("NFKC", "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])))
                    for top, cs in lines.items()}
            first = [top for top, t in text.items() if "ملعتلا" in t]  # التعلم, drawn right to left
            last = [top for top, t in text.items() if "ةثيدحلا" in t]  # الحديثة
            if first and last:
                assert first[0] < last[0], text
                return
    pytest.fail("the long Arabic title is not in the booklet")
