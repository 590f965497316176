"""Load a content folder into the model, reporting every problem at once.

Reading happens in two passes: first each file's fields are checked against a
small schema (unknown keys, missing fields, types, times); then references and
the schedule are checked across files (unknown ids, duplicates, overlaps,
double bookings). Only when both passes find nothing is the model built.
"""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .model import Day, Event, Item, Kind, Person, Role, Room, Title, Venue
from .problems import ContentError, Problem
from .content.read import display_path, read_content
from .yamlsource import LList, LMap, Located

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$")
_KINDS = [k.value for k in Kind]
TBC_WORDS = {"tbc", "tba", "title tbc"}


# --------------------------------------------------------------------------
# field readers: each returns a clean value or None, and records a problem
# --------------------------------------------------------------------------
@dataclass
class _Reader:
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)

    def bad(self, loc: Located | LMap | LList, what: str, fix: str) -> None:
        self.problems.append(Problem(loc.file, loc.line, what, fix))

    def warn(self, loc: Located | LMap | LList, what: str, fix: str) -> None:
        """Something real schedules contain (a conflict): reported, but the build goes on."""
        self.warnings.append(Problem(loc.file, loc.line, what, fix, warning=True))

    def keys(self, m: LMap, what: str, required: tuple[str, ...], optional: tuple[str, ...]) -> bool:
        """Unknown keys (with a 'did you mean') and missing required keys."""
        ok = True
        allowed = required + optional
        for key, loc in m.items.items():
            if key not in allowed:
                guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = (f"did you mean '{guess[0]}'? Correct the spelling" if guess
                        else f"allowed here: {', '.join(allowed)}")
                self.bad(loc, f"unknown key '{key}' in {what}", hint)
                ok = False
        for key in required:
            if key not in m.items or m.items[key].value is None:
                self.bad(m, f"{what} has no '{key}'", f"add a line '{key}: ...' to it")
                ok = False
        return ok

    def mapping(self, loc: Located | None, what: str) -> LMap | None:
        if loc is None:
            return None
        if not isinstance(loc.value, LMap):
            self.bad(loc, f"{what} should be a block of 'key: value' lines",
                     f"write {what} as indented 'key: value' lines")
            return None
        return loc.value

    def listing(self, loc: Located | None, what: str) -> list[Located]:
        if loc is None or loc.value is None:
            return []
        if not isinstance(loc.value, LList):
            self.bad(loc, f"{what} should be a list", f"write each entry of {what} on its own line starting with '- '")
            return []
        return loc.value.items

    def text(self, loc: Located | None, what: str, paragraphs: bool = False) -> str | None:
        """Plain text. One line, or paragraphs separated by a blank line."""
        if loc is None or loc.value is None:
            return None
        v = loc.value
        if isinstance(v, (LMap, LList)):
            self.bad(loc, f"{what} should be text, not a block or list", "write it on one line after the colon")
            return None
        if isinstance(v, bool):
            self.bad(loc, f"{what} is '{str(v).lower()}', which YAML reads as yes/no",
                     "put the text in quotes")
            return None
        s = str(v)
        if paragraphs:
            paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", s.strip())]
            s = "\n\n".join(p for p in paras if p)
        else:
            s = " ".join(s.split())
        if not s:
            return None
        return s

    def texts(self, loc: Located | None, what: str) -> tuple[str, ...]:
        """A text or a list of texts."""
        if loc is None or loc.value is None:
            return ()
        if isinstance(loc.value, LList):
            return tuple(t for t in (self.text(x, what) for x in loc.value.items) if t)
        t = self.text(loc, what)
        return (t,) if t else ()

    def ident(self, loc: Located | None, what: str) -> str | None:
        if loc is None or loc.value is None:
            return None
        if isinstance(loc.value, (LMap, LList, bool)):
            self.bad(loc, f"{what} should be a single id", "write one id, like 'n0-002', after the colon")
            return None
        s = str(loc.value)
        if not _ID.match(s):
            self.bad(loc, f"{what} '{s}' is not a valid id",
                     "use lowercase letters, digits and dashes only, like 'n0-002'")
            return None
        return s

    def idents(self, loc: Located | None, what: str) -> list[tuple[str, Located]]:
        if loc is None or loc.value is None:
            return []
        if isinstance(loc.value, LMap):
            self.bad(loc, f"{what} should be an id or a list of ids", f"write it like [{what}-id, other-id]")
            return []
        entries = loc.value.items if isinstance(loc.value, LList) else [loc]
        out = []
        for e in entries:
            v = self.ident(e, what)
            if v:
                out.append((v, e))
        return out

    def clock(self, loc: Located | None, what: str) -> time | None:
        if loc is None or loc.value is None:
            return None
        s = str(loc.value).strip()
        if isinstance(loc.value, int) and not isinstance(loc.value, bool):
            s = str(loc.value)
        m = _TIME.match(s)
        if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            self.bad(loc, f"{what} '{s}' is not a time", "write it as 24-hour HH:MM in quotes, like \"13:30\"")
            return None
        return time(int(m.group(1)), int(m.group(2)))

    def day(self, loc: Located | None, what: str) -> date | None:
        if loc is None or loc.value is None:
            return None
        s = str(loc.value).strip()
        m = _DATE.match(s)
        try:
            if not m:
                raise ValueError
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            self.bad(loc, f"{what} '{s}' is not a date", "write it as YYYY-MM-DD, like 2024-09-16")
            return None

    def stamp(self, loc: Located | None, what: str) -> datetime | None:
        if loc is None or loc.value is None:
            return None
        s = str(loc.value).strip()
        m = _DATETIME.match(s)
        try:
            if not m:
                raise ValueError
            return datetime(*(int(g) for g in m.groups()))
        except ValueError:
            self.bad(loc, f"{what} '{s}' is not a date and time", "write it as YYYY-MM-DD HH:MM, like 2024-09-10 18:00")
            return None


# --------------------------------------------------------------------------
# the four files
# --------------------------------------------------------------------------
@dataclass
class _PersonDraft:
    id: str
    name: str
    given: str
    family: str
    position: str | None
    affiliations: tuple[str, ...]
    bio: str | None
    loc: Located


@dataclass
class _ItemDraft:
    id: str | None
    date: date
    start: time
    end: time
    start_days: int  # calendar days after ``date``: 1 when past midnight
    end_days: int
    kind: Kind
    title: Title
    room: str | None
    room_loc: Located | None
    speakers: list[tuple[str, Located]]
    chairs: list[tuple[str, Located]]
    abstract: str | None
    note: str | None
    track: str | None
    language: str | None
    loc: Located
    id_loc: Located | None

    @property
    def start_dt(self) -> datetime:
        return datetime.combine(self.date + timedelta(days=self.start_days), self.start)

    @property
    def end_dt(self) -> datetime:
        return datetime.combine(self.date + timedelta(days=self.end_days), self.end)


@dataclass(frozen=True)
class Loaded:
    """The model and the warnings found while loading it (conflicts real schedules contain)."""

    event: Event
    warnings: tuple[Problem, ...]


def load_event(content_dir: str | os.PathLike, strict: bool = False) -> Event:
    """Load and validate ``content_dir``; raise ContentError listing every problem."""
    return load_content(content_dir, strict).event


def load_content(content_dir: str | os.PathLike, strict: bool = False) -> Loaded:
    """The model and its warnings; with ``strict`` the warnings are errors too."""
    content = Path(content_dir)
    problems: list[Problem] = []
    if not content.is_dir():
        raise ContentError([Problem(display_path(content), 0, "this content folder does not exist",
                                    "pass the folder holding event.yaml etc. with --content")])
    r = _Reader(problems)
    source = read_content(content, problems, r.warnings)
    docs = source.docs

    # ---- event.yaml -------------------------------------------------------
    ev = docs["event.yaml"]
    event_fields: dict = {}
    if ev is not None:
        r.keys(ev, "event.yaml", ("name", "timezone", "hosts", "base_url"),
               ("short_name", "language", "updated", "info", "day_change"))
        event_fields["name"] = r.text(ev.get("name"), "name")
        event_fields["short_name"] = r.text(ev.get("short_name"), "short_name")
        tz = r.text(ev.get("timezone"), "timezone")
        if tz:
            try:
                ZoneInfo(tz)
            except (ZoneInfoNotFoundError, ValueError):
                r.bad(ev.get("timezone"), f"'{tz}' is not a time zone name",
                      "use an IANA name like Europe/Berlin or America/New_York")
                tz = None
        event_fields["timezone"] = tz
        event_fields["language"] = r.text(ev.get("language"), "language") or "en"
        event_fields["hosts"] = r.texts(ev.get("hosts"), "hosts")
        url = r.text(ev.get("base_url"), "base_url")
        if url and not re.match(r"^https?://[^\s/]+", url):
            r.bad(ev.get("base_url"), f"base_url '{url}' is not a web address",
                  "write the full address, like https://example.org/symposium/")
            url = None
        event_fields["base_url"] = (url if url is None or url.endswith("/") else url + "/")
        event_fields["updated"] = r.stamp(ev.get("updated"), "updated")
        event_fields["day_change"] = r.clock(ev.get("day_change"), "day_change") or time(0, 0)
        info = []
        for entry in r.listing(ev.get("info"), "info"):
            m = r.mapping(entry, "an info entry")
            if m and r.keys(m, "an info entry", ("heading", "text"), ()):
                h, t = r.text(m.get("heading"), "heading"), r.text(m.get("text"), "text", paragraphs=True)
                if h and t:
                    info.append((h, t))
        event_fields["info"] = tuple(info)

    # ---- venues.yaml ------------------------------------------------------
    venues: dict[str, Venue] = {}
    rooms: dict[str, Room] = {}
    seen_ids: dict[str, Located] = {}

    def claim(kind_of: str, ident: str, loc: Located) -> bool:
        key = f"{kind_of}:{ident}"
        if key in seen_ids:
            first = seen_ids[key]
            r.bad(loc, f"the {kind_of} id '{ident}' is used twice (first at {first.file}:{first.line})",
                  f"give each {kind_of} its own id")
            return False
        seen_ids[key] = loc
        return True

    vd = docs["venues.yaml"]
    if vd is not None:
        r.keys(vd, "venues.yaml", ("venues",), ())
        for vloc in r.listing(vd.get("venues"), "venues"):
            m = r.mapping(vloc, "a venue")
            if m is None:
                continue
            r.keys(m, "a venue", ("id", "name", "address", "rooms"), ("short_name",))
            vid = r.ident(m.get("id"), "venue id")
            name = r.text(m.get("name"), "venue name")
            address = r.texts(m.get("address"), "address")
            if not (vid and name) or not claim("venue", vid, m.get("id")):
                continue
            venue = Venue(vid, name, r.text(m.get("short_name"), "short_name") or name, address)
            venues[vid] = venue
            room_list = r.listing(m.get("rooms"), "rooms")
            if m.get("rooms") is not None and not room_list and isinstance(m.get("rooms").value, LList):
                r.bad(m.get("rooms"), f"venue '{vid}' has no rooms", "list at least one room with id and name")
            for rloc in room_list:
                rm = r.mapping(rloc, "a room")
                if rm is None:
                    continue
                r.keys(rm, "a room", ("id", "name"), ())
                rid = r.ident(rm.get("id"), "room id")
                rname = r.text(rm.get("name"), "room name")
                if rid and rname and claim("room", rid, rm.get("id")):
                    rooms[rid] = Room(rid, rname, venue)

    # ---- people.yaml ------------------------------------------------------
    drafts: dict[str, _PersonDraft] = {}
    pd = docs["people.yaml"]
    if pd is not None:
        r.keys(pd, "people.yaml", ("people",), ())
        for ploc in r.listing(pd.get("people"), "people"):
            m = r.mapping(ploc, "a person")
            if m is None:
                continue
            r.keys(m, "a person", ("id", "name"),
                   ("given_name", "family_name", "position", "affiliation", "bio"))
            pid = r.ident(m.get("id"), "person id")
            name = r.text(m.get("name"), "name")
            if not (pid and name) or not claim("person", pid, m.get("id")):
                continue
            words = name.split()
            drafts[pid] = _PersonDraft(
                pid, name,
                r.text(m.get("given_name"), "given_name") or words[0],
                r.text(m.get("family_name"), "family_name") or words[-1],
                r.text(m.get("position"), "position"),
                r.texts(m.get("affiliation"), "affiliation"),
                r.text(m.get("bio"), "bio", paragraphs=True),
                m.get("id"),
            )

    # ---- programme.yaml ---------------------------------------------------
    day_drafts: list[tuple[date, str, Located, list[_ItemDraft]]] = []
    day_change = event_fields.get("day_change") or time(0, 0)
    prog = docs["programme.yaml"]
    if prog is not None:
        r.keys(prog, "programme.yaml", ("days",), ())
        seen_dates: dict[date, Located] = {}
        for dloc in r.listing(prog.get("days"), "days"):
            m = r.mapping(dloc, "a day")
            if m is None:
                continue
            r.keys(m, "a day", ("date", "venue", "items"), ())
            d = r.day(m.get("date"), "date")
            vid = r.ident(m.get("venue"), "venue")
            if vid and vid not in venues and docs["venues.yaml"] is not None:
                _unknown(r, m.get("venue"), "venue", vid, venues)
            if d and d in seen_dates:
                first = seen_dates[d]
                r.bad(m.get("date"), f"the day {d} is listed twice (first on line {first.line})",
                      "put all items of one day under one date")
                continue
            if d:
                seen_dates[d] = m.get("date")
            items: list[_ItemDraft] = []
            for iloc in r.listing(m.get("items"), "items"):
                it = _read_item(r, iloc, d, day_change, source.imported)
                if it:
                    items.append(it)
            if d and vid:
                day_drafts.append((d, vid, m.get("date"), items))

    if problems:
        raise ContentError(problems)

    # ---- cross-file checks -------------------------------------------------
    all_items = [it for (_, _, _, its) in day_drafts for it in its]
    for it in all_items:
        if it.id is None:
            it.id = f"{it.date:%Y%m%d}-{it.start:%H%M}-{it.kind.value.replace('_', '-')}"
            if it.room:
                it.id += f"-{it.room}"
        claim("programme item", it.id, it.id_loc or it.loc)
        if it.room and it.room not in rooms:
            _unknown(r, it.room_loc, "room", it.room, rooms)
        for pid, ploc in it.speakers + it.chairs:
            if pid not in drafts:
                _unknown(r, ploc, "person", pid, drafts)
    _check_room_overlaps(r, all_items)
    _check_double_bookings(r, all_items, drafts)
    if strict:
        problems += [replace(w, warning=False) for w in r.warnings]
    if problems:
        raise ContentError(problems)

    # ---- build the immutable model ----------------------------------------
    roles: dict[str, set[Role]] = {pid: set() for pid in drafts}
    for it in all_items:
        for pid, _ in it.speakers:
            roles[pid].add(Role.HOST if it.kind is Kind.WELCOME else Role.SPEAKER)
        for pid, _ in it.chairs:
            roles[pid].add(Role.CHAIR)
    people = {
        d.id: Person(d.id, d.name, d.given, d.family, d.position, d.affiliations, d.bio,
                     tuple(x for x in Role if x in roles[d.id]), d.loc.line, d.loc.file)
        for d in drafts.values()
    }
    days = []
    for d, vid, _, its in sorted(day_drafts, key=lambda x: x[0]):
        built = [
            Item(it.id, it.date, it.start, it.end, it.kind, it.title,
                 rooms[it.room] if it.room else None,
                 tuple(people[p] for p, _ in it.speakers),
                 tuple(people[p] for p, _ in it.chairs),
                 it.abstract, it.note, it.loc.line, it.track, it.language,
                 it.start_days, it.end_days, it.loc.file)
            for it in its
        ]
        order = {id(x): n for n, x in enumerate(built)}
        built.sort(key=lambda x: (x.start_dt, x.end_dt, order[id(x)]))
        days.append(Day(d, venues[vid], tuple(built)))
    if not days:
        raise ContentError([Problem(docs["programme.yaml"].file, 0,
                                    "the programme has no days", "add at least one day with its items")])
    updated = event_fields["updated"] or _newest_mtime(source.files)
    return Loaded(Event(
        name=event_fields["name"],
        short_name=event_fields["short_name"] or event_fields["name"],
        timezone=event_fields["timezone"],
        language=event_fields["language"],
        hosts=event_fields["hosts"],
        base_url=event_fields["base_url"],
        updated=updated,
        venues=tuple(venues.values()),
        rooms=tuple(rooms.values()),
        people=tuple(people.values()),
        days=tuple(days),
        info=event_fields["info"],
        day_change=day_change,
    ), tuple(sorted(r.warnings)))


def _newest_mtime(files: tuple[Path, ...]) -> datetime:
    """Fallback "as of" stamp: SOURCE_DATE_EPOCH if set, else the newest content file."""
    sde = os.environ.get("SOURCE_DATE_EPOCH")
    if sde and sde.isdigit():
        return datetime.utcfromtimestamp(int(sde)).replace(second=0)
    newest = max(f.stat().st_mtime for f in files)
    return datetime.fromtimestamp(newest).replace(second=0, microsecond=0)


def _unknown(r: _Reader, loc: Located, what: str, ident: str, known: dict) -> None:
    guess = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.6)
    hint = f"did you mean '{guess[0]}'?" if guess else f"add a {what} with id '{ident}' or correct the id"
    where = {"person": "people.yaml", "room": "venues.yaml", "venue": "venues.yaml"}[what]
    r.bad(loc, f"no {what} with id '{ident}' exists in {where}", hint)


# An item whose end is not after its start runs past midnight, if that makes it shorter than this;
# longer, it is a typo (13:00-12:45), reported as such.
MAX_PAST_MIDNIGHT_MINUTES = 12 * 60


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _read_item(r: _Reader, iloc: Located, d: date | None, day_change: time,
               imported: bool) -> _ItemDraft | None:
    m = r.mapping(iloc, "a programme item")
    if m is None:
        return None
    r.keys(m, "a programme item", ("start", "end", "kind"),
           ("id", "title", "speakers", "chair", "room", "note", "abstract", "track", "language"))
    start = r.clock(m.get("start"), "start")
    end = r.clock(m.get("end"), "end")
    kind_loc = m.get("kind")
    kind = None
    if kind_loc is not None and kind_loc.value is not None:
        if str(kind_loc.value) in _KINDS:
            kind = Kind(str(kind_loc.value))
        else:
            guess = difflib.get_close_matches(str(kind_loc.value), _KINDS, n=1, cutoff=0.6)
            r.bad(kind_loc, f"'{kind_loc.value}' is not a kind of item",
                  (f"did you mean '{guess[0]}'? " if guess else "") + "use one of: " + ", ".join(_KINDS))
    start_days = end_days = 0
    if start and end:
        if end == start:
            r.bad(m.get("end"), f"this item starts and ends at {start:%H:%M}",
                  "give it an end after its start (an item lasts at least a minute)")
            return None
        past_midnight = end < start
        if past_midnight and _minutes(end) + 24 * 60 - _minutes(start) >= MAX_PAST_MIDNIGHT_MINUTES:
            r.bad(m.get("end"), f"this item ends ({end:%H:%M}) before it starts ({start:%H:%M})",
                  "correct the start or end time (an item may run past midnight for less than 12 hours)")
            return None
        start_days = 1 if start < day_change else 0
        end_days = start_days + (1 if past_midnight else 0)
    item_id = r.ident(m.get("id"), "item id")
    if imported and m.get("id") is None:
        r.bad(m, "this imported item has no 'id'", "import the event again; every imported item has one")
    raw_title = r.text(m.get("title"), "title")
    if kind and kind.is_talk:
        if m.get("id") is None and not imported:
            r.bad(m, f"this {kind.label.lower()} has no 'id'",
                  "add 'id: short-name' (it becomes the web address its QR code opens)")
        if raw_title is None:
            r.bad(m, f"this {kind.label.lower()} has no 'title'", "add 'title: ...', or 'title: tbc' if not known yet")
        if m.get("speakers") is None:
            r.bad(m, f"this {kind.label.lower()} has no 'speakers'", "add 'speakers: [person-id]'")
    if raw_title is not None and raw_title.casefold() in TBC_WORDS:
        title = Title(None)
    else:
        title = Title(raw_title or (kind.label if kind else ""))
    if not (start and end and kind and d):
        return None
    return _ItemDraft(
        item_id, d, start, end, start_days, end_days, kind, title,
        r.ident(m.get("room"), "room"), m.get("room"),
        r.idents(m.get("speakers"), "speaker"),
        r.idents(m.get("chair"), "chair"),
        r.text(m.get("abstract"), "abstract", paragraphs=True),
        r.text(m.get("note"), "note"),
        r.text(m.get("track"), "track"),
        r.text(m.get("language"), "language"),
        _where(m, iloc),
        m.get("id"),
    )


def _where(m: LMap, iloc: Located) -> Located:
    """Where an item is: its start line in its own file (an override's line would mislead)."""
    start = m.get("start")
    return start if start is not None and start.file == m.file else iloc


def _check_room_overlaps(r: _Reader, items: list[_ItemDraft]) -> None:
    """Real datetimes, so a late item overlaps one after midnight listed under the next day."""
    by_room: dict[str, list[_ItemDraft]] = {}
    for it in items:
        if it.room:
            by_room.setdefault(it.room, []).append(it)
    for group in by_room.values():
        group.sort(key=lambda x: (x.start_dt, x.end_dt))
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if b.start_dt >= a.end_dt:
                    break
                r.warn(b.loc, f"'{b.title.display}' ({b.start:%H:%M}\u2013{b.end:%H:%M}) overlaps "
                       f"'{a.title.display}' ({a.start:%H:%M}\u2013{a.end:%H:%M}, line {a.loc.line}) in room '{a.room}'",
                       "move one of them to another time or room")


def _check_double_bookings(r: _Reader, items: list[_ItemDraft], people: dict[str, _PersonDraft]) -> None:
    by_person: dict[str, list[tuple[_ItemDraft, Located]]] = {}
    for it in items:
        for pid, ploc in it.speakers + it.chairs:
            by_person.setdefault(pid, []).append((it, ploc))
    for pid, entries in by_person.items():
        entries.sort(key=lambda e: e[0].start_dt)
        for i, (a, _) in enumerate(entries):
            for b, bloc in entries[i + 1:]:
                if b is a or (a.room is not None and a.room == b.room):
                    continue  # same item twice, or same room: the room overlap check reports it
                if b.start_dt >= a.end_dt:
                    break
                name = people[pid].name if pid in people else pid
                r.warn(bloc, f"{name} is booked in two places at once: '{b.title.display}' "
                       f"({b.start:%H:%M}\u2013{b.end:%H:%M}) and '{a.title.display}' "
                       f"({a.start:%H:%M}\u2013{a.end:%H:%M}, line {a.loc.line})",
                       "correct the times, or the speaker or chair of one of them")
