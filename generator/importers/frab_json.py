"""frab / pretalx ``schedule.json`` (c3voc schedule JSON schema).

``schedule.conference.days[].rooms{name: [events]}``; pretalx adds person
``code``, ``biography``, a talk ``url`` with its code, and multilingual names.
"""
from __future__ import annotations

from .draft import Collector, ImportFailure, entries, mapping
from .frab_common import day_change, fill_open_ends, frab_item, multilingual, venue
from .text import clean_line
from .timeutil import version_stamp
from .zones import choose


def read(data: dict, file: str, timezone: str | None = None) -> "Draft":  # noqa: F821
    c = Collector(file)
    try:
        sched = data["schedule"]
        conf = sched["conference"]
        days = entries(conf.get("days"), "schedule.conference.days")
    except (KeyError, TypeError, AttributeError):
        raise ImportFailure(f"{file}: no 'schedule.conference' — this is not a frab/pretalx "
                            "schedule.json; pass --format to choose another format")
    lang = "en"
    tz = choose(c, timezone, conf.get("time_zone_name"))
    for room in entries(conf.get("rooms"), "schedule.conference.rooms"):
        c.room(multilingual(room.get("name") if isinstance(room, dict) else room, lang))
    dc = day_change(days)
    def one(ev: dict, room_name: str, day: dict):
        ev = dict(mapping(ev, "the event"))
        ev.setdefault("room", room_name)
        persons = [(p.get("code") or p.get("id") or p.get("guid"),
                    p.get("public_name") or p.get("name") or p.get("full_public_name") or "",
                    p.get("biography"), p.get("url"))
                   for p in entries(ev.get("persons"), "persons") if isinstance(p, dict)]
        return frab_item(c, ev, day.get("date"), tz, dc, persons, lang)

    items = []
    for day in days:
        if not isinstance(day, dict) or not isinstance(day.get("rooms") or {}, dict):
            c.warn("", f"a day of an unexpected shape ({str(day)[:40]}...); skipped")
            continue
        for room_name, events in (day.get("rooms") or {}).items():
            c.room(room_name)
            for ev in events if isinstance(events, list) else []:
                ident = ev.get("id") or ev.get("guid") if isinstance(ev, dict) else ev
                it = c.guarded(f"event {ident}", one, ev, room_name, day)
                if it:
                    items.append(it)
    c.items = fill_open_ends(items)
    version = str(sched.get("version") or "")
    return c.draft(format="frab JSON" if "pretalx" not in str(data.get("$schema", "")) else "pretalx JSON",
                   name=clean_line(multilingual(conf.get("title"), lang)) or "Untitled event",
                   timezone=tz.key, base_url=sched.get("base_url") or conf.get("url") or None,
                   updated=version_stamp(version), day_change=dc, short_name=_short(conf.get("acronym")),
                   acronym=acronym(conf.get("acronym")),
                   **venue(*(multilingual(conf.get(k), lang) for k in ("venue", "city", "address"))))


def acronym(text) -> str | None:
    a = clean_line(str(text or ""))
    return a if any(ch.isalpha() for ch in a) else None


def _short(acronym) -> str | None:
    """The acronym as the event's short name when it is written for people ("Camp2019"), not
    for addresses ("conf-2024", "tc24", "2025"): those print nowhere."""
    a = clean_line(str(acronym or ""))
    return a if any(ch.isupper() for ch in a) else None
