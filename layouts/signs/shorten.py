"""What a door sign gives up when one of its items is taller than a whole sheet at the smallest
size: a step at a time, the speaker list ("A, B and 28 more"), the note, then where it is, its
speaker's name and its title cut short, each step with a warning naming the item. An item that
is still too tall (nothing left to shorten) stops the build at its line."""
from __future__ import annotations

import warnings
from dataclasses import replace

from eventprint import i18n
from eventprint.model import Event, Item
from eventprint.problems import BuildError, Problem, Shortened

from ..kit.fitted import shown
from .data import SignData, SignRow
from .plan import ROW_MIN


def step(event: Event, data: SignData, written: SignData, row: int, it: Item, room, day) -> SignData:
    """``data`` with its row ``row`` (the item ``it``) a step shorter, and the warning saying so;
    ``written``: the sign as the content has it."""
    found = _shorter(event, data.rows[row], written.rows[row], it)
    if found is None:
        raise _too_tall(event, it, room, day)
    shorter, what, fix, key, text = found
    warnings.warn(Shortened(  # at the item, or where the name shortened is written
        f"the door sign of {shown(room.name)} on {day.label} "
        + what.replace("{item}", f"'{shown(it.title.display)}' ({it.time_range})"), fix, text,
        (it.source_file, it.source_line) if key else ("", 0), ("items", it.id, key) if key else None))
    return replace(data, rows=data.rows[:row] + (shorter,) + data.rows[row + 1:])


def _shorter(event: Event, row: SignRow, written: SignRow, it: Item):
    """``row`` a step shorter, what the sign then does, how to fix it, the item's key that would
    ("" for the name of a room or person, told where ``text`` is written) and the text shortened;
    None when nothing is left to shorten."""
    named = tuple(n for n in row.speakers if n in {p.name for p in it.speakers})  # not "and 3 more"
    if len(named) > 1:
        keep = len(named) // 2
        more = i18n.tr(event, "and {n} more", n=len(it.speakers) - keep)
        return (replace(row, speakers=named[:keep] + (more,)), f"lists only {keep} of the {len(it.speakers)} "
                f"speakers of {{item}}, then 'and {len(it.speakers) - keep} more'",
                "shorten the speaker list if that is not enough", "speakers", "")
    if row.note:
        return replace(row, note=""), "leaves off the note of {item}", "shorten the note", "note", row.note
    for field, what, key in (("where", "the place", ""), ("speakers", "the speaker's name", ""),
                             ("title", "the title", "title")):
        value, text = getattr(row, field), getattr(written, field)
        value, text = (value[0], text[0]) if isinstance(value, tuple) and value else (value, text)
        if isinstance(value, str) and len(value.rstrip("\u2026")) > 12:
            cut = _halved(value)
            return (replace(row, **{field: (cut,) if field == "speakers" else cut}),
                    f"prints {what} of {{item}} cut short", "shorten it", key, text)
    return None


def _halved(text: str) -> str:
    """The first half of ``text`` (to a space, if there is one in its second quarter) and '\u2026'."""
    text = text.rstrip("\u2026")
    half = text[:len(text) // 2]
    space = half.rfind(" ")
    return (half[:space] if space > len(half) // 2 else half).rstrip(" ,;:\u2013\u2014") + "\u2026"


def _too_tall(event: Event, it: Item, room, day) -> BuildError:
    """The item that fills more than a whole sign even shortened, told where it is written."""
    return BuildError(str(event.origins.problem(Problem(
        it.source_file, it.source_line, f"'{shown(it.title.display)}' ({it.time_range}) is too long for a whole "
        f"door sign of {shown(room.name)} on {day.label}, even at {ROW_MIN:g} pt",
        "shorten its title, speaker list or note"), ("items", it.id, ""))))
