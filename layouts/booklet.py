"""The programme booklet: A5 pages in reading order, and the same pages imposed for saddle-stitching.

Contents, in order: cover; contents; practical information; programme at a
glance (one page or more per day); one page per talk in programme order;
speaker index; notes pages as needed to reach a multiple of four; back cover.

Page numbers in the contents, the at-a-glance tables and the index are only
known after layout, so the booklet is laid out twice: the first pass records
where every anchor lands, the second prints those numbers (and is checked to
land them on the same pages). A third layout onto ``ImposingCanvas`` writes the
imposed file from the very same story.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, CondPageBreak, Frame, NextPageTemplate, PageBreak,
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)

from eventprint import urls
from eventprint.fonts import check_literal
from eventprint.model import Day, Event, Item, Kind
from eventprint.options import BuildOptions, OptionError
from eventprint.output import Artifact
from eventprint.problems import BuildError

from . import common, theme
from .booklet_flow import Anchor, Deferred, PageRef, QRCode, define_page_forms, styles
from .booklet_impose import RecordingCanvas, impose

PAGE_W, PAGE_H = theme.A5_PORTRAIT
MARGIN_X = 14 * mm
MARGIN_TOP = 19 * mm
MARGIN_BOTTOM = 17 * mm
HEADER_BASELINE = PAGE_H - 11 * mm
FOLIO_BASELINE = 9.5 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
QR_SIZE = 20 * mm
QR_MODULE = 0.45 * mm  # aim a little above the 0.4 mm minimum for long URLs
COVER_INSET = 10 * mm
LABEL_KEEP = 48  # a section label needs room for itself and about three lines below it
QR_MAX = 24 * mm

NOTES = "Notes"
INDEX = "Speaker index"
PRACTICAL = "Practical information"
GLANCE = "Programme at a glance"
CONTENTS = "Contents"

LABELS = (theme.EN_DASH, theme.MIDDOT, NOTES, INDEX, PRACTICAL, GLANCE, CONTENTS, "(continued)",
          "Programme, abstracts and updates online", "Abstract online: ", "KEYNOTE", "ABOUT THE SPEAKERS")


# --------------------------------------------------------------------------
# anchors: one key per place a page number or a link can point to
# --------------------------------------------------------------------------


def talk_key(item: Item) -> str:
    return f"talk-{item.id}"


def glance_key(item: Item) -> str:
    return f"glance-{item.id}"


def day_glance_key(day: Day) -> str:
    return f"glance-{day.date:%Y-%m-%d}"


def day_talks_key(day: Day) -> str:
    return f"talks-{day.date:%Y-%m-%d}"


def _m(text: str) -> str:
    return common.markup(text)


def _link(key: str, text: str) -> str:
    """Markup for an internal link (text must already be escaped)."""
    return f'<a href="#{key}">{text}</a>'


def _tstyle(commands) -> TableStyle:
    """A table style whose cells (even empty ones) use the theme's font, never Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), theme.FONT)] + list(commands))


def _colour(c) -> str:
    return c.hexval().replace("0x", "#")


# --------------------------------------------------------------------------
# the document
# --------------------------------------------------------------------------


class _Doc(BaseDocTemplate):
    """A5 document with cover, content, notes and back-cover page templates."""

    def __init__(self, target, event: Event, subject: str):
        super().__init__(
            target, pagesize=theme.A5_PORTRAIT, invariant=1, pageCompression=1,
            title=f"{event.name} {theme.EN_DASH} Programme", author=", ".join(event.hosts),
            subject=subject, creator="eventprint", keywords=event.name, lang=event.language,
            displayDocTitle=1, initialFontName=theme.FONT, initialFontSize=theme.BODY, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM)
        self.event = event
        self.anchors: dict[str, int] = {}
        self.pagerefs: dict[str, tuple] = {}
        self._doSave = 0  # _layout saves, after filling in the page-number forms
        self.running = ""
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([
            PageTemplate("cover", [frame], onPage=lambda c, d: _draw_cover(c, event)),
            PageTemplate("content", [frame], onPageEnd=_draw_running),
            PageTemplate("notes", [frame], onPageEnd=_draw_notes),
            PageTemplate("back", [frame], onPage=lambda c, d: _draw_back(c, event)),
        ])


def _draw_running(c: Canvas, doc: _Doc) -> None:
    """Running header (day or section, and the event) and the folio, both on the outer side."""
    page = c.getPageNumber()
    right = page % 2 == 1  # page 1 is a right-hand page
    c.saveState()
    c.setFont(theme.FONT_BOLD, theme.SMALL)
    c.setFillColor(theme.ACCENT)
    left_x, right_x = MARGIN_X, PAGE_W - MARGIN_X
    running = doc.running
    short = doc.event.short_name
    # the running head sits on the outer edge, the event's short name on the inner one
    outer, inner = (c.drawRightString, c.drawString) if right else (c.drawString, c.drawRightString)
    outer_x, inner_x = (right_x, left_x) if right else (left_x, right_x)
    outer(outer_x, HEADER_BASELINE, running)
    c.setFont(theme.FONT, theme.SMALL)
    c.setFillColor(theme.MUTED)
    if common.width(running, theme.FONT_BOLD, theme.SMALL) + common.width(short, theme.FONT, theme.SMALL) \
            < FRAME_W - 20:
        inner(inner_x, HEADER_BASELINE, short)
    c.setStrokeColor(theme.RULE)
    c.setLineWidth(0.5)
    c.line(left_x, HEADER_BASELINE - 2.2 * mm, right_x, HEADER_BASELINE - 2.2 * mm)
    c.setFont(theme.FONT_BOLD, 8)
    c.setFillColor(theme.INK)
    if right:
        c.drawRightString(right_x, FOLIO_BASELINE, str(page))
    else:
        c.drawString(left_x, FOLIO_BASELINE, str(page))
    c.restoreState()


def _draw_notes(c: Canvas, doc: _Doc) -> None:
    """A notes page: heading, light rules to write on, running header and folio."""
    doc.running = NOTES
    top = PAGE_H - MARGIN_TOP
    c.saveState()
    c.setFont(theme.FONT_BOLD, 17)
    c.setFillColor(theme.ACCENT)
    c.drawString(MARGIN_X, top - 17, NOTES)
    c.setStrokeColor(theme.RULE)
    c.setLineWidth(0.4)
    y = top - 17 - 9 * mm
    while y > MARGIN_BOTTOM + 2 * mm:
        c.line(MARGIN_X, y, PAGE_W - MARGIN_X, y)
        y -= 8 * mm
    c.restoreState()
    _draw_running(c, doc)


def _venue_days(event: Event):
    """(venue, [days mainly there]) for every venue, in content order."""
    return [(v, [d for d in event.days if d.venue is v]) for v in event.venues]


def _draw_cover(c: Canvas, event: Event) -> None:
    """Front cover: an accent panel with the event's name and dates; venues and hosts below."""
    inset = COVER_INSET
    panel_x, panel_w = inset, PAGE_W - 2 * inset
    panel_top = PAGE_H - inset
    text_x, text_w = panel_x + 9 * mm, panel_w - 18 * mm
    name = common.fit(event.name, theme.FONT_BOLD, text_w, 26, 14, max_lines=6, what="the event name")
    label = "Programme"
    dates = common.fit(event.date_range, theme.FONT, text_w, 14, 9, max_lines=2, what="the event dates")
    panel_h = max(PAGE_H * 0.52, 28 * mm + name.height + dates.height + 24 * mm)
    panel_y = panel_top - panel_h
    c.saveState()
    c.setFillColor(theme.ACCENT)
    c.rect(panel_x, panel_y, panel_w, panel_h, stroke=0, fill=1)
    c.setFont(theme.FONT_BOLD, 8.5)
    c.setFillColor(theme.WHITE)
    c.drawString(text_x, panel_top - 16 * mm, label.upper())
    c.setStrokeColor(theme.WHITE)
    c.setLineWidth(1.2)
    c.line(text_x, panel_top - 18.5 * mm, text_x + 14 * mm, panel_top - 18.5 * mm)
    # name and dates sit at the foot of the panel
    bottom = panel_y + 10 * mm
    top_dates = bottom + dates.height
    top_name = top_dates + 5 * mm + name.height
    common.draw_lines(c, name, theme.FONT_BOLD, text_x, top_name, color=theme.WHITE)
    common.draw_lines(c, dates, theme.FONT, text_x, top_dates, color=theme.ACCENT_LIGHT)
    c.restoreState()

    # venues with their days, then hosts, set towards the foot of the page
    venues = [(v.name, ", ".join(v.address) + (f"  {theme.MIDDOT}  " + ", ".join(d.short_label for d in days)
                                               if days and len(event.days) > 1 else ""))
              for v, days in _venue_days(event)]
    hosts = [(h, "") for h in event.hosts]
    vlabel = "Venue" if len(event.venues) == 1 else "Venues"
    height = (_cover_block(None, vlabel, venues, text_x, 0, text_w, bottom=-1e9)
              + _cover_block(None, "Hosted by", hosts, text_x, 0, text_w, bottom=-1e9) - 4 * mm)
    y = min(panel_y - 9 * mm, 16 * mm - height)
    y = _cover_block(c, vlabel, venues, text_x, y, text_w)
    y -= 4 * mm
    _cover_block(c, "Hosted by", hosts, text_x, y, text_w)


def _cover_block(c: Canvas | None, label: str, entries: list[tuple[str, str]], x: float, y: float, w: float,
                 bottom: float = 14 * mm) -> float:
    """A small label and entries (bold line, muted line); returns the y below. Raises if it runs off.

    With ``c`` None nothing is drawn and the y below is returned, to measure the block.
    """
    if c is None:
        y -= 3.5 * mm
        for main, sub in entries:
            y -= common.fit(main, theme.FONT_BOLD, w, 10, 7, max_lines=2, what=f"'{main}' on the cover").height
            if sub:
                y -= common.fit(sub, theme.FONT, w, 8, 6.5, max_lines=2, what=f"the address of '{main}'").height
            y -= 1.5 * mm
        return y
    c.saveState()
    c.setFont(theme.FONT_BOLD, 7)
    c.setFillColor(theme.ACCENT)
    c.drawString(x, y, label.upper())
    y -= 3.5 * mm
    for main, sub in entries:
        f = common.fit(main, theme.FONT_BOLD, w, 10, 7, max_lines=2, what=f"'{main}' on the cover")
        y = common.draw_lines(c, f, theme.FONT_BOLD, x, y, color=theme.INK)
        if sub:
            s = common.fit(sub, theme.FONT, w, 8, 6.5, max_lines=2, what=f"the address of '{main}'")
            y = common.draw_lines(c, s, theme.FONT, x, y, color=theme.MUTED)
        y -= 1.5 * mm
    c.restoreState()
    if y < bottom:
        raise BuildError("the cover has no room for all venues and hosts "
                         "\u2014 shorten the event name, venue names or host names in the content")
    return y


def _draw_back(c: Canvas, event: Event) -> None:
    """Back cover: hosts, venues with addresses, the programme's URL and a QR code to it."""
    x, w = COVER_INSET + 9 * mm, PAGE_W - 2 * COVER_INSET - 18 * mm
    url = urls.programme_url(event)
    size = _qr_size(url)
    c.saveState()
    c.setStrokeColor(theme.ACCENT)
    c.setLineWidth(2)
    top = PAGE_H - 30 * mm
    c.line(x, top, x + 14 * mm, top)
    name = common.fit(event.name, theme.FONT_BOLD, w, 13, 9, max_lines=4, what="the event name")
    y = common.draw_lines(c, name, theme.FONT_BOLD, x, top - 5 * mm, color=theme.INK)
    d = common.fit(event.date_range, theme.FONT, w, 10, 8, what="the event dates")
    y = common.draw_lines(c, d, theme.FONT, x, y, color=theme.MUTED) - 8 * mm
    c.restoreState()
    y = _cover_block(c, "Hosted by", [(h, "") for h in event.hosts], x, y, w)
    y -= 3 * mm
    _cover_block(c, "Venue" if len(event.venues) == 1 else "Venues",
                 [(v.name, ", ".join(v.address)) for v in event.venues], x, y, w, bottom=size + 30 * mm)
    # programme online, at the foot: QR code on the left, what it opens on the right
    qy = 22 * mm
    common.draw_qr(c, url, x - size * 4 / common.qr_total_modules(url), qy, size, what="programme QR code")
    c.saveState()
    tx = x + size + 2 * mm
    c.setFont(theme.FONT_BOLD, 8.5)
    c.setFillColor(theme.INK)
    c.drawString(tx, qy + size - 8 * mm, "Programme, abstracts and updates online")
    f = common.fit(url, theme.FONT, w - size - 2 * mm, 8, 5.5, max_lines=3, what="the base_url")
    below = common.draw_lines(c, f, theme.FONT, tx, qy + size - 9.5 * mm, color=theme.ACCENT)
    c.setFont(theme.FONT, 6.5)
    c.setFillColor(theme.MUTED)
    c.drawString(tx, min(qy + 5 * mm, below - 8), f"As of {event.updated:%d %B %Y, %H:%M}")
    c.restoreState()


# --------------------------------------------------------------------------
# story
# --------------------------------------------------------------------------


@dataclass
class _Ctx:
    event: Event
    st: dict


def _qr_size(url: str) -> float:
    """20 mm, or a little more for long URLs (module >= 0.45 mm), at most QR_MAX."""
    return min(max(QR_SIZE, common.qr_total_modules(url) * QR_MODULE), QR_MAX)


def _place(item: Item, day: Day) -> str:
    """Where an item happens: its room, or 'at the venue' when content names no room."""
    return item.room.full_name if item.room else f"at the venue ({day.venue.short_name})"


def _story(ctx: _Ctx) -> list:
    ev = ctx.event
    story: list = [Anchor("cover", outline=None), NextPageTemplate("content"), PageBreak()]
    story += _contents(ctx)
    story += [PageBreak()] + _practical(ctx)
    for i, day in enumerate(ev.days):
        story += [PageBreak()] + _glance(ctx, day, first=i == 0)
    for day in ev.days:
        talks = [it for it in day.items if it.is_talk]
        for j, item in enumerate(talks):
            story += [PageBreak()] + _talk(ctx, day, item, first=j == 0)
    story += [PageBreak(), Deferred(lambda doc: _index(ctx, doc.anchors)), Deferred(_padding)]
    return story


def _padding(doc: _Doc) -> list:
    """Notes pages after the index so that, with the back cover, the count is a multiple of 4."""
    notes = (-(doc.canv.getPageNumber() + 1)) % 4
    out: list = []
    if notes:
        out += [NextPageTemplate("notes"), PageBreak(), Anchor("notes", outline=NOTES)]
        out += [PageBreak()] * (notes - 1)
    return out + [NextPageTemplate("back"), PageBreak(), Anchor("back")]


def _heading(ctx: _Ctx, text: str, key: str, outline: str | None = None, level: int = 0) -> list:
    return [Anchor(key, outline=outline if outline is not None else text, level=level, running=text),
            Paragraph(_m(text), ctx.st["h1"])]


def _contents(ctx: _Ctx) -> list:
    ev, st = ctx.event, ctx.st
    rows: list[tuple[str, str, bool]] = [(PRACTICAL, "practical", False), (GLANCE, day_glance_key(ev.days[0]), False)]
    if len(ev.days) > 1:
        rows += [(d.label, day_glance_key(d), True) for d in ev.days]
    talk_days = [d for d in ev.days if any(it.is_talk for it in d.items)]
    if talk_days:
        rows.append(("Talks", day_talks_key(talk_days[0]), False))
        if len(talk_days) > 1:
            rows += [(d.label, day_talks_key(d), True) for d in talk_days]
    rows.append((INDEX, "index", False))
    data = []
    style = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
             ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 3),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    for i, (text, key, sub) in enumerate(rows):
        para = Paragraph(_link(key, _m(text)), st["toc-sub"] if sub else st["toc"])
        data.append([para, PageRef(key, 14 * mm, 9.5)])
        if not sub:
            style.append(("TOPPADDING", (0, i), (-1, i), 7 if i else 3))
            if i:
                style.append(("LINEABOVE", (0, i), (-1, i), 0.4, theme.RULE))
    table = Table(data, colWidths=[FRAME_W - 14 * mm, 14 * mm], style=_tstyle(style))
    return _heading(ctx, CONTENTS, "contents") + [table]


def _practical(ctx: _Ctx) -> list:
    ev, st = ctx.event, ctx.st
    out = _heading(ctx, PRACTICAL, "practical")

    def label(text: str) -> None:
        out.append(CondPageBreak(LABEL_KEEP))
        out.append(Paragraph(_m(text.upper()), st["label"]))

    label("Venue" if len(ev.venues) == 1 else "Venues")
    for venue, days in _venue_days(ev):
        rooms = sorted({it.room.name for d in ev.days for it in d.items if it.room and it.room.venue is venue})
        lines = [f"<b>{_m(venue.name)}</b>", *(_m(a) for a in venue.address)]
        if days:
            lines.append(f'<font color="{_colour(theme.ACCENT)}">'
                         + _m(", ".join(d.label for d in days)) + "</font>")
        if rooms:
            lines.append(f'<font color="{_colour(theme.MUTED)}">Rooms: ' + _m(", ".join(rooms)) + "</font>")
        out.append(Paragraph("<br/>".join(lines), st["body-left"]))

    def item_lines(items: list[Item]) -> None:
        for it in items:
            day = ev.day_of(it)
            text = (f"<b>{_m(it.title.display)}</b><br/>{_m(day.label)}, {_m(it.time_range)}"
                    f" {theme.MIDDOT} {_m(_place(it, day))}")
            if it.note:
                text += f'<br/><font name="{theme.FONT_ITALIC}" color="{_colour(theme.MUTED)}">{_m(it.note)}</font>'
            out.append(Paragraph(text, st["body-left"]))

    registration = [it for it in ev.items if it.kind is Kind.REGISTRATION]
    if registration:
        label("Registration")
        item_lines(registration)
    outings = [it for it in ev.items if it.kind in (Kind.TOUR, Kind.SOCIAL)]
    if outings:
        label("Tours and social events" if any(it.kind is Kind.SOCIAL for it in outings) else
              ("Tour" if len(outings) == 1 else "Tours"))
        item_lines(outings)
    pauses = [it for it in ev.items if it.kind.is_pause]
    if pauses:
        label("Breaks and meals")
        for day in ev.days:
            ps = [it for it in day.items if it.kind.is_pause]
            if not ps:
                continue
            rows = [f"{_m(it.time_range)}  {_m(it.title.display)} {theme.MIDDOT} {_m(_place(it, day))}" for it in ps]
            prefix = f"<b>{_m(day.label)}</b><br/>" if len(ev.days) > 1 else ""
            out.append(Paragraph(prefix + "<br/>".join(rows), st["body-left"]))
    for heading, text in ev.info:
        label(heading)
        for para in text.split("\n\n"):
            out.append(Paragraph(_m(para), st["body-left"]))
    return out


def _glance(ctx: _Ctx, day: Day, first: bool) -> list:
    ev, st = ctx.event, ctx.st
    title = day.label
    out: list = []
    if first:
        out.append(Anchor("glance", outline=GLANCE, level=0))
    out += [Anchor(day_glance_key(day), outline=day.label, level=1, running=day.label),
            Paragraph(_m(title), st["h1"]),
            Paragraph(_m(f"{GLANCE} {theme.MIDDOT} {day.venue.name}"), st["meta"]), Spacer(1, 3)]
    sessions = {s.items[0].id: s for s in ev.sessions(day)}
    col_time, col_where = 19 * mm, 23 * mm
    widths = [col_time, FRAME_W - col_time - col_where, col_where]
    # group items by start time so parallel rooms read as one slot
    slots: list[list[Item]] = []
    for it in day.items:
        if slots and slots[-1][0].start == it.start:
            slots[-1].append(it)
        else:
            slots.append([it])
    tables: list[list] = []
    for slot in slots:
        rows, style = [], [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 2.2),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 2.8),
                           ("LINEABOVE", (0, 0), (-1, 0), 0.4, theme.RULE)]
        for n, it in enumerate(slot):
            session = sessions.get(it.id)
            if session is not None:
                names = ", ".join(p.name for p in session.chairs)
                rows.append(["", Paragraph(_m(f"Session chair{'s' if len(session.chairs) > 1 else ''}: {names}"),
                                           st["g-chair"]), ""])
                style += [("SPAN", (1, len(rows) - 1), (2, len(rows) - 1)),
                          ("BOTTOMPADDING", (0, len(rows) - 1), (-1, len(rows) - 1), 0)]
            r = len(rows)
            time_cell = Paragraph(_m(it.time_range), st["g-time"] if not it.kind.is_pause else st["g-pause"])
            if n and it.start == slot[n - 1].start and it.end == slot[n - 1].end:
                time_cell = ""
            where = Paragraph(_m(it.room.name if it.room else "at the venue"), st["g-where"])
            if it.kind.is_pause:
                what = [Paragraph(_m(it.title.display), st["g-pause"])]
                style.append(("BACKGROUND", (0, r), (-1, r), theme.PAUSE_BG))
            else:
                t = _m(it.title.display)
                if it.is_talk:
                    t = _link(talk_key(it), t)
                if it.kind is Kind.KEYNOTE:
                    t = f'<font color="{_colour(theme.ACCENT)}">KEYNOTE</font>  ' + t
                what = [Paragraph(t, st["g-what"])]
                if it.speakers:
                    what.append(Paragraph(_m(", ".join(p.name for p in it.speakers)), st["g-who"]))
                if it.note:
                    what.append(Paragraph(f'<i>{_m(it.note)}</i>', st["g-who"]))
            rows.append([time_cell, what, where])
        table = Table(rows, colWidths=widths, style=_tstyle(style))
        tables.append([Anchor(glance_key(slot[0]), keys=tuple(glance_key(it) for it in slot[1:])), table])
    # a day that needs more than one page is split evenly across its pages, at a time slot
    heights = [t[1].wrap(FRAME_W, PAGE_H)[1] for t in tables]
    head = sum(f.wrap(FRAME_W, PAGE_H)[1] for f in out[-3:]) + 10 + 3
    avail = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - head - 2
    total = sum(heights)
    pages = max(1, -(-int(total) // int(avail)))
    target = total / pages
    acc, done = 0.0, 0
    for flow, h in zip(tables, heights):
        if pages > 1 and acc > 0 and (acc + h > avail or (acc + h / 2 > target * (done + 1) and done < pages - 1)):
            out += [PageBreak(), Paragraph(_m(f"{title} (continued)"), st["h1"]),
                    Paragraph(_m(f"{GLANCE} {theme.MIDDOT} {day.venue.name}"), st["meta"]), Spacer(1, 3)]
            done += 1
            acc = 0.0
        out += flow
        acc += h
    return out


def _talk(ctx: _Ctx, day: Day, item: Item, first: bool) -> list:
    ev, st = ctx.event, ctx.st
    out: list = []
    if first:
        out.append(Anchor(day_talks_key(day), outline=f"Talks {theme.MIDDOT} {day.label}", level=0))
    out.append(Anchor(talk_key(item), outline=f"{item.start:%H:%M} {item.title.display}", level=1,
                      running=day.label))
    # head: when, what and who on the left; the QR code to the talk's page on the right
    url = urls.talk_url(ev, item)
    size = _qr_size(url)
    meta = [item.kind.label, day.short_label, item.time_range, _place(item, day)]
    head: list = [Paragraph(_m(f"  {theme.MIDDOT}  ".join(meta)), st["meta"]),
                  Paragraph(_m(item.title.display), st["title"] if item.title.confirmed else st["title-tbc"])]
    for p in item.speakers:
        head.append(Paragraph(_m(p.name), st["speaker"]))
        lines = ([p.position] if p.position else []) + list(p.affiliations)
        head.append(Paragraph("<br/>".join(_m(x) for x in lines) if lines else "", st["affil"]))
    qr_col = size + 4 * mm
    out.append(Table([[head, QRCode(url, size, what=f"QR code of talk '{item.id}'")]],
                     colWidths=[FRAME_W - qr_col, qr_col],
                     style=_tstyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                    ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                                    ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])))
    out.append(Paragraph("Abstract online: " + _m(url), st["url"]))
    if item.chairs:
        names = ", ".join(p.name for p in item.chairs)
        out.append(Paragraph(_m(f"Chair{'s' if len(item.chairs) > 1 else ''}: {names}"), st["note"]))
    if item.note:
        out.append(Paragraph(_m(item.note), st["note"]))
    out += [CondPageBreak(LABEL_KEEP), Paragraph("ABSTRACT", st["label"])]
    if item.abstract:
        for para in item.abstract.split("\n\n"):
            out.append(Paragraph(_m(para.strip()), st["body"]))
    else:
        out.append(Paragraph("The abstract will be published online.", st["note"]))
    with_bio = [p for p in item.speakers if p.bio]
    if with_bio:
        out += [CondPageBreak(LABEL_KEEP),
                Paragraph("ABOUT THE SPEAKER" + ("S" if len(with_bio) > 1 else ""), st["label"])]
        for p in with_bio:
            paras = p.bio.split("\n\n")
            if len(with_bio) > 1:
                out.append(Paragraph(_m(p.name), st["bio-name"]))
            out += [Paragraph(_m(x.strip()), st["body"]) for x in paras]
    return out


def _index(ctx: _Ctx, anchors: dict[str, int]) -> list:
    ev, st = ctx.event, ctx.st
    out = _heading(ctx, INDEX, "index")
    people = sorted(ev.people_with_roles, key=lambda p: (p.sort_key, p.id))
    rows, style = [], [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                       ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 3),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("LINEBELOW", (0, 0), (-1, -1), 0.3, theme.RULE)]
    for p in people:
        refs: list[tuple[int, str]] = []
        for it in ev.items_of(p):
            key = talk_key(it) if it.is_talk and p in it.speakers else glance_key(it)
            refs.append((anchors[key], key))
        seen: dict[int, str] = {}
        for page, key in refs:
            seen.setdefault(page, key)
        pages = ", ".join(_link(key, str(page)) for page, key in sorted(seen.items()))
        if p.name.endswith(p.family_name) and p.family_name and p.name != p.family_name:
            name = _m(p.name[: -len(p.family_name)]) + f"<b>{_m(p.family_name)}</b>"
        else:
            name = f"<b>{_m(p.name)}</b>"
        cell = [Paragraph(name, st["ix-name"])]
        if p.affiliation_line:
            cell.append(Paragraph(_m(p.affiliation_line), st["ix-affil"]))
        roles = ", ".join(r.value.capitalize() for r in p.roles)
        rows.append([cell, Paragraph(_m(roles), st["ix-role"]), Paragraph(pages, st["ix-pages"])])
    if rows:
        out.append(Table(rows, colWidths=[FRAME_W - 40 * mm, 22 * mm, 18 * mm], style=_tstyle(style),
                         repeatRows=0))
    return out


# --------------------------------------------------------------------------
# render
# --------------------------------------------------------------------------


def _new_canvas(event: Event, subject: str):
    def make(buf, pagesize):
        c = Canvas(buf, pagesize=pagesize, invariant=1, pageCompression=1, lang=event.language,
                   initialFontName=theme.FONT, initialFontSize=theme.BODY)
        c.setTitle(f"{event.name} {theme.EN_DASH} Programme")
        c.setAuthor(", ".join(event.hosts))
        c.setSubject(f"{subject}, {event.date_range}")
        c.setCreator("eventprint")
        c.setKeywords(event.name)
        return c
    return make


def layout(event: Event) -> tuple[bytes, bytes, dict[str, int]]:
    """Both PDFs (single pages, imposed) and the page of every anchor."""
    buf = io.BytesIO()
    doc = _Doc(buf, event, f"Programme booklet, {event.date_range}")
    doc.build(_story(_Ctx(event, styles(event.language))), canvasmaker=RecordingCanvas)
    c: RecordingCanvas = doc.canv
    pages = len(c.recorded)
    if pages % 4:
        raise BuildError(f"the booklet came out at {pages} pages, not a multiple of 4; please report this")

    def forms(canvas):
        define_page_forms(canvas, doc.pagerefs, doc.anchors)

    forms(c)
    snapshot = c.font_snapshot()
    c.save()
    imposed = impose(c.recorded, theme.A5_PORTRAIT, theme.A4_LANDSCAPE, snapshot,
                     _new_canvas(event, "Programme booklet imposed 2-up on A4 for saddle-stitching"), forms)
    return buf.getvalue(), imposed, dict(doc.anchors)


def render(event: Event, options: BuildOptions) -> list[Artifact]:
    if options.size not in (None, "A5"):
        raise OptionError(f"the booklet is A5 only; drop --size {options.size}")
    if not event.days:
        raise BuildError("the programme has no days, so there is no booklet to print")
    for label in LABELS:
        check_literal(label)
    single, imposed, _ = layout(event)
    return [Artifact("booklet.pdf", single), Artifact("booklet-imposed.pdf", imposed)]
