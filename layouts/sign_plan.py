"""Fitting a door sign's schedule onto one sheet: for each header (from the full one to the
most compact), the largest type size in one or two columns down to the floor; only when even
the most compact header at the floor cannot hold the day, the fewest continuation pages, with
the rows spread evenly over the columns.

Pure arithmetic on rows already turned into wrap units (signs.sign_rows); drawing
is signs.py's.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.lib.units import mm

from eventprint.problems import BuildError

from . import theme
from .text import Segment, Unit, sizes, text_width, wrap_units

ROW_MAX, ROW_MIN = 34.0, 20.0  # schedule text: 20 pt is the floor at every size (see plan)
COLUMN_GAP = 12 * mm
ROW_GAP = 0.5  # between rows, x the schedule size
ROW_LEADING = 1.2  # line pitch of schedule rows, x the size
TIME_TEMPLATE = f"00:00{theme.EN_DASH}00:00"


@dataclass(frozen=True)
class Row:
    """One schedule row, styled: what the plan wraps and the sign draws."""

    time: str
    units: tuple[Unit, ...]  # title, then speakers and note (or where), as wrap units
    label: str | None = None  # KEYNOTE
    quiet: bool = False  # breaks, meals, things elsewhere
    band: bool = False  # pauses get a grey band


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


def time_width(f: float, times: tuple[str, ...] | list[str] = ()) -> float:
    """The time column: 00:00–00:00, or the widest of ``times`` (and labels under them) when wider:
    '1:00–1:30 PM', 'HAUPTVORTRAG'."""
    return max(text_width(x, theme.FONT_BOLD, f) for x in (TIME_TEMPLATE, *times)) + 0.7 * f


def _blocks(rows: list[Row], f: float, col_w: float) -> list[Block] | None:
    """Rows wrapped at size ``f``; None when the column is too narrow for titles at this size."""
    text_w = col_w - time_width(f, [r.time for r in rows] + [r.label for r in rows if r.label])
    if text_w < 8 * f:
        return None
    return [Block(r, (r.time,) + ((r.label,) if r.label else ()),
                  tuple(wrap_units(list(r.units), f, text_w))) for r in rows]


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


def _pack(blocks: list[Block], f: float, columns: int,
          caps: tuple[float, float]) -> list[list[list[Block]]] | None:
    """Blocks in order into columns and pages, evened out; None if a block is taller than a column.

    The greedy fill gives the fewest columns; the smallest column height that still
    needs no more pages then spreads the blocks evenly, so a continuation page
    is not a lonely last row.
    """
    lead, gap = ROW_LEADING * f, ROW_GAP * f
    heights = [b.lines() * lead for b in blocks]
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
        cols.append(blocks[i:i + n])
        i += n
    return [cols[k:k + columns] for k in range(0, len(cols), columns)]


def plan(rows: list[Row], singles: tuple[tuple[float, float], ...], several: tuple[float, float, float],
         scale: float, what: str) -> Plan:
    """One sheet if at all possible, else the fewest continuation pages.

    ``singles`` are the schedule's (width, height) on a one-page sign under each
    header, from the most to the least prominent; ``several`` the width and the
    heights of the first and the continuation pages when there are several. Under each header the size goes down from
    ``ROW_MAX`` x ``scale`` and at each size one column is tried before two, so
    busy days get two columns before small type, and a smaller header before a
    second sheet.

    The floor is ``ROW_MIN`` at every page size, not scaled with the page: an A3
    sign hangs at the same door and is read from the same step away as an A4
    one, so A3's extra area holds more rows instead of only larger ones.
    """
    tried = list(sizes(ROW_MAX * scale, ROW_MIN, 1.0))
    if tried[-1] > ROW_MIN + 1e-6:  # A3's scaled steps stop just above the floor
        tried.append(ROW_MIN)
    blocks: dict[tuple[float, float], list[Block] | None] = {}

    def packed(width: float, cols: int, f: float, heights: tuple[float, float]):
        col_w = width if cols == 1 else (width - COLUMN_GAP * scale) / 2
        if (col_w, f) not in blocks:
            blocks[(col_w, f)] = _blocks(rows, f, col_w)
        if blocks[(col_w, f)] is None:
            return None
        return _pack(blocks[(col_w, f)], f, cols, heights)

    def one_page(width: float, cols: int, f: float, single: float):
        """Packed when the greedy fill needs no more than one page; cheap to refuse."""
        col_w = width if cols == 1 else (width - COLUMN_GAP * scale) / 2
        if (col_w, f) not in blocks:
            blocks[(col_w, f)] = _blocks(rows, f, col_w)
        bs = blocks[(col_w, f)]
        if bs is None:
            return None
        counts = _columns([b.lines() * ROW_LEADING * f for b in bs], ROW_GAP * f, (single, single), cols)
        return None if counts is None or len(counts) > cols else packed(width, cols, f, (single, single))

    def result(f, cols, p, header):
        return Plan(f, cols, header, tuple(tuple(tuple(c) for c in page) for page in p))

    for header, (width, single) in enumerate(singles):
        for f in tried:
            for cols in (1, 2):
                p = one_page(width, cols, f, single)
                if p is not None and len(p) == 1:
                    return result(f, cols, p, header)
    width, caps = several[0], several[1:]
    floor = tried[-1]
    options = [p for p in (packed(width, 1, floor, caps), packed(width, 2, floor, caps)) if p is not None]
    if not options:
        bs = _blocks(rows, floor, width)
        tallest = max(range(len(rows)), key=lambda i: bs[i].lines()) if bs else None
        raise TooTall(f"{what}: one programme item is too long for a whole page even at "
                      f"{ROW_MIN:g} pt \u2014 shorten its title or speaker list", tallest)
    need = min(len(p) for p in options)
    for f in tried:
        for cols in (1, 2):
            p = packed(width, cols, f, caps)
            if p is not None and len(p) <= need:
                return result(f, cols, p, None)
    raise AssertionError("unreachable: the floor size fits")
