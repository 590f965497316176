"""Glyph characters: private code points that each stand for one glyph of a shaped run.

HarfBuzz turns a run of Devanagari, Thai or Arabic into glyphs: conjuncts, joined forms,
vowel signs moved before their consonant, marks placed over their base. Most of them are
no character's glyph in the font's cmap, and a mark's place is an offset from the pen.
ReportLab draws characters, so each such glyph gets a code point of its own from the
supplementary private use planes, entered on the font's face (its glyph id and advance)
as if the cmap had it. A string of them is drawn, measured and embedded like any text.

What a glyph character stands for is kept with it: the text of its cluster, which the
PDF's ToUnicode map gives back, so copying or searching a shaped name finds its words;
and how far it is raised or lowered (``placed``: a mark over or under its base), which
textout writes as a text rise. Its advance says where the next glyph goes.

The code points themselves never reach a PDF (a subset's codes and ToUnicode entries come
from the glyph and its text), so the order in which a process hands them out does not
change a file.
"""
from __future__ import annotations

from reportlab.pdfbase import ttfonts

_FIRST = 0xF0000  # planes 15 and 16: supplementary private use; no font maps them, so content never has them
_LAST = 0x10FFFD
_next = _FIRST
_of_key: dict[tuple, int] = {}
KEY: dict[int, tuple] = {}  # code point -> (font name, glyph id, advance, rise, text)
TEXT: dict[int, str] = {}  # code point -> the text it stands for ("" for a cluster's further glyphs)
RISE: dict[int, float] = {}  # code point -> how far it is raised, in 1000ths of an em, when not 0
# code point -> how far the pen goes back after it (a mark drawn right of where the next glyph
# starts): its width is 0 and textout moves back, as readers take a glyph of negative width for
# a line break
BACK: dict[int, float] = {}
FIRST_CHAR = chr(_FIRST)  # every glyph character is >= this


def glyph_char(font, glyph: int, advance: float, rise: float, text: str) -> str:
    """The character that draws glyph ``glyph`` of the ReportLab TTFont ``font`` with ``advance``
    (1000ths of an em; the step to the next glyph), raised by ``rise``, standing for ``text``."""
    global _next
    key = (font.fontName, glyph, advance, rise, text)
    code = _of_key.get(key)
    if code is None:
        if _next > _LAST:
            raise RuntimeError("more distinct shaped glyphs than private code points")
        code = _of_key[key] = _next
        _next += 1 if _next != 0xFFFFD else 0x100000 - 0xFFFFD  # skip the plane's two noncharacters
        face = font.face
        face.charToGlyph[code] = glyph
        face.charWidths[code] = max(advance, 0)
        KEY[code], TEXT[code] = key, text
        if rise:
            RISE[code] = rise
        if advance < 0:
            BACK[code] = -advance
    return chr(code)


def has_glyphs(text: str) -> bool:
    """Whether ``text`` holds glyph characters."""
    return bool(text) and max(text) >= FIRST_CHAR


def placed(text: str) -> bool:
    """Whether a glyph character of ``text`` is raised or lowered, or moves the pen back (a placed
    mark): textout draws such text itself."""
    return has_glyphs(text) and any(ord(ch) in RISE or ord(ch) in BACK for ch in text)


def back(text: str) -> float:
    """How far the pen moves back within ``text`` (1000ths of an em), which its widths leave out."""
    return sum(BACK.get(ord(ch), 0) for ch in text) if has_glyphs(text) else 0


def stable(code: int):
    """``code`` as a value that is the same in every process: a glyph character by its glyph,
    advance, rise and text (for names derived from a subset's characters)."""
    key = KEY.get(code)
    return code if key is None else "g%d:%s:%s:%s" % (key[1], key[2], key[3], key[4].encode("utf-8").hex())


def to_unicode_cmap(fontname: str, subset) -> str:
    """ReportLab's ToUnicode CMap, with what it cannot write right: a glyph character as the text
    it stands for, and characters beyond U+FFFF (emoji) as UTF-16 surrogate pairs, as the PDF
    reference requires (ReportLab writes them as bare hex, which readers decode as another
    character). Identical to ReportLab's for every other character."""
    text = _rl_to_unicode_cmap(fontname, subset)
    if all(v <= 0xFFFF for v in subset):
        return text
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            value = TEXT.get(v, chr(v) if v < _FIRST else "")
            text = text.replace("<%02X> <%04X>" % (i, v), "<%02X> <%s>" % (i, value.encode("utf-16-be").hex().upper()), 1)
    return text


_rl_to_unicode_cmap = ttfonts.makeToUnicodeCMap


def install() -> None:
    """Make ReportLab write ToUnicode maps with ``to_unicode_cmap``."""
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
