"""event.yaml, venues.yaml and people.yaml: each file's keys, types and values, one file at a time.

Rooms and venues become model objects at once (they refer to nothing else); people stay drafts
until the programme says what their roles are.
"""
from __future__ import annotations

import re
from datetime import time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..model import BINDINGS, BOOKLET_ABSTRACTS, Room, Venue
from ..yamlsource import LList, LMap
from .drafts import EventDraft, PersonDraft, Places
from .fields import Reader

EVENT_REQUIRED = ("name", "timezone", "hosts", "base_url")
EVENT_OPTIONAL = ("short_name", "language", "updated", "info", "day_change", "booklet_abstracts", "paper_thickness",
                  "binding", "saddle_stitch_max", "registrations", "addons")  # the last two: read by content.registrations


def read_event(r: Reader, ev: LMap) -> EventDraft:
    r.keys(ev, "event.yaml", EVENT_REQUIRED, EVENT_OPTIONAL)
    tz = r.text(ev.get("timezone"), "timezone")
    if tz:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            r.bad(ev.get("timezone"), f"'{tz}' is not a time zone name",
                  "use an IANA name like Europe/Berlin or America/New_York")
            tz = None
    url = _base_url(r, ev.get("base_url"))
    info = []
    for entry in r.listing(ev.get("info"), "info"):
        m = r.mapping(entry, "an info entry")
        if m and r.keys(m, "an info entry", ("heading", "text"), ()):
            h, t = r.text(m.get("heading"), "heading"), r.text(m.get("text"), "text", paragraphs=True)
            if h and t:
                info.append((h, t))
    abstracts = r.text(ev.get("booklet_abstracts"), "booklet_abstracts")
    if abstracts is not None and abstracts not in BOOKLET_ABSTRACTS:
        r.bad(ev.get("booklet_abstracts"), f"booklet_abstracts '{abstracts}' is not a choice",
              "use one of: " + ", ".join(BOOKLET_ABSTRACTS) + " (or leave it out: chosen by the event's size)")
        abstracts = None
    paper = r.text(ev.get("paper_thickness"), "paper_thickness")
    if paper is not None:
        try:
            paper = float(paper.removesuffix("mm").strip())
        except ValueError:
            paper = -1.0
        if not 0.03 <= paper <= 0.5:
            r.bad(ev.get("paper_thickness"), f"paper_thickness '{ev.get('paper_thickness').value}' is not a paper "
                  "thickness in millimetres", "write the thickness (caliper) of one sheet in mm, like 0.1 for "
                  "115 g/m\u00b2 coated paper (between 0.03 and 0.5), or leave it out")
            paper = None
    binding, saddle_max = _binding(r, ev)
    return EventDraft(
        name=r.text(ev.get("name"), "name"),
        short_name=r.text(ev.get("short_name"), "short_name"),
        timezone=tz,
        language=r.text(ev.get("language"), "language") or "en",
        hosts=r.texts(ev.get("hosts"), "hosts"),
        base_url=url if url is None or url.endswith("/") else url + "/",
        updated=r.stamp(ev.get("updated"), "updated"),
        day_change=r.clock(ev.get("day_change"), "day_change") or time(0, 0),
        info=tuple(info),
        booklet_abstracts=abstracts,
        paper_thickness=paper,
        binding=binding,
        saddle_stitch_max=saddle_max,
        file=ev.file,
        base_url_line=ev.get("base_url").line if ev.get("base_url") is not None else 0,
    )


# how organisers and print shops write the two bindings
_BINDING_WORDS = {"saddle-stitch": "saddle-stitch", "saddle stitch": "saddle-stitch", "saddle-stitched": "saddle-stitch",
                  "saddle stitched": "saddle-stitch", "saddle": "saddle-stitch", "stapled": "saddle-stitch",
                  "perfect": "perfect", "perfect binding": "perfect", "perfect-bound": "perfect",
                  "perfect bound": "perfect", "glued": "perfect"}


def _binding(r: Reader, ev: LMap) -> tuple[str | None, int | None]:
    """``binding`` (saddle-stitch or perfect; None: by page count) and ``saddle_stitch_max`` (pages)."""
    text = r.text(ev.get("binding"), "binding")
    binding = None
    if text is not None:
        binding = _BINDING_WORDS.get(" ".join(text.casefold().replace("_", " ").split()))
        if binding is None:
            r.bad(ev.get("binding"), f"binding '{text}' is not a binding eventprint prints for",
                  "use one of: " + ", ".join(BINDINGS) + " (or leave it out: saddle stitch up to "
                  "saddle_stitch_max pages, perfect binding above)")
    limit = r.text(ev.get("saddle_stitch_max"), "saddle_stitch_max")
    pages = None
    if limit is not None:
        pages = int(limit) if limit.isdigit() else -1
        if not (8 <= pages <= 128 and pages % 4 == 0):
            r.bad(ev.get("saddle_stitch_max"), f"saddle_stitch_max '{limit}' is not a page count for a "
                  "saddle-stitched booklet", "write a multiple of 4 between 8 and 128, like 64 (about 16 "
                  "sheets of 80-100 g/m\u00b2 paper; ask the print shop), or leave it out")
            pages = None
    return binding, pages


def read_venues(r: Reader, vd: LMap) -> Places:
    places = Places({}, {})
    r.keys(vd, "venues.yaml", ("venues",), ())
    for vloc in r.listing(vd.get("venues"), "venues"):
        m = r.mapping(vloc, "a venue")
        if m is None:
            continue
        r.keys(m, "a venue", ("id", "name", "address", "rooms"), ("short_name",))
        vid = r.ident(m.get("id"), "venue id")
        name = r.text(m.get("name"), "venue name")
        address = r.texts(m.get("address"), "address")
        if not (vid and name) or not r.claim("venue", vid, m.get("id")):
            _rejected(r, "venue", vid, m.get("id"))
            continue
        venue = Venue(vid, name, r.text(m.get("short_name"), "short_name") or name, address)
        places.venues[vid] = venue
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
            if rid and rname and r.claim("room", rid, rm.get("id")):
                places.rooms[rid] = Room(rid, rname, venue)
            else:
                _rejected(r, "room", rid, rm.get("id"))
    return places


def read_people(r: Reader, pd: LMap) -> dict[str, PersonDraft]:
    drafts: dict[str, PersonDraft] = {}
    r.keys(pd, "people.yaml", ("people",), ())
    for ploc in r.listing(pd.get("people"), "people"):
        m = r.mapping(ploc, "a person")
        if m is None:
            continue
        r.keys(m, "a person", ("id", "name"),
               ("given_name", "family_name", "position", "affiliation", "bio", "email"))
        pid = r.ident(m.get("id"), "person id")
        name = r.text(m.get("name"), "name")
        if name is None and m.get("name") is not None and isinstance(m.get("name").value, str):
            r.bad(m.get("name"), "this person's name is empty", "write the name as it should print")
        if not (pid and name) or not r.claim("person", pid, m.get("id")):
            _rejected(r, "person", pid, m.get("id"))
            continue
        words = name.split()
        drafts[pid] = PersonDraft(
            pid, name,
            r.text(m.get("given_name"), "given_name") or words[0],
            r.text(m.get("family_name"), "family_name") or words[-1],
            r.text(m.get("position"), "position"),
            r.texts(m.get("affiliation"), "affiliation"),
            r.text(m.get("bio"), "bio", paragraphs=True),
            m.get("id"),
            email=(r.text(m.get("email"), "email") or "").casefold() or None,  # matches registrations only
        )
    return drafts


def _rejected(r: Reader, kind_of: str, ident: str | None, loc) -> None:
    """An entry dropped for its own problem: a reference to it is not "unknown" as well."""
    if ident and f"{kind_of}:{ident}" not in r.seen:
        r.rejected.add(f"{kind_of}:{ident}")
    elif not ident and loc is not None:
        r.troubled.add(kind_of)


# The longest base_url: every QR code holds it plus a page's path, and a longer address makes a
# denser code (smaller modules, harder to scan). Real event sites are well under this.
MAX_BASE_URL = 120
_URL_BAD = re.compile(r"[\s\"'<>\\^`{|}]")


def _base_url(r: Reader, loc) -> str | None:
    """The address the QR codes open, refused unless a phone opens it as written: http(s), a
    host, nothing a scanner or browser would read differently (user-info before '@' hides
    the real host, '#' and '?' cut or change every page's address, spaces and quotes break it)."""
    if loc is None or loc.value is None or isinstance(loc.value, (LMap, LList)):
        return r.text(loc, "base_url")
    raw = str(loc.value).strip()
    example = "write the full address where out/site/ is uploaded, like https://example.org/symposium/"
    shown = raw if len(raw) <= 60 else raw[:57] + "..."
    if len(raw) > MAX_BASE_URL:
        r.bad(loc, f"base_url is {len(raw)} characters long; at most {MAX_BASE_URL} keep the QR codes "
              "easy to scan", "use a shorter address for the event's site")
        return None
    bad = _URL_BAD.search(raw) or next((ch for ch in raw if ch.isspace() or not ch.isprintable()), None)
    if bad:
        ch = bad.group(0) if isinstance(bad, re.Match) else bad
        r.bad(loc, f"base_url '{shown}' contains {'a space' if ch == ' ' else repr(ch)}, which a web "
              "address cannot hold as written", example)
        return None
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        r.bad(loc, f"base_url '{shown}' is not a web address", example)
        return None
    if "@" in parts.netloc:
        r.bad(loc, f"base_url '{shown}' has a user name before '@': a phone would open "
              f"{parts.hostname}, not the address that seems to be written", example)
        return None
    if "#" in raw or "?" in raw:
        mark = "#" if "#" in raw else "?"
        r.bad(loc, f"base_url '{shown}' has a '{mark}' part: page addresses are appended to it, "
              "so no page would open", "end the address with the folder's path, like https://example.org/symposium/")
        return None
    return raw
