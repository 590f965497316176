"""Fitting a door sign's schedule: the largest type size in one column, else two columns,
else the fewest continuation pages, with the rows spread evenly over the columns.

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

ROW_MAX, ROW_MIN = 34.0, 20.0  # schedule text: 20 pt is the floor on A4
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
    pages: tuple[tuple[tuple[Block, ...], ...], ...]  # page -> column -> blocks


def time_width(f: float) -> float:
    return text_width(TIME_TEMPLATE, theme.FONT_BOLD, f) + 0.7 * f


def _blocks(rows: list[Row], f: float, col_w: float) -> list[Block] | None:
    """Rows wrapped at size ``f``; None when the column is too narrow for titles at this size."""
    text_w = col_w - time_width(f)
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


def plan(rows: list[Row], width: float, single: float, caps: tuple[float, float], scale: float,
         what: str) -> Plan:
    """Largest size in one column, else two columns, else the fewest continuation pages.

    ``single`` is the schedule height of a one-page sign; ``caps`` those of the
    first and the continuation pages when there are several.
    """
    tried = [f * scale for f in sizes(ROW_MAX, ROW_MIN, 1.0)]
    col_w = {1: width, 2: (width - COLUMN_GAP * scale) / 2}
    blocks: dict[tuple[int, float], list[Block] | None] = {}

    def packed(cols: int, f: float, heights: tuple[float, float]):
        if (cols, f) not in blocks:
            blocks[(cols, f)] = _blocks(rows, f, col_w[cols])
        if blocks[(cols, f)] is None:
            return None
        return _pack(blocks[(cols, f)], f, cols, heights)

    def result(f, cols, p):
        return Plan(f, cols, tuple(tuple(tuple(c) for c in page) for page in p))

    for cols in (1, 2):
        for f in tried:
            p = packed(cols, f, (single, single))
            if p is not None and len(p) == 1:
                return result(f, cols, p)
    floor = tried[-1]
    options = [p for p in (packed(1, floor, caps), packed(2, floor, caps)) if p is not None]
    if not options:
        raise BuildError(f"{what}: one programme item is too long for a whole page even at "
                         f"{ROW_MIN:g} pt \u2014 shorten its title or speaker list")
    need = min(len(p) for p in options)
    for cols in (1, 2):
        for f in tried:
            p = packed(cols, f, caps)
            if p is not None and len(p) <= need:
                return result(f, cols, p)
    raise AssertionError("unreachable: the floor size fits")


