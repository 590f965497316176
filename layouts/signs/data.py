"""What each door sign shows, as plain strings: the one definition for the sign, the reprint
manifest and the room's web page.

``door_items(room, day)`` chooses the items a sign lists; ``sign_data`` turns
them into exactly the text the sign prints. The signs layout draws only this,
eventprint.reprint hashes only this (so "the sign changed" means "something
printed on it changed", never the "as of" stamp), and the room-day web page
that the sign's QR code opens lists exactly ``door_items``.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventprint import i18n, links
from eventprint.model import Day, Event, Item, Kind, Room
from eventprint.options import BuildOptions
from eventprint.output import Piece

from ..kit.programme import KEYNOTE_LABEL, where


@dataclass(frozen=True)
class SignRow:
    """One row of a door sign."""

    time: str  # "10:30–11:00"
    title: str  # Title.display
    confirmed: bool  # False: "Title to be confirmed", set in italics
    label: str  # "KEYNOTE" or ""
    speakers: tuple[str, ...]  # names, only for items in this room
    note: str  # only for items in this room
    where: str  # "" for items in this room, else where they happen ("Lobby")
    quiet: bool  # breaks, meals and things elsewhere: muted
    band: bool  # breaks and meals: a grey band


@dataclass(frozen=True)
class SignData:
    """Everything a door sign prints except the "as of" stamp."""

    room_id: str  # named in error messages
    room_name: str
    venue_name: str
    venue_short_name: str
    day_label: str
    event_name: str
    url: str | None  # what the QR code and the footer open (links.py); None: neither is printed
    rows: tuple[SignRow, ...]


def door_items(room: Room, day: Day) -> tuple[Item, ...]:
    """What the door of ``room`` lists on ``day``: every item in the room, and the day's items
    elsewhere that concern everyone (registration, coffee, lunch, a plenary: ``Day.concerns_everyone``).
    Another room's talks, posters, welcomes and own lunch belong on that room's sign only."""
    here = day.items_in(room)
    return tuple(it for it in day.items if it in here or day.concerns_everyone(it))


def _here(item: Item, room: Room) -> bool:
    return item.in_room(room)


def _row(item: Item, room: Room, day: Day) -> SignRow:
    times = i18n.time_range(day.language, item.start, item.end)
    if not _here(item, room):  # elsewhere: title and where, quiet
        return SignRow(times, item.title.display, item.title.confirmed, "", (), "",
                       where(item, day.venue.short_name, seen_from=room.venue), True, item.kind.is_pause)
    pause = item.kind.is_pause
    return SignRow(times, item.title.display, item.title.confirmed,
                   i18n.tr(day.language, KEYNOTE_LABEL) if item.kind is Kind.KEYNOTE and not pause else "",
                   tuple(p.name for p in item.speakers), item.note or "", "", pause, pause)


def sign_data(event: Event, room: Room, day: Day) -> SignData:
    return SignData(room.id, room.name, room.venue.name, room.venue.short_name, i18n.day(event, day.date), event.name,
                    links.room_day_url(event, room, day.date),
                    tuple(_row(it, room, day) for it in door_items(room, day)))


def sign_key(room_id: str, day: date) -> str:
    """The sign's id in the reprint manifest."""
    return f"{room_id}/{day.isoformat()}"


def sign_label(room: Room, day: Day) -> str:
    return f"door sign {room.name} {day.date:%A} {day.date.day} {day.date:%B}"


def pieces(event: Event, options: BuildOptions) -> dict[str, Piece]:
    """sign key -> the sign's Piece: exactly the SignData it draws."""
    return {sign_key(room.id, day.date): Piece(sign_label(room, day), _shown(sign_data(event, room, day)))
            for room, day in event.room_days()}


def _shown(d: SignData) -> dict:
    """``asdict(d)`` as JSON sees it (the manifest hashes it), without asdict's deep copies: a
    large event's 72 signs' 2,300 rows took a third of the reprint manifest's time."""
    return {**d.__dict__, "rows": [r.__dict__ for r in d.rows]}
