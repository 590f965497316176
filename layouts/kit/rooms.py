"""The one order of rooms every output uses (poster and booklet grids, track colours)."""
from __future__ import annotations

from eventprint.model import Event, Room


def room_order(event: Event) -> tuple[Room, ...]:
    """Every room with items, by first use in the programme (day by day, then by start time);
    rooms first used at the same time in the order the venues list them."""
    listed = {r.id: i for i, r in enumerate(event.rooms)}
    first: dict[str, tuple] = {}
    rooms: dict[str, Room] = {}
    for it in event.items:
        for room in it.rooms:  # an item may take several rooms
            if room.id not in first:
                first[room.id] = (it.start_dt, listed.get(room.id, len(listed)))
                rooms[room.id] = room
    return tuple(rooms[k] for k in sorted(first, key=first.__getitem__))
