"""A day without parallel items on a sheet of its own: its table flowing across columns.

Used by ``eventprint.layouts.poster.document`` when the whole event does not fit one sheet.
See that module's docstring for why these sheets look as they do.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventprint import i18n
from eventprint.model import Day, Item, Kind
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import theme
from ..kit.text import draw, text_width, unit_width
from .listing import slots

# all sizes for A2 (x s for other sizes)
FLOW_LEADING = 1.12  # dense, but the items of a slot are also set apart by a gap
DETAIL = 0.82  # rooms, speakers, notes and the keynote label, x the title size
ENTRY_GAP = 0.3  # x t, between the items of one slot
SLOT_GAP = 0.7  # x t, between slots (a hairline sits in the middle)
COL_GUTTER = 8 * mm
MIN_COL = 180.0  # narrowest column on A2 (about 30 characters of 11 pt text)
MAX_COLS = 5
TITLE_FONT = theme.FONT  # regular: see the poster's docstring

CONT_LABEL = "(continued)"
KEYNOTE_LABEL = "KEYNOTE"

Seg = tuple[str, str, object, float]  # text, font, colour, size
Unit = tuple[Seg, ...]  # never broken across lines


def _w(seg: Seg) -> float:
    return unit_width(seg[0], seg[1]) * seg[3]


def wrap_mixed(units: list[Unit], max_width: float) -> list[tuple[Seg, ...]]:
    """Greedy wrap of units in mixed fonts and sizes; a unit wider than a line is split by characters."""
    lines: list[tuple[Seg, ...]] = []
    line: list[Seg] = []
    used = 0.0
    for unit in units:
        uw = sum(_w(s) for s in unit)
        if line:
            sp = (" ", unit[0][1], unit[0][2], unit[0][3])
            if used + _w(sp) + uw <= max_width + 1e-9:
                line.append(sp)
                line.extend(unit)
                used += _w(sp) + uw
                continue
            lines.append(tuple(line))
            line, used = [], 0.0
        if uw <= max_width + 1e-9:
            line, used = list(unit), uw
            continue
        for text, font, colour, size in unit:  # an over-long word: break it by characters
            for ch in text:
                seg = (ch, font, colour, size)
                if line and used + _w(seg) > max_width + 1e-9:
                    lines.append(tuple(line))
                    line, used = [], 0.0
                line.append(seg)
                used += _w(seg)
    if line:
        lines.append(tuple(line))
    return lines


def draw_mixed(c: Canvas, line: tuple[Seg, ...], x: float, y: float) -> None:
    """Draw a wrapped line; each run in one font, size and colour is one string, spaces included
    (so the PDF's text copies, searches and extracts as words)."""
    runs: list[list] = []
    for text, font, colour, size in line:
        if runs and runs[-1][1:] == [font, colour, size]:
            runs[-1][0] += text
        else:
            runs.append([text, font, colour, size])
    for text, font, colour, size in runs:
        if text.strip():
            c.setFont(font, size)
            c.setFillColor(colour)
            draw(c, text, x, y)
        x += unit_width(text, font) * size


# --------------------------------------------------------------------------
# blocks: one per time slot, never split across columns
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    kind: str  # "time" (a slot's time), "entry" (an item), "quiet" (a lone break or meal, time included)
    lines: tuple[tuple[Seg, ...], ...]
    item: Item | None = None


@dataclass(frozen=True)
class Block:
    """One time slot: never split across columns."""
    rows: tuple[Row, ...]
    height: float
    first_width: float  # of its first line: room left for the '(continued)' marker beside it
    cont: str = CONT_LABEL  # that marker in the event's language


def _quiet(it: Item) -> bool:
    return it.kind.is_pause or (not it.is_talk and not it.speakers)


def _words(text: str, font: str, colour, size: float) -> list[Unit]:
    return [((w, font, colour, size),) for w in text.split()]


def _text_units(it: Item, t: float, lang: object = "en") -> list[Unit]:
    d = DETAIL * t
    units: list[Unit] = []
    if it.kind is Kind.KEYNOTE:
        units.append(((i18n.tr(lang, KEYNOTE_LABEL), theme.FONT_BOLD, theme.ACCENT, d),))
    if _quiet(it):
        units += _words(it.title.display, theme.FONT, theme.MUTED, t)
    else:
        font, colour = theme.title_face(TITLE_FONT, it.title.confirmed)
        units += _words(it.title.display, font, colour, t)
    more: list[Unit] = []
    names = [p.name for p in it.speakers]
    more += [((n + ",", theme.FONT, theme.MUTED, d),) for n in names[:-1]]
    more += [((n, theme.FONT, theme.MUTED, d),) for n in names[-1:]]
    if it.note:
        if more:
            more.append(((theme.MIDDOT, theme.FONT, theme.MUTED, d),))
        more += _words(it.note, theme.FONT, theme.MUTED, d)
    if more:  # speakers run on after the title, the separator glued to its last word
        units[-1] = units[-1] + ((" " + theme.MIDDOT, theme.FONT, theme.MUTED, d),)
        units += more
    return units


def _time_line(text: str, t: float) -> tuple[Seg, ...]:
    return ((text, theme.FONT_BOLD, theme.INK, t),)


def blocks(day: Day, t: float, width: float) -> tuple[Block, ...]:
    """The day's slots as blocks at title size ``t`` in a column ``width`` wide."""
    lead = FLOW_LEADING * t
    d = DETAIL * t
    out = []
    for slot in slots(day):
        rows: list[Row] = []
        first = slot[0].item
        if len(slot) == 1 and _quiet(first) and not first.room:
            units = [((i18n.time_range(day.language, first.start, first.end), theme.FONT, theme.MUTED, t),)] + _text_units(first, t, day.language)
            rows.append(Row("quiet", tuple(wrap_mixed(units, width)), item=first))
        else:
            for j, e in enumerate(slot):
                it = e.item
                if j == 0 or e.show_time:
                    rows.append(Row("time", (_time_line(i18n.time_range(day.language, it.start, it.end), t),)))
                units = _text_units(it, t, day.language)
                if it.room and e.show_room:  # the room leads the line, set like a label
                    colour = theme.ACCENT if it.is_talk else theme.MUTED
                    names = ", ".join(r.name for r in it.rooms)
                    units = [((names, theme.FONT_BOLD, colour, d), (" ", theme.FONT, colour, d))] + units
                rows.append(Row("entry", tuple(wrap_mixed(units, width)), it))
        h = 0.0
        prev = None
        for r in rows:
            if prev == "entry":  # before the next item, or a later start time within the slot
                h += ENTRY_GAP * t
            if r.kind == "entry" and prev == "time":
                h += 0.12 * t
            h += len(r.lines) * lead
            prev = r.kind
        out.append(Block(tuple(rows), h, sum(_w(sg) for sg in rows[0].lines[0]), i18n.tr(day.language, CONT_LABEL)))
    return tuple(out)


def marker_inline(b: Block, width: float, t: float) -> bool:
    """Whether '(continued)' fits beside the block's first line (else it takes a line of its own)."""
    d = DETAIL * t
    return b.first_width + 1.5 * t + text_width(b.cont, theme.FONT_ITALIC, d) <= width


def top_height(b: Block, width: float, t: float, continued: bool) -> float:
    """The block's height at the top of a column."""
    return b.height + (cont_height(t) if continued and not marker_inline(b, width, t) else 0.0)


def pack(bls: tuple[Block, ...], height: float, width: float, t: float) -> list[list[Block]] | None:
    """Blocks in order into greedy columns of at most ``height``."""
    cols: list[list[Block]] = [[]]
    used = 0.0
    for b in bls:
        if cols[-1]:
            need = SLOT_GAP * t + b.height
            if used + need <= height + 1e-6:
                cols[-1].append(b)
                used += need
                continue
            cols.append([])
        need = top_height(b, width, t, len(cols) > 1)
        if need > height + 1e-6:
            return None
        cols[-1].append(b)
        used = need
    return cols


def balanced(bls: tuple[Block, ...], height: float, width: float, t: float, k: int) -> list[list[Block]] | None:
    """Columns of the least height (at most ``height``) that hold every block in ``k`` columns:
    the columns end near the same line instead of the last one trailing off."""
    cols = pack(bls, height, width, t)
    if cols is None or len(cols) > k:
        return None
    lo, hi = max(b.height for b in bls), height
    for _ in range(20):
        mid = (lo + hi) / 2
        trial = pack(bls, mid, width, t)
        if trial is not None and len(trial) <= k:
            hi, cols = mid, trial
        else:
            lo = mid
    return cols


# --------------------------------------------------------------------------
# drawing
# --------------------------------------------------------------------------


def draw_column(c: Canvas, day: Day, col: list[Block], x: float, top: float, width: float, t: float,
                s: float, continued: bool) -> None:
    lead = FLOW_LEADING * t
    d = DETAIL * t
    y = top
    if continued:
        c.setFont(theme.FONT_ITALIC, d)
        c.setFillColor(theme.MUTED)
        if marker_inline(col[0], width, t):
            draw(c, col[0].cont, x + width, y - 0.98 * t, align="right")
        else:
            draw(c, col[0].cont, x, y - 0.98 * d)
            y -= cont_height(t)
    for k, b in enumerate(col):
        if k:
            y -= SLOT_GAP * t
            c.setStrokeColor(theme.RULE)
            c.setLineWidth(0.8 * s)
            c.line(x, y + 0.5 * SLOT_GAP * t, x + width, y + 0.5 * SLOT_GAP * t)
        prev = None
        for r in b.rows:
            if prev == "entry":  # before the next item, or a later start time within the slot
                y -= ENTRY_GAP * t
            if r.kind == "entry" and prev == "time":
                y -= 0.12 * t
            h = len(r.lines) * lead
            if r.kind == "quiet" and r.item is not None and r.item.kind.is_pause:
                pad = 0.2 * t
                c.setFillColor(theme.PAUSE_BG)
                c.rect(x - 0.3 * t, y - h - pad + 0.12 * t, width + 0.6 * t, h + 2 * pad - 0.12 * t,
                       stroke=0, fill=1)
            base = y - 0.98 * t
            for i, line in enumerate(r.lines):
                draw_mixed(c, line, x, base - i * lead)
            y -= h
            prev = r.kind


def cont_height(t: float) -> float:
    return FLOW_LEADING * DETAIL * t + 0.3 * t


@dataclass(frozen=True)
class Flow:
    t: float
    k: int
    width: float  # of a column
    columns: tuple[tuple[tuple[Block, ...], ...], ...]  # per day


def choose(days: tuple[Day, ...], width: float, height: float, s: float, t_max: float, t_min: float,
           step: float = 0.5) -> Flow | None:
    """One title size and column count for every day: the largest size at which each day's
    table fits its page; at that size the fewest columns. None if a day does not fit at ``t_min``."""
    gutter = COL_GUTTER * s
    sizes = []
    t = t_max
    while t >= t_min - 1e-9:
        sizes.append(t * s)
        t -= step

    memo: dict[tuple[int, float, float], tuple[Block, ...]] = {}

    def flow(ts: float, k: int) -> Flow | None:
        cw = (width - (k - 1) * gutter) / k
        cols = []
        for i, day in enumerate(days):
            key = (i, ts, cw)
            if key not in memo:
                memo[key] = blocks(day, ts, cw)
            got = balanced(memo[key], height, cw, ts, k)
            if got is None:
                return None
            cols.append(tuple(tuple(col) for col in got))
        return Flow(ts, k, cw, tuple(cols))

    best: Flow | None = None
    for k in range(1, MAX_COLS + 1):
        cw = (width - (k - 1) * gutter) / k
        if cw < MIN_COL * s:
            break
        if best is not None and sizes[0] <= best.t + 1e-9:
            break
        if flow(sizes[-1], k) is None:
            continue
        lo, hi = 0, len(sizes) - 1  # sizes descend: the first that fits
        while lo < hi:
            mid = (lo + hi) // 2
            if flow(sizes[mid], k) is not None:
                hi = mid
            else:
                lo = mid + 1
        cand = flow(sizes[lo], k)
        if best is None or cand.t > best.t + 1e-9:
            best = cand
    return best


def overflow(day: Day, width: float, height: float, t: float, s: float) -> list[list[list[Block]]]:
    """A day too long for one sheet even at ``t``: its blocks at ``t`` packed into MAX_COLS columns a
    sheet, as many sheets as it takes (a block taller than a column is cut off at the sheet's foot)."""
    gutter = COL_GUTTER * s
    cw = (width - (MAX_COLS - 1) * gutter) / MAX_COLS
    cols: list[list[Block]] = [[]]
    used = 0.0
    for b in blocks(day, t, cw):
        need = b.height + (SLOT_GAP * t if cols[-1] else 0.0)
        if cols[-1] and used + need > height - cont_height(t):
            cols.append([])
            need = b.height
        cols[-1].append(b)
        used = need if len(cols[-1]) == 1 else used + need
    return [cols[i:i + MAX_COLS] for i in range(0, len(cols), MAX_COLS)]


def column_width(width: float, k: int, s: float) -> float:
    return (width - (k - 1) * COL_GUTTER * s) / k
