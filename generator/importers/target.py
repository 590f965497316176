"""The content folder an import writes to: what may be written there, and what an import changes.

``refuse_hand_written``: a folder with its own event.yaml etc. is a hand-written event; an
import beside it would make every build refuse the folder, so the import refuses first.
``keep_stamp``: an import stamped with its own time ("as of") keeps the earlier stamp when it
changes nothing else, so re-importing the same export changes no file.
``notes``: what the organiser should do about this folder: name the venue the export does not
name (unless overrides.yaml does), and look at an override whose person now has another name
before it prints on someone else's badge.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..content.read import FILES, IMPORTED, OVERRIDES
from ..yamlsource import LList, LMap, read_yaml
from .documents import Documents
from .draft import ImportFailure

_STAMP = re.compile(r"^updated: .*$", re.M)


def refuse_hand_written(to_dir) -> None:
    """ImportFailure when ``to_dir`` holds a hand-written event (its own event.yaml etc.)."""
    to = Path(to_dir)
    own = [n for n in FILES if (to / n).exists()]
    if own:
        raise ImportFailure(
            f"{to}: this folder holds a hand-written event ({', '.join(own)}); an import beside it "
            f"would make every build refuse the folder — import into a new folder, like "
            f"--to {to.name or 'event'}-imported, or move {', '.join(own)} away first")


def keep_stamp(texts: dict[str, str], docs: Documents, target: Path) -> dict[str, str]:
    """``texts`` with the existing ``updated:`` line when nothing else would change."""
    if docs.stamped_by_export:
        return texts
    try:
        old = {n: (target / n).read_text(encoding="utf-8") for n in texts}
    except (OSError, UnicodeDecodeError):
        return texts
    before = _STAMP.search(old["event.yaml"])
    if before is None:
        return texts
    kept = dict(texts, **{"event.yaml": _STAMP.sub(lambda _: before.group(0), texts["event.yaml"], count=1)})
    return kept if kept == old else texts


def notes(docs: Documents, source_name: str, to_dir) -> list[str]:
    """Warnings about ``docs`` written to ``to_dir``, beside the import's own."""
    return _unnamed_venue(docs, source_name, to_dir) + renamed_overrides(docs, to_dir)


def _unnamed_venue(docs: Documents, source_name: str, to_dir) -> list[str]:
    venue = docs.venues["venues"][0]
    if venue["name"]:
        return []
    overrides = _tree(Path(to_dir) / OVERRIDES)
    section = overrides.get("venues") if overrides is not None else None
    mine = section.value.get(venue["id"]) if section is not None and isinstance(section.value, LMap) else None
    if mine is not None and isinstance(mine.value, LMap) and mine.value.get("name") is not None:
        return []  # named there already
    return [f"{source_name}: the export names no venue; the outputs leave it out — set 'name:' (and "
            f"'address:') under 'venues: {venue['id']}:' in overrides.yaml"]


def renamed_overrides(docs: Documents, to_dir) -> list[str]:
    """'overrides.yaml:LINE: ...' for each override of a person whose name the import changes."""
    to = Path(to_dir)
    old_names = _names(to / IMPORTED / "people.yaml")
    if not old_names:
        return []
    overrides = _tree(to / OVERRIDES)
    section = overrides.get("people") if overrides is not None else None
    if section is None or not isinstance(section.value, LMap):
        return []
    new_names = {p["id"]: p["name"] for p in docs.people["people"]}
    out = []
    for pid, loc in section.value.items.items():
        old, new = old_names.get(pid), new_names.get(pid)
        if old and new and old != new:
            out.append(f"{to / OVERRIDES}:{loc.line}: the override of '{pid}' was written for {old}; the "
                       f"export now names {new} under that id — check that it still belongs to {new}, "
                       "else move it to the right id")
    return out


def _tree(path: Path) -> LMap | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    loc = read_yaml(text, str(path), [])
    return loc.value if loc is not None and isinstance(loc.value, LMap) else None


def _names(path: Path) -> dict[str, str]:
    """id → name in an earlier import's people.yaml."""
    tree = _tree(path)
    people = tree.get("people") if tree is not None else None
    if people is None or not isinstance(people.value, LList):
        return {}
    out = {}
    for entry in people.value.items:
        if isinstance(entry.value, LMap):
            pid, name = entry.value.get("id"), entry.value.get("name")
            if pid is not None and name is not None:
                out[str(pid.value)] = str(name.value)
    return out
