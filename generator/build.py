"""Load content, render outputs in memory, then write them all at once.

Rendering everything before writing anything is what makes a build atomic: a
layout that fails on the fifth badge leaves every previous file in out/ as it
was. Outputs are rendered side by side in forked processes (render_all); each
output's bytes depend only on the event and options, never on that schedule.
"""
from __future__ import annotations

import contextlib
import gc
import re
import sys
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from time import perf_counter
from typing import Callable

from . import i18n, links, outputs, parallel, reprint
from .fontcheck import coverage_problems, language_text, note, noted
from .fontcuts import settled, want
from .fonts import describe, missing, register
from .content.read import moved_files
from .load import load_content
from .model import Event
from .options import BuildOptions
from .output import Artifact, check_source_date_epoch, prepare, write_build
from .problems import BuildError, ContentError, LayoutNote, LayoutWarning, Problem, QRTooDense, Shortened

Rendered = tuple[list[Artifact], list[str]]  # one output's files, and what its layout had to shorten


def load(content_dir: str | Path, strict: bool = False) -> Event:
    """The validated model, with every string checked against the fonts."""
    return load_with_warnings(content_dir, strict)[0]


def load_with_warnings(content_dir: str | Path, strict: bool = False) -> tuple[Event, list[Problem]]:
    """The model and the loader's warnings (conflicts); ``strict`` makes them errors."""
    loaded = load_content(content_dir, strict)
    moved = moved_files(Path(content_dir))  # an imported event's files are in imported/
    gaps = [replace(g, file=moved.get(g.file, g.file))
            for g in coverage_problems(loaded.event, content_dir, loaded.line_of)]
    where = loaded.where(loaded.event.language) or (str(Path(content_dir) / "event.yaml"), 0)
    gaps += language_gaps(loaded.event, where)
    if gaps:
        raise ContentError([loaded.event.origins.problem(g) for g in gaps])
    noted(loaded.event)  # what it prints, for the fonts (fontcheck.note)
    return loaded.event, list(loaded.warnings)


def language_gaps(event: Event, where: tuple[str, int]) -> list[Problem]:
    """The event's language writes dates and times in its own script (CLDR): Hindi in Devanagari,
    Thai in Thai. A script no face has is named at the line of ``language:`` (``where``), before a
    layout meets it."""
    want(i18n.translations(event))  # the fixed words, for the faces cut to what is printed
    text = language_text(event)
    if register().issuperset(map(ord, text)):
        return []
    want((text,))
    gaps = missing(text)
    if not gaps:
        return []
    return [Problem(where[0], where[1], f"the language '{event.language}' writes dates and times with "
                    f"{describe(gaps)}, which no font can print",
                    "choose a language in a script the fonts have (Latin, Greek, Cyrillic, Arabic, Hebrew, "
                    "Chinese, Japanese, Korean), or leave 'language:' out for English")]


def render_noting(event: Event, name: str, options: BuildOptions, choices: bool = True) -> Rendered:
    """``render``, and what the layout had to shorten to print (LayoutWarning), each once, told
    where its text is written (Origins.note); with ``choices``, also what it chose for the user
    to know (LayoutNote: the booklet's binding)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", LayoutWarning)
        artifacts = render(event, name, options)
    notes = [event.origins.note(w.message) if isinstance(w.message, Shortened) else str(w.message)
             for w in caught if issubclass(w.category, LayoutWarning)
             and (choices or not issubclass(w.category, LayoutNote))]
    for w in caught:  # anything else goes where it would have gone
        if not issubclass(w.category, LayoutWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return artifacts, list(dict.fromkeys(notes))


def render(event: Event, name: str, options: BuildOptions) -> list[Artifact]:
    """Artifacts of one output, in memory: its record's ``render`` (eventprint.outputs)."""
    output = outputs.get(name)
    register()
    try:
        with outputs.drawing(event):
            return output.render(event, options)
    except QRTooDense as e:
        file, line = links.origin(event, e.url)
        if not file:
            raise
        raise BuildError(str(event.origins.problem(Problem(file, line, *_what_and_fix(str(e)))))) from None


def _what_and_fix(message: str) -> tuple[str, str]:
    what, _, fix = message.partition(" \u2014 ")
    return what, fix


def render_all(event: Event, names: tuple[str, ...], options: BuildOptions,
               finished: Callable[[str, Rendered, float], None] | None = None,
               entries: dict[str, dict] | None = None) -> dict[str, Rendered]:
    """The artifacts of each of ``names`` (in that order) with what each layout had to shorten,
    rendered side by side when the machine has cores to spare and more than one output is asked
    for (see parallel.py). ``finished`` hears of each output as it is done, with its seconds (a
    progress line; the preview shows it at once). ``entries``, when given, gets each reprinted
    output's entries of the reprint manifest (reprint.entries), worked out where it rendered, side
    by side with the others, instead of one after another once all are done."""
    if finished is None:
        finished = _progress_line if options.progress else (lambda name, result, seconds: None)

    def one(name: str) -> tuple[Rendered, dict | None]:
        rendered = render_noting(event, name, options)
        return rendered, (_entries(event, name, options) if entries is not None else None)

    jobs = parallel.jobs(len(names))
    note(event)  # (done by load in this process, unless the event comes from elsewhere)
    with settled():  # the fonts cut for the content, whichever output draws first (fontcuts.settled)
        if jobs <= 1:
            done = {}
            for name in names:
                began = perf_counter()
                done[name] = one(name)
                finished(name, done[name][0], perf_counter() - began)
        else:
            outputs.prepare()  # computed here once, not in every child
            # what the workers share (the event, fonts, modules) is never scanned by a cycle
            # collector, which would otherwise also copy every page it touches out of the shared
            # memory; this process collects it again afterwards, as before. The workers collect
            # no cycles at all: each lives for one build, and what a collection would free (a
            # huge event: 14 of 118 MB) cost a tenth of a second to find
            gc.freeze()
            try:
                # the slowest first, so that the last one to start is a short one
                order = sorted(names, key=lambda n: -outputs.get(n).cost)
                done = parallel.run(one, order, names, jobs,
                                    lambda name, result, seconds: finished(name, result[0], seconds),
                                    setup=gc.disable)
            finally:
                gc.unfreeze()
    if entries is not None:
        entries.update({name: found for name, (_, found) in done.items() if found is not None})
    return {name: rendered for name, (rendered, _) in done.items()}


def _entries(event: Event, name: str, options: BuildOptions) -> dict | None:
    """The reprint manifest's entries of output ``name`` (None: it has none); what they draw again
    was reported with the output."""
    output = outputs.get(name)
    if output.reprint is None:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LayoutWarning)
        return reprint.entries(output, event, options)


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def pdf_pages(data: bytes) -> int:
    """How many pages a PDF eventprint wrote has: ReportLab writes one page object per page and no
    object streams, so counting them is exact (and takes a millisecond, not a parser)."""
    return len(_PAGE.findall(data))


def summary(name: str, artifacts: list[Artifact]) -> str:
    """What an output made, in a few words: its longest PDF's pages and how many files besides."""
    pdfs = [(pdf_pages(a.data), a.path) for a in artifacts if a.path.endswith(".pdf")]
    if not pdfs:
        return f"{len(artifacts)} file{'s' if len(artifacts) != 1 else ''}"
    pages, path = max(pdfs, key=lambda p: (p[0], -len(p[1])))
    more = len(artifacts) - 1
    return (f"{path} {pages} page{'s' if pages != 1 else ''}"
            + (f", {more} more file{'s' if more != 1 else ''}" if more else ""))


def _progress_line(name: str, result: Rendered, seconds: float) -> None:
    print(f"{name}: {summary(name, result[0])} \u2026 {seconds:.1f} s", file=sys.stderr, flush=True)


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # extra lines for the user (e.g. reprint)


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
          options: BuildOptions = BuildOptions(), event: Event | None = None, final: bool = False) -> BuildReport:
    """Build ``names`` from ``content_dir`` into ``out_dir``; nothing is written unless all succeed.
    ``final``: the build goes to the press (what it makes needs no reprint)."""
    with _few_collections():
        return _build(content_dir, out_dir, names, options, event, final)


def _build(content_dir: str | Path, out_dir: str | Path, names: tuple[str, ...],
           options: BuildOptions, event: Event | None, final: bool) -> BuildReport:
    check_source_date_epoch()
    report = BuildReport()
    event = event or load(content_dir)
    known: dict[str, dict] = {}  # the manifest's entries, worked out beside each render
    with settled():  # reprint.pdf draws with the fonts the outputs drew with (fontcuts.settled)
        rendered = render_all(event, names, options, entries=known)
        parts: dict[str, list[Artifact]] = {}
        for name, (arts, notes) in rendered.items():
            parts[outputs.get(name).scope(options)] = arts
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
            report.messages += reprint.after_render(event, out, names, options, artifacts, final, known)
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
