"""Door signs: one schedule per room and day, read from across a corridor.

Each sign shows the room's name as the largest thing on the page, the day and
the venue, then every item of that day in that room (breaks and meals as quiet
rows) plus the non-talk items elsewhere that people at this door need
(registration, coffee in the lobby, lunch) with where they happen. Talks in
other rooms never appear: they belong on their own room's sign. What a sign
shows is defined once, in sign_data.py; this module only lays it out.

A day goes on one sheet whenever it can: under the full header at the largest
size from 34 pt (x the page's scale against A4) down to 20 pt, in one column or
two; then under a more compact header (smaller name and QR code, the day beside
the QR code); then in tighter rows; then, at 20 pt, with long titles cut short
(an ellipsis; the whole title is on the page the QR code opens). Only when even
that cannot hold the day do continuation pages follow, every one under the same
header, so the room's name keeps its size. Never smaller than 20 pt, never clipped
(signs/plan.py does the fitting).

``draw_signs`` draws any of the signs onto a canvas it is given; ``draw_pieces``
draws the signs of some keys (data.pieces) with it for reprint.pdf. ``render`` draws
all-signs.pdf once and writes each sign's own file from its pages there (kit/replay.py).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from eventprint import i18n
from eventprint.model import Event
from eventprint.options import BuildOptions, OptionError
from eventprint.output import Artifact
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import common, logo, theme
from ..kit.replay import RecordingCanvas, place, target_canvas
from ..kit.programme import KEYNOTE_LABEL, as_of, names_and_note, short_url  # noqa: F401  (tests read KEYNOTE_LABEL)
from ..kit.text import (
    Fitted,
    Segment,
    after,
    draw,
    draw_segments,
    fit,
    fit_url,
    largest,
    printed,
    sizes,
    text_width,
    words,
)
from . import shorten
from .data import SignData, door_items, sign_data
from .plan import (  # noqa: F401  (tests)
    COLUMN_GAP,
    ROW_GAP,
    ROW_LEADING,
    ROW_MAX,
    ROW_MIN,
    Plan,
    Row,
    TooTall,
    plan,
    time_width,
)

# -- sizes on A4 (pt unless noted); A3 scales every one of them by sqrt(2) ----
SIZES = {"A4": landscape(A4), "A4-portrait": portrait(A4), "A3": landscape(A3)}
DEFAULT_SIZE = "A4"
MARGIN = 14 * mm  # text margin on a sign; far inside the 5 mm safe area
NAME_MIN = 60.0  # the room's name: ~15 mm capitals, read from ~2 m; a long one wraps and shrinks to
NAME_FLOOR = (28.0, 3)  # three lines of 7 mm capitals (still larger than the schedule), then it is cut
DAY_MIN = 20.0  # day, page marker and venue
FOOT_SIZE, FOOT_MIN = 9.0, 7.0
BASELINE = 0.98  # first baseline below a line's top, x the size


@dataclass(frozen=True)
class Header:
    """How prominent a sign's header is (sizes on A4; pt unless noted)."""

    name_max: float  # the room's name
    day_max: float  # day, page marker and venue
    qr: float  # QR code side; scanned from ~10x its width
    beside: bool  # the day line may sit beside the QR code, under the name
    margin: float = MARGIN
    scaled: bool = True  # False: the same sizes on A3 as on A4, leaving A3's area to the schedule
    inline: bool = False  # the day and venue beside the name (in up to two lines), not under it


# One-page headers, tried in this order: a busy day gives up header space before it
# needs a second sheet. 130 pt is ~33 mm capitals, read from 4-5 m; 96 pt from ~3 m.
# The last one is not scaled on A3 (an A3 sign hangs at the same door as an A4 one) and
# keeps a 10 mm margin, still twice the 5 mm safe area.
HEADERS = (Header(130.0, 30.0, 30 * mm, False),
           Header(96.0, 24.0, 24 * mm, True),
           Header(64.0, 20.0, 20 * mm, True, margin=10 * mm, scaled=False),
           Header(64.0, 20.0, 20 * mm, True, margin=10 * mm, scaled=False, inline=True))
# every page of a sign that needs several sheets: the same name on each (a continuation sheet may
# hang at another door of the room), as large as the one-sheet signs' middle header
# (and the compact one where it saves a sheet: a long name wraps)
SEVERAL = (Header(96.0, 24.0, 24 * mm, False), Header(64.0, 24.0, 20 * mm, False, margin=10 * mm, scaled=False))


def page_size(options: BuildOptions) -> tuple[float, float]:
    size = options.size or DEFAULT_SIZE
    if size not in SIZES:
        raise OptionError(f"door signs cannot be printed at size {size!r}; choose one of "
                          f"{', '.join(SIZES)} (A4 is landscape; A4-portrait and A3 on request)")
    return SIZES[size]


def sign_keys(event: Event) -> list[tuple[str, date]]:
    """(room id, date) of every sign, in print order."""
    return [(room.id, day.date) for room, day in event.room_days()]


def sign_path(room_id: str, day: date) -> str:
    return f"signs/{room_id}-{day:%Y-%m-%d}.pdf"


# --------------------------------------------------------------------------
# what goes on a sign
# --------------------------------------------------------------------------


def sign_rows(data: SignData) -> list[Row]:
    """The sign's rows as styled wrap units, in time order."""
    rows = []
    for r in data.rows:
        if r.where:  # coffee in the lobby, lunch, registration: say where
            title = words(r.title, theme.FONT, theme.MUTED)
            units = after(title, words(r.where, theme.FONT, theme.MUTED))
        elif r.quiet:
            title = words(r.title, theme.FONT, theme.MUTED)
            units = after(title, names_and_note(r.speakers, r.note))
        else:
            font, colour = theme.title_face(theme.FONT_BOLD, r.confirmed)
            title = words(r.title, font, colour)
            units = after(title, names_and_note(r.speakers, r.note))
        rows.append(Row(r.time, tuple(units), label=r.label or None, quiet=r.quiet, band=r.band,
                        title_units=len(title), name_units=len(r.speakers)))
    return rows


# --------------------------------------------------------------------------
# drawing
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """Geometry of one sign page that does not depend on the schedule."""

    w: float
    h: float
    s: float  # scale against A4
    margin: float
    name: Fitted
    name_base: float
    day_size: float
    day_top: float
    day_lines: tuple
    qr: float
    rule_y: float
    schedule_top: float
    schedule_bottom: float
    foot: list[tuple[str, str]]  # (left, right) lines from the top
    foot_size: float
    day_x: float = 0.0  # where the day lines start, from the margin (beside an inline name)
    logo: tuple[float, float, float, float] | None = None  # the event's logo's box (x, y, w, h), left of the code
    cuts: tuple[Fitted, ...] = ()  # its texts cut short to fit (the venue, the footer): drawing them warns

    @property
    def col_h(self) -> float:
        return self.schedule_top - self.schedule_bottom


def _frame(data: SignData, stamp: str, pagesize, page_label: str, head: Header = HEADERS[0],
           day_max: float | None = None) -> Frame:
    """The page's fixed parts under header ``head``. Continuation pages have a smaller
    name and QR code: page 1 hangs above them and carries the name for the corridor."""
    w, h = pagesize
    page_s = min(w, h) / min(A4)
    s = page_s if head.scaled else 1.0  # the header's scale
    m = head.margin * s
    qr = head.qr * s if data.url else 0  # no page to open (links.py): no code, the name takes its place
    inner = w - 2 * m
    beside_qr = inner - qr - 8 * mm * s if qr else inner
    mark = _logo_box(w, h, m, qr, s)
    if mark is not None:  # the room's name keeps clear of the event's logo
        beside_qr = mark[0] - m - 8 * mm * s
    name = fit(data.room_name, theme.FONT_BOLD, beside_qr, head.name_max * s, NAME_MIN * s, max_lines=2,
               what=f"the name of room '{data.room_id}' on its door signs", step=2,
               floor=(NAME_FLOOR[0] * s, NAME_FLOOR[1]))
    day_max = day_max or head.day_max * s
    beside = inline = None
    day_x = 0.0
    if head.inline and len(name.lines) == 1:  # the day beside the name, as high as its capitals and descent
        day_x = text_width(name.lines[0], theme.FONT_BOLD, name.size) + 6 * mm * s
        inline = _day_lines(data, page_label, beside_qr - day_x, s, day_max, min_size=DAY_MIN * s)
        if inline is None or len(inline[0]) * theme.leading(inline[1]) > 0.95 * name.size:
            inline, day_x = None, 0.0
    if head.beside and inline is None:  # the day line fits beside the QR code at its full size: no gap under the code
        beside = _day_lines(data, page_label, beside_qr, s, day_max, min_size=day_max)
    day_lines, day_size, venue = inline or beside or _day_lines(data, page_label, inner, s, day_max)
    # footer: "as of" and event on the left, the page's URL on the right; stacked when too wide
    url = short_url(data.url) if data.url else ""
    left = f"{stamp} {theme.MIDDOT} {data.event_name}"
    gap = 6 * mm * s
    foot_sizes = (FOOT_SIZE * s, FOOT_MIN * s, 0.5)
    fs = largest(*foot_sizes, lambda f: f if (text_width(left, theme.FONT, f) + gap
                                             + text_width(url, theme.FONT, f) <= inner) else None)
    cuts = [venue] if venue is not None else []
    if fs is not None:
        foot = [(left, url)]
    else:
        fs = largest(*foot_sizes, lambda f: f if max(text_width(left, theme.FONT, f),
                                                     text_width(url, theme.FONT, f)) <= inner else None)
        if fs is None:  # at the smallest size, the event's name cut short and an address too long left out
            fs = list(sizes(*foot_sizes))[-1]
            event_name = fit(data.event_name, theme.FONT, inner - text_width(f"{stamp} {theme.MIDDOT} ", theme.FONT, fs),
                             fs, fs, what="the event name on the door signs")
            address = fit_url(url, theme.FONT, inner, fs, fs, max_lines=1, what="the door sign's web address")
            left, url = f"{stamp} {theme.MIDDOT} {event_name.lines[0]}", "".join(address.lines)
            cuts += [event_name, address]
        foot = [("", url), (left, "")]
    # header: name (capitals start on the top margin), QR beside it, day, venue, accent rule
    name_base = h - m - 0.714 * name.size
    last_base = name_base - (len(name.lines) - 1) * name.size * 1.05
    day_top = last_base - 0.3 * name.size
    if inline is not None:  # from the top of the capitals
        day_top = h - m
        rule_y = min(last_base - 0.25 * name.size, day_top - len(day_lines) * theme.leading(day_size), h - m - qr) - 2 * mm * s
    else:
        if beside is None:
            day_top = min(day_top, h - m - qr - 0.1 * name.size)
        rule_y = min(day_top - len(day_lines) * theme.leading(day_size), h - m - qr) - 2 * mm * s
    schedule_top = rule_y - 5 * mm * s
    schedule_bottom = m + len(foot) * theme.leading(fs) + 4 * mm * s
    return Frame(w, h, page_s, m, name, name_base, day_size, day_top, tuple(day_lines), qr, rule_y,
                 schedule_top, schedule_bottom, foot, fs, day_x, mark, tuple(cuts))



def _logo_box(w: float, h: float, m: float, qr: float, s: float) -> tuple[float, float, float, float] | None:
    """Where the event's logo goes: at the top, left of the QR code (or in its place), at most half
    the code's height and a quarter of the page's width; None without a logo."""
    brand = theme.brand()
    if brand.logo is None:
        return None
    right = w - m - (qr + 6 * mm * s if qr else 0)
    lw, lh = logo.place_size(brand.logo, 0.25 * (w - 2 * m), 0.5 * qr if qr else 18 * mm * s)
    return right - lw, h - m - lh, lw, lh



def _day_lines(data: SignData, page_label: str, inner: float, s: float, day_max: float,
               min_size: float | None = None):
    """The day (accent), page marker and venue: one line if it fits, else day over venue.
    With ``min_size`` given, None when they do not fit at that size."""
    head: list[Segment] = [(data.day_label, theme.FONT_BOLD, theme.ACCENT)]
    if page_label:
        head.append((page_label, theme.FONT, theme.MUTED))
    sep = f"  {theme.MIDDOT}  "
    name, short = data.venue_name, data.venue_short_name
    candidates = [[head + [(sep + name, theme.FONT, theme.INK)]],
                  [head + [(sep + short, theme.FONT, theme.INK)]],
                  [head, [(name, theme.FONT, theme.INK)]],
                  [head, [(short, theme.FONT, theme.INK)]]]
    if not name:  # a venue without a name: the day alone
        candidates = [[head]] + ([[head[:1], [(page_label.strip(), theme.FONT, theme.MUTED)]]] if page_label else [])
    elif page_label:  # narrow pages: the page marker moves to the venue's line, or its own
        marker = (page_label.strip(), theme.FONT, theme.MUTED)
        candidates += [[head[:1], [marker, (sep + short, theme.FONT, theme.INK)]],
                       [head[:1], [marker], [(short, theme.FONT, theme.INK)]]]
    for lines in candidates:
        def fits(size: float, lines=lines):
            return (lines, size, None) if all(sum(text_width(t, fnt, size) for t, fnt, _ in line) <= inner
                                              for line in lines) else None
        found = largest(day_max, min_size or DAY_MIN * s, 1, fits)
        if found is not None:
            return found
    if min_size is not None:
        return None
    # the venue's short name is too long for a line of its own at the floor: cut short, with a warning
    size = DAY_MIN * s
    venue = fit(short, theme.FONT, inner, size, size, what=f"the venue's short name on the door signs of room '{data.room_id}'",
                fix="shorten its short_name")
    marker = [[(page_label.strip(), theme.FONT, theme.MUTED)]] if page_label else []
    return [head[:1]] + marker + [[(venue.lines[0], theme.FONT, theme.INK)]], size, venue


def _draw_header(c: Canvas, fr: Frame, data: SignData) -> None:
    m, s, w, h = fr.margin, fr.s, fr.w, fr.h
    # room name: capitals start on the top margin
    c.setFillColor(theme.INK)
    c.setFont(theme.FONT_BOLD, fr.name.size)
    for i, line in enumerate(printed(fr.name).lines):
        draw(c, line, m, fr.name_base - i * fr.name.size * 1.05)
    if data.url:
        common.draw_qr(c, data.url, w - m - fr.qr, h - m - fr.qr, fr.qr,
                       what=f"QR code on the sign of {data.room_name}")
    if fr.logo is not None:
        logo.on_white(c, *fr.logo, "right", "on the door signs")
    y = fr.day_top
    for cut in fr.cuts:
        printed(cut)
    for line in fr.day_lines:
        x = m + fr.day_x
        for text, font, colour in line:
            draw(c, text, x, y - BASELINE * fr.day_size, font, fr.day_size, colour)
            x += text_width(text, font, fr.day_size)
        y -= theme.leading(fr.day_size)
    c.setStrokeColor(theme.ACCENT)
    c.setLineWidth(2 * s)
    c.line(m, fr.rule_y, w - m, fr.rule_y)


def _draw_footer(c: Canvas, fr: Frame) -> None:
    m, w = fr.margin, fr.w
    c.setFont(theme.FONT, fr.foot_size)
    c.setFillColor(theme.MUTED)
    lead = theme.leading(fr.foot_size)
    y = m + (len(fr.foot) - 1) * lead + 0.3 * fr.foot_size
    for left, right in fr.foot:
        if left:
            draw(c, left, m, y)
        if right:
            draw(c, right, w - m, y, align="right")
        y -= lead


def _draw_column(c: Canvas, blocks, p: Plan, x: float, top: float, col_w: float, s: float) -> None:
    f = p.size
    lead = p.style.leading * f
    gap = p.style.gap * f
    tw = p.time_w
    y = top
    for i, b in enumerate(blocks):
        r = b.row
        bh = b.lines() * lead
        if r.band:
            pad = 0.4 * gap
            c.setFillColor(theme.PAUSE_BG)
            c.rect(x - 0.25 * f, y - bh - pad, col_w + 0.5 * f, bh + 2 * pad, stroke=0, fill=1)
        elif i > 0 and not blocks[i - 1].row.band:
            c.setStrokeColor(theme.RULE)
            c.setLineWidth(0.75 * s)
            c.line(x, y + gap / 2, x + col_w, y + gap / 2)
        colour = theme.MUTED if r.quiet else theme.INK
        base = y - BASELINE * f
        for j, line in enumerate(b.time_lines):
            is_label = j > 0 and not p.style.stacked
            draw(c, line, x, base - j * lead, theme.FONT_BOLD if (is_label or not r.quiet) else theme.FONT, f,
                 theme.ACCENT if is_label else colour)
        for j, line in enumerate(b.text_lines):
            draw_segments(c, line, x + tw, base - j * lead, f)
        y -= bh + gap


def _pages(data: SignData, stamp: str, pagesize, lang: object = "en"):
    """(frame, page label, columns of blocks, size, column count) for each page of one sign."""
    rows = sign_rows(data)
    singles = [_frame(data, stamp, pagesize, "", head) for head in HEADERS]
    probes = [(_frame(data, stamp, pagesize, " " + i18n.tr(lang, "(page {k} of {n})", k=99, n=99), head),
               _frame(data, stamp, pagesize, " " + i18n.tr(lang, "(continued, page {k} of {n})", k=99, n=99), head))
              for head in SEVERAL]
    p = plan(rows, tuple((fr.w - 2 * fr.margin, fr.col_h) for fr in singles),
             tuple((first.w - 2 * first.margin, first.col_h, rest.col_h) for first, rest in probes), probes[0][0].s,
             f"the sign of {data.room_name} on {data.day_label}")
    n = len(p.pages)
    for k, cols in enumerate(p.pages, start=1):
        if p.header is not None:
            label, fr = "", singles[p.header]
        else:
            label = " " + i18n.tr(lang, "(page {k} of {n})" if k == 1 else "(continued, page {k} of {n})", k=k, n=n)
            probe = probes[p.several][0 if k == 1 else 1]
            fr = _frame(data, stamp, pagesize, label, SEVERAL[p.several], day_max=probe.day_size)
        yield fr, label, cols, p


def draw_signs(c: Canvas, event: Event, options: BuildOptions,
               only: set[tuple[str, date]] | None = None) -> list[tuple[str, str, int]]:
    """Draw the selected signs (all when ``only`` is None) as pages onto an existing canvas; return
    each sign's bookmark key, outline entry and number of pages, in the order drawn.

    Every page sets its own size, is drawn, and is finished with ``showPage``;
    call it when the canvas's current page is empty and ``save`` afterwards.
    """
    pagesize = page_size(options)
    drawn = []
    for room, day in event.room_days():
        if only is not None and (room.id, day.date) not in only:
            continue
        data, pages = _fitted_pages(event, room, day, pagesize)
        key = f"sign-{room.id}-{day.date:%Y-%m-%d}"
        outline = f"{room.name} {theme.EN_DASH} {data.day_label}"
        drawn.append((key, outline, len(pages)))
        for k, (fr, label, cols, p) in enumerate(pages):
            c.setPageSize(pagesize)
            if k == 0:
                c.bookmarkPage(key)
                c.addOutlineEntry(outline, key, level=0)
            _draw_header(c, fr, data)
            width = fr.w - 2 * fr.margin
            col_w = width if p.columns == 1 else (width - COLUMN_GAP * fr.s) / 2
            for i, blocks in enumerate(cols):
                _draw_column(c, blocks, p, fr.margin + i * (col_w + COLUMN_GAP * fr.s), fr.schedule_top, col_w, fr.s)
            _draw_footer(c, fr)
            c.showPage()
    return drawn


def draw_pieces(c: Canvas, event: Event, options: BuildOptions, keys: list[str]) -> None:
    """The signs of ``keys`` (sign keys: room id/date), as the full run draws them: reprint.pdf."""
    only = {(k.split("/", 1)[0], date.fromisoformat(k.split("/", 1)[1])) for k in keys}
    draw_signs(c, event, BuildOptions(size=options.size), only=only)


def _fitted_pages(event: Event, room, day, pagesize) -> tuple[SignData, list]:
    """The sign's data and pages; an item too long for a whole sheet is shortened a step at a time
    (shorten.py), each step with a warning naming the item, until it fits."""
    data = written = sign_data(event, room, day)
    items = door_items(room, day)
    while True:
        try:
            return data, list(_pages(data, as_of(event), pagesize, event.language))
        except TooTall as e:
            if e.row is None or e.row >= len(items):
                raise
            data = shorten.step(event, data, written, e.row, items[e.row], room, day)


def render(event: Event, options: BuildOptions) -> list[Artifact]:
    """all-signs.pdf, drawn once, and each sign's own file from its pages there (kit/replay.py): the
    same pages, with all-signs.pdf's font subsets, its bookmark and its title."""
    pagesize = page_size(options)  # an unknown size fails before anything is drawn
    buf = io.BytesIO()
    every = common.new_canvas(buf, pagesize, event, f"Door signs {theme.EN_DASH} {event.name}", "Door signs",
                              maker=RecordingCanvas)
    drawn = draw_signs(every, event, options)
    snapshot = every.font_snapshot()
    every.save()
    out, first = [], 0
    for (room, day), (key, outline, n) in zip(event.room_days(), drawn):
        title = f"{room.name} {theme.EN_DASH} {i18n.day(event, day.date)} {theme.EN_DASH} {event.name}"
        out.append(Artifact(sign_path(room.id, day.date),
                            _own_file(event, pagesize, title, every, snapshot, range(first, first + n), key, outline)))
        first += n
    out.append(Artifact("signs/all-signs.pdf", buf.getvalue()))
    return out


def _own_file(event: Event, pagesize, title: str, every: RecordingCanvas, snapshot, pages: range, key: str,
              outline: str) -> bytes:
    """One sign's file: its pages of all-signs.pdf (``every``), as draw_signs drew them."""
    buf = io.BytesIO()
    c = target_canvas(buf, pagesize, snapshot, lambda b, size: common.new_canvas(b, size, event, title, "Door signs"),
                      lambda target: logo.define_like(every, target))
    for k in pages:
        c.setPageSize(pagesize)
        if k == pages[0]:
            c.bookmarkPage(key)
            c.addOutlineEntry(outline, key, level=0)
        place(c, every.recorded[k], every.recorded_qr[k])
        c.showPage()
    c.save()
    return buf.getvalue()
