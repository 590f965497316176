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

from eventprint.problems import BuildError
from reportlab.lib.units import mm

from ..kit import theme
from ..kit.text import (
    Measures,
    Segment,
    Unit,
    line_count,
    measure_units,
    sizes,
    text_width,
    wrap_units,
)

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


def _lines(rows: list[Row], measures: list[Measures], f: float, col_w: float) -> list[int] | None:
    """How many lines each row takes at size ``f`` (the plan needs only this: rows are wrapped
    for real once, for the plan chosen); None when the column is too narrow for titles at this size.
    ``measures``: each row's ``measure_units`` (the same at every size tried)."""
    text_w = _text_width(rows, f, col_w)
    if text_w is None:
        return None
    return [max(len(_time_lines(r)), line_count(r.units, f, text_w, m)) for r, m in zip(rows, measures)]


def _time_lines(r: Row) -> tuple[str, ...]:
    """The time column of a row: its time, and its label (KEYNOTE) under it."""
    return (r.time,) + ((r.label,) if r.label else ())


def _text_width(rows: list[Row], f: float, col_w: float) -> float | None:
    text_w = col_w - time_width(f, [r.time for r in rows] + [r.label for r in rows if r.label])
    return None if text_w < 8 * f else text_w


def _blocks(rows: list[Row], indices: list[int], f: float, col_w: float) -> list[Block]:
    text_w = _text_width(rows, f, col_w)
    assert text_w is not None
    return [Block(r, _time_lines(r), tuple(wrap_units(r.units, f, text_w)))
            for r in (rows[i] for i in indices)]


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


def _pack(lines: list[int], f: float, columns: int, caps: tuple[float, float]) -> list[list[list[int]]] | None:
    """Rows (their indices) in order into columns and pages, evened out; None if a row is taller
    than a column.

    The greedy fill gives the fewest columns; the smallest column height that still
    needs no more pages then spreads the rows evenly, so a continuation page
    is not a lonely last row.
    """
    lead, gap = ROW_LEADING * f, ROW_GAP * f
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
    counted: dict[tuple[float, float], list[int] | None] = {}
    measures = [measure_units(r.units) for r in rows]

    def col_width(width: float, cols: int) -> float:
        return width if cols == 1 else (width - COLUMN_GAP * scale) / 2

    def lines(col_w: float, f: float) -> list[int] | None:
        if (col_w, f) not in counted:
            counted[(col_w, f)] = _lines(rows, measures, f, col_w)
        return counted[(col_w, f)]

    def packed(width: float, cols: int, f: float, heights: tuple[float, float]):
        ls = lines(col_width(width, cols), f)
        return None if ls is None else _pack(ls, f, cols, heights)

    def pages(width: float, cols: int, f: float, heights: tuple[float, float]) -> int | None:
        """How many pages ``packed`` would give (its evening out keeps the greedy fill's count),
        cheaply: most sizes tried are refused."""
        ls = lines(col_width(width, cols), f)
        if ls is None:
            return None
        counts = _columns([n * ROW_LEADING * f for n in ls], ROW_GAP * f, heights, cols)
        return None if counts is None else math.ceil(len(counts) / cols)

    def result(width, f, cols, p, header):
        col_w = col_width(width, cols)
        return Plan(f, cols, header, tuple(tuple(tuple(_blocks(rows, c, f, col_w)) for c in page) for page in p))

    for header, (width, single) in enumerate(singles):
        for f in tried:
            for cols in (1, 2):
                if pages(width, cols, f, (single, single)) == 1:
                    return result(width, f, cols, packed(width, cols, f, (single, single)), header)
    width, caps = several[0], several[1:]
    floor = tried[-1]
    options = [n for n in (pages(width, 1, floor, caps), pages(width, 2, floor, caps)) if n is not None]
    if not options:
        ls = lines(width, floor)
        tallest = max(range(len(rows)), key=lambda i: ls[i]) if ls else None
        raise TooTall(f"{what}: one programme item is too long for a whole page even at "
                      f"{ROW_MIN:g} pt \u2014 shorten its title or speaker list", tallest)
    need = min(options)
    for f in tried:
        for cols in (1, 2):
            n = pages(width, cols, f, caps)
            if n is not None and n <= need:
                return result(width, f, cols, packed(width, cols, f, caps), None)
    raise AssertionError("unreachable: the floor size fits")
