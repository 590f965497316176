"""A time x room grid for one day: rooms as columns, time running down.

Pure and reusable (the poster, and the booklet's at-a-glance): ``plan`` lays a
day (or a group of its rooms) out in a given width at a given type size and
says how tall it must be so that every box holds its whole text; ``fit`` makes
it exactly as tall as a box it is given (stretching, or, as a last resort,
shrinking and then truncating text with an ellipsis); ``cuts`` and
``rows_between`` cut it in time for pages too short for a whole day; ``draw``
draws it, each box optionally a link.

Rows are slotted: every time at which something starts or ends is a row
boundary, and each row is as tall as the items ending in it need (and at
least proportional to its minutes), so parallel items line up and the grid
stays compact. Times when nothing happens shrink to a thin band. An item that
nothing overlaps and that is not a talk in a room (registration, lunch) spans
every column, with its room, if any, named in the box; a talk stays in its
room's column. A room holding no talk (the foyer's coffee) gets a half-width
column. Columns follow ``room_order``: first use in the whole programme, the
same on every output. Items that overlap in one room's column (a conflict ``check`` reports)
stand side by side in it, each whole (``grid_columns``: columns and lanes). Box text:
``grid_text``; track colours: ``tracks``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time

from eventprint import i18n
from eventprint.model import Day, Item, Kind, Room
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from . import theme
from .grid_columns import NO_ROOM, _end, _keys, _start, columns, is_parallel, lanes, spanning  # noqa: F401 (grid.columns ...: the layouts' names)
from .grid_text import (
    DETAIL,
    EDGE,
    LEAD,
    PAD,
    VPAD,
    BoxText,
    box_text,
    ellipsize,
    quiet,
    squeeze,
)
from .text import draw as draw_text
from .rooms import room_order  # noqa: F401  (grid.room_order: the one room order of every output)
from .text import Line, draw_segments, text_width, words, wrap_units
from .tracks import item_track, tint

GAP = 0.12  # between boxes, x the type size
MIN_COL_EM = 10.5  # narrowest readable room column, in ems of the type size (~20 characters)
IDLE = 1.4  # a stretch of time when nothing happens: this tall, x the type size
MAX_STRETCH = 1.6  # rows grow at most this much to fill a taller box
MIN_PER_30 = 1.6  # rows are at least this many lines per 30 minutes: longer items look longer


# --------------------------------------------------------------------------
# the grid
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    item: Item
    col: int | None  # None: spans every column
    first: int  # index of its first row
    last: int  # index of its last row
    text: BoxText
    lane: int = 0  # items overlapping in one room's column (a conflict) stand side by side in it:
    lanes: int = 1  # this one in lane ``lane`` of ``lanes``

    def span(self, col_x: tuple[float, ...], col_ws: tuple[float, ...], full: float) -> tuple[float, float]:
        """Its left edge (from the grid's first column) and width."""
        if self.col is None:
            return 0.0, full
        w = col_ws[self.col] / self.lanes
        return col_x[self.col] + self.lane * w, w


@dataclass(frozen=True)
class Grid:
    day: Day
    columns: tuple[Room | None, ...]
    t: float
    width: float
    axis_w: float
    col_x: tuple[float, ...]  # each column's left edge, from the grid's left edge
    col_ws: tuple[float, ...]  # each column's width
    head_size: float
    head: tuple[tuple[str, ...], ...]  # each column's name, wrapped
    bounds: tuple[int, ...]  # row boundaries in minutes of the day
    idle: tuple[bool, ...]  # per row: nothing happens
    rows: tuple[float, ...]  # per row: height
    boxes: tuple[Box, ...]
    colours: tuple[tuple[str, Color], ...] = ()

    @property
    def head_h(self) -> float:
        return (LEAD * len(max(self.head, key=len, default=())) + 2 * PAD) * self.head_size

    @property
    def height(self) -> float:
        return self.head_h + sum(self.rows)

    @property
    def tracks(self) -> tuple[str, ...]:
        """Tracks of the items shown, in legend order."""
        shown = {item_track(b.item) for b in self.boxes}
        return tuple(t for t, _ in self.colours if t in shown)


def axis_width(t: float, lang: object = "en") -> float:
    """The time axis: '00:00', or a 12-hour clock's '10:00 PM' where the language uses one."""
    labels = ("00:00",) + ((i18n.clock(lang, time(22, 0)),) if i18n.twelve_hour(lang) else ())
    return max(text_width(x, theme.FONT_BOLD, DETAIL * t) for x in labels) + 0.6 * t


QUIET_COL = 0.5  # a column holding no talk (the foyer's coffee) is this narrow, x a talk column


def _quiet_column(day: Day, room: Room | None, span: frozenset[str]) -> bool:
    key = room.id if room else None
    return all(quiet(it) for it in day.items if it.id not in span and key in _keys(it))


def col_widths(day: Day, cols: tuple[Room | None, ...], width: float, t: float) -> tuple[float, ...]:
    """Widths of the columns: talk columns share the width evenly, talk-free ones get half as much."""
    span = spanning(day.items)
    weights = [QUIET_COL if _quiet_column(day, r, span) else 1.0 for r in cols]
    unit = (width - axis_width(t, day.language)) / max(sum(weights), 1e-9)
    return tuple(w * unit for w in weights)


def max_columns(width: float, t: float, lang: object = "en") -> int:
    """How many room columns of readable width fit across ``width`` at size ``t``."""
    return max(1, int((width - axis_width(t, lang)) // (MIN_COL_EM * t)))


def plan(day: Day, order: tuple[Room, ...], width: float, t: float, rooms: tuple[Room | None, ...] | None = None,
         colours: dict[str, Color] | None = None, narrow_ok: bool = False) -> Grid | None:
    """The day's grid (only ``rooms`` of its columns, if given) ``width`` wide at size ``t``, as tall as its
    text needs; None if a column would be narrower than MIN_COL_EM ems (unless ``narrow_ok``)."""
    span = spanning(day.items)
    cols = rooms if rooms is not None else columns(day, order)
    ws = col_widths(day, cols, width, t)
    if ws and min(w / (QUIET_COL if w < max(ws) - 1e-6 else 1.0) for w in ws) < MIN_COL_EM * t - 1e-6 \
            and not narrow_ok:
        return None
    xs = tuple(sum(ws[:i]) for i in range(len(ws)))
    key = {(r.id if r else None): i for i, r in enumerate(cols)}
    shown: list[tuple[Item, int | None]] = []
    for it in day.items:
        if it.id in span:
            shown.append((it, None))
        else:  # in each of its rooms' columns
            shown += [(it, key[k]) for k in _keys(it) if k in key]
    full = width - axis_width(t, day.language)
    bounds = sorted({_start(it) for it, _ in shown} | {_end(it) for it, _ in shown})
    index = {b: i for i, b in enumerate(bounds)}
    n = max(len(bounds) - 1, 0)
    covered = [False] * n
    boxes = []
    for (it, col), (lane, count) in zip(shown, lanes(shown)):
        a, b = index[_start(it)], index[_end(it)] - 1
        for r in range(a, b + 1):
            covered[r] = True
        w = full if col is None else ws[col] / count
        boxes.append(Box(it, col, a, b, box_text(it, col is None, t, w - GAP * t, day.language), lane, count))
    label = LEAD * DETAIL * t + 0.2 * t  # a time label must fit between two row lines
    rows = []
    for r in range(n):
        minutes = bounds[r + 1] - bounds[r]
        rows.append(max(label, MIN_PER_30 * LEAD * t * minutes / 30) if covered[r] else IDLE * t)
    ends: dict[int, list[Box]] = {}
    for bx in boxes:
        ends.setdefault(bx.last, []).append(bx)
    for r in range(n):  # each row as tall as the boxes ending in it still need
        for bx in ends.get(r, ()):
            have = sum(rows[bx.first:r])
            rows[r] = max(rows[r], bx.text.height + GAP * t - have)
    hs = DETAIL * t
    elsewhere = day.venue.short_name or i18n.tr(day.language, "Elsewhere")
    head = tuple(_head_lines(r.name if r else elsewhere, hs, w - 2 * PAD * hs) for r, w in zip(cols, ws))
    return Grid(day, tuple(cols), t, width, axis_width(t, day.language), xs, ws, hs, head, tuple(bounds),
                tuple(not c for c in covered), tuple(rows), tuple(boxes), tuple((colours or {}).items()))


def _head_lines(name: str, size: float, width: float) -> tuple[str, ...]:
    """A column's room name in at most two lines; longer names end with an ellipsis."""
    lines = wrap_units(words(name, theme.FONT_BOLD, theme.INK), size, width)
    if len(lines) > 2:
        lines = lines[:1] + [ellipsize(lines[1], size, width)]
    return tuple("".join(t for t, _, _ in ln) for ln in lines)


def fit(g: Grid, height: float, max_stretch: float = MAX_STRETCH) -> Grid:
    """The grid exactly ``height`` tall, or shorter if it would stretch more than ``max_stretch``.

    Taller: busy rows grow in proportion. Shorter (a last resort, when no split of the day
    gives the text room): rows shrink, and each box's text shrinks, then is cut with an ellipsis.
    """
    busy = sum(h for h, idle in zip(g.rows, g.idle) if not idle)
    room = height - g.head_h - sum(h for h, idle in zip(g.rows, g.idle) if idle)
    if busy <= 0:
        return g
    f = min(room / busy, max_stretch)
    if f >= 1 - 1e-9:
        return replace(g, rows=tuple(h if idle else h * f for h, idle in zip(g.rows, g.idle)))
    label = LEAD * DETAIL * g.t * 0.5
    rows = tuple(h if idle else max(label, h * f) for h, idle in zip(g.rows, g.idle))
    while sum(rows) > height - g.head_h + 1e-6 and f > 0.01:  # the label floors took some room back
        f *= 0.97
        rows = tuple(h if idle else max(label, h * f) for h, idle in zip(g.rows, g.idle))
    full = g.width - g.axis_w
    boxes = []
    for bx in g.boxes:
        h = sum(rows[bx.first:bx.last + 1]) - GAP * g.t
        w = bx.span(g.col_x, g.col_ws, full)[1] - GAP * g.t
        text = bx.text if bx.text.height <= h + 1e-6 else squeeze(bx.item, bx.col is None, g.t, w, h, g.day.language)
        boxes.append(replace(bx, text=text))
    return replace(g, rows=rows, boxes=tuple(boxes))


def cuts(g: Grid) -> tuple[int, ...]:
    """Row boundaries (indices into ``g.bounds``) that no box crosses: where a grid too tall for
    one page may be cut in time (the booklet's A5 pages)."""
    crossed = {r for bx in g.boxes for r in range(bx.first + 1, bx.last + 1)}
    return tuple(r for r in range(len(g.rows) + 1) if r not in crossed)


def rows_between(g: Grid, a: int, b: int) -> Grid:
    """Rows ``a`` to ``b`` (two of ``cuts``) of the grid, with the boxes inside them: the same columns
    and row heights, so the pieces of a day cut in time line up with each other."""
    boxes = tuple(replace(bx, first=bx.first - a, last=bx.last - a) for bx in g.boxes if a <= bx.first and bx.last < b)
    return replace(g, bounds=g.bounds[a:b + 1], idle=g.idle[a:b], rows=g.rows[a:b], boxes=boxes)


# --------------------------------------------------------------------------
# drawing
# --------------------------------------------------------------------------


def row_tops(g: Grid, top: float) -> list[float]:
    """y of every row boundary, from the first (below the room names) down."""
    ys = [top - g.head_h]
    for h in g.rows:
        ys.append(ys[-1] - h)
    return ys


def _draw_lines(c: Canvas, lines, x: float, y: float, size: float) -> float:
    """Lines of segments from the line top ``y`` down; returns the y below them."""
    for line in lines:
        if getattr(line, "base", 0) or isinstance(line, Line):  # right-to-left text: ordered as one line
            draw_segments(c, line, x, y - 0.93 * size, size)
            y -= LEAD * size
            continue
        runs: list[list] = []  # one string per run of one font and colour, spaces included, so
        for text, font, colour in line:  # that the PDF's text copies and searches as words
            if runs and runs[-1][1:] == [font, colour]:
                runs[-1][0] += text
            else:
                runs.append([text, font, colour])
        xx = x
        for text, font, colour in runs:
            if text.strip():
                c.setFont(font, size)
                c.setFillColor(colour)
                draw_text(c, text, xx, y - 0.93 * size)
            xx += text_width(text, font, size)
        y -= LEAD * size
    return y


def draw(c: Canvas, g: Grid, x: float, top: float, s: float, link=None) -> float:
    """Draw the grid with its top-left at (x, top); returns its bottom. ``link(item)``, if given,
    names the destination each box links to (None: no link)."""
    t = g.t
    ys = row_tops(g, top)
    gx = x + g.axis_w
    right = x + g.width
    # room names over their columns
    hs = g.head_size
    for i, lines in enumerate(g.head):
        cx = gx + g.col_x[i] + PAD * hs
        c.setFont(theme.FONT_BOLD, hs)
        c.setFillColor(theme.ACCENT if g.columns[i] is not None else theme.MUTED)
        for j, ln in enumerate(lines):
            draw_text(c, ln, cx, top - PAD * hs - (j + 0.85) * LEAD * hs)
    c.setStrokeColor(theme.ACCENT)
    c.setLineWidth(1.6 * s)
    c.line(x, ys[0], right, ys[0])
    # the time axis: a label and a hairline at every start, and where the day pauses or ends
    starts = {_start(b.item) for b in g.boxes}
    c.setLineWidth(0.6 * s)
    last_label = None
    for r, m in enumerate(g.bounds):
        ends_here = r == len(g.bounds) - 1 or g.idle[r]
        if m not in starts and not ends_here:
            continue
        y = ys[r]
        if last_label is not None and last_label - y < LEAD * DETAIL * t * 0.9:
            continue  # compressed too far (a last-resort fit): left out rather than overprinted
        last_label = y
        if r:
            c.setStrokeColor(theme.RULE)
            c.line(x, y, right, y)
        c.setFont(theme.FONT_BOLD if m in starts else theme.FONT, DETAIL * t)
        c.setFillColor(theme.INK if m in starts else theme.MUTED)
        draw_text(c, i18n.clock(g.day.language, time(m // 60 % 24, m % 60)), x, y - 0.95 * DETAIL * t)
    colours = dict(g.colours)
    gap = GAP * t
    for bx in g.boxes:
        it = bx.item
        y0, y1 = ys[bx.first], ys[bx.last + 1]
        off, bw = bx.span(g.col_x, g.col_ws, right - gx)
        bx0 = gx + off
        bx0 += gap / 2
        bw -= gap
        by, bh = y1 + gap / 2, y0 - y1 - gap
        track = item_track(it)
        bar = colours.get(track) if track else None
        if bar is not None:
            fill = tint(bar)
        elif it.kind.is_pause:
            fill = theme.PAUSE_BG
        elif it.is_talk:
            fill = theme.ACCENT_LIGHT
        else:
            fill = theme.WHITE
        c.setFillColor(fill)
        c.setStrokeColor(theme.RULE)
        c.setLineWidth(0.6 * s)
        c.rect(bx0, by, bw, bh, stroke=1 if fill is theme.WHITE else 0, fill=1)
        edge = bar if bar is not None else (theme.ACCENT if it.kind is Kind.KEYNOTE else None)
        if edge is not None:
            c.setFillColor(edge)
            c.rect(bx0, by, EDGE * bx.text.size, bh, stroke=0, fill=1)
        key = link(it) if link is not None else None
        if key:
            c.linkRect("", key, (bx0, by, bx0 + bw, by + bh), relative=1, thickness=0)
        bt = bx.text
        tx = bx0 + (EDGE + PAD) * bt.size
        ty = y0 - gap / 2 - VPAD * bt.size
        ty = _draw_lines(c, bt.title, tx, ty, bt.size)
        _draw_lines(c, bt.detail, tx, ty, DETAIL * bt.size)
    return ys[-1]


def groups(cols: tuple, g: int) -> list[tuple]:
    """``cols`` in ``g`` runs of neighbours, as even as can be (the first ones longer by one)."""
    n = len(cols)
    out, start = [], 0
    for i in range(g):
        size = n // g + (1 if i < n % g else 0)
        out.append(cols[start:start + size])
        start += size
    return out


def group_label(day_cols: tuple, part: tuple, lang: object = "en") -> str:
    if len(part) == len(day_cols):
        return ""
    names = [r.name if r is not None else i18n.tr(lang, "Other", "no room") for r in part]
    i = day_cols.index(part[0]) + 1
    n = len(day_cols)
    where = (i18n.tr(lang, "room {i} of {n}", i=i, n=n) if len(part) == 1
             else i18n.tr(lang, "rooms {i}–{j} of {n}", i=i, j=i + len(part) - 1, n=n))
    shown = names[0] if len(part) == 1 else f"{names[0]} {theme.EN_DASH} {names[-1]}"
    return f"{shown}  {theme.MIDDOT}  {where}"
