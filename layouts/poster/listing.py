"""The one-sheet poster's day table for a day without parallel items: a list, one line per slot.

Items that start together form one slot with their rooms labelled (rooms appear
only on days with several rooms). Set as large as the sheet allows; see
``poster`` for how the size is chosen.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventprint import i18n
from eventprint.model import Day, Item, Kind
from reportlab.pdfgen.canvas import Canvas

from ..kit import theme
from ..kit.programme import secondary, where
from ..kit.text import Fitted, Segment, draw, draw_lines, draw_segments, printed, text_width, words, wrap, wrap_units
from ..kit.fitting import fit

LEADING = 1.22
DETAIL = 0.82  # speakers and rooms, x the title size
KEYNOTE_LABEL = "KEYNOTE"
TIME_TEMPLATE = f"00:00{theme.EN_DASH}00:00"



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
            out[-1].append(Entry(it, (it.start, it.end) != (prev.start, prev.end), several))
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
    heading: Fitted
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
        return heading_height(self.heading, self.t)

    def slot_height(self, slot) -> float:
        return sum(self.entry_height(e) for e in slot) + (len(slot) - 1) * 0.35 * self.t

    @property
    def height(self) -> float:
        body = sum(self.slot_height(sl) for sl in self.slots) + (len(self.slots) - 1) * 0.7 * self.t
        return self.head_height + body


def panel(day: Day, t: float, width: float, s: float) -> Panel:
    d = DETAIL * t
    times = (TIME_TEMPLATE, *(i18n.time_range(day.language, it.start, it.end) for it in day.items))
    label = i18n.tr(day.language, KEYNOTE_LABEL) if any(it.kind is Kind.KEYNOTE for it in day.items) else ""
    time_w = max(max(text_width(x, theme.FONT_BOLD, t) for x in times), text_width(label, theme.FONT_BOLD, d)) + 0.7 * t
    several = len(day.rooms) > 1
    room_w = 0.0
    if several:
        names = [r.name for r in day.rooms] + ([day.venue.short_name] if any(it.room is None for it in day.items)
                                               and day.venue.short_name else [])
        widest = max(text_width(n, theme.FONT_BOLD, d) for n in names)
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
                time_lines.append((i18n.time_range(day.language, it.start, it.end), theme.FONT if quiet else theme.FONT_BOLD,
                                   theme.MUTED if quiet else theme.INK))
            if it.kind is Kind.KEYNOTE:
                time_lines.append((i18n.tr(day.language, KEYNOTE_LABEL), theme.FONT_BOLD, theme.ACCENT))
            # where it is, as the door signs and the booklet say it: an item with no room at the venue
            room = where(it, day.venue.short_name, seen_from=day.venue) if e.show_room else ""
            room_lines = tuple(wrap(room, theme.FONT_BOLD, d, room_w - 0.7 * t)) if room else ()
            if quiet:
                font = theme.FONT
                colour = theme.MUTED
            else:
                font, colour = theme.title_face(theme.FONT_BOLD, it.title.confirmed)
            title = tuple(wrap_units(words(it.title.display, font, colour), t, text_w))
            detail = tuple(wrap_units(secondary(it), d, text_w))
            lines.append(EntryLines(e, tuple(time_lines), room_lines, title, detail))
        out.append(tuple(lines))
    return Panel(day, t, width, time_w, room_w, heading(day, t, width), day.venue.short_name, tuple(out))


def heading(day: Day, t: float, width: float) -> Fitted:
    return fit(i18n.day(day.language, day.date), theme.FONT_BOLD, width, 1.5 * t, 1.0 * t, max_lines=2,
               what=f"the heading of {day.label} on the poster")


def heading_height(head: Fitted, t: float) -> float:
    return head.height + LEADING * DETAIL * t + 0.9 * t


def draw_heading(c: Canvas, day: Day, head: Fitted, x: float, top: float, width: float, t: float,
                 s: float, rule: bool = True) -> float:
    """The day's date in the accent colour, its venue below, a rule; returns the y below the rule."""
    d = DETAIL * t
    y = draw_lines(c, head, theme.FONT_BOLD, x, top, color=theme.ACCENT)
    sub = printed(fit(day.venue.short_name, theme.FONT, width, d, min(d, 0.6 * t),
                      what=f"the venue's short name under {day.label} on the poster"))
    c.setFont(theme.FONT, sub.size)
    c.setFillColor(theme.MUTED)
    draw(c, sub.lines[0], x, y - 0.98 * sub.size)
    y -= LEADING * d + 0.35 * t
    if rule:
        c.setStrokeColor(theme.ACCENT)
        c.setLineWidth(2.5 * s)
        c.line(x, y, x + width, y)
    return y


def draw_panel(c: Canvas, p: Panel, x: float, top: float, s: float) -> None:
    t, d = p.t, DETAIL * p.t
    y = draw_heading(c, p.day, p.heading, x, top, p.width, t, s) - 0.55 * t
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
                size = t if i == 0 and text != i18n.tr(p.day.language, KEYNOTE_LABEL) else d
                c.setFont(font, size)
                c.setFillColor(colour)
                draw(c, text, x, base - i * p.lead)
            c.setFont(theme.FONT_BOLD, d)
            c.setFillColor(theme.ACCENT if it.is_talk else theme.MUTED)
            for i, line in enumerate(e.room_lines):
                draw(c, line, x + p.time_w, y - 0.98 * t - i * p.dlead)
            tx = x + p.time_w + p.room_w
            for i, line in enumerate(e.title_lines):
                draw_segments(c, line, tx, base - i * p.lead, t)
            dy = y - len(e.title_lines) * p.lead
            for i, line in enumerate(e.detail_lines):
                draw_segments(c, line, tx, dy - 0.98 * d - i * p.dlead, d)
            y -= eh + (0.35 * t if j < len(slot) - 1 else 0)
        y -= 0.7 * t
        del sh
