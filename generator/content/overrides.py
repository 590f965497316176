"""Merge the organiser's ``overrides.yaml`` into imported content, before anything is validated.

``eventprint import`` owns ``imported/*.yaml`` and rewrites them on every import; the organiser
owns ``overrides.yaml`` and the import never touches it. Merging the parsed trees (not the
model) keeps every value's own file and line, so a wrong override is reported at
``overrides.yaml:LINE`` by the same checks as everything else, and a value taken from the import
at its line in ``imported/``.

    event:   {key: value}           any event.yaml key, replacing the imported value
    venues:  {venue-id: {key: v}}   any venue key except id and rooms
    rooms:   {room-id: {key: v}}    any room key except id
    people:  {person-id: {key: v}}  any person key except id
    items:   {item-id: {key: v}}    any programme item key except id

An id the import no longer has is a warning (the import changed under the override), not an
error: the rest of the event still builds.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..problems import Entry, Group, Problem, Where
from ..reference import HINT
from ..yamlsource import LList, LMap, Located

SECTIONS = ("event", "venues", "rooms", "people", "items")

# section -> (what one entry is called, where the import lists them, keys an override may not set)
_ENTRIES = {
    "venues": ("venue", "the imported venues", ("id", "rooms")),
    "rooms": ("room", "the imported venues", ("id",)),
    "people": ("person", "the imported people", ("id",)),
    "items": ("programme item", "the imported programme", ("id",)),
}


def _maps(loc: Located | None) -> Iterator[LMap]:
    """The mappings in a list, skipping anything else (the validation reports those)."""
    if loc is not None and isinstance(loc.value, LList):
        for entry in loc.value.items:
            if isinstance(entry.value, LMap):
                yield entry.value


def _targets(docs: dict[str, LMap | None]) -> dict[str, dict[str, LMap]]:
    """Every overridable block of the import, by section and id."""
    venues = [v for d in [docs.get("venues.yaml")] if d for v in _maps(d.get("venues"))]
    found: dict[str, list[LMap]] = {
        "venues": venues,
        "rooms": [r for v in venues for r in _maps(v.get("rooms"))],
        "people": [p for d in [docs.get("people.yaml")] if d for p in _maps(d.get("people"))],
        "items": [it for d in [docs.get("programme.yaml")] if d
                  for day in _maps(d.get("days")) for it in _maps(day.get("items"))],
    }
    out: dict[str, dict[str, LMap]] = {}
    for section, blocks in found.items():
        by_id: dict[str, LMap] = {}
        for block in blocks:
            ident = block.get("id")
            if ident is not None and ident.value is not None:
                by_id.setdefault(str(ident.value), block)
        out[section] = by_id
    return out


def entries(docs: dict[str, LMap | None]) -> dict[Where, Entry]:
    """Every line of the import, with the override that corrects what is written there: a problem
    at a line of imported/ is told as the id and the key to set in overrides.yaml (Origins)."""
    found: dict[Where, Entry] = {}
    targets = _targets(docs)
    for section in ("rooms", "venues", "people", "items"):  # rooms first: they are inside their venue
        for ident, block in targets[section].items():
            found.setdefault((block.file, block.line), (section, ident, ""))
            for key, loc in block.items.items():
                for where in _lines(loc):
                    found.setdefault(where, (section, ident, key))
    event = docs.get("event.yaml")
    for key, loc in (event.items.items() if event is not None else ()):
        for where in _lines(loc):
            found.setdefault(where, ("event", "", key))
    return found


def _lines(loc: Located) -> Iterator[Where]:
    """Where ``loc`` and everything in it is written."""
    yield loc.file, loc.line
    value = loc.value
    if isinstance(value, LMap):
        for inner in value.items.values():
            yield from _lines(inner)
    elif isinstance(value, LList):
        for inner in value.items:
            yield from _lines(inner)


def merge(docs: dict[str, LMap | None], overrides: LMap,
          problems: list[Problem], warnings: list[Problem]) -> None:
    """Apply ``overrides`` to the imported trees in ``docs`` in place."""
    for key, loc in overrides.items.items():
        if key not in SECTIONS:
            guess = difflib.get_close_matches(key, SECTIONS, n=1, cutoff=0.6)
            problems.append(Problem(loc.file, loc.line, f"unknown key '{key}' in overrides.yaml",
                                    f"did you mean '{guess[0]}'? Correct the spelling" if guess
                                    else f"allowed here: {', '.join(SECTIONS)}"))
    targets = _targets(docs)
    event = docs.get("event.yaml")
    section = _section(overrides, "event", problems)
    if section is not None and event is not None:
        event.items.update(section.items)
    for name, (what, where, fixed) in _ENTRIES.items():
        section = _section(overrides, name, problems)
        if section is None:
            continue
        for ident, loc in section.items.items():
            if not isinstance(loc.value, LMap):
                problems.append(Problem(loc.file, loc.line,
                                        f"the override of {what} '{ident}' should be a block of 'key: value' lines",
                                        f"write the fields to change, indented under '{ident}:'"))
                continue
            target = targets[name].get(ident)
            if target is None:
                guess = difflib.get_close_matches(ident, list(targets[name]), n=1, cutoff=0.6)
                warnings.append(Problem(
                    loc.file, loc.line, f"the {what} '{ident}' is not in {where} any more",
                    "remove this override or correct the id" + (f" (did you mean '{guess[0]}'?)" if guess else ""),
                    warning=True, group=Group.STALE_OVERRIDE))
                continue
            for key, value in loc.value.items.items():
                if key in fixed:
                    problems.append(Problem(value.file, value.line,
                                            f"an override cannot change the '{key}' of {what} '{ident}'",
                                            _fixed_hint(name, key)))
                    continue
                target.items[key] = value


def _section(overrides: LMap, name: str, problems: list[Problem]) -> LMap | None:
    loc = overrides.get(name)
    if loc is None or loc.value is None:
        return None
    if not isinstance(loc.value, LMap):
        problems.append(Problem(loc.file, loc.line, f"'{name}' in overrides.yaml should be a block of 'key: value' lines",
                                f"indent each entry under '{name}:', see `{HINT}`"))
        return None
    return loc.value


def _fixed_hint(section: str, key: str) -> str:
    if key == "rooms":
        return "override a room by its id under 'rooms:' instead"
    return "ids come from the import; to change one, change it in the source and import again"
