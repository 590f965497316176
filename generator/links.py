"""Where every printed link points: the pages an export names (source) or our own site (site).

A QR code and the address printed beside it must open a page that exists. Two targets, chosen
per event (``links:`` in event.yaml or overrides.yaml, else by default):

- **site**: the organiser uploads out/site/ to ``base_url``; codes open its pages (urls.py says
  where each page lives). The default for hand-written content and for an import whose export
  names no page for its talks.
- **source**: codes open the pages the content names: each talk's ``url`` (a frab, pretalx or
  Indico talk page), ``schedule_url`` for door signs, the poster and everything that opens the
  whole programme, a person's ``url``. The default for an import whose export names its talks'
  pages, until the organiser sets base_url in overrides.yaml. An item without a ``url`` gets no
  code: never an address made up for it.

A ``url`` the organiser writes (in hand-written content or overrides.yaml) replaces that one link
either way; one the import wrote counts only for the source target. Layouts ask only this module;
a function returns None where nothing may be printed.
"""
from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from . import urls
from .model import Event, Item, Person, Room, Where

SOURCE, SITE = "source", "site"
TARGETS = (SOURCE, SITE)


@dataclass(frozen=True)
class Printed:
    """One link a layout asked for, for ``check --links``."""

    url: str
    what: str  # "talk 'abc'", "the programme", "room 'hall-a' on 2025-03-17"
    ours: bool  # a page of out/site/ (else an address the content names)


_seen: ContextVar[list[Printed] | None] = ContextVar("links_seen", default=None)


@contextlib.contextmanager
def recording() -> Iterator[list[Printed]]:
    """Every link asked for inside the block, in order (``check --links`` renders each output in it)."""
    seen: list[Printed] = []
    token = _seen.set(seen)
    try:
        yield seen
    finally:
        _seen.reset(token)


def _note(url: str | None, what: str, ours: bool) -> str | None:
    seen = _seen.get()
    if seen is not None and url:
        seen.append(Printed(url, what, ours))
    return url


def talk_url(event: Event, item: Item) -> str | None:
    """What a talk's QR code and printed address open."""
    url, ours = _talk(event, item)
    return _note(url, f"talk '{item.id}'", ours)


def _talk(event: Event, item: Item) -> tuple[str | None, bool]:
    if item.url and (event.links == SOURCE or not item.url_imported):
        return item.url, False
    if event.links == SITE:
        return urls.talk_url(event, item), True
    return None, False


def person_url(event: Event, person: Person) -> str | None:
    if person.url and (event.links == SOURCE or not person.url_imported):
        return _note(person.url, f"person '{person.id}'", False)
    if event.links == SITE:
        return _note(urls.person_url(event, person), f"person '{person.id}'", True)
    return None


def programme_url(event: Event) -> str | None:
    """What opens the whole programme: the poster, the booklet's back, a badge without a talk."""
    if event.links == SITE:
        return _note(urls.programme_url(event), "the programme", True)
    return _note(event.schedule_url, "the schedule page", False)


def room_day_url(event: Event, room: Room, day: date) -> str | None:
    """What a door sign's code opens: the room's day on our site, or the export's schedule page."""
    if event.links == SITE:
        return _note(urls.room_day_url(event, room, day), f"room '{room.id}' on {day:%Y-%m-%d}", True)
    return programme_url(event)


def room_page(event: Event, room: Room, day: date) -> str | None:
    """A page of the room's day itself (the booklet prints it under the room's heading), or None."""
    return room_day_url(event, room, day) if event.links == SITE else None


def named(event: Event) -> Iterator[tuple[str, str]]:
    """Every address the content names that a printed code opens, with what names it (for drafts)."""
    for it in event.talks:
        url, ours = _talk(event, it)
        if url and not ours:
            yield url, f"the url of '{it.id}'"
    if event.links == SOURCE and event.schedule_url:
        yield event.schedule_url, "schedule_url"


def default(imported: bool, export_names_talk_pages: bool, has_base_url: bool) -> str:
    """The target when content does not choose: the pages an export names for its talks, until the
    organiser says where out/site/ goes (base_url in overrides.yaml); else our site."""
    return SOURCE if imported and export_names_talk_pages and not has_base_url else SITE


def host(url: str) -> str:
    return (urlsplit(url).hostname or "").rstrip(".").lower()


def talks_without_page(event: Event) -> tuple[Item, ...]:
    """Talks that print no QR code and no address (source target, no ``url``)."""
    return tuple(it for it in event.talks if _talk(event, it)[0] is None)


def origin(event: Event, url: str) -> Where:
    """Where the content writes ``url`` (or the base_url it is made from): for a code too dense to print."""
    for it in event.items:
        if it.url == url:
            return it.url_at
    for p in event.people:
        if p.url == url:
            return p.url_at
    if url == event.schedule_url:
        return event.schedule_url_at
    return event.base_url_at if event.base_url else ("", 0)


def summary(event: Event) -> str:
    """The one line ``check`` and every build print: where the codes lead."""
    if event.links == SITE:
        own = sum(1 for it in event.talks if not _talk(event, it)[1])
        extra = (f"; {own} talk{'s open their' if own != 1 else ' opens its'} own url (url: in the content)"
                 if own else "")
        if event.base_url:
            return f"QR codes open pages of out/site/ at {event.base_url}{extra}"
        return (f"QR codes open pages of out/site/, but no base_url says where it is uploaded: they print "
                f"{urls.site_base(event)} for now{extra}")
    hosts = Counter(host(u) for u in (_talk(event, it)[0] for it in event.talks) if u)
    named = "the export names them" if event.imported else "the content names them"
    if hosts:
        where = " and ".join(h for h, _ in hosts.most_common(3)) + (" and others" if len(hosts) > 3 else "")
        line = f"QR codes open the talk pages on {where}, as {named}"
    else:
        line = "QR codes of talks: none, no talk has a url"
    schedule = event.schedule_url
    line += (f"; door signs and the poster open {schedule}" if schedule
             else "; door signs and the poster have none (no schedule page)")
    missing = len(talks_without_page(event))
    if missing:
        line += f"; {missing} talk{'s' if missing != 1 else ''} without a page get{'s' if missing == 1 else ''} none"
    return line
