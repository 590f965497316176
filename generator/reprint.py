"""Reprinting only what changed: not written yet (see the badges issue)."""
from __future__ import annotations


def after_render(event, out, names, options, artifacts) -> list[str]:
    """Compare with the previous build; may append artifacts; returns lines to tell the user."""
    return []
