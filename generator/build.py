"""Load content, render outputs in memory, then write them all at once.

Rendering everything before writing anything is what makes a build atomic: a
layout that fails on the fifth badge leaves every previous file in out/ as it
was.
"""
from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import reprint
from .fonts import coverage_problems, register
from .content.read import moved_files
from .load import load_content
from .model import Event
from .options import BuildOptions
from .output import Artifact, write_all
from .problems import ContentError, Problem

OUTPUTS = ("booklet", "signs", "poster", "badges", "site")


def load(content_dir: str | Path, strict: bool = False) -> Event:
    """The validated model, with every string checked against the fonts."""
    return load_with_warnings(content_dir, strict)[0]


def load_with_warnings(content_dir: str | Path, strict: bool = False) -> tuple[Event, list[Problem]]:
    """The model and the loader's warnings (conflicts); ``strict`` makes them errors."""
    loaded = load_content(content_dir, strict)
    moved = moved_files(Path(content_dir))  # an imported event's files are in imported/
    gaps = [replace(g, file=moved.get(g.file, g.file)) for g in coverage_problems(loaded.event, content_dir)]
    if gaps:
        raise ContentError(gaps)
    return loaded.event, list(loaded.warnings)


def render(event: Event, name: str, options: BuildOptions) -> list[Artifact]:
    """Artifacts of one output, in memory. Layout modules expose ``render(event, options)``."""
    if name not in OUTPUTS:
        raise ValueError(name)
    register()
    return importlib.import_module(f"eventprint.layouts.{name}").render(event, options)


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # extra lines for the user (e.g. reprint)


def _progress(enabled: bool, text: str) -> None:
    if enabled:
        print(text, file=sys.stderr, flush=True)


def build(content_dir: str | Path, out_dir: str | Path, names: tuple[str, ...],
          options: BuildOptions = BuildOptions(), event: Event | None = None) -> BuildReport:
    """Build ``names`` from ``content_dir`` into ``out_dir``; nothing is written unless all succeed."""
    report = BuildReport()
    event = event or load(content_dir)
    artifacts: list[Artifact] = []
    for name in names:
        _progress(options.progress, f"  {name} \u2026")
        artifacts += render(event, name, options)
    out = Path(out_dir)
    # compares with the previous build's manifest and may add out/reprint.pdf
    report.messages += reprint.after_render(event, out, names, options, artifacts)
    report.written = write_all(out, artifacts)
    # only now, with the new files in place: drop an out/reprint.pdf this build did not renew
    report.messages += reprint.after_write(out, names, artifacts)
    return report
