"""What every layout says about the programme in the same words: where an item is, the
KEYNOTE label, a URL as printed, the "as of" stamp, items grouped by start time, venues
with their days, speakers and note as wrap units.

One definition each, so that a sign, a badge, the booklet and the poster never
describe the same thing differently.
"""
from __future__ import annotations

from datetime import datetime

from eventprint import i18n
from eventprint.model import Day, Event, Item, Venue

from . import theme
from .text import Unit, words

KEYNOTE_LABEL = "KEYNOTE"


def where(item: Item, no_room: str, seen_from: Venue | None = None) -> str:
    """Where ``item`` happens: ``no_room`` when content names no room; the room's name alone
    when seen from its own venue; else the room with its venue ('N0.002, MPI-IS'). An item in
    several rooms names them all ('Hall A, Hall B')."""
    if item.room is None:
        return no_room
    names = ", ".join(r.name for r in item.rooms)
    if seen_from is not None and all(r.venue is seen_from for r in item.rooms):
        return names
    venue = item.room.venue.short_name
    return f"{names}, {venue}" if venue else names


def short_url(url: str) -> str:
    """The URL as printed: without the scheme (phones add it back)."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return url[len(scheme):]
    return url


def as_of(event: Event) -> str:
    """'As of 10 Sep 2024, 18:00': which version of the programme a print shows."""
    return i18n.tr(event, "As of {stamp}", stamp=stamp(event.updated, event.language))


def stamp(dt: datetime, lang: object = "en") -> str:
    return i18n.stamp(lang, dt)


def by_start(items: tuple[Item, ...] | list[Item]) -> list[list[Item]]:
    """Consecutive items with the same start time, grouped: parallel rooms read as one slot."""
    slots: list[list[Item]] = []
    for it in items:
        if slots and slots[-1][0].start == it.start:
            slots[-1].append(it)
        else:
            slots.append([it])
    return slots


def venue_days(event: Event) -> list[tuple[Venue, list[Day]]]:
    """(venue, [days mainly there]) for every venue, in content order."""
    return [(v, [d for d in event.days if d.venue is v]) for v in event.venues]


def names_and_note(names: tuple[str, ...], note: str, font: str = theme.FONT, colour=theme.MUTED) -> list[Unit]:
    """Names, then a note, as wrap units: a line never breaks inside a name."""
    units: list[Unit] = [((n + ",", font, colour),) for n in names[:-1]]
    units += [((n, font, colour),) for n in names[-1:]]
    if note:
        if units:
            units.append(((theme.MIDDOT, font, colour),))
        units += words(note, font, colour)
    return units


def secondary(item: Item, font: str = theme.FONT, colour=theme.MUTED) -> list[Unit]:
    """An item's speakers, then its note, as wrap units."""
    return names_and_note(tuple(p.name for p in item.speakers), item.note or "", font, colour)


def language_tag(event: Event, item: Item) -> str:
    """'EN', 'DE': a talk's language, shown where the event's talks are not all in one language; else ''."""
    if not item.is_talk or not _mixed(event):
        return ""
    return _base(item.language or event.language).upper()


_MIXED: dict[int, tuple[Event, bool]] = {}  # the last event asked about: layouts ask once per item


def _mixed(event: Event) -> bool:
    hit = _MIXED.get(id(event))
    if hit is None or hit[0] is not event:
        hit = (event, len({_base(it.language or event.language) for it in event.talks}) > 1)
        _MIXED.clear()
        _MIXED[id(event)] = hit
    return hit[1]


def _base(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()
