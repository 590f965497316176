"""Load content, render outputs in memory, then write them all at once.

Rendering everything before writing anything is what makes a build atomic: a
layout that fails on the fifth badge leaves every previous file in out/ as it
was. Outputs are rendered side by side in forked processes (render_all); each
output's bytes depend only on the event and options, never on that schedule.
"""
from __future__ import annotations

import contextlib
import gc
import importlib
import sys
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import cache, parallel, reprint
from .fontcheck import coverage_problems
from .fonts import register
from .content.read import moved_files
from .load import load_content
from .model import Event
from .options import BuildOptions
from .output import Artifact, check_source_date_epoch, prepare, write_build
from .problems import BuildError, ContentError, LayoutWarning, Problem

OUTPUTS = ("booklet", "signs", "poster", "badges", "site")


def load(content_dir: str | Path, strict: bool = False) -> Event:
    """The validated model, with every string checked against the fonts."""
    return load_with_warnings(content_dir, strict)[0]


def load_with_warnings(content_dir: str | Path, strict: bool = False) -> tuple[Event, list[Problem]]:
    """The model and the loader's warnings (conflicts); ``strict`` makes them errors."""
    loaded = load_content(content_dir, strict)
    moved = moved_files(Path(content_dir))  # an imported event's files are in imported/
    gaps = [replace(g, file=moved.get(g.file, g.file))
            for g in coverage_problems(loaded.event, content_dir, loaded.line_of)]
    if gaps:
        raise ContentError(gaps)
    return loaded.event, list(loaded.warnings)


def render_noting(event: Event, name: str, options: BuildOptions) -> tuple[list[Artifact], list[str]]:
    """``render``, and what the layout had to shorten to print (LayoutWarning), each once."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LayoutWarning)
        artifacts = render(event, name, options)
    notes = [str(w.message) for w in caught if issubclass(w.category, LayoutWarning)]
    for w in caught:  # anything else goes where it would have gone
        if not issubclass(w.category, LayoutWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return artifacts, list(dict.fromkeys(notes))


def render(event: Event, name: str, options: BuildOptions) -> list[Artifact]:
    """Artifacts of one output, in memory. Layout modules expose ``render(event, options)``."""
    if name not in OUTPUTS:
        raise ValueError(name)
    register()
    from eventprint.layouts.kit import qrmatrix, typeset
    from eventprint.layouts.kit.common import QRTooDense

    # QR matrices kept between builds
    qrmatrix.store = cache if cache.folder() is not None else None
    try:
        with typeset.language(event):  # the quotation marks of the text it prints, each talk's language
            return importlib.import_module(f"eventprint.layouts.{name}").render(event, options)
    except QRTooDense as e:
        if not event.source_file:
            raise
        where = f"{event.source_file}:{event.base_url_line}" if event.base_url_line else event.source_file
        raise BuildError(f"{where}: {e}") from None


def located(e: BuildError, content_dir: str | Path) -> BuildError:
    """``e`` with the file and line of the text it is about, when its message has none (a venue's
    or the event's name: the model keeps no line for them). The content is read again for it:
    this is the failing path only."""
    from eventprint.layouts.kit.text import TooLong
    if not isinstance(e, TooLong) or not e.text:
        return e
    try:
        where = load_content(content_dir).where(e.text)
    except ContentError:
        return e
    return BuildError(f"{where[0]}:{where[1]}: {e}") if where else e


def render_all(event: Event, names: tuple[str, ...],
               options: BuildOptions) -> dict[str, tuple[list[Artifact], list[str]]]:
    """The artifacts of each of ``names`` (in that order) with what each layout had to shorten,
    rendered side by side when the machine has cores to spare and more than one output is asked
    for (see parallel.py)."""
    jobs = parallel.jobs(len(names))
    if jobs <= 1:
        parts = {}
        for name in names:
            _progress(options.progress, f"  {name} \u2026")
            parts[name] = render_noting(event, name, options)
        return parts
    for name in set(names) & set(OUTPUTS):  # imported once here, not in each child (platypus: 0.1 s)
        importlib.import_module(f"eventprint.layouts.{name}")
    # what the children share (the event, fonts, modules) is never scanned by their cycle collector,
    # which would otherwise also copy every page it touches out of the shared memory; this process
    # collects it again afterwards, as before
    gc.freeze()
    try:
        # the slowest first, so that the last one to start is a short one
        order = sorted(names, key=lambda n: -_COST.get(n, 0))
        return parallel.run(lambda name: render_noting(event, name, options), order, names, jobs,
                            lambda name: _progress(options.progress, f"  {name} \u2026"))
    finally:
        gc.unfreeze()


# the order outputs start in (two processes; the longest first ends soonest): CPU seconds of a
# 900-talk event's render (28 November 2026, afternoon) booklet 3.0, badges 2.2 (3.9 with its 839
# QR codes not yet cached), signs 1.7, site 0.5 (and writing its 2,782 files), poster 0.3; the
# symposium's booklet takes as long as all its other outputs together. Badges before signs: with
# a cold cache the badges no longer start last and end alone (a first build 0.9 s sooner)
_COST = {"booklet": 5, "badges": 4, "signs": 3, "poster": 2, "site": 1}


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # extra lines for the user (e.g. reprint)


def _progress(enabled: bool, text: str) -> None:
    if enabled:
        print(text, file=sys.stderr, flush=True)


@contextlib.contextmanager
def _few_collections():
    """A build makes millions of small objects and keeps most of them (the event, the fonts, the
    laid-out pages) to its end; at Python's default (a pass every 700 new objects) the cycle
    collector re-scans them often enough to take a ninth of a large event's render. Every 50,000
    it takes a fiftieth, and frees the same. The caller's setting is restored afterwards."""
    before = gc.get_threshold()
    gc.set_threshold(50_000, 10, 10)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def build(content_dir: str | Path, out_dir: str | Path, names: tuple[str, ...],
          options: BuildOptions = BuildOptions(), event: Event | None = None) -> BuildReport:
    """Build ``names`` from ``content_dir`` into ``out_dir``; nothing is written unless all succeed."""
    with _few_collections():
        return _build(content_dir, out_dir, names, options, event)


def _build(content_dir: str | Path, out_dir: str | Path, names: tuple[str, ...],
           options: BuildOptions, event: Event | None) -> BuildReport:
    check_source_date_epoch()
    report = BuildReport()
    event = event or load(content_dir)
    try:
        rendered = render_all(event, names, options)
    except BuildError as e:
        raise located(e, content_dir) from None
    parts: dict[str, list[Artifact]] = {}
    for name, (arts, notes) in rendered.items():
        parts[_scope(name, options)] = arts
        report.messages += [n for n in notes if n not in report.messages]
    out = Path(out_dir)
    # the write phase: out/ must be usable, and a write an earlier run left unfinished undone,
    # before anything in it (the previous manifest) is read
    report.messages += prepare(out)
    artifacts = [a for part in parts.values() for a in part]
    rendered = len(artifacts)
    # compares with the previous build's manifest and may add out/reprint.pdf
    with warnings.catch_warnings():  # what reprint.pdf draws again was reported with its output
        warnings.simplefilter("ignore", LayoutWarning)
        report.messages += reprint.after_render(event, out, names, options, artifacts)
    if len(artifacts) > rendered:
        parts["reprint"] = artifacts[rendered:]
    # one transaction: out/ ends up holding the old build or all of the new one, never a mix;
    # files an earlier build of the same outputs wrote and this one does not are removed
    result = write_build(out, parts)
    report.written = result.written
    report.messages += result.messages
    # drop an out/reprint.pdf of a build before eventprint kept a record of what it wrote
    report.messages += reprint.after_write(out, names, artifacts)
    return report


def _scope(name: str, options: BuildOptions) -> str:
    """Which earlier files this output replaces: one person's badge is not the whole badge run."""
    if name == "badges" and options.person:
        return f"badges --person {options.person}"
    return name
