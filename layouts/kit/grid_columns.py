"""Where each item of a day's time x room grid goes: its columns (the rooms it is in, or every
column for a shared item nothing overlaps) and, where items overlap in one room's column (a
conflict the check reports), its lane beside the others. Minutes run from the day's midnight.
"""
from __future__ import annotations

from datetime import time
from functools import lru_cache

from eventprint.model import Day, Item, Room

from .grid_text import quiet

NO_ROOM = None  # column key of items that overlap others but have no room


def _min(t: time) -> int:
    return t.hour * 60 + t.minute


def _start(it) -> int:
    """Minutes from the day's midnight to the item's start; an item after midnight (a camp's
    night session, ``start_days``) lies past 24:00 on the same day's grid."""
    return _min(it.start) + 1440 * getattr(it, "start_days", 0)


def _end(it) -> int:
    return _min(it.end) + 1440 * getattr(it, "end_days", 0)


@lru_cache(maxsize=64)  # plan, col_widths and columns all ask, per day and per room group
def spanning(items: tuple[Item, ...]) -> frozenset[str]:
    """Ids of the items that span every column: those no other item overlaps in time, unless
    they are talks in a room (a talk alone at its time still belongs in its room's column)."""
    order = sorted(items, key=lambda it: (it.start, it.end))
    out = set()
    latest = -1
    for i, it in enumerate(order):
        s, e = _start(it), _end(it)
        before = latest > s
        after = i + 1 < len(order) and _start(order[i + 1]) < e
        if not before and not after and (it.room is None or quiet(it)):
            out.add(it.id)
        latest = max(latest, e)
    return frozenset(out)


def _keys(it: Item) -> tuple[str | None, ...]:
    """The column keys of an item: its rooms' ids, or NO_ROOM."""
    return tuple(r.id for r in it.rooms) or (NO_ROOM,)


def is_parallel(day: Day) -> bool:
    """Whether any two items of the day overlap in time (then the day is set as a grid)."""
    latest = -1
    for it in sorted(day.items, key=lambda it: (it.start, it.end)):
        if _start(it) < latest:
            return True
        latest = max(latest, _end(it))
    return False


def columns(day: Day, order: tuple[Room, ...]) -> tuple[Room | None, ...]:
    """The day's grid columns in ``order``; None for items that overlap others but have no room."""
    span = spanning(day.items)
    used = {k for it in day.items if it.id not in span for k in _keys(it)}
    cols: list[Room | None] = [r for r in order if r.id in used]
    if None in used:
        cols.append(NO_ROOM)
    return tuple(cols)


def lanes(shown: list[tuple[Item, int | None]]) -> list[tuple[int, int]]:
    """(lane, lanes) of each (item, column): items of one column that overlap in time (a conflict
    the check reports) share it side by side, each whole, not one drawn over the other; every
    other item has the column to itself, (0, 1)."""
    out = [(0, 1)] * len(shown)
    by_col: dict[int, list[int]] = {}
    for i, (_, col) in enumerate(shown):
        if col is not None:
            by_col.setdefault(col, []).append(i)
    for members in by_col.values():
        members.sort(key=lambda i: (_start(shown[i][0]), _end(shown[i][0])))
        cluster: list[int] = []
        ends: list[int] = []  # per lane: when its last item ends
        latest = -1
        for i in members + [None]:
            it = shown[i][0] if i is not None else None
            if it is None or _start(it) >= latest:  # a new cluster: close the one before
                for j in cluster:
                    out[j] = (out[j][0], len(ends))
                cluster, ends = [], []
                if it is None:
                    break
            lane = next((k for k, e in enumerate(ends) if e <= _start(it)), len(ends))
            if lane == len(ends):
                ends.append(_end(it))
            else:
                ends[lane] = _end(it)
            out[i] = (lane, 0)
            cluster.append(i)
            latest = max(latest, _end(it))
    return out
