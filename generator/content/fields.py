"""Field readers: each turns one located YAML value into a clean Python value or records a problem.

Every problem carries the file and line of the value it is about, so a value merged in from
overrides.yaml is reported there. Nothing here knows which file a field belongs to.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path

from ..problems import Group, Problem
from ..yamlsource import LList, LMap, Located


@lru_cache(maxsize=64)
def _file_name(file: str) -> str:
    """``Path(file).name``, once per file rather than once per text (9,000 of them in a large event)."""
    return Path(file).name


ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_ID = 100  # ids name files (talks/<id>.html) and URLs: well inside every file system's name limit
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})$")
# Years an event's dates may have: far enough on both sides for any real event, and away from
# the ends of Python's calendar (year 1 and 9999), where "the day after" does not exist.
YEARS = (1900, 2199)
# Longest text a field may hold. One line (a title, a name, an address line) prints large on
# signs, badges and the poster: longer than this it is a paste into the wrong field, so an error.
MAX_LINE = 300
# Paragraphs (an abstract, a bio): about eight booklet pages. Longer, the text is cut at a word
# with an ellipsis and a warning: a speaker's overlong text should not stop the printing.
MAX_PARAGRAPHS = 20_000
# Invisible controls of writing direction: embeddings and overrides (U+202A-202E), isolates
# (U+2066-2069) and the direction marks (LRM, RLM, ALM). In a name or title they make a screen show
# another reading than the one written (U+202E turns "moc.elgoog" into "google.com"); every output
# orders text by the Unicode rules, one base direction per paragraph, without them.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(text: str) -> tuple[str, str]:
    """``text`` without its direction controls, and those it had, described ('' for none)."""
    found = sorted(set(BIDI_CONTROLS.findall(text)))
    if not found:
        return text, ""
    named = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in found)
    return BIDI_CONTROLS.sub("", text), named


BIDI_FIX = "delete them: they come along when text is pasted from another program, and mean nothing printed"


@dataclass
class Reader:
    """Reads fields, collecting every problem (and warning) instead of stopping at the first."""

    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)
    seen: dict[str, Located] = field(default_factory=dict)  # "kind:id" -> where first used
    # "kind:id" of entries dropped for a problem of their own: references to them are not
    # reported again as unknown ids (one problem, reported once)
    rejected: set[str] = field(default_factory=set)
    # kinds ("person") whose ids had a problem (invalid, used twice): which id an entry meant is
    # unknown, so references to that kind are not checked until it is fixed
    troubled: set[str] = field(default_factory=set)
    # (file name, text) -> line where that text was read: for problems found later in the model,
    # whose venues, rooms and event fields keep no line of their own (font coverage)
    lines: dict[tuple[str, str], int] = field(default_factory=dict)
    places: dict[str, tuple[str, int]] = field(default_factory=dict)  # text -> (file, line) first read

    def bad(self, loc: Located | LMap | LList, what: str, fix: str) -> None:
        self.problems.append(Problem(loc.file, loc.line, what, fix))

    def warn(self, loc: Located | LMap | LList, what: str, fix: str, group: Group | None = None) -> None:
        """Something real schedules contain (a conflict): reported, but the build goes on."""
        self.warnings.append(Problem(loc.file, loc.line, what, fix, warning=True, group=group))

    def claim(self, kind_of: str, ident: str, loc: Located) -> bool:
        """Record an id; False (and a problem naming the first use) when it is taken."""
        key = f"{kind_of}:{ident}"
        first = self.seen.get(key)
        if first is not None:
            self.troubled.add(kind_of)
            self.bad(loc, f"the {kind_of} id '{ident}' is used twice (first at {first.file}:{first.line})",
                     f"give each {kind_of} its own id")
            return False
        self.seen[key] = loc
        return True

    def unknown(self, loc: Located, what: str, ident: str, known: dict) -> None:
        """A reference to an id that does not exist, with the nearest existing id as a hint."""
        if f"{what}:{ident}" in self.rejected or what in self.troubled:
            return
        guess = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.6)
        hint = f"did you mean '{guess[0]}'?" if guess else f"add a {what} with id '{ident}' or correct the id"
        where = {"person": "people.yaml", "room": "venues.yaml", "venue": "venues.yaml"}[what]
        self.bad(loc, f"no {what} with id '{ident}' exists in {where}", hint)

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
        if BIDI_CONTROLS.search(s):
            s, named = without_bidi_controls(s)
            self.warn(loc, f"{what} contains invisible direction controls ({named}), which can make it "
                      "read differently on screen than it is written; they are left out", BIDI_FIX)
        if paragraphs:
            paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", s.strip())]
            s = "\n\n".join(p for p in paras if p)
        else:
            s = " ".join(s.split())
        if not s:
            return None
        if not paragraphs and len(s) > MAX_LINE:
            self.bad(loc, f"{what} is {len(s):,} characters long; at most {MAX_LINE} fit where it prints "
                     f"(\"{s[:40]}...\")", "shorten it (a longer text belongs in 'abstract' or 'bio')")
            return s[:MAX_LINE]  # the build stops on the problem; no "has no title" besides
        if paragraphs and len(s) > MAX_PARAGRAPHS:
            cut = s[:MAX_PARAGRAPHS].rstrip()
            if " " in cut[-200:]:
                cut = cut[:cut.rindex(" ")].rstrip()
            self.warn(loc, f"{what} is {len(s):,} characters long; only the first {len(cut):,} are printed, "
                      "ending in '\u2026'", f"shorten it to at most {MAX_PARAGRAPHS:,} characters", Group.TEXT_CUT)
            s = cut + "\u2026"
        self.lines.setdefault((_file_name(loc.file), s), loc.line)
        self.places.setdefault(s, (loc.file, loc.line))
        return s

    def flag(self, loc: Located | None, what: str) -> bool | None:
        """``true`` or ``false``; None when not given."""
        if loc is None or loc.value is None:
            return None
        if not isinstance(loc.value, bool):
            self.bad(loc, f"{what} is '{loc.value}', not true or false", f"write '{what}: true' or '{what}: false'")
            return None
        return loc.value

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
        if not ID.match(s):
            self.bad(loc, f"{what} '{s[:40]}{'...' if len(s) > 40 else ''}' is not a valid id",
                     "use lowercase letters, digits and dashes only, like 'n0-002'")
            return None
        if len(s) > MAX_ID:
            self.bad(loc, f"{what} '{s[:40]}...' is {len(s)} characters long; ids are at most {MAX_ID} "
                     "(they become file names and web addresses)", "shorten it")
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
            found = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            self.bad(loc, f"{what} '{s}' is not a date", "write it as YYYY-MM-DD, like 2024-09-16")
            return None
        return found if self._in_years(loc, what, s, found.year) else None

    def _in_years(self, loc: Located, what: str, s: str, year: int) -> bool:
        if YEARS[0] <= year <= YEARS[1]:
            return True
        self.bad(loc, f"{what} '{s}' is in the year {year}", f"write a date between {YEARS[0]} and {YEARS[1]}")
        return False

    def stamp(self, loc: Located | None, what: str) -> datetime | None:
        if loc is None or loc.value is None:
            return None
        s = str(loc.value).strip()
        m = _DATETIME.match(s)
        try:
            if not m:
                raise ValueError
            found = datetime(*(int(g) for g in m.groups()))
        except ValueError:
            self.bad(loc, f"{what} '{s}' is not a date and time", "write it as YYYY-MM-DD HH:MM, like 2024-09-10 18:00")
            return None
        return found if self._in_years(loc, what, s, found.year) else None
