"""pretalx beyond its frab-compatible exports: the schedule widget JSON
(``/schedule/widgets/schedule.json``: ``talks``, ``rooms``, ``speakers``,
``tracks``) and the REST API's talk list (``/api/events/<e>/talks/``:
``results`` with ``slot``).

Names may be multilingual (``{"en": ..., "de": ...}``); abstracts are Markdown;
speakers have a stable ``code`` and a ``biography``. Answers, e-mail and
internal notes are never read.
"""
from __future__ import annotations

from .draft import Collector, DraftItem, ImportFailure, entries, mapping
from .frab_common import multilingual
from .kinds import kind_of, language_code
from .text import clean_line, to_plain
from .timeutil import iso, localize
from .zones import choose


def read(data: dict, file: str, timezone: str | None = None):
    c = Collector(file)
    if isinstance(data.get("results"), list):
        return _api(c, data, file, timezone)
    if not isinstance(data.get("talks"), list):
        raise ImportFailure(f"{file}: no 'talks' list — this is not pretalx's schedule widget JSON")
    lang = "en"
    tz = choose(c, timezone, data.get("timezone"))
    rooms = {str(r.get("id")): c.room(multilingual(r.get("name"), lang))
             for r in _dicts(data.get("rooms"))}
    tracks = {str(t.get("id")): clean_line(multilingual(t.get("name"), lang)) for t in _dicts(data.get("tracks"))}
    speakers = {str(s.get("code")): s for s in _dicts(data.get("speakers"))}

    def one(t: dict):
        keys = []
        t = mapping(t, "the talk")
        for code in entries(t.get("speakers"), "speakers"):
            s = speakers.get(str(code.get("code") if isinstance(code, dict) else code)) or \
                (code if isinstance(code, dict) else {"code": code, "name": str(code)})
            key = c.person(s.get("code"), clean_line(s.get("name")), bio=to_plain(s.get("biography")),
                           url=s.get("url"))
            if key:
                keys.append(key)
        track = tracks.get(str(t.get("track"))) if not isinstance(t.get("track"), (dict, str)) \
            else clean_line(multilingual(t.get("track"), lang))
        room = (rooms.get(str(t.get("room"))) or ()) if not isinstance(t.get("room"), (dict, str)) \
            else c.room(multilingual(t.get("room"), lang))
        return _item(c, t, tz, room, keys, track, lang)

    for t in data["talks"]:
        it = c.guarded(f"talk {t.get('code') if isinstance(t, dict) else t}", one, t)
        if it:
            c.items.append(it)
    return c.draft(format="pretalx widget", name=clean_line(multilingual(data.get("name") or data.get("event"), lang))
                   or _untitled(c), timezone=tz.key, base_url=data.get("url") or None, updated=None,
                   day_change=None, short_name=None)


def _dicts(v) -> list[dict]:
    return [x for x in v if isinstance(x, dict)] if isinstance(v, list) else []


def _untitled(c: Collector) -> str:
    c.warn("", "the export has no event name — set it in overrides.yaml under 'event: name:'")
    return "Untitled event"


def _item(c: Collector, t: dict, tz, room: tuple[str, ...], keys: list[str], track: str | None,
          lang: str, type_: str | None = None) -> DraftItem | None:
    code = str(t.get("code") or "")
    title = clean_line(multilingual(t.get("title"), lang)) or "Untitled"
    where = f"talk {code}" if code else f"slot {t.get('id') or title}"
    start, end = iso(t.get("start")), iso(t.get("end"))
    if start is None or end is None:
        c.warn(where, f"'{title}' is not scheduled; skipped")
        return None
    if code:
        kind = kind_of(type_, track, title, True)
    else:  # a break: pretalx writes them as slots without a code
        kind = kind_of(None, None, title, False)
        kind = "break" if kind in ("other", "talk") else kind
    abstract = to_plain(multilingual(t.get("abstract"), lang))
    description = to_plain(multilingual(t.get("description"), lang))
    parts = [p for p in (abstract, description if description != abstract else None) if p]
    return DraftItem(source_id=code or f"{start:%Y%m%d-%H%M}-{''.join(room)}-{title}", start=localize(start, tz),
                     end=localize(end, tz), title=title, kind=kind, rooms=room, speakers=tuple(keys),
                     abstract="\n\n".join(parts) or None, track=track or None,
                     language=language_code(t.get("content_locale") or t.get("language")), where=where,
                     url=clean_line(t.get("url")) or None)


def _api(c: Collector, data: dict, file: str, timezone: str | None):
    """The REST API's talk list: before pretalx 2025.1 each talk has a ``slot`` and named rooms;
    since then a submission has ``slots`` (expanded with ``?expand=slots.room``) and expanded
    speakers, tracks and types are objects with a ``name``. ``eventprint import`` from an API
    address adds the ``event`` (name, zone) and its ``rooms`` (their order)."""
    lang = "en"
    event = data.get("event") if isinstance(data.get("event"), dict) else {}
    tz = choose(c, timezone, event.get("timezone") or data.get("timezone"))
    for r in sorted(_dicts(data.get("rooms")), key=lambda r: _position(r.get("position"))):
        c.room(multilingual(_named(r), lang))

    def one(t: dict) -> list:
        keys = []
        for s in entries(t.get("speakers"), "speakers"):
            if isinstance(s, dict):
                key = c.person(s.get("code"), clean_line(s.get("name")), bio=to_plain(s.get("biography")),
                               url=s.get("url"))
                if key:
                    keys.append(key)
        slots = [mapping(t.get("slot") or {}, "slot")] if "slots" not in t else _dicts(t.get("slots")) or [{}]
        if isinstance(t.get("slots"), list) and any(not isinstance(x, dict) for x in t["slots"]):
            c.warn_once("slot-ids", "", "the talk list gives slot ids, not times — fetch it with "
                                        "?expand=slots,slots.room (eventprint import does)")
        found = []
        for slot in slots:
            t2 = dict(t, start=slot.get("start"), end=slot.get("end"))
            room = c.room(multilingual(_named(slot.get("room")), lang)) if slot.get("room") else ()
            it = _item(c, t2, tz, room, keys, clean_line(multilingual(_named(t.get("track")), lang)) or None,
                       lang, clean_line(multilingual(_named(t.get("submission_type")), lang)) or None)
            if it:
                found.append(it)
        return found

    for t in data["results"]:
        if not isinstance(t, dict) or t.get("state") not in (None, "confirmed", "accepted"):
            continue  # submitted, rejected, withdrawn, cancelled: not on the programme
        c.items.extend(c.guarded(f"talk {t.get('code')}", one, t) or ())
    name = clean_line(multilingual(event.get("name"), lang))
    return c.draft(format="pretalx API", name=name or _untitled(c), timezone=tz.key, base_url=None, updated=None,
                   day_change=None, short_name=None)


def _named(v):
    """An expanded object's ``name`` (API v1), or the value itself (a name, as before 2025.1)."""
    return v.get("name") if isinstance(v, dict) and "name" in v else v


def _position(v) -> float:
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else float("inf")
