"""Reprinting only what changed: a manifest of what each printed piece shows, and a reprint.pdf
that holds every piece changed since it was last printed.

Every build of an output whose pieces are reprinted one by one (badges, door signs: each
record's ``reprint`` in eventprint.outputs) writes ``out/manifest.json``: one content hash per
piece (a badge by person id, a door sign by room id and date), computed from the model data the
piece prints (a badge's front and back) and from the options that shape every piece (its size:
a 90x54 badge leaves out what an A6 one prints), never from PDF bytes and never from the "as of"
stamp; and those options themselves, so that a build at another size says so instead of listing
every piece. The next build compares with it and tells the user in plain words which pieces
changed.

The manifest also keeps, per piece, the hash of what was last *printed* (``printed``): set by a
section's first build (what the full run shows), by ``eventprint printed`` (what reprint.pdf
showed) and by a ``--final`` build (the full run goes to the press). Every build writes
``reprint.pdf`` with each piece whose hash differs from its printed one, in every tracked output,
built in this run or not: ``make badges`` then ``make signs`` keeps the badges in it, a build in
which nothing changed keeps it, and a piece changed back to what was printed leaves it. When
nothing is waiting, there is no reprint.pdf (the transaction removes an old one).

The manifest keeps the entries of outputs not built in this run, so building only badges does
not forget the door signs (and a build of part of an output, ``--person``, updates only that
person's entry).
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Mapping
from pathlib import Path

from . import outputs
from .model import Event
from .options import BuildOptions
from .output import Artifact
from .outputs import Output

MANIFEST = "manifest.json"
REPRINT = "reprint.pdf"
FORMAT = 1
SHAPE = "shape"  # manifest key: section -> the options that shaped what its pieces printed
FEW = 6  # pieces named one by one in a message; more are counted
PRINTED = "printed"  # manifest key: section -> piece key -> the hash of what was last printed of it


# --------------------------------------------------------------------------
# what each item shows
# --------------------------------------------------------------------------


def _digest(data) -> str:
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entries(output: Output, event: Event, options: BuildOptions) -> dict[str, dict[str, str]]:
    """key -> {hash, label} of every piece of ``output`` this build prints: the hash is of exactly
    what the piece shows, at the shape this build gives it (its options, and the event's brand).
    The default shape is left out of the hash, so that manifests of default builds stay as they were."""
    shape, default = _shape(output, event, options), output.reprint.shape(BuildOptions())
    return {key: {"hash": _digest(piece.shows if shape == default else {"shows": piece.shows, SHAPE: shape}),
                  "label": piece.label}
            for key, piece in output.reprint.pieces(event, options).items()}


def _shape(output: Output, event: Event, options: BuildOptions) -> dict[str, str]:
    """What shapes every piece of ``output`` this build: its options (the size), and the event's
    brand when it has one (a new logo, colour or type family changes every piece)."""
    shape = output.reprint.shape(options)
    return dict(shape, brand=event.brand.fingerprint) if event.brand.fingerprint else shape


def _shape_change(was: dict[str, str], now: dict[str, str]) -> str:
    """'the size is A3, not A4 as last time', 'the brand changed'."""
    said = []
    for k in dict.fromkeys([*now, *was]):
        if was.get(k) != now.get(k):
            said.append("the brand (logo, colour or type) changed" if k == "brand"
                        else f"the {k} is {now.get(k, '?')}, not {was.get(k, '?')} as last time")
    return ", ".join(said)


def _recorded_shape(previous: dict, output: Output) -> dict[str, str]:
    """The options ``output``'s pieces were last built with, as the manifest records them (one from
    before they were recorded, or a damaged record: the defaults)."""
    found = (previous.get(SHAPE) or {}).get(output.reprint.section) if isinstance(previous.get(SHAPE), dict) else None
    if isinstance(found, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in found.items()):
        return dict(found)
    return output.reprint.shape(BuildOptions())


def tracked() -> list[Output]:
    """The outputs with a part in the manifest, in the order of their sections."""
    return sorted((o for o in outputs.OUTPUTS.values() if o.reprint), key=lambda o: o.reprint.section)


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
    for output in tracked():
        found = data.get(output.reprint.section) or {}
        if not isinstance(found, dict) or not all(
                isinstance(k, str) and isinstance(v, dict) and isinstance(v.get("hash"), str)
                and isinstance(v.get("label", ""), str) for k, v in found.items()):
            return False
    return True


def _recorded_printed(previous: dict, output: Output) -> dict[str, str]:
    """What was last printed of each of ``output``'s pieces (key -> hash). A manifest from before
    this was recorded (or a damaged record) counts its last build as printed, as it did then."""
    records = previous.get(PRINTED)
    found = records.get(output.reprint.section) if isinstance(records, dict) else None
    if isinstance(found, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in found.items()):
        return dict(found)
    return {k: v["hash"] for k, v in (previous.get(output.reprint.section) or {}).items()}


def manifest_bytes(manifest: dict) -> bytes:
    return (json.dumps(manifest, sort_keys=True, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _built(names) -> list[Output]:
    """Which tracked outputs this build renders."""
    return [o for o in tracked() if o.name in names]


def _changes(old: dict, new: dict) -> tuple[list[str], list[str]]:
    changed = [k for k in sorted(new) if k in old and old[k].get("hash") != new[k]["hash"]]
    added = [k for k in sorted(new) if k not in old]
    return changed, added


def between(old: Event, new: Event) -> tuple[list[str], list[str]]:
    """(pieces that print differently or are new, those no longer needed) going from ``old`` to
    ``new`` content, for every output reprinted piece by piece: the same entries and words a
    build's comparison with its manifest uses, so that ``eventprint import`` can say what the
    next build will reprint."""
    words: list[str] = []
    gone: list[str] = []
    for output in tracked():
        before, after = entries(output, old, BuildOptions()), entries(output, new, BuildOptions())
        changed, added = _changes(before, after)
        words += [after[k]["label"] for k in changed] + ["new " + after[k]["label"] for k in added]
        gone += [before[k]["label"] for k in sorted(before) if k not in after]
    return words, gone


# --------------------------------------------------------------------------
# the build hooks
# --------------------------------------------------------------------------


def after_render(event: Event, out: Path, names, options: BuildOptions, artifacts: list[Artifact],
                 final: bool = False, known: Mapping[str, dict] | None = None) -> list[str]:
    """Compare with the previous build; append manifest.json (and reprint.pdf, with every piece not
    printed as it now is); return lines for the user. ``final``: this build goes to the press.
    ``known``: outputs' ``entries`` already worked out (by name), where they rendered."""
    built = _built(names)
    if not built:
        return []
    previous = read_manifest(Path(out)) or {}
    manifest = {"format": FORMAT, **{o.reprint.section: dict(previous.get(o.reprint.section) or {})
                                     for o in tracked()},
                SHAPE: {o.reprint.section: _recorded_shape(previous, o) for o in tracked()},
                PRINTED: {o.reprint.section: _recorded_printed(previous, o) for o in tracked()}}
    messages: list[str] = []
    words: list[str] = []  # an output printed at another size: every piece of it
    groups: list[Group] = []  # the pieces of each output that changed or are new
    fresh: dict[str, set[str]] = {}  # section -> the keys of pieces this build found changed or new
    gone: list[str] = []
    pressed: list[Output] = []  # outputs this --final build sends to the press whole
    for output in built:
        section, partial = output.reprint.section, output.scope(options) != output.name
        current = known[output.name] if known and output.name in known else entries(output, event, options)
        old = previous.get(section)
        if old:  # a section seen before: compare (a first build of this output only records)
            ch, added = _changes(old, current)
            if ch or added:
                fresh[section] = set(ch + added)
            was, now = manifest[SHAPE][section], _shape(output, event, options)
            if was != now and not partial:
                words.append(f"every {output.reprint.noun} ({len(ch) + len(added)}): {_shape_change(was, now)}")
            elif ch or added:
                groups.append((output, [k for k in current if k in ch or k in added], current, set(added)))
            if not partial:  # one person's build says nothing about the others
                gone += [old[k].get("label", k) for k in sorted(old) if k not in current]
        if not partial:
            manifest[section] = current
            manifest[SHAPE][section] = _shape(output, event, options)
        elif manifest[section]:  # one person's badge never starts a manifest of everyone
            manifest[section].update(current)
        if not old and manifest[section]:  # the first full run: that is what gets printed
            manifest[PRINTED][section] = {k: v["hash"] for k, v in manifest[section].items()}
        if final and not partial:
            if _waiting(manifest, output):
                pressed.append(output)
            manifest[PRINTED][section] = {k: v["hash"] for k, v in manifest[section].items()}
        if not partial:  # a piece no longer made is no longer waiting for a reprint
            manifest[PRINTED][section] = {k: v for k, v in manifest[PRINTED][section].items() if k in current}

    if not any(previous.get(o.reprint.section) for o in built):
        if not any(manifest[o.reprint.section] for o in built):
            return messages  # nothing recorded (a single person's badge before any full build)
        messages.append(f"Recorded what every {_listed([o.reprint.noun for o in built])} shows in {MANIFEST}; "
                        f"the next build will tell what changed.")
    elif words or groups:
        messages.append("Changed since the last build: " + "; ".join(words + ([_described(groups)] if groups else [])))
    else:
        messages.append("Nothing changed since the last build" + ("." if any(_waiting(manifest, o) for o in tracked())
                                                                   else "; no reprint needed."))
    if pressed:
        messages.append(f"This build is for the press: its {_listed([o.reprint.noun + 's' for o in pressed])} "
                        "are printed in full, so none of them waits for a reprint.")
    if gone:
        where = "the programme or the registration list" if event.registrants else "the programme"
        messages.append(f"No longer needed (not in {where} any more): " + "; ".join(gone))
    messages += _reprint(event, options, built, manifest, artifacts, fresh)
    artifacts.append(Artifact(MANIFEST, manifest_bytes(manifest)))
    return messages


def _waiting(manifest: dict, output: Output) -> list[str]:
    """The keys of ``output``'s pieces that print differently from what was last printed of them."""
    section = output.reprint.section
    printed = manifest[PRINTED][section]
    return [k for k, v in manifest[section].items() if printed.get(k) != v["hash"]]


def _reprint(event: Event, options: BuildOptions, built: list[Output], manifest: dict, artifacts: list[Artifact],
             fresh: dict[str, set[str]]) -> list[str]:
    """reprint.pdf with every piece waiting, each output's at the options it was last built with,
    and the line that says what it holds (``fresh``: what changed in this build, by section);
    nothing when nothing waits."""
    waiting: list[tuple[Output, list[str], BuildOptions]] = []
    said: list[Group] = []
    for output in tracked():
        keys = _waiting(manifest, output)
        if not keys:
            continue
        shape = manifest[SHAPE][output.reprint.section]
        made = options if output in built else BuildOptions(
            **{k: v for k, v in shape.items() if k in BuildOptions.__dataclass_fields__})
        if output not in built:  # drawn as the content is now: only pieces it still has
            now = output.reprint.pieces(event, made)
            keys = [k for k in keys if k in now]
        if keys:
            waiting.append((output, keys, made))
            printed = manifest[PRINTED][output.reprint.section]
            said.append((output, keys, manifest[output.reprint.section], {k for k in keys if k not in printed}))
    if not waiting:
        return [f"Each of them prints as it was last printed again: no {REPRINT} needed."] if fresh else []
    subject = f"The {_listed([o.reprint.noun + 's' for o, _, _ in waiting])} changed since they were last printed"
    artifacts.append(Artifact(REPRINT, outputs.reprint_sheets(event, waiting, subject)))
    after = "print it instead of the full run, then mark it printed: eventprint printed (make printed)"
    if fresh == {o.reprint.section: set(keys) for o, keys, _ in waiting}:
        return [f"{REPRINT} holds only these; {after}."]
    if not fresh:
        return [f"{REPRINT} still holds what changed earlier and is not printed yet: {_described(said)}; {after}."]
    return [f"{REPRINT} holds everything changed since it was last printed: {_described(said)}; {after}."]


Group = tuple[Output, list[str], dict[str, dict], set[str]]  # output, keys, its entries, the new keys


def _described(groups: list[Group]) -> str:
    """Pieces of several outputs in a few words: each one's label when there are a few in all;
    else an output's pieces as 'all 148 badges' when they are all of them, as '57 badges: A; B; C
    and 54 more' when they are many, and by label when they are a few."""
    labelled = [[("new " if k in new else "") + entries[k].get("label", k) for k in keys]
                for _, keys, entries, new in groups]
    if sum(map(len, labelled)) <= FEW:
        return "; ".join(label for labels in labelled for label in labels)
    parts = []
    for (output, keys, entries, _), labels in zip(groups, labelled):
        noun = output.reprint.noun
        if len(keys) == len(entries) and len(keys) > 1:
            parts.append(f"all {len(keys)} {noun}s")
        elif len(keys) > FEW:
            parts.append(f"{len(keys)} {noun}s: {'; '.join(labels[:3])} and {len(keys) - 3} more")
        else:
            parts.append("; ".join(labels))
    return _listed(parts) if all(part.startswith("all ") for part in parts) else "; ".join(parts)


def _listed(words: list[str]) -> str:
    """'badge', 'badge and door sign', 'badge, chair sheet and door sign'."""
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def mark_printed(out_dir: str | Path) -> list[str]:
    """``eventprint printed``: what reprint.pdf holds has been printed. Every piece's printed hash
    becomes that of its last build, and reprint.pdf goes (the next one starts from here)."""
    from .output import prepare, write_build
    out = Path(out_dir)
    if not (out / MANIFEST).exists() and not (out / MANIFEST).is_symlink():
        return [f"{out}: no build of {_listed([o.reprint.noun + 's' for o in tracked()])} is recorded here; "
                "nothing to mark (give the folder the build wrote to with --out)"]
    notes = prepare(out)  # a write an earlier run left unfinished is undone first
    previous = read_manifest(out) or {}
    manifest = {"format": FORMAT, **{o.reprint.section: dict(previous.get(o.reprint.section) or {}) for o in tracked()},
                SHAPE: {o.reprint.section: _recorded_shape(previous, o) for o in tracked()},
                PRINTED: {o.reprint.section: _recorded_printed(previous, o) for o in tracked()}}
    said = [(o, keys, manifest[o.reprint.section], set()) for o in tracked() if (keys := _waiting(manifest, o))]
    for o in tracked():
        manifest[PRINTED][o.reprint.section] = {k: v["hash"] for k, v in manifest[o.reprint.section].items()}
    # one transaction with the builds' own scope for these two files: the old reprint.pdf goes with it
    written = write_build(out, {"reprint": [Artifact(MANIFEST, manifest_bytes(manifest))]})
    notes += [m for m in written.messages if not m.startswith("Removed ")]  # reprint.pdf: said below
    if (out / REPRINT).is_file():  # written before eventprint kept a record of its files
        (out / REPRINT).unlink()
    if not said:
        return notes + [f"Nothing was waiting to be reprinted in {out}."]
    return notes + [f"Marked as printed: {_described(said)}; {REPRINT} is removed, and the next one holds only "
                    "what changes from now on."]


def after_write(out: Path, names, artifacts: list[Artifact]) -> list[str]:
    """After a successful write: remove a reprint.pdf that this build did not renew."""
    if not _built(names) or any(a.path == REPRINT for a in artifacts):
        return []
    stale = Path(out) / REPRINT
    if stale.exists():
        stale.unlink()
        return [f"Removed the old {REPRINT} of an earlier build: it no longer matches anything to reprint."]
    return []
