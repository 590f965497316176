"""Find and read a content folder's YAML files into located trees, one per file.

A content folder is either hand-written — the four files side by side — or imported:
``imported/`` holds the four files ``eventprint import`` writes, and ``overrides.yaml`` beside it
what the organiser adds or corrects. Both layouts give the same four trees; for an imported
folder the overrides are already merged into them (see ``overrides``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem
from ..reference import HINT
from ..yamlsource import LMap, decode_source, read_yaml
from . import overrides as _overrides

FILES = ("event.yaml", "venues.yaml", "people.yaml", "programme.yaml")
IMPORTED = "imported"
OVERRIDES = "overrides.yaml"


@dataclass(frozen=True)
class Source:
    docs: dict[str, LMap | None]  # by file name; None when missing or unreadable
    imported: bool  # imported/ + overrides.yaml rather than four hand-written files
    files: tuple[Path, ...]  # every file read, for the "as of" fallback


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
    if overrides.is_file():
        files.append(overrides)
        tree = _read(overrides, problems, "", empty_ok=True)
        if tree is not None:
            _overrides.merge(docs, tree, problems, warnings)
    return Source(docs, True, tuple(files))


def moved_files(content: Path) -> dict[str, str]:
    """For an imported folder, ``content/<file>`` -> ``content/imported/<file>``; else empty.

    For code that names the four files as ``content_dir / name`` (the font coverage check).
    """
    if not (content / IMPORTED).is_dir():
        return {}
    return {str(content / n): str(content / IMPORTED / n) for n in FILES}


def _read(path: Path, problems: list[Problem], missing_fix: str, empty_ok: bool = False) -> LMap | None:
    shown = display_path(path)
    if path.is_dir():
        problems.append(Problem(shown, 0, "this is a folder, not a file",
                                f"replace it with the file {path.name}; see `{HINT}`"))
        return None
    if not path.is_file():
        problems.append(Problem(shown, 0, "this file is missing",
                                f"{missing_fix}; `{HINT}` says what {path.name} holds"))
        return None
    text = decode_source(path.read_bytes(), shown)
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
