"""A ``Draft`` → our four YAML documents (plain dicts and lists, in a stable order).

Here, and only here, the event's zone turns instants into local dates and clocks,
days are cut at ``day_change``, and ids are made (see ``ids``): items from the source's
own id, people and rooms from their names or the export's id for them, so that
re-importing the same or a changed export keeps every id that still exists.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone

from .draft import Draft, DraftItem, core_name, slugify, untitled
from .ids import readable, short_hash, tag, unique
from .limits import within_limits
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
    stamped_by_export: bool = False  # ``updated`` is the export's own time, not the import's


def _hhmm(t: time) -> str:
    return f"{t:%H:%M}"


# An item may run past midnight for less than this (content/programme.py says the same)
PAST_MIDNIGHT = timedelta(hours=12)


def _wall(dt: datetime, tz) -> datetime:
    """The same instant as a real wall-clock time in ``tz`` (never one a clock change skips)."""
    return dt.astimezone(timezone.utc).astimezone(tz)


def _one_day(s: datetime, e: datetime) -> bool:
    """Whether content can say it: an end later the same day, or past midnight by less than 12 hours."""
    ws, we = s.replace(tzinfo=None), e.replace(tzinfo=None)
    return we > ws and (we.date() == ws.date() or (we.date() - ws.date() == timedelta(days=1)
                                                   and we - ws < PAST_MIDNIGHT))


def _day_end(s: datetime, ends: list[datetime], tz) -> datetime:
    """Where an item too long for one day is cut: the latest end of that day's other items, else an hour."""
    fits = [x for x in ends if x > s and _one_day(s, x)]
    return max(fits, default=_wall(s + timedelta(hours=1), tz))


def _span(td: timedelta) -> str:
    days, minutes = td.days, td.seconds // 60
    return (f"{days} day{'s' if days != 1 else ''} " if days else "") + f"{minutes // 60} h {minutes % 60:02d} min"


def _merged(items: tuple[DraftItem, ...]) -> list[DraftItem]:
    """One item for what an export lists once per room with the same id, time and title (a
    break in two rooms): an item in several rooms, on each room's door sign."""
    out: dict[tuple, DraftItem] = {}
    for it in items:
        key = (it.source_id, it.start, it.end, it.title)
        first = out.get(key)
        if first is None:
            out[key] = it
        else:
            out[key] = replace(first, rooms=first.rooms + tuple(r for r in it.rooms if r not in first.rooms),
                               speakers=first.speakers + tuple(p for p in it.speakers if p not in first.speakers))
    return list(out.values())


def build_documents(d: Draft, source_name: str, now: datetime | None = None) -> Documents:
    """``now``: when the import runs (aware), the "as of" stamp when the export has none."""
    tz = zone(d.timezone)
    warnings = list(d.warnings)
    dc_text = d.day_change or DEFAULT_DAY_CHANGE
    dc = timedelta(hours=int(dc_text[:2]), minutes=int(dc_text[3:5]))

    # rooms
    room_ids = dict(zip(d.rooms, unique([(readable(r) or f"room-{tag(r)}", r) for r in d.rooms])))
    placeholder = None
    if not room_ids:
        placeholder = "main-room"
        warnings.append(f"{source_name}: the export names no rooms; every item is put in one room "
                        "'Main room' — rename it under 'rooms: main-room:' in overrides.yaml")

    # people: id from the name when a slug spells it, else from the export's id for them
    def wanted(p) -> str:
        return readable(untitled(core_name(p.name))) or f"person-{tag(p.key)}"

    people = sorted(d.people, key=lambda p: (wanted(p), p.key))
    person_ids = dict(zip((p.key for p in people), unique([(wanted(p), p.key) for p in people])))

    # items: local times, day by day_change
    placed = []
    for it in _merged(d.items):
        s, e = _wall(it.start, tz), _wall(it.end, tz)
        day = (s.replace(tzinfo=None) - dc).date()
        placed.append((day, s, e, it))
    placed.sort(key=lambda x: (x[1].replace(tzinfo=None), x[3].rooms, x[3].title, x[3].source_id))
    item_ids = unique([(readable(it.source_id) or f"item-{short_hash(it.source_id)}",
                        f"{it.source_id}\n{s:%Y-%m-%dT%H:%M}\n{it.rooms}\n{it.title}")
                       for _, s, _, it in placed])
    moved = any(s.date() > day for day, s, _, _ in placed)

    # the export's own pages (never our base_url: where out/site/ goes is the organiser's to say)
    schedule = page_url(d.base_url)
    pages = {}
    for _, _, _, it in placed:
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
        rooms = [room_ids[r] for r in it.rooms] or ([placeholder] if placeholder else [])
        if rooms:
            entry["room"] = rooms[0] if len(rooms) == 1 else rooms
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
            entry["end"] = _hhmm(_wall(s + timedelta(minutes=1), tz).timetz())
        elif not _one_day(s, e):
            end = _day_end(s, [x for _, x_s, x, _ in placed if x_s.date() == s.date()], tz)
            warnings.append(f"{source_name}:{it.where}: '{it.title}' lasts {_span(e - s)}, longer than a "
                            f"programme day holds; it is printed on {s:%Y-%m-%d} only, until {end:%H:%M} "
                            "\u2014 give it another end under 'items:' in overrides.yaml if that is wrong")
            entry["end"] = _hhmm(end.timetz())
        days.setdefault(day, []).append(entry)

    venue_id = slugify(d.acronym or d.short_name or d.name, "venue")  # as it always was: overrides name it
    venue = {"id": venue_id, "name": d.venue_name or "", "address": list(d.venue_address)}  # "": not named
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
    stamp = d.updated if d.updated is not None else now
    if stamp is not None:
        event["updated"] = f"{localize(stamp, tz):%Y-%m-%d %H:%M}"
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
    return within_limits(Documents(event, {"venues": [dict(venue, rooms=rooms_doc)]}, {"people": people_doc},
                                   programme, summary, tuple(warnings), d.updated is not None), source_name)
