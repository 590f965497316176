"""Find and read a content folder's YAML files into located trees, one per file.

A content folder is either hand-written — the four files side by side — or imported:
``imported/`` holds the four files ``eventprint import`` writes, and ``overrides.yaml`` beside it
what the organiser adds or corrects. Both layouts give the same four trees; for an imported
folder the overrides are already merged into them (see ``overrides``).
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import IMPORTED, Entry, Problem, Where
from ..reference import HINT
from ..yamlsource import LMap, decode_source, read_yaml
from . import overrides as _overrides

FILES = ("event.yaml", "venues.yaml", "people.yaml", "programme.yaml")
OVERRIDES = "overrides.yaml"


@dataclass(frozen=True)
class Source:
    docs: dict[str, LMap | None]  # by file name; None when missing or unreadable
    imported: bool  # imported/ + overrides.yaml rather than four hand-written files
    files: tuple[Path, ...]  # every file read, for the "as of" fallback
    entries: dict[Where, Entry] = field(default_factory=dict)  # lines of imported/ -> their override
    overrides: str = ""  # overrides.yaml as shown, for an imported folder


def display_path(path: Path) -> str:
    """'content/people.yaml' below the working directory, else the absolute path."""
    path = Path(os.path.abspath(path))
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_content(content: Path, problems: list[Problem], warnings: list[Problem]) -> Source:
    """The four trees of ``content``, overrides merged; problems and warnings are appended."""
    imported = content / IMPORTED
    own = [n for n in FILES if (content / n).exists()]
    overrides = content / OVERRIDES
    if not imported.is_dir() and (content / f".{IMPORTED}.old").is_dir():  # see importers/staged.py
        problems.append(Problem(display_path(imported), 0, "an import was stopped while it put this folder in "
                                f"place, so the previous one is aside as .{IMPORTED}.old",
                                "run 'eventprint import' again: it puts the previous one back first"))
        return Source({n: None for n in FILES}, True, ())
    if not imported.is_dir():
        if overrides.exists():
            problems.append(Problem(display_path(overrides), 0,
                                    "overrides.yaml is only read for an imported event (next to imported/)",
                                    "write these values into event.yaml, venues.yaml, people.yaml and "
                                    "programme.yaml and delete overrides.yaml"))
        return Source({n: _read(content / n, problems, "create it") for n in FILES}, False,
                      tuple(content / n for n in own))
    if own:
        problems.append(Problem(display_path(content), 0,
                                f"this folder has both imported/ and its own {', '.join(own)}",
                                "keep one: for an imported event move your changes into overrides.yaml "
                                f"and delete {', '.join(own)}; for a hand-written event delete imported/"))
        return Source({n: None for n in FILES}, True, ())
    docs = {n: _read(imported / n, problems, "import the event again with 'eventprint import'")
            for n in FILES}
    files = [imported / n for n in FILES if (imported / n).is_file()]
    entries = _overrides.entries(docs)
    if os.path.lexists(overrides):  # (a link that leads nowhere is reported, not taken for no overrides)
        files.append(overrides)
        tree = _read(overrides, problems, "", empty_ok=True)
        if tree is not None:
            _overrides.merge(docs, tree, problems, warnings)
    return Source(docs, True, tuple(files), entries, display_path(overrides))


def moved_files(content: Path) -> dict[str, str]:
    """For an imported folder, ``content/<file>`` -> ``content/imported/<file>``; else empty.

    For code that names the four files as ``content_dir / name`` (the font coverage check).
    """
    if not (content / IMPORTED).is_dir():
        return {}
    return {str(content / n): str(content / IMPORTED / n) for n in FILES}


def not_a_file(path: Path) -> tuple[str, str] | None:
    """(what, how to fix) when ``path`` is there but cannot be read as a file: a folder, a link that
    leads back to itself or to nothing; None for a file, and for nothing at all."""
    if path.is_dir():
        return "this is a folder, not a file", f"replace it with the file {path.name}"
    if not os.path.islink(path) or path.is_file():
        return None
    try:
        os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return ("this is a link that leads back to itself (a loop of links)",
                    f"replace the link with the file {path.name}, or point it at the file")
        return (f"this is a link to {os.readlink(path)}, which does not exist",
                "correct the link, or replace it with the file")
    return f"this is a link to {os.readlink(path)}, which is not a file", "point the link at the file"


def read_bytes(path: Path, shown: str, problems: list[Problem]) -> bytes | None:
    """The file's bytes, or None with a problem naming why it cannot be read."""
    found = not_a_file(path)
    if found is not None:
        problems.append(Problem(shown, 0, *found))
        return None
    try:
        return path.read_bytes()
    except OSError as e:
        problems.append(Problem(shown, 0, f"this file cannot be read ({e.strerror})",
                                "check that it is a file you may read (its permissions), then try again"))
        return None


def _read(path: Path, problems: list[Problem], missing_fix: str, empty_ok: bool = False) -> LMap | None:
    shown = display_path(path)
    if not os.path.lexists(path):
        problems.append(Problem(shown, 0, "this file is missing",
                                f"{missing_fix}; `{HINT}` says what {path.name} holds"))
        return None
    data = read_bytes(path, shown, problems)
    if data is None:
        return None
    text = decode_source(data, shown)
    if isinstance(text, Problem):  # not UTF-8: the line and column of the first bad byte
        problems.append(text)
        return None
    loc = read_yaml(text, shown, problems)
    if loc is None or (empty_ok and loc.value is None):
        return None
    if not isinstance(loc.value, LMap):
        problems.append(Problem(shown, loc.line, "this file should start with 'key: value' lines",
                                f"`{HINT}` shows how {path.name} is laid out"))
        return None
    return loc.value
