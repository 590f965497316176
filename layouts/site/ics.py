"""iCalendar (RFC 5545) files for the site: the whole programme and one per talk.

Written by hand rather than with a library so the runtime needs nothing more:
CRLF line ends, lines folded at 75 octets without splitting a UTF-8 character,
TEXT values escaped (backslash, comma, semicolon, newline). Times are local
times with ``TZID=<event.timezone>`` and a VTIMEZONE built from the system's
zone data for the years the event spans, so calendar apps place them right.
UIDs come from the item id and the site's base URL, so a changed file updates
the calendar entries instead of duplicating them; DTSTAMP is the event's
``updated`` stamp, never "now", so the output is deterministic.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from eventprint import i18n, links, urls
from eventprint.model import Event, Item

PRODID = "-//eventprint//site//EN"


# -- low-level writing ---------------------------------------------------------
def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma, newlines."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (continuations start with a space)."""
    if line.isascii():  # an octet a character: the common case, cut without encoding
        if len(line) <= 75:
            return line
        return "\r\n ".join([line[:75]] + [line[i:i + 74] for i in range(75, len(line), 74)])
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    limit = 75
    while data:
        cut = min(limit, len(data))
        # never split inside a UTF-8 sequence: back up over continuation bytes
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
        limit = 74  # the leading space of a continuation line counts
    return "\r\n ".join(parts)


def _folded(lines) -> str:
    """Content lines folded, each ended by CRLF."""
    return "".join([fold(x) + "\r\n" for x in lines])


def _calendar(event: Event, name: str, body: str) -> bytes:
    """A VCALENDAR around ``body``: its events' lines, already folded (``_folded``)."""
    head = _folded([
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{event.timezone}",
    ])
    zone = _folded_zone(event.timezone, event.first_date.year, event.last_date.year)
    return (head + zone + body + "END:VCALENDAR\r\n").encode("utf-8")


def _local(dt: datetime) -> str:
    return f"{dt:%Y%m%dT%H%M%S}"


def _utc(dt: datetime) -> str:
    return f"{dt.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"


def _offset(td: timedelta) -> str:
    total = int(td.total_seconds())
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    h, rem = divmod(total, 3600)
    m, s = divmod(rem, 60)
    return f"{sign}{h:02d}{m:02d}" + (f"{s:02d}" if s else "")


# -- time zone -------------------------------------------------------------------
def _transitions(tz: ZoneInfo, year: int) -> list[tuple[datetime, timedelta, timedelta, str, bool]]:
    """UTC-offset changes during ``year``: (local onset in the old offset, from, to, name, is_dst)."""
    found = []
    start = datetime(year, 1, 1, tzinfo=timezone.utc)
    end = datetime(year + 1, 1, 1, tzinfo=timezone.utc)
    step = timedelta(hours=6)
    t = start
    prev = t.astimezone(tz).utcoffset()
    while t < end:
        nxt = t + step
        off = nxt.astimezone(tz).utcoffset()
        if off != prev:
            lo, hi = t, nxt  # the change happens in (lo, hi]
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if mid.astimezone(tz).utcoffset() == prev:
                    lo = mid
                else:
                    hi = mid
            hi = hi.replace(second=0, microsecond=0)
            after = hi.astimezone(tz)
            onset = (hi + prev).replace(tzinfo=None)  # wall clock just before the change
            found.append((onset, prev, off, after.tzname() or "", bool(after.dst())))
            prev = off
        t = nxt
    return found


def _byday(dt: datetime) -> str:
    """RRULE BYDAY for the weekday of ``dt`` in its month: '-1SU' (last) or '2SU' (second)."""
    day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[dt.weekday()]
    if (dt + timedelta(days=7)).month != dt.month:
        return f"-1{day}"
    return f"{(dt.day - 1) // 7 + 1}{day}"


def vtimezone(event: Event) -> list[str]:
    """A VTIMEZONE for event.timezone covering the years of the event (and the one before)."""
    return list(_vtimezone(event.timezone, event.first_date.year, event.last_date.year))


@lru_cache(maxsize=16)
def _folded_zone(tzid: str, first: int, last: int) -> str:
    return _folded(_vtimezone(tzid, first, last))


@lru_cache(maxsize=16)
def _vtimezone(tzid: str, first: int, last: int) -> tuple[str, ...]:
    tz = ZoneInfo(tzid)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    years = range(first - 1, last + 1)
    per_year = [_transitions(tz, y) for y in years]
    if not any(per_year):
        ref = datetime(first, 1, 1, tzinfo=tz)
        off = _offset(ref.utcoffset())
        lines += ["BEGIN:STANDARD", "DTSTART:19700101T000000", f"TZOFFSETFROM:{off}",
                  f"TZOFFSETTO:{off}", f"TZNAME:{ref.tzname()}", "END:STANDARD"]
        return tuple(lines + ["END:VTIMEZONE"])
    # A yearly rule (month + n-th weekday + time) when every year follows it, else each change.
    shape = [[(o.month, _byday(o), o.time(), f, t, n, d) for (o, f, t, n, d) in ys] for ys in per_year]
    regular = all(s == shape[0] for s in shape) and len(shape[0]) == 2
    if regular:
        changes = [(o, f, t, n, d, f"RRULE:FREQ=YEARLY;BYMONTH={o.month};BYDAY={_byday(o)}")
                   for (o, f, t, n, d) in per_year[0]]
    else:
        changes = [(o, f, t, n, d, None) for ys in per_year for (o, f, t, n, d) in ys]
    for onset, frm, to, name, dst, rule in sorted(changes, key=lambda c: (c[4], c[0])):
        kind = "DAYLIGHT" if dst else "STANDARD"
        lines += [f"BEGIN:{kind}", f"DTSTART:{_local(onset)}"]
        lines += [rule] if rule else []
        lines += [f"TZOFFSETFROM:{_offset(frm)}", f"TZOFFSETTO:{_offset(to)}"]
        lines += [f"TZNAME:{name}"] if name else []
        lines += [f"END:{kind}"]
    return tuple(lines + ["END:VTIMEZONE"])


# -- events ---------------------------------------------------------------------
def uid(event: Event, item: Item) -> str:
    """'<item id>@<host>/<path>': stable across builds, unique per item and per event site (or per
    schedule, for an event whose site has no address yet)."""
    parts = urlsplit(event.base_url or event.schedule_url or urls.site_base(event))
    return f"{item.id}@{parts.netloc}{parts.path.rstrip('/')}"


def _where(event: Event, item: Item) -> str:
    venue = item.room.venue if item.room else event.day_of(item).venue
    place = [r.name for r in item.rooms]
    return ", ".join(x for x in place + [venue.name, *venue.address] if x)


def _description(event: Event, item: Item) -> str:
    parts = []
    if item.speakers:
        parts.append("\n".join(p.name + (f" ({p.affiliation_line})" if p.affiliation_line else "")
                                for p in item.speakers))
    if item.chairs:
        parts.append(i18n.ntr(event, "Chair: {names}", "Chairs: {names}", len(item.chairs), names=", ".join(p.name for p in item.chairs)))
    if item.note:
        parts.append(item.note)
    if item.abstract:
        parts.append(item.abstract.strip())
    url = links.talk_url(event, item) if item.is_talk else None
    if url:
        parts.append(url)
    return "\n\n".join(parts)


def vevent(event: Event, item: Item) -> list[str]:
    stamp = event.updated.replace(tzinfo=ZoneInfo(event.timezone))
    tzid = event.timezone
    summary = item.title.display
    if item.is_talk and item.speakers:
        summary += " – " + ", ".join(p.name for p in item.speakers)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid(event, item)}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART;TZID={tzid}:{_local(item.start_dt)}",
        f"DTEND;TZID={tzid}:{_local(item.end_dt)}",
        f"SUMMARY:{escape_text(summary)}",
        f"LOCATION:{escape_text(_where(event, item))}",
    ]
    desc = _description(event, item)
    if desc:
        lines.append(f"DESCRIPTION:{escape_text(desc)}")
    url = links.talk_url(event, item) if item.is_talk else None
    if url:  # the page the printed codes open (links.py)
        lines.append(f"URL:{url}")
    lines.append(f"CATEGORIES:{escape_text(i18n.tr(event, item.kind.label))}")
    lines.append("END:VEVENT")
    return lines


def programme_ics(event: Event) -> bytes:
    """Every programme item, in time order."""
    return _calendar(event, event.name, "".join([_folded(vevent(event, it)) for it in event.items]))


def talk_ics(event: Event, item: Item) -> bytes:
    return _calendar(event, _talk_name(event, item), _folded(vevent(event, item)))


def calendars(event: Event) -> tuple[bytes, list[bytes]]:
    """``programme_ics`` and ``talk_ics`` of every talk (event.talks, in order): each talk's event
    is written and folded once for both, not once for each."""
    texts = {id(it): _folded(vevent(event, it)) for it in event.items}
    talks = [_calendar(event, _talk_name(event, it), texts.get(id(it)) or _folded(vevent(event, it)))
             for it in event.talks]
    return _calendar(event, event.name, "".join(texts.values())), talks


def _talk_name(event: Event, item: Item) -> str:
    return f"{item.title.display} – {event.short_name}"
