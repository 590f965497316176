"""Checks across files: ids unique and resolvable, and the schedule's conflicts.

Unknown ids and duplicates are errors. Conflicts — two items overlapping in one room, a person
in two places at once — are warnings: real schedules contain them, and a build must not stop
on them (``--strict`` makes them errors). Both use real datetimes, so a late item is checked
against the items after midnight too.
"""
from __future__ import annotations

from ..problems import Group, imported
from ..yamlsource import Located
from .drafts import DayDraft, ItemDraft, PersonDraft, Places
from .fields import Reader


def resolve(r: Reader, days: list[DayDraft], places: Places, people: dict[str, PersonDraft]) -> list[ItemDraft]:
    """Give id-less items their id, check every reference and conflict; the items in content order."""
    items = [it for day in days for it in day.items]
    for it in items:
        if it.id is None:
            it.id = f"{it.date:%Y%m%d}-{it.start:%H%M}-{it.kind.value.replace('_', '-')}"
            if it.room:
                it.id += f"-{it.room}"
        r.claim("programme item", it.id, it.id_loc or it.loc)
        for rid, rloc in it.rooms:
            if rid not in places.rooms:
                r.unknown(rloc, "room", rid, places.rooms)
        for pid, ploc in it.speakers + it.chairs:
            if pid not in people:
                r.unknown(ploc, "person", pid, people)
    _check_room_overlaps(r, items)
    _check_double_bookings(r, items, people)
    return items


def _check_room_overlaps(r: Reader, items: list[ItemDraft]) -> None:
    """Real datetimes, so a late item overlaps one after midnight listed under the next day."""
    by_room: dict[str, list[ItemDraft]] = {}
    for it in items:
        for rid, _ in it.rooms:
            by_room.setdefault(rid, []).append(it)
    for room, group in by_room.items():
        group.sort(key=lambda x: (x.start_dt, x.end_dt))
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if b.start_dt >= a.end_dt:
                    break
                r.warn(b.loc, f"'{b.title.display}' ({b.start:%H:%M}\u2013{b.end:%H:%M}) overlaps "
                       f"'{a.title.display}' ({a.start:%H:%M}\u2013{a.end:%H:%M}, {_at(a)}) in room '{room}'",
                       "move one of them to another time or room", Group.OVERLAP)


def _check_double_bookings(r: Reader, items: list[ItemDraft], people: dict[str, PersonDraft]) -> None:
    by_person: dict[str, list[tuple[ItemDraft, Located]]] = {}
    for it in items:
        for pid, ploc in it.speakers + it.chairs:
            by_person.setdefault(pid, []).append((it, ploc))
    for pid, entries in by_person.items():
        entries.sort(key=lambda e: e[0].start_dt)
        for i, (a, _) in enumerate(entries):
            for b, bloc in entries[i + 1:]:
                if b is a or {rid for rid, _ in a.rooms} & {rid for rid, _ in b.rooms}:
                    continue  # same item twice, or same room: the room overlap check reports it
                if b.start_dt >= a.end_dt:
                    break
                name = people[pid].name if pid in people else pid
                r.warn(bloc, f"{name} is booked in two places at once: '{b.title.display}' "
                       f"({b.start:%H:%M}\u2013{b.end:%H:%M}) and '{a.title.display}' "
                       f"({a.start:%H:%M}\u2013{a.end:%H:%M}, {_at(a)})",
                       "correct the times, or the speaker or chair of one of them", Group.DOUBLE_BOOKING)


def _at(it: ItemDraft) -> str:
    """Where a message points at the other item of a conflict: its line, or for an imported one
    (whose problems are told at overrides.yaml, never at imported/) its id."""
    return f"id '{it.id}'" if imported(it.loc.file) and it.id else f"line {it.loc.line}"
