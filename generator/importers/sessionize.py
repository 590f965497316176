"""Sessionize's "All" API JSON (``/api/v2/<id>/view/All``), and the grouped
``Sessions`` view (a list of ``{groupName, sessions}``).

Times are usually naive local times (then --timezone is required); track,
format and language are all "categories", told apart by the category's title.
Question answers are never read.
"""
from __future__ import annotations

from .draft import Collector, DraftItem, ImportFailure, entries, mapping
from .kinds import kind_of, language_code
from .text import clean_line, to_plain
from .timeutil import iso, localize
from .zones import choose

_FORMAT = ("session format", "format", "session type", "type", "sessionformat")
_TRACK = ("track", "tracks", "topic", "thema")
_LANG = ("language", "languages", "sprache")


def read(data, file: str, timezone: str | None = None):
    c = Collector(file)
    if isinstance(data, list):  # the grouped Sessions view
        sessions = [s for g in data if isinstance(g, dict) for s in entries(g.get("sessions"), "sessions")]
        data = {"sessions": sessions, "speakers": [], "categories": [], "rooms": []}
    if not isinstance(data, dict) or not isinstance(data.get("sessions"), list):
        raise ImportFailure(f"{file}: no 'sessions' list — this is not Sessionize's All JSON")
    stamps = [iso(s.get("startsAt")) for s in _dicts(data["sessions"]) if s.get("startsAt")]
    naive = any(t is not None and t.tzinfo is None for t in stamps)
    tz = choose(c, timezone, None, naive=naive)
    room_list = _dicts(data.get("rooms"))
    rooms = {str(r.get("id")): clean_line(r.get("name")) for r in room_list}
    for r in sorted(room_list, key=lambda r: r.get("sort") if isinstance(r.get("sort"), int) else 0):
        c.room(r.get("name"))
    cats: dict = {}
    for cat in _dicts(data.get("categories")):
        title = clean_line(cat.get("title")).casefold()
        for it in _dicts(cat.get("items")):
            cats[str(it.get("id"))] = (title, clean_line(it.get("name")))
    speakers = {str(sp["id"]): sp for sp in _dicts(data.get("speakers")) if sp.get("id") is not None}
    for s in data["sessions"]:
        it = c.guarded(f"session {s.get('id') if isinstance(s, dict) else s}", _session, c, s, tz, rooms, cats,
                       speakers)
        if it:
            c.items.append(it)
    for t in stamps:
        if t is not None and t.tzinfo is not None and t.utcoffset() != t.astimezone(tz).utcoffset():
            c.warn_once("offset", "", f"the times carry the offset {t:%z} but the event's zone {tz.key} "
                        f"has {t.astimezone(tz):%z}; times are converted ({t:%H:%M} → "
                        f"{t.astimezone(tz):%H:%M}) — if the file's times were local already, "
                        "import again with --timezone UTC")
    name = clean_line(data.get("name") or data.get("eventName"))
    if not name:
        c.warn("", "Sessionize does not export the event's name — set it in overrides.yaml "
                   "under 'event: name:'")
    return c.draft(format="Sessionize", name=name or "Untitled event", timezone=tz.key, base_url=None, updated=None, day_change=None,
                   short_name=None)


def _dicts(v) -> list[dict]:
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def _session(c: Collector, s: dict, tz, rooms: dict, cats: dict, speakers: dict) -> DraftItem | None:
    s = mapping(s, "the session")
    sid = str(s.get("id") or "")
    where = f"session {sid}"
    title = clean_line(s.get("title")) or "Untitled"
    start, end = iso(s.get("startsAt")), iso(s.get("endsAt"))
    if start is None or end is None:
        c.warn(where, f"'{title}' has no start or end (not scheduled); skipped")
        return None
    keys = []
    for ref in entries(s.get("speakers"), "speakers"):
        sp = speakers.get(str(ref.get("id") if isinstance(ref, dict) else ref))
        if sp is None and isinstance(ref, dict):
            sp = {"id": ref.get("id"), "fullName": ref.get("name")}
        if sp is None:
            c.warn(where, f"speaker {ref} is not in the speakers list; left out")
            continue
        name = clean_line(sp.get("fullName")) or clean_line(f"{sp.get('firstName') or ''} {sp.get('lastName') or ''}")
        key = c.person(sp.get("id"), name, bio=to_plain(sp.get("bio")),
                       given=sp.get("firstName"), family=sp.get("lastName"),
                       position=clean_line(sp.get("tagLine")) or None)
        if key:
            keys.append(key)
    fmt = track = lang = None
    for cid in entries(s.get("categoryItems"), "categoryItems"):
        title_, name = cats.get(str(cid), ("", ""))
        if title_ in _FORMAT:
            fmt = name
        elif title_ in _TRACK:
            track = name
        elif title_ in _LANG:
            lang = language_code(name)
    if s.get("isServiceSession"):
        kind = kind_of(None, None, title, False)
        kind = "break" if kind in ("other", "talk") else kind
    else:
        kind = kind_of(fmt, track, title, bool(keys))
    room = rooms.get(str(s.get("roomId"))) or clean_line(s.get("room")) or None
    return DraftItem(source_id=sid or f"{start:%Y%m%d%H%M}", start=localize(start, tz), end=localize(end, tz),
                     title=title, kind=kind, rooms=c.room(room), speakers=tuple(keys),
                     abstract=to_plain(s.get("description")), track=track, language=lang, where=where,
                     everyone=s.get("isPlenumSession") is True)
