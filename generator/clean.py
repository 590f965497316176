"""``eventprint clean``: remove what eventprint wrote into an out/ folder, and nothing else.

``make clean`` used to be ``rm -rf $(OUT)/*``: with an empty OUT that is ``rm -rf /*``, and it
deleted the tracked out/README.md too. Here the record the build keeps (out/.eventprint/state.json)
decides: a file is removed only if a build wrote it and it is unchanged since; a folder only if
removing those files emptied it. Folders that cannot be an out/ folder (the file system's root,
the home folder, a repository or a content folder) are refused before anything is read.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .durable import HOME, sha256
from .output import OutputError, _locked, read_state
from .transaction import recover

# a folder holding one of these is a project or a content folder, never a place outputs go
_NOT_OUT = (".git", "pyproject.toml", "Makefile", "event.yaml", "overrides.yaml", "imported")


def refusal(out: Path) -> str | None:
    """Why ``out`` must not be cleaned, or None."""
    if not str(out).strip():
        return "no folder given \u2014 say which with --out (e.g. --out out)"
    real = out.resolve()
    if real == Path(real.anchor) or real == Path.home().resolve():
        return f"{out} is {'the root folder' if real == Path(real.anchor) else 'your home folder'}, not an out/ folder"
    for name in _NOT_OUT:
        if os.path.lexists(real / name):
            return (f"{out} holds {name}: it is a project or content folder, not the folder outputs are "
                    "written to \u2014 give the out/ folder, e.g. --out out")
    return None


def clean(out_dir: str | Path) -> list[str]:
    """Remove every file the builds recorded in ``out_dir`` (unchanged since), the folders that
    leaves empty, and eventprint's own folder; return what to tell the user."""
    out = Path(out_dir)
    why = refusal(out)
    if why:
        raise OutputError(f"not cleaning: {why}")
    if not out.is_dir() or not (out / HOME).is_dir():
        return [f"{out}: nothing eventprint wrote is there; nothing removed."]
    notes: list[str] = []
    removed = kept = 0
    with _locked(out):
        notes += recover(out)
        files = read_state(out, notes)
        folders: set[Path] = set()
        for rel, record in sorted(files.items()):
            path = out / rel
            if not os.path.lexists(path):
                continue
            if os.path.islink(path) or not path.is_file() or sha256(path.read_bytes()) != record["sha256"]:
                kept += 1  # changed (or replaced) since the build wrote it: someone else's now
                continue
            os.unlink(path)
            removed += 1
            folders.update(p for p in path.parents if out in p.parents)
        for folder in sorted(folders, key=lambda p: -len(p.parts)):
            try:
                folder.rmdir()
            except OSError:
                pass  # not empty: it holds files eventprint did not write
    home = out / HOME
    if home.is_symlink():
        home.unlink()
    else:
        shutil.rmtree(home, ignore_errors=True)
    notes.append(f"{out}: removed {removed} file(s) eventprint wrote"
                 + (f"; kept {kept} changed since" if kept else "") + ".")
    return notes
