"""What a badge cannot print as written, named where the content says it: an error at the
person's entry in people.yaml, or a title left off, warned where it is written (text cut short
warns as it is drawn: kit.text.printed).

The badge layout sees only BadgeData (what the reprint manifest hashes), which keeps no
lines; ``located`` wraps the drawing of one badge and finds them in the event.
"""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from typing import Iterator

from eventprint.model import Event
from eventprint.problems import BuildError, Problem, Shortened

from ..kit.fitted import shown
from .data import BadgeData


def warn_left_off(d: BadgeData) -> None:
    """The talk title did not fit the badge even cut short: the front leaves it off (its QR code
    opens the talk), and the build says so."""
    warnings.warn(Shortened(
        f"the badge for {shown(d.name)} ({d.person_id}) leaves off the talk title \"{shown(d.talk_title)}\": it does "
        "not fit beside the name", "shorten the title or the name's position and affiliations, or use a larger "
        "badge size (--size A6)", d.talk_title))


def warn_left_out(d: BadgeData, what: str, text: str) -> None:
    """The badge leaves out ``what`` (the position and affiliations): nothing else makes it fit."""
    warnings.warn(Shortened(f"the badge for {shown(d.name)} ({d.person_id}) leaves off the {what} \"{shown(text)}\": "
                            "it does not fit beside the name even at the smallest sizes",
                            "shorten it, or use a larger badge size (--size A6)", text))


@contextmanager
def located(event: Event, d: BadgeData) -> Iterator[None]:
    """Errors drawing ``d`` are told at its person's entry (or at the override that corrects it)."""
    try:
        yield
    except BuildError as e:
        p = next((p for p in event.people if p.id == d.person_id), None)
        if p is None or not p.source_file:
            raise
        what, _, fix = str(e).partition(" \u2014 ")
        raise BuildError(str(event.origins.problem(Problem(p.source_file, p.source_line, what, fix),
                                                   ("people", p.id, "")))) from None
