"""A spreadsheet programme saved as CSV: one row per item, a header row naming the columns.

Header names are matched loosely, in English and German (see ``COLUMNS``);
``--columns 'title=Titel,start=Beginn'`` maps anyone else's. Times are naive, so
the event's zone comes from --timezone. Speakers: 'Name; Name', 'A, B and C',
or 'id:Name|id:Name' (ids deduplicate people).
"""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta

from .draft import Collector, DraftItem, ImportFailure, split_names
from .kinds import kind_of, language_code
from .text import clean_line, to_plain
from .timeutil import clock, day, duration, iso, later
from .zones import choose

# our column → header names that mean it (compared without case, spaces, dashes or dots)
COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "datum", "day date", "tag datum"),
    "start": ("start", "starts", "start time", "begin", "beginn", "beginning", "von", "from", "time", "zeit",
              "uhrzeit", "startzeit", "anfang", "starts at"),
    "end": ("end", "ends", "end time", "ende", "bis", "to", "until", "endzeit", "ends at"),
    "duration": ("duration", "dauer", "length", "länge", "minutes", "minuten", "mins", "min"),
    "room": ("room", "raum", "saal", "hall", "location", "ort", "stage", "bühne", "venue"),
    "title": ("title", "titel", "talk", "session", "vortrag", "event name", "name", "veranstaltung"),
    "speakers": ("speakers", "speaker", "presenter", "presenters", "referent", "referenten", "referentin",
                 "referentinnen", "sprecher", "vortragende", "persons", "people", "personen", "who", "wer"),
    "abstract": ("abstract", "summary", "zusammenfassung", "kurzbeschreibung", "teaser"),
    "description": ("description", "beschreibung", "details", "text", "inhalt"),
    "kind": ("kind", "type", "typ", "art", "format", "session type", "event type"),
    "track": ("track", "tracks", "kategorie", "category", "thema", "topic"),
    "language": ("language", "sprache", "lang"),
    "id": ("id", "guid", "slug", "code", "nr", "number", "nummer"),
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
    tz = choose(c, timezone, None, naive=True)
    line = reader.line_num + 1
    for row in reader:
        row_line, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        it = _row(c, {k: (row[n] if n < len(row) else "") for k, n in col.items()}, row_line, tz)
        if it:
            c.items.append(it)
    c.warn("", "a CSV programme has no event name — set it in overrides.yaml under 'event: name:'")
    return c.draft(format="CSV", name="Untitled event", timezone=tz.key, base_url=None, updated=None,
                   day_change=None, short_name=None)


def _row(c: Collector, r: dict[str, str], line: int, tz) -> DraftItem | None:
    where = f"{line}"
    title = clean_line(r.get("title"))
    if not title:
        c.warn(where, "this row has no title; skipped")
        return None
    start = iso(r.get("start")) if len(clean_line(r.get("start"))) > 8 else None
    if start is None:
        d, t = day(r.get("date")), clock(r.get("start"))
        if d is None or t is None:
            c.warn(where, f"'{title}': date '{clean_line(r.get('date'))}' / start '{clean_line(r.get('start'))}' "
                          "is not a date and time (YYYY-MM-DD or DD.MM.YYYY, HH:MM); skipped")
            return None
        start = datetime.combine(d, t)
    end = None
    if clean_line(r.get("end")):
        end = iso(r.get("end")) if len(clean_line(r.get("end"))) > 8 else None
        if end is None and clock(r.get("end")):
            end = datetime.combine(start.date(), clock(r.get("end")))
            if end <= start:
                end += timedelta(days=1)  # past midnight
    if end is None:
        dur = duration(r.get("duration"))
        if dur is None:
            c.warn(where, f"'{title}': no usable end or duration ('{clean_line(r.get('end') or r.get('duration'))}');"
                          " given 1 hour — correct it in overrides.yaml")
            dur = timedelta(hours=1)
        end = later(start.replace(tzinfo=tz), dur)  # elapsed time, also across a clock change
    start, end = start.replace(tzinfo=tz), end if end.tzinfo is tz else end.replace(tzinfo=tz)
    speakers = []
    for sid, name in _people(r.get("speakers") or ""):
        key = c.person(sid, name)
        if key and key not in speakers:
            speakers.append(key)
    abstract, description = to_plain(r.get("abstract")), to_plain(r.get("description"))
    parts = [p for p in (abstract, description if description != abstract else None) if p]
    kind_text = clean_line(r.get("kind")) or None
    track = clean_line(r.get("track")) or None
    return DraftItem(source_id=clean_line(r.get("id")) or f"{start:%Y%m%d-%H%M}-{clean_line(r.get('room'))}",
                     start=start, end=end, title=title, kind=kind_of(kind_text, track, title, bool(speakers)),
                     room=c.room(r.get("room")), speakers=tuple(speakers), abstract="\n\n".join(parts) or None,
                     track=track, language=language_code(r.get("language")), where=where)


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
