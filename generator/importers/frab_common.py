"""What frab's JSON and XML share: one event's fields → a DraftItem; the event's zone and days."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from .draft import Collector, DraftItem, split_names
from .kinds import kind_of, language_code
from .text import as_text, clean_line, to_plain
from .timeutil import clock, duration, iso, later, localize


def multilingual(v, prefer: str = "en") -> str:
    """pretalx writes {"en": ..., "de": ...} where frab writes a string."""
    if isinstance(v, dict) and isinstance(v.get(prefer), str) and v[prefer]:
        return v[prefer]
    return as_text(v)


def day_change(days: list) -> str | None:
    """When frab's days run past midnight (09:00 → 04:00 next day), the day changes somewhere
    between the latest day end and the earliest day start: 04:00 if it can, else the nearest."""
    ends, starts = [], []
    for d in days:
        if not isinstance(d, dict):
            continue
        s, e = iso(d.get("day_start")), iso(d.get("day_end"))
        if s and e and e.date() > s.date():
            ends.append(f"{e:%H:%M}")
            starts.append(f"{s:%H:%M}")
    if not ends:
        return None
    lo, hi = max(ends), min(starts)
    return min(max("04:00", lo), hi) if lo <= hi else hi


def venue(name, city, address="") -> dict:
    """The venue as pentabarf and some frab exports name it (``<venue>``, ``<city>``, ``<address>``):
    its name (else the city's), and the address and city as address lines."""
    name, city, address = clean_line(name), clean_line(city), clean_line(address)
    lines = tuple(x for x in (address, city) if x and x.casefold() not in (name or city).casefold())
    return {"venue_name": name or city or None, "venue_address": lines}


def source_id(ev: dict) -> str:
    """pretalx: the talk code in the url; frab: the numeric id; else slug, guid."""
    url = str(ev.get("url") or "")
    if "/talk/" in url:
        code = url.rstrip("/").rsplit("/", 1)[-1]
        if code:
            return code
    if ev.get("id") not in (None, ""):
        return str(ev["id"])
    slug = str(ev.get("slug") or "")
    if slug:
        return slug.rsplit("#", 1)[-1] if "#" in slug else slug
    return str(ev.get("guid") or clean_line(ev.get("title")) or "item")


def talk_page(ev: dict) -> str | None:
    """The talk's own page: ``url`` (frab, pretalx), else a ``slug`` that is a full web address
    (hand-made schedule.xml files put the page there). Cleaned in documents (pages.page_url)."""
    url = as_text(ev.get("url")).strip()
    if url:
        return url
    slug = as_text(ev.get("slug")).strip()
    return slug if slug.lower().startswith(("https://", "http://")) else None


def frab_item(c: Collector, ev: dict, day_date: str, tz, dc: str | None, persons: list[tuple],
              lang: str = "en") -> DraftItem | None:
    """ev: the event's fields as strings (JSON or XML); persons: (id, name, bio) or (id, name, bio, url) tuples."""
    where = f"event {ev.get('id') or ev.get('guid') or '?'}"
    title = clean_line(multilingual(ev.get("title"), lang))
    start_clock = clock(ev.get("start"))
    stamp = iso(ev.get("date"))
    day = iso(day_date) if day_date else None
    start = None
    if start_clock and day:
        local = datetime.combine(day.date(), start_clock)
        if dc and f"{start_clock:%H:%M}" < dc:
            local += timedelta(days=1)
        start = local.replace(tzinfo=tz)
    if stamp is not None:
        stamp_local = localize(stamp, tz)
        if start is not None and stamp_local.replace(tzinfo=None) != start.replace(tzinfo=None):
            c.warn_once("date-start", where, f"<date> {ev.get('date')} disagrees with <start> "
                        f"{ev.get('start')} in {tz.key} (and maybe in other events); the start time "
                        "is used as local time")
        elif start is None:
            start = stamp_local
    if start is None:
        c.warn(where, f"'{title}' has no usable date and start; skipped")
        return None
    dur = duration(ev.get("duration"))
    if dur is None or dur <= timedelta(0):
        c.warn(where, f"'{title}' has no duration ('{ev.get('duration') or ''}'); "
                      "it runs to the end of the day's last item — correct it in overrides.yaml")
        dur = None
    speakers = []
    for pid, name, bio, *page in persons:
        names = split_names(name) if pid in (None, "") and "," in (name or "") else [name]
        for n in names:
            key = c.person(pid if len(names) == 1 else None, n, bio=to_plain(bio),
                           url=page[0] if page and len(names) == 1 else None)
            if key and key not in speakers:
                speakers.append(key)
    subtitle = clean_line(multilingual(ev.get("subtitle"), lang))
    abstract = to_plain(multilingual(ev.get("abstract"), lang))
    description = to_plain(multilingual(ev.get("description"), lang))
    parts = [p for p in (subtitle, abstract, description if description != abstract else None) if p]
    text = "\n\n".join(parts) or None
    track = clean_line(multilingual(ev.get("track"), lang)) or None
    type_ = clean_line(multilingual(ev.get("type"), lang))
    # a pretalx submission (its url names the talk) is a talk even before its speakers are listed
    submission = "/talk/" in str(ev.get("url") or "")
    kind = kind_of(type_, track, title, bool(speakers) or submission)
    end = later(start, dur) if dur else start  # fixed up by the importer once all items are read
    return DraftItem(source_id=source_id(ev), start=start, end=end, title=title or "Untitled", kind=kind,
                     rooms=c.room(multilingual(ev.get("room"), lang)), speakers=tuple(speakers),
                     abstract=text, track=track, language=language_code(multilingual(ev.get("language"), lang)),
                     where=where, everyone=type_.casefold() in PLENARY_TYPES,
                     url=talk_page(ev))


# an event's own type saying it is for everyone (frab and pretalx types are free text): every door lists it
PLENARY_TYPES = ("plenary", "plenum", "plenary session", "plenum session", "plenarsitzung", "plenarvortrag")


def fill_open_ends(items: list[DraftItem]) -> list[DraftItem]:
    """An item without a duration runs to the latest end of its day (at least one hour)."""
    out = []
    for it in items:
        if it.end > it.start:
            out.append(it)
            continue
        same_day = [x.end for x in items if x.start.date() == it.start.date() and x.end > it.start]
        end = max(same_day, default=later(it.start, timedelta(hours=1)))
        out.append(replace(it, end=max(end, later(it.start, timedelta(hours=1)))))
    return out
