"""The lobby poster: the whole programme at a glance.

A2 portrait by default (A1 and A3 on request); every size, gap and rule is a
multiple of the page width, so A1 and A3 look the same as A2. The header
carries the event's name, hosts, dates and the QR code to the online
programme; then the venues with addresses; then one table per day. The days
sit side by side, in a grid or one above the other, whichever arrangement lets
the programme be set largest. Items that start together (parallel talks) form
one slot with their rooms labelled.

Large events. When no one-page arrangement fits at TEXT_MIN (11 pt on A2), the
poster becomes one page per day (``poster_flow``): every page repeats the
header (name, hosts, dates, venues with their days, QR code) as one compact band,
then the day's date large with "Page n of N", then the day's table flowing
across columns as one continuous table. A slot (the items that start together)
is never split between columns; later columns carry a small "(continued)". One
title size and one column count serve every page (the largest size at which
the fullest day fits, then the fewest columns), so the pages read as a set.
Only if a day does not fit its own page at TEXT_MIN is it a BuildError naming
that day. Events that fit on one page are drawn exactly as before.

Measured for the benchmark event (3 days x 8 rooms, ~136 items a day, titles of
4-11 words) on A2: the one-page table style (time column, room column, bold
titles, speakers on their own line) needs about 2000 pt of column per 11 pt
column in 3-4 columns against 1170 pt available, and even packed tighter it
needed ~1450 pt. Slots of eight parallel talks are ~300 pt tall, so a column
also wastes up to a slot at its foot. What fits at 11 pt, in 5 columns of
72 mm (about 35 characters a line): the time as a heading line over its slot
instead of a column, the room as a bold accent label leading the title, titles
in regular weight (bold is ~8 % wider; time and room labels stay bold, so the
hierarchy is time > room > title > speakers), speakers run on after the title
in muted 9 pt, leading 1.12 with a gap between items, margins of 15 mm instead
of 22 mm (still three times the safe margin), and the header set as one band
of about 60 mm. Nothing is dropped or truncated. The fullest day then leaves
about 45 pt of its column free.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A1, A2, A3, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from eventprint import urls
from eventprint.model import Day, Event, Item, Kind
from eventprint.options import BuildOptions, OptionError
from eventprint.output import Artifact
from eventprint.problems import BuildError

from . import common, poster_flow, theme
from .schedule_text import (Segment, as_of, draw_segments, secondary, short_url, text_width, words, wrap,
                            wrap_units)

SIZES = {"A2": portrait(A2), "A1": portrait(A1), "A3": portrait(A3)}
DEFAULT_SIZE = "A2"
REF_WIDTH = portrait(A2)[0]  # every size below is for A2 and scales with the page width

MARGIN = 22 * mm
QR_SIZE = 55 * mm
TITLE_MAX, TITLE_MIN = 88.0, 40.0
HOSTS_SIZE = 26.0
DATES_SIZE = 44.0
VENUE_SIZE = 19.0
TEXT_MAX, TEXT_MIN = 24.0, 11.0  # programme text: set as large as fits, never below 11 pt on A2
FOOT_SIZE = 12.0
GUTTER = 14 * mm  # between day panels
LEADING = 1.22
DETAIL = 0.82  # speakers and rooms, x the title size
KEYNOTE_LABEL = "KEYNOTE"
TIME_TEMPLATE = f"00:00{theme.EN_DASH}00:00"


def page_size(options: BuildOptions) -> tuple[float, float]:
    size = options.size or DEFAULT_SIZE
    if size not in SIZES:
        raise OptionError(f"the poster cannot be printed at size {size!r}; choose one of "
                          f"{', '.join(SIZES)} (portrait, A2 is the default)")
    return SIZES[size]


# --------------------------------------------------------------------------
# day tables
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    item: Item
    show_time: bool
    show_room: bool


def slots(day: Day) -> list[list[Entry]]:
    """Items grouped by start time: parallel talks read as one slot."""
    several = len(day.rooms) > 1
    out: list[list[Entry]] = []
    for it in day.items:
        if out and out[-1][0].item.start == it.start:
            prev = out[-1][-1].item
            out[-1].append(Entry(it, it.time_range != prev.time_range, several))
        else:
            out.append([Entry(it, True, several)])
    return out


@dataclass(frozen=True)
class EntryLines:
    entry: Entry
    time_lines: tuple[tuple[str, str, object], ...]  # text, font, colour at time size
    room_lines: tuple[str, ...]
    title_lines: tuple[tuple[Segment, ...], ...]
    detail_lines: tuple[tuple[Segment, ...], ...]


@dataclass(frozen=True)
class Panel:
    day: Day
    t: float
    width: float
    time_w: float
    room_w: float
    heading: common.Fitted
    sub: str
    slots: tuple[tuple[EntryLines, ...], ...]

    @property
    def lead(self) -> float:
        return LEADING * self.t

    @property
    def dlead(self) -> float:
        return LEADING * DETAIL * self.t

    def entry_height(self, e: EntryLines) -> float:
        text = len(e.title_lines) * self.lead + len(e.detail_lines) * self.dlead
        time = len(e.time_lines) * self.lead
        room = len(e.room_lines) * self.dlead
        return max(text, time, room)

    @property
    def head_height(self) -> float:
        return self.heading.height + LEADING * DETAIL * self.t + 0.9 * self.t

    def slot_height(self, slot) -> float:
        return sum(self.entry_height(e) for e in slot) + (len(slot) - 1) * 0.35 * self.t

    @property
    def height(self) -> float:
        body = sum(self.slot_height(sl) for sl in self.slots) + (len(self.slots) - 1) * 0.7 * self.t
        return self.head_height + body


def _panel(day: Day, t: float, width: float, s: float) -> Panel:
    d = DETAIL * t
    time_w = text_width(TIME_TEMPLATE, theme.FONT_BOLD, t) + 0.7 * t
    several = len(day.rooms) > 1
    room_w = 0.0
    if several:
        widest = max(text_width(r.name, theme.FONT_BOLD, d) for r in day.rooms)
        room_w = min(widest + 1, 0.24 * width) + 0.7 * t
    text_w = width - time_w - room_w
    out = []
    for slot in slots(day):
        lines = []
        for e in slot:
            it = e.item
            quiet = it.kind.is_pause or (not it.is_talk and not it.speakers)
            time_lines: list[tuple[str, str, object]] = []
            if e.show_time:
                time_lines.append((it.time_range, theme.FONT if quiet else theme.FONT_BOLD,
                                   theme.MUTED if quiet else theme.INK))
            if it.kind is Kind.KEYNOTE:
                time_lines.append((KEYNOTE_LABEL, theme.FONT_BOLD, theme.ACCENT))
            room = it.room.name if (it.room and e.show_room) else ""
            room_lines = tuple(wrap(room, theme.FONT_BOLD, d, room_w - 0.7 * t)) if room else ()
            if quiet:
                font = theme.FONT
                colour = theme.MUTED
            else:
                font = theme.FONT_BOLD if it.title.confirmed else theme.FONT_BOLD_ITALIC
                colour = theme.INK
            title = tuple(wrap_units(words(it.title.display, font, colour), t, text_w))
            detail = tuple(wrap_units(secondary(it), d, text_w))
            lines.append(EntryLines(e, tuple(time_lines), room_lines, title, detail))
        out.append(tuple(lines))
    heading = common.fit(day.label, theme.FONT_BOLD, width, 1.5 * t, 1.0 * t, max_lines=2,
                         what=f"the heading of {day.label}")
    sub = day.venue.short_name
    return Panel(day, t, width, time_w, room_w, heading, sub, tuple(out))


def _draw_panel(c: Canvas, p: Panel, x: float, top: float, s: float) -> None:
    t, d = p.t, DETAIL * p.t
    y = common.draw_lines(c, p.heading, theme.FONT_BOLD, x, top, color=theme.ACCENT)
    sub = common.fit(p.sub, theme.FONT, p.width, d, min(d, 0.6 * t), what=f"the venue of {p.day.label}")
    c.setFont(theme.FONT, sub.size)
    c.setFillColor(theme.MUTED)
    c.drawString(x, y - 0.98 * sub.size, sub.lines[0])
    y -= LEADING * d + 0.35 * t
    c.setStrokeColor(theme.ACCENT)
    c.setLineWidth(2.5 * s)
    c.line(x, y, x + p.width, y)
    y -= 0.55 * t
    for k, slot in enumerate(p.slots):
        sh = p.slot_height(slot)
        if k > 0:
            c.setStrokeColor(theme.RULE)
            c.setLineWidth(0.8 * s)
            c.line(x, y + 0.35 * t, x + p.width, y + 0.35 * t)
        for j, e in enumerate(slot):
            eh = p.entry_height(e)
            it = e.entry.item
            if it.kind.is_pause:
                c.setFillColor(theme.PAUSE_BG)
                pad = 0.18 * t
                c.rect(x - 0.3 * t, y - eh - pad, p.width + 0.6 * t, eh + 2 * pad, stroke=0, fill=1)
            base = y - 0.98 * t
            for i, (text, font, colour) in enumerate(e.time_lines):
                size = t if i == 0 and text != KEYNOTE_LABEL else d
                c.setFont(font, size)
                c.setFillColor(colour)
                c.drawString(x, base - i * p.lead, text)
            c.setFont(theme.FONT_BOLD, d)
            c.setFillColor(theme.ACCENT if it.is_talk else theme.MUTED)
            for i, line in enumerate(e.room_lines):
                c.drawString(x + p.time_w, y - 0.98 * t - i * p.dlead, line)
            tx = x + p.time_w + p.room_w
            for i, line in enumerate(e.title_lines):
                draw_segments(c, line, tx, base - i * p.lead, t)
            dy = y - len(e.title_lines) * p.lead
            for i, line in enumerate(e.detail_lines):
                draw_segments(c, line, tx, dy - 0.98 * d - i * p.dlead, d)
            y -= eh + (0.35 * t if j < len(slot) - 1 else 0)
        y -= 0.7 * t
        del sh


# --------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------


class DoesNotFit(BuildError):
    """The whole programme does not fit on one page: the poster falls back to a page per day."""


@dataclass(frozen=True)
class Arrangement:
    per_row: int
    panels: tuple[Panel, ...]
    t: float

    def height(self, gap: float) -> float:
        rows = [self.panels[i:i + self.per_row] for i in range(0, len(self.panels), self.per_row)]
        return sum(max(p.height for p in row) for row in rows) + (len(rows) - 1) * gap


def _arrange(event: Event, width: float, height: float, s: float) -> Arrangement:
    """The arrangement of day panels that sets the programme largest; BuildError if none fits."""
    sizes = []
    t = TEXT_MAX
    while t >= TEXT_MIN - 1e-9:
        sizes.append(t * s)
        t -= 0.5
    gutter = GUTTER * s
    n = len(event.days)
    best: Arrangement | None = None
    for per_row in range(1, n + 1):
        pw = (width - (per_row - 1) * gutter) / per_row
        if pw < 300 * s:  # too narrow for time, room and a readable title
            break

        def at(t: float) -> Arrangement:
            return Arrangement(per_row, tuple(_panel(d, t, pw, s) for d in event.days), t)

        lo, hi = 0, len(sizes) - 1  # sizes descend; find the first that fits
        if at(sizes[hi]).height(2 * gutter) > height:
            continue
        while lo < hi:
            mid = (lo + hi) // 2
            if at(sizes[mid]).height(2 * gutter) <= height:
                hi = mid
            else:
                lo = mid + 1
        cand = at(sizes[lo])
        if best is None or cand.t > best.t + 1e-9:
            best = cand
    if best is None:
        pw = (width - (min(n, 2) - 1) * gutter) / min(n, 2)
        worst = max(event.days, key=lambda d: _panel(d, TEXT_MIN * s, pw, s).height)
        raise DoesNotFit(f"the programme of {worst.label} ({len(worst.items)} items) does not fit on the "
                         f"poster even at {TEXT_MIN:g} pt (on A2) \u2014 shorten its titles or move items to "
                         f"another day; a larger --size only enlarges the same layout")
    return best


def _draw_footer(c: Canvas, event: Event, w: float, s: float, margin: float = MARGIN) -> float:
    """'As of ...' on the left, the short name on the right; returns the lowest y the content may use."""
    m = margin * s
    inner = w - 2 * m
    fs = FOOT_SIZE * s
    c.setFont(theme.FONT, fs)
    c.setFillColor(theme.MUTED)
    foot_y = m + 0.3 * fs
    left = as_of(event)
    c.drawString(m, foot_y, left)
    right = common.fit(event.short_name, theme.FONT, inner - text_width(left, theme.FONT, fs) - 20 * mm * s,
                       fs, 0.7 * fs, what="the short name")
    c.setFont(theme.FONT, right.size)
    c.drawRightString(w - m, foot_y, right.lines[0])
    return m + LEADING * fs + 8 * mm * s


def draw_poster(c: Canvas, event: Event, pagesize) -> None:
    w, h = pagesize
    s = w / REF_WIDTH
    m = MARGIN * s
    inner = w - 2 * m
    qr = QR_SIZE * s
    url = urls.programme_url(event)

    # -- header: name, hosts, dates; QR code and URL on the right --------------------------
    head_w = inner - qr - 14 * mm * s
    y = poster_flow.draw_event_heading(c, event, m, h - m, head_w, TITLE_MAX * s, TITLE_MIN * s, 0.15,
                                       HOSTS_SIZE * s, 0.5, DATES_SIZE * s)
    qr_y = h - m - qr
    common.draw_qr(c, url, w - m - qr, qr_y, qr, what="QR code on the poster")
    caption = common.fit(short_url(url), theme.FONT, qr + 12 * mm * s, 15 * s, 9 * s, max_lines=2,
                         what="the programme URL")
    cap_bottom = common.draw_lines(c, caption, theme.FONT, w - m - qr - 6 * mm * s, qr_y - 2 * mm * s,
                                   align="center", box_width=qr + 12 * mm * s, color=theme.MUTED)
    y = min(y, cap_bottom) - 9 * mm * s
    c.setStrokeColor(theme.ACCENT)
    c.setLineWidth(4 * s)
    c.line(m, y, w - m, y)
    y -= 9 * mm * s

    # -- venues ---------------------------------------------------------------------------
    venues = [v for v in event.venues if any(d.venue is v for d in event.days)] or list(event.venues)
    per = min(len(venues), 3)
    vw = (inner - (per - 1) * GUTTER * s) / per
    vs = VENUE_SIZE * s
    row_bottom = y
    for i, v in enumerate(venues):
        if i and i % per == 0:
            y = row_bottom - 5 * mm * s
        x = m + (i % per) * (vw + GUTTER * s)
        vy = poster_flow.draw_venue(c, event, v, x, y, vw, vs, days_lines=2)
        row_bottom = min(row_bottom, vy)
    y = row_bottom - 8 * mm * s

    bottom = _draw_footer(c, event, w, s)

    # -- days -------------------------------------------------------------------------------
    arr = _arrange(event, inner, y - bottom, s)
    gutter = GUTTER * s
    pw = (inner - (arr.per_row - 1) * gutter) / arr.per_row
    rows = [arr.panels[i:i + arr.per_row] for i in range(0, len(arr.panels), arr.per_row)]
    for row in rows:
        for k, p in enumerate(row):
            _draw_panel(c, p, m + k * (pw + gutter), y, s)
        y -= max(p.height for p in row) + 2 * gutter


def _one_page(event: Event, pagesize) -> bytes:
    buf = io.BytesIO()
    c = common.new_canvas(buf, pagesize, event, f"Programme at a glance {theme.EN_DASH} {event.name}",
                          "Lobby poster")
    draw_poster(c, event, pagesize)
    c.showPage()
    c.save()
    return buf.getvalue()


def _day_pages(event: Event, pagesize) -> bytes:
    """One page per day, each with the whole header and its day's table flowing across columns."""
    w, h = pagesize
    s = w / REF_WIDTH
    m = poster_flow.DAY_MARGIN * s
    inner = w - 2 * m
    n = len(event.days)
    gap = 8 * mm * s

    def probe(draw) -> float:
        return draw(Canvas(io.BytesIO(), invariant=1))

    below_header = probe(lambda c: poster_flow.draw_header(c, event, pagesize, m, s)) - gap
    tops = [probe(lambda c, i=i, d=d: poster_flow.draw_day_heading(c, d, i + 1, n, m, below_header, inner, s))
            for i, d in enumerate(event.days)]
    bottom = probe(lambda c: _draw_footer(c, event, w, s, poster_flow.DAY_MARGIN))
    height = min(tops) - bottom
    flow = poster_flow.choose(event, inner, height, s, TEXT_MAX, TEXT_MIN)
    if flow is None:
        worst = poster_flow.worst_day(event, inner, s, TEXT_MIN)
        raise BuildError(
            f"the programme of {worst.label} ({len(worst.items)} items) does not fit on its own poster page "
            f"even at {TEXT_MIN:g} pt in {poster_flow.MAX_COLS} columns (on A2) \u2014 shorten its titles or "
            f"move items to another day; a larger --size only enlarges the same layout")
    buf = io.BytesIO()
    c = common.new_canvas(buf, pagesize, event, f"Programme at a glance {theme.EN_DASH} {event.name}",
                          "Lobby poster")
    gutter = poster_flow.COL_GUTTER * s
    for i, (day, cols) in enumerate(zip(event.days, flow.columns)):
        poster_flow.draw_header(c, event, pagesize, m, s)
        top = poster_flow.draw_day_heading(c, day, i + 1, n, m, below_header, inner, s)
        for k, col in enumerate(cols):
            poster_flow.draw_column(c, day, list(col), m + k * (flow.width + gutter), top, flow.width, flow.t, s,
                                    continued=k > 0)
        _draw_footer(c, event, w, s, poster_flow.DAY_MARGIN)
        c.showPage()
    c.save()
    return buf.getvalue()


def render(event: Event, options: BuildOptions) -> list[Artifact]:
    pagesize = page_size(options)
    try:
        data = _one_page(event, pagesize)
    except DoesNotFit:
        data = _day_pages(event, pagesize)
    return [Artifact("poster.pdf", data)]
