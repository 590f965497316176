"""The fonts: Noto Sans first, then a chain of fallback faces chosen per character.

ReportLab silently draws an empty box for a character its font lacks, so every
string from content is checked before anything is drawn. A character Noto Sans
lacks is drawn from the first fallback face that has it (symbols, arrows,
maths, emoji, Arabic, Hebrew, Chinese, Japanese, Korean); only a character no
face covers, or a control character, becomes a problem naming the person or
talk and the line it came from.

Fallback faces cost nothing until a character needs them: their character maps
are read on first need and they are registered with ReportLab (and variable
fonts instanced, see fontinstance.py) only when something is drawn in them. An
event in Latin, Greek and Cyrillic never opens a fallback file.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from . import typeface
from .cmap import code_points
from .model import Event
from .problems import Problem

STYLES = ("regular", "bold", "italic", "bold-italic")
_MAIN = {"regular": typeface.FONT, "bold": typeface.FONT_BOLD,
         "italic": typeface.FONT_ITALIC, "bold-italic": typeface.FONT_BOLD_ITALIC}
_STYLE_OF = {name: style for style, name in _MAIN.items()}


def font_dir() -> Path:
    """The bundled fonts: fonts/ in a checkout, eventprint/fontfiles/ in an installed wheel."""
    return Path(str(resources.files("eventprint.fontfiles")))


@dataclass(frozen=True)
class Fallback:
    """One face of the chain. ``regular``/``bold``: the weight to instance a variable font at
    (None: use the file as it is; for ``bold``, None means the face has no bold and is drawn
    regular). Italic is never synthesised: a fallback face is drawn upright."""
    key: str  # short, used in ReportLab font names: EP-FB-<key>[-Bold]
    label: str  # for people: "Noto Sans SC"
    package: str  # importlib.resources package holding the file
    path: str
    regular: int | None = None
    bold: int | None = None
    cjk: bool = False

    def file(self) -> Path:
        return Path(str(resources.files(self.package).joinpath(self.path)))

    def font_name(self, bold: bool) -> str:
        return f"EP-FB-{self.key}-Bold" if bold and self.bold else f"EP-FB-{self.key}"


_CJK_PKG, _CJK_DIR = "justmytype_intl_cjk", "fonts/ofl"
# Order matters only where faces overlap: arrows and maths before CJK (whose fonts have arrows
# too), Simplified Chinese before Traditional (a Han character both have is drawn SC-style
# unless the text has kana or hangul, see cjk_hint).
CHAIN: tuple[Fallback, ...] = (
    Fallback("Sym2", "Noto Sans Symbols 2", "eventprint.fontfiles", "NotoSansSymbols2-Regular.ttf"),
    Fallback("Sym", "Noto Sans Symbols", "manimgx_fonts", "NotoSansSymbols[wght].ttf", 400, 700),
    Fallback("Math", "Noto Sans Math", "eventprint.fontfiles", "NotoSansMath-Regular.ttf"),
    Fallback("Emoji", "Noto Emoji", "manimgx_fonts", "NotoEmoji[wght].ttf", 400, 700),
    Fallback("Arab", "Noto Sans Arabic", "manimgx_fonts", "NotoSansArabic[wght].ttf", 400, 700),
    Fallback("Hebr", "Noto Sans Hebrew", "manimgx_fonts", "NotoSansHebrew[wght].ttf", 400, 700),
    Fallback("SC", "Noto Sans SC", _CJK_PKG, f"{_CJK_DIR}/notosanssc/NotoSansSC[wght].ttf", 400, 700, True),
    Fallback("TC", "Noto Sans TC", _CJK_PKG, f"{_CJK_DIR}/notosanstc/NotoSansTC[wght].ttf", 400, 700, True),
    Fallback("JP", "Noto Sans JP", _CJK_PKG, f"{_CJK_DIR}/notosansjp/NotoSansJP[wght].ttf", 400, 700, True),
    Fallback("KR", "Noto Sans KR", _CJK_PKG, f"{_CJK_DIR}/notosanskr/NotoSansKR[wght].ttf", 400, 700, True),
)
_BY_KEY = {f.key: f for f in CHAIN}


def _to_unicode_cmap(fontname, subset):
    """ReportLab's ToUnicode CMap, with characters beyond U+FFFF (emoji) as UTF-16 surrogate
    pairs as the PDF reference requires: ReportLab writes them as bare hex ("<1F48C>"), which
    readers decode as another character, so copying or searching an emoji found the wrong one.
    Identical to ReportLab's for every other character."""
    text = _rl_to_unicode_cmap(fontname, subset)
    if all(v <= 0xFFFF for v in subset):
        return text
    for i, v in enumerate(subset):
        if v > 0xFFFF:
            text = text.replace("<%02X> <%04X>" % (i, v), "<%02X> <%s>" % (i, chr(v).encode("utf-16-be").hex().upper()), 1)
    return text


_rl_to_unicode_cmap = ttfonts.makeToUnicodeCMap


@lru_cache(maxsize=1)
def register() -> frozenset[int]:
    """Register regular/bold/italic/bold-italic (so <b> and <i> work); return covered code points."""
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    covered: set[int] | None = None
    for face, filename in typeface.FONT_FILES.items():
        font = TTFont(face, str(font_dir() / filename))
        pdfmetrics.registerFont(font)
        cmap = set(font.face.charToGlyph)
        covered = cmap if covered is None else covered & cmap
    pdfmetrics.registerFontFamily(typeface.FONT, normal=typeface.FONT, bold=typeface.FONT_BOLD,
                                  italic=typeface.FONT_ITALIC, boldItalic=typeface.FONT_BOLD_ITALIC)
    for bold, italic, face in ((0, 0, typeface.FONT), (1, 0, typeface.FONT_BOLD),
                               (0, 1, typeface.FONT_ITALIC), (1, 1, typeface.FONT_BOLD_ITALIC)):
        addMapping(typeface.FONT, bold, italic, face)
    return frozenset(covered or ())


# -- which face draws a character --------------------------------------------------------------

# Line ends and tabs are layout, not ink. Zero-width joiners, variation selectors and bidi marks
# steer shaping and ordering; they are consumed by textruns and never drawn.
_IGNORED = frozenset({0x0A, 0x0D, 0x09, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF,
                      *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xFE00, 0xFE10)})


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


def cjk_hint(text: str) -> str | None:
    """The CJK face a Han character of ``text`` should take: JP with kana, KR with hangul."""
    for ch in text:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F:
            return "JP"
        if 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            return "KR"
    return None


@lru_cache(maxsize=None)
def _order(hint: str | None) -> tuple[Fallback, ...]:
    if hint is None:
        return CHAIN
    first = [f for f in CHAIN if f.key == hint]
    return (*(f for f in CHAIN if not f.cjk), *first, *(f for f in CHAIN if f.cjk and f.key != hint))


@lru_cache(maxsize=None)
def fallback_for(ch: str, hint: str | None = None) -> Fallback | None:
    """The fallback face that draws ``ch`` (which Noto Sans lacks), or None if no face has it."""
    o = ord(ch)
    for face in _order(hint):
        if o in _cmap(face.key):
            return face
    return None


# What is registered: whole files (faces used at their default weight) once; cut-down
# instances (fontinstance.py) by the characters they hold, renewed under a new name when a
# character outside them is needed.
_whole: dict[tuple[str, bool], str] = {}
_cut: dict[tuple[str, bool], tuple[str, frozenset[str]]] = {}
_wanted: dict[str, set[str]] = {}
_renewals: dict[tuple[str, bool], int] = {}


def _is_arabic(o: int) -> bool:
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF


def shape_arabic(text: str) -> str:
    """Arabic letters in their joined forms (presentation forms), which is what is drawn."""
    if not any(_is_arabic(ord(ch)) for ch in text):
        return text
    import arabic_reshaper

    return arabic_reshaper.reshape(text)


def want(texts) -> None:
    """Note the characters of ``texts`` that fall back, so that a face cut down to characters
    is cut once for all of them (the build calls this with every content string)."""
    covered = register()
    for text in texts:
        if not text or covered.issuperset(map(ord, text)):
            continue
        text = shape_arabic(text)  # the joined forms are what gets drawn
        hint = cjk_hint(text)
        for ch in text:
            if ord(ch) not in covered and ord(ch) not in _IGNORED:
                face = fallback_for(ch, hint)
                if face is not None:
                    _wanted.setdefault(face.key, set()).add(ch)


def register_fallback(key: str, bold: bool, chars=()) -> str:
    """The ReportLab name of fallback face ``key`` in ``bold`` or regular (a face without bold
    is drawn regular), registered so that it draws ``chars``."""
    face = _BY_KEY[key]
    bold = bold and face.bold is not None
    wght = face.bold if bold else face.regular
    if wght is None:
        name = _whole.get((key, bold))
        if name is None:
            name = _whole[(key, bold)] = face.font_name(bold)
            _register_face(name, str(face.file()))
        return name
    need = frozenset(chars)
    done = _cut.get((key, bold))
    if done is not None and need <= done[1]:
        return done[0]
    from .fontinstance import instance

    holds = need | _wanted.get(key, set()) | (done[1] if done else frozenset())
    base = face.font_name(bold)
    _renewals[(key, bold)] = n = _renewals.get((key, bold), 0) + 1
    name = base if n == 1 else f"{base}~{n}"
    _register_face(name, instance(face.file(), wght, holds, "Bold" if bold else "Regular",
                                  "" if n == 1 else f"-{n}"))
    _cut[(key, bold)] = (name, holds)
    return name


def _register_face(name: str, source) -> None:
    pdfmetrics.registerFont(TTFont(name, source))
    # Paragraph resolves <b>/<i> around <font face=...> by family: every style of a fallback
    # face is the face itself (markup names the bold face explicitly where there is one).
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


def style_of(style: str) -> str:
    """'regular', 'bold', 'italic' or 'bold-italic', from either that word or a theme font name."""
    if style in _MAIN:
        return style
    try:
        return _STYLE_OF[style]
    except KeyError:
        raise ValueError(f"unknown text style {style!r}; use one of {', '.join(STYLES)}") from None


def main_font(style: str) -> str:
    """The Noto Sans face of a style (registered)."""
    register()
    return _MAIN[style_of(style)]


def face_for(ch: str, style: str = "regular", hint: str | None = None) -> str:
    """The registered ReportLab font that draws ``ch`` in ``style``; ValueError if none can."""
    return faces(ch, style, hint)[0]


def faces(text: str, style: str = "regular", hint: str | None = None) -> list[str | None]:
    """For each character of ``text``, the registered font that draws it in ``style`` (None
    for characters that take no glyph); ValueError for one no font has."""
    style = style_of(style)
    covered = register()
    main = _MAIN[style]
    bold = style.startswith("bold")
    picked: list[Fallback | str | None] = []
    groups: dict[str, set[str]] = {}
    for ch in text:
        o = ord(ch)
        if o in covered or ch in "\n\r\t":
            picked.append(main)
        elif o in _IGNORED:
            picked.append(None)
        else:
            face = fallback_for(ch, hint)
            if face is None:
                raise ValueError(f"no font can print {describe([ch])}")
            picked.append(face)
            groups.setdefault(face.key, set()).add(ch)
    names = {key: register_fallback(key, bold, chars) for key, chars in groups.items()}
    return [names[p.key] if isinstance(p, Fallback) else p for p in picked]


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


def fallback_counts(texts, covered: frozenset[int] | None = None) -> Counter[str]:
    """How many characters of ``texts`` each fallback face draws, by face label."""
    covered = register() if covered is None else covered
    counts: Counter[str] = Counter()
    for text in texts:
        if not text:
            continue
        hint = None
        for ch in text:
            if ord(ch) in covered or ord(ch) in _IGNORED:
                continue
            hint = hint or cjk_hint(text) or ""
            face = fallback_for(ch, hint or None)
            if face is not None:
                counts[face.label] += 1
    return counts


def fallback_summary(counts: Counter[str]) -> str | None:
    """'37 characters fall back: 20 to Noto Sans SC, 17 to Noto Emoji', or None."""
    if not counts:
        return None
    total = sum(counts.values())
    parts = ", ".join(f"{n} to {label}" for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{total} character{'s' if total != 1 else ''} fall{'s' if total == 1 else ''} back to other fonts: {parts}"


def describe(chars: list[str]) -> str:
    return ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" if not is_control(c)
                     else f"U+{ord(c):04X} (a control character)" for c in chars)


def _content_strings(event: Event):
    """Every printed content string as (text, file, line, whose, field)."""
    for key in ("name", "short_name", "timezone", "base_url", "schedule_url"):
        yield getattr(event, key), "event.yaml", 0, "the event", key
    for host in event.hosts:
        yield host, "event.yaml", 0, "the event", "hosts"
    for heading, text in event.info:
        yield heading + text, "event.yaml", 0, "the event", "info"
    for v in event.venues:
        for text in (v.name, v.short_name, *v.address):
            yield text, "venues.yaml", 0, f"venue '{v.id}'", "name or address"
    for room in event.rooms:
        yield room.name, "venues.yaml", 0, f"room '{room.id}'", "name"
    for p in event.people:
        who = f"{p.name} ('{p.id}')"
        yield p.name, "people.yaml", p.source_line, who, "name"
        yield p.given_name + p.family_name, "people.yaml", p.source_line, who, "given or family name"
        yield p.position, "people.yaml", p.source_line, who, "position"
        for a in p.affiliations:
            yield a, "people.yaml", p.source_line, who, "affiliation"
        yield p.bio, "people.yaml", p.source_line, who, "bio"
    for r in event.registrants:  # registrations.csv: what a participant's badge prints
        who, file = f"{r.name} (registration)", Path(r.source_file).name
        yield r.name, file, r.source_line, who, "name"
        yield r.given_name + r.family_name, file, r.source_line, who, "given or family name"
        yield r.organisation, file, r.source_line, who, "organisation"
    for a in event.addons:
        yield a.label + a.when + a.where, "event.yaml", 0, f"the add-on '{a.id}'", "label, when or where"
    for it in event.items:
        who = f"'{it.id}'"
        yield it.title.text, "programme.yaml", it.source_line, who, "title"
        yield it.abstract, "programme.yaml", it.source_line, who, "abstract"
        yield it.note, "programme.yaml", it.source_line, who, "note"
        yield it.url, "programme.yaml", it.source_line, who, "url"


def coverage_problems(event: Event, content_dir: str | Path,
                      line_of: Callable[[str, str], int] | None = None) -> list[Problem]:
    """Every content string no font can draw (or with a control character), with file and line;
    ``line_of(file, text)`` gives the line of strings the model keeps none for (a venue's name)."""
    covered = register()
    content = Path(content_dir)
    out: list[Problem] = []
    for text, file, line, whose, field in _content_strings(event):
        if not text or covered.issuperset(map(ord, text)):  # the fast path: Noto Sans has it all
            continue
        line = line or (line_of(file, text) if line_of else 0)
        want((text,))
        gaps = missing(text, covered)
        if not gaps:
            continue
        controls = [c for c in gaps if is_control(c)]
        if controls:
            out.append(Problem(str(content / file), line,
                               f"the {field} of {whose} contains {describe(controls)}, which cannot be printed",
                               "delete it (it often comes along when text is pasted from another program)"))
        glyphless = [c for c in gaps if not is_control(c)]
        if glyphless:
            out.append(Problem(str(content / file), line,
                               f"the {field} of {whose} contains {describe(glyphless)}, which no font can print",
                               "replace the character with one the fonts have (or a plain-letter spelling)"))
    return out



def fallback_report(event: Event) -> str | None:
    """For `check`: how many content characters fall back, and to which faces."""
    texts = [text for text, _f, _l, _w, field in _content_strings(event)
             if text and field != "given or family name"]  # that one repeats the name
    return fallback_summary(fallback_counts(texts))


def check_literal(text: str) -> None:
    """For layout code: fail loudly if a fixed label uses a glyph no font has."""
    gaps = missing(text, register())
    if gaps:
        raise ValueError(f"layout text {text!r} uses {describe(gaps)}, which the fonts lack")
