"""What every layout says about the programme in the same words: where an item is, the
KEYNOTE label.

One definition each, so that a sign, a badge, the booklet and the poster never
describe the same item differently.
"""
from __future__ import annotations

from eventprint.model import Item, Venue

KEYNOTE_LABEL = "KEYNOTE"


def where(item: Item, no_room: str, seen_from: Venue | None = None) -> str:
    """Where ``item`` happens: ``no_room`` when content names no room; the room's name alone
    when seen from its own venue; else the room with its venue ('N0.002, MPI-IS')."""
    if item.room is None:
        return no_room
    if seen_from is not None and item.room.venue is seen_from:
        return item.room.name
    return item.room.full_name
