"""The booklet's front matter: the contents page and the practical information."""
from __future__ import annotations

from eventprint import i18n
from eventprint.model import Item, Kind
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Table

from ..kit import theme
from ..kit.programme import venue_days
from ..kit.text import markup as _m
from .base import (
    CONTENTS,
    FRAME_W,
    GLANCE,
    INDEX,
    LABEL_KEEP,
    PRACTICAL,
    Ctx,
    day_glance_key,
    day_talks_key,
    heading,
    link,
    markup_colour,
    place,
    tstyle,
)
from .flow import PageRef


def contents(ctx: Ctx) -> list:
    ev, st = ctx.event, ctx.st
    rows: list[tuple[str, str, bool]] = ([(i18n.tr(ev, PRACTICAL), "practical", False)] if has_practical(ev) else []) \
        + [(i18n.tr(ev, GLANCE), day_glance_key(ev.days[0]), False)]
    if len(ev.days) > 1:
        rows += [(i18n.day(ev, d.date), day_glance_key(d), True) for d in ev.days]
    talk_days = [d for d in ev.days if ctx.talks_part(d)]
    if talk_days:
        rows.append((i18n.tr(ev, "Talks"), day_talks_key(talk_days[0]), False))
        if len(talk_days) > 1:
            rows += [(i18n.day(ev, d.date), day_talks_key(d), True) for d in talk_days]
    rows.append((i18n.tr(ev, INDEX), "index", False))
    data = []
    style = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
             ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 3),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    for i, (text, key, sub) in enumerate(rows):
        para = Paragraph(link(key, _m(text)), st["toc-sub"] if sub else st["toc"])
        data.append([para, PageRef(key, 14 * mm, 9.5)])
        if not sub:
            style.append(("TOPPADDING", (0, i), (-1, i), 7 if i else 3))
            if i:
                style.append(("LINEABOVE", (0, i), (-1, i), 0.4, theme.RULE))
    table = Table(data, colWidths=[FRAME_W - 14 * mm, 14 * mm], style=tstyle(style))
    return heading(ctx, i18n.tr(ev, CONTENTS), "contents") + [table]


def has_practical(ev) -> bool:
    """Whether there is practical information to print: a named venue, registration, outings,
    pauses or notes (an import that names no venue and no break has none)."""
    return (any(v.name for v in ev.venues) or bool(ev.info)
            or any(it.kind in (Kind.REGISTRATION, Kind.TOUR, Kind.SOCIAL) or it.kind.is_pause for it in ev.items))


def practical(ctx: Ctx) -> list:
    ev, st = ctx.event, ctx.st
    if not has_practical(ev):
        return []
    out = heading(ctx, i18n.tr(ev, PRACTICAL), "practical")

    def label(text: str) -> None:
        out.append(CondPageBreak(LABEL_KEEP))
        out.append(Paragraph(_m(text.upper()), st["label"]))

    named = [(venue, days) for venue, days in venue_days(ev) if venue.name]  # an unnamed venue is left out
    if named:
        label(i18n.ntr(ev, "Venue", "Venues", len(named)))
    for venue, days in named:
        rooms = sorted({r.name for d in ev.days for it in d.items for r in it.rooms if r.venue is venue})
        lines = [f"<b>{_m(venue.name)}</b>", *(_m(a) for a in venue.address)]
        if days:
            lines.append(f'<font color="{markup_colour(theme.ACCENT)}">'
                         + _m(", ".join(i18n.day(ev, d.date) for d in days)) + "</font>")
        if rooms:
            lines.append(f'<font color="{markup_colour(theme.MUTED)}">' + _m(i18n.ntr(ev, "Room: {rooms}", "Rooms: {rooms}", len(rooms), rooms=", ".join(rooms))) + "</font>")
        out.append(Paragraph("<br/>".join(lines), st["body-left"]))

    def item_lines(items: list[Item]) -> None:
        for it in items:
            day = ev.day_of(it)
            text = (f"<b>{_m(it.title.display)}</b><br/>{_m(i18n.day(ev, day.date))}, {_m(i18n.time_range_text(ev, it.start, it.end))}"
                    f" {theme.MIDDOT} {_m(place(it, day, ev))}")
            if it.note:
                text += (f'<br/><font name="{theme.face(theme.FONT_ITALIC)}" color="{markup_colour(theme.MUTED)}">'
                         f'{_m(it.note)}</font>')
            out.append(Paragraph(text, st["body-left"]))

    registration = [it for it in ev.items if it.kind is Kind.REGISTRATION]
    if registration:
        label(i18n.tr(ev, "Registration"))
        item_lines(registration)
    outings = [it for it in ev.items if it.kind in (Kind.TOUR, Kind.SOCIAL)]
    if outings:
        label(i18n.tr(ev, "Tours and social events") if any(it.kind is Kind.SOCIAL for it in outings) else
              i18n.ntr(ev, "Tour", "Tours", len(outings)))
        item_lines(outings)
    pauses = [it for it in ev.items if it.kind.is_pause]
    if pauses:
        label(i18n.tr(ev, "Breaks and meals"))
        for day in ev.days:
            ps = [it for it in day.items if it.kind.is_pause]
            if not ps:
                continue
            rows = [f"{_m(i18n.time_range(ev, it.start, it.end))}  {_m(it.title.display)} {theme.MIDDOT} {_m(place(it, day, ev))}" for it in ps]
            prefix = f"<b>{_m(i18n.day(ev, day.date))}</b><br/>" if len(ev.days) > 1 else ""
            out.append(Paragraph(prefix + "<br/>".join(rows), st["body-left"]))
    for title, text in ev.info:
        label(title)
        for para in text.split("\n\n"):
            out.append(Paragraph(_m(para), st["body-left"]))
    return out
