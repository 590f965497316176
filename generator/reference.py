"""``eventprint help content``: the content format's reference, also for a pip install.

The reference is the repository's ``content/README.md``; the wheel carries it as
``eventprint/reference/README.md`` (pyproject.toml maps it there), a checkout or an editable
install reads it where it is. Messages point organisers here rather than at a file a pip
install does not have.
"""
from __future__ import annotations

from pathlib import Path

HINT = "eventprint help content"  # what a message says to run for the format's description
TOPICS = {"content": "the content format: every file and field, with examples"}
_PACKAGE = Path(__file__).parent


def text(topic: str) -> str:
    """The reference for ``topic`` (a key of TOPICS)."""
    if topic not in TOPICS:
        raise KeyError(topic)
    for path in (_PACKAGE / "reference" / "README.md", _PACKAGE.parent / "content" / "README.md"):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise FileNotFoundError("the content reference (README.md) is missing from this installation")
