"""What a badge cannot print as written, named where the content says it: an error at the
person's entry in people.yaml, or a title printed cut short, warned at the item's line.

The badge layout sees only BadgeData (what the reprint manifest hashes), which keeps no
lines; ``located`` wraps the drawing of one badge and finds them in the event.
"""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from typing import Iterator

from eventprint.model import Event
from eventprint.problems import BuildError, LayoutWarning

from ..kit.text import Cut, Fitted
from .data import BadgeData


class Shortened(LayoutWarning):
    """A title printed cut short on a badge; ``text`` is the whole of it."""

    def __init__(self, message: str, text: str = ""):
        super().__init__(message)
        self.text = text


def warn_cut(d: BadgeData, drawn: list[Fitted]) -> None:
    """Warn about each of the badge's texts that is drawn cut short (text.cut_lines)."""
    for f in drawn:
        if not isinstance(f, Cut):
            continue
        start = f.lines[0].rstrip("-")
        whole = d.talk_title if d.talk_title.startswith(start) else ""
        whole = whole or next((e.what for e in d.agenda if e.what.startswith(start)), start)
        warnings.warn(Shortened(
            f"the badge for {d.name} ({d.person_id}) prints \"{whole[:60]}{'...' if len(whole) > 60 else ''}\" "
            f"cut short after {len(f.lines)} lines \u2014 shorten the title, or use a larger badge size "
            "(--size A6)", whole))


def warn_left_off(d: BadgeData) -> None:
    """The talk title did not fit the badge even cut short: the front leaves it off (its QR code
    opens the talk), and the build says so."""
    warnings.warn(Shortened(
        f"the badge for {d.name} ({d.person_id}) leaves off the talk title \"{d.talk_title[:60]}"
        f"{'...' if len(d.talk_title) > 60 else ''}\": it does not fit beside the name \u2014 shorten the "
        "title or the name's position and affiliations, or use a larger badge size (--size A6)", d.talk_title))


@contextmanager
def located(event: Event, d: BadgeData) -> Iterator[None]:
    """Errors drawing ``d`` get its person's file:line, shortened titles their item's."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", LayoutWarning)
            yield
    except BuildError as e:
        p = next((p for p in event.people if p.id == d.person_id), None)
        if p is None or not p.source_file:
            raise
        raise BuildError(f"{p.source_file}:{p.source_line}: {e}") from None
    for w in caught:
        text = getattr(w.message, "text", "")
        item = next((it for it in event.items if text and it.title.display and it.title.display in text), None)
        if item is not None and item.source_file:
            warnings.warn(LayoutWarning(f"{item.source_file}:{item.source_line}: {w.message}"))
        else:
            warnings.warn(w.message)
