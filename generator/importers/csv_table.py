"""A spreadsheet programme saved as CSV: one row per item, a header row naming the columns.

Header names are matched loosely, in English and German (see ``COLUMNS``; case, spaces,
underscores and dashes do not matter); ``--columns 'title=Titel,start=Beginn'`` maps anyone
else's. Times: ISO (``2024-05-01T09:00``, with or without an offset), RFC 2822
(``Sat, 19 Apr 2014 03:30:00 -0400``), or a date column and clock times. A time with an offset is
that instant, shown in the event's zone; times without one are the event's clock times, and the
zone comes from --timezone. Speakers: 'Name; Name', 'A, B and C', or 'id:Name|id:Name' (ids
deduplicate people). A room cell naming rooms that other rows use alone ("Hall A, Hall B") puts
the item in each of them.
"""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

from .draft import Collector, DraftItem, ImportFailure, split_names
from .kinds import kind_of, language_code
from .text import clean_line, to_plain
from .timeutil import clock, day, duration, iso, later, localize
from .zones import choose

# our column → header names that mean it (compared without case, spaces, dashes or dots)
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "datum", "day date", "tag datum"),
    "start": ("start", "starts", "start time", "begin", "beginn", "beginning", "von", "from", "time", "zeit",
              "uhrzeit", "startzeit", "anfang", "starts at"),
    "end": ("end", "ends", "end time", "ende", "bis", "to", "until", "endzeit", "ends at"),
    "duration": ("duration", "dauer", "length", "länge", "minutes", "minuten", "mins", "min"),
    "room": ("room", "rooms", "raum", "räume", "saal", "hall", "location", "locations", "ort", "stage", "stages",
             "bühne", "venue", "venues"),
    "title": ("title", "titel", "talk", "session", "vortrag", "event name", "name", "veranstaltung", "session title",
              "talk title"),
    "speakers": ("speakers", "speaker", "presenter", "presenters", "referent", "referenten", "referentin",
                 "referentinnen", "sprecher", "vortragende", "persons", "people", "personen", "who", "wer"),
    "abstract": ("abstract", "summary", "zusammenfassung", "kurzbeschreibung", "teaser"),
    "description": ("description", "beschreibung", "details", "text", "inhalt"),
    "kind": ("kind", "type", "typ", "art", "format", "session type", "event type", "session format"),
    "track": ("track", "tracks", "kategorie", "category", "categories", "thema", "topic", "topics", "tags"),
    "language": ("language", "sprache", "lang"),
    "id": ("id", "guid", "slug", "code", "nr", "number", "nummer"),
    # the item's own web page (not a recording's or slides' file: "file url" is none of these)
    "url": ("url", "link", "web", "website", "webseite", "page", "web page", "talk url", "talk page", "page url"),
}
REQUIRED = ("title", "start")


def _norm(h: str) -> str:
    return re.sub(r"[\s_.\-]+", " ", h.strip().casefold()).strip()


def _mapping(header: list[str], columns: str | None, file: str) -> dict[str, int]:
    where = {_norm(h): n for n, h in enumerate(header)}
    found: dict[str, int] = {}
    if columns:
        for pair in columns.split(","):
            if "=" not in pair:
                raise ImportFailure(f"--columns: '{pair}' is not ours=theirs — write it like "
                                    "'title=Titel,start=Beginn'")
            ours, theirs = (x.strip() for x in pair.split("=", 1))
            if ours not in COLUMNS:
                raise ImportFailure(f"--columns: '{ours}' is not one of our columns — use "
                                    + ", ".join(COLUMNS))
            if _norm(theirs) not in where:
                raise ImportFailure(f"{file}:1: --columns names '{theirs}', which is not in the header "
                                    f"({', '.join(header)}) — check the spelling")
            found[ours] = where[_norm(theirs)]
    for ours, names in COLUMNS.items():
        if ours in found:
            continue
        for name in names:
            n = where.get(_norm(name))
            if n is not None and n not in found.values():
                found[ours] = n
                break
    for need in REQUIRED:
        if need not in found:
            raise ImportFailure(f"{file}:1: no column for '{need}' in the header ({', '.join(header)}) — "
                                f"name one {' / '.join(COLUMNS[need][:4])}, or map yours with "
                                f"--columns {need}=<your header>")
    if "end" not in found and "duration" not in found:
        raise ImportFailure(f"{file}:1: no column for 'end' or 'duration' in the header — add one, or map "
                            "yours with --columns end=<your header> or duration=<your header>")
    return found


def read(text: str, file: str, timezone: str | None = None, columns: str | None = None):
    c = Collector(file)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    first = text.split("\n", 1)[0]
    delim = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delim)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFailure(f"{file}: the file is empty — export the programme with a header row")
    col = _mapping(header, columns, file)
    rows: list[tuple[int, dict[str, str]]] = []
    line = reader.line_num + 1
    for row in reader:
        row_line, line = line, reader.line_num + 1
        if any(cell.strip() for cell in row):
            rows.append((row_line, {k: (row[n] if n < len(row) else "") for k, n in col.items()}))
    tz = _zone(c, timezone, rows)
    alone = {clean_line(r.get("room")) for _, r in rows}
    for row_line, r in rows:
        it = _row(c, r, row_line, tz, alone)
        if it:
            c.items.append(it)
    if c.items:
        c.warn("", "a CSV programme has no event name — set it in overrides.yaml under 'event: name:'")
    return c.draft(format="CSV", name="Untitled event", timezone=tz.key, base_url=None, updated=None,
                   day_change=None, short_name=None)


def stamp(text) -> datetime | None:
    """A full date and time in a cell: ISO 8601 or RFC 2822; aware when it has an offset."""
    s = clean_line(text)
    if len(s) <= 8:  # a clock time
        return None
    found = iso(s)
    if found is None and re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", s):
        try:
            found = parsedate_to_datetime(s)  # 'Sat, 19 Apr 2014 03:30:00 -0400'
        except (TypeError, ValueError, IndexError):
            found = None
    return found


def _zone(c: Collector, given: str | None, rows: list[tuple[int, dict[str, str]]]):
    """--timezone; else, when every time carries one offset, that offset as a zone."""
    if given:
        return choose(c, given, None)
    offsets = set()
    for line, r in rows:
        for key in ("start", "end"):
            if not clean_line(r.get(key)):
                continue
            t = stamp(r.get(key))
            if t is None or t.tzinfo is None:
                if key == "start" or t is not None:
                    return choose(c, None, None, naive=True)  # "no time zone": true of this cell
                continue  # an end given as a clock time follows its start
            offsets.add(t.utcoffset())
    if len(offsets) != 1:
        if offsets:
            shown = ", ".join(sorted(_offset(o) for o in offsets))
            raise ImportFailure(f"{c.file}: the times carry the offsets {shown} but name no time zone — pass "
                                "the event's zone with --timezone, like --timezone Europe/Berlin")
        return choose(c, None, None, naive=True)
    offset = offsets.pop()
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest:
        raise ImportFailure(f"{c.file}: the times carry the offset {_offset(offset)} but name no time zone — "
                            "pass the event's zone with --timezone, like --timezone Asia/Kolkata")
    name = "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"  # the Etc zones' signs are inverted
    if hours:
        c.warn("", f"the times carry the offset {_offset(offset)} but no zone name; they are shown at "
                   f"{_offset(offset)} — pass --timezone with the event's zone (like Europe/Berlin) for its "
                   "name in calendars and summer time")
    return choose(c, None, name)


def _offset(o: timedelta) -> str:
    minutes = int(o.total_seconds()) // 60
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _when(r: dict[str, str], key: str, tz) -> datetime | None:
    """A cell's full date and time in the event's zone, or None."""
    t = stamp(r.get(key))
    return None if t is None else localize(t, tz)


def _row(c: Collector, r: dict[str, str], line: int, tz, alone: set[str]) -> DraftItem | None:
    where = f"{line}"
    title = clean_line(r.get("title"))
    if not title:
        c.warn(where, "this row has no title; skipped")
        return None
    start = _when(r, "start", tz)
    if start is None:
        d, t = day(r.get("date")), clock(r.get("start"))
        if d is None or t is None:
            c.warn(where, f"'{title}': date '{clean_line(r.get('date'))}' / start '{clean_line(r.get('start'))}' "
                          "is not a date and time (YYYY-MM-DD or DD.MM.YYYY, HH:MM, or one ISO or RFC 2822 "
                          "date-time); skipped")
            return None
        start = datetime.combine(d, t).replace(tzinfo=tz)
    end = None
    if clean_line(r.get("end")):
        end = _when(r, "end", tz)
        if end is None and clock(r.get("end")):
            end = datetime.combine(start.date(), clock(r.get("end"))).replace(tzinfo=tz)
            if end <= start:
                end += timedelta(days=1)  # past midnight
    if end is None:
        dur = duration(r.get("duration"))
        if dur is None:
            c.warn(where, f"'{title}': no usable end or duration ('{clean_line(r.get('end') or r.get('duration'))}');"
                          " given 1 hour — correct it in overrides.yaml")
            dur = timedelta(hours=1)
        end = later(start, dur)  # elapsed time, also across a clock change (start is in tz)
    speakers = []
    for sid, name in _people(r.get("speakers") or ""):
        key = c.person(sid, name)
        if key and key not in speakers:
            speakers.append(key)
    abstract, description = to_plain(r.get("abstract")), to_plain(r.get("description"))
    parts = [p for p in (abstract, description if description != abstract else None) if p]
    kind_text = clean_line(r.get("kind")) or None
    track = clean_line(r.get("track")) or None
    rooms = _rooms(c, r.get("room"), alone, where)
    return DraftItem(source_id=clean_line(r.get("id")) or f"{start:%Y%m%d-%H%M}-{clean_line(r.get('room'))}",
                     start=start, end=end, title=title, kind=kind_of(kind_text, track, title, bool(speakers)),
                     rooms=rooms, speakers=tuple(speakers), abstract="\n\n".join(parts) or None,
                     track=track, language=language_code(r.get("language")), where=where,
                     url=clean_line(r.get("url")) or None)


_ROOM_SEP = re.compile(r"\s*(?:[,;+&]|\s+and\s+|\s+und\s+)\s*")


def _rooms(c: Collector, cell: str | None, alone: set[str], where: str) -> tuple[str, ...]:
    """'Hall A, Hall B' → both rooms, when other rows use them alone; else the cell is one room."""
    name = clean_line(cell)
    parts = [p for p in _ROOM_SEP.split(name) if p]
    if len(parts) > 1 and any(p in alone for p in parts):  # not "Room 1, 2nd floor"
        new = [p for p in parts if p not in alone]
        if new:
            c.warn(where, f"the room cell '{name}' is read as the rooms {', '.join(parts)}; no other row "
                          f"uses {', '.join(new)} — if '{name}' is one room's name, rename it in "
                          "overrides.yaml")
        return tuple(r for p in parts for r in c.room(p))
    return c.room(name)


def _people(text: str) -> list[tuple[str | None, str]]:
    text = clean_line(text)
    if not text:
        return []
    parts = re.split(r"\s*[|;\n]\s*", text)
    if len(parts) == 1 and not re.match(r"^\w+:", text):
        parts = split_names(text)
    out = []
    for p in parts:
        m = re.match(r"^([\w-]+):(.+)$", p)
        out.append((m.group(1), m.group(2).strip()) if m else (None, p))
    return [(i, n) for i, n in out if n]
