"""programme.yaml: days and their items, with times placed on the real calendar.

An item's clock times are read against the event's ``day_change``: in a day, a start earlier
than it is after midnight (the next calendar date), and an end not after the start runs past
midnight — if that makes the item shorter than 12 hours; longer, it is a typo.
"""
from __future__ import annotations

import difflib
from datetime import date, time

from ..model import Kind, Title
from ..yamlsource import LMap, Located
from .drafts import DayDraft, ItemDraft, Places
from . import weburl
from .fields import Reader
from .schema import language

KINDS = [k.value for k in Kind]
TBC_WORDS = {"tbc", "tba", "title tbc"}


def read_programme(r: Reader, prog: LMap, places: Places | None, day_change: time,
                   imported: bool) -> list[DayDraft]:
    """Every day with its items; ``places`` None when venues.yaml could not be read."""
    days: list[DayDraft] = []
    r.keys(prog, "programme.yaml", ("days",), ())
    seen_dates: dict[date, Located] = {}
    for dloc in r.listing(prog.get("days"), "days"):
        m = r.mapping(dloc, "a day")
        if m is None:
            continue
        r.keys(m, "a day", ("date", "venue", "items"), ())
        d = r.day(m.get("date"), "date")
        vid = r.ident(m.get("venue"), "venue")
        if vid and places is not None and vid not in places.venues:
            r.unknown(m.get("venue"), "venue", vid, places.venues)
        if d and d in seen_dates:
            first = seen_dates[d]
            r.bad(m.get("date"), f"the day {d} is listed twice (first on line {first.line})",
                  "put all items of one day under one date")
            continue
        if d:
            seen_dates[d] = m.get("date")
        items: list[ItemDraft] = []
        for iloc in r.listing(m.get("items"), "items"):
            it = _read_item(r, iloc, d, day_change, imported)
            if it:
                items.append(it)
        if d and vid:
            days.append(DayDraft(d, vid, m.get("date"), items))
    return days


# An item whose end is not after its start runs past midnight, if that makes it shorter than this;
# longer, it is a typo (13:00-12:45), reported as such.
MAX_PAST_MIDNIGHT_MINUTES = 12 * 60


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _read_item(r: Reader, iloc: Located, d: date | None, day_change: time,
               imported: bool) -> ItemDraft | None:
    m = r.mapping(iloc, "a programme item")
    if m is None:
        return None
    r.keys(m, "a programme item", ("start", "end", "kind"),
           ("id", "title", "speakers", "chair", "room", "note", "abstract", "track", "language", "everyone", "url"))
    start = r.clock(m.get("start"), "start")
    end = r.clock(m.get("end"), "end")
    kind_loc = m.get("kind")
    kind = None
    if kind_loc is not None and kind_loc.value is not None:
        if str(kind_loc.value) in KINDS:
            kind = Kind(str(kind_loc.value))
        else:
            guess = difflib.get_close_matches(str(kind_loc.value), KINDS, n=1, cutoff=0.6)
            r.bad(kind_loc, f"'{kind_loc.value}' is not a kind of item",
                  (f"did you mean '{guess[0]}'? " if guess else "") + "use one of: " + ", ".join(KINDS))
    start_days = end_days = 0
    if start and end:
        if end == start:
            r.bad(m.get("end"), f"this item starts and ends at {start:%H:%M}",
                  "give it an end after its start (an item lasts at least a minute)")
            return None
        past_midnight = end < start
        if past_midnight and _minutes(end) + 24 * 60 - _minutes(start) >= MAX_PAST_MIDNIGHT_MINUTES:
            r.bad(m.get("end"), f"this item ends ({end:%H:%M}) before it starts ({start:%H:%M})",
                  "correct the start or end time (an item may run past midnight for less than 12 hours)")
            return None
        start_days = 1 if start < day_change else 0
        end_days = start_days + (1 if past_midnight else 0)
    item_id = r.ident(m.get("id"), "item id")
    if imported and m.get("id") is None:
        r.bad(m, "this imported item has no 'id'", "import the event again; every imported item has one")
    raw_title = r.text(m.get("title"), "title")
    if kind and kind.is_talk:
        if m.get("id") is None and not imported:
            r.bad(m, f"this {kind.label.lower()} has no 'id'",
                  "add 'id: short-name' (it becomes the web address its QR code opens)")
        if raw_title is None:
            r.bad(m, f"this {kind.label.lower()} has no 'title'", "add 'title: ...', or 'title: tbc' if not known yet")
        if m.get("speakers") is None:
            r.bad(m, f"this {kind.label.lower()} has no 'speakers'", "add 'speakers: [person-id]'")
    if raw_title is not None and raw_title.casefold() in TBC_WORDS:
        title = Title(None)
    else:
        title = Title(raw_title or (kind.label if kind else ""))
    if not (start and end and kind and d):
        return None
    return ItemDraft(
        item_id, d, start, end, start_days, end_days, kind, title,
        _rooms(r, m.get("room")),
        r.idents(m.get("speakers"), "speaker"),
        r.idents(m.get("chair"), "chair"),
        r.text(m.get("abstract"), "abstract", paragraphs=True),
        r.text(m.get("note"), "note"),
        r.text(m.get("track"), "track"),
        language(r, m.get("language")),
        _where(m, iloc),
        m.get("id"),
        r.flag(m.get("everyone"), "everyone"),
        weburl.page_url(r, m.get("url"), "url"),
        m.get("url"),
    )


def _rooms(r: Reader, loc: Located | None) -> list[tuple[str, Located]]:
    """One room id, or a list of them for an item held in several rooms at once (a plenary
    shown in two halls): the item is on each room's door sign."""
    rooms = r.idents(loc, "room")
    seen: dict[str, Located] = {}
    for rid, rloc in rooms:
        if rid in seen:
            r.bad(rloc, f"the room '{rid}' is listed twice for this item", "list each room once")
        seen.setdefault(rid, rloc)
    return list(seen.items())


def _where(m: LMap, iloc: Located) -> Located:
    """Where an item is: its start line in its own file (an override's line would mislead)."""
    start = m.get("start")
    return start if start is not None and start.file == m.file else iloc
