"""Shared fixtures: the shipped content, the test events, and built outputs."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventprint.build import load  # noqa: E402

CONTENT = REPO / "content"
THREE_DAY = Path(__file__).resolve().parent / "fixtures" / "three_day"
EDGE = Path(__file__).resolve().parent / "fixtures" / "edge"


@pytest.fixture(scope="session")
def symposium():
    return load(CONTENT)


@pytest.fixture(scope="session")
def three_day():
    return load(THREE_DAY)


@pytest.fixture(scope="session")
def edge():
    return load(EDGE)
