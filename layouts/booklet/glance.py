"""The booklet's programme at a glance: one table per time slot, a day on one page or split
evenly over several."""
from __future__ import annotations

from dataclasses import dataclass

from eventprint import i18n
from eventprint.model import Day, Event, Item, Kind
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table

from ..kit import grid, theme
from ..kit.programme import KEYNOTE_LABEL, by_start, language_tag, where
from ..kit.text import markup as _m
from ..kit.text import markup_lines
from .base import (
    FRAME_W,
    GLANCE,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_H,
    Ctx,
    day_glance_key,
    glance_key,
    hexcolour,
    link,
    talk_key,
    tbc_markup,
    tstyle,
)
from .flow import Anchor
from .glance_grid import grid_glance
from .sections import address



def glance_meta(ev, day: Day) -> str:
    """'At a glance · MPI-IS': the day's venue, left out when it has no name."""
    return f"{i18n.tr(ev, GLANCE)} {theme.MIDDOT} {day.venue.name}" if day.venue.name else i18n.tr(ev, GLANCE)
@dataclass(frozen=True)
class Row:
    """What one row of a day's list shows, before it is set: an item, with the session chairs
    named above it when a session starts there."""

    item: Item
    chairs: tuple[str, ...]  # the session's chairs, when it starts at this item
    time: str  # "" when the item runs at the same time as the row above (parallel rooms)
    where: str


def glance(ctx: Ctx, day: Day, first: bool, room: float | None = None) -> list:
    """A day's tables; ``room``: the height left on the page it starts on (None: a whole page).
    A day whose rooms run in parallel is a time x room grid instead (booklet_grid)."""
    if grid.is_parallel(day):
        return grid_glance(ctx, day, first, room)
    head = _head(ctx, day, first)
    tables = [_table(ctx, rows) for rows in slots(ctx.event, day)]
    return _paginate(ctx, day, head, tables, room)


# --------------------------------------------------------------------------
# data: what each row shows
# --------------------------------------------------------------------------


def slots(ev: Event, day: Day) -> list[tuple[Row, ...]]:
    """The day's rows, one tuple per time slot (parallel rooms read as one slot)."""
    sessions = {s.items[0].id: s for s in ev.sessions(day)}
    out = []
    for slot in by_start(day.items):
        rows = []
        for n, it in enumerate(slot):
            session = sessions.get(it.id)
            same = n and it.start == slot[n - 1].start and it.end == slot[n - 1].end
            rows.append(Row(it, tuple(p.name for p in session.chairs) if session is not None else (),
                            "" if same else i18n.time_range(ev, it.start, it.end),
                            where(it, day.venue.short_name, seen_from=day.venue)))
        out.append(tuple(rows))
    return out


# --------------------------------------------------------------------------
# flowables: the day's heading and one table per slot
# --------------------------------------------------------------------------


def _head(ctx: Ctx, day: Day, first: bool, continued: bool = False) -> list:
    """The day's heading (anchored in the outline unless ``continued``), its venue line and a space."""
    ev, st = ctx.event, ctx.st
    title = i18n.day(ev, day.date)
    out: list = []
    if first:
        out.append(Anchor("glance", outline=i18n.tr(ev, GLANCE), level=0))
    if not continued:
        out.append(Anchor(day_glance_key(day), outline=title, level=1, running=title, headed=True))
    shown = f"{title} {i18n.tr(ev, '(continued)')}" if continued else title
    return out + [Paragraph(_m(shown), st["h1"]),
                  Paragraph(_m(glance_meta(ev, day)), st["meta"]), Spacer(1, 3)]


def _widths(ctx: Ctx) -> list[float]:
    """Time, what, where: '10:00–10:30 AM' on one line."""
    col_time, col_where = (24.5 if i18n.twelve_hour(ctx.event) else 19) * mm, 23 * mm
    return [col_time, FRAME_W - col_time - col_where, col_where]


def _table(ctx: Ctx, rows: tuple[Row, ...]) -> list:
    """One slot's anchor and table."""
    ev, st = ctx.event, ctx.st
    widths = _widths(ctx)
    cells, style = [], [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 3),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 3), ("TOPPADDING", (0, 0), (-1, -1), 2.2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.8),
                        ("LINEABOVE", (0, 0), (-1, 0), 0.4, theme.RULE)]
    for row in rows:
        it = row.item
        if row.chairs:
            names = ", ".join(row.chairs)
            cells.append(["", Paragraph(_m(i18n.ntr(ev, "Session chair: {names}", "Session chairs: {names}",
                                                    len(row.chairs), names=names)), st["g-chair"]), ""])
            style += [("SPAN", (1, len(cells) - 1), (2, len(cells) - 1)),
                      ("BOTTOMPADDING", (0, len(cells) - 1), (-1, len(cells) - 1), 0)]
        time_cell = Paragraph(_m(row.time), st["g-time"] if not it.kind.is_pause else st["g-pause"]) if row.time else ""
        place = Paragraph(_m(row.where), st["g-where"])
        if it.kind.is_pause:
            style.append(("BACKGROUND", (0, len(cells)), (-1, len(cells)), theme.PAUSE_BG))
        cells.append([time_cell, _what(ctx, it, widths[1]), place])
    table = Table(cells, colWidths=widths, style=tstyle(style))
    slot = [row.item for row in rows]
    keys = tuple(glance_key(it) for it in slot[1:])
    if not ctx.talk_pages:  # "none": the list is where the booklet prints these talks
        keys += tuple(talk_key(it) for it in slot if it.is_talk)
    return [Anchor(glance_key(slot[0]), keys=keys), table]


def _what(ctx: Ctx, it: Item, width: float) -> list:
    """The middle cell: a break's name, or a title (linked to its page) with speakers and note."""
    ev, st = ctx.event, ctx.st
    if it.kind.is_pause:
        return [Paragraph(_m(it.title.display), st["g-pause"])]
    if it.kind is Kind.KEYNOTE:  # the label goes before the title on its first line
        t = _m(it.title.display)
    else:  # right-to-left titles are wrapped here, line by line (see text.markup_lines)
        t = markup_lines(it.title.display, st["g-what"].fontName, st["g-what"].fontSize,
                         width - 6)  # the cell's padding, 3 pt a side
    if not it.title.confirmed:
        t = tbc_markup(t)
    if it.is_talk and ctx.talk_pages:
        t = link(talk_key(it), t)
    if it.kind is Kind.KEYNOTE:
        t = f'<font color="{hexcolour(theme.ACCENT)}">{_m(i18n.tr(ev, KEYNOTE_LABEL))}</font>  ' + t
    if language_tag(ev, it):  # the event mixes languages: say which one this talk is in
        t += f' <font name="{theme.face(theme.FONT_BOLD)}" size="7" color="{hexcolour(theme.MUTED)}">{language_tag(ev, it)}</font>'
    what = [Paragraph(t, st["g-what"])]
    if it.speakers:
        what.append(Paragraph(_m(", ".join(p.name for p in it.speakers)), st["g-who"]))
    if it.note:
        what.append(Paragraph(f'<i>{_m(it.note)}</i>', st["g-who"]))
    if it.is_talk and not ctx.talk_pages:  # "none": the talk's page online has its abstract
        what.append(Paragraph(address(ctx.event, it), st["g-who"]))
    return what


# --------------------------------------------------------------------------
# pagination
# --------------------------------------------------------------------------


def _paginate(ctx: Ctx, day: Day, head: list, tables: list[list], room: float | None) -> list:
    """The heading and tables with page breaks: a day that needs more than one page is split evenly
    across its pages, at a time slot; when it starts part way down a page (``room``), that page is
    filled first, unless not even one slot fits there."""
    out = list(head)
    heights = [t[1].wrap(FRAME_W, PAGE_H)[1] for t in tables]
    head_h = sum(f.wrap(FRAME_W, PAGE_H)[1] for f in out[-3:]) + 10 + 3
    avail = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - head_h - 2
    first_avail = avail if room is None else room - head_h - 2
    lead: list = []
    if sum(heights) > first_avail and (not heights or heights[0] > first_avail):
        lead, first_avail = [PageBreak()], avail  # not even one slot fits here: start the next page
    acc, k = 0.0, 0
    if sum(heights) > first_avail and first_avail < avail:
        while k < len(heights) and acc + heights[k] <= first_avail:
            acc += heights[k]
            k += 1
    for flow in tables[:k]:
        out += flow
    rest, rest_h = tables[k:], heights[k:]
    total = sum(rest_h)
    pages = max(1, -(-int(total) // int(avail)))
    target = total / pages
    done = 0
    if k:  # the first page is full: the rest starts a page
        done, acc = -1, 0.0
    for flow, h in zip(rest, rest_h):
        if done < 0 or (pages > 1 and acc > 0 and (acc + h > avail or (acc + h / 2 > target * (done + 1)
                                                                        and done < pages - 1))):
            out += [PageBreak()] + _head(ctx, day, first=False, continued=True)
            done += 1
            acc = 0.0
        out += flow
        acc += h
    return lead + out
