"""The lobby poster: the whole programme at a glance, on as few sheets as stay readable.

Portrait A3 to A0 (A2 by default); every size is for A2 and scales with the page
width, so the sizes look alike. It never fails for lack of room; it takes more sheets:

1. One sheet: the large header (name, hosts, dates, QR code to the online
   programme), the venues, then one panel per day, side by side or stacked,
   whichever sets the programme largest, never below TEXT_MIN (11 pt on A2) for
   lists and GRID_MIN (9 pt) for grids.
   A day where items run in parallel is a time x room grid (``grid``); a day
   with one thing at a time stays a list (``poster_list``).
2. Else one sheet per day, each with every fact of the header in one compact
   band, the date large and "Page n of N". A list day flows across columns
   (``poster_flow``); a grid day fills the sheet.
3. Else a grid day whose rooms do not fit one sheet at GRID_MIN is split into
   groups of neighbouring rooms, a sheet each, the sheet naming its rooms.
   Items every room shares (lunch) appear on each group's sheet.

Last resorts, so that the build always succeeds: a list day too long for a
sheet at TEXT_MIN continues on further sheets; a grid whose one room does not
fit a sheet at GRID_MIN shrinks its boxes' text, then cuts it with an ellipsis.

One type size serves all grid sheets (and one all list sheets), the largest
at which every one fits, so that the sheets read as a set. Room columns follow
``grid.room_order`` on every sheet; track colours and their legend follow
``grid.track_colours``.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from eventprint import i18n
from eventprint.model import Day, Event, Room
from eventprint.options import BuildOptions, OptionError
from eventprint.output import Artifact
from reportlab.lib.pagesizes import A0, A1, A2, A3, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import common, grid, theme, tracks
from ..kit.fitted import Fitted, measuring
from . import flow as poster_flow
from . import head as poster_head
from . import listing as poster_list
from . import overview
from .head import GUTTER, REF_WIDTH, SHEET_MARGIN

SIZES = {"A3": portrait(A3), "A2": portrait(A2), "A1": portrait(A1), "A0": portrait(A0)}
DEFAULT_SIZE = "A2"
TEXT_MAX, TEXT_MIN = 24.0, 11.0  # programme text: set as large as fits, never below 11 pt on A2
# A grid's boxes hold a few words each, read up close, while its columns and time axis carry
# the structure from afar. 9 pt is what puts a 5-day, 2-room camp of 79 talks (titles of 4-11
# words, half-hour slots) on one A2 sheet: at 9.5 pt its five days need 1218 pt of the 1168 pt
# below the header. Sheets per day use the same floor, so a grid is never set smaller.
GRID_MIN = 9.0
STEP = 0.5
LEGEND_SIZE = 14.0


def page_size(options: BuildOptions) -> tuple[float, float]:
    size = options.size or DEFAULT_SIZE
    if size not in SIZES:
        raise OptionError(f"the poster cannot be printed at size {size!r}; choose one of "
                          f"{', '.join(SIZES)} (portrait, A2 is the default)")
    return SIZES[size]


def _sizes(s: float, t_min: float = GRID_MIN) -> list[float]:
    """Type sizes to try, largest first, down to ``t_min`` (all x s)."""
    out, t = [], TEXT_MAX
    while t >= t_min - 1e-9:
        out.append(t * s)
        t -= STEP
    return out


def _largest(sizes: list[float], fits) -> float | None:
    """The largest size in descending ``sizes`` for which ``fits`` holds (assumed monotone)."""
    if not fits(sizes[-1]):
        return None
    lo, hi = 0, len(sizes) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(sizes[mid]):
            hi = mid
        else:
            lo = mid + 1
    return sizes[lo]


# --------------------------------------------------------------------------
# 1. the whole event on one sheet
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class GridPanel:
    day: Day
    t: float
    width: float
    heading: Fitted
    grid: grid.Grid

    @property
    def height(self) -> float:
        return poster_list.heading_height(self.heading, self.t) + self.grid.height


def _day_panel(day: Day, t: float, width: float, s: float, order, colours):
    """A day's panel at size ``t``: a list, or a grid (None if its columns would be too narrow)."""
    if not grid.is_parallel(day):
        return poster_list.panel(day, max(t, TEXT_MIN * s), width, s)
    g = grid.plan(day, order, width, t, colours=colours)
    return None if g is None else GridPanel(day, t, width, poster_list.heading(day, t, width), g)


def _draw_day_panel(c: Canvas, p, x: float, top: float, height: float, s: float) -> None:
    if isinstance(p, GridPanel):
        y = poster_list.draw_heading(c, p.day, p.heading, x, top, p.width, p.t, s, rule=False)
        g = grid.fit(p.grid, height - (top - y) - 0.55 * p.t)
        grid.draw(c, g, x, y - 0.55 * p.t, s)
    else:
        poster_list.draw_panel(c, p, x, top, s)


@dataclass(frozen=True)
class Arrangement:
    per_row: int
    panels: tuple
    t: float

    def rows(self) -> list[tuple]:
        return [self.panels[i:i + self.per_row] for i in range(0, len(self.panels), self.per_row)]

    @property
    def gap(self) -> float:
        """Between rows of panels, x s: grids bring their own rules and need the room more."""
        return GUTTER * (1 if any(isinstance(p, GridPanel) for p in self.panels) else 2)

    def height(self, s: float) -> float:
        rows = self.rows()
        return sum(max(p.height for p in row) for row in rows) + (len(rows) - 1) * self.gap * s


def arrange(event: Event, width: float, height: float, s: float) -> Arrangement | None:
    """The arrangement of day panels that sets the programme largest; None if none fits at the minimum."""
    gutter = GUTTER * s
    order, colours = grid.room_order(event), tracks.track_colours(event)
    sizes = _sizes(s)
    best: Arrangement | None = None
    for per_row in range(1, len(event.days) + 1):
        pw = (width - (per_row - 1) * gutter) / per_row
        if pw < 300 * s:  # too narrow for time, room and a readable title
            break
        memo: dict[float, Arrangement | None] = {}

        def at(t: float) -> Arrangement | None:
            if t not in memo:
                panels = tuple(_day_panel(d, t, pw, s, order, colours) for d in event.days)
                ok = all(p is not None for p in panels)
                memo[t] = Arrangement(per_row, panels, t) if ok else None
            return memo[t]

        t = _largest(sizes, lambda t: at(t) is not None and at(t).height(s) <= height)
        if t is not None and (best is None or t > best.t + 1e-9):
            best = at(t)
    return best


def _one_sheet(event: Event, pagesize) -> bytes | None:
    """The whole event on one sheet, or None if it does not fit at its minimum sizes."""
    w, h = pagesize
    s = w / REF_WIDTH
    m = poster_head.MARGIN * s
    inner = w - 2 * m

    def draw(c: Canvas, arr: Arrangement | None) -> tuple[float, float]:
        top = poster_head.draw_big_header(c, event, pagesize)
        colours = tracks.track_colours(event)
        gridded = {tracks.item_track(it) for d in event.days if grid.is_parallel(d) for it in d.items}
        used = tuple(t for t in colours if t in gridded)  # list days are not coloured by track
        if used:
            top = tracks.draw_legend(c, used, colours, m, top, inner, LEGEND_SIZE * s, i18n.tr(event, "Tracks")) - 4 * mm * s
        bottom = poster_head.draw_footer(c, event, w, s)
        if arr is not None:
            gutter = GUTTER * s
            pw = (inner - (arr.per_row - 1) * gutter) / arr.per_row
            y = top
            stretchy = [any(isinstance(p, GridPanel) for p in row) for row in arr.rows()]
            spare = (top - bottom - arr.height(s)) / max(sum(stretchy), 1)  # grids may grow into it
            for row, grows in zip(arr.rows(), stretchy):
                rh = max(p.height for p in row) + (spare if grows else 0.0)
                for k, p in enumerate(row):
                    _draw_day_panel(c, p, m + k * (pw + gutter), y, rh, s)
                y -= rh + arr.gap * s
        return top, bottom

    with measuring():
        top, bottom = draw(Canvas(io.BytesIO(), invariant=1), None)  # measure the header
    arr = arrange(event, inner, top - bottom, s)
    if arr is None:
        return None
    buf = io.BytesIO()
    c = common.new_canvas(buf, pagesize, event, f"{i18n.tr(event, 'Programme at a glance')} {theme.EN_DASH} {event.name}",
                          "Lobby poster")
    draw(c, arr)
    c.showPage()
    c.save()
    return buf.getvalue()


# --------------------------------------------------------------------------
# 2 and 3. a sheet per day, or per group of a day's rooms
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    day: Day
    rooms: tuple[Room | None, ...] = ()  # a grid sheet: its columns
    label: str = ""  # which of the day's rooms it shows, if not all
    columns: tuple = ()  # a list sheet: its columns of blocks
    continued: bool = False  # a list sheet after the day's first
    overview: bool = False  # the day at track level (overview.py)


@dataclass(frozen=True)
class Frame:
    """Where a sheet's programme goes: below its headings, above the footer."""
    x: float
    width: float
    heading: float  # top of the day heading, below the header band
    top: float  # below the day heading (no rooms line)
    top_rooms: float  # below the day heading with a rooms line
    bottom: float
    legend: float  # height of the track legend

    def height(self, rooms: bool, legend: bool) -> float:
        return (self.top_rooms if rooms else self.top) - self.bottom - (self.legend if legend else 0.0)


def _frame(event: Event, pagesize, s: float) -> Frame:
    w, _ = pagesize
    m = SHEET_MARGIN * s
    inner = w - 2 * m
    gap = 8 * mm * s

    def probe(draw) -> float:
        with measuring():
            return draw(Canvas(io.BytesIO(), invariant=1))

    below = probe(lambda c: poster_head.draw_header(c, event, pagesize, m, s)) - gap
    top = min(probe(lambda c: poster_head.draw_day_heading(c, d, 1, 99, m, below, inner, s)) for d in event.days)
    top_rooms = min(probe(lambda c: poster_head.draw_day_heading(c, d, 1, 99, m, below, inner, s, rooms="Hall"))
                    for d in event.days)
    bottom = probe(lambda c: poster_head.draw_footer(c, event, w, s, SHEET_MARGIN))
    names = tuple(tracks.track_colours(event))
    legend = tracks.legend_height(names, inner, LEGEND_SIZE * s, i18n.tr(event, "Tracks")) + 3 * mm * s if names else 0.0
    return Frame(m, inner, below, top, top_rooms, bottom, legend)


def _day_has_tracks(day: Day) -> bool:
    return any(tracks.item_track(it) for it in day.items)


def _grid_sheets(day: Day, f: Frame, s: float, order, colours) -> list[Sheet]:
    """The day's rooms in the fewest groups whose grids each fit a sheet at GRID_MIN."""
    cols = grid.columns(day, order)
    legend = _day_has_tracks(day)
    t = GRID_MIN * s
    first = max(1, -(-len(cols) // (grid.max_columns(f.width, t, day.language) + 1)))  # +1: talk-free columns are narrow
    for g in range(first, len(cols) + 1):
        parts = grid.groups(cols, g)
        h = f.height(g > 1, legend)
        plans = [grid.plan(day, order, f.width, t, rooms=p, colours=colours) for p in parts]
        if all(p is not None and p.height <= h for p in plans):
            return [Sheet(day, p, grid.group_label(cols, p, day.language)) for p in parts]
    # not even one room a sheet fits at GRID_MIN: one room a sheet, its boxes' text squeezed
    return [Sheet(day, (r,), grid.group_label(cols, (r,), day.language)) for r in cols]


def _grid_size(sheets: list[Sheet], f: Frame, s: float, order, colours) -> float:
    """The largest type size at which every grid sheet fits (GRID_MIN if some need squeezing)."""
    def fits(t: float) -> bool:
        for sh in sheets:
            g = grid.plan(sh.day, order, f.width, t, rooms=sh.rooms, colours=colours)
            if g is None or g.height > f.height(bool(sh.label), _day_has_tracks(sh.day)):
                return False
        return True
    return _largest(_sizes(s), fits) or GRID_MIN * s


SPARSE = 0.75  # a grid sheet its set's type size fills less than this much of is set larger on its own
SPARSE_STRETCH = 3.0  # and its rows may grow this much (a day of three four-hour workshops)


def _own_size(sh: Sheet, gt: float, f: Frame, s: float, order, colours) -> tuple[float, float]:
    """The type size and row stretch of one grid sheet: the set's, unless at that size the day would
    leave most of its sheet empty; then the largest size at which it alone fits, rows growing more."""
    h = f.height(bool(sh.label), _day_has_tracks(sh.day))
    g = grid.plan(sh.day, order, f.width, gt, rooms=sh.rooms, colours=colours, narrow_ok=True)
    if g is None or g.height * grid.MAX_STRETCH >= SPARSE * h:
        return gt, grid.MAX_STRETCH
    def fits(t: float) -> bool:
        p = grid.plan(sh.day, order, f.width, t, rooms=sh.rooms, colours=colours)
        return p is not None and p.height <= h
    return max(gt, _largest(_sizes(s), fits) or gt), SPARSE_STRETCH


def _list_sheets(days: list[Day], f: Frame, s: float) -> tuple[list[Sheet], float, float]:
    """The list days' sheets, their type size and column width."""
    if not days:
        return [], TEXT_MIN * s, 0.0
    h = f.height(False, False)
    flow = poster_flow.choose(tuple(days), f.width, h, s, TEXT_MAX, TEXT_MIN)
    if flow is not None:
        return [Sheet(d, columns=cols) for d, cols in zip(days, flow.columns)], flow.t, flow.width
    t = TEXT_MIN * s  # some day does not fit one sheet: every list day continues on further sheets
    out = []
    for d in days:
        for i, cols in enumerate(poster_flow.overflow(d, f.width, h, t, s)):
            out.append(Sheet(d, columns=tuple(tuple(c) for c in cols), continued=i > 0))
    return out, t, poster_flow.column_width(f.width, poster_flow.MAX_COLS, s)


def _sheets(event: Event, pagesize) -> bytes:
    w, _ = pagesize
    s = w / REF_WIDTH
    f = _frame(event, pagesize, s)
    order, colours = grid.room_order(event), tracks.track_colours(event)
    parallel, listed, overviews = [], [], []
    for d in event.days:  # talk level where a day's talks fit one sheet readably, else track level
        if grid.is_parallel(d):
            one = _grid_sheets(d, f, s, order, colours)
            (parallel if len(one) == 1 else overviews).append(d)
        elif poster_flow.choose((d,), f.width, f.height(False, False), s, TEXT_MAX, TEXT_MIN) is not None:
            listed.append(d)
        else:
            overviews.append(d)
    list_sheets, lt, lw = _list_sheets(listed, f, s)
    grid_sheets = [sh for d in parallel for sh in _grid_sheets(d, f, s, order, colours)]
    gt = _grid_size(grid_sheets, f, s, order, colours) if grid_sheets else GRID_MIN * s
    own = {id(sh): _own_size(sh, gt, f, s, order, colours) for sh in grid_sheets}
    by_day = {id(d): [] for d in event.days}
    for sh in list_sheets + grid_sheets + [Sheet(d, overview=True) for d in overviews]:
        by_day[id(sh.day)].append(sh)
    sheets = [sh for d in event.days for sh in by_day[id(d)]]

    buf = io.BytesIO()
    c = common.new_canvas(buf, pagesize, event, f"{i18n.tr(event, 'Programme at a glance')} {theme.EN_DASH} {event.name}",
                          "Lobby poster")
    gutter = poster_flow.COL_GUTTER * s
    for i, sh in enumerate(sheets):
        poster_head.draw_header(c, event, pagesize, f.x, s)
        poster_head.draw_day_heading(c, sh.day, i + 1, len(sheets), f.x, f.heading, f.width, s, rooms=sh.label)
        top = f.top_rooms if sh.label else f.top
        if sh.overview:  # the blocks name their tracks: no legend
            ov = overview.overview(sh.day, order)
            p = overview.best(ov, f.width, top - f.bottom, s)
            overview.draw_overview(c, p, f.x, top, f.width, top - f.bottom, colours, s)
        elif sh.rooms:
            t, stretch = own[id(sh)]
            g = grid.plan(sh.day, order, f.width, t, rooms=sh.rooms, colours=colours, narrow_ok=True)
            if g.tracks:  # the tracks this sheet shows
                top = tracks.draw_legend(c, g.tracks, colours, f.x, top, f.width, LEGEND_SIZE * s, i18n.tr(event, "Tracks")) - 3 * mm * s
            grid.draw(c, grid.fit(g, top - f.bottom, stretch), f.x, top, s)
        else:
            for k, col in enumerate(sh.columns):
                poster_flow.draw_column(c, sh.day, list(col), f.x + k * (lw + gutter), top, lw, lt, s,
                                        continued=k > 0 or sh.continued)
        poster_head.draw_footer(c, event, w, s, SHEET_MARGIN)
        c.showPage()
    c.save()
    return buf.getvalue()


def render(event: Event, options: BuildOptions) -> list[Artifact]:
    pagesize = page_size(options)
    data = _one_sheet(event, pagesize)
    if data is None:
        data = _sheets(event, pagesize)
    return [Artifact("poster.pdf", data)]
