"""Load a content folder into the model, reporting every problem at once.

Reading happens in passes: find and read the files (merging overrides.yaml into an import);
check each file's fields against its schema (unknown keys, missing fields, types, times);
then check across files (unknown ids, duplicates) and the schedule (conflicts, as warnings).
Only when no pass found a problem is the model built.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import time
from pathlib import Path

from ..model import Event
from ..problems import ContentError, Problem
from .assemble import assemble
from . import multilingual
from .fields import Reader
from .programme import read_programme
from .read import display_path, read_content
from .registration_match import match
from .registrations import read_registrations
from .resolve import resolve
from .schema import read_event, read_people, read_venues


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
    if not content.is_dir():
        raise ContentError([Problem(display_path(content), 0, "this content folder does not exist",
                                    "pass the folder holding event.yaml etc. with --content")])
    problems: list[Problem] = []
    r = Reader(problems)
    source = read_content(content, problems, r.warnings)
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
    regs = read_registrations(r, content, docs["event.yaml"])
    if problems:
        raise ContentError(problems)

    items = resolve(r, days, places, people)
    registrants = match(r, regs, people)
    if strict:
        problems += [replace(w, warning=False) for w in r.warnings]
    if problems:
        raise ContentError(problems)
    if not days:
        raise ContentError([Problem(prog.file, 0, "the programme has no days",
                                    "add at least one day with its items")])
    event = assemble(ev, places, people, days, items, source.files, regs.addons, registrants)
    return Loaded(event, tuple(sorted(r.warnings)))
