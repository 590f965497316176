"""Every PDF output of an event whose names and titles mix scripts draws every character
with a real glyph (issue: every character prints).

The fixture (tests/fixtures/scripts) mixes Latin, Greek, Cyrillic, Chinese, Japanese,
Korean, Arabic, Hebrew, arrows, maths symbols and emoji in names, titles, rooms and
abstracts. Each PDF is read back: for every drawn character, the embedded font it is
drawn with must map it to a glyph with an outline (no .notdef, no empty box).
"""
from __future__ import annotations

import ctypes
import io
import re
import unicodedata

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import pdfcheck as pc
from conftest import EVENT_DIRS
from fontTools.ttLib import TTFont

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


def _fonts(reader: pypdf.PdfReader) -> dict[str, list[tuple[dict[str, int], TTFont]]]:
    """Every embedded font of ``reader`` (pages and the forms imposed pages are made of) by base
    name: (text -> code from its ToUnicode map, font program), each font read once."""
    seen: dict[object, object] = {}
    for page in reader.pages:
        resources = page["/Resources"]
        fonts = dict(resources.get("/Font") or {})
        for xobj in (resources.get("/XObject") or {}).values():
            fonts.update(dict((xobj.get_object().get("/Resources") or {}).get("/Font") or {}))
        for ref in fonts.values():
            font = ref.get_object()
            seen.setdefault(id(font) if font.indirect_reference is None else font.indirect_reference.idnum, font)
    by_base: dict[str, list] = {}
    for font in seen.values():
        desc = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
        program = TTFont(io.BytesIO(desc.get_object()["/FontFile2"].get_object().get_data()))
        to_code: dict[str, int] = {}
        cmap = font["/ToUnicode"].get_object().get_data().decode()
        for code, uni in re.findall(r"<([0-9A-F]+)> <([0-9A-F]+)>", cmap.split("beginbfchar", 1)[1]):
            text = bytes.fromhex(uni).decode("utf-16-be")
            if text != "\x00":
                to_code.setdefault(text, int(code, 16))
        # PDFium names a font without its subset tag (ABCDEF+): subsets of one face share a name
        by_base.setdefault(str(font["/BaseFont"]).lstrip("/").split("+")[-1], []).append((to_code, program))
    return by_base


def _drawn(pdf: bytes):
    """(page, base font name, text) of every text object PDFium finds, forms included: each
    string exactly as drawn (right-to-left runs in visual order), mapped by its font's ToUnicode;
    and (page, "", characters) for what no ToUnicode maps."""
    doc = pdfium.PdfDocument(pdf)
    try:
        for n in range(len(doc)):
            page = doc[n]
            tp = page.get_textpage()
            # a code its font's ToUnicode does not map (a character drawn with a font that lacks it)
            # is left out of a text object's text; the page's text has U+0000 or U+FFFD for it
            unmapped = [chr(code) for code in pc._codes(tp.raw, tp.count_chars()) if code in (0, 0xFFFD)]
            if unmapped:
                yield n, "", "".join(unmapped)
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=4):
                font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
                name = ctypes.create_string_buffer(256)
                pdfium_c.FPDFFont_GetBaseFontName(font, name, 256)
                size = pdfium_c.FPDFTextObj_GetText(obj.raw, tp.raw, None, 0)
                buf = ctypes.create_string_buffer(size)
                pdfium_c.FPDFTextObj_GetText(obj.raw, tp.raw, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), size)
                yield n, name.value.decode("latin-1"), buf.raw[:max(size - 2, 0)].decode("utf-16-le", "surrogatepass")
            tp.close()
            page.close()
    finally:
        doc.close()


def _real_glyph(program: TTFont, code: int) -> bool:
    glyph = program["cmap"].tables[0].cmap.get(code)
    return bool(glyph) and glyph != ".notdef" and program["glyf"][glyph].numberOfContours != 0


def bad_glyphs(pdf: bytes) -> list[tuple[int, str, str]]:
    """(page, character, font) of every drawn character without a real glyph in its font."""
    fonts = _fonts(pypdf.PdfReader(io.BytesIO(pdf)))
    bad = []
    for n, base, text in _drawn(pdf):
        for ch in text:
            if ch.isspace():
                continue
            ok = False
            for to_code, program in fonts.get(base, []):
                # PDFium gives Arabic presentation forms (what reshaping draws) as their letters:
                # then every form of the letter the font maps, each of which was drawn
                codes = [to_code[ch]] if ch in to_code else [code for text, code in to_code.items()
                                                             if unicodedata.normalize("NFKC", text) == ch]
                if codes:
                    ok = all(_real_glyph(program, code) for code in codes)
                    break
            if not ok:
                bad.append((n, ch, base))
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
    # right-to-left names are drawn in visual order: reversed (Hebrew), joined forms (Arabic)
    assert "יול" in raw  # לוי, right to left
    assert "دادحلا" in drawn  # الحداد, right to left (joined forms normalise to its letters)
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
