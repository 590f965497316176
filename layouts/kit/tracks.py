"""Track colours and their legend, shared by every layout that colours items by track.

Colours go by first use in the programme, so every sheet and every output agrees on them, and
each track gets the fill that stands apart most from the tracks beside it in a grid (the rooms
next to it at the same time, the items before and after it in its room): in colour and in
lightness, so that a greyscale print keeps neighbours apart too. Fills come in two strengths of
each palette colour (``FILLS``); a track's edge bar and legend swatch carry the full colour.
"""
from __future__ import annotations

from eventprint.model import Event, Item
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from . import theme
from .rooms import room_order
from .text import Fitted, draw, printed, text_width
from .fitting import fit

LEAD = 1.12
FILLS = (theme.TRACK_TINT, 0.55)  # how much paper white a track's box mixes in: light, or stronger
# neighbours stand apart by at least this much in lightness (0..1) and in colour (sRGB distance)
APART_GREY, APART_COLOUR = 0.08, 0.12
LIGHTEST = 0.7  # no box fill darker than this (lightness 0..1): its text must read


_KNOWN: dict[int, tuple[Event, dict[str, Color]]] = {}  # the colours of the last few events a process asked about


def track_colours(event: Event) -> dict[str, Color]:
    """Each track's colour, by first use in the programme (so every sheet agrees), chosen to stand
    apart from its neighbours' (``neighbours``); ``tint`` gives its box's fill. Worked out once per
    event: every sheet and page asks."""
    known = _KNOWN.get(id(event))
    if known is not None and known[0] is event:
        return dict(known[1])
    colours = _colours(event)
    if len(_KNOWN) >= 4:
        _KNOWN.clear()
    _KNOWN[id(event)] = (event, colours)
    return dict(colours)


def _colours(event: Event) -> dict[str, Color]:
    order: list[str] = []
    for it in event.items:
        track = item_track(it)
        if track and track not in order:
            order.append(track)
    near = neighbours(event)
    candidates = [(base, white) for white in FILLS for base in range(len(theme.TRACK_COLOURS))
                  if _grey((base, white)) >= LIGHTEST]  # black text stays black on every fill
    chosen: dict[str, tuple[int, float]] = {}
    for k, track in enumerate(order):
        taken = set(chosen.values())
        bases = {b for b, _ in taken}
        around = [chosen[n] for n in near.get(track, ()) if n in chosen]

        def score(cand: tuple[int, float]) -> tuple:
            if all(_apart(cand, o) for o in around):  # the palette's order among those that stand apart
                return (1, cand not in taken, cand[0] not in bases, 0.0, -candidates.index(cand))
            return (0, False, False, min(_separation(cand, o) for o in around), -candidates.index(cand))
        chosen[track] = max(candidates, key=score)
    return {track: _ink(*chosen[track]) for track in order}


def _ink(base: int, white: float) -> Color:
    """The palette colour ``base`` whose boxes mix in ``white`` paper (its ``tint``)."""
    src = theme.TRACK_COLOURS[base]
    ink = theme.Ink(*src.cmyk(), screen=getattr(src, "screen", None))
    ink.white = white
    return ink


def _fill_rgb(base: int, white: float) -> tuple[float, float, float]:
    """The fill as printed, in plain (uncalibrated) RGB: each ink scaled down towards paper."""
    c, m, y, k = (v * (1 - white) for v in theme.TRACK_COLOURS[base].cmyk())
    return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)


def lightness(colour: Color) -> float:
    """The lightness (0..1, Rec. 709 weights) of a track's box fill: what a greyscale print shows."""
    r, g, b = _fill_rgb(_base(colour), getattr(colour, "white", theme.TRACK_TINT))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _base(colour: Color) -> int:
    cmyk = tuple(round(v, 4) for v in colour.cmyk())
    return next(i for i, c in enumerate(theme.TRACK_COLOURS) if tuple(round(v, 4) for v in c.cmyk()) == cmyk)


def _distance(a: tuple[int, float], b: tuple[int, float]) -> float:
    ra, rb = _fill_rgb(*a), _fill_rgb(*b)
    return sum((x - y) ** 2 for x, y in zip(ra, rb)) ** 0.5


def _grey(cand: tuple[int, float]) -> float:
    r, g, b = _fill_rgb(*cand)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _separation(a: tuple[int, float], b: tuple[int, float]) -> float:
    """How far apart two fills are, in the weaker of lightness and colour (1: just apart)."""
    return min(abs(_grey(a) - _grey(b)) / APART_GREY, _distance(a, b) / APART_COLOUR)


def _apart(a: tuple[int, float], b: tuple[int, float]) -> bool:
    return _separation(a, b) >= 1.0


def neighbours(event: Event) -> dict[str, set[str]]:
    """Tracks that meet in a grid: in rooms next to each other (in ``room_order``) at the same
    time, or one after the other in a room."""
    order = {r.id: i for i, r in enumerate(room_order(event))}
    out: dict[str, set[str]] = {}

    def meet(a: str | None, b: str | None) -> None:
        if a and b and a != b:
            out.setdefault(a, set()).add(b)
            out.setdefault(b, set()).add(a)
    for day in event.days:
        rooms = sorted({order[it.room.id] for it in day.items if it.room is not None and it.room.id in order})
        by_room: dict[int, list[Item]] = {}
        for it in day.items:
            if it.room is not None and item_track(it):
                by_room.setdefault(order[it.room.id], []).append(it)
        for items in by_room.values():
            for a, b in zip(items, items[1:]):
                meet(item_track(a), item_track(b))
        for left, right in zip(rooms, rooms[1:]):
            for a in by_room.get(left, ()):
                for b in by_room.get(right, ()):
                    if a.start_dt < b.end_dt and b.start_dt < a.end_dt:
                        meet(item_track(a), item_track(b))
    return out


def item_track(it: Item) -> str | None:
    """The item's track, or None when it has none (an empty text counts as none)."""
    return it.track or None


def tint(colour: Color, amount: float | None = None) -> Color:
    """The colour mixed with ``amount`` of paper white (the track's own, else TRACK_TINT): each ink
    scaled down (and on screen, each channel moved towards white)."""
    amount = getattr(colour, "white", theme.TRACK_TINT) if amount is None else amount
    screen = "#" + "".join(f"{round(255 * (v + (1 - v) * amount)):02x}" for v in colour.rgb())
    return theme.Ink(*(v * (1 - amount) for v in colour.cmyk()), screen=screen)


def legend_height(tracks: tuple[str, ...], width: float, size: float, label: str = "Tracks") -> float:
    return legend_lines(tracks, width, size, label) * LEAD * size + 0.4 * size


def draw_legend(c: Canvas, tracks: tuple[str, ...], colours: dict[str, Color], x: float, top: float,
                width: float, size: float, label: str = "Tracks") -> float:
    """'Tracks: [■ Robotics] [■ Vision] ...' on one line (wrapping if needed); returns its bottom."""
    y = top - LEAD * size
    cx = x
    c.setFont(theme.FONT_BOLD, size)
    c.setFillColor(theme.MUTED)
    draw(c, label, cx, y + 0.2 * size)
    cx += text_width(label, theme.FONT_BOLD, size) + size
    for tr in tracks:
        name = printed(_name(tr, width, size)).lines[0]
        w = 1.6 * size + text_width(name, theme.FONT, size) + 1.2 * size
        if cx + w > x + width and cx > x:
            y -= LEAD * size
            cx = x
        col = colours[tr]
        c.setFillColor(tint(col))
        c.rect(cx, y, 1.2 * size, 0.95 * size, stroke=0, fill=1)
        c.setFillColor(col)
        c.rect(cx, y, 0.22 * size * 1.2, 0.95 * size, stroke=0, fill=1)
        c.setFont(theme.FONT, size)
        c.setFillColor(theme.INK)
        draw(c, name, cx + 1.6 * size, y + 0.2 * size)
        cx += w
    return y - 0.4 * size


def _name(track: str, width: float, size: float) -> Fitted:
    """A track's name as the legend prints it: on one line of the legend, else cut short there."""
    return fit(track, theme.FONT, width - 2.8 * size, size, size,
               what="a track's name in the legend of tracks (the booklet's and the poster's grids)")


def legend_lines(tracks: tuple[str, ...], x_width: float, size: float, label: str = "Tracks") -> int:
    cx = text_width(label, theme.FONT_BOLD, size) + size
    n = 1
    for tr in tracks:
        w = 1.6 * size + text_width(_name(tr, x_width, size).lines[0], theme.FONT, size) + 1.2 * size
        if cx + w > x_width and cx > 0:
            n += 1
            cx = 0
        cx += w
    return n
