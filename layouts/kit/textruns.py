"""Text as runs of one font each, in the order they are drawn: every character prints.

A string from content may mix Latin with arrows, emoji, Chinese, Devanagari, Thai, Arabic or
Hebrew. ``runs`` cuts it into pieces that one face can draw (Noto Sans first, then the fallback
chain of eventprint.fonts), puts them in visual order by the Unicode bidirectional algorithm
(bidi.py) and has HarfBuzz shape the runs of complex scripts and every run read right to left
(shaping.py). ``width``, ``draw`` and ``markup`` build on it; ``breaks`` and ``wrap`` break
lines in text without spaces (Chinese, Japanese) as well as at spaces, and never inside a
syllable.

A paragraph takes one base direction (``base_of``): its first strong letter's, or, with none,
its language's. Wrap the logical text first, then draw each line with the paragraph's base.
The language of a text (typeset.language_of: its talk's, else the event's) picks the Chinese
face and the shaper's local forms.

Text that Noto Sans draws on its own (every string of a Latin event) takes a fast path: one
run, the string unchanged, the same calls as before.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from eventprint import fontcuts, fonts, glyphs
from reportlab.pdfbase.pdfmetrics import stringWidth

from . import bidi, shaping, theme, typeset
from .typeset import RTL_PARAGRAPH
from .escape import escape
from .textout import show


@dataclass(frozen=True)
class Run:
    """A piece of text one font draws: ``text`` in visual order (shaped glyphs where a shaper
    chose them), ready for drawString."""

    text: str
    font: str


# Right-to-left letters: Hebrew, Arabic (and their presentation forms), Syriac, Thaana, NKo. One
# regular expression: the site asks it of some 20,000 names, titles and links of a large event,
# and it scans far faster than a Python loop over characters.
_ANY_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]")
_RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr", "ks"})



def has_rtl(text: str) -> bool:
    """Whether ``text`` has any right-to-left letter (Hebrew, Arabic, ...)."""
    return _ANY_RTL.search(text) is not None


# Scripts whose words a shaper forms: right-to-left ones, the Indic scripts, Thai, Lao, Myanmar, Khmer
_COMPLEX = re.compile("[\u0590-\u0dff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\ufb1d-\ufdff\ufe70-\ufefe]")


def is_complex(text: str) -> bool:
    """Whether ``text`` has letters of a script that is shaped (its words are measured whole)."""
    return _COMPLEX.search(text) is not None


def _rtl_language(lang: str | None) -> bool:
    return bool(lang) and lang.replace("_", "-").split("-")[0].lower() in _RTL_LANGUAGES


def base_of(text: str, lang: str | None = None) -> int:
    """The base level of a paragraph (1: right to left): that of its first strong letter, or, if
    it has none, of its language (``lang``, else the text's: typeset.language_of)."""
    if not has_rtl(text):
        if not _rtl_language(lang or typeset.language_of(text)):
            return 0
    return bidi.base_level(text, 1 if _rtl_language(lang or typeset.language_of(text)) else 0)


def direction(text: str, lang: str | None = None) -> str:
    """'rtl' if ``text`` reads right to left (``base_of``), else 'ltr': a layout aligns a
    right-to-left name or title to the right."""
    return "rtl" if base_of(text, lang) else "ltr"


def runs(text: str, style: str = "regular", base: int | None = None) -> tuple[Run, ...]:
    """The runs of one line of ``text`` in ``style`` (a style word or a theme font name), in
    visual order; ``base``: its paragraph's base level (``base_of``), by default its own.
    ValueError for a character no font has (content is checked before)."""
    lang = typeset.language_of(text)
    return _runs(text, fonts.style_of(style), base_of(text, lang) if base is None else base, lang,
                 theme.family())


@lru_cache(maxsize=8192)
def _runs(text: str, style: str, base: int, lang: str, family: fonts.Family = fonts.NOTO) -> tuple[Run, ...]:
    main = fonts.main_font(style, family)
    covered = fonts.covered(family)
    if not base and covered.issuperset(map(ord, text)):
        return (Run(text, main),)
    names = fontcuts.faces(text, style, fonts.cjk_hint(text, lang), family)
    out: list[Run] = []
    for start, end, level in bidi.visual_runs(text, base):
        rtl = level % 2 == 1
        pieces = []
        i = start
        while i < end:
            j = i + 1
            while j < end and names[j] == names[i]:
                j += 1
            pieces.append((i, j, names[i]))
            i = j
        for a, b, face in reversed(pieces) if rtl else pieces:
            if face is None:
                continue  # joiners outside a shaped run, variation selectors, bidi marks: no glyph
            piece = text[a:b]
            if rtl or fonts.is_shaped(face):
                piece = shaping.shape(piece, face, rtl, lang)
            if out and out[-1].font == face:
                out[-1] = Run(out[-1].text + piece, face)
            else:
                out.append(Run(piece, face))
    return tuple(out)


def _width(run: Run, size: float) -> float:
    return stringWidth(run.text, run.font, size) - glyphs.back(run.text) * size / 1000


def width(text: str, style: str, size: float) -> float:
    """Width of one line of ``text`` in points, each run in its own font."""
    rs = runs(text, style)
    if len(rs) == 1:
        return _width(rs[0], size)
    return sum(_width(r, size) for r in rs)


def _set_font(canvas, font: str, size: float) -> None:
    if canvas._fontname != font or canvas._fontsize != size:
        canvas.setFont(font, size)


def draw(canvas, x: float, y: float, text: str, style: str, size: float, align: str = "left",
         base: int | None = None) -> float:
    """Draw one line at baseline ``y``; ``x`` is its left end, right end or centre for
    ``align`` 'left', 'right' or 'centre'; ``base``: its paragraph's base level. Returns the
    width drawn. The canvas keeps the style's main face and ``size`` set afterwards."""
    align = "centre" if align == "center" else align
    if align not in ("left", "right", "centre"):
        raise ValueError(f"align must be 'left', 'right' or 'centre', not {align!r}")
    rs = runs(text, style, base)
    main = fonts.main_font(style, theme.family())
    if len(rs) == 1 and rs[0].font == main:
        _set_font(canvas, rs[0].font, size)
        show(canvas, x, y, rs[0].text, align)
        return _width(rs[0], size)
    widths = [_width(r, size) for r in rs]
    total = sum(widths)
    if align == "right":
        x -= total
    elif align == "centre":
        x -= total / 2
    for r, w in zip(rs, widths):
        _set_font(canvas, r.font, size)
        show(canvas, x, y, r.text)
        x += w
    _set_font(canvas, main, size)
    return total


def markup(text: str, style: str = "regular", base: int | None = None, paragraph: bool = True) -> str:
    """``text`` escaped for a ReportLab Paragraph set in ``style``, each fallback run in a
    ``<font face=...>``; a right-to-left ``paragraph`` starts with ``RTL_PARAGRAPH``. Text Noto
    Sans draws alone comes back only escaped."""
    base = base_of(text) if base is None else base
    rs = runs(text, style, base)
    main = fonts.main_font(style, theme.family())
    return (RTL_PARAGRAPH if base and paragraph else "") + "".join(
        escape(r.text) if r.font == main else f'<font face="{r.font}">{escape(r.text)}</font>' for r in rs)


class Line(tuple):
    """One wrapped line of segments (a tuple of them), with what drawing it needs to know of its
    paragraph: ``base`` (1: it reads right to left, textruns.base_of) and the ``width`` it was
    wrapped to (a right-to-left line is set at its right end)."""

    base: int = 0
    width: float = 0.0

    def __new__(cls, segments, base: int = 0, width: float = 0.0):
        line = super().__new__(cls, segments)
        line.base, line.width = base, width
        return line

    def __reduce__(self):  # a shared render is pickled between test workers
        return (Line, (tuple(self), self.base, self.width))


def visual_pieces(line, base: int) -> list[tuple[str, str, object, int]]:
    """(text, font, colour, level) of the pieces of ``line``, a line of (text, font, colour)
    segments, each cut where its level changes, in visual order (bidi rule L2), trailing spaces
    left out: a line that mixes fonts and colours is ordered as one text."""
    text = "".join(t for t, _f, _c in line).rstrip()
    owner: list[int] = [k for k, (t, _f, _c) in enumerate(line) for _ in t][:len(text)]
    out = []
    for start, end, level in bidi.visual_runs(text, base):
        pieces = []
        i = start
        while i < end:
            j = i + 1
            while j < end and owner[j] == owner[i]:
                j += 1
            _t, font, colour = line[owner[i]]
            pieces.append((text[i:j], font, colour, level))
            i = j
        out += reversed(pieces) if level % 2 else pieces
    return out


# -- line breaks --------------------------------------------------------------------------------

# Han, kana and CJK punctuation: scripts written without spaces between words
_CJK = re.compile("[\u2e80-\u30ff\u31c0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff9f"
                  "\U00020000-\U0003ffff]")


def _is_cjk(ch: str) -> bool:
    return _CJK.match(ch) is not None


# never at the start of a line (closing brackets, stops, small kana, prolonged sound mark)
_NO_START = frozenset(")]}>,.;:!?%\u00BB\u2019\u201D\u2026\u2025\u3001\u3002\uFF0C\uFF0E\uFF1A\uFF1B"
                      "\uFF01\uFF1F\uFF09\uFF3D\uFF5D\u300D\u300F\u3011\u3015\u3009\u300B\u3017\u3019"
                      "\u301B\u30FC\u30FB\u309D\u309E\u30FD\u30FE\u3005\u3041\u3043\u3045\u3047\u3049"
                      "\u3063\u3083\u3085\u3087\u308E\u30A1\u30A3\u30A5\u30A7\u30A9\u30C3\u30E3\u30E5"
                      "\u30E7\u30EE\u30F5\u30F6\uFF5E\u301C")
# never at the end of a line (opening brackets and quotes)
_NO_END = frozenset("([{<\u00AB\u2018\u201C\uFF08\uFF3B\uFF5B\u300C\u300E\u3010\u3014\u3008\u300A"
                    "\u3016\u3018\u301A")


def has_cjk(text: str) -> bool:
    """Whether ``text`` has Chinese or Japanese that breaks between characters (for a
    Paragraph, set ``wordWrap='CJK'`` then)."""
    return _CJK.search(text) is not None  # one scan of the whole string: asked of every wrapped line


def breaks(text: str) -> list[int]:
    """Indices ``i`` (0 < i < len) where a line may break before ``text[i]``: after a run of
    spaces, and next to a Chinese or Japanese character, but never before closing
    punctuation or after opening punctuation. Korean breaks at spaces, like Latin."""
    out: list[int] = []
    for i in range(1, len(text)):
        a, b = text[i - 1], text[i]
        if b.isspace():
            continue
        if a.isspace():
            out.append(i)
        elif (_is_cjk(a) or _is_cjk(b)) and b not in _NO_START and a not in _NO_END:
            out.append(i)
    return out


def _pieces(para: str) -> list[str]:
    cuts = [0, *breaks(para), len(para)]
    return [para[a:b] for a, b in zip(cuts, cuts[1:])]


def cut_allowed(word: str, i: int) -> bool:
    """Whether an over-long ``word`` may be cut before ``word[i]``: never before a mark or a
    joiner, nor after a virama or a joiner (a syllable stays whole)."""
    ch, before = word[i], word[i - 1]
    if unicodedata.category(ch)[0] == "M" or ch in "\u200c\u200d\u034f" or "\ufe00" <= ch <= "\ufe0f":
        return False
    return not (before in "\u200c\u200d" or unicodedata.combining(before) == 9)


def _hyphen(word: str) -> str:
    """What marks a word cut at a line end: a hyphen, but nothing in scripts that have none
    (Chinese, Japanese, Arabic, Hebrew, Thai and the other scripts of South-East Asia)."""
    if has_cjk(word) or has_rtl(word) or _NO_HYPHEN.search(word):
        return ""
    return "-"


_NO_HYPHEN = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")  # Thai, Lao, Myanmar, Khmer


def cut_word(word: str, fits) -> int:
    """How many leading characters of ``word`` (at least one cluster, never all) go on a line,
    cut where ``cut_allowed``: the most for which ``fits(head + mark)`` holds (``_hyphen``)."""
    mark = _hyphen(word)
    cuts = [i for i in range(1, len(word)) if cut_allowed(word, i)]
    if not cuts:
        return len(word)
    k = _most(len(cuts), lambda k: fits(word[:cuts[k - 1]] + mark))
    return cuts[k - 1] if k else cuts[0]  # at least one cluster


@lru_cache(maxsize=65536)
def _piece_width(piece: str, style: str) -> float:
    """A piece's width at 1 pt, alone: added up, about the width of the line they make."""
    return width(piece, style, 1.0)


def _most(n: int, fits, guess: int | None = None) -> int:
    """The largest ``k`` in 1..n for which ``fits(k)`` holds, 0 when none does: ``fits`` holds up to
    some ``k`` and not after (a longer line is no narrower), so a search finds what adding one
    piece at a time would, measuring a few lines instead of one per piece. From a ``guess`` (the
    pieces' widths added up) it steps to the answer, which is usually a step or two away; else,
    or when the guess is far off, it halves."""
    low, high = 0, n  # fits(low) holds (0: nothing to measure), the answer is at most high
    if guess is not None:
        k = min(max(guess, 1), n)
        for _ in range(3):
            if fits(k):
                low = k
                if k == high:
                    return k
                k += 1
            else:
                high = k - 1
                if k - 1 <= low:
                    return low
                k -= 1
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if fits(mid) else (low, mid - 1)
    return low


def wrap(text: str, style: str, size: float, max_width: float) -> list[str]:
    """Greedy line breaking at ``breaks``, widths with fallback fonts and shaping; lines in logical
    order without trailing spaces. A piece wider than a line is cut between syllables (with a
    hyphen where the script has one, ``_hyphen``)."""
    fontcuts.want((text,), typeset.language_of(text))  # one cut of each fallback face for all candidate lines
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        pieces = _pieces(para.strip())
        ends = list(accumulate(_piece_width(p, style) * size for p in pieces))  # guesses: each piece alone
        i = 0
        while i < len(pieces):
            # as many pieces as fit after ``line`` (greedy, found from a guess: _most)
            room = max_width - (width(line, style, size) if line else 0.0) + (ends[i - 1] if i else 0.0)
            k = _most(len(pieces) - i, lambda k: width((line + "".join(pieces[i:i + k])).rstrip(), style, size) <= max_width,
                      bisect_right(ends, room + 1e-9, i) - i)
            if k:
                line += "".join(pieces[i:i + k])
                i += k
                continue
            if line.strip():
                lines.append(line.rstrip())
            word = pieces[i]
            i += 1
            while len(word.rstrip()) > 1 and width(word.rstrip(), style, size) > max_width:
                cut = cut_word(word.rstrip(), lambda head: width(head, style, size) <= max_width)
                if cut >= len(word.rstrip()):
                    break  # one syllable wider than the line: it stays whole
                lines.append(word[:cut] + _hyphen(word))
                word = word[cut:]
            line = word
        lines.append(line.rstrip())
    return lines
