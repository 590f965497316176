"""The booklet's pages drawn straight on the canvas: running head and folio, notes pages,
the front cover and the back cover (no flowing text, so no Paragraphs here)."""
from __future__ import annotations

import warnings

from eventprint import i18n, links
from eventprint.model import Event
from eventprint.problems import Shortened
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import common, logo, theme
from ..kit.programme import venue_days
from ..kit.text import Fitted, draw, draw_lines, printed, width
from ..kit.fitting import fit, fit_url
from ..kit.typeset import quotes
from .base import (
    COVER_INSET,
    FOLIO_BASELINE,
    FRAME_W,
    HEADER_BASELINE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NOTES,
    PAGE_H,
    PAGE_W,
    qr_size,
)


def draw_running(c: Canvas, doc) -> None:
    """Running header (day or section, and the event) and the folio, both on the outer side."""
    page = c.getPageNumber()
    right = page % 2 == 1  # page 1 is a right-hand page
    c.saveState()
    c.setFont(theme.FONT_BOLD, theme.SMALL)
    c.setFillColor(theme.ACCENT)
    left_x, right_x = MARGIN_X, PAGE_W - MARGIN_X
    running = quotes(doc.running)
    short = quotes(doc.event.short_name)
    # the running head sits on the outer edge, the event's short name on the inner one
    outer, inner = ("right", "left") if right else ("left", "right")
    outer_x, inner_x = (right_x, left_x) if right else (left_x, right_x)
    if (page, doc.running) in doc.__dict__.get("headed_pages", ()):
        running = ""  # the page's own heading says it (a day's programme at a glance begins here)
    draw(c, running, outer_x, HEADER_BASELINE, align=outer)
    c.setFont(theme.FONT, theme.SMALL)
    c.setFillColor(theme.MUTED)
    room = FRAME_W - 20 - width(running, theme.FONT_BOLD, theme.SMALL)
    if width(short, theme.FONT, theme.SMALL) < room:
        draw(c, short, inner_x, HEADER_BASELINE, align=inner)
    elif room >= RUNNING_MIN:  # a long short name, shrunk to the floor and cut short there
        f = printed(_running_short(doc.event.short_name, room))
        draw(c, f.lines[0], inner_x, HEADER_BASELINE, theme.FONT, f.size, align=inner)
    c.setStrokeColor(theme.RULE)
    c.setLineWidth(0.5)
    c.line(left_x, HEADER_BASELINE - 2.2 * mm, right_x, HEADER_BASELINE - 2.2 * mm)
    c.setFont(theme.FONT_BOLD, 8)
    c.setFillColor(theme.INK)
    draw(c, str(page), right_x if right else left_x, FOLIO_BASELINE, align="right" if right else "left")
    c.restoreState()


RUNNING_MIN = 25 * mm  # less room than this beside the running head: the short name is left out


def _running_short(short: str, room: float) -> Fitted:
    return fit(short, theme.FONT, room, theme.SMALL, theme.MIN_TYPE,
               what="the event's short name in the booklet's running heads")


def draw_notes(c: Canvas, doc) -> None:
    """A notes page: heading, light rules to write on, running header and folio."""
    doc.running = i18n.tr(doc.event, NOTES)
    top = PAGE_H - MARGIN_TOP
    c.saveState()
    c.setFont(theme.FONT_BOLD, 17)
    c.setFillColor(theme.ACCENT)
    draw(c, doc.running, MARGIN_X, top - 17)
    c.setStrokeColor(theme.RULE)
    c.setLineWidth(0.4)
    y = top - 17 - 9 * mm
    while y > MARGIN_BOTTOM + 2 * mm:
        c.line(MARGIN_X, y, PAGE_W - MARGIN_X, y)
        y -= 8 * mm
    c.restoreState()
    draw_running(c, doc)


def draw_cover(c: Canvas, event: Event) -> None:
    """Front cover: an accent panel with the event's name and dates; venues and hosts below.

    The panel runs off the top and both sides into the bleed (no white frame, which a trim
    off by a millimetre would make visibly uneven); the press imposition keeps the bleed and
    clips the spine side."""
    inset = COVER_INSET
    panel_x, panel_w = -theme.BLEED, PAGE_W + 2 * theme.BLEED
    panel_top = PAGE_H - inset  # where the text is measured from; the panel goes on to the bleed
    text_x, text_w = inset + 9 * mm, PAGE_W - 2 * inset - 18 * mm
    name = fit(event.name, theme.FONT_BOLD, text_w, 26, 14, max_lines=6, what="the event name on the booklet's cover")
    label = i18n.tr(event, "Programme")
    dates = fit(i18n.date_range(event, event.first_date, event.last_date), theme.FONT, text_w, 14, 9, max_lines=2,
                what="the event's dates on the booklet's cover")
    panel_h = max(PAGE_H * 0.52, 28 * mm + name.height + dates.height + 24 * mm)
    panel_y = panel_top - panel_h
    c.saveState()
    c.setFillColor(theme.ACCENT)
    c.rect(panel_x, panel_y, panel_w, PAGE_H + theme.BLEED - panel_y, stroke=0, fill=1)
    c.setFont(theme.FONT_BOLD, 8.5)
    c.setFillColor(theme.WHITE)
    draw(c, label.upper(), text_x, panel_top - 16 * mm)
    c.setStrokeColor(theme.WHITE)
    c.setLineWidth(1.2)
    c.line(text_x, panel_top - 18.5 * mm, text_x + 14 * mm, panel_top - 18.5 * mm)
    # the event's logo, if it has one, level with the label at the panel's right
    logo.on_colour(c, text_x + 0.4 * text_w, panel_top - 24 * mm, 0.6 * text_w, 16 * mm, "right",
                   "on the booklet's cover")
    # name and dates sit at the foot of the panel
    bottom = panel_y + 10 * mm
    top_dates = bottom + dates.height
    top_name = top_dates + 5 * mm + name.height
    draw_lines(c, name, theme.FONT_BOLD, text_x, top_name, color=theme.WHITE)
    draw_lines(c, dates, theme.FONT, text_x, top_dates, color=theme.ACCENT_LIGHT)
    c.restoreState()

    # venues with their days, then hosts, set towards the foot of the page
    venues = [(v.name, ", ".join(v.address) + (f"  {theme.MIDDOT}  " + ", ".join(i18n.day_short(event, d.date) for d in days)
                                               if days and len(event.days) > 1 else ""))
              for v, days in venue_days(event) if v.name]  # an unnamed venue is left out
    hosts = [(h, "") for h in event.hosts]
    vlabel = i18n.ntr(event, "Venue", "Venues", len(venues))
    height = (cover_block(None, event, vlabel, venues, text_x, 0, text_w, bottom=-1e9)
              + cover_block(None, event, i18n.tr(event, "Hosted by"), hosts, text_x, 0, text_w, bottom=-1e9) - 4 * mm)
    y = min(panel_y - 9 * mm, 16 * mm - height)
    # the hosts keep their room under the venues, at least for their first entry
    first_host = cover_block(None, event, "", hosts[:1], text_x, 0, text_w, bottom=-1e9) - 4 * mm if hosts else 0
    y = cover_block(c, event, vlabel, venues, text_x, y, text_w, bottom=14 * mm - first_host, what="venues")
    y -= 4 * mm
    cover_block(c, event, i18n.tr(event, "Hosted by"), hosts, text_x, y, text_w, what="hosts")


def cover_block(c: Canvas | None, event: Event, label: str, entries: list[tuple[str, str]], x: float, y: float,
                w: float, bottom: float = 14 * mm, what: str = "entries", where: str = "on the booklet's cover") -> float:
    """A small label and entries (bold line, muted line); returns the y below. Entries that would
    run below ``bottom`` give way to "and N more", with a warning.

    With ``c`` None nothing is drawn and the y below is returned, to measure the block. No
    entries, no label: an event without hosts has no "Hosted by".
    """
    if not entries:
        return y
    fitted = [(fit(main, theme.FONT_BOLD, w, 10, 7, max_lines=2, what=f"the name of one of the {what} {where}"),
               fit(sub, theme.FONT, w, 8, theme.MIN_TYPE, max_lines=2, what=f"the address of one of the {what} {where}")
               if sub else None) for main, sub in entries]
    heights = [f.height + (s.height if s else 0) + 1.5 * mm for f, s in fitted]
    more = Fitted(8, ("",))
    kept = len(fitted)
    while kept and y - 3.5 * mm - sum(heights[:kept]) - (more.height if kept < len(fitted) else 0) < bottom:
        kept -= 1
    if c is None:
        return y - 3.5 * mm - sum(heights[:kept]) - (more.height if kept < len(fitted) else 0)
    c.saveState()
    c.setFont(theme.FONT_BOLD, 7)
    c.setFillColor(theme.ACCENT)
    draw(c, label.upper(), x, y)
    y -= 3.5 * mm
    for f, s in fitted[:kept]:
        y = draw_lines(c, f, theme.FONT_BOLD, x, y, color=theme.INK)
        if s:
            y = draw_lines(c, s, theme.FONT, x, y, color=theme.MUTED)
        y -= 1.5 * mm
    if kept < len(fitted):
        rest = len(fitted) - kept
        more = Fitted(more.size, (i18n.tr(event, "and {n} more", n=rest),))
        y = draw_lines(c, more, theme.FONT_ITALIC, x, y, color=theme.MUTED)
        warnings.warn(Shortened(f"the booklet lists only {kept} of the {len(fitted)} {what} {where}, then "
                                f"'and {rest} more'", "shorten the event name or their names and addresses",
                                entries[kept][0]))
    c.restoreState()
    return y


def draw_back(c: Canvas, event: Event) -> None:
    """Back cover: hosts, venues with addresses, the programme's URL and a QR code to it."""
    x, w = COVER_INSET + 9 * mm, PAGE_W - 2 * COVER_INSET - 18 * mm
    url = links.programme_url(event)
    size = qr_size(url) if url else 0
    c.saveState()
    c.setStrokeColor(theme.ACCENT)
    c.setLineWidth(2)
    top = PAGE_H - 30 * mm
    c.line(x, top, x + 14 * mm, top)
    name = fit(event.name, theme.FONT_BOLD, w, 13, 9, max_lines=4, what="the event name on the booklet's back cover")
    y = draw_lines(c, name, theme.FONT_BOLD, x, top - 5 * mm, color=theme.INK)
    d = fit(i18n.date_range(event, event.first_date, event.last_date), theme.FONT, w, 10, 8, max_lines=2,
            what="the event's dates on the booklet's back cover")
    y = draw_lines(c, d, theme.FONT, x, y, color=theme.MUTED) - 8 * mm
    c.restoreState()
    named = [(v.name, ", ".join(v.address)) for v in event.venues if v.name]
    venues_h = cover_block(None, event, "", named[:1], x, 0, w, bottom=-1e9) - 3 * mm if named else 0
    y = cover_block(c, event, i18n.tr(event, "Hosted by"), [(h, "") for h in event.hosts], x, y, w,
                    bottom=size + 30 * mm - venues_h, what="hosts", where="on the booklet's back cover")
    y -= 3 * mm
    cover_block(c, event, i18n.ntr(event, "Venue", "Venues", len(named)), named, x, y, w, bottom=size + 30 * mm,
                what="venues", where="on the booklet's back cover")
    # programme online, at the foot: QR code on the left, what it opens on the right (neither
    # when there is no page to open, links.py: the "as of" stamp stays)
    qy = 22 * mm
    below = qy + 13 * mm
    if url:
        common.draw_qr(c, url, x - size * 4 / common.qr_total_modules(url), qy, size, what="programme QR code")
    c.saveState()
    if url:
        tx = x + size + 2 * mm
        c.setFont(theme.FONT_BOLD, 8.5)
        c.setFillColor(theme.INK)
        draw(c, i18n.tr(event, "Programme, abstracts and updates online"), tx, qy + size - 8 * mm)
        f = fit_url(url, theme.FONT, w - size - 2 * mm, 8, theme.MIN_TYPE, max_lines=3,
                    what="the programme's address on the booklet's back cover")
        below = draw_lines(c, f, theme.FONT, tx, qy + size - 9.5 * mm, color=theme.ACCENT)
    else:
        tx = x
    c.setFont(theme.FONT, theme.MIN_TYPE)
    c.setFillColor(theme.MUTED)
    draw(c, i18n.tr(event, "As of {stamp}", stamp=i18n.stamp(event, event.updated, long=True)), tx, min(qy + 5 * mm, below - 8))
    c.restoreState()
