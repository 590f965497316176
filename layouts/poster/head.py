"""The poster's headers and footer: the event's facts on every sheet.

The one-sheet poster opens with a large header (name, hosts, dates, QR code,
then the venues); sheets of a larger event repeat every fact in one compact
band, then say which day (and which rooms) they show. All sizes are for A2 and
are multiplied by ``s`` (page width / A2 width).
"""
from __future__ import annotations

from eventprint import i18n, links
from eventprint.model import Day, Event
from reportlab.lib.pagesizes import A2, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import common, logo, theme
from ..kit.programme import as_of, short_url
from ..kit.text import Fitted, draw, draw_lines, printed, text_width
from ..kit.fitting import fit, fit_url

REF_WIDTH = portrait(A2)[0]  # every size is for A2 and scales with the page width

# the one-sheet poster's header
MARGIN = 22 * mm
QR_SIZE = 55 * mm
TITLE_MAX, TITLE_MIN = 88.0, 40.0
HOSTS_SIZE = 26.0
DATES_SIZE = 44.0
VENUE_SIZE = 19.0
FOOT_SIZE = 12.0
GUTTER = 14 * mm  # between venues, and between day panels
LEADING = 1.22

# the compact band of a sheet per day (or per room group)
SHEET_MARGIN = 15 * mm  # three times the safe margin; the programme needs the room
HEAD_TITLE_MAX, HEAD_TITLE_MIN = 60.0, 30.0
HEAD_HOSTS = 18.0
HEAD_DATES = 28.0
HEAD_VENUE = 13.0
HEAD_QR = 38 * mm
DAY_SIZE = 34.0
PAGE_MARK = 17.0
ROOMS_SIZE = 20.0


def draw_event_heading(c: Canvas, event: Event, x: float, top: float, width: float,
                       title_max: float, title_min: float, title_gap: float,
                       hosts_size: float, hosts_gap: float, dates_size: float) -> float:
    """Event name, hosts and dates from ``top`` down; returns the y below the dates.

    The gaps are fractions of the line above them, so both poster layouts keep
    their own proportions while sharing one drawing routine.
    """
    title = fit(event.name, theme.FONT_BOLD, width, title_max, title_min, max_lines=3,
                what="the event name on the poster", floor=(0.6 * title_min, 4))
    y = draw_lines(c, title, theme.FONT_BOLD, x, top + (1.02 - 0.714) * title.size)  # caps start at top
    y -= title_gap * title.size
    if event.hosts:
        hosts = fit(f"  {theme.MIDDOT}  ".join(event.hosts), theme.FONT, width, hosts_size,
                    hosts_size * 0.7, max_lines=2, what="the list of hosts on the poster", floor=(hosts_size * 0.5, 3))
        y = draw_lines(c, hosts, theme.FONT, x, y, color=theme.MUTED)
        y -= hosts_gap * hosts_size
    dates = fit(i18n.date_range(event, event.first_date, event.last_date), theme.FONT_BOLD, width, dates_size,
                dates_size * 0.6, max_lines=2, what="the dates on the poster")
    return draw_lines(c, dates, theme.FONT_BOLD, x, y, color=theme.ACCENT)


def shown_venues(event: Event) -> list:
    """The venues the header names: those with days, else all; never one without a name."""
    named = [v for v in event.venues if v.name]
    return [v for v in named if any(d.venue is v for d in event.days)] or named


def venue_days(event: Event, venue) -> str:
    """'Mon 16 Sep, Tue 17 Sep': the days a venue hosts."""
    return ", ".join(i18n.day_short(event, d.date) for d in event.days if d.venue is venue)


def draw_venue(c: Canvas, event: Event, venue, x: float, top: float, width: float, size: float,
               days_lines: int) -> float:
    """A venue's name, address lines and days, from ``top`` down; returns the y below them."""
    def line(text: str, font: str, lines: int, what: str, color=theme.INK) -> None:
        nonlocal top
        top = draw_lines(c, fit(text, font, width, size, 0.7 * size, max_lines=lines, what=what),
                                font, x, top, color=color)

    line(venue.name, theme.FONT_BOLD, 2, f"the name of venue '{venue.id}' on the poster")
    for address in venue.address:
        line(address, theme.FONT, 2, f"the address of venue '{venue.id}' on the poster", theme.MUTED)
    when = venue_days(event, venue)
    if when:
        line(when, theme.FONT_BOLD, days_lines, f"the days of venue '{venue.id}' on the poster", theme.ACCENT)
    return top


def _code(c: Canvas, url: str | None, right: float, qr_y: float, qr: float, cap_w: float, drop: float,
          sizes: tuple[float, float]) -> float:
    """The programme's QR code with its address centred under it, right-aligned at ``right``;
    returns the y below the address (``qr_y`` + its size, the top, when there is no code)."""
    if not url:
        return qr_y + qr
    common.draw_qr(c, url, right - qr, qr_y, qr, what="QR code on the poster")
    caption = fit_url(short_url(url), theme.FONT, cap_w, sizes[0], sizes[1], max_lines=2,
                      what="the programme's address on the poster")
    return draw_lines(c, caption, theme.FONT, right - qr / 2 - cap_w / 2, qr_y - drop,
                      align="center", box_width=cap_w, color=theme.MUTED)


def draw_header(c: Canvas, event: Event, pagesize, margin: float, s: float) -> float:
    """Name, hosts, dates, venues and the QR code in one band; returns the y below its rule."""
    w, h = pagesize
    m = margin
    inner = w - 2 * m
    url = links.programme_url(event)
    qr = HEAD_QR * s if url else 0  # no page to open (links.py): no code, no address
    gap = 12 * mm * s
    venues = shown_venues(event)
    vw = 0.24 * inner
    head_w = inner - qr - vw - (2 * gap if url else gap)
    mark = _logo(c, w - m - (qr + gap if url else 0), h - m, qr, inner, s)
    if mark:  # the event's logo, left of the code: the heading and the venues make room
        head_w -= mark + gap

    y = draw_event_heading(c, event, m, h - m, head_w, HEAD_TITLE_MAX * s, HEAD_TITLE_MIN * s, 0.1,
                           HEAD_HOSTS * s, 0.4, HEAD_DATES * s)

    vs = HEAD_VENUE * s
    vx = m + head_w + gap
    vy = h - m + (1.02 - 0.714) * vs
    for i, v in enumerate(venues):
        if i:
            vy -= 0.6 * vs
        vy = draw_venue(c, event, v, vx, vy, vw, vs, days_lines=3)

    cap_bottom = _code(c, url, w - m, h - m - qr, qr, qr + 10 * mm * s, 1.5 * mm * s, (12 * s, 8 * s))
    y = min(y, vy, cap_bottom) - 6 * mm * s
    c.setStrokeColor(theme.ACCENT)
    c.setLineWidth(4 * s)
    c.line(m, y, w - m, y)
    return y


def _logo(c: Canvas, right: float, top: float, qr: float, inner: float, s: float) -> float:
    """The event's logo at the top, its right end at ``right``: half the code's height (or as tall
    as a code would be), at most a fifth of the width; the width it took (0: no logo)."""
    brand = theme.brand()
    if brand.logo is None:
        return 0.0
    lw, lh = logo.place_size(brand.logo, 0.2 * inner, 0.5 * qr if qr else 40 * mm * s)
    logo.place(c, brand.logo, right - lw, top - lh, lw, lh, "right", "on the poster")
    return lw


def draw_day_heading(c: Canvas, day: Day, page: int, pages: int, x: float, top: float, width: float,
                     s: float, rooms: str = "") -> float:
    """'Tuesday 11 March 2025' large on the left, 'Page 2 of 3' on the right; returns the y below."""
    mark = i18n.tr(day.language, "Page {page} of {pages}", page=page, pages=pages)
    ms = PAGE_MARK * s
    mark_w = text_width(mark, theme.FONT, ms)
    head = printed(fit(i18n.day(day.language, day.date), theme.FONT_BOLD, width - mark_w - 10 * mm * s, DAY_SIZE * s,
                       0.6 * DAY_SIZE * s, what=f"the heading of {day.label} on the poster"))
    base = top - 0.98 * head.size
    c.setFont(theme.FONT_BOLD, head.size)
    c.setFillColor(theme.ACCENT)
    draw(c, head.lines[0], x, base)
    c.setFont(theme.FONT, ms)
    c.setFillColor(theme.MUTED)
    draw(c, mark, x + width, base, align="right")
    # the day's venue follows the date on its baseline, quieter
    vx = x + text_width(head.lines[0], theme.FONT_BOLD, head.size) + 0.5 * head.size
    room = x + width - mark_w - 10 * mm * s - vx
    ms_v = 0.6 * head.size
    name = day.venue.short_name
    size = min(ms_v, room / max(text_width(name, theme.FONT, 1.0), 1e-9))
    if name and size >= 0.7 * ms:  # else it is left out here: the header names every venue with its days
        c.setFont(theme.FONT, size)
        draw(c, name, vx, base)
    y = base - 0.45 * head.size - 3 * mm * s
    if rooms:  # a sheet showing some of the day's rooms says which
        size = ROOMS_SIZE * s
        while size > 0.6 * ROOMS_SIZE * s and text_width(rooms, theme.FONT_BOLD, size) > width:
            size -= 0.5 * s
        while len(rooms) > 1 and text_width(rooms, theme.FONT_BOLD, size) > width:
            rooms = rooms[:-2] + "\u2026"
        y = draw_lines(c, Fitted(size, (rooms,)), theme.FONT_BOLD, x, y) - 2 * mm * s
    return y


def draw_footer(c: Canvas, event: Event, w: float, s: float, margin: float = MARGIN) -> float:
    """'As of ...' on the left, the short name on the right; returns the lowest y the content may use."""
    m = margin * s
    inner = w - 2 * m
    fs = FOOT_SIZE * s
    c.setFont(theme.FONT, fs)
    c.setFillColor(theme.MUTED)
    foot_y = m + 0.3 * fs
    left = as_of(event)
    draw(c, left, m, foot_y)
    right = printed(fit(event.short_name, theme.FONT, inner - text_width(left, theme.FONT, fs) - 20 * mm * s,
                        fs, 0.7 * fs, what="the event's short name at the foot of the poster"))
    c.setFont(theme.FONT, right.size)
    draw(c, right.lines[0], w - m, foot_y, align="right")
    return m + LEADING * fs + 8 * mm * s


def draw_big_header(c: Canvas, event: Event, pagesize) -> float:
    """The one-sheet poster's header: name, hosts, dates and QR code, then the venues; returns the y below."""
    w, h = pagesize
    s = w / REF_WIDTH
    m = MARGIN * s
    inner = w - 2 * m
    url = links.programme_url(event)
    qr = QR_SIZE * s if url else 0  # no page to open (links.py): no code, no address

    # -- header: name, hosts, dates; QR code and URL on the right --------------------------
    head_w = inner - (qr + 14 * mm * s if url else 0)
    mark = _logo(c, w - m - (qr + 14 * mm * s if url else 0), h - m, qr, inner, s)
    if mark:  # the event's logo, left of the code: the heading makes room
        head_w -= mark + 14 * mm * s
    y = draw_event_heading(c, event, m, h - m, head_w, TITLE_MAX * s, TITLE_MIN * s, 0.15,
                                       HOSTS_SIZE * s, 0.5, DATES_SIZE * s)
    cap_bottom = _code(c, url, w - m, h - m - qr, qr, qr + 12 * mm * s, 2 * mm * s, (15 * s, 9 * s))
    y = min(y, cap_bottom) - 9 * mm * s
    c.setStrokeColor(theme.ACCENT)
    c.setLineWidth(4 * s)
    c.line(m, y, w - m, y)
    y -= 9 * mm * s

    # -- venues ---------------------------------------------------------------------------
    venues = shown_venues(event)
    if not venues:
        return y
    per = min(len(venues), 3)
    vw = (inner - (per - 1) * GUTTER * s) / per
    vs = VENUE_SIZE * s
    row_bottom = y
    for i, v in enumerate(venues):
        if i and i % per == 0:
            y = row_bottom - 5 * mm * s
        x = m + (i % per) * (vw + GUTTER * s)
        vy = draw_venue(c, event, v, x, y, vw, vs, days_lines=2)
        row_bottom = min(row_bottom, vy)
    y = row_bottom - 8 * mm * s
    return row_bottom - 8 * mm * s
