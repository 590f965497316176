"""The shared intermediate every importer produces, and the collector that builds it.

Importers know their format; nothing else does. They hand a ``Draft`` to
``documents``, which turns it into our four YAML documents. Times are aware
datetimes (any zone); the event's zone decides local dates and clocks later.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime

from .text import clean_line


class ImportFailure(Exception):
    """An export we cannot import; the message is 'file:line: what — how to fix'."""


class Malformed(Exception):
    """A field of the export shaped otherwise than its format says (text where a list belongs, ...).

    The only error ``Collector.guarded`` turns into "skipped": any other exception is a bug in
    eventprint and must not pass as a problem of the export."""


def _shown(v) -> str:
    if v in (None, ""):
        return "empty"
    if isinstance(v, str):
        return f"the text '{v[:40]}'"
    kind = {dict: "an object ", list: "a list ", bool: ""}.get(type(v), "the number ")
    return f"{kind}{str(v)[:40]}"


def mapping(v, what: str) -> dict:
    """``v`` when it is an object (a dict); else Malformed naming ``what``."""
    if isinstance(v, dict):
        return v
    raise Malformed(f"{what} is {_shown(v)}, not an object")


def entries(v, what: str) -> list:
    """``v`` when it is a list; [] when it is missing or empty; else Malformed naming ``what``."""
    if isinstance(v, list):
        return v
    if v in (None, "", {}):
        return []
    raise Malformed(f"{what} is {_shown(v)}, not a list")


@dataclass(frozen=True)
class DraftPerson:
    key: str  # the source's id ("frab:7797") or "name:<folded name>"
    name: str
    affiliation: str | None = None
    bio: str | None = None
    given: str | None = None  # when the source says, or the name starts with a title
    family: str | None = None
    position: str | None = None  # Sessionize's tag line
    url: str | None = None  # the person's page in the tool the export comes from, as the export says


@dataclass(frozen=True)
class DraftItem:
    source_id: str  # the source's stable id, slug or guid: the item id derives from it
    start: datetime  # aware
    end: datetime  # aware
    title: str
    kind: str
    rooms: tuple[str, ...]  # room names as in the source: usually one, none when it does not say
    speakers: tuple[str, ...]  # DraftPerson keys
    abstract: str | None = None
    track: str | None = None
    language: str | None = None
    where: str = ""  # for warnings: "event 10386", "line 12"
    everyone: bool = False  # the export says it is for everyone (a plenum session): every door sign lists it
    url: str | None = None  # the item's page in the tool the export comes from, as the export says


@dataclass(frozen=True)
class Draft:
    format: str
    name: str
    timezone: str
    base_url: str | None  # the export's own schedule page (written as schedule_url, never as our base_url)
    updated: datetime | None  # aware or naive local
    day_change: str | None  # "HH:MM" when the source says when its days change
    short_name: str | None
    rooms: tuple[str, ...]  # room names in the source's order
    people: tuple[DraftPerson, ...]
    items: tuple[DraftItem, ...]
    warnings: tuple[str, ...]
    venue_name: str | None = None
    venue_address: tuple[str, ...] = ()
    acronym: str | None = None  # frab's, as written: the venue's id, as it always was


# A bracketed part of a name: "(they/them)", "(nickname)", "(漢字名)", "[Org]"; full-width too
_BRACKETED = re.compile(r"\s*[(\[（【][^()\[\]（）【】]*[)\]）】]")


def core_name(name: str) -> str:
    """The name without its bracketed parts, for ids and the given and family names only:
    'Alex Doe (they/them)' → 'Alex Doe'. The name itself is printed as written."""
    core = " ".join(_BRACKETED.sub(" ", name).split())
    return core or name


_TITLES = {"prof", "prof.", "dr", "dr.", "dr.-ing.", "dr.-ing", "dr.rer.nat.", "pd", "mr", "mr.", "mrs",
           "mrs.", "ms", "ms.", "dipl.-ing.", "dipl.-inf.", "ing.", "mag.", "sir", "dame"}


def untitled(name: str) -> str:
    """'Prof. Dr. Sören Auer' → 'Sören Auer' (for ids and badge names)."""
    words = name.split()
    n = 0
    while n < len(words) - 1 and words[n].casefold() in _TITLES:
        n += 1
    return " ".join(words[n:])


def name_parts(name: str) -> tuple[str, str, bool]:
    """(given, family, differs): 'Prof. Dr. Sören Auer' → ('Sören', 'Auer', True) and
    'Alex Doe (they/them)' → ('Alex', 'Doe', True): True when the name's first and last
    words are not the given and family names."""
    words = name.split() or ["?"]
    rest = untitled(core_name(name)).split() or words
    return rest[0], rest[-1], (rest[0], rest[-1]) != (words[0], words[-1])


def split_names(text: str) -> list[str]:
    """'A, B and C' / 'A; B' / 'A & B' → names (one person's 'Doe, Jane' is not split by callers);
    never inside brackets: 'Jo (ACME, Inc.)' is one name."""
    parts = re.split(r"\s*(?:,|;|\s&\s|\s+and\s+|\s+und\s+)\s*(?![^()\[\]]*[)\]])", clean_line(text))
    return [p for p in parts if p]


def fold(name: str) -> str:
    return clean_line(name).casefold()


def slugify(text: str, fallback: str = "x") -> str:
    s = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s[:60].strip("-") or fallback


@dataclass
class Collector:
    """Mutable scratchpad an importer fills; ``draft()`` freezes it."""

    file: str
    people: dict[str, DraftPerson] = field(default_factory=dict)
    rooms: list[str] = field(default_factory=list)
    items: list[DraftItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _once: set = field(default_factory=set)
    _spellings: dict = field(default_factory=dict)  # key -> {name as written: times seen}
    _derived: set = field(default_factory=set)  # keys whose given/family names came from the name

    def guarded(self, where: str, fn, *args):
        """fn(*args), or None with a warning when this entry has a shape we do not expect (Malformed);
        any other error is ours and goes on up."""
        try:
            return fn(*args)
        except Malformed as e:
            self.warn(where, f"this entry has an unexpected shape ({e}); skipped — "
                             "check it in the tool you exported from")
            return None

    def warn_once(self, tag: str, where: str, what: str) -> None:
        if tag not in self._once:
            self._once.add(tag)
            self.warn(where, what)

    def warn(self, where: str, what: str) -> None:
        self.warnings.append(f"{self.file}:{where}: {what}" if where else f"{self.file}: {what}")

    def room(self, name: str | None) -> tuple[str, ...]:
        """The item's rooms (one, or none when ``name`` is empty), noted in the event's rooms."""
        name = clean_line(name)
        if not name:
            return ()
        if name not in self.rooms:
            self.rooms.append(name)
        return (name,)

    def person(self, source_id, name: str, affiliation: str | None = None, bio: str | None = None,
               given: str | None = None, family: str | None = None,
               position: str | None = None, url: str | None = None) -> str | None:
        """Add (or complete) a person; dedupe by the source's id, else by name. Returns the key.

        The name is kept as written, brackets and all ("Mo (they/them)", "Li Wei (李伟)"): an
        affiliation comes only from an affiliation field. A comma or semicolon at either end of a
        name or its parts is a list's separator left in a field ("Ganapathi,"), never part of a
        name: it would print as "Ganapathi,," in a list of speakers."""
        name = _bare(name)
        given, family = _bare(given), _bare(family)
        if not name:
            return None
        key = f"id:{source_id}" if source_id not in (None, "") else f"name:{fold(name)}"
        seen = self._spellings.setdefault(key, {})
        seen[name] = seen.get(name, 0) + 1
        old = self.people.get(key)
        if old is None:
            if not (given and family):
                self._derived.add(key)
                g, f, titled = name_parts(name)
                given, family = (g, f) if titled else (None, None)
            self.people[key] = DraftPerson(key, name, clean_line(affiliation) or None, bio or None,
                                           given or None, family or None, position, clean_line(url) or None)
        elif (not old.affiliation and affiliation) or (not old.bio and bio) or (not old.url and url):
            self.people[key] = DraftPerson(key, old.name, old.affiliation or clean_line(affiliation) or None,
                                           old.bio or bio or None, old.given, old.family, old.position,
                                           old.url or clean_line(url) or None)
        return key

    def _named(self, p: DraftPerson) -> DraftPerson:
        """``p`` under the spelling the export uses most for that id (then the longest): not the
        first one met, which moving a talk would change, and with it the badge."""
        seen = self._spellings.get(p.key, {})
        if len(seen) < 2:
            return p
        name = max(seen, key=lambda n: (seen[n], len(n), n))
        if name == p.name:
            return p
        given, family = p.given, p.family
        if p.key in self._derived:
            g, f, titled = name_parts(name)
            given, family = (g, f) if titled else (None, None)
        return replace(p, name=name, given=given, family=family)

    def draft(self, **event) -> Draft:
        used = {r for it in self.items for r in it.rooms}
        rooms = tuple(r for r in self.rooms if r in used)
        return Draft(rooms=rooms, people=tuple(self._named(p) for p in self.people.values()),
                     items=tuple(self.items), warnings=tuple(self.warnings), **event)


def _bare(text) -> str:
    """A name (or part of one) on one line, without a list's separator at either end."""
    return clean_line(text).strip(" ,;") if text else ""
