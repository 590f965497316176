"""Options the command line passes to layouts; plain data, validated by each layout."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuildOptions:
    size: str | None = None  # signs: A4 (landscape), A4-portrait, A3; poster: A2, A3, A1, A0; badges: A6, 4x3, 90x54
    sheet: str | None = None  # badges: a4, letter, single (default: the size's usual sheet)
    person: str | None = None  # badges: build one person's badge only
    order: str | None = None  # badges of registrants: "name" (default, A–C dividers) or "ticket"
    progress: bool = False
    # booklet: how much of each talk it prints: "full" (abstract and speakers' bios),
    # "first-paragraph" (the abstract's first paragraph), "none" (programme at a glance and
    # index only); None: by event size (see eventprint.layouts.booklet.document.abstracts_for)
    booklet_abstracts: str | None = None


class OptionError(ValueError):
    """A command-line option a layout cannot honour; the message says what is allowed."""
