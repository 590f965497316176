"""A door sign's header and footer: the room's name as the largest thing on the page, the QR code
and the event's logo beside it, the day and venue, the accent rule; "as of", the event and the
page's address at the foot. What does not depend on the schedule (document.py fits the schedule
under one of the headers, trying the most prominent first).
"""
from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import common, logo, theme
from ..kit.programme import short_url
from ..kit.text import Fitted, Segment, draw, printed, text_width
from ..kit.fitting import fit, fit_url, largest, sizes
from .data import SignData

# -- sizes on A4 (pt unless noted); A3 scales every one of them by sqrt(2) ----
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


def frame(data: SignData, stamp: str, pagesize, page_label: str, head: Header = HEADERS[0],
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


def draw_header(c: Canvas, fr: Frame, data: SignData) -> None:
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


def draw_footer(c: Canvas, fr: Frame) -> None:
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
