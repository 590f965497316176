"""The shared intermediate every importer produces, and the collector that builds it.

Importers know their format; nothing else does. They hand a ``Draft`` to
``documents``, which turns it into our four YAML documents. Times are aware
datetimes (any zone); the event's zone decides local dates and clocks later.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class DraftItem:
    source_id: str  # the source's stable id, slug or guid: the item id derives from it
    start: datetime  # aware
    end: datetime  # aware
    title: str
    kind: str
    room: str | None  # room name as in the source
    speakers: tuple[str, ...]  # DraftPerson keys
    abstract: str | None = None
    track: str | None = None
    language: str | None = None
    where: str = ""  # for warnings: "event 10386", "line 12"


@dataclass(frozen=True)
class Draft:
    format: str
    name: str
    timezone: str
    base_url: str | None
    updated: datetime | None  # aware or naive local
    day_change: str | None  # "HH:MM" when the source says when its days change
    short_name: str | None
    rooms: tuple[str, ...]  # room names in the source's order
    people: tuple[DraftPerson, ...]
    items: tuple[DraftItem, ...]
    warnings: tuple[str, ...]
    venue_name: str | None = None
    venue_address: tuple[str, ...] = ()


_AFFIL = re.compile(r"^(.*?\S)\s*[\[(]([^\[\]()]+)[\])]\s*$")


def split_affiliation(name: str) -> tuple[str, str | None]:
    """'Chloé Berthélémy (EDRi)' → ('Chloé Berthélémy', 'EDRi'); also '[Org]'."""
    name = clean_line(name)
    m = _AFFIL.match(name)
    if m:
        return m.group(1), m.group(2).strip()
    return name, None


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
    """(given, family, had_titles): 'Prof. Dr. Sören Auer' → ('Sören', 'Auer', True)."""
    rest = untitled(name).split() or ["?"]
    return rest[0], rest[-1], len(rest) < len(name.split())


def split_names(text: str) -> list[str]:
    """'A, B and C' / 'A; B' / 'A & B' → names (one person's 'Doe, Jane' is not split by callers)."""
    parts = re.split(r"\s*(?:,|;|\s&\s|\s+and\s+|\s+und\s+)\s*", clean_line(text))
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

    def room(self, name: str | None) -> str | None:
        name = clean_line(name)
        if not name:
            return None
        if name not in self.rooms:
            self.rooms.append(name)
        return name

    def person(self, source_id, name: str, affiliation: str | None = None, bio: str | None = None,
               split_org: bool = True, given: str | None = None, family: str | None = None,
               position: str | None = None) -> str | None:
        """Add (or complete) a person; dedupe by the source's id, else by name. Returns the key."""
        name = clean_line(name)
        if not name:
            return None
        if split_org and affiliation is None:
            name, affiliation = split_affiliation(name)
        key = f"id:{source_id}" if source_id not in (None, "") else f"name:{fold(name)}"
        old = self.people.get(key)
        if old is None:
            if not (given and family):
                g, f, titled = name_parts(name)
                given, family = (g, f) if titled else (None, None)
            self.people[key] = DraftPerson(key, name, clean_line(affiliation) or None, bio or None,
                                           clean_line(given) or None, clean_line(family) or None, position)
        elif (not old.affiliation and affiliation) or (not old.bio and bio):
            self.people[key] = DraftPerson(key, old.name, old.affiliation or clean_line(affiliation) or None,
                                           old.bio or bio or None, old.given, old.family, old.position)
        return key

    def draft(self, **event) -> Draft:
        used = {it.room for it in self.items}
        rooms = tuple(r for r in self.rooms if r in used)
        return Draft(rooms=rooms, people=tuple(self.people.values()), items=tuple(self.items),
                     warnings=tuple(self.warnings), **event)
