"""Fitting text: the largest size at which it fits its box, else wrapped, else cut short with
'…' and a warning (``fit``: the one rule for every text of the content on every output).

Built on kit/text.py's measuring and wrapping; what is cut is drawn by ``text.printed``, which warns.
"""
from __future__ import annotations

from typing import Callable, Iterator, TypeVar

from eventprint.problems import Shortened

from . import textruns, typeset
from .fitted import Cut, Fitted, cut_note, shown
from .text import EPS, plain, width, wrap

T = TypeVar("T")


def sizes(largest: float, smallest: float, step: float) -> Iterator[float]:
    """``largest``, ``largest - step``, ... down to ``smallest``: the sizes layouts try, in order."""
    size = largest
    while size >= smallest - EPS:
        yield size
        size -= step


def largest(largest_size: float, smallest: float, step: float, attempt: Callable[[float], T | None]) -> T | None:
    """The first result of ``attempt(size)`` that is not None, trying sizes from the largest down."""
    for size in sizes(largest_size, smallest, step):
        found = attempt(size)
        if found is not None:
            return found
    return None


def fit_lines(text: str, font: str, max_width: float, max_size: float, min_size: float, max_lines: int,
              step: float) -> Fitted | None:
    """Running text wrapped at the largest size at which it takes at most ``max_lines`` lines."""
    text = typeset.quotes(text)  # printed with typographic quotes; measured as printed
    base = textruns.base_of(text) if not plain(text) else 0

    def attempt(size: float) -> Fitted | None:
        lines = wrap(text, font, size, max_width)
        return Fitted(size, tuple(lines), max_width, base) if len(lines) <= max_lines else None
    return largest(max_size, min_size, step, attempt)


def cut_lines(text: str, font: str, max_width: float, size: float, max_lines: int,
              note: Shortened | None = None) -> Cut:
    """The first ``max_lines`` lines of ``text`` wrapped at ``size``, the last ending in '\u2026'
    (words taken off until it fits): for text that may be shortened where it cannot fit."""
    text = typeset.quotes(text)
    lines = wrap(text, font, size, max_width)[:max_lines]
    last = lines[-1].rstrip("-")
    while last and width(last + "\u2026", font, size) > max_width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return Cut(size, tuple(lines[:-1]) + (last.rstrip(" ,;:\u2013\u2014") + "\u2026",), max_width,
               textruns.base_of(text) if not plain(text) else 0, note)


def shortened(text: str, font: str, size: float, max_width: float, max_lines: int) -> str:
    """``text`` as written, or, when it takes more than ``max_lines`` lines at ``size``, its longest
    start (cut at a space where one serves, else between characters) that takes no more with
    '\u2026' after it: for text a Paragraph sets (the booklet), which wraps it as ``wrap`` does."""
    def lines(start: str) -> int:
        return len(wrap(typeset.quotes(start), font, size, max_width))

    def cut(at: int) -> str:
        return text[:at].rstrip(" ,;:\u2013\u2014") + "\u2026"

    def longest(cuts: list[int]) -> str | None:
        low, high = -1, len(cuts) - 1  # the longest start that fits; -1: none does
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (mid, high) if lines(cut(cuts[mid])) <= max_lines else (low, mid - 1)
        return cut(cuts[low]) if low >= 0 else None

    if lines(text) <= max_lines:
        return text
    spaces = [i for i, ch in enumerate(text) if ch == " " and text[:i].strip()]
    return longest(spaces) or longest(list(range(1, len(text)))) or cut(1)


def fitting(text: str, font: str, max_width: float, max_size: float, min_size: float,
            max_lines: int = 1, step: float = 0.5) -> Fitted | None:
    """Largest size from ``max_size`` down to ``min_size`` at which ``text`` fits: shrunk on one line
    first, then on up to ``max_lines`` lines at the largest size that fits; None past that."""
    printed_ = typeset.quotes(text)
    base = textruns.base_of(printed_) if not plain(printed_) else 0
    one = largest(max_size, min_size, step,
                  lambda size: Fitted(size, (printed_,), max_width, base) if width(printed_, font, size) <= max_width else None)
    if one is not None:
        return one
    for n in range(2, max_lines + 1):
        found = fit_lines(text, font, max_width, max_size, min_size, n, step)
        if found is not None:
            return found
    return None


def fit(text: str, font: str, max_width: float, max_size: float, min_size: float,
        max_lines: int = 1, what: str = "text", step: float = 0.5, fix: str = "shorten it",
        floor: tuple[float, int] | None = None) -> Fitted:
    """``fitting``; then, with a ``floor`` (size, lines), the largest size below ``min_size`` down to
    it at which the text takes at most that many lines (a door sign's room name wraps and shrinks
    well below the size it is read at from afar before it is shortened); past that the text cut
    short at the floor, ending in '\u2026': the one rule for every text of the content on every
    output. Drawing the cut text warns (``printed``), naming ``what`` (the field and the output:
    "the name of room 'hall' on the door signs"), at the line where the text is written."""
    key = (typeset.quotes(text), typeset.language_of(text), text, font, max_width, max_size, min_size, max_lines,
           what, step, fix, floor)
    if key not in _FITTED:
        if len(_FITTED) > 4096:
            _FITTED.clear()
        found = fitting(text, font, max_width, max_size, min_size, max_lines, step)
        if found is None and floor is not None:
            found = fit_lines(text, font, max_width, min_size, floor[0], floor[1], step)
        if found is None:
            size, lines = floor or (min_size, max_lines)
            found = cut_lines(text, font, max_width, size, lines, cut_note(what, text, lines, size, fix))
        _FITTED[key] = found
    return _FITTED[key]


_FITTED: dict[tuple, Fitted] = {}  # layouts fit the same text to the same box many times (a sign's headers)


def fit_url(url: str, font: str, max_width: float, max_size: float, min_size: float,
            max_lines: int = 2, what: str = "the address", step: float = 0.5) -> Fitted:
    """A web address at the largest size that fits: one line (shrunk first, as ``fit`` does), else
    broken only after a '/' or '.' and never with a hyphen (a reader would type it). An address
    that does not fit even so is left out (a cut address opens nothing; the QR code beside it has
    it), and drawing the nothing warns."""
    cuts = [i + 1 for i, ch in enumerate(url) if ch in "/." and 0 < i < len(url) - 1]

    def attempt(size: float) -> Fitted | None:
        lines, start, last = [], 0, 0
        for cut in cuts + [len(url)]:
            if width(url[start:cut], font, size) <= max_width:
                last = cut
                continue
            if last <= start:
                return None
            lines.append(url[start:last])
            start = last
            if width(url[start:cut], font, size) > max_width:
                return None
            last = cut
        lines.append(url[start:])
        return Fitted(size, tuple(lines)) if len(lines) <= max_lines else None

    found = largest(max_size, min_size, step,
                    lambda size: Fitted(size, (url,)) if width(url, font, size) <= max_width else None)
    found = found or largest(max_size, min_size, step, attempt)
    if found is None:
        return Cut(min_size, (), note=Shortened(
            f"{what} {shown(url)} is left out: it does not fit in {max_lines} line{'s' if max_lines != 1 else ''} "
            f"even at {min_size:g} pt (the QR code opens it)", "use a shorter address", url))
    return found
