"""A door sign's rows: what each says (styled wrap units), how rows are set (``Style``), and how a
row is cut short when a day fits one sheet only so: its title at a word with an ellipsis, never
its speakers (signs/plan.py decides when; signs/document.py draws).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..kit import theme
from ..kit.grid_text import ELLIPSIS
from ..kit.text import Unit, line_count, text_width, wrap_units

ROW_GAP = 0.5  # between rows, x the schedule size
ROW_LEADING = 1.2  # line pitch of schedule rows, x the size


@dataclass(frozen=True)
class Row:
    """One schedule row, styled: what the plan wraps and the sign draws."""

    time: str
    units: tuple[Unit, ...]  # title, then speakers and note (or where), as wrap units
    label: str | None = None  # KEYNOTE
    quiet: bool = False  # breaks, meals, things elsewhere
    band: bool = False  # pauses get a grey band
    title_units: int = 0  # how many of ``units`` are the title (what a cut row shortens); 0: unknown
    name_units: int | None = None  # how many after the title are names (a cut row keeps them, not the note); None: all


@dataclass(frozen=True)
class Style:
    """How rows are set: their line pitch and the gap between them (x the size), and whether the
    time stands over two lines ('09:30–' over '10:15', the label moving to the head of the text) so
    that the titles get the width (in two columns, mostly)."""

    leading: float
    gap: float
    stacked: bool = False


NORMAL = Style(ROW_LEADING, ROW_GAP)
TIGHT = (Style(1.08, 0.25), Style(1.08, 0.25, stacked=True))
CUT_MIN = 2  # a cut row keeps at least two lines: the time's two, or a title's start and its speakers


def time_lines(r: Row, style: Style = NORMAL) -> tuple[str, ...]:
    """The time column of a row: its time, and its label (KEYNOTE) under it; stacked, the time's
    start over its end."""
    if style.stacked:
        start, dash, end = r.time.partition(theme.EN_DASH)
        return (start + dash, end) if dash and end else (r.time,)
    return (r.time,) + ((r.label,) if r.label else ())


def units_of(r: Row, style: Style) -> tuple[Unit, ...]:
    """The row's text: stacked, its label (KEYNOTE) leads the title."""
    if style.stacked and r.label:
        return (((r.label, theme.FONT_BOLD, theme.ACCENT),),) + r.units
    return r.units


def title_count(r: Row, style: Style) -> int:
    return r.title_units + (1 if style.stacked and r.label and r.title_units else 0)


def cut_row(r: Row, style: Style, f: float, text_w: float, cap: int | None) -> tuple[Unit, ...]:
    """The row's units in at most ``cap`` lines: its title cut at a word with an ellipsis,
    keeping the speakers; if even one word of it leaves too little room, the lines themselves cut."""
    units = units_of(r, style)
    if cap is None or line_count(units, f, text_w) <= cap:
        return units
    t = title_count(r, style)
    title, more = units[:t], units[t:]
    first = 1 + (1 if style.stacked and r.label else 0)  # the label alone is no title

    def shortened(k: int) -> tuple[Unit, ...]:
        text, font, colour = title[k - 1][-1]
        last = title[k - 1][:-1] + ((text.rstrip(" " + theme.MIDDOT) + ELLIPSIS, font, colour),)
        if more:
            last = last + ((" " + theme.MIDDOT, more[0][0][1], more[0][0][2]),)
        return title[:k - 1] + (last,) + more

    if t <= first:  # no title words to spare: the lines as they wrap, cut
        return cut_lines(units, f, text_w, cap)
    if line_count(shortened(first), f, text_w) > cap:  # the speakers alone are too long: cut them too
        return cut_lines(shortened(first), f, text_w, cap)
    lo, hi = first, t - 1  # the most words of the title that still fit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if line_count(shortened(mid), f, text_w) <= cap:
            lo = mid
        else:
            hi = mid - 1
    return shortened(lo)


def floor_units(r: Row, style: Style) -> tuple[Unit, ...]:
    """What ``_cut`` can bring a row down to without cutting its speakers: its title's first word and
    an ellipsis (the whole title if it is one word), then every name; a note after them may go (a
    speaker list too long for a sheet is shortened by the sign itself, which names the item in a
    warning)."""
    units = units_of(r, style)
    t = title_count(r, style)
    first = 1 + (1 if style.stacked and r.label else 0)
    if t <= first:  # nothing of the title to spare
        head = units[:t]
    else:
        text, font, colour = units[first - 1][-1]
        head = units[:first - 1] + (units[first - 1][:-1] + ((text + ELLIPSIS + " " + theme.MIDDOT, font, colour),),)
    names = units[t:] if r.name_units is None else units[t:t + r.name_units]
    return head + names


def cut_lines(units: tuple[Unit, ...], f: float, text_w: float, cap: int) -> tuple[Unit, ...]:
    """The first ``cap`` lines of ``units`` wrapped, the last ending with an ellipsis; each line one unit."""
    lines = wrap_units(units, f, text_w)[:cap]
    last = list(lines[-1])
    while len(last) > 1 and sum(text_width(x[0], x[1], f) for x in last) + text_width(ELLIPSIS, last[-1][1], f) > text_w:
        last.pop()
    while last and last[-1][0] == " ":
        last.pop()
    text, font, colour = last[-1]
    last[-1] = (text.rstrip(" ," + theme.MIDDOT) + ELLIPSIS, font, colour)
    return tuple(tuple(ln) for ln in lines[:-1]) + (tuple(last),)
