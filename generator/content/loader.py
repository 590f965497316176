"""Load a content folder into the model, reporting every problem at once.

Reading happens in passes: find and read the files (merging overrides.yaml into an import);
check each file's fields against its schema (unknown keys, missing fields, types, times);
then check across files (unknown ids, duplicates) and the schedule (conflicts, as warnings).
Only when no pass found a problem is the model built.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import time
from pathlib import Path

from ..model import Event
from ..brand import Brand
from ..problems import ContentError, Group, Origins, Problem
from .assemble import assemble
from .brand import read_brand
from . import multilingual
from .stamp import StampError
from .fields import Reader
from .programme import read_programme
from .read import Source, display_path, read_content
from .registration_match import match
from .registrations import read_registrations
from .resolve import resolve
from .schema import read_event, read_people, read_venues


@dataclass(frozen=True)
class Loaded:
    """The model and the warnings found while loading it (conflicts real schedules contain)."""

    event: Event
    warnings: tuple[Problem, ...]
    lines: Mapping[tuple[str, str], int] = field(default_factory=dict)  # Reader.lines

    def line_of(self, file: str, text: str) -> int:
        """The line where ``text`` was read from the content file named ``file`` (0: unknown)."""
        return self.lines.get((Path(file).name, text), 0)

    def where(self, text: str) -> tuple[str, int] | None:
        """File and line where ``text`` (or, for a joined address or list of hosts, its first part) was read."""
        return self.event.origins.where(text)


def load_event(content_dir: str | os.PathLike, strict: bool = False) -> Event:
    """Load and validate ``content_dir``; raise ContentError listing every problem."""
    return load_content(content_dir, strict).event


def load_content(content_dir: str | os.PathLike, strict: bool = False) -> Loaded:
    """The model and its warnings; with ``strict`` the warnings are errors too. A problem at a line
    of imported/ names the override that corrects it instead (Origins.problem)."""
    content = Path(content_dir)
    if not content.is_dir():
        raise ContentError([Problem(display_path(content), 0, "this content folder does not exist",
                                    "pass the folder holding event.yaml etc. with --content")])
    problems: list[Problem] = []
    r = Reader(problems)
    source = read_content(content, problems, r.warnings)
    origins = Origins(r.places, source.entries, source.overrides)
    try:
        loaded = _load(r, source, content, strict)
    except ContentError as e:
        raise ContentError([origins.problem(p) for p in e.problems]) from None
    return replace(loaded, event=replace(loaded.event, origins=origins),
                   warnings=tuple(sorted(origins.problem(w) for w in loaded.warnings)))


def _load(r: Reader, source: Source, content: Path, strict: bool) -> Loaded:
    problems = r.problems
    docs = source.docs
    multilingual.choose(docs)  # per-language text -> the event language's, before any field is read
    ev = read_event(r, docs["event.yaml"]) if docs["event.yaml"] is not None else None
    places = read_venues(r, docs["venues.yaml"]) if docs["venues.yaml"] is not None else None
    people = read_people(r, docs["people.yaml"]) if docs["people.yaml"] is not None else {}
    prog = docs["programme.yaml"]
    days = []
    if prog is not None:
        days = read_programme(r, prog, places, ev.day_change if ev else time(0, 0),
                              source.imported)
    brand = read_brand(r, docs["event.yaml"].get("brand"), content) if docs["event.yaml"] is not None else Brand()
    regs = _grouped(r, Group.REGISTRATIONS, lambda: read_registrations(r, content, docs["event.yaml"], source.imported))
    for row in regs.rows:  # where a badge's warning finds a registrant's name (Origins)
        for text in filter(None, (row.name, row.given, row.family, row.organisation)):
            r.places.setdefault(text, (row.file, row.line))
    if problems:
        if places is not None and docs["people.yaml"] is not None:
            resolve(r, days, places, people)  # an unknown id in another file: every problem at once
        raise ContentError(problems)
    _check_days(r, days)
    if problems:
        raise ContentError(problems)

    items = resolve(r, days, places, people)
    registrants = _grouped(r, Group.REGISTRATION_MATCH, lambda: match(r, regs, people))
    if strict:  # not the count of registrations without a badge: a cancelled order is no problem
        problems += [replace(w, warning=False) for w in r.warnings if w.group is not Group.NO_BADGE]
    if problems:
        raise ContentError(problems)
    if not days:
        raise ContentError([Problem(prog.file, 0, "the programme has no days",
                                    "add at least one day with its items")])
    try:
        event = assemble(ev, places, people, days, items, source.files, regs.addons, registrants, source.imported,
                         brand)
    except StampError as e:
        raise ContentError([Problem(ev.file, 0, str(e), "set it to seconds since 1970, like 1726473600, or "
                                    "add 'updated: YYYY-MM-DD HH:MM' to event.yaml")]) from None
    return Loaded(event, tuple(sorted(r.warnings)), r.lines)


def _grouped(r: Reader, group: Group, read):
    """``read()``, its warnings that name no group of their own put in ``group`` (for check's listing)."""
    before = len(r.warnings)
    result = read()
    r.warnings[before:] = [w if w.group else replace(w, group=group) for w in r.warnings[before:]]
    return result


# The most days one content folder may have: the booklet's cover and the poster list every
# day by name, and a longer run (a festival season) is a series of events, not one.
MAX_DAYS = 14


def _check_days(r: Reader, days) -> None:
    if len(days) > MAX_DAYS:
        extra = sorted(days, key=lambda d: d.date)[MAX_DAYS]
        r.bad(extra.loc, f"the programme has {len(days)} days; eventprint prints events of at most {MAX_DAYS} "
              "days (the booklet cover and the poster list every day)",
              "split the event into several, one content folder each")
