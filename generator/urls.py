"""Where every page of the site lives, and the public URLs QR codes encode.

One module decides paths so that a QR code on a badge and the file the site
writes can never disagree. Paths are relative to the site root (out/site/);
URLs are the event's base_url plus the path. A URL ending in "/" means the
folder's index.html. Whether a printed link opens our site at all is links.py's
decision; this module only says where our pages are.
"""
from __future__ import annotations

from datetime import date

from .model import Event, Item, Person, Room

INDEX = "index.html"
STYLESHEET = "style.css"
CALENDAR = "programme.ics"
LOGO = "logo"  # the event's logo in the site's bar (brand:), with its file's suffix: logo.svg
# Our site's address while the organiser has not said where out/site/ goes: a reserved example
# domain, so such a build is a draft (eventprint.draft) and its codes visibly open nothing.
PLACEHOLDER = "https://example.org/"


def site_base(event: Event) -> str:
    """Where out/site/ is uploaded: base_url, or the placeholder while it is not set."""
    return event.base_url or PLACEHOLDER


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
    base = site_base(event)
    return base if path == INDEX else base + path


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
    base = site_base(event)
    if not public_url.startswith(base):
        return None
    rest = public_url[len(base):].split("#", 1)[0].split("?", 1)[0]
    if rest == "" or rest.endswith("/"):
        rest += INDEX
    return rest
