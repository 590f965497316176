"""Fitting a door sign's schedule onto one sheet: for each header (from the full one to the
most compact), the largest type size in one or two columns down to the floor; then the same in
tight rows (signs/rows.py: the time over two lines where the titles need the width); then, at the
floor, the longest rows cut first (a title at a word with an ellipsis, never a speaker; the whole
title is on the room's web page behind the QR code), the least cut and the most prominent header
that hold the day; only when even that cannot, the fewest continuation pages, in tight rows with
every title whole, spread evenly over the columns, under the most prominent header that needs no
more of them.

Pure arithmetic on rows already turned into wrap units (signs/document.sign_rows); drawing is
signs/document.py's.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

from eventprint.problems import BuildError
from reportlab.lib.units import mm

from ..kit import theme
from ..kit.text import Measures, Segment, line_count, measure_units, text_width, wrap_units
from ..kit.fitting import sizes
from .rows import (  # noqa: F401  (Row, ROW_GAP and ROW_LEADING: the signs' interface, as before)
    CUT_MIN,
    NORMAL,
    ROW_GAP,
    ROW_LEADING,
    TIGHT,
    Row,
    Style,
    cut_row,
    floor_units,
    time_lines,
    units_of,
)

ROW_MAX, ROW_MIN = 34.0, 20.0  # schedule text: 20 pt is the floor at every size (see plan)
COLUMN_GAP = 12 * mm
TIME_TEMPLATE = f"00:00{theme.EN_DASH}00:00"


class TooTall(BuildError):
    """A row taller than a whole sign at the floor size; ``row``: its index (None: unknown), so
    the caller can name the item and where it is written."""

    def __init__(self, message: str, row: int | None):
        super().__init__(message)
        self.row = row


@dataclass(frozen=True)
class Block:
    row: Row
    time_lines: tuple[str, ...]
    text_lines: tuple[tuple[Segment, ...], ...]

    def lines(self) -> int:
        return max(len(self.time_lines), len(self.text_lines))


@dataclass(frozen=True)
class Plan:
    size: float
    columns: int
    header: int | None  # which of the one-page headers it fits under; None: several pages
    pages: tuple[tuple[tuple[Block, ...], ...], ...]  # page -> column -> blocks
    style: Style = NORMAL
    time_w: float = 0.0  # the time column's width, its gap to the text included
    cut: int = 0  # lines of text left out by rows cut short (0: every row whole)
    several: int = 0  # on several sheets: which of the headers offered for them


def time_width(f: float, times: tuple[str, ...] | list[str] = ()) -> float:
    """The time column: 00:00–00:00, or the widest of ``times`` (and labels under them) when wider:
    '1:00–1:30 PM', 'HAUPTVORTRAG'."""
    return max(text_width(x, theme.FONT_BOLD, f) for x in (TIME_TEMPLATE, *times)) + 0.7 * f


def _lines(rows: list[Row], measures: list[Measures], f: float, col_w: float, style: Style,
           caps: list[int] | None = None, widest: float | None = None) -> list[int] | None:
    """How many lines each row takes at size ``f`` (the plan needs only this: rows are wrapped
    for real once, for the plan chosen); None when the column is too narrow for titles at this size.
    ``measures``: each row's ``measure_units`` (the same at every size tried)."""
    text_w = _text_width(rows, f, col_w, style, widest)
    if text_w is None:
        return None
    out = []
    for r, m in zip(rows, measures):
        n = line_count(units_of(r, style), f, text_w, m)
        out.append(max(len(time_lines(r, style)), n))
    return out if caps is None else [min(n, c) for n, c in zip(out, caps)]


def time_width_of(rows: list[Row], f: float, style: Style = NORMAL, widest: float | None = None) -> float:
    """The time column at size ``f``: the widest time (and label) the rows show, and a gap.
    ``widest``: ``widest_time(rows, style)``, when known (the same at every size)."""
    if widest is not None:
        return widest * f + 0.7 * f
    if style.stacked:
        return max(text_width(x, theme.FONT_BOLD, f) for r in rows for x in time_lines(r, style)) + 0.7 * f \
            if rows else time_width(f)
    return time_width(f, [r.time for r in rows] + [r.label for r in rows if r.label])


def widest_time(rows: list[Row], style: Style = NORMAL) -> float:
    """The widest time (or label) of ``rows`` at 1 pt: ``time_width_of`` at size f is this times f,
    and the gap (a width at f is its width at 1 pt times f, and rounding keeps the widest widest)."""
    if style.stacked:
        times = [x for r in rows for x in time_lines(r, style)] or [TIME_TEMPLATE]
    else:
        times = [TIME_TEMPLATE] + [r.time for r in rows] + [r.label for r in rows if r.label]
    return max(text_width(x, theme.FONT_BOLD, 1.0) for x in times)


def _text_width(rows: list[Row], f: float, col_w: float, style: Style = NORMAL,
                widest: float | None = None) -> float | None:
    text_w = col_w - time_width_of(rows, f, style, widest)
    return None if text_w < 8 * f else text_w


def _blocks(rows: list[Row], indices: list[int], f: float, col_w: float, style: Style = NORMAL,
            caps: list[int] | None = None, widest: float | None = None) -> list[Block]:
    text_w = _text_width(rows, f, col_w, style, widest)
    assert text_w is not None
    cap = (lambda i: caps[i]) if caps is not None else (lambda i: None)
    return [Block(rows[i], time_lines(rows[i], style),
                  tuple(wrap_units(cut_row(rows[i], style, f, text_w, cap(i)), f, text_w))[:cap(i)]) for i in indices]


def _columns(heights: list[float], gap: float, caps: tuple[float, float], per_page: int) -> list[int] | None:
    """Greedy fill: how many blocks go into each column; the first page's columns hold
    ``caps[0]``, later pages' ``caps[1]``. None if a block is taller than its column."""
    counts: list[int] = []
    used = 0.0
    for h in heights:
        cap = caps[0] if (len(counts) - 1) // per_page == 0 else caps[1]
        if counts and used + gap + h <= cap + 1e-6:
            used += gap + h
            counts[-1] += 1
            continue
        counts.append(1)
        cap = caps[0] if (len(counts) - 1) // per_page == 0 else caps[1]
        if h > cap + 1e-6:
            return None
        used = h
    return counts


def _pack(lines: list[int], f: float, columns: int, caps: tuple[float, float],
          style: Style = NORMAL) -> list[list[list[int]]] | None:
    """Rows (their indices) in order into columns and pages, evened out; None if a row is taller
    than a column.

    The greedy fill gives the fewest columns; the smallest column height that still
    needs no more pages then spreads the rows evenly, so a continuation page
    is not a lonely last row.
    """
    lead, gap = style.leading * f, style.gap * f
    heights = [n * lead for n in lines]
    if not heights:
        return [[[]]]
    counts = _columns(heights, gap, caps, columns)
    if counts is None:
        return None
    n_cols = math.ceil(len(counts) / columns) * columns  # every column of the last page may be used
    lo, hi = 0.0, 1.0
    for _ in range(20):
        mid = (lo + hi) / 2
        trial = _columns(heights, gap, (caps[0] * mid, caps[1] * mid), columns)
        if trial is not None and len(trial) <= n_cols:
            hi, counts = mid, trial
        else:
            lo = mid
    cols, i = [], 0
    for n in counts:
        cols.append(list(range(i, i + n)))
        i += n
    return [cols[k:k + columns] for k in range(0, len(cols), columns)]


def plan(rows: list[Row], singles: tuple[tuple[float, float], ...], several, scale: float, what: str) -> Plan:
    """One sheet if at all possible, else the fewest continuation pages.

    ``singles`` are the schedule's (width, height) on a one-page sign under each
    header, from the most to the least prominent; ``several`` the width and the
    heights of the first and the continuation pages when there are several (or a tuple of
    those, one for each header offered for several sheets, the most prominent first). Under each header the size goes down from
    ``ROW_MAX`` x ``scale`` and at each size one column is tried before two, so
    busy days get two columns before small type, and a smaller header before a
    second sheet. Then the same in tight rows (``TIGHT``); then, at the floor, rows cut to
    three and then two lines (``CUT``), the most prominent header that holds them; only then
    several sheets, in tight rows with nothing cut.

    The floor is ``ROW_MIN`` at every page size, not scaled with the page: an A3
    sign hangs at the same door and is read from the same step away as an A4
    one, so A3's extra area holds more rows instead of only larger ones.
    """
    tried = list(sizes(ROW_MAX * scale, ROW_MIN, 1.0))
    if tried[-1] > ROW_MIN + 1e-6:  # A3's scaled steps stop just above the floor
        tried.append(ROW_MIN)
    floor = tried[-1]
    counted: dict[tuple[float, float, Style], list[int] | None] = {}
    measured: dict[bool, list] = {}
    floored: dict[tuple[float, Style], list[int]] = {}
    least_units: dict[bool, list] = {}
    widest: dict[Style, float] = {}

    def tw(style: Style) -> float:  # the rows' widest time at 1 pt, worked out once per style
        if style not in widest:
            widest[style] = widest_time(rows, style)
        return widest[style]

    def col_width(width: float, cols: int) -> float:
        return width if cols == 1 else (width - COLUMN_GAP * scale) / 2

    def lines(col_w: float, f: float, style: Style) -> list[int] | None:
        if (col_w, f, style) not in counted:
            if style.stacked not in measured:
                measured[style.stacked] = [measure_units(units_of(r, style)) for r in rows]
            counted[(col_w, f, style)] = _lines(rows, measured[style.stacked], f, col_w, style, widest=tw(style))
        return counted[(col_w, f, style)]

    def packed(width: float, cols: int, f: float, heights: tuple[float, float], style: Style):
        ls = lines(col_width(width, cols), f, style)
        return None if ls is None else _pack(ls, f, cols, heights, style)

    def pages(width: float, cols: int, f: float, heights: tuple[float, float], style: Style) -> int | None:
        """How many pages ``packed`` would give (its evening out keeps the greedy fill's count),
        cheaply: most sizes tried are refused."""
        ls = lines(col_width(width, cols), f, style)
        if ls is None:
            return None
        counts = _columns([n * style.leading * f for n in ls], style.gap * f, heights, cols)
        return None if counts is None else math.ceil(len(counts) / cols)

    def result(width, f, cols, p, header, style, caps=None):
        col_w = col_width(width, cols)
        cut = 0 if caps is None else sum(lines(col_w, f, style)) - sum(min(n, c) for n, c in zip(lines(col_w, f, style), caps))
        return Plan(f, cols, header, tuple(tuple(tuple(_blocks(rows, c, f, col_w, style, caps, tw(style)))
                                                 for c in page) for page in p),
                    style, time_width_of(rows, f, style, tw(style)), cut)

    def least_cut(width: float, cols: int, height: float, style: Style) -> list[int] | None:
        """Each row's most lines such that the day fits one sheet, the longest rows cut first (never
        below CUT_MIN); None if even that does not fit."""
        col_w = col_width(width, cols)
        full = lines(col_w, floor, style)
        if full is None:
            return None
        text_w = _text_width(rows, floor, col_w, style, tw(style))
        key = (round(text_w, 3), style)
        if key not in floored:  # headers differ in width only by their margins: two widths, not four
            if style.stacked not in least_units:
                least_units[style.stacked] = [(u, measure_units(u)) for u in (floor_units(r, style) for r in rows)]
            floored[key] = [max(CUT_MIN, len(time_lines(r, style)), min(n, line_count(u, floor, text_w, m)))
                            for r, n, (u, m) in zip(rows, full, least_units[style.stacked])]
        floors = floored[key]

        def fits(caps: list[int]) -> bool:
            counts = _columns([n * style.leading * floor for n in caps], style.gap * floor, (height, height), cols)
            return counts is not None and len(counts) <= cols

        def level(c: int) -> list[int]:  # every row cut to at most c lines, none below its floor
            return [min(n, max(least, c)) for n, least in zip(full, floors)]

        if not fits(level(0)):
            return None
        lo, hi = 0, max(full)  # the most lines a row may keep: the longest rows are cut first
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if fits(level(mid)):
                lo = mid
            else:
                hi = mid - 1
        caps = level(lo)
        for i, n in enumerate(caps):  # rows cut to that level get a line back, the earliest first
            if n == lo < full[i] and n >= floors[i]:
                caps[i] += 1
                if not fits(caps):
                    caps[i] -= 1
        return caps

    def one_sheet(width: float, single: float, style: Style) -> tuple[float, int] | None:
        """The largest size (one column before two at a size) at which the day fits one sheet:
        what trying every size from the largest down finds, found by halving (a larger size never
        takes fewer lines), after one look at the floor, where most headers are refused."""
        best = None
        for cols in (1, 2):
            if pages(width, cols, floor, (single, single), style) != 1:
                continue
            lo, hi = 0, len(tried) - 1  # tried descends: the first that fits
            while lo < hi:
                mid = (lo + hi) // 2
                if pages(width, cols, tried[mid], (single, single), style) == 1:
                    hi = mid
                else:
                    lo = mid + 1
            if best is None or tried[lo] > best[0] + 1e-9:
                best = (tried[lo], cols)
        return best

    for style in (NORMAL, *TIGHT):
        for header, (width, single) in enumerate(singles):
            found = one_sheet(width, single, style)
            if found is not None:
                f, cols = found
                return result(width, f, cols, packed(width, cols, f, (single, single), style), header, style)
    # at the floor, long rows cut short: the least cut, then the most prominent header
    best = None
    for header, (width, single) in enumerate(singles):
        for style in TIGHT:
            for cols in (1, 2):
                caps = least_cut(width, cols, single, style)
                if caps is None:
                    continue
                cut = sum(lines(col_width(width, cols), floor, style)) - sum(caps)
                if best is None or cut < best[0]:
                    best = (cut, header, width, single, style, cols, caps)
    if best is not None:
        _, header, width, single, style, cols, caps = best
        ls = [min(n, c) for n, c in zip(lines(col_width(width, cols), floor, style), caps)]
        return result(width, floor, cols, _pack(ls, floor, cols, (single, single), style), header, style, caps)
    # several sheets: the most prominent of the headers that need the fewest
    style = TIGHT[0]
    choices = several if isinstance(several[0], tuple) else (several,)
    fewest = None
    for k, (width, *caps) in enumerate(choices):
        counts = [n for n in (pages(width, 1, floor, tuple(caps), style), pages(width, 2, floor, tuple(caps), style))
                  if n is not None]
        if counts and (fewest is None or min(counts) < fewest[0]):
            fewest = (min(counts), k)
    if fewest is None:
        ls = lines(choices[0][0], floor, style)
        tallest = max(range(len(rows)), key=lambda i: ls[i]) if ls else None
        raise TooTall(f"{what}: one programme item is too long for a whole page even at "
                      f"{ROW_MIN:g} pt \u2014 shorten its title or speaker list", tallest)
    need, k = fewest
    width, caps = choices[k][0], tuple(choices[k][1:])
    for f in tried:
        for cols in (1, 2):
            n = pages(width, cols, f, caps, style)
            if n is not None and n <= need:
                return replace(result(width, f, cols, packed(width, cols, f, caps, style), None, style), several=k)
    raise AssertionError("unreachable: the floor size fits")
