"""event.yaml, venues.yaml and people.yaml: each file's keys, types and values, one file at a time.

Rooms and venues become model objects at once (they refer to nothing else); people stay drafts
until the programme says what their roles are.
"""
from __future__ import annotations

import difflib
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .. import i18n
from ..links import TARGETS as LINK_TARGETS
from ..model import BINDINGS, BOOKLET_ABSTRACTS, Room, Venue, Where
from ..yamlsource import LList, LMap, Located
from . import weburl
from .drafts import EventDraft, PersonDraft, Places
from .fields import Reader
from .read import IMPORTED

EVENT_REQUIRED = ("name", "timezone", "hosts")
EVENT_OPTIONAL = ("base_url", "links", "schedule_url", "short_name", "language", "updated", "info", "day_change",
                  "booklet_abstracts", "paper_thickness", "binding", "saddle_stitch_max",
                  "registrations", "addons",  # these two: read by content.registrations
                  "brand")  # read by content.brand


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
    base = _own_base_url(r, ev.get("base_url"))
    links = r.text(ev.get("links"), "links")
    if links is not None and links not in LINK_TARGETS:
        guess = difflib.get_close_matches(links, LINK_TARGETS, n=1, cutoff=0.5)
        r.bad(ev.get("links"), f"links '{links}' is not a choice",
              (f"did you mean '{guess[0]}'? " if guess else "") + "write 'links: source' (QR codes open the pages "
              "the export names) or 'links: site' (they open out/site/ at base_url)")
        links = None
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
        language=language(r, ev.get("language"), event=True) or "en",
        hosts=r.texts(ev.get("hosts"), "hosts"),
        base_url=base,
        links=links,
        schedule_url=weburl.page_url(r, ev.get("schedule_url"), "schedule_url"),
        updated=r.stamp(ev.get("updated"), "updated"),
        day_change=r.clock(ev.get("day_change"), "day_change") or time(0, 0),
        info=tuple(info),
        booklet_abstracts=abstracts,
        paper_thickness=paper,
        binding=binding,
        saddle_stitch_max=saddle_max,
        file=ev.file,
        base_url_at=_at(ev.get("base_url")) if base else ("", 0),
        links_at=_at(ev.get("links")) if links else ("", 0),
        schedule_url_at=_at(ev.get("schedule_url")),
    )


def _at(loc: Located | None) -> Where:
    return (loc.file, loc.line) if loc is not None else ("", 0)


def _own_base_url(r: Reader, loc: Located | None) -> str | None:
    """The organiser's base_url. One in imported/ (an older eventprint import wrote the export's
    schedule address there) is not taken as the address of our own site: every QR code would join
    our page paths to the conference tool's server, where they open nothing."""
    if loc is not None and Path(loc.file).parent.name == IMPORTED:
        r.warn(loc, f"base_url {loc.value} was written by an older eventprint import: it is the export's "
               "address, not where out/site/ is uploaded, so it is not used",
               "import the event again; to open your own site, set 'base_url:' under 'event:' in overrides.yaml")
        return None
    return weburl.base_url(r, loc)


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
        if name is None and _empty_text(m.get("name")):
            name = ""  # written 'name: ""': not known (an import whose export names none); left out where printed
        address = r.texts(m.get("address"), "address")
        if not vid or name is None or not r.claim("venue", vid, m.get("id")):
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
            rname = _named(r, rm.get("name"), "room name", "write the name shown on the door, e.g. name: Hall A")
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
               ("given_name", "family_name", "position", "affiliation", "bio", "email", "url"))
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
            url=weburl.page_url(r, m.get("url"), "url"),
            url_loc=m.get("url"),
        )
    return drafts


def _empty_text(loc) -> bool:
    return loc is not None and isinstance(loc.value, str) and not loc.value.strip()
def language(r: Reader, loc, event: bool = False) -> str | None:
    """A language tag (BCP 47: 'de', 'en-US'), refused at its line when it is not shaped like one;
    the event's, if CLDR does not know it, is a warning there (its words print in English)."""
    tag = r.text(loc, "language")
    if tag is None:
        return None
    if not i18n.well_formed(tag):
        r.bad(loc, f"'{tag[:40]}' is not a language tag", "write one like en, de, fr, es, en-US or de-AT")
        return None
    if event and not i18n.known(tag):
        what, fix = i18n.UNKNOWN
        r.warn(loc, what.format(tag=tag), fix)
    return tag


def _named(r: Reader, loc, what: str, fix: str) -> str | None:
    """A name that must print: written but empty (``name: ""``) is a problem at its line."""
    name = r.text(loc, what)
    if name is None and loc is not None and isinstance(loc.value, str):  # (no value at all: r.keys says so)
        r.bad(loc, f"the {what} is empty", fix)
    return name


def _rejected(r: Reader, kind_of: str, ident: str | None, loc) -> None:
    """An entry dropped for its own problem: a reference to it is not "unknown" as well."""
    if ident and f"{kind_of}:{ident}" not in r.seen:
        r.rejected.add(f"{kind_of}:{ident}")
    elif not ident and loc is not None:
        r.troubled.add(kind_of)
