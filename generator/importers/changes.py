"""What a re-import changed, in the organiser's words, and what the next build will reprint.

The talk-by-talk summary compares the imported files before and after — the export's own facts,
matched by item id (ids stay the same across imports): talks added, removed, moved (another time
or room), titles confirmed or changed, speakers added or removed. Which badges and door signs
change is asked of the content as it prints (overrides.yaml applied) through ``reprint.between``,
the manifest's own hashes, so the import names what the next build will name.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

import yaml

from .remote import IMPORTED_FILES

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's: ten times faster
MAX_LINES = 30  # details shown; the rest are counted
_ORDER = ("added", "removed", "moved", "title confirmed", "title changed", "speaker added", "speaker removed")
_PLURAL = {"title confirmed": "titles confirmed", "title changed": "titles changed",
           "speaker added": "speakers added", "speaker removed": "speakers removed"}


def previous(content_dir) -> dict[str, str] | None:
    """The texts of the previous import's files, or None when there was no (complete) import."""
    imported = Path(content_dir) / "imported"
    try:
        return {n: (imported / n).read_text(encoding="utf-8") for n in IMPORTED_FILES}
    except (OSError, UnicodeDecodeError):
        return None


def report(content_dir, before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Lines for the organiser: the summary, then the badges and door signs to reprint."""
    if before == after:
        return ["Nothing changed since the last import."]
    return summary(before, after) + reprints(content_dir, after)


# --------------------------------------------------------------------------- talk by talk


def _parse(texts: dict[str, str]) -> tuple[dict, dict, dict]:
    """(items by id, room names by id, person names by id) of one import's files."""
    def load(name):
        try:
            return yaml.load(texts.get(name, ""), Loader=_LOADER) or {}
        except yaml.YAMLError:
            return {}
    items, rooms, people = {}, {}, {}
    for day in load("programme.yaml").get("days") or []:
        for it in day.get("items") or []:
            items[str(it.get("id"))] = dict(it, date=day.get("date"))
    for venue in load("venues.yaml").get("venues") or []:
        for r in venue.get("rooms") or []:
            rooms[str(r.get("id"))] = str(r.get("name") or r.get("id"))
    for p in load("people.yaml").get("people") or []:
        people[str(p.get("id"))] = str(p.get("name") or p.get("id"))
    return items, rooms, people


def _when(it: dict, rooms: dict) -> str:
    d = it.get("date")
    day = f"{d:%a} {d.day} {d:%b}" if isinstance(d, date) else str(d)
    room = rooms.get(str(it.get("room")), it.get("room"))
    return f"{day} {it.get('start')}–{it.get('end')}" + (f", {room}" if room else "")


def _slot(it: dict) -> tuple:
    return it.get("date"), it.get("start"), it.get("end"), it.get("room")


def _unconfirmed(title) -> bool:
    from ..content.programme import TBC_WORDS
    return str(title or "").strip().casefold() in TBC_WORDS


def summary(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Talks added, removed, moved, retitled and their speakers, each with its title."""
    old, old_rooms, old_people = _parse(before)
    new, new_rooms, new_people = _parse(after)
    lines: list[tuple[str, str]] = []  # (kind of change, line)
    for iid, it in new.items():
        if iid not in old:
            lines.append(("added", f"added: \"{it.get('title')}\" ({_when(it, new_rooms)})"))
            continue
        was = old[iid]
        if _slot(was) != _slot(it):
            lines.append(("moved", f"moved: \"{it.get('title')}\" {_when(was, old_rooms)} → {_when(it, new_rooms)}"))
        if was.get("title") != it.get("title"):
            if _unconfirmed(was.get("title")) and not _unconfirmed(it.get("title")):
                lines.append(("title confirmed", f"title confirmed: \"{it.get('title')}\" (was \"{was.get('title')}\")"))
            else:
                lines.append(("title changed", f"title changed: \"{was.get('title')}\" → \"{it.get('title')}\""))
        # by name: what the organiser reads (a person's id may change when a namesake leaves)
        had = [old_people.get(s, s) for s in was.get("speakers") or []]
        has = [new_people.get(s, s) for s in it.get("speakers") or []]
        for n in has:
            if n not in had:
                lines.append(("speaker added", f"speaker added: {n} to \"{it.get('title')}\""))
        for n in had:
            if n not in has:
                lines.append(("speaker removed", f"speaker removed: {n} from \"{it.get('title')}\""))
    for iid, it in old.items():
        if iid not in new:
            lines.append(("removed", f"removed: \"{it.get('title')}\" ({_when(it, old_rooms)})"))
    if not lines:
        return ["Changes since the last import: no talk was added, removed, moved or retitled and no "
                "speaker changed (other details did, such as abstracts or biographies)."]
    lines.sort(key=lambda x: _ORDER.index(x[0]))
    counts: dict[str, int] = {}
    for kind, _ in lines:
        counts[kind] = counts.get(kind, 0) + 1
    out = ["Changes since the last import: " + ", ".join(f"{n} {_PLURAL.get(k, k) if n > 1 else k}"
                                                          for k, n in counts.items())]
    out += [f"  {line}" for _, line in lines[:MAX_LINES]]
    if len(lines) > MAX_LINES:
        out.append(f"  … and {len(lines) - MAX_LINES} more")
    return out


# --------------------------------------------------------------------------- what to reprint


def reprints(content_dir, after: dict[str, str]) -> list[str]:
    """Which badges and door signs differ between the content as it is and with the new import."""
    from .. import reprint
    from ..content import load_content
    from ..problems import ContentError
    try:
        old = load_content(content_dir).event
    except ContentError as e:
        return [f"Which badges and door signs change is not known: the previous import does not load "
                f"({e.problems[0]})."]
    with tempfile.TemporaryDirectory(prefix="eventprint-import-") as tmp:
        try:
            new = load_content(_shadow(Path(content_dir), Path(tmp), after)).event
        except ContentError as e:
            return [f"Which badges and door signs change is not known: the new import does not load with "
                    f"overrides.yaml ({str(e.problems[0]).replace(tmp, str(content_dir))})."]
    changed, gone = reprint.between(old, new)
    out = [("The next build reprints: " + "; ".join(changed)) if changed
           else "No badge or door sign changes."]
    if gone:
        out.append("No longer needed: " + "; ".join(gone))
    return out


def _shadow(content: Path, tmp: Path, texts: dict[str, str]) -> Path:
    """A content folder like ``content`` (overrides.yaml, registrations, ...) with the new imported/."""
    for entry in content.iterdir():
        if entry.name == "imported":
            continue
        try:
            os.symlink(entry.resolve(), tmp / entry.name)
        except OSError:  # no symbolic links here: a copy of the files will do
            if entry.is_file():
                shutil.copy2(entry, tmp / entry.name)
    (tmp / "imported").mkdir()
    for name, text in texts.items():
        (tmp / "imported" / name).write_text(text, encoding="utf-8")
    return tmp
