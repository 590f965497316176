"""Writing ``imported/`` all or nothing, as a build writes ``out/``.

The new ``imported/`` is written in full beside the old one (``.imported.new``, same file
system), synced, and then swapped with it in one atomic step (Linux ``renameat2``
RENAME_EXCHANGE): a failure, Ctrl-C, a kill or a power cut leaves the old folder or the new
one, never a mix. Where the system cannot swap in one step, it is two renames (old folder
aside as ``.imported.old``, new one in place); a kill between them leaves no ``imported/``
until the next import puts the old one back. Files that did not change are linked, not
rewritten, so their times stay; files someone else put in ``imported/`` are carried over.
``overrides.yaml`` is written only when it is missing, after the swap.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..durable import exchange, fsync_dir, write_file
from ..output import deferred_signals
from ..transaction import Interrupted
from .draft import ImportFailure

FOLDER, OVERRIDES = "imported", "overrides.yaml"


def _failure(doing: Path, e: OSError, to: Path) -> ImportFailure:
    return ImportFailure(f"could not write {doing} ({e.strerror or e}) \u2014 nothing in {to} was changed; "
                         "free some space or check the folder and your permissions, then import again")


def _target(to: Path) -> Path:
    """``to/imported`` (a link's own folder if it is one), after checking that ``to`` can hold it."""
    if os.path.lexists(to) and not to.is_dir():
        raise ImportFailure(f"--to {to} is a file, not a folder \u2014 give the content folder to write, "
                            "e.g. --to my-event")
    try:
        to.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ImportFailure(f"cannot create the folder {to} ({e.strerror}) \u2014 check the path and your "
                            "permissions, or give another --to") from None
    target = to / FOLDER
    if target.is_symlink() and target.is_dir():
        target = Path(os.path.realpath(target))
    if os.path.lexists(target) and not target.is_dir():
        raise ImportFailure(f"{target} is a file, not a folder \u2014 move it away: the import writes its "
                            "files into that folder")
    return target


def _recover(target: Path) -> None:
    """Finish what an import killed between its two renames left: the old folder back, no leftovers."""
    new, old = target.with_name(f".{target.name}.new"), target.with_name(f".{target.name}.old")
    if os.path.isdir(old) and not os.path.lexists(target):
        os.rename(old, target)
    for leftover in (new, old):
        if os.path.lexists(leftover):
            shutil.rmtree(leftover)


def _carry(src: Path, dst: Path, data: bytes | None) -> None:
    """``data`` as ``dst``; or, when it equals what ``src`` holds (or is None: not ours), ``src`` itself
    linked (a copy where links are not possible)."""
    if data is not None and not (src.is_file() and not src.is_symlink() and src.read_bytes() == data):
        write_file(dst, data)
        return
    if src.is_dir() and not src.is_symlink():
        shutil.copytree(src, dst, symlinks=True)
        return
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def write_imported(to_dir, files: dict[str, bytes], overrides: bytes) -> list[Path]:
    """Put ``files`` in ``to_dir/imported/`` as one step, and ``overrides`` in ``to_dir/overrides.yaml``
    if it is missing; return the paths whose content changed. ImportFailure (nothing changed) or
    Interrupted (``written`` says which) otherwise."""
    to = Path(to_dir)
    target = _target(to)
    ov = to / OVERRIDES
    with deferred_signals() as signals:
        try:
            _recover(target)
        except OSError as e:
            raise ImportFailure(f"cannot tidy what an earlier import left in {to} ({e.strerror}) \u2014 "
                                "check the folder and your permissions, then import again") from None
        changed = [target / name for name, data in files.items()
                   if not ((target / name).is_file() and (target / name).read_bytes() == data)]
        if not os.path.lexists(ov):
            changed.append(ov)
        if not changed:
            return []
        stage = target.with_name(f".{target.name}.new")
        ov_new = to / f".{OVERRIDES}.new"
        doing = stage
        try:
            os.mkdir(stage)
            for name, data in files.items():
                doing = target / name
                _carry(target / name, stage / name, data)
                if signals:
                    raise Interrupted(signals[0], written=False)
            for entry in (sorted(os.listdir(target)) if target.is_dir() else ()):
                if entry not in files:  # not ours: carried over as it is
                    doing = target / entry
                    _carry(target / entry, stage / entry, None)
            fsync_dir(stage)
            if ov in changed:
                doing = ov
                write_file(ov_new, overrides)
            if signals:
                raise Interrupted(signals[0], written=False)
            doing = target
            _switch(stage, target)
        except BaseException as e:
            shutil.rmtree(stage, ignore_errors=True)
            _unlink(ov_new)
            if isinstance(e, OSError):
                raise _failure(doing, e, to) from None
            raise
        shutil.rmtree(stage, ignore_errors=True)  # the old folder, after a swap
        if ov in changed:
            try:
                os.replace(ov_new, ov)
                fsync_dir(to)
            except OSError as e:
                _unlink(ov_new)
                raise ImportFailure(f"wrote {target}, but could not write {ov} ({e.strerror}) \u2014 "
                                    "import again to write it") from None
    if signals:
        raise Interrupted(signals[0], written=True)
    return changed


def _switch(stage: Path, target: Path) -> None:
    """The new folder in place of the old: one atomic swap, else two renames (see the module's text)."""
    if not os.path.lexists(target):
        os.rename(stage, target)
    elif not exchange(stage, target):
        old = target.with_name(f".{target.name}.old")
        os.rename(target, old)
        try:
            os.rename(stage, target)
        except OSError:
            os.rename(old, target)
            raise
        shutil.rmtree(old, ignore_errors=True)
    fsync_dir(target.parent)


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
