"""A day too large for its talks to be read on one sheet, at track level: rooms down the sheet,
time across, one block per track, session or lone item.

A lobby poster is read from one to three metres, so its body type is 14 pt at least (print
facts); a day whose talks would need smaller type or several sheets is shown as a room x time
overview instead, and the QR code in the header opens the full programme. What a block is comes
from the content, never from a title's words:

- consecutive talks in one room with the same ``track`` are one block (a devroom, a stream),
  named by the track, with how many talks and their time span;
- else consecutive talks with the same session chairs are one block (a session);
- else consecutive untracked talks are one block ("6 talks"), a lone one shown by its title;
- a keynote outside any track, a break, a meal, a social: a block with its title;
- an item nothing overlaps that is not a talk in a room (registration, lunch, a plenary
  with no room) is a band across every room.

Layout: every room a row of one height; time runs across in slots between the times at which
blocks start and end, each slot as wide as its minutes and as the text of the blocks ending in it
need (the poster's grid, turned), so blocks line up and stay proportional where they can.
The type size is the largest at which it all fits the sheet, from ``T_MAX`` down to ``T_MIN``
(the lobby's 14 pt) and, for a day with more rooms than that holds, below it as a last resort.
All sizes are for A2 and scale with the page (``s``).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from eventprint import i18n
from eventprint.model import Day, Item, Kind, Room
from reportlab.pdfgen.canvas import Canvas

from ..kit import grid, theme, typeset
from ..kit.grid_text import ELLIPSIS, ellipsize
from ..kit.text import Unit, draw, line_count, text_width, words, wrap_units
from ..kit.tracks import tint

T_MAX, T_MIN, T_FLOOR = 36.0, 14.0, 9.0  # type sizes on A2: largest, the lobby's floor, the last resort
STEP = 0.5
LEAD = 1.15  # line pitch, x the size
PAD = 0.35  # inside a block, left and right, x the size
VPAD = 0.3  # inside a block, above and below
EDGE = 0.25  # a block's coloured edge (its track), x the size
GAP = 0.12  # between blocks, x the size
MAX_LINES = 4  # a block's text in at most this many lines: rows stay low, the room names close
MIN_PER_HOUR = 2.0  # a busy hour is at least this wide, x the size: longer blocks look longer
IDLE = 1.0  # a stretch when nothing happens, x the size
MERGE_GAP = 20  # minutes: talks of one track further apart than this are two blocks
TITLE_WORDS = 12  # a title longer than this is cut with an ellipsis: the block names the item, the QR code has it all
ROW_STRETCH = 3.0  # rows grow at most this much into a sheet taller than they need


@dataclass(frozen=True)
class Block:
    row: int  # index into Overview.rows
    start: int  # minutes from the day's midnight (past 24:00 after midnight), as the grid counts
    end: int
    label: tuple[Unit, ...]  # the track, the count of talks, or the title: bold
    detail: tuple[Unit, ...]  # how many talks, chairs, the time span: quiet
    track: str | None
    kind: str  # "track", "session", "talks", "item" (a title), "pause"


@dataclass(frozen=True)
class Band:
    """An item across every room: registration, lunch, a plenary nothing runs beside."""
    start: int
    end: int
    label: tuple[Unit, ...]
    pause: bool


@dataclass(frozen=True)
class Overview:
    day: Day
    rows: tuple[Room | None, ...]  # grid.columns order; None: items with no room
    blocks: tuple[Block, ...]
    bands: tuple[Band, ...]


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _group(it: Item) -> tuple:
    """Which block an item joins: its track, else its session chairs, else the untracked talks;
    a keynote outside a track and anything that is not a talk stand alone, by title."""
    if not it.is_talk:
        return ("item", it.id)
    if it.track:
        return ("track", it.track)
    if it.kind is Kind.KEYNOTE:
        return ("item", it.id)
    if it.chairs:
        return ("session", tuple(p.id for p in it.chairs))
    return ("talks",)


def overview(day: Day, order: tuple[Room, ...]) -> Overview:
    """The day's blocks and bands, rows in ``order`` (grid.room_order: the same on every output)."""
    span = grid.spanning(day.items)
    rows = grid.columns(day, order)
    index = {(r.id if r else None): i for i, r in enumerate(rows)}
    lang = day.language
    bands = tuple(Band(grid._start(it), grid._end(it), tuple(_title_units(it, lang)), it.kind.is_pause)
                  for it in day.items if it.id in span)
    runs: list[tuple[int, tuple, list[Item]]] = []
    for it in sorted((it for it in day.items if it.id not in span), key=lambda it: (grid._start(it), grid._end(it))):
        row = index[it.room.id if it.room else None]
        key = _group(it)
        last = next((r for r in reversed(runs) if r[0] == row), None)
        if (last is not None and last[1] == key and key[0] != "item"
                and grid._start(it) - max(grid._end(x) for x in last[2]) <= MERGE_GAP):
            last[2].append(it)
        else:
            runs.append((row, key, [it]))
    blocks = tuple(_block(row, key, items, lang) for row, key, items in runs)
    return Overview(day, rows, blocks, bands)


def _title_units(it: Item, lang: object) -> list[Unit]:
    font, colour = (theme.FONT_BOLD, theme.MUTED) if it.kind.is_pause else theme.title_face(theme.FONT_BOLD, it.title.confirmed)
    units = words(typeset.quotes(it.title.display, lang), font, colour)
    if it.kind is Kind.KEYNOTE:
        units = [((i18n.tr(lang, "KEYNOTE"), theme.FONT_BOLD, theme.ACCENT),)] + units
    return units


def _block(row: int, key: tuple, items: list[Item], lang: object) -> Block:
    start, end = min(grid._start(it) for it in items), max(grid._end(it) for it in items)
    first = min(items, key=grid._start)
    last = max(items, key=grid._end)
    when = i18n.time_range(lang, first.start, last.end)
    muted = theme.MUTED
    talks = sum(1 for it in items if it.is_talk)
    count = words(i18n.ntr(lang, "{n} talk", "{n} talks", talks), theme.FONT, muted)
    kind = key[0]
    track = first.track if kind == "track" else None
    if kind == "track":
        label, detail = words(track, theme.FONT_BOLD, theme.INK), count + _when(when)
    elif kind == "session":
        names = ", ".join(p.name for p in first.chairs)
        label = words(i18n.ntr(lang, "{n} talk", "{n} talks", talks), theme.FONT_BOLD, theme.INK)
        detail = words(i18n.ntr(lang, "Session chair: {names}", "Session chairs: {names}", len(first.chairs),
                                names=names), theme.FONT, muted) + _when(when)
    elif kind == "talks" and len(items) > 1:
        label, detail = words(i18n.ntr(lang, "{n} talk", "{n} talks", talks), theme.FONT_BOLD, theme.INK), _when(when, False)
    else:  # a title: a keynote, a lone talk, a break, a social
        kind = "pause" if first.kind.is_pause else "item"
        label = _title_units(first, lang)
        if len(label) > TITLE_WORDS:
            text, font, colour = label[TITLE_WORDS - 1][-1]
            label = label[:TITLE_WORDS - 1] + [label[TITLE_WORDS - 1][:-1] + ((text + ELLIPSIS, font, colour),)]
        detail = _when(when, False)
    return Block(row, start, end, tuple(label), tuple(detail), track, kind)


def _when(when: str, after: bool = True) -> list[Unit]:
    """The time span as one unit (never broken), after a middle dot when something precedes it."""
    unit = ((when, theme.FONT, theme.MUTED),)
    return [((theme.MIDDOT + " " + when, theme.FONT, theme.MUTED),)] if after else [unit]


# --------------------------------------------------------------------------
# planning: the size, the rows' height and every slot's width
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    ov: Overview
    t: float
    lines: int  # a block's text in at most this many lines
    label_w: float  # the room names' column
    axis_h: float
    row_h: float  # as low as the text needs (drawing grows it into the sheet)
    bounds: tuple[int, ...]  # slot boundaries, minutes
    widths: tuple[float, ...]  # each slot's least width
    covered: tuple[bool, ...]


def _lines_in(b: Block, t: float, width: float, lines: int) -> int:
    inner = width - (2 * PAD + EDGE) * t
    if inner <= t:
        return 99
    if lines >= 2 and b.detail:  # the detail on a line of its own
        return line_count(b.label, t, inner) + line_count(b.detail, t, inner)
    return line_count(b.label + b.detail, t, inner)


def _need(b: Block, t: float, lines: int, most: float) -> float | None:
    """The least width at which the block's text takes at most ``lines`` lines (None: not even ``most``)."""
    if _lines_in(b, t, most, lines) > lines:
        return None
    widest = max(text_width("".join(s[0] for s in u), u[0][1], t) for u in b.label + b.detail)
    lo, hi = widest + (2 * PAD + EDGE) * t, most
    if _lines_in(b, t, lo, lines) <= lines:
        return lo
    for _ in range(14):
        mid = (lo + hi) / 2
        if _lines_in(b, t, mid, lines) <= lines:
            hi = mid
        else:
            lo = mid
    return hi


def _band_need(band: Band, t: float) -> float:
    """A band's label is set across its top, a word a line if need be: as wide as its longest word."""
    return max(text_width("".join(seg[0] for seg in u), u[0][1], t) for u in band.label) + 2 * PAD * t


def plan(ov: Overview, t: float, width: float, height: float, force: bool = False) -> Plan | None:
    """The overview at size ``t`` in ``width`` x ``height``, its slots as narrow as they may be;
    None if it does not fit (``force``: made to fit, its slots and rows narrowed, text cut)."""
    names = [r.name if r else ov.day.venue.short_name for r in ov.rows]
    label_w = min(max(text_width(n, theme.FONT_BOLD, t) for n in names) + 2 * PAD * t, 0.2 * width)
    axis_h = LEAD * t + 2 * VPAD * t
    n_rows = max(len(ov.rows), 1)
    lines = min(MAX_LINES, int((((height - axis_h) / n_rows) / t - 2 * VPAD - GAP) / LEAD + 1e-6))
    if lines < 1 and not force:
        return None
    lines = max(lines, 1)
    row_h = min((lines * LEAD + 2 * VPAD + GAP) * t, (height - axis_h) / n_rows)
    room_w = width - label_w
    bounds = sorted({b.start for b in ov.blocks} | {b.end for b in ov.blocks}
                    | {b.start for b in ov.bands} | {b.end for b in ov.bands})
    at = {m: i for i, m in enumerate(bounds)}
    covered = [False] * (len(bounds) - 1)
    for x in (*ov.blocks, *ov.bands):
        for i in range(at[x.start], at[x.end]):
            covered[i] = True
    widths = [MIN_PER_HOUR * t * (bounds[i + 1] - bounds[i]) / 60 if covered[i] else IDLE * t
              for i in range(len(covered))]
    needs: list[tuple[int, int, float]] = []
    for b in ov.blocks:
        need = _need(b, t, lines, room_w)
        if need is None and not force:
            return None
        needs.append((at[b.start], at[b.end] - 1, (need or 0.0) + GAP * t))
    for band in ov.bands:
        needs.append((at[band.start], at[band.end] - 1, _band_need(band, t) + GAP * t))
    for first, last, need in sorted(needs, key=lambda n: (n[1], n[0])):  # as the grid grows its rows
        have = sum(widths[first:last + 1])
        if need > have:
            widths[last] += need - have
    if force and sum(widths) > room_w:
        widths = [w * room_w / sum(widths) for w in widths]
    if sum(widths) > room_w + 1e-6 or n_rows * row_h > height - axis_h + 1e-6:
        return None
    return Plan(ov, t, lines, label_w, axis_h, row_h, tuple(bounds), tuple(widths), tuple(covered))


def best(ov: Overview, width: float, height: float, s: float) -> Plan:
    """The plan at the largest size that fits, from T_MAX down to T_MIN and, for a day too large
    even for that, on down to T_FLOOR (then at T_FLOOR whatever it takes: the sheet is never empty)."""
    t = T_MAX * s
    while t >= T_FLOOR * s - 1e-9:
        p = plan(ov, t, width, height)
        if p is not None:
            return p
        t -= STEP * s
    return plan(ov, T_FLOOR * s, width, height, force=True)


# --------------------------------------------------------------------------
# drawing
# --------------------------------------------------------------------------


def draw_overview(c: Canvas, p: Plan, x: float, top: float, width: float, height: float,
                  colours: dict, s: float) -> None:
    """The plan drawn in the box from (x, top) ``width`` x ``height``: rows grow into it (at most
    ROW_STRETCH), slots share the spare width by their minutes."""
    t, ov = p.t, p.ov
    room_w = width - p.label_w
    spare = room_w - sum(p.widths)
    minutes = [p.bounds[i + 1] - p.bounds[i] if p.covered[i] else 0 for i in range(len(p.widths))]
    total = sum(minutes) or 1
    widths = [w + spare * m / total for w, m in zip(p.widths, minutes)]
    xs = [x + p.label_w]
    for w in widths:
        xs.append(xs[-1] + w)
    at = {m: xs[i] for i, m in enumerate(p.bounds)}
    n_rows = max(len(ov.rows), 1)
    row_h = min(p.row_h * ROW_STRETCH, (height - p.axis_h) / n_rows)
    y0 = top - p.axis_h  # the rows' top
    bottom = y0 - n_rows * row_h
    lang = ov.day.language
    # the time axis: a time at every start, hairlines down through the rows
    starts = sorted({b.start for b in ov.blocks} | {b.start for b in ov.bands} | {p.bounds[-1]})
    c.setLineWidth(0.8 * s)
    c.setStrokeColor(theme.RULE)
    last_right = -1e9
    for m in starts:
        label = i18n.clock(lang, time(m // 60 % 24, m % 60))
        lw = text_width(label, theme.FONT_BOLD, t)
        lx = min(max(at[m] - lw / 2, x + p.label_w), x + width - lw)
        c.line(at[m], y0, at[m], bottom)
        if lx >= last_right + 0.5 * t:
            draw(c, label, lx, top - VPAD * t - 0.85 * t, theme.FONT_BOLD, t, theme.INK)
            last_right = lx + lw
    # rooms: names in the left column, a rule between rows
    for i, r in enumerate(ov.rows):
        ry = y0 - i * row_h
        c.setStrokeColor(theme.RULE)
        c.line(x, ry, x + width, ry)
        name = r.name if r else ov.day.venue.short_name
        _draw_room(c, name, x, ry, p.label_w - PAD * t, row_h, t, theme.ACCENT if r is not None else theme.MUTED)
    c.setStrokeColor(theme.ACCENT)
    c.setLineWidth(1.6 * s)
    c.line(x, y0, x + width, y0)
    gap = GAP * t
    for band in ov.bands:
        bx0, bx1 = at[band.start] + gap / 2, at[band.end] - gap / 2
        c.setFillColor(theme.PAUSE_BG)
        c.rect(bx0, bottom + gap / 2, bx1 - bx0, y0 - bottom - gap, stroke=0, fill=1)
        _draw_band_text(c, band.label, bx0 + PAD * t, y0 - VPAD * t, bx1 - bx0 - 2 * PAD * t, y0 - bottom, t)
    for b in ov.blocks:
        bx0, bx1 = at[b.start] + gap / 2, at[b.end] - gap / 2
        by1 = y0 - b.row * row_h - gap / 2
        bh = row_h - gap
        colour = colours.get(b.track) if b.track else None
        fill = tint(colour) if colour is not None else (theme.PAUSE_BG if b.kind == "pause" else theme.ACCENT_LIGHT)
        c.setFillColor(fill)
        c.rect(bx0, by1 - bh, bx1 - bx0, bh, stroke=0, fill=1)
        edge = colour if colour is not None else (theme.ACCENT if b.kind == "item" and b.label and
                                                   b.label[0][0][2] is theme.ACCENT else None)
        if edge is not None:
            c.setFillColor(edge)
            c.rect(bx0, by1 - bh, EDGE * t, bh, stroke=0, fill=1)
        _draw_block_text(c, b, bx0 + (EDGE + PAD) * t, by1 - VPAD * t, bx1 - bx0 - (2 * PAD + EDGE) * t,
                         bh - 2 * VPAD * t, t, p.lines)


def _draw_room(c: Canvas, name: str, x: float, top: float, width: float, height: float, t: float, colour) -> None:
    """A room's name in its row: up to two lines (as many as the row holds), cut with an ellipsis."""
    lines = wrap_units(words(name, theme.FONT_BOLD, colour), t, width)
    room = max(1, min(2, int((height - 2 * VPAD * t) / (LEAD * t) + 1e-6)))
    if len(lines) > room:
        lines = lines[:room - 1] + [ellipsize(lines[room - 1], t, width)]
    y = top - (height - len(lines) * LEAD * t) / 2
    for line in lines:
        y -= LEAD * t
        _segments(c, line, x, y + (LEAD - 0.92) * t, t)


def _draw_block_text(c: Canvas, b: Block, x: float, top: float, width: float, height: float, t: float,
                     most: int) -> None:
    room = max(1, int((height + 1e-6) / (LEAD * t)))
    if room >= 2 and b.detail:
        label = wrap_units(b.label, t, width)
        detail = wrap_units(b.detail, t, width)
        lines = label[:max(1, room - len(detail))] + detail
        if len(label) > room - len(detail) >= 1:
            lines[max(1, room - len(detail)) - 1] = ellipsize(lines[max(1, room - len(detail)) - 1], t, width)
    else:
        lines = wrap_units(b.label + b.detail, t, width)
    if len(lines) > room:
        lines = lines[:room - 1] + [ellipsize(lines[room - 1], t, width)]
    y = top
    for line in lines:
        y -= LEAD * t
        _segments(c, line, x, y + (LEAD - 0.92) * t, t)


def _draw_band_text(c: Canvas, label: tuple[Unit, ...], x: float, top: float, width: float, height: float,
                    t: float) -> None:
    """A band's label across its top, wrapped to its width."""
    y = top
    for line in wrap_units(label, t, width)[:max(1, int(height / (LEAD * t)) - 1)]:
        y -= LEAD * t
        _segments(c, line, x, y + (LEAD - 0.92) * t, t)


def _segments(c: Canvas, line, x: float, y: float, t: float) -> None:
    """One line of segments with its baseline at ``y``, each run of one font and colour one string."""
    runs: list[list] = []
    for text, font, colour in line:
        if runs and runs[-1][1:] == [font, colour]:
            runs[-1][0] += text
        else:
            runs.append([text, font, colour])
    for text, font, colour in runs:
        if text.strip():
            draw(c, text, x, y, font, t, colour)
        x += text_width(text, font, t)

