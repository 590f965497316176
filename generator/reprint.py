"""Reprinting only what changed: a manifest of what each printed piece shows.

Every build of an output whose pieces are reprinted one by one (badges, door signs: each
record's ``reprint`` in eventprint.outputs) writes ``out/manifest.json``: one content hash per
piece (a badge by person id, a door sign by room id and date), computed from the model data the
piece prints (a badge's front and back) and from the options that shape every piece (its size:
a 90x54 badge leaves out what an A6 one prints), never from PDF bytes and never from the "as of"
stamp; and those options themselves, so that a build at another size says so instead of listing
every piece. The next build compares
with it, tells the user in plain words which pieces changed, and adds ``reprint.pdf`` holding
only those (each output's pieces drawn as its full run draws them, in the order of their
sections). Nothing changed: it says so and writes no reprint file; a reprint.pdf left over from
an earlier build is removed after the new build has been written, because it no longer matches
anything.

The manifest keeps the entries of outputs not built in this run, so building only badges does
not forget the door signs (and a build of part of an output, ``--person``, updates only that
person's entry).
"""
from __future__ import annotations

import hashlib
import json
import sys
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


def after_render(event: Event, out: Path, names, options: BuildOptions, artifacts: list[Artifact]) -> list[str]:
    """Compare with the previous build; append manifest.json (and reprint.pdf); return lines for the user."""
    built = _built(names)
    if not built:
        return []
    previous = read_manifest(Path(out)) or {}
    manifest = {"format": FORMAT, **{o.reprint.section: dict(previous.get(o.reprint.section) or {})
                                     for o in tracked()},
                SHAPE: {o.reprint.section: _recorded_shape(previous, o) for o in tracked()}}
    messages: list[str] = []
    changed: list[tuple[Output, list[str]]] = []
    words: list[str] = []
    gone: list[str] = []
    for output in built:
        section, partial = output.reprint.section, output.scope(options) != output.name
        current = entries(output, event, options)
        old = previous.get(section)
        if old:  # a section seen before: compare (a first build of this output only records)
            ch, added = _changes(old, current)
            if ch or added:
                changed.append((output, sorted(ch + added, key=list(current).index)))
            was, now = manifest[SHAPE][section], _shape(output, event, options)
            if was != now and not partial:
                words.append(f"every {output.reprint.noun} ({len(ch) + len(added)}): {_shape_change(was, now)}")
            else:
                words += [current[k]["label"] for k in ch] + ["new " + current[k]["label"] for k in added]
            if not partial:  # one person's build says nothing about the others
                gone += [old[k].get("label", k) for k in sorted(old) if k not in current]
        if not partial:
            manifest[section] = current
            manifest[SHAPE][section] = _shape(output, event, options)
        elif manifest[section]:  # one person's badge never starts a manifest of everyone
            manifest[section].update(current)

    if not any(previous.get(o.reprint.section) for o in built):
        if not any(manifest[o.reprint.section] for o in built):
            return messages  # nothing recorded (a single person's badge before any full build)
        messages.append(f"Recorded what every {_listed([o.reprint.noun for o in built])} shows in {MANIFEST}; "
                        f"the next build will tell what changed.")
    elif words:
        messages.append("Changed since the last build: " + "; ".join(words))
        subject = f"Only the {_listed([o.reprint.noun + 's' for o, _ in changed])} that changed since the last build"
        artifacts.append(Artifact(REPRINT, outputs.reprint_sheets(event, options, changed, subject)))
        messages.append(f"{REPRINT} holds only these; print it instead of the full run.")
    else:
        messages.append("Nothing changed since the last build; no reprint needed.")
    if gone:
        where = "the programme or the registration list" if event.registrants else "the programme"
        messages.append(f"No longer needed (not in {where} any more): " + "; ".join(gone))
    artifacts.append(Artifact(MANIFEST, manifest_bytes(manifest)))
    return messages


def _listed(words: list[str]) -> str:
    """'badge', 'badge and door sign', 'badge, chair sheet and door sign'."""
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]


def after_write(out: Path, names, artifacts: list[Artifact]) -> list[str]:
    """After a successful write: remove a reprint.pdf that this build did not renew."""
    if not _built(names) or any(a.path == REPRINT for a in artifacts):
        return []
    stale = Path(out) / REPRINT
    if stale.exists():
        stale.unlink()
        return [f"Removed the old {REPRINT} of an earlier build: it no longer matches anything to reprint."]
    return []
