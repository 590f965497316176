"""A ``Draft`` → our four YAML documents (plain dicts and lists, in a stable order).

Here, and only here, the event's zone turns instants into local dates and clocks,
days are cut at ``day_change``, and ids are made: items from the source's own id,
people from their names, both disambiguated deterministically so that
re-importing the same or a changed export keeps every id that still exists.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from .draft import Draft, slugify, untitled
from .pages import page_url, shared_page
from .timeutil import localize, zone

DEFAULT_DAY_CHANGE = "04:00"


@dataclass(frozen=True)
class Documents:
    event: dict
    venues: dict
    people: dict
    programme: dict
    summary: dict  # days, rooms, items, talks, people
    warnings: tuple[str, ...]


def _unique(wanted: list[tuple[str, tuple]]) -> list[str]:
    """Ids from (wanted id, tie-break key): clashes get -2, -3... in tie-break order."""
    groups: dict[str, list[tuple[tuple, int]]] = {}
    for n, (want, key) in enumerate(wanted):
        groups.setdefault(want, []).append((key, n))
    out = [""] * len(wanted)
    taken = set(groups)
    for want, members in groups.items():
        for rank, (_, n) in enumerate(sorted(members)):
            if rank == 0:
                out[n] = want
                continue
            k = rank + 1
            while f"{want}-{k}" in taken:
                k += 1
            out[n] = f"{want}-{k}"
            taken.add(out[n])
    return out


def _hhmm(t: time) -> str:
    return f"{t:%H:%M}"


def build_documents(d: Draft, source_name: str) -> Documents:
    tz = zone(d.timezone)
    warnings = list(d.warnings)
    dc_text = d.day_change or DEFAULT_DAY_CHANGE
    dc = timedelta(hours=int(dc_text[:2]), minutes=int(dc_text[3:5]))

    # rooms
    room_ids = dict(zip(d.rooms, _unique([(slugify(r, "room"), (n,)) for n, r in enumerate(d.rooms)])))
    placeholder = None
    if not room_ids:
        placeholder = "main-room"
        warnings.append(f"{source_name}: the export names no rooms; every item is put in one room "
                        "'Main room' — rename it under 'rooms: main-room:' in overrides.yaml")

    # people: id from the name; clashes resolved by the source key
    def pslug(p) -> str:
        return slugify(untitled(p.name), "person")

    people = sorted(d.people, key=lambda p: (pslug(p), p.key))
    person_ids = dict(zip((p.key for p in people), _unique([(pslug(p), (p.key,)) for p in people])))

    # items: local times, day by day_change
    placed = []
    for it in d.items:
        s, e = localize(it.start, tz), localize(it.end, tz)
        day = (s.replace(tzinfo=None) - dc).date()
        placed.append((day, s, e, it))
    placed.sort(key=lambda x: (x[1].replace(tzinfo=None), x[3].room or "", x[3].title, x[3].source_id))
    item_ids = _unique([(slugify(it.source_id, "item"), (it.room or "", s.replace(tzinfo=None), it.title))
                        for _, s, _, it in placed])
    moved = any(s.date() > day for day, s, _, _ in placed)

    # the export's own pages (never our base_url: where out/site/ goes is the organiser's to say)
    schedule = page_url(d.base_url)
    pages = {}
    for it in d.items:
        pages[id(it)] = page_url(it.url, schedule)
        if it.url and pages[id(it)] is None:
            warnings.append(f"{source_name}:{it.where}: '{it.title}' names its page as '{it.url}', which is "
                            "not a web address; it gets no QR code — set 'url:' for it in overrides.yaml")
    schedule = schedule or shared_page([u for u in pages.values() if u])

    days: dict[date, list] = {}
    talks = 0
    used_people: set[str] = set()
    for (day, s, e, it), iid in zip(placed, item_ids):
        entry = {"id": iid, "start": _hhmm(s.timetz()), "end": _hhmm(e.timetz()), "kind": it.kind,
                 "title": it.title}
        if it.kind in ("keynote", "talk", "project_talk", "lightning_talk", "workshop"):
            entry["speakers"] = [person_ids[k] for k in it.speakers]
            talks += 1
        elif it.speakers:
            entry["speakers"] = [person_ids[k] for k in it.speakers]
        used_people.update(it.speakers)
        room = room_ids.get(it.room) if it.room else placeholder
        if room:
            entry["room"] = room
        if it.track:
            entry["track"] = it.track
        if it.language:
            entry["language"] = it.language
        if it.everyone:
            entry["everyone"] = True
        if pages[id(it)]:
            entry["url"] = pages[id(it)]
        if it.abstract:
            entry["abstract"] = it.abstract
        if e <= s:
            warnings.append(f"{source_name}:{it.where}: '{it.title}' ends when it starts; given 1 minute")
            entry["end"] = _hhmm((s + timedelta(minutes=1)).timetz())
        elif e - s >= timedelta(hours=24):
            warnings.append(f"{source_name}:{it.where}: '{it.title}' lasts {e - s}; "
                            "it is printed on its first day only")
        days.setdefault(day, []).append(entry)

    venue_id = slugify(d.short_name or d.name, "venue")
    venue = {"id": venue_id, "name": d.venue_name or d.short_name or d.name,
             "address": list(d.venue_address)}
    rooms_doc = [{"id": rid, "name": name} for name, rid in room_ids.items()]
    if placeholder:
        rooms_doc = [{"id": placeholder, "name": "Main room"}]
    event = {"name": d.name}
    if d.short_name and d.short_name != d.name:
        event["short_name"] = d.short_name
    event["timezone"] = d.timezone
    event["hosts"] = []
    if schedule:
        event["schedule_url"] = schedule
    if d.updated is not None:
        event["updated"] = f"{localize(d.updated, tz):%Y-%m-%d %H:%M}"
    if moved:
        event["day_change"] = dc_text
    people_doc = []
    for p in people:
        if p.key not in used_people:
            continue
        entry = {"id": person_ids[p.key], "name": p.name}
        words = p.name.split()
        if p.given and p.given != words[0]:
            entry["given_name"] = p.given
        if p.family and p.family != words[-1]:
            entry["family_name"] = p.family
        if p.position:
            entry["position"] = p.position
        if p.affiliation:
            entry["affiliation"] = p.affiliation
        if p.bio:
            entry["bio"] = p.bio
        if page_url(p.url, schedule):
            entry["url"] = page_url(p.url, schedule)
        people_doc.append(entry)
    programme = {"days": [{"date": day.isoformat(), "venue": venue_id, "items": items}
                          for day, items in sorted(days.items())]}
    summary = {"days": len(days), "rooms": len(room_ids), "items": len(placed), "talks": talks,
               "people": len(people_doc)}
    return Documents(event, {"venues": [dict(venue, rooms=rooms_doc)]}, {"people": people_doc},
                     programme, summary, tuple(warnings))
