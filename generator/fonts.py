"""The fonts: Noto Sans first, then a chain of fallback faces chosen per character.

ReportLab silently draws an empty box for a character its font lacks, so every
string from content is checked before anything is drawn. A character Noto Sans
lacks is drawn from the first fallback face that has it (symbols, arrows,
maths, emoji, Arabic, Hebrew, the Indic and South-East Asian scripts, Chinese,
Japanese, Korean); only a character no face covers, or a control character,
becomes a problem naming the person or talk and the line it came from.

The faces of complex scripts are ``shaped``: layouts run their text through
HarfBuzz (layouts/kit/shaping.py). Which Chinese face draws a Han character
follows the text's language (``cjk_hint``): zh-Hant, zh-TW and zh-HK take the
Traditional face, ja the Japanese, ko the Korean, any other the Simplified.

Fallback faces cost nothing until a character needs them: their character maps
are read on first need and they are registered with ReportLab (and the variable
CJK faces instanced, see fontinstance.py) only when something is drawn in them.
An event in Latin, Greek and Cyrillic never opens a fallback file. The CJK faces
are an extra (``pip install 'eventprint[cjk]'``); without it a CJK character is
one content problem that says so. Which registered font draws each character, and the faces cut
to what the content prints: fontcuts.py.
"""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from . import glyphs, typeface
from .cmap import code_points

STYLES = ("regular", "bold", "italic", "bold-italic")
_MAIN = {"regular": typeface.FONT, "bold": typeface.FONT_BOLD,
         "italic": typeface.FONT_ITALIC, "bold-italic": typeface.FONT_BOLD_ITALIC}
_STYLE_OF = {name: style for style, name in _MAIN.items()}


def font_dir() -> Path:
    """The bundled fonts: fonts/ in a checkout, eventprint/fontfiles/ in an installed wheel."""
    return Path(str(resources.files("eventprint.fontfiles")))


@dataclass(frozen=True)
class Fallback:
    """One face of the chain: ``path`` its regular file, ``bold_path`` its bold (None: bold text
    draws the regular). A variable face (the CJK ones) has one file and the weights to instance it
    at, ``regular`` and ``bold``. Italic is never synthesised: a fallback face is drawn upright.
    ``shaped``: its script needs HarfBuzz (joining, conjuncts, reordering, placed marks)."""
    key: str  # short, used in ReportLab font names: EP-FB-<key>[-Bold]
    label: str  # for people: "Noto Sans SC"
    path: str
    bold_path: str | None = None
    package: str = "eventprint.fontfiles"  # importlib.resources package holding the files
    regular: int | None = None
    bold: int | None = None
    cjk: bool = False
    shaped: bool = False

    def file(self, bold: bool = False) -> Path:
        name = self.bold_path if bold and self.bold_path else self.path
        return Path(str(resources.files(self.package).joinpath(name)))

    def has_bold(self) -> bool:
        return self.bold_path is not None or self.bold is not None

    def font_name(self, bold: bool) -> str:
        return f"EP-FB-{self.key}-Bold" if bold and self.has_bold() else f"EP-FB-{self.key}"


def _static(key: str, label: str, file: str, shaped: bool = True) -> Fallback:
    """A bundled face with a Regular and a Bold file: fonts/<file>-Regular.ttf, -Bold.ttf."""
    return Fallback(key, label, f"{file}-Regular.ttf", f"{file}-Bold.ttf", shaped=shaped)


CJK_EXTRA = "pip install 'eventprint[cjk]'"
_CJK_PKG, _CJK_DIR = "justmytype_intl_cjk", "fonts/ofl"
# Order matters only where faces overlap: arrows and maths before CJK (whose fonts have arrows
# too), Devanagari before the other Indic faces (their shared dandas; textruns keeps a run's
# own face where it has the character), Simplified Chinese before Traditional (a Han character
# is drawn SC-style unless the text's language or its kana or hangul say otherwise, see cjk_hint).
CHAIN: tuple[Fallback, ...] = (
    Fallback("Sym2", "Noto Sans Symbols 2", "NotoSansSymbols2-Regular.ttf"),
    _static("Sym", "Noto Sans Symbols", "NotoSansSymbols", shaped=False),
    Fallback("Math", "Noto Sans Math", "NotoSansMath-Regular.ttf"),
    _static("Emoji", "Noto Emoji", "NotoEmoji", shaped=False),
    _static("Arab", "Noto Sans Arabic", "NotoSansArabic"),
    _static("Hebr", "Noto Sans Hebrew", "NotoSansHebrew"),
    _static("Deva", "Noto Sans Devanagari", "NotoSansDevanagari"),
    _static("Beng", "Noto Sans Bengali", "NotoSansBengali"),
    _static("Guru", "Noto Sans Gurmukhi", "NotoSansGurmukhi"),
    _static("Gujr", "Noto Sans Gujarati", "NotoSansGujarati"),
    _static("Taml", "Noto Sans Tamil", "NotoSansTamil"),
    _static("Telu", "Noto Sans Telugu", "NotoSansTelugu"),
    _static("Knda", "Noto Sans Kannada", "NotoSansKannada"),
    _static("Mlym", "Noto Sans Malayalam", "NotoSansMalayalam"),
    _static("Sinh", "Noto Sans Sinhala", "NotoSansSinhala"),
    _static("Thai", "Noto Sans Thai", "NotoSansThai"),
    _static("Laoo", "Noto Sans Lao", "NotoSansLao"),
    _static("Khmr", "Noto Sans Khmer", "NotoSansKhmer"),
    _static("Mymr", "Noto Sans Myanmar", "NotoSansMyanmar"),
    Fallback("SC", "Noto Sans SC", f"{_CJK_DIR}/notosanssc/NotoSansSC[wght].ttf", None, _CJK_PKG, 400, 700, True),
    Fallback("TC", "Noto Sans TC", f"{_CJK_DIR}/notosanstc/NotoSansTC[wght].ttf", None, _CJK_PKG, 400, 700, True),
    Fallback("JP", "Noto Sans JP", f"{_CJK_DIR}/notosansjp/NotoSansJP[wght].ttf", None, _CJK_PKG, 400, 700, True),
    Fallback("KR", "Noto Sans KR", f"{_CJK_DIR}/notosanskr/NotoSansKR[wght].ttf", None, _CJK_PKG, 400, 700, True),
)
_BY_KEY = {f.key: f for f in CHAIN}


@lru_cache(maxsize=1)
def cjk_installed() -> bool:
    """Whether the CJK extra (its package of faces) is installed."""
    try:
        return all(f.file().is_file() for f in CHAIN if f.cjk)
    except ModuleNotFoundError:
        return False


def _available(face: Fallback) -> bool:
    return not face.cjk or cjk_installed()


@lru_cache(maxsize=1)
def register() -> frozenset[int]:
    """Register regular/bold/italic/bold-italic (so <b> and <i> work); return covered code points."""
    glyphs.install()
    covered: set[int] | None = None
    for face, filename in typeface.FONT_FILES.items():
        font = TTFont(face, str(font_dir() / filename))
        pdfmetrics.registerFont(font)
        _sources[face] = font_dir() / filename
        cmap = set(font.face.charToGlyph)
        covered = cmap if covered is None else covered & cmap
    pdfmetrics.registerFontFamily(typeface.FONT, normal=typeface.FONT, bold=typeface.FONT_BOLD,
                                  italic=typeface.FONT_ITALIC, boldItalic=typeface.FONT_BOLD_ITALIC)
    for bold, italic, face in ((0, 0, typeface.FONT), (1, 0, typeface.FONT_BOLD),
                               (0, 1, typeface.FONT_ITALIC), (1, 1, typeface.FONT_BOLD_ITALIC)):
        addMapping(typeface.FONT, bold, italic, face)
    return frozenset(covered or ())


# -- the main family: Noto Sans, or an event's own ---------------------------------------------

@dataclass(frozen=True)
class Family:
    """The faces text is set in first, by style (STYLES order); a character they lack falls back,
    to Noto Sans and then the chain. ``NOTO`` is the house family; an event's brand font is
    registered under names of its own (``family_of``), so a build in it changes no other build."""

    names: tuple[str, str, str, str]

    def name(self, style: str) -> str:
        return self.names[STYLES.index(style)]


NOTO = Family(tuple(_MAIN[s] for s in STYLES))
_covered: dict[Family, frozenset[int]] = {}


def family_of(face) -> Family:
    """The Family of a brand's Typeface (eventprint.brand; None: Noto Sans), its faces registered
    with ReportLab from the bytes the loader read, once per process."""
    if face is None:
        return NOTO
    fam = Family(tuple(f"EP-Brand-{face.key}" + ("" if s == "regular" else "-" + s.title().replace("-", ""))
                       for s in STYLES))
    if fam not in _covered:
        register()
        cover: set[int] | None = None
        for style, name, data in zip(STYLES, fam.names, face.faces):
            font = TTFont(name, io.BytesIO(data))
            pdfmetrics.registerFont(font)
            _sources[name] = data
            _STYLE_OF[name] = style
            cmap = set(font.face.charToGlyph)
            cover = cmap if cover is None else cover & cmap
        for bold, italic, name in ((0, 0, fam.names[0]), (1, 0, fam.names[1]), (0, 1, fam.names[2]), (1, 1, fam.names[3])):
            addMapping(fam.names[0], bold, italic, name)
        _covered[fam] = frozenset(cover)
    return fam


def covered(family: Family = NOTO) -> frozenset[int]:
    """The code points every face of ``family`` draws (registered)."""
    return register() if family == NOTO else _covered[family]


# -- which face draws a character --------------------------------------------------------------

# Line ends and tabs are layout, not ink. Zero-width joiners, variation selectors and bidi marks
# steer shaping and ordering: textruns hands joiners to HarfBuzz within a shaped run and draws
# none of them (content has its bidi controls taken out when it is read: content/fields.py).
_IGNORED = frozenset({0x0A, 0x0D, 0x09, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x061C,
                      *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xFE00, 0xFE10)})
_JOINERS = frozenset({0x200C, 0x200D, 0x034F, *range(0xFE00, 0xFE10)})  # what a shaper reads


def ignorable(ch: str) -> bool:
    """A character that takes no glyph (and so needs no font)."""
    return ord(ch) in _IGNORED


def is_control(ch: str) -> bool:
    """A control character (C0, DEL, C1) other than line end and tab: never printable."""
    return unicodedata.category(ch) == "Cc" and ord(ch) not in _IGNORED


@lru_cache(maxsize=None)
def _cmap(key: str) -> frozenset[int]:
    """Code points of a fallback face, read from its cmap without registering it."""
    return code_points(_BY_KEY[key].file())


def cjk_for_language(lang: str | None) -> str | None:
    """The CJK face a language tag asks for: zh-Hant, zh-TW, zh-HK, zh-MO: TC; ja: JP; ko: KR;
    zh, zh-Hans and any other Chinese: SC; None for every other language (or none)."""
    if not lang:
        return None
    parts = lang.replace("_", "-").lower().split("-")
    if parts[0] == "ja":
        return "JP"
    if parts[0] == "ko":
        return "KR"
    if parts[0] in ("zh", "yue", "cmn", "lzh"):
        if "hant" in parts or any(p in ("tw", "hk", "mo") for p in parts[1:]) and "hans" not in parts:
            return "TC"
        return "SC"
    return None


def cjk_hint(text: str, lang: str | None = None) -> str | None:
    """The CJK face a Han character of ``text`` should take: JP with kana, KR with hangul, else
    the one its language ``lang`` asks for (cjk_for_language); None: the chain's order (SC)."""
    for ch in text:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
            return "JP"
        if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            return "KR"
    return cjk_for_language(lang)


@lru_cache(maxsize=None)
def _order(hint: str | None) -> tuple[Fallback, ...]:
    chain = tuple(f for f in CHAIN if _available(f))
    if hint is None:
        return chain
    first = [f for f in chain if f.key == hint]
    return (*(f for f in chain if not f.cjk), *first, *(f for f in chain if f.cjk and f.key != hint))


@lru_cache(maxsize=None)
def fallback_for(ch: str, hint: str | None = None) -> Fallback | None:
    """The fallback face that draws ``ch`` (which Noto Sans lacks), or None if no face has it."""
    o = ord(ch)
    for face in _order(hint):
        if o in _cmap(face.key):
            return face
    return None


# What is registered, by ReportLab name: the file or bytes it draws from, and whether HarfBuzz
# shapes its text (the cut-down faces are registered by fontcuts.py).
_sources: dict[str, Path | bytes] = {}  # ReportLab font name -> its file, or the bytes of a cut
_shaped: set[str] = set()  # ReportLab names of faces whose text HarfBuzz shapes


def register_face(name: str, source, shaped: bool) -> None:
    pdfmetrics.registerFont(TTFont(name, source if isinstance(source, Path) else source))
    _sources[name] = source if isinstance(source, Path) else source.getvalue()
    if shaped:
        _shaped.add(name)
    # Paragraph resolves <b>/<i> around <font face=...> by family: every style of a fallback
    # face is the face itself (markup names the bold face explicitly where there is one).
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


def source(name: str) -> Path | bytes:
    """The font file (or, for a cut face, its bytes) ReportLab draws registered font ``name``
    from: HarfBuzz shapes with the same glyphs."""
    return _sources[name]


def is_shaped(name: str) -> bool:
    """Whether the text of registered font ``name`` is shaped (a complex script's face)."""
    return name in _shaped


def style_of(style: str) -> str:
    """'regular', 'bold', 'italic' or 'bold-italic', from that word, a theme font name or the name
    of a registered family's face."""
    if style in _MAIN:
        return style
    try:
        return _STYLE_OF[style]
    except KeyError:
        raise ValueError(f"unknown text style {style!r}; use one of {', '.join(STYLES)}") from None


def main_font(style: str, family: Family = NOTO) -> str:
    """The face of ``family`` (Noto Sans) that sets a style (registered)."""
    register()
    return family.name(style_of(style))


# -- checking content ---------------------------------------------------------------------------

def missing(text: str, covered: frozenset[int] | None = None) -> list[str]:
    """Characters of ``text`` that no face of the chain can draw, or that are control characters,
    in order of appearance. ``covered``: the main face's code points (``register()``)."""
    covered = register() if covered is None else covered
    seen: list[str] = []
    for ch in text:
        o = ord(ch)
        if o in covered or o in _IGNORED or ch in seen:
            continue
        if is_control(ch) or fallback_for(ch) is None:
            seen.append(ch)
    return seen


def describe(chars: list[str]) -> str:
    return ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" if not is_control(c)
                     else f"U+{ord(c):04X} (a control character)" for c in chars)


def check_literal(text: str) -> None:
    """For layout code: fail loudly if a fixed label uses a glyph no font has."""
    gaps = missing(text, register())
    if gaps:
        raise ValueError(f"layout text {text!r} uses {describe(gaps)}, which the fonts lack")
