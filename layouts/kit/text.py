"""Measuring, wrapping and drawing text: the one path every layout's text takes.

Three doors, so that font fallback, right-to-left text or other line breaking
rules can later be added in exactly one place each:

- ``width(text, font, size)``: every measurement (``unit_width`` caches it at 1 pt);
- ``draw(c, text, x, y, ...)`` (and ``draw_spaced`` for letter-spaced text):
  every string put on a canvas;
- ``markup(text)``: every content string that goes into a Paragraph.

Wrapping is greedy and cheap for the many sizes layouts try: word widths are
measured once at 1 pt and scaled (ReportLab's ``stringWidth`` has no kerning,
so widths add up). A word wider than the line is split by characters with a
hyphen. Mixed-font lines are lists of units (a word, or a speaker's whole name,
never broken) made of segments (text, font, colour). Fitting (the largest size that fits, else
cut short with a warning) is kit/fitting.py, on top of these.
"""
from __future__ import annotations

from functools import lru_cache

from eventprint.fonts import NOTO, covered, style_of
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from . import textruns, theme, typeset
from .fitted import Fitted, printed
from .textruns import Line
from .escape import escape
from .textout import show

EPS = 1e-9

# --------------------------------------------------------------------------
# the three doors
# --------------------------------------------------------------------------


_THEME_FONTS = theme.THEME_FONTS


def _main(font: str) -> bool:
    """Whether ``font`` is a theme font, or a face of the family it is set in now (a brand's):
    text in it takes fallback faces where it must."""
    return font in _THEME_FONTS or font in theme.family().names


def width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points: the only place text is measured.

    Characters the theme's face lacks are measured in the fallback face that draws them
    (textruns); text the theme's face covers goes straight to ReportLab (``plain``). In a brand's
    family (theme.branded) every theme font is measured in the brand's face, through textruns.
    Typewriter quotes are measured as the typographic ones ``draw`` prints (typeset.quotes).
    """
    text = typeset.quotes(text)
    if theme.family() is not NOTO and _main(font):
        return textruns.width(text, font, size)
    if font in _THEME_FONTS and not plain(text):
        return textruns.width(text, font, size)
    return stringWidth(text, font, size)


def plain(text: str) -> bool:
    """Whether the theme's face (the family set now) draws every character of ``text`` (the fast path: no runs)."""
    return _plain(text, theme.family().names)


# The caches below are keyed by the family's names, the family set now: a tuple of strings hashes
# in C, a Family (a dataclass) through a Python call, and these are asked some 300,000 times a build.
@lru_cache(maxsize=65536)
def _plain(text: str, names: tuple[str, ...]) -> bool:
    return covered(theme.family()).issuperset(map(ord, text))


def unit_width(text: str, font: str) -> float:
    """Width at 1 pt, cached: layouts try many sizes for the same words."""
    return _unit_width(text, font, theme.family().names)


@lru_cache(maxsize=65536)
def _unit_width(text: str, font: str, names: tuple[str, ...]) -> float:
    return width(text, font, 1.0)


def text_width(text: str, font: str, size: float) -> float:
    """Width from the cache (the same number as ``width`` up to rounding)."""
    return unit_width(typeset.quotes(text), font) * size


def draw(c: Canvas, text: str, x: float, y: float, font: str | None = None, size: float | None = None,
         colour: Color | None = None, align: str = "left", base: int | None = None) -> None:
    """Put one line of text on the canvas: the only place strings are drawn.

    Baseline at ``y``; ``x`` is the left end, the right end (``align="right"``)
    or the centre (``"centre"``). ``font`` and ``colour`` are set first when given;
    otherwise the canvas's current ones are used. Typewriter quotes print as the event
    language's typographic ones (typeset.quotes; addresses are left as written).
    ``base``: the base level of the paragraph the line is from (textruns.base_of).
    """
    text = typeset.quotes(text)
    if font is not None:
        c.setFont(font, size)
    if colour is not None:
        c.setFillColor(colour)
    if (base or not plain(text) or theme.family() is not NOTO) and _main(c._fontname):
        # fallback faces, right-to-left runs in visual order, Arabic joined; a brand's family
        textruns.draw(c, x, y, text, c._fontname, c._fontsize, align, base)
        return
    show(c, x, y, text, align if align in ("right", "centre") else "left")


def draw_spaced(c: Canvas, text: str, x: float, y: float, font: str, size: float, space: float,
                colour: Color) -> None:
    """Letter-spaced text (``space`` points between characters), through a text object."""
    font = theme.face(font) if plain(text) else font  # a brand's family, where it has the letters
    c.setFont(font, size)  # else the text object starts in ReportLab's default Helvetica
    t = c.beginText(x, y)
    t.setFont(font, size)
    t.setCharSpace(space)
    t.setFillColor(colour)
    t.textOut(typeset.quotes(text))
    t.setCharSpace(0)  # Tc persists in the PDF text state: reset it for later strings
    c.drawText(t)


def markup(text: str, style: str = "regular") -> str:
    """Content text made safe for ReportLab's Paragraph markup: the only way content enters one.

    Runs the theme's face lacks are wrapped in ``<font face=...>`` of their fallback face
    (``style``: the Paragraph's style, so a bold heading falls back to a bold face).
    Quotes and apostrophes become typographic ones here (typeset.quotes), the one place.
    """
    text = typeset.quotes(text)
    if plain(text):
        return escape(text).replace('"', "&quot;").replace("'", "&#39;")
    return textruns.markup(text, style)


def markup_lines(text: str, font: str, size: float, max_width: float) -> str:
    """Paragraph markup for text with right-to-left runs, which a Paragraph cannot order over
    several lines: wrapped here in logical order, each line then put in visual order, the lines
    joined with ``<br/>``. Any other text is ``markup`` and the Paragraph wraps it itself."""
    style = style_of(font) if _main(font) else "regular"
    if not textruns.has_rtl(text):
        return markup(text, style)
    text = typeset.quotes(text)
    base = textruns.base_of(text)
    return (textruns.RTL_PARAGRAPH if base else "") + "<br/>".join(
        textruns.markup(line, style, base, paragraph=False) for line in wrap(text, font, size, max_width))


# --------------------------------------------------------------------------
# wrapping
# --------------------------------------------------------------------------


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Greedy word wrap; a single word wider than the line is split by characters."""
    if textruns.has_cjk(text) or textruns.is_complex(text):
        # Chinese and Japanese break between characters, not at spaces; shaped scripts are
        # measured line by line and cut between syllables (slowly: each wrap is kept, as layouts
        # try the same sizes for the same text again, a door sign for each of its headers)
        return list(_wrap_runs(text, font, size, max_width, typeset.language_of(text)))
    limit = max_width / size
    space = unit_width(" ", font)
    lines: list[str] = []
    for para in text.split("\n"):
        words_ = para.split()
        if any(unit_width(w, font) > limit + EPS for w in words_):
            lines += _wrap_splitting(para, font, size, max_width)  # rare: split over-long words
            continue
        line: list[str] = []
        used = 0.0
        for w in words_:
            ww = unit_width(w, font)
            if line and used + space + ww > limit + EPS:
                lines.append(" ".join(line))
                line, used = [w], ww
            else:
                used = used + space + ww if line else ww
                line.append(w)
        lines.append(" ".join(line))
    return lines


@lru_cache(maxsize=8192)
def _wrap_runs(text: str, font: str, size: float, max_width: float, lang: str) -> tuple[str, ...]:
    """``textruns.wrap``, kept by the text's language too (it picks the Chinese face, the shaping)."""
    return tuple(textruns.wrap(text, font, size, max_width))


def _wrap_splitting(para: str, font: str, size: float, max_width: float) -> list[str]:
    """Wrap one paragraph that has a word wider than the line: such words are cut with a hyphen.

    Linear in the paragraph's length: widths add up (no kerning), so a word is measured
    once and each cut found by summing its characters' cached widths.
    """
    limit = max_width / size
    space, hyphen = unit_width(" ", font), unit_width("-", font)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in para.split():
        ww = unit_width(word, font)
        if line and used + space + ww <= limit + EPS:
            line.append(word)
            used += space + ww
            continue
        if line:
            lines.append(" ".join(line))
        # a lone character wider than the line stays whole (every pass must shorten the word)
        while len(word) > 1 and ww > limit + EPS:
            cut, piece = _cut(word, font, limit - hyphen)
            lines.append(word[:cut] + "-")
            word, ww = word[cut:], ww - piece
        line, used = [word], ww
    lines.append(" ".join(line))
    return lines


def _cut(word: str, font: str, room: float) -> tuple[int, float]:
    """How many leading characters (at least one, never all) fit in ``room`` (at 1 pt), and their width."""
    used = 0.0
    for i, ch in enumerate(word[:-1]):
        w = unit_width(ch, font)
        if i and used + w > room + EPS:
            return i, used
        used += w
    return len(word) - 1, used


Segment = tuple[str, str, object]  # text, font, colour
Unit = tuple[Segment, ...]  # never broken across lines (a word, a speaker's whole name)


def words(text: str, font: str, colour) -> list[Unit]:
    return [((w, font, colour),) for w in typeset.quotes(text).split()]


def after(units: list[Unit], more: list[Unit], sep: str = theme.MIDDOT) -> list[Unit]:
    """``units`` followed by ``more`` with a separator glued to the last unit (no line starts with it)."""
    if not units or not more:
        return units + more
    last = units[-1]
    font, colour = more[0][0][1], more[0][0][2]
    glued = last + ((" " + sep, font, colour),)
    return units[:-1] + [glued] + more


Measures = tuple[tuple[float, float], ...]  # per unit: its width and the space before it, at 1 pt


def measure_units(units: list[Unit] | tuple[Unit, ...]) -> Measures:
    """What ``wrap_units`` needs to know of ``units``: layouts that try many sizes for the same
    units (a door sign's rows) measure them once."""
    names = theme.family().names  # once, not for each of some 160,000 segments
    return tuple((sum(_unit_width(t, f, names) for t, f, _ in u), _unit_width(" ", u[0][1], names)) for u in units)


def wrap_units(units: list[Unit] | tuple[Unit, ...], size: float, max_width: float,
               measures: Measures | None = None) -> list[tuple[Segment, ...]]:
    """Greedy wrap of mixed-font units into lines of segments (a space between units).

    A unit wider than the line is broken on its own lines, word by word and then
    by characters, as ``wrap`` does. ``measures``: ``measure_units(units)``, if known.
    Lines of a paragraph with right-to-left text are ``Line``s that know its base direction.
    """
    limit = max_width / size
    lines: list[tuple[Segment, ...]] = []
    line: list[Segment] = []
    used = 0.0
    for unit, (uw, space) in zip(units, measures or measure_units(units)):
        if line:
            if used + space + uw <= limit + EPS:
                line.append((" ", unit[0][1], unit[0][2]))
                line.extend(unit)
                used += space + uw
                continue
            lines.append(tuple(line))
            line, used = [], 0.0
        if uw <= limit + EPS:
            line, used = list(unit), uw
            continue
        for t, f, col in unit:  # each segment wrapped; a short one (a glued separator) stays on the line
            parts = wrap(t, f, size, max_width)
            if len(parts) == 1 and line and used + unit_width(t, f) <= limit + EPS:
                line.append((t, f, col))
                used += unit_width(t, f)
                continue
            for piece in parts:
                if line:
                    lines.append(tuple(line))
                line, used = [(piece, f, col)], unit_width(piece, f)
    if line:
        lines.append(tuple(line))
    text = " ".join(t for unit in units for t, _f, _c in unit)
    if textruns.has_rtl(text):
        base = textruns.base_of(text)
        lines = [Line(ln, base, max_width) for ln in lines]
    return lines


def line_count(units: list[Unit] | tuple[Unit, ...], size: float, max_width: float,
               measures: Measures | None = None) -> int:
    """``len(wrap_units(...))`` without making the lines: fitting tries many sizes and keeps one."""
    measures = measures or measure_units(units)
    limit = max_width / size + EPS
    if any(uw > limit for uw, _ in measures):  # a unit broken by characters: wrap to know
        return len(wrap_units(units, size, max_width, measures))
    count, used = 0, 0.0
    for uw, space in measures:
        if count and used + space + uw <= limit:
            used += space + uw
        else:
            count, used = count + 1, uw
    return count


def draw_segments(c: Canvas, line: tuple[Segment, ...], x: float, y: float, size: float) -> None:
    """Draw one wrapped line of segments with its baseline at y. A line with right-to-left text
    is put in visual order as a whole (its segments keep their fonts and colours), and a line of
    a right-to-left paragraph is set at the right end of the width it was wrapped to."""
    base = getattr(line, "base", 0)
    if not base and not any(textruns.has_rtl(t) for t, _f, _c in line):
        for text, font, colour in line:
            if text != " ":
                draw(c, text, x, y, font, size, colour)
            x += text_width(text, font, size)
        return
    pieces = textruns.visual_pieces(line, base)
    if base and getattr(line, "width", 0):
        x += line.width - sum(text_width(t, f, size) for t, f, _c, _b in pieces)
    for text, font, colour, level in pieces:
        if text.strip():
            draw(c, text, x, y, font, size, colour, base=level % 2)
        x += text_width(text, font, size)


def draw_lines(c: Canvas, fitted: Fitted, font: str, x: float, top: float,
               align: str = "left", box_width: float = 0, color: Color = theme.INK) -> float:
    """Draw fitted lines whose first line's top is at ``top``; return the y below them. A
    right-to-left paragraph set left is set right, in ``box_width`` or the width it was fitted to."""
    printed(fitted)
    c.setFont(font, fitted.size)
    c.setFillColor(color)
    lead = theme.leading(fitted.size)
    # baseline sits ~0.8 em below the line top for Noto Sans (ascender 1.069 em, leading 1.3)
    y = top - fitted.size * 1.02
    if align == "left" and fitted.base and (box_width or fitted.width):
        align, box_width = "right", box_width or fitted.width
    anchor = {"center": x + box_width / 2, "right": x + box_width}.get(align, x)
    for line in fitted.lines:
        draw(c, line, anchor, y, align="centre" if align == "center" else align, base=fitted.base)
        y -= lead
    return top - fitted.height
