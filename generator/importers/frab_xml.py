"""frab / pentabarf / pretalx ``schedule.xml`` — and the hand-made files that break the XSD.

Tolerated: ``<person>`` straight inside ``<event>`` holding comma-joined names,
a URL in ``<slug>``, no guid/type/abstract/language, empty ``<duration>``,
``<date>`` in UTC when the times are local, the same event id in two rooms.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .draft import Collector, ImportFailure
from .frab_common import day_change, fill_open_ends, frab_item, venue
from .frab_json import _short, acronym
from .text import clean_line
from .timeutil import version_stamp
from .zones import choose

_FIELDS = ("date", "start", "duration", "room", "slug", "url", "title", "subtitle", "track", "type",
           "language", "abstract", "description")


def _t(el, path: str) -> str:
    x = el.find(path) if el is not None else None
    return (x.text or "") if x is not None else ""


def read(text: str, file: str, timezone: str | None = None):
    c = Collector(file)
    try:
        # the text is already decoded (by its declaration, if it has one): the parser must not decode again
        parser = ET.XMLParser(encoding="utf-8")
        parser.feed(text.lstrip("\ufeff").encode("utf-8"))
        root = parser.close()
    except ET.ParseError as e:
        line = e.position[0] if hasattr(e, "position") else 0
        raise ImportFailure(f"{file}:{line}: this is not well-formed XML ({e}) — export it again")
    if root.tag != "schedule":
        raise ImportFailure(f"{file}: the root element is <{root.tag}>, not <schedule> — "
                            "this is not a frab schedule.xml")
    conf = root.find("conference")
    tz = choose(c, timezone, clean_line(_t(conf, "time_zone_name")) or None)
    if conf is not None and conf.find("rooms") is not None:
        for r in conf.find("rooms"):
            c.room(r.get("name") or r.text)
    days = root.findall("day")
    dc = day_change([{"day_start": d.get("start"), "day_end": d.get("end")} for d in days])
    items = []
    for d in days:
        for room in d.findall("room"):
            room_name = room.get("name")
            c.room(room_name)
            for ev in room.findall("event"):
                fields = {f: _t(ev, f) for f in _FIELDS}
                fields["id"] = ev.get("id") or ""
                fields["guid"] = ev.get("guid") or ""
                fields["room"] = fields["room"] or room_name or ""
                persons = []
                holder = ev.find("persons")
                for p in (holder.findall("person") if holder is not None else ev.findall("person")):
                    persons.append((p.get("code") or p.get("id") or p.get("guid"), p.text or "",
                                    _t(p, "biography")))
                it = c.guarded(f"event {fields['id']}", frab_item, c, fields, d.get("date"), tz, dc, persons)
                if it:
                    items.append(it)
    c.items = fill_open_ends(items)
    version = clean_line(_t(root, "version"))
    updated = version_stamp(version)
    base_url = clean_line(_t(conf, "base_url")) or None
    return c.draft(format="frab XML", name=clean_line(_t(conf, "title")) or "Untitled event",
                   timezone=tz.key, base_url=base_url, updated=updated, day_change=dc,
                   short_name=_short(_t(conf, "acronym")),
                   acronym=acronym(_t(conf, "acronym")), **venue(*(_t(conf, k) for k in ("venue", "city", "address"))))
