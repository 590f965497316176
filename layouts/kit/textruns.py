"""Text as runs of one font each, in the order they are drawn: every character prints.

A string from content may mix Latin with arrows, emoji, Chinese, Arabic or
Hebrew. ``runs`` cuts it into pieces that one face can draw (Noto Sans first,
then the fallback chain of eventprint.fonts), joins Arabic letters into their
contextual forms (arabic-reshaper) and puts right-to-left text into visual
order (python-bidi, the Unicode bidirectional algorithm). ``width``, ``draw``
and ``markup`` build on it; ``breaks`` and ``wrap`` break lines in text without
spaces (Chinese, Japanese) as well as at spaces.

Text that Noto Sans draws on its own (every string of a Latin event) takes a
fast path: one run, the string unchanged, the same calls as before.

Bidi works on one line: wrap the logical text first, then draw each line.
Paragraph markup gets the runs of the whole text in visual order, which is
right for a line of mixed text and for a right-to-left phrase that does not
wrap; a right-to-left paragraph that wraps over lines needs ``wrap`` + ``draw``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from eventprint import fonts
from reportlab.pdfbase.pdfmetrics import stringWidth

from .escape import escape
from .textout import show


@dataclass(frozen=True)
class Run:
    """A piece of text one font draws: ``text`` in visual order, ready for drawString."""

    text: str
    font: str


# Right-to-left letters: Hebrew, Arabic (and their presentation forms), Syriac, Thaana, NKo, and the
# right-to-left marks. One regular expression: the site asks it of some 20,000 names, titles and
# links of a large event, and it scans far faster than a Python loop over characters.
_ANY_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b-\u202e\u2067]")


def _visual(text: str) -> str:
    """Arabic joined into contextual forms, then the line in visual (left-to-right) order, with
    brackets mirrored in right-to-left runs and trailing spaces at the paragraph's level.

    python-bidi's public API has two implementations of the Unicode bidirectional algorithm:
    ``bidi.get_display`` (the Rust crate unicode-bidi) reorders but does not mirror, and gives its
    levels only as debug text, whose form is no interface; ``bidi.algorithm.get_display`` does all
    of it (rules up to L4), as in Unicode 5: a bracket pair in text of both directions is resolved
    as two neutrals, not as a pair (N0). Among 20,000 random mixes of Hebrew, Arabic, Latin, numbers
    and brackets the two orders differed in 6, each with a bracket left unclosed.
    """
    from bidi.algorithm import get_display

    return get_display(fonts.shape_arabic(text))


def _base_level(text: str) -> int:
    from bidi import get_base_level

    return get_base_level(text)


def has_rtl(text: str) -> bool:
    """Whether ``text`` has any right-to-left letter (Hebrew, Arabic, ...)."""
    return _ANY_RTL.search(text) is not None


def direction(text: str) -> str:
    """'rtl' if ``text`` reads right to left (its first strong letter is Hebrew or Arabic),
    else 'ltr': a layout may align a right-to-left name or title to the right."""
    if not has_rtl(text):
        return "ltr"
    return "rtl" if _base_level(text) % 2 else "ltr"


def runs(text: str, style: str = "regular") -> tuple[Run, ...]:
    """The runs of one line of ``text`` in ``style`` (a style word or a theme font name),
    in visual order. ValueError for a character no font has (content is checked before)."""
    return _runs(text, fonts.style_of(style))


@lru_cache(maxsize=8192)
def _runs(text: str, style: str) -> tuple[Run, ...]:
    main = fonts.main_font(style)
    covered = fonts.register()
    if covered.issuperset(map(ord, text)):
        return (Run(text, main),)
    if has_rtl(text):
        text = _visual(text)
    out: list[Run] = []
    current, chars = None, []
    for ch, face in zip(text, fonts.faces(text, style, fonts.cjk_hint(text))):
        if face is None:
            continue  # joiners, variation selectors, bidi marks: no glyph
        if face != current and chars:
            out.append(Run("".join(chars), current))
            chars = []
        current = face
        chars.append(ch)
    if chars:
        out.append(Run("".join(chars), current))
    return tuple(out)


def width(text: str, style: str, size: float) -> float:
    """Width of one line of ``text`` in points, each run in its own font."""
    rs = runs(text, style)
    if len(rs) == 1:
        return stringWidth(rs[0].text, rs[0].font, size)
    return sum(stringWidth(r.text, r.font, size) for r in rs)


def _set_font(canvas, font: str, size: float) -> None:
    if canvas._fontname != font or canvas._fontsize != size:
        canvas.setFont(font, size)


def draw(canvas, x: float, y: float, text: str, style: str, size: float, align: str = "left") -> float:
    """Draw one line at baseline ``y``; ``x`` is its left end, right end or centre for
    ``align`` 'left', 'right' or 'centre'. Returns the width drawn. The canvas keeps the
    style's main face and ``size`` set afterwards."""
    align = "centre" if align == "center" else align
    if align not in ("left", "right", "centre"):
        raise ValueError(f"align must be 'left', 'right' or 'centre', not {align!r}")
    rs = runs(text, style)
    if len(rs) == 1 and rs[0].font == fonts.main_font(style):
        _set_font(canvas, rs[0].font, size)
        show(canvas, x, y, rs[0].text, align)
        return stringWidth(rs[0].text, rs[0].font, size)
    widths = [stringWidth(r.text, r.font, size) for r in rs]
    total = sum(widths)
    if align == "right":
        x -= total
    elif align == "centre":
        x -= total / 2
    for r, w in zip(rs, widths):
        _set_font(canvas, r.font, size)
        show(canvas, x, y, r.text)
        x += w
    _set_font(canvas, fonts.main_font(style), size)
    return total


def markup(text: str, style: str = "regular") -> str:
    """``text`` escaped for a ReportLab Paragraph set in ``style``, each fallback run in a
    ``<font face=...>``. Text Noto Sans draws alone comes back only escaped."""
    rs = runs(text, style)
    main = fonts.main_font(style)
    return "".join(escape(r.text) if r.font == main else f'<font face="{r.font}">{escape(r.text)}</font>'
                   for r in rs)


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


def wrap(text: str, style: str, size: float, max_width: float) -> list[str]:
    """Greedy line breaking at ``breaks``, widths with fallback fonts; lines in logical order
    without trailing spaces. A piece wider than a line is cut by characters (with a hyphen
    unless it is Chinese or Japanese)."""
    fonts.want((text,))  # one cut of each fallback face for all candidate lines
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for piece in _pieces(para.strip()):
            candidate = line + piece
            if width(candidate.rstrip(), style, size) <= max_width:
                line = candidate
                continue
            if line.strip():
                lines.append(line.rstrip())
            word = piece
            while len(word.rstrip()) > 1 and width(word.rstrip(), style, size) > max_width:
                mark = "" if has_cjk(word) else "-"
                cut = len(word.rstrip()) - 1
                while cut > 1 and width(word[:cut] + mark, style, size) > max_width:
                    cut -= 1
                lines.append(word[:cut] + mark)
                word = word[cut:]
            line = word
        lines.append(line.rstrip())
    return lines
