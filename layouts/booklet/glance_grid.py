"""The booklet's programme at a glance for a day whose rooms run in parallel: the poster's time x
room grid (grid.py), on A5 pages.

Rooms are columns in ``grid.room_order``, as on the poster. A page holds as many rooms as stay
legible: the grid's narrowest readable column (grid.MIN_COL_EM) at a type size whose smallest
text (speakers, times, room names: grid_text.DETAIL x the size) is still 7 pt. A day with more
rooms is cut into groups of neighbouring rooms (``grid.groups``, as on the poster), each page naming the
rooms it shows; a day too long for a page is cut in time where no item crosses the cut, into
pieces of even height, each page repeating the room names and the time axis. Pages run room
group by room group, so a room's day reads on consecutive pages.

A day with more rooms than a page holds at that size is set on landscape pages (the page turned:
the booklet is read turned clockwise): 5 rooms a page instead of 3, so that more of what runs in
parallel is seen at once, in the same type. A page never holds only empty time: a piece of a day
begins at its first item and ends at its last.

Each box links to where the talk is printed in the booklet. The grid is drawn on the canvas;
``GridFlowable`` is the bridge into the booklet's platypus story, one per page.
"""
from __future__ import annotations

from eventprint import i18n
from eventprint.model import Day
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from ..kit import grid, theme, tracks
from ..kit.grid_text import DETAIL
from ..kit.text import draw
from ..kit.text import markup as _m
from .base import (
    FRAME_W,
    GLANCE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_H,
    Ctx,
    day_glance_key,
    glance_key,
    talk_key,
)
from .flow import Anchor

MIN_TYPE = 7.0  # no text on a glance page is smaller (but for the last-resort squeeze, see grid.fit)
# type sizes of the box titles, largest first; the smallest sets the details at MIN_TYPE
SIZES = (9.5, 9.0, round(MIN_TYPE / DETAIL + 0.005, 2))
LINE_SCALE = 0.5  # the grid's rules, x the poster's (drawn for A2 at s = 1)
LEGEND_SIZE = MIN_TYPE
LEGEND_GAP = 4  # pt between the tracks legend and the grid
FRAME_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
LANDSCAPE_W, LANDSCAPE_H = FRAME_H, FRAME_W  # a turned page's frame
SPACE_ABOVE = 12  # pt above the day's heading when it follows other text on a page


class GridFlowable(Flowable):
    """One page's piece of a day's grid, with the legend of the tracks it shows above it; turned
    (``heading`` given: a landscape page), the whole frame, its heading drawn turned with it."""

    def __init__(self, g: grid.Grid, colours: dict, link, heading: tuple[str, str] | None = None, st=None):
        super().__init__()
        self.g, self.colours, self.link, self.heading, self.st = g, colours, link, heading, st
        self.tracks = g.tracks
        self.legend_h = _legend_h(g, LANDSCAPE_W if heading else FRAME_W)
        self.width, self.height = (FRAME_W, FRAME_H) if heading else (FRAME_W, self.legend_h + g.height)

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        c = self.canv
        width, top = FRAME_W, self.height
        if self.heading:  # turned a quarter anticlockwise: the landscape page's top is the page's left
            c.saveState()
            c.translate(FRAME_W, 0)
            c.rotate(90)
            width, top = LANDSCAPE_W, LANDSCAPE_H
            for text, style in zip(self.heading, ("h1", "meta")):
                st = self.st[style]
                draw(c, text, 0, top - st.fontSize, st.fontName, st.fontSize, st.textColor)
                top -= st.leading + st.spaceAfter
            top -= 3
        if self.tracks:
            tracks.draw_legend(c, self.tracks, self.colours, 0, top, width, LEGEND_SIZE)
            top -= self.legend_h
        grid.draw(c, self.g, 0, top, LINE_SCALE, link=self.link)
        if self.heading:
            c.restoreState()


def _legend_h(g: grid.Grid, width: float = FRAME_W) -> float:
    return tracks.legend_height(g.tracks, width, LEGEND_SIZE) + LEGEND_GAP if g.tracks else 0.0


def _spans(g: grid.Grid, avail: float, first: float | None = None) -> list[tuple[int, int]]:
    """Row ranges of ``g`` (cut where no box crosses) that each fit ``avail`` with the room names, as
    few as can be, then as even as can be (the longest one as short as the count allows). With
    ``first``, the first range fills that height (the rest of a page) as far as it can."""
    cs = grid.cuts(g)

    def fill(cap: float) -> list[tuple[int, int]]:
        out, a, prev = [], 0, None
        for c in cs[1:]:
            limit = min(first, cap) if first is not None and not out else cap
            if prev is not None and prev > a and g.head_h + sum(g.rows[a:c]) > limit:
                out.append((a, prev))
                a = prev
            prev = c
        out.append((a, cs[-1]))
        return out

    best = fill(avail)
    lo, hi = 0.0, avail
    for _ in range(16):
        mid = (lo + hi) / 2
        trial = fill(mid)
        if len(trial) <= len(best):
            hi, best = mid, trial
        else:
            lo = mid
    return [p for p in (_busy(g, a, b) for a, b in best) if p is not None]


def _busy(g: grid.Grid, a: int, b: int) -> tuple[int, int] | None:
    """Rows ``a`` to ``b`` less the empty time at either end (none of it is a page's worth); None
    when nothing happens in them at all."""
    while a < b and g.idle[a]:
        a += 1
    while b > a and g.idle[b - 1]:
        b -= 1
    return (a, b) if any(a <= bx.first and bx.last < b for bx in g.boxes) else None


def _meta(day: Day, label: str) -> str:
    return f" {theme.MIDDOT} ".join(x for x in (i18n.tr(day.language, GLANCE), day.venue.name, label) if x)


def _heading_texts(day: Day, label: str, continued: bool) -> tuple[str, str]:
    """The day (continued) and the line naming the glance, the venue and the page's rooms."""
    title = i18n.day(day.language, day.date)
    return (f"{title} {i18n.tr(day.language, '(continued)')}" if continued else title), _meta(day, label)


def _heading(ctx: Ctx, day: Day, label: str, continued: bool) -> list:
    st = ctx.st
    title, meta = _heading_texts(day, label, continued)
    return [Paragraph(_m(title), st["h1"]), Paragraph(_m(meta), st["meta"]), Spacer(1, 3)]


def _heading_h(ctx: Ctx, day: Day, label: str) -> float:
    st = ctx.st
    return (sum(f.wrap(FRAME_W, PAGE_H)[1] for f in _heading(ctx, day, label, continued=True))
            + st["h1"].spaceAfter + st["meta"].spaceAfter)


def landscape(ctx: Ctx, day: Day) -> bool:
    """Whether the day is set on turned pages: its rooms do not all fit a portrait page's width."""
    ev = ctx.event
    order, colours = grid.room_order(ev), tracks.track_colours(ev)
    return all(grid.plan(day, order, FRAME_W, t, colours=colours) is None for t in SIZES)


def plan_day(ctx: Ctx, day: Day, room: float | None = None) -> list[tuple[str, grid.Grid]]:
    """The day's glance pages, in order: (which rooms the page shows, its piece of the grid, as
    tall as its text needs). The fewest room groups whose grids are legible, at the size that needs
    the fewest pages (the largest of those); on turned pages (``landscape``) when a portrait page
    cannot hold every room. ``room``: the first page has only this height left (portrait only)."""
    ev = ctx.event
    order, colours = grid.room_order(ev), tracks.track_colours(ev)
    cols = grid.columns(day, order)
    turned = landscape(ctx, day)
    width = LANDSCAPE_W if turned else FRAME_W
    # fewer groups cannot fit: each holds at most max_columns talk rooms and a half-width quiet one
    least = -(-len(cols) // (grid.max_columns(width, SIZES[-1]) + 1))
    for n in range(max(1, least), len(cols) + 1):
        parts = grid.groups(cols, n)
        best = None
        for t in SIZES:
            plans = []
            for p in parts:  # stop at the first group too wide at this size
                plans.append(grid.plan(day, order, width, t, rooms=p, colours=colours))
                if plans[-1] is None:
                    break
            if plans[-1] is None:
                continue
            pages = []
            for k, (part, g) in enumerate(zip(parts, plans)):
                label = grid.group_label(cols, part, day.language)
                less = _heading_h(ctx, day, label) + _legend_h(g, width) + 2
                first = room - less if room is not None and k == 0 and not turned else None
                height = (LANDSCAPE_H if turned else FRAME_H) - less
                pages += [(label, grid.rows_between(g, a, b)) for a, b in _spans(g, height, first)]
            if best is None or len(pages) < len(best):
                best = pages
        if best is not None:
            return best
    raise AssertionError("a single room column always fits the booklet's width")  # FRAME_W > 11 ems at 9.5 pt


def grid_glance(ctx: Ctx, day: Day, first: bool, room: float | None = None) -> list:
    """A parallel day's glance pages as flowables; ``room``: the height left on the page it would
    start on (None: it starts a page). It starts there only if its whole first page fits."""
    colours = tracks.track_colours(ctx.event)
    linked = ctx.talk_keys

    def link(it):
        return talk_key(it) if linked and it.is_talk else None

    out: list = []
    first_h = FRAME_H
    turned = landscape(ctx, day)
    if room is not None and turned:  # a turned page is a page of its own
        room = None
        out.append(PageBreak())
    if room is not None:
        room -= SPACE_ABOVE
    pages = plan_day(ctx, day, room) if room is not None else None
    if pages is not None:  # it starts on the page, unless not one row fits there
        label0, g0 = pages[0]
        if _heading_h(ctx, day, label0) + _legend_h(g0) + g0.height + 2 <= room:
            first_h = room
            out.append(Spacer(1, SPACE_ABOVE))
        else:
            pages = None
            out.append(PageBreak())
    if pages is None:
        pages = plan_day(ctx, day)
    if first:
        out.append(Anchor("glance", outline=i18n.tr(day.language, GLANCE), level=0))
    label = i18n.day(day.language, day.date)
    out.append(Anchor(day_glance_key(day), outline=label, level=1, running=label, headed=True))
    for i, (label, g) in enumerate(pages):
        if i:
            out.append(PageBreak())
        items = list(dict.fromkeys(bx.item for bx in g.boxes))  # an item in two rooms has two boxes
        if turned:  # the heading is drawn turned, with the grid
            if items:
                out.append(Anchor(glance_key(items[0]), keys=tuple(glance_key(it) for it in items[1:])))
            g = grid.fit(g, LANDSCAPE_H - _heading_h(ctx, day, label) - _legend_h(g, LANDSCAPE_W) - 2)
            out.append(GridFlowable(g, colours, link, heading=_heading_texts(day, label, i > 0), st=ctx.st))
            continue
        out += _heading(ctx, day, label, continued=i > 0)
        if items:
            out.append(Anchor(glance_key(items[0]), keys=tuple(glance_key(it) for it in items[1:])))
        # grown into the page (rows up to grid.MAX_STRETCH taller): time reads proportionally
        g = grid.fit(g, (first_h if i == 0 else FRAME_H) - _heading_h(ctx, day, label) - _legend_h(g) - 2)
        out.append(GridFlowable(g, colours, link))
    return out
