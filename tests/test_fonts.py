"""The fallback font chain: every character of every script prints with a real glyph.

Each test draws through eventprint.layouts.kit.textruns onto a real canvas and reads the PDF
back: which embedded font each character is drawn from, and whether that font's glyph
for it has an outline (an empty box or .notdef fails).
"""
from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from conftest import CONTENT
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from eventprint import cli, fontcuts, fonts
from eventprint.layouts.kit import textruns as tr

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "fonts"

MIXED = [
    ("regular", "Latin Ελληνικά Кириллица → ⌚ 💌 ⧓ ∑∀≤≠∞ ★✓"),
    ("regular", "中文标题 漢字繁體"),
    ("regular", "日本語のタイトル"),
    ("regular", "한국어 제목: 深層學習"),
    ("regular", "محمد عبد الله and שלום עולם (2024)"),
    ("bold", "Bold: 机器人 محمد שלום 💌 → Ωmega"),
    ("italic", "Italic: 机器 مرحبا ⌚ text"),
    ("bold-italic", "BoldItalic: 한국어 ⧓ ∑ 🎉"),
]
# which face each kind of character must come from (by the embedded font's name)
EXPECTED_FACE = {"→": "NotoSansSymbols-", "⌚": "NotoSansSymbols2", "💌": "NotoEmoji", "⧓": "NotoSansMath",
                 "中": "NotoSansSC", "日": "NotoSansJP", "한": "NotoSansKR", "深": "NotoSansKR", "ש": "NotoSansHebrew",
                 "Ω": "NotoSans-Bold", "К": None}


def canvas_pdf(draw) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(600, 420), invariant=1)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def mixed_pdf() -> bytes:
    fontcuts.want(text for _, text in MIXED)  # as a build does: one cut of each face for all text

    def draw(c):
        y = 390
        for style, text in MIXED:
            tr.draw(c, 20, y, text, style, 16)
            y -= 24
        tr.draw(c, 580, y, "محمد علي — right", "regular", 16, align="right")
        tr.draw(c, 300, y - 28, "居中 centre 💌", "bold", 16, align="centre")
    return canvas_pdf(draw)


def drawn_glyphs(pdf: bytes) -> list[dict]:
    """Every drawn character with its font and the outline of the glyph it is drawn with."""
    return [dict(g) for g in _drawn_glyphs(pdf)]


@functools.lru_cache(maxsize=8)
def _drawn_glyphs(pdf: bytes) -> tuple[dict, ...]:
    """drawn_glyphs, read once per PDF (several tests read the same mixed-script page)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    by_base: dict[str, list[tuple[dict[str, int], TTFont]]] = {}
    for ref in reader.pages[0]["/Resources"]["/Font"].values():
        font = ref.get_object()
        if "/FontDescriptor" not in font:
            continue
        program = TTFont(io.BytesIO(font["/FontDescriptor"].get_object()["/FontFile2"].get_object().get_data()))
        cmap = font["/ToUnicode"].get_object().get_data().decode()
        to_code = {}
        for code, uni in re.findall(r"<([0-9A-F]+)> <([0-9A-F]+)>", cmap.split("beginbfchar", 1)[1]):
            text = bytes.fromhex(uni).decode("utf-16-be")  # emoji as surrogate pairs (fonts.py)
            if text != "\x00":
                to_code.setdefault(text, int(code, 16))
        by_base.setdefault(str(font["/BaseFont"]).lstrip("/"), []).append((to_code, program))
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for ch in doc.pages[0].chars:
            found = None
            for to_code, program in by_base.get(ch["fontname"], []):
                if ch["text"] in to_code:
                    glyph = program["cmap"].tables[0].cmap.get(to_code[ch["text"]])
                    contours = program["glyf"][glyph].numberOfContours if glyph else 0
                    found = (glyph, contours)
                    break
            out.append({**ch, "glyph": found})
    return tuple(out)


@pytest.fixture(scope="module")
def mixed():
    return mixed_pdf()


def test_every_script_draws_a_real_glyph_from_an_embedded_face(mixed):
    glyphs = drawn_glyphs(mixed)
    assert glyphs
    for g in glyphs:
        if g["text"].isspace():
            continue
        assert g["text"] != "\x00", "a character was drawn from a font that lacks it"
        assert g["glyph"] is not None, (g["text"], g["fontname"])
        name, contours = g["glyph"]
        assert name != ".notdef" and contours != 0, (g["text"], g["fontname"], name)
    drawn = unicodedata.normalize("NFKC", "".join(g["text"] for g in glyphs))
    for _, text in MIXED:
        for ch in text:
            if not ch.isspace():
                assert unicodedata.normalize("NFKC", ch) in drawn, ch


def test_each_character_comes_from_the_face_that_covers_it(mixed):
    faces = {g["text"]: g["fontname"] for g in drawn_glyphs(mixed)}
    for ch, face in EXPECTED_FACE.items():
        if face:
            assert face in faces[ch], (ch, faces[ch])
    assert "NotoSans-Regular" in faces["К"]  # Cyrillic stays in Noto Sans
    for ch in "中日한":  # variable CJK faces default to Thin: regular text is instanced at 400
        assert re.search(r"-(Regular|Bold)(-\d+)?$", faces[ch]), faces[ch]
    assert all(pc.startswith("AAAA") for pc in faces.values()), "every face is subset-embedded"


def test_bold_falls_back_to_bold_faces_and_italic_to_upright(mixed):
    rows: dict[float, list[dict]] = {}
    for g in drawn_glyphs(mixed):
        rows.setdefault(round(g["matrix"][5]), []).append(g)
    bold_row = next(r for r in rows.values() if "".join(g["text"] for g in r).startswith("Bold:"))
    italic_row = next(r for r in rows.values() if "".join(g["text"] for g in r).startswith("Italic:"))
    bold = {g["text"]: g["fontname"] for g in bold_row}
    assert "NotoSansSC-Bold" in bold["机"] and "NotoSansHebrew-Bold" in bold["ש"]
    assert "NotoEmoji-Bold" in bold["💌"]
    assert "NotoSansSymbols-Regular" in bold["→"] or "NotoSansSymbols-Bold" in bold["→"]
    italic = {g["text"]: g["fontname"] for g in italic_row}
    assert "NotoSansSC-Regular" in italic["机"]  # no italic CJK: upright, not a box
    assert "NotoSans-Italic" in italic["I"]


def test_rtl_text_is_in_visual_order_and_copies_as_its_letters(mixed):
    glyphs = drawn_glyphs(mixed)
    baseline = next(g["matrix"][5] for g in glyphs if "Arabic" in g["fontname"])
    row = sorted((g for g in glyphs if g["matrix"][5] == baseline), key=lambda g: g["x0"])
    # HarfBuzz's joined forms (tests/test_shaping.py) copy as the letters they stand for, and
    # read right to left: the first word of a right-to-left phrase is drawn rightmost
    arabic = [g["text"] for g in row if "Arabic" in g["fontname"]]
    assert "".join(reversed(arabic)) == "محمدعبدالله", arabic
    x = {g["text"]: g["x0"] for g in row}
    assert x["ש"] > x["ם"], "in שלום the shin is the rightmost letter"
    assert x["ש"] > x["ע"], "שלום (first) must be right of עולם"
    assert tr.direction(MIXED[4][1]) == "rtl" and tr.direction("Name: שלום") == "ltr"
    plain = "".join(g["text"] for g in row if "NotoSans-" in g["fontname"]).replace(" ", "")
    # the LTR word kept whole; the brackets of the right-to-left run copy as written, ")" leftmost
    # (drawn with the glyph of "(", mirrored: tests/test_shaping.py)
    assert plain == ")2024(and", plain


RTL_LINE = "اسم المتحدث: محمد عبد الله — שם: דוד לוי (2024)"


def rtl_line_png() -> Image.Image:
    from eventprint.layouts.kit import textruns

    pdf = canvas_pdf(lambda c: textruns.draw(c, 10, 14, RTL_LINE, "regular", 16))
    import pypdfium2 as pdfium
    doc = pdfium.PdfDocument(pdf)
    image = doc[0].render(scale=1.5, crop=(0, 0, 180, 384)).to_pil().convert("L")
    doc.close()
    return image


def test_arabic_and_hebrew_line_matches_the_reference_checked_by_eye():
    """tests/fixtures/fonts/rtl-line.png was looked at: Arabic joined, both phrases right to left,
    the same shapes as hb-view draws with Noto Sans Arabic (which joins الله without a ligature)."""
    now = rtl_line_png()
    ref = Image.open(FIXTURES / "rtl-line.png").convert("L")
    assert now.size == ref.size
    diff = ImageChops.difference(now, ref)
    hist = diff.histogram()
    strong = sum(hist[64:]) / (now.size[0] * now.size[1])
    assert strong < 0.002, f"{strong:.4f} of the pixels differ from the reference"


def test_latin_text_takes_the_fast_path_unchanged():
    text = "Tübingen — Ελληνικά, Кириллица & R&D <future>"
    assert tr.runs(text, "bold") == (tr.Run(text, "EP-Sans-Bold"),)
    assert tr.markup(text) == "Tübingen — Ελληνικά, Кириллица &amp; R&amp;D &lt;future&gt;"
    plain = canvas_pdf(lambda c: (c.setFont("EP-Sans", 12), c.drawString(10, 10, text),
                                  c.drawRightString(300, 30, text), c.drawCentredString(200, 50, text)))
    ours = canvas_pdf(lambda c: (c.setFont("EP-Sans", 12), tr.draw(c, 10, 10, text, "regular", 12),
                                 tr.draw(c, 300, 30, text, "regular", 12, "right"),
                                 tr.draw(c, 200, 50, text, "regular", 12, "centre")))
    assert ours == plain


def test_markup_puts_fallback_runs_in_their_faces_and_escapes_text():
    fonts.register()
    text = "R&D <未来> → 💌"
    m = tr.markup(text, "regular")
    assert "&amp;" in m and "&lt;" in m and re.search(r'<font face="EP-FB-SC(~\d+)?">未来</font>', m), m
    para = Paragraph(m, ParagraphStyle("p", fontName="EP-Sans", fontSize=14, leading=18))
    pdf = canvas_pdf(lambda c: (para.wrapOn(c, 500, 100), para.drawOn(c, 10, 300)))
    glyphs = [g for g in drawn_glyphs(pdf) if not g["text"].isspace()]
    assert "".join(g["text"] for g in glyphs) == "R&D<未来>→💌"
    assert all(g["glyph"] and g["glyph"][1] != 0 for g in glyphs)


def test_cjk_breaks_between_characters_but_not_before_closing_punctuation():
    text = "深度学习与机器人。（实践）"
    cuts = tr.breaks(text)
    assert 1 in cuts and text.index("。") not in cuts and text.index("）") not in cuts
    assert text.index("（") + 1 not in cuts  # never right after an opening bracket
    assert tr.breaks("two words") == [4]
    assert tr.breaks("한국어 제목") == [4]  # Korean breaks at spaces


def test_a_long_chinese_title_wraps_inside_the_width():
    title = "深度学习与机器人技术的未来发展：从理论到实践，一个很长的中文标题需要换行。Mixed English words too."
    lines = tr.wrap(title, "bold", 18, 160)
    assert len(lines) > 3
    for line in lines:
        assert tr.width(line, "bold", 18) <= 160 + 0.01, line
        assert line[0] not in "。，：）"
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")


def test_characters_no_font_has_and_control_characters_are_named():
    assert fonts.missing("ok → 中 \U00013000 \x07 \u200d\ufe0f") == ["\U00013000", "\x07"]
    with pytest.raises(ValueError, match="U\\+13000"):
        tr.runs("\U00013000")


def check(content: Path, capsys, monkeypatch) -> subprocess.CompletedProcess:
    """`eventprint check` run in-process, as if from the command line."""
    # cli._print_problems took sys.stderr as its default when it was imported, before capsys
    monkeypatch.setattr(cli._print_problems, "__defaults__", (sys.stderr,))
    capsys.readouterr()
    code = cli.main(["check", "--content", str(content)])
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["eventprint", "check"], code, out, err)


@pytest.mark.content_only
def test_check_reports_fallback_counts_and_build_names_uncovered_characters(tmp_path, capsys, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    programme = content / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    programme.write_text(text.replace("title: Welcome Remarks", "title: \"Welcome 欢迎 → 💌\"", 1), encoding="utf-8")
    run = check(content, capsys, monkeypatch)  # in this process: the fallback faces are not instanced again
    assert run.returncode == 0, run.stderr
    assert "4 characters fall back to other fonts: 2 to Noto Sans SC, 1 to Noto Emoji, 1 to Noto Sans Symbols" in run.stdout
    title_line = text[:text.index("title: Welcome Remarks")].count("\n") + 1
    programme.write_text(text.replace("title: Welcome Remarks", "title: \"Welcome \U00013000\"", 1), encoding="utf-8")
    run = check(content, capsys, monkeypatch)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    line = int(re.search(r"programme.yaml:(\d+): the title of '", run.stderr).group(1))
    assert title_line - 4 <= line <= title_line  # the item's line
    assert "U+13000 EGYPTIAN HIEROGLYPH A001" in run.stderr and "no font can print" in run.stderr


def test_a_cut_face_is_renewed_for_characters_it_lacks():
    first = tr.runs("鸟鱼", "bold")[0].font
    second = tr.runs("龙虎", "bold")[0].font  # not in the first cut: a new cut under a new name
    assert first != second
    pdf = canvas_pdf(lambda c: (tr.draw(c, 10, 10, "鸟鱼", "bold", 14), tr.draw(c, 10, 40, "龙虎 鸟", "bold", 14)))
    glyphs = [g for g in drawn_glyphs(pdf) if not g["text"].isspace()]
    assert "".join(g["text"] for g in glyphs) == "鸟鱼龙虎鸟"
    assert all(g["glyph"] and g["glyph"][1] != 0 for g in glyphs), [(g["text"], g["fontname"], g["glyph"]) for g in glyphs]
    assert len({g["fontname"] for g in glyphs}) == 2


def test_a_chinese_title_wraps_in_a_paragraph_with_cjk_word_wrap():
    title = "深度学习与机器人技术的未来发展：从理论到实践，一个很长的中文标题需要换行。"
    assert tr.has_cjk(title) and not tr.has_cjk("Latin, Ελληνικά, 한국어")
    fontcuts.want([title])
    para = Paragraph(tr.markup(title, "bold"), ParagraphStyle(
        "t", fontName="EP-Sans-Bold", fontSize=14, leading=18, wordWrap="CJK"))
    _, height = para.wrap(126, 500)  # without wordWrap='CJK' the final 。 would start a line
    pdf = canvas_pdf(lambda c: para.drawOn(c, 10, 400 - height))
    glyphs = [g for g in drawn_glyphs(pdf) if not g["text"].isspace()]
    lines: dict[int, list[dict]] = {}
    for g in glyphs:
        lines.setdefault(round(g["matrix"][5]), []).append(g)
    assert len(lines) >= 4  # wrapped over lines
    assert all(min(line, key=lambda g: g["x0"])["text"] not in "。，：" for line in lines.values())
    # inside the 126 pt column; a closing stop may hang past it (CJK hanging punctuation)
    assert max(g["x1"] for g in glyphs if g["text"] not in "。，") <= 136 + 0.01
    assert all(g["glyph"] and g["glyph"][1] != 0 for g in glyphs)
    assert "".join(g["text"] for g in glyphs) == title


def test_characters_wanted_up_front_need_no_second_cut():
    """A build notes every content string first (coverage check): each face is cut once."""
    texts = ["أحمد يوسف", "ملتقى البحث", "数据科学", "データ", "데이터 과학", "שרה כהן", "🧪 ∮ ⟶"]
    fontcuts.want(texts)
    names = {r.font for text in texts for style in ("regular", "bold") for r in tr.runs(text, style)}
    bases = [n.split("~")[0] for n in names]  # a face cut before for other text is cut once more
    assert len(bases) == len(set(bases)), sorted(names)


def test_text_is_written_exactly_as_drawstring_writes_it():
    """layouts/textout.py writes text without ReportLab's text objects: the content stream must
    be what drawString, drawRightString and drawCentredString write, in every alignment, for
    repeated strings (its memo), brackets and backslashes (escaping), and text that spans more
    than one 256-glyph subset of a font."""
    from eventprint.layouts.kit import textout, theme
    fonts.register()
    many = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 300))  # more glyphs than one subset holds
    lines = ["Hall A (left) \\ back", "10:30\u201311:15", "", many, "Hall A (left) \\ back", many[::-1]]
    streams = []
    for how in ("reportlab", "ours"):
        c = Canvas(io.BytesIO(), pageCompression=0)
        for i, line in enumerate(lines):
            font = tr.runs(line)[0].font if line else theme.FONT
            c.setFont(font, 9 + i % 3)
            for align, rl in (("left", c.drawString), ("right", c.drawRightString),
                              ("centre", c.drawCentredString)):
                if how == "reportlab":
                    rl(100.25, 50 + i, line)
                else:
                    textout.show(c, 100.25, 50 + i, line, align)
        streams.append(list(c._code))
    assert streams[0] == streams[1]
    assert any("Tf" in op and op.count(" Tf ") > 1 for op in streams[0])  # a line that changed subset


def test_cmap_reader_finds_what_reportlab_finds_in_the_shipped_faces():
    """Which fallback face draws a character is read from the cmap alone (eventprint.cmap); for
    the faces we ship it is exactly the set ReportLab's full parse of the font maps. Of the four
    CJK faces (the same kind of cmap, 0.1 s each to parse) the largest stands for all."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    from eventprint.cmap import code_points
    faces = [f.file() for f in fonts.CHAIN if not f.cjk or f.key == "SC"]
    faces += [fonts.font_dir() / n for n in fonts.typeface.FONT_FILES.values()]
    assert len(faces) >= 11
    differ = [p.name for p in faces if code_points(p) != frozenset(TTFontFile(str(p)).charToGlyph)]
    assert differ == []
