"""Where every page of the site lives, and the public URLs QR codes encode.

One module decides paths so that a QR code on a badge and the file the site
writes can never disagree. Paths are relative to the site root (out/site/);
URLs are the event's base_url plus the path. A URL ending in "/" means the
folder's index.html.
"""
from __future__ import annotations

from datetime import date

from .model import Event, Item, Person, Room

INDEX = "index.html"
STYLESHEET = "style.css"
CALENDAR = "programme.ics"


def talk_path(item: Item) -> str:
    return f"talks/{item.id}.html"


def talk_ics_path(item: Item) -> str:
    return f"talks/{item.id}.ics"


def person_path(person: Person) -> str:
    return f"people/{person.id}.html"


def room_day_path(room: Room, day: date) -> str:
    return f"rooms/{room.id}-{day:%Y-%m-%d}.html"


def day_anchor(day: date) -> str:
    return f"day-{day:%Y-%m-%d}"


def url(event: Event, path: str) -> str:
    """Public URL of a site path; the index is the bare base URL (shorter QR codes)."""
    return event.base_url if path == INDEX else event.base_url + path


def talk_url(event: Event, item: Item) -> str:
    return url(event, talk_path(item))


def person_url(event: Event, person: Person) -> str:
    return url(event, person_path(person))


def room_day_url(event: Event, room: Room, day: date) -> str:
    return url(event, room_day_path(room, day))


def programme_url(event: Event) -> str:
    return url(event, INDEX)


def site_path_of(event: Event, public_url: str) -> str | None:
    """The file below out/site/ that a public URL opens, or None if it is not ours."""
    if not public_url.startswith(event.base_url):
        return None
    rest = public_url[len(event.base_url):].split("#", 1)[0].split("?", 1)[0]
    if rest == "" or rest.endswith("/"):
        rest += INDEX
    return rest
