"""How the booklet's talks part is grouped, and the compact entry a talk gets when the booklet is
programme and index only.

The rule: a day's talks are grouped by room, each room under its own heading (its talks in time
order), when talks run in parallel in ROOM_SECTIONS_FROM or more rooms that day; otherwise they
follow the programme's order. Why that number: up to three rooms, the at-a-glance shows every room
on one page and programme order keeps a time slot's talks within a page or two, so a reader
following one room finds its next talk close by. From four rooms on, the at-a-glance is split by
room groups and, in programme order, a room's next talk comes only after every other room's
(35 rooms: 34 talks later); a devroom's programme belongs together. Rooms follow
``grid.room_order``, as on the poster and the at-a-glance.

In "none" mode (programme and index only) each talk of a day set as a grid is a compact entry:
time, title, speakers and the short address of its page online, which carries the abstract (a
day set as a list carries the address in its at-a-glance row instead). A short address, not a
QR code: 900 codes would cost the build seconds, and a grid box has no room for one.
"""
from __future__ import annotations

from eventprint import i18n, links
from eventprint.model import Day, Event, Item, Kind, Room
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph

from ..kit import grid, theme, tracks
from ..kit.programme import KEYNOTE_LABEL
from ..kit.text import markup as _m
from ..kit.text import markup_lines
from .base import FRAME_W, PAGE_H, Ctx, hexcolour, place, talk_key, tbc_markup
from .flow import Anchor
from .row import Row

ROOM_SECTIONS_FROM = 4  # parallel rooms with talks on a day, from which its talks are grouped by room
ENTRY_KEEP = 40  # pt: a compact entry is not split from its room's heading


def by_room(day: Day) -> bool:
    """Whether the day's talks are grouped by room (see the module's rule)."""
    rooms = {it.room.id for it in day.items if it.is_talk and it.room is not None}
    return grid.is_parallel(day) and len(rooms) >= ROOM_SECTIONS_FROM


def sections(ctx: Ctx, day: Day) -> list[tuple[Room | None, tuple[Item, ...]]]:
    """The day's talks in the order the booklet prints them: (room, its talks) per room in the
    poster's room order when grouped by room, else one section (None, talks in programme order)."""
    talks = tuple(it for it in day.items if it.is_talk)
    if not by_room(day):
        return [(None, talks)] if talks else []
    out: list[tuple[Room | None, tuple[Item, ...]]] = []
    for room in grid.room_order(ctx.event):
        mine = tuple(it for it in talks if it.room is not None and it.room.id == room.id)
        if mine:
            out.append((room, mine))
    rest = tuple(it for it in talks if it.room is None)
    return out + ([(None, rest)] if rest else [])


def room_key(room: Room, day: Day) -> str:
    return f"room-{room.id}-{day.date:%Y-%m-%d}"


def room_head(ctx: Ctx, day: Day, room: Room | None, talks: tuple[Item, ...]) -> list:
    """A room section's heading: the room (and its track, when all its talks share one), the day
    and its hours, and the address of the room's programme online."""
    st = ctx.st
    lang = ctx.event
    name = room.name if room is not None else (i18n.tr(lang, "Elsewhere at {venue}", venue=day.venue.short_name)
                                               if day.venue.short_name else i18n.tr(lang, "Elsewhere"))
    shared = {tracks.item_track(it) for it in talks}
    if len(shared) == 1 and None not in shared:
        name += f" {theme.MIDDOT} {shared.pop()}"
    hours = i18n.time_range(lang, talks[0].start, max(it.end for it in talks))
    count = i18n.ntr(lang, "{n} talk", "{n} talks", len(talks))
    meta = f"{i18n.day(lang, day.date)} {theme.MIDDOT} {hours} {theme.MIDDOT} {count}"
    out = [Anchor(room_key(room, day) if room is not None else f"room--{day.date:%Y-%m-%d}", outline=name, level=1),
           Paragraph(_m(name), st["room"]), Paragraph(_m(meta), st["room-meta"])]
    link = links.room_page(ctx.event, room, day.date) if room is not None else None
    if link:
        out.append(Paragraph(f'<a href="{_m(link)}">{_m(short_url(link))}</a>', st["g-url"]))
    return out


def address(event: Event, item: Item) -> str:
    """Paragraph markup of the talk's short address online, a link in the accent colour; "" when
    it has none (links.py)."""
    url = links.talk_url(event, item)
    if not url:
        return ""
    return f'<a href="{_m(url)}"><font color="{hexcolour(theme.ACCENT)}">{_m(short_url(url))}</font></a>'


def short_url(url: str) -> str:
    """The address as a reader types it: without the scheme."""
    return url.split("://", 1)[-1]


def talk_entry(ctx: Ctx, day: Day, item: Item, in_room: bool, level: int) -> list:
    """A talk in "none" mode: time, title, speakers (and room, outside a room section) and the
    short address of its page online, which has the abstract."""
    st = ctx.st
    col_time = 19 * mm
    title = markup_lines(item.title.display, st["g-what"].fontName, st["g-what"].fontSize, FRAME_W - col_time - 6)
    title = title if item.title.confirmed else tbc_markup(title)
    if item.kind is Kind.KEYNOTE:
        title = f'<font color="{hexcolour(theme.ACCENT)}">{_m(i18n.tr(ctx.event, KEYNOTE_LABEL))}</font>  ' + title
    what = [Paragraph(title, st["g-what"])]
    who = ", ".join(p.name for p in item.speakers)
    if not in_room:
        where = place(item, day, ctx.event)
        who = f"{where} {theme.MIDDOT} {who}" if who else where
    online = address(ctx.event, item)
    # speakers and the address share a line where they fit: a 900-talk booklet stays carryable
    line = f"{_m(who)}  {theme.MIDDOT}  {online}" if who and online else online or _m(who)
    if line:
        what.append(Paragraph(line, st["g-who"]))
    table = Row([Paragraph(_m(i18n.time_range(ctx.event, item.start, item.end)), st["g-time"]), what],
                [col_time, FRAME_W - col_time], padding=(3, 3, 2.2, 2.8), rule_above=(0.4, theme.RULE))
    return [Anchor(talk_key(item), outline=f"{i18n.clock(ctx.event, item.start)} {item.title.display}", level=level,
                   running=i18n.day(ctx.event, day.date)), table]


def keep_height(flowables: list) -> float:
    """Height of flowables that must stay together (headings), with their space after."""
    return sum(f.wrap(FRAME_W, PAGE_H)[1] + getattr(getattr(f, "style", None), "spaceAfter", 0)
               + getattr(getattr(f, "style", None), "spaceBefore", 0) for f in flowables)


def keep_with(flowables: list, extra: float = ENTRY_KEEP) -> list:
    """Headings that move to the next page unless ``extra`` more fits below them."""
    return [CondPageBreak(keep_height(flowables) + extra)] + flowables
