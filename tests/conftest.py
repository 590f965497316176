"""Shared fixtures: the shipped content, the test events, and their outputs built once per run.

Rendering is the expensive part of these tests, so every test module asks
``artifacts`` instead of rendering itself: each (event, output, options) is
rendered once per test run and every module that needs it gets the same
bytes (pdfcheck then parses each PDF once per process, too). Under xdist the
first worker that needs a render makes it and leaves it in the run's shared
temporary folder for the others. Determinism tests still render again on purpose.
"""
from __future__ import annotations

import contextlib
import fcntl
import gc
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

# eventprint, pdfcheck and their libraries are imported where they are used, not here: the xdist
# controller reads this file too, and needs none of them (about 0.8 s of a run's start).

CONTENT = REPO / "content"
THREE_DAY = Path(__file__).resolve().parent / "fixtures" / "three_day"
EDGE = Path(__file__).resolve().parent / "fixtures" / "edge"
SCRIPTS = Path(__file__).resolve().parent / "fixtures" / "scripts"  # names and titles in every script
BRAND = Path(__file__).resolve().parent / "fixtures" / "brand"  # its own logo, colour and type family
LONG = Path(__file__).resolve().parent / "fixtures" / "long"  # every one-line field at 300 characters
EVENT_DIRS = {"symposium": CONTENT, "three_day": THREE_DAY, "edge": EDGE, "scripts": SCRIPTS, "brand": BRAND,
              "long": LONG}

# A test process keeps every PDF it parsed (millions of char dicts) and every model it loaded for
# the tests after it. At Python's default the cycle collector re-scanned all of them some 2,000
# times a run: 6 s of CPU, a tenth of the suite. It runs every 50,000 new objects instead, and
# what a finished test leaves is frozen (never scanned again): 0.6 s.
gc.set_threshold(50_000, 10, 10)


def pytest_runtest_teardown(item):
    gc.freeze()


_REAL_RENDER = None  # build.render itself, kept by the session fixture before it replaces it
_events: dict[str, object] = {}
_rendered: dict[tuple, tuple[dict[str, bytes], list[str]]] = {}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """``eventprint ARGS`` run in this process, with its exit code, stdout and stderr, for tests that
    are not about the process itself: a new process would import everything and instance the
    fallback fonts again (about a second each). A traceback would escape as an exception."""
    from eventprint import cli
    out, err = io.StringIO(), io.StringIO()
    defaults = cli._print_problems.__defaults__  # its stream default is the sys.stderr of import time
    cli._print_problems.__defaults__ = (err,)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(args))
    finally:
        cli._print_problems.__defaults__ = defaults
    return subprocess.CompletedProcess(["eventprint", *args], code, out.getvalue(), err.getvalue())


def registered_event(tmp_path: Path, csv: str, extra_yaml: str = "") -> Path:
    """tests/fixtures/registrations' event copied to ``tmp_path/content`` with registration list
    ``csv`` (a file of that folder) and ``extra_yaml`` appended to its event.yaml."""
    here = Path(__file__).resolve().parent / "fixtures" / "registrations"
    content = tmp_path / "content"
    shutil.copytree(here / "event", content)
    shutil.copy(here / csv, content / "registrations.csv")
    if extra_yaml:
        with open(content / "event.yaml", "a", encoding="utf-8") as f:
            f.write(extra_yaml)
    return content


def set_title(content: Path, item_id: str, title: str) -> None:
    """Give item ``item_id`` of ``content``'s programme.yaml another title, as an organiser's edit."""
    import json
    path = content / "programme.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = next(i for i, ln in enumerate(lines) if ln.strip() == f"id: {item_id}")
    j = next(i for i in range(at, at + 6) if lines[i].strip().startswith("title:"))
    lines[j] = lines[j][: lines[j].index("title:")] + "title: " + json.dumps(title)
    path.write_text("\n".join(lines), encoding="utf-8")


def event_named(name: str):
    """The test event ``name``, loaded once per run: the first worker to ask loads it, the other
    reads its pickle (a tenth of the time)."""
    if name not in _events:
        from eventprint.build import load
        _events[name] = _per_run(f"event-{name}", lambda: load(EVENT_DIRS[name]))
    return _events[name]


_shared_dir: Path | None = None  # set for xdist workers: the run's temporary folder, seen by all workers


def _per_run(name: str, compute):
    """``compute()``, made once per run: by the first xdist worker that asks, and read by the
    others from ``_shared_dir`` (tests/once.py); without workers, simply computed."""
    if _shared_dir is None:
        return compute()
    from once import once
    return once(_shared_dir, name, compute)


_bypass = False  # True while a shared render is made: that one renders for real


def _render(name: str, output: str, options: dict) -> tuple[dict[str, bytes], list[str]]:
    from eventprint import build as _build
    from eventprint.build import render_noting
    from eventprint.options import BuildOptions
    with real_renders(), pytest.MonkeyPatch.context() as mp:
        # the layouts themselves, whatever a test has put in build.render's place: a stand-in
        # that asks for this very render would otherwise wait for its own lock
        mp.setattr(_build, "render", _REAL_RENDER)
        arts, notes = render_noting(event_named(name), output, BuildOptions(**options))
    files = {a.path: a.data for a in arts}
    assert len(files) == len(arts), "two artifacts with the same path"
    return files, notes


def _rendered_with_notes(name: str, output: str, options: dict) -> tuple[dict[str, bytes], list[str]]:
    key = (name, output, tuple(sorted(options.items())))
    if key not in _rendered:
        digest = hashlib.sha256(repr(key).encode()).hexdigest()[:16]
        _rendered[key] = _per_run(digest, lambda: _render(name, output, options))
    return _rendered[key]


def rendered(name: str, output: str, **options) -> dict[str, bytes]:
    """{path: bytes} of one output of one test event, rendered once per run."""
    return _rendered_with_notes(name, output, options)[0]


def rendered_notes(name: str, output: str, **options) -> list[str]:
    """What the layout of that render had to shorten (build.render_noting's notes)."""
    return _rendered_with_notes(name, output, options)[1]


@contextlib.contextmanager
def real_renders():
    """Every render in this block is made for real: for tests about rendering itself (the same
    bytes at any clock time), which a shared render would pass by construction."""
    global _bypass
    _bypass, before = True, _bypass
    try:
        yield
    finally:
        _bypass = before


def _same_render(real):
    """``build.render`` for the tests: an output of content that loads to one of the test events
    (a copy of the symposium built into a folder of its own, as many build tests do) is the run's
    shared render of that event, its layout notes raised again as warnings; anything else, and
    every render a test has replaced (monkeypatch), renders for real."""
    import warnings

    from eventprint.options import BuildOptions
    from eventprint.output import Artifact
    from eventprint.problems import LayoutWarning
    defaults = BuildOptions()

    def render_for_test(event, output, options):
        found = None if _bypass or "SOURCE_DATE_EPOCH" in os.environ else _test_event(event)  # PDF dates follow it
        if found is None:
            return real(event, output, options)
        name, moved = found
        opts = {f: getattr(options, f) for f in vars(defaults)
                if f != "progress" and getattr(options, f) != getattr(defaults, f)}
        files, notes = _rendered_with_notes(name, output, opts)
        for note in notes:
            warnings.warn(LayoutWarning(moved(note)))
        return [Artifact(path, data) for path, data in files.items()]
    return render_for_test


def _fingerprint(event) -> tuple[str, str] | None:
    """What an event is, with the folder it was read from taken out, and that folder: the model's
    people, rooms and items compare by identity, so two loads of one folder are never ==."""
    source = getattr(event, "source_file", None)
    if not source:
        return None
    folder = str(Path(source).parent)
    return repr(event).replace(folder, "\0"), folder


_fingerprints: dict[str, tuple[str, str] | None] = {}


def _test_event(event):
    """(name, note mover) of the test event ``event`` is loaded from the same content as (a copy of
    its folder, as many build and check tests make), or None. The mover writes the test event's
    folder in a layout note as ``event``'s, where the copy's own render would name it."""
    for name in EVENT_DIRS:  # the test event itself (a build given it): no fingerprint needed
        if event_named(name) is event:
            return name, lambda note: note
    mine = _fingerprint(event)
    if mine is None:
        return None
    for name in EVENT_DIRS:
        if name not in _fingerprints:
            _fingerprints[name] = _fingerprint(event_named(name))
        theirs = _fingerprints[name]
        if theirs is not None and mine[0] == theirs[0]:
            return name, lambda note, a=theirs[1], b=mine[1]: note.replace(a, b)
    return None


def _check_render(real):
    """``check`` lays out every output in memory (check._render). For content that loads to one of
    the test events (a copy of it, as many check tests make), the layout's notes are those of the
    run's shared render of that event: the same event gives the same layout."""
    from eventprint.options import BuildOptions

    def render_for_check(event, output, options):
        found = _test_event(event) if options == BuildOptions() else None
        if found is None:
            return real(event, output, options)
        name, moved = found
        return [moved(note) for note in _rendered_with_notes(name, output, {})[1]]
    return render_for_check


# Test files by how long they take (make test: one file per worker at a time), longest first. The
# Makefile keeps this order (--no-loadscope-reorder), so each worker starts on a long file and the
# short ones fill in at the end: both finish together instead of one running a long file alone.
LONGEST_FIRST = ("test_long_text.py", "test_serve.py", "test_real_builds.py", "test_booklet.py", "test_shaping.py",
                 "test_booklet_large.py", "test_press.py", "test_poster.py", "test_site_browser.py",
                 "test_import_url.py", "test_signs.py", "test_print_real.py", "test_build.py", "test_reliability.py",
                 "test_hostile.py", "test_reprint.py", "test_scripts.py", "test_badges.py", "test_i18n.py",
                 "test_site.py", "test_import_url_sources.py", "test_links.py", "test_makefile.py", "test_import.py",
                 "test_cache.py", "test_booklet_grid.py", "test_brand.py", "test_content_loading.py",
                 "test_validation.py", "test_reprint_accumulates.py")


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: order within a file kept


@pytest.fixture(scope="session", autouse=True)
def _share_renders_between_workers(tmp_path_factory):
    global _shared_dir, _REAL_RENDER
    import pdfcheck
    from eventprint import build, check
    _REAL_RENDER = build.render  # before any test or fixture replaces it
    if os.environ.get("PYTEST_XDIST_WORKER"):
        _shared_dir = tmp_path_factory.getbasetemp().parent / "shared-renders"
        pdfcheck.shared = tmp_path_factory.getbasetemp().parent / "shared-parses"
    # the cache of QR matrices (eventprint.cache): one per run, shared by the workers, never the
    # user's; outputs render in this process (the two workers already use both cores)
    run = tmp_path_factory.getbasetemp().parent if _shared_dir is not None else tmp_path_factory.getbasetemp()
    saved = {k: os.environ.get(k) for k in ("EVENTPRINT_CACHE", "EVENTPRINT_JOBS")}
    os.environ["EVENTPRINT_CACHE"] = str(run / "eventprint-cache")
    os.environ["EVENTPRINT_JOBS"] = "1"
    real = check._render
    check._render = _check_render(real)
    build.render = _same_render(_REAL_RENDER)
    yield
    check._render, build.render = real, _REAL_RENDER
    _shared_dir = pdfcheck.shared = None
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


# The large event (2 days, 35 parallel rooms, 900 talks, 950 people, 8 tracks), generated
# once per run (tests/synth.py) and read by every worker that needs it.


@pytest.fixture(scope="session")
def huge(tmp_path_factory):
    import synth
    from eventprint.build import load
    base = _shared_dir if _shared_dir is not None else tmp_path_factory.getbasetemp()
    base.mkdir(parents=True, exist_ok=True)
    folder = base / "huge-event"
    with open(base / "huge-event.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "programme.yaml").exists():
            synth.write_event(base / "huge-event.tmp", **synth.HUGE).rename(folder)
    return _per_run("huge-event-model", lambda: load(folder))  # 0.03 s to unpickle, 0.8 s to load


@pytest.fixture(autouse=True)
def _content_only(request, monkeypatch):
    """A test marked ``content_only`` is about what ``check`` says of the content itself (a
    conflict, a language, a font gap): check's in-memory layout of every output, which such a test
    never looks at, is left out for it (tests/test_hostile.py checks that check and the build
    agree)."""
    if request.node.get_closest_marker("content_only"):
        from eventprint import check
        monkeypatch.setattr(check, "layout_check", lambda event, options=None, content_dir=None: ([], []))


@pytest.fixture(scope="session")
def symposium():
    return event_named("symposium")


@pytest.fixture(scope="session")
def three_day():
    return event_named("three_day")


@pytest.fixture(scope="session")
def edge():
    return event_named("edge")


@pytest.fixture(scope="session")
def artifacts():
    """``artifacts(event_name, output, **options)`` -> {path: bytes}, shared by every test module."""
    return rendered


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """An xdist worker leaves at once, the last thing it does: by now it has sent the controller
    every report and its "finished" message, and what is left is freeing the millions of parsed
    chars and rendered bytes it holds, which the controller used to wait about a second for."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
