"""Indico's event export (``/export/event/N.json?detail=contributions``) and timetable
export (``/export/timetable/N.json``).

Times are ``{date, time, tz}`` in the server's zone (often UTC) although the
event has its own ``timezone``: we convert. Presenters are ``speakers`` when
Indico has them, else the ``primaryauthors``; people are deduplicated by
``person_id``. ``track`` often holds what is really a type ("Lightning Talk").
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .draft import Collector, DraftItem, ImportFailure, Malformed, entries, mapping
from .kinds import kind_of
from .text import clean_line, to_plain
from .timeutil import YEARS, duration, later, zone
from .zones import choose


def _stamp(v, fallback_tz) -> datetime | None:
    if not isinstance(v, dict) or not v.get("date"):
        return None
    t = str(v.get("time") or "00:00:00").split(".")[0]
    try:
        dt = datetime.fromisoformat(f"{v['date']}T{t}")
    except ValueError:
        return None
    if not YEARS[0] <= dt.year <= YEARS[1]:  # an error in the export, and no date content can hold
        return None
    return dt.replace(tzinfo=zone(v.get("tz")) or fallback_tz)


def _person(c: Collector, p: dict) -> str | None:
    first, last = clean_line(p.get("first_name") or p.get("firstName")), \
        clean_line(p.get("last_name") or p.get("familyName") or p.get("lastName"))
    full = clean_line(p.get("fullName") or p.get("name"))
    if first or last:
        name = f"{first} {last}".strip()
    elif "," in full:
        last, first = (x.strip() for x in full.split(",", 1))
        name = f"{first} {last}".strip()
    else:
        name = full
    pid = p.get("person_id") if p.get("person_id") not in (None, "") else None
    return c.person(pid, name, affiliation=clean_line(p.get("affiliation")) or None,
                    given=first or None, family=last or None)


def _item(c: Collector, e: dict, tz, event_room: str, kind_hint: str | None = None) -> DraftItem | None:
    e = mapping(e, "the contribution")
    ident = str(e.get("friendly_id") or e.get("id") or e.get("contributionId") or "")
    where = f"contribution {ident}"
    title = clean_line(e.get("title")) or "Untitled"
    start = _stamp(e.get("startDate"), tz)
    if start is None:
        c.warn(where, f"'{title}' is not scheduled (no start date); skipped")
        return None
    end = _stamp(e.get("endDate"), tz)
    if end is None and e.get("duration") not in (None, ""):
        span = duration(e["duration"])
        if span is None or span <= timedelta(0):
            c.warn(where, f"'{title}' has no end and its duration ('{str(e['duration'])[:40]}') is not a "
                          "number of minutes; given 30 minutes \u2014 correct it in overrides.yaml")
        end = later(start, span or timedelta(minutes=30))
    end = end or later(start, timedelta(minutes=30))
    presenters = entries(e.get("speakers") or e.get("presenters") or e.get("primaryauthors"), "speakers")
    speakers = tuple(k for k in (_person(c, p) for p in presenters if isinstance(p, dict)) if k)
    track, type_ = clean_line(e.get("track")) or None, e.get("type")
    if isinstance(type_, dict):
        type_ = type_.get("name")
    kind = kind_hint or kind_of(clean_line(type_) or None, track, title, bool(speakers))
    room = clean_line(e.get("roomFullname") or e.get("room") or e.get("location")) or event_room
    return DraftItem(source_id=ident or f"{start:%Y%m%d%H%M}", start=start, end=end, title=title, kind=kind,
                     rooms=c.room(room), speakers=speakers,
                     abstract=to_plain(e.get("description")), track=track, where=where,
                     url=clean_line(e.get("url")) or None)


def read(data: dict, file: str, timezone_name: str | None = None):
    c = Collector(file)
    res = data.get("results")
    if isinstance(res, dict):
        return _timetable(c, data, res, timezone_name)
    try:
        ev = mapping(res[0], "results[0]")
    except (TypeError, IndexError, KeyError, Malformed):
        raise ImportFailure(f"{file}: no 'results[0]' — this is not an Indico event export")
    tz = choose(c, timezone_name, clean_line(ev.get("timezone")) or None)
    event_room = clean_line(ev.get("roomFullname") or ev.get("room"))
    items = [it for it in (c.guarded(f"contribution {e.get('id') if isinstance(e, dict) else e}", _item, c, e,
                                     tz, event_room) for e in entries(ev.get("contributions"), "contributions")) if it]
    c.items = items
    updated = _stamp(ev.get("modificationDate"), tz)
    if updated is None and isinstance(data.get("ts"), (int, float)):
        try:
            updated = datetime.fromtimestamp(data["ts"], timezone.utc)
        except (OverflowError, OSError, ValueError):  # not a time: no "as of" stamp
            updated = None
    return c.draft(format="Indico", name=clean_line(ev.get("title")) or "Untitled event", timezone=tz.key,
                   base_url=ev.get("url") or None, updated=updated, day_change=None, short_name=None,
                   venue_name=clean_line(ev.get("location")) or None,
                   venue_address=tuple(x for x in (clean_line(ev.get("address")),) if x))


def _timetable(c: Collector, data: dict, res: dict, timezone_name: str | None):
    """{event id: {YYYYMMDD: {entry id: entry}}}; sessions hold their own 'entries'."""
    tz = choose(c, timezone_name, None if not res else _first_tz(res))
    items = []

    def walk(day: dict) -> None:
        for key in sorted(mapping(day, "the day's entries")):
            e = day[key]
            if not isinstance(e, dict):
                continue
            typ = e.get("entryType")
            if typ == "Session" and e.get("entries"):
                walk(e["entries"])
                continue
            e = dict(e, id=e.get("contributionId") or e.get("id") or key)
            hint = kind_of(None, None, clean_line(e.get("title")), False) if typ == "Break" else None
            if hint in (None, "other", "talk") and typ == "Break":
                hint = "break"
            it = c.guarded(f"entry {key}", _item, c, e, tz, "", hint)
            if it:
                items.append(it)

    for days in res.values():
        if isinstance(days, dict):
            for day in sorted(days):
                if isinstance(days[day], dict):
                    walk(days[day])
    c.items = items
    name = clean_line(data.get("title"))
    if not name:
        c.warn("", "Indico's timetable export does not hold the event's name — set it in overrides.yaml "
                   "under 'event: name:'")
    # the export's top-level 'url' is the address it was requested from (/export/timetable/N.json), not a page
    return c.draft(format="Indico timetable", name=name or "Untitled event", timezone=tz.key, base_url=None,
                   updated=None, day_change=None, short_name=None)


def _first_tz(res: dict) -> str | None:
    for days in res.values():
        for day in (days.values() if isinstance(days, dict) else ()):
            for e in (day.values() if isinstance(day, dict) else ()):
                if isinstance(e, dict) and isinstance(e.get("startDate"), dict):
                    return e["startDate"].get("tz")
    return None
