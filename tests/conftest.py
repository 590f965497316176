"""Shared fixtures: the shipped content, the test events, and their outputs built once per run.

Rendering is the expensive part of these tests, so every test module asks
``artifacts`` instead of rendering itself: each (event, output, options) is
rendered once per test process and every module that needs it gets the same
bytes (pdfcheck then parses each PDF once, too). Determinism tests still
render a second time on purpose.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventprint.build import load, render  # noqa: E402
from eventprint.options import BuildOptions  # noqa: E402

CONTENT = REPO / "content"
THREE_DAY = Path(__file__).resolve().parent / "fixtures" / "three_day"
EDGE = Path(__file__).resolve().parent / "fixtures" / "edge"
EVENT_DIRS = {"symposium": CONTENT, "three_day": THREE_DAY, "edge": EDGE}

_events: dict[str, object] = {}
_rendered: dict[tuple, dict[str, bytes]] = {}


def event_named(name: str):
    if name not in _events:
        _events[name] = load(EVENT_DIRS[name])
    return _events[name]


def rendered(name: str, output: str, **options) -> dict[str, bytes]:
    """{path: bytes} of one output of one test event, rendered once per process."""
    key = (name, output, tuple(sorted(options.items())))
    if key not in _rendered:
        arts = render(event_named(name), output, BuildOptions(**options))
        files = {a.path: a.data for a in arts}
        assert len(files) == len(arts), "two artifacts with the same path"
        _rendered[key] = files
    return _rendered[key]


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
