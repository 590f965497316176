"""The text inside a grid's boxes: title and speakers wrapped to the box, and, where a box is
too low, shrunk and then cut with an ellipsis (never overflowing the box)."""
from __future__ import annotations

from dataclasses import dataclass

from eventprint import i18n
from eventprint.model import Item, Kind

from . import theme, typeset
from .text import Segment, text_width, words, wrap_units

DETAIL = 0.82  # speakers, rooms, notes: x the type size
LEAD = 1.12  # line height, x the size of the line
PAD = 0.25  # inside a box, left and right, x the type size
VPAD = 0.2  # inside a box, above and below
EDGE = 0.22  # the coloured bar at a box's left edge (track, keynote), x the size; text always clears it
FLOOR = 0.7  # a box that cannot hold its text shrinks it to this x the type size before truncating
ELLIPSIS = "\u2026"
# titles in regular weight: bold is ~8 % wider, and a grid box is narrow (the poster's flowing lists
# do the same); the box, the time and the muted speakers below already set each title apart
TITLE_FONT = theme.FONT
KEYNOTE_LABEL = "KEYNOTE"


@dataclass(frozen=True)
class BoxText:
    size: float
    title: tuple[tuple[Segment, ...], ...]
    detail: tuple[tuple[Segment, ...], ...]

    @property
    def height(self) -> float:
        return (2 * VPAD + LEAD * len(self.title) + LEAD * DETAIL * len(self.detail)) * self.size


def quiet(it: Item) -> bool:
    """Breaks, meals and items with neither talk nor speakers: set quietly."""
    return it.kind.is_pause or (not it.is_talk and not it.speakers)


def _units(it: Item, span: bool, lang: object = "en") -> tuple[list, list]:
    """Title units and detail units (speakers, room of a spanning item, note)."""
    if quiet(it):
        font, colour = theme.FONT, theme.INK if not it.kind.is_pause else theme.MUTED
    else:
        font, colour = theme.title_face(TITLE_FONT, it.title.confirmed)
    title = words(typeset.quotes(it.title.display, lang), font, colour)  # typographic quotes, as in the booklet's text
    if it.kind is Kind.KEYNOTE:
        title = [((i18n.tr(lang, KEYNOTE_LABEL), theme.FONT_BOLD, theme.ACCENT),)] + title
    detail: list = []
    if span and it.room is not None:
        detail += words(", ".join(r.name for r in it.rooms), theme.FONT_BOLD, theme.MUTED)
    names = [typeset.quotes(p.name, lang) for p in it.speakers]
    if detail and (names or it.note):
        detail[-1] = detail[-1] + ((" " + theme.MIDDOT, theme.FONT, theme.MUTED),)
    detail += [((n + ",", theme.FONT, theme.MUTED),) for n in names[:-1]]
    detail += [((n, theme.FONT, theme.MUTED),) for n in names[-1:]]
    if it.note:
        if names:
            detail[-1] = detail[-1] + ((" " + theme.MIDDOT, theme.FONT, theme.MUTED),)
        detail += words(typeset.quotes(it.note, lang), theme.FONT, theme.MUTED)
    return title, detail


def box_text(it: Item, span: bool, size: float, width: float, lang: object = "en") -> BoxText:
    title, detail = _units(it, span, lang)
    inner = max(width - (2 * PAD + EDGE) * size, 1.0)
    return BoxText(size, tuple(wrap_units(title, size, inner)), tuple(wrap_units(detail, DETAIL * size, inner)))


def _line_w(line: tuple[Segment, ...], size: float) -> float:
    return sum(text_width(t, f, size) for t, f, _ in line)


def ellipsize(line: tuple[Segment, ...], size: float, width: float) -> tuple[Segment, ...]:
    """The line cut short enough to end with an ellipsis inside ``width``."""
    segs = list(line)
    font, colour = (segs[-1][1], segs[-1][2]) if segs else (theme.FONT, theme.INK)
    room = width - text_width(ELLIPSIS, font, size)
    while segs and _line_w(tuple(segs), size) > room:
        t, f, c = segs[-1]
        if len(t) > 1 and _line_w(tuple(segs[:-1]), size) < room:
            segs[-1] = (t[:-1], f, c)
        else:
            segs.pop()
    while segs and not segs[-1][0].strip():
        segs.pop()
    return tuple(segs) + ((ELLIPSIS, font, colour),)


def squeeze(it: Item, span: bool, t: float, width: float, height: float, lang: object = "en") -> BoxText:
    """The item's text at the largest size from ``t`` down to FLOOR x t that fits the box;
    below that, at FLOOR x t, cut to the lines that fit with an ellipsis (title first)."""
    size = t
    while size >= FLOOR * t - 1e-9:
        bt = box_text(it, span, size, width, lang)
        if bt.height <= height + 1e-6:
            return bt
        size -= 0.25 * t / 11 * 2
    # below FLOOR only for a box too low for one line at FLOOR: smaller still, but never overflowing
    bt = box_text(it, span, min(FLOOR * t, height / (LEAD + 2 * VPAD)), width, lang)
    s = bt.size
    room = height - 2 * VPAD * s
    lines = max(1, int((room + 1e-6) // (LEAD * s)))
    inner = width - (2 * PAD + EDGE) * s
    if len(bt.title) >= lines:
        title = bt.title[:lines]
        if len(bt.title) > lines or bt.detail:
            title = title[:-1] + (ellipsize(title[-1], s, inner),)
        return BoxText(s, title, ())
    left = room - LEAD * s * len(bt.title)
    n = max(0, int((left + 1e-6) // (LEAD * DETAIL * s)))
    detail = bt.detail[:n]
    if n < len(bt.detail) and detail:
        detail = detail[:-1] + (ellipsize(detail[-1], DETAIL * s, inner),)
    return BoxText(s, bt.title, detail)
