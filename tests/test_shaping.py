"""Complex scripts are shaped as HarfBuzz shapes them, copy back as their words, and a zh-TW talk
is set in Traditional Chinese (issue 27).

The scripts fixture has names and titles in Hindi, Bengali, Tamil, Thai, vowelled Arabic, pointed
Hebrew and Traditional Chinese. Each PDF's content streams are read back glyph by glyph (the
embedded subset's outline and advance identify a glyph of the original face), and every word must
be drawn with exactly the glyphs uharfbuzz itself gives for that word with the bundled font file.
"""
from __future__ import annotations

import io
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

import pdfcheck as pc
import pdfplumber
import pypdfium2 as pdfium
import pypdf
import pytest
import uharfbuzz as hb
import yaml
from conftest import SCRIPTS
from fontTools.ttLib import TTFont
from pypdf.generic import ContentStream
from reportlab.pdfgen.canvas import Canvas

from eventprint import fonts
from eventprint.layouts.kit import shaping, textruns

PDFS = ("booklet.pdf", "badges.pdf", "signs/all-signs.pdf")
FACES = {"Deva": "Devanagari", "Beng": "Bengali", "Taml": "Tamil", "Thai": "Thai", "Arab": "Arabic", "Hebr": "Hebrew"}


@pytest.fixture(scope="module")
def out(artifacts) -> dict[str, bytes]:
    files = {}
    for output in ("booklet", "signs", "badges"):
        files.update(artifacts("scripts", output))
    return files


def _fixture_texts() -> list[str]:
    people = yaml.safe_load((SCRIPTS / "people.yaml").read_text(encoding="utf-8"))["people"]
    days = yaml.safe_load((SCRIPTS / "programme.yaml").read_text(encoding="utf-8"))["days"]
    talks = [it for d in days for it in d["items"] if it.get("speakers")]
    return [p["name"] for p in people] + [it["title"] for it in talks]


def shaped_words() -> list[tuple[str, str]]:
    """(face key, word) of every word of a name or title whose script HarfBuzz shapes."""
    fonts.register()
    out = []
    for text in _fixture_texts():
        for word in re.split(r"[\s,:()]+", text):
            keys = {fonts.fallback_for(ch).key for ch in word if fonts.fallback_for(ch) is not None
                    and unicodedata.category(ch)[0] == "L"}
            if len(keys) == 1 and next(iter(keys)) in FACES:
                out.append((next(iter(keys)), word))
    return out


def _key(program: TTFont, name: str) -> tuple:
    """A glyph by what it draws: its outline (components resolved) and its advance."""
    glyf = program["glyf"]
    coords, ends, _flags = glyf[name].getCoordinates(glyf)
    return tuple(map(tuple, coords)), tuple(ends), program["hmtx"][name][0]


@lru_cache(maxsize=None)
def _program(path: str) -> TTFont:
    return TTFont(path)


def harfbuzz(face: str, bold: bool, word: str) -> list[tuple]:
    """The glyphs uharfbuzz shapes ``word`` into with the bundled face, left to right."""
    path = str(fonts.font_dir() / f"NotoSans{FACES[face]}-{'Bold' if bold else 'Regular'}.ttf")
    font = hb.Font(hb.Face(hb.Blob.from_file_path(path)))
    buf = hb.Buffer()
    buf.add_str(word)
    buf.guess_segment_properties()
    hb.shape(font, buf)
    program = _program(path)
    order = program.getGlyphOrder()
    return [_key(program, order[info.codepoint]) for info in buf.glyph_infos]


def drawn_codes(pdf: bytes):
    """(page, face, font program, glyph name, text) of every glyph drawn, pages and the forms they
    use, in drawing order: the face is the PostScript name without its subset tag, the text what
    the font's ToUnicode map says the code stands for."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    seen: dict[int, tuple] = {}

    def face_of(ref):
        font = ref.get_object()
        key = ref.idnum if hasattr(ref, "idnum") else id(font)
        if key not in seen:
            base = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            desc = font.get("/FontDescriptor")
            program = TTFont(io.BytesIO(desc.get_object()["/FontFile2"].get_object().get_data())) if desc else None
            texts = {}
            if "/ToUnicode" in font:
                cmap = font["/ToUnicode"].get_object().get_data().decode()
                for code, uni in re.findall(r"<([0-9A-F]+)> <([0-9A-F]*)>", cmap.split("beginbfchar", 1)[-1]):
                    texts[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
            seen[key] = (base, program, program["cmap"].tables[0].cmap if program else {}, texts)
        return seen[key]

    def walk(n, stream, resources):
        fonts_ = dict(resources.get("/Font") or {})
        current = None
        for operands, op in ContentStream(stream, reader).operations:
            if op == b"Tf":
                current = face_of(fonts_[operands[0]].indirect_reference or fonts_[operands[0]])
            elif op in (b"Tj", b"TJ", b"'", b'"') and current and current[1] is not None:
                for item in operands[-1] if op == b"TJ" else [operands[-1]]:
                    if isinstance(item, (str, bytes)):
                        raw = item.get_original_bytes() if hasattr(item, "get_original_bytes") else bytes(item)
                        base, program, cmap, texts = current
                        for code in raw:
                            yield n, base, program, cmap.get(code), texts.get(code, "")
            elif op == b"Do":
                xobj = resources["/XObject"][operands[0]].get_object()
                if xobj.get("/Subtype") == "/Form":
                    yield from walk(n, xobj, xobj.get("/Resources") or resources)

    for n, page in enumerate(reader.pages):
        yield from walk(n, page.get_contents(), page["/Resources"])


def drawn(pdf: bytes) -> dict[str, list[tuple]]:
    """Every glyph drawn, by face, in drawing order (``_key``)."""
    out: dict[str, list[tuple]] = defaultdict(list)
    for _n, base, program, name, _text in drawn_codes(pdf):
        out[base].append(_key(program, name))
    return out


def _within(needle: list, hay: list) -> bool:
    n = len(needle)
    return any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def unshaped_words(glyphs: dict[str, list[tuple]], words) -> list[str]:
    """The words not drawn, in their Regular or Bold face, as HarfBuzz shapes them."""
    missing = []
    for face, word in words:
        if not any(_within(harfbuzz(face, bold, word), glyphs.get(f"NotoSans{FACES[face]}-{style}", []))
                   for bold, style in ((False, "Regular"), (True, "Bold"))):
            missing.append(word)
    return missing


@pytest.mark.parametrize("name", PDFS)
def test_every_shaped_word_is_drawn_with_harfbuzz_glyphs(out, name):
    words = shaped_words()
    assert {face for face, _ in words} == set(FACES)
    assert unshaped_words(drawn(out[name]), words) == []


def test_the_check_fails_on_text_drawn_without_shaping(monkeypatch):
    """The same check on the words drawn with shaping switched off (each character its cmap glyph,
    right-to-left runs merely reversed) finds them wrong: it tests the shaping, not the fonts."""
    words = shaped_words()

    def draw_all() -> bytes:
        buf = io.BytesIO()
        c = Canvas(buf, pagesize=(600, 20 * len(words) + 20))
        for n, (_face, word) in enumerate(words):
            textruns.draw(c, 10, 10 + 20 * n, word, "regular", 12)
        c.save()
        return buf.getvalue()

    textruns._runs.cache_clear()
    assert unshaped_words(drawn(draw_all()), words) == []
    monkeypatch.setattr(shaping, "shape", lambda text, font, rtl, lang=None: text[::-1] if rtl else text)
    textruns._runs.cache_clear()
    try:
        wrong = unshaped_words(drawn(draw_all()), words)
    finally:
        monkeypatch.undo()
        textruns._runs.cache_clear()
    # every word with a conjunct, a moved vowel sign, a joined letter or a placed mark
    assert {"शर्मा", "চট্টোপাধ্যায়", "சுப்பிரமணியம்", "ปัญญาประดิษฐ์สำหรับหุ่นยนต์", "مُصْطَفَى", "כֹּהֵן"} <= set(wrong)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("name", PDFS)
def test_shaped_names_and_titles_copy_as_their_words(out, name):
    """PDFium's text (what a viewer copies and searches) gives every left-to-right word back; a
    right-to-left name comes back from its glyphs read right to left."""
    doc = pdfium.PdfDocument(out[name])
    text = _nfc(" ".join(page.get_textpage().get_text_range() for page in doc))  # in drawing order
    doc.close()
    # a long Thai word may be cut over two lines; a glyph that stands for no character of its own
    # (Thai ำ is drawn as two) PDFium gives as its code, a control character
    text = re.sub(r"[\s\x00-\x1f]+", "", text)
    for face, word in shaped_words():
        if face not in ("Arab", "Hebr"):
            assert _nfc(word) in text, word
    with pdfplumber.open(io.BytesIO(out[name])) as doc:  # its chars are the glyphs, in drawing order
        for face in ("Arabic", "Hebrew"):
            units = [c["text"] for p in doc.pages for c in p.chars if face in c["fontname"]]
            backwards = _nfc("".join(reversed(units)))
            for person in ("مُصْطَفَى عَبْدُ الرَّحْمٰن", "שָׂרָה כֹּהֵן", "محمد الحداد", "דוד לוי"):
                if (face == "Arabic") == ("\u0600" <= person[0] <= "\u06ff"):
                    assert _nfc(person.replace(" ", "")) in backwards, person


def test_the_zh_tw_talk_is_set_in_traditional_chinese(out):
    """機器人學習與臺灣的未來發展 (language: zh-TW) in Noto Sans TC; the Chinese keynote (no language:
    the event's, en) in SC. Characters only the one title has (Japanese has 学 and 展, and the
    speaker's affiliation 國立臺灣大學 is in the event's language, as names are)."""
    for name in PDFS:
        chars = [c for page in pc.page_chars(out[name]) for c in page]  # read once per run (pdfcheck)
        faces_tw = {c["fontname"].split("+")[-1] for c in chars if c["text"] and c["text"] in "機與習發"}
        assert faces_tw and all(f.startswith("NotoSansTC-") for f in faces_tw), (name, faces_tw)
        faces_sc = {c["fontname"].split("+")[-1] for c in chars if c["text"] and c["text"] in "深度习术"}
        assert faces_sc and all(f.startswith("NotoSansSC-") for f in faces_sc), (name, faces_sc)


def test_site_marks_the_talks_own_language(artifacts):
    site = artifacts("scripts", "site")
    page = site["site/talks/taiwan-robots.html"].decode()
    assert '<h1 lang="zh-TW">機器人學習與臺灣的未來發展</h1>' in page
    assert '<p lang="zh-TW">本演講介紹' in page
    assert 'lang="zh-TW">機器人學習與臺灣的未來發展</a>' in site["site/index.html"].decode()
    assert '<h1 dir="rtl" lang="ar">الذَّكَاءُ' in site["site/talks/arabic-vowels.html"].decode()
    assert "<h1>Ρομπότ" in site["site/talks/greek-cyrillic.html"].decode()  # the event's language: no lang


def test_a_right_to_left_title_is_set_flush_right_on_its_sign(out):
    """On the door sign the Arabic title's lines end at the right edge of the text column, the
    first words of the title at the right of its first line."""
    pdf = out["signs/all-signs.pdf"]
    for chars in pc.page_chars(pdf):
        deep = [c for c in chars if c["text"] == "D" and "Bold" in c["fontname"]]
        if not deep or not any("Arabic" in c["fontname"] for c in chars):
            continue
        arabic = [c for c in chars if "Arabic" in c["fontname"] and abs(c["size"] - deep[0]["size"]) < 0.01]
        right = max(c["x1"] for c in chars if abs(c["size"] - deep[0]["size"]) < 0.01)  # every row's text
        lines: dict[int, list[dict]] = defaultdict(list)
        for c in arabic:
            lines[round(c["bottom"])].append(c)
        ends = [max(c["x1"] for c in cs) for cs in lines.values()]
        assert len(ends) >= 2 and max(ends) - min(ends) < 1.0, ends  # flush right, however long each line
        assert max(ends) > right - 0.5, (ends, right)  # at the column's right edge
        return
    pytest.fail("no sign has the Arabic title")
