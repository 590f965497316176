"""Reprinting only what changed: a manifest of what each badge and door sign shows.

Every build of badges and/or door signs writes ``out/manifest.json``: one
content hash per badge (person id) and per door sign (room id and date),
computed from the model data the item prints, never from PDF bytes and never
from the "as of" stamp. The next build compares with it, tells the user in
plain words which badges and signs changed, and adds ``reprint.pdf`` holding
only those (badges on sheets like the full run, then the door signs). Nothing
changed: it says so and writes no reprint file; a reprint.pdf left over from an
earlier build is removed after the new build has been written, because it no
longer matches anything.

The manifest keeps the entries of outputs not built in this run, so building
only badges does not forget the door signs (and ``--person`` updates only that
person's entry).
"""
from __future__ import annotations

import hashlib
import io
import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

from eventprint.layouts.kit import common, theme, typeset
from eventprint.layouts.badges.data import BadgeData, badge_key, badge_order, badges, participants, select_people
from eventprint.layouts.badges.document import draw_badge_sheets, sheet_for, size_of
from eventprint.layouts.signs.data import sign_data
from eventprint.layouts.signs.document import draw_signs

from .model import Day, Event, Room
from .options import BuildOptions
from .output import Artifact

MANIFEST = "manifest.json"
REPRINT = "reprint.pdf"
FORMAT = 1
BADGES, SIGNS = "badges", "signs"


# --------------------------------------------------------------------------
# what each item shows
# --------------------------------------------------------------------------


def _digest(data) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# BadgeData fields added later; "lang" only chooses the words, which are hashed themselves
_LATER_FIELDS = {"addons": [], "agenda_heading": "YOUR PROGRAMME", "lang": "en"}
_ENTRY_FIELDS = ("agenda", "addons")  # tuples of AgendaEntry


def _badge_hash(d: BadgeData) -> str:
    """Fields added to BadgeData later count only when they differ from their default, so that a
    manifest written before they existed still matches every badge that shows nothing new."""
    data = {f: ([e.__dict__ for e in v] if f in _ENTRY_FIELDS else v) for f, v in d.__dict__.items()}  # asdict, faster
    for key, default in _LATER_FIELDS.items():
        if data[key] == default:
            del data[key]
    return _digest(data)


def _holders(event: Event, options: BuildOptions) -> list:
    """Everyone whose badge this build prints: programme people, then registered participants."""
    return select_people(event, options) + ([] if options.person else participants(event))


def badge_entries(event: Event, options: BuildOptions) -> dict[str, dict[str, str]]:
    """badge key (person id, or 'registration:' and the list's id) -> {hash, label}: the hash is of
    exactly the BadgeData the badge draws."""
    holders = _holders(event, options)
    return {badge_key(p): {"hash": _badge_hash(d), "label": f"badge for {p.name}"}
            for p, d in zip(holders, badges(event, holders), strict=True)}


def sign_key(room_id: str, day: date) -> str:
    return f"{room_id}/{day.isoformat()}"


def sign_label(room: Room, day: Day) -> str:
    return f"door sign {room.name} {day.date:%A} {day.date.day} {day.date:%B}"


def sign_entries(event: Event) -> dict[str, dict[str, str]]:
    """sign key -> {hash, label}: the hash is of exactly the SignData the door sign draws."""
    return {sign_key(room.id, day.date): {"hash": _digest(asdict(sign_data(event, room, day))),
                                          "label": sign_label(room, day)}
            for room, day in event.room_days()}


# --------------------------------------------------------------------------
# the manifest
# --------------------------------------------------------------------------


def read_manifest(out: Path) -> dict | None:
    """The previous build's manifest, or None; one that is unreadable or of the wrong shape is
    ignored with a warning line (the build then records afresh instead of crashing)."""
    path = out / MANIFEST
    if not path.exists() and not path.is_symlink():
        return None
    try:
        if not path.is_file() or path.stat().st_size > 64 * 1024 * 1024:
            raise ValueError("not a file eventprint wrote")
        data = json.loads(path.read_bytes().decode("utf-8"))
        if not _manifest_shape(data):
            raise ValueError("not laid out as eventprint writes it")
    except (OSError, ValueError, RecursionError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else (
            "nested too deeply" if isinstance(e, RecursionError) else str(e).split("\n")[0][:80])
        print(f"eventprint: ignored {path} ({why}); this build records what it prints afresh.", file=sys.stderr)
        return None
    return data if data.get("format") == FORMAT else None


def _manifest_shape(data) -> bool:
    if not isinstance(data, dict):
        return False
    for section in (BADGES, SIGNS):
        entries = data.get(section) or {}
        if not isinstance(entries, dict) or not all(
                isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("hash"), str)
                and isinstance(v.get("label", ""), str) for k, v in entries.items()):
            return False
    return True


def manifest_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _built(names, artifacts) -> set[str]:
    """Which tracked outputs this build actually rendered."""
    built = set()
    if BADGES in names and any(a.path.startswith("badges") for a in artifacts):
        built.add(BADGES)
    if SIGNS in names:
        built.add(SIGNS)
    return built


def _changes(old: dict, new: dict) -> tuple[list[str], list[str]]:
    changed = [k for k in sorted(new) if k in old and old[k].get("hash") != new[k]["hash"]]
    added = [k for k in sorted(new) if k not in old]
    return changed, added


# --------------------------------------------------------------------------
# the build hooks
# --------------------------------------------------------------------------


def after_render(event: Event, out: Path, names, options: BuildOptions, artifacts: list[Artifact]) -> list[str]:
    """Compare with the previous build; append manifest.json (and reprint.pdf); return lines for the user."""
    built = _built(names, artifacts)
    if not built:
        return []
    previous = read_manifest(Path(out))
    manifest = {"format": FORMAT, BADGES: {}, SIGNS: {}}
    if previous:
        manifest[BADGES] = dict(previous.get(BADGES) or {})
        manifest[SIGNS] = dict(previous.get(SIGNS) or {})
    current: dict[str, dict] = {}
    if BADGES in built:
        current[BADGES] = badge_entries(event, options)
    if SIGNS in built:
        current[SIGNS] = sign_entries(event)

    messages: list[str] = []
    changed: dict[str, list[str]] = {BADGES: [], SIGNS: []}
    words: list[str] = []
    gone: list[str] = []
    for section, entries in current.items():
        old = (previous or {}).get(section)
        if old:  # a section seen before: compare (a first build of this output only records)
            ch, added = _changes(old, entries)
            changed[section] = sorted(ch + added, key=list(entries).index)
            words += [entries[k]["label"] for k in ch] + ["new " + entries[k]["label"] for k in added]
            if section == BADGES and options.person:
                pass  # one person's build says nothing about the others
            else:
                gone += [old[k].get("label", k) for k in sorted(old) if k not in entries]
        if section == BADGES and options.person:
            if manifest[section]:  # one person's badge never starts a manifest of everyone
                manifest[section].update(entries)
        else:
            manifest[section] = entries

    if not any((previous or {}).get(s) for s in current):
        if not any(manifest[s] for s in current):
            return messages  # nothing recorded (a single person's badge before any full build)
        messages.append(f"Recorded what every {' and '.join(_nouns(built))} shows in {MANIFEST}; "
                        f"the next build will tell what changed.")
    elif words:
        messages.append("Changed since the last build: " + "; ".join(words))
        data = _reprint_pdf(event, options, changed)
        if data is not None:
            artifacts.append(Artifact(REPRINT, data))
            messages.append(f"{REPRINT} holds only these; print it instead of the full run.")
    else:
        messages.append("Nothing changed since the last build; no reprint needed.")
    if gone:
        where = "the programme or the registration list" if event.registrants else "the programme"
        messages.append(f"No longer needed (not in {where} any more): " + "; ".join(gone))
    artifacts.append(Artifact(MANIFEST, manifest_bytes(manifest)))
    return messages


def _nouns(built: set[str]) -> list[str]:
    return [n for s, n in ((BADGES, "badge"), (SIGNS, "door sign")) if s in built]


def _reprint_pdf(event: Event, options: BuildOptions, changed: dict[str, list[str]]):
    """reprint.pdf bytes, or None when there is nothing it can hold."""
    by_key = {badge_key(h): h for h in _holders(event, BuildOptions())}
    people = badge_order([by_key[k] for k in changed[BADGES] if k in by_key])
    signs = {(k.split("/", 1)[0], date.fromisoformat(k.split("/", 1)[1])) for k in changed[SIGNS]}
    if not people and not signs:
        return None
    page = sheet_for(size_of(options), options.sheet).page if people else theme.A4_LANDSCAPE
    buf = io.BytesIO()
    c = common.new_canvas(buf, page, event, f"Reprint \u2014 {event.name}",
                          "Only the badges and door signs that changed since the last build")
    with typeset.language(event):  # quotation marks and languages as in the full run
        if people:
            draw_badge_sheets(c, event, options, people)
        if signs:
            draw_signs(c, event, BuildOptions(size=options.size), only=signs)
    c.save()
    return buf.getvalue()


def after_write(out: Path, names, artifacts: list[Artifact]) -> list[str]:
    """After a successful write: remove a reprint.pdf that this build did not renew."""
    if not _built(names, artifacts) or any(a.path == REPRINT for a in artifacts):
        return []
    stale = Path(out) / REPRINT
    if stale.exists():
        stale.unlink()
        return [f"Removed the old {REPRINT} of an earlier build: it no longer matches anything to reprint."]
    return []
