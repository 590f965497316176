"""Text helpers shared by the door signs and the poster.

Both layouts try many type sizes before they settle on one, so wrapping must be
cheap: word widths are measured once at 1 pt and scaled (ReportLab's
``stringWidth`` has no kerning, so widths add up exactly). The result is the
same as ``common.wrap``, which is still used for the rare word wider than a line.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from eventprint.model import Event, Item

from . import common, theme


@lru_cache(maxsize=65536)
def _unit_width(text: str, font: str) -> float:
    return common.width(text, font, 1.0)


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Greedy word wrap, identical in result to ``common.wrap`` but fast for repeated sizes."""
    limit = max_width / size
    space = _unit_width(" ", font)
    lines: list[str] = []
    for para in text.split("\n"):
        words = para.split()
        if any(_unit_width(w, font) > limit + 1e-9 for w in words):
            lines += common.wrap(para, font, size, max_width)  # rare: split over-long words
            continue
        line: list[str] = []
        used = 0.0
        for w in words:
            ww = _unit_width(w, font)
            if line and used + space + ww > limit + 1e-9:
                lines.append(" ".join(line))
                line, used = [w], ww
            else:
                used = used + space + ww if line else ww
                line.append(w)
        lines.append(" ".join(line))
    return lines


def wrap_tokens(tokens: tuple[str, ...], font: str, size: float, max_width: float) -> list[str]:
    """Wrap unbreakable tokens (a speaker's whole name) greedily; a token too long for a line is
    word-wrapped on its own lines."""
    limit = max_width / size
    space = _unit_width(" ", font)
    lines: list[str] = []
    line, used = "", 0.0
    for tok in tokens:
        tw = _unit_width(tok, font)
        if line and used + space + tw <= limit + 1e-9:
            line, used = f"{line} {tok}", used + space + tw
            continue
        if line:
            lines.append(line)
        if tw <= limit + 1e-9:
            line, used = tok, tw
        else:
            parts = wrap(tok, font, size, max_width)
            lines += parts[:-1]
            line, used = parts[-1], _unit_width(parts[-1], font)
    if line:
        lines.append(line)
    return lines


Segment = tuple[str, str, object]  # text, font, colour
Unit = tuple[Segment, ...]  # never broken across lines (a word, a speaker's whole name)


def words(text: str, font: str, colour) -> list[Unit]:
    return [((w, font, colour),) for w in text.split()]


def _unit_w(unit: Unit) -> float:
    return sum(_unit_width(t, f) for t, f, _ in unit)


def wrap_units(units: list[Unit], size: float, max_width: float) -> list[tuple[Segment, ...]]:
    """Greedy wrap of mixed-font units into lines of segments (a space between units).

    A unit wider than the line is broken on its own lines, word by word and then
    by characters, as ``common.wrap`` does.
    """
    limit = max_width / size
    lines: list[tuple[Segment, ...]] = []
    line: list[Segment] = []
    used = 0.0
    for unit in units:
        uw = _unit_w(unit)
        if line:
            space = _unit_width(" ", unit[0][1])
            if used + space + uw <= limit + 1e-9:
                line.append((" ", unit[0][1], unit[0][2]))
                line.extend(unit)
                used += space + uw
                continue
            lines.append(tuple(line))
            line, used = [], 0.0
        if uw <= limit + 1e-9:
            line, used = list(unit), uw
            continue
        pieces = [(piece, f, col) for t, f, col in unit for piece in wrap(t, f, size, max_width)]
        lines += [(p,) for p in pieces[:-1]]
        line, used = [pieces[-1]], _unit_width(pieces[-1][0], pieces[-1][1])
    if line:
        lines.append(tuple(line))
    return lines


def line_text(line: tuple[Segment, ...]) -> str:
    return "".join(t for t, _, _ in line)


def draw_segments(c, line: tuple[Segment, ...], x: float, y: float, size: float) -> None:
    """Draw one wrapped line of segments with its baseline at y."""
    for text, font, colour in line:
        if text != " ":
            c.setFont(font, size)
            c.setFillColor(colour)
            c.drawString(x, y, text)
        x += _unit_width(text, font) * size


def text_width(text: str, font: str, size: float) -> float:
    return _unit_width(text, font) * size


def as_of(event: Event) -> str:
    """'As of 10 Sep 2024, 18:00': which version of the programme a print shows."""
    return f"As of {stamp(event.updated)}"


def stamp(dt: datetime) -> str:
    return f"{dt.day} {dt:%b %Y}, {dt:%H:%M}"


def short_url(url: str) -> str:
    """The URL as printed: without the scheme (phones add it back)."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return url[len(scheme):]
    return url


def speakers(item: Item) -> str:
    return ", ".join(p.name for p in item.speakers)


def secondary(item: Item, font: str = theme.FONT, colour=theme.MUTED) -> list[Unit]:
    """Speakers, then the item's note, as wrap units: a line never breaks inside a name."""
    return names_and_note(tuple(p.name for p in item.speakers), item.note or "", font, colour)


def names_and_note(names: tuple[str, ...], note: str, font: str = theme.FONT, colour=theme.MUTED) -> list[Unit]:
    """Names, then a note, as wrap units: a line never breaks inside a name."""
    units: list[Unit] = [((n + ",", font, colour),) for n in names[:-1]]
    units += [((n, font, colour),) for n in names[-1:]]
    if note:
        if units:
            units.append(((theme.MIDDOT, font, colour),))
        units += words(note, font, colour)
    return units


def after(units: list[Unit], more: list[Unit], sep: str = theme.MIDDOT) -> list[Unit]:
    """``units`` followed by ``more`` with a separator glued to the last unit (no line starts with it)."""
    if not units or not more:
        return units + more
    last = units[-1]
    font, colour = more[0][0][1], more[0][0][2]
    glued = last + ((" " + sep, font, colour),)
    return units[:-1] + [glued] + more
