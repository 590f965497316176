"""What a fit gives a layout to draw (``Fitted``), and the warning a text cut short gives where it is
drawn (``Cut``, ``printed``): kit.text fits, kit.blocks places, layouts draw. Drawing only to
measure warns nowhere (``measuring``)."""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from eventprint.problems import LayoutWarning, Shortened

from . import theme


@dataclass(frozen=True)
class Fitted:
    """Text laid out to fit a box: its size and lines; ``width``, the width it was fitted to, and
    ``base``, its base level (1: a right-to-left paragraph, which ``draw_lines`` aligns right)."""

    size: float
    lines: tuple[str, ...]
    width: float = 0.0
    base: int = 0

    @property
    def height(self) -> float:
        return len(self.lines) * theme.leading(self.size)


@dataclass(frozen=True)
class Cut(Fitted):
    """Fitted text that had to be cut short (its last line ends in an ellipsis), or left out (no
    lines); ``note``: the warning drawing it gives (``printed``), naming the field and the output."""

    note: Shortened | None = field(default=None, compare=False)


def printed(fitted: Fitted) -> Fitted:
    """``fitted``, about to be drawn: text cut short warns here, where it is printed, and not where
    a layout merely tried a size (many are tried and dropped)."""
    if isinstance(fitted, Cut) and fitted.note is not None:
        warnings.warn(fitted.note, stacklevel=2)
    return fitted


@contextmanager
def measuring() -> Iterator[None]:
    """Drawing only to measure (on a scratch canvas): what is cut short there is not printed, so
    it warns nowhere."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LayoutWarning)
        yield


def shown(text: str, length: int = 60) -> str:
    """The start of a long text, for a message."""
    return text if len(text) <= length else text[:length - 1].rstrip() + "\u2026"


def cut_note(what: str, text: str, lines: int, size: float, fix: str = "shorten it") -> Shortened:
    """The warning for ``text`` printed cut short: ``what`` names the field and the output ("the
    name of room 'hall' on the door signs")."""
    return Shortened(f"{what} is printed cut short (\"{shown(text)}\"): it does not fit in {lines} "
                     f"line{'s' if lines != 1 else ''} even at {size:g} pt", fix, text)
