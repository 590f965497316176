"""Card layouts as data: a badge front, a name tent, a timing card is a list of blocks.

A ``Block`` says which of the card's texts it prints (``field``, in people's words: "first
name"), in which face, between which sizes, on how many lines, how (fitted on one line first,
wrapped as running text, or set at one size), aligned how, and how much space it keeps from the
block above. One fitter places them: ``place`` fits a card's blocks to a width at one step of
shrinking, ``shrink`` finds the first step at which all of a card's regions fit, and
``draw_stack`` draws placed blocks from the top down. Fitted texts are remembered, so a text
repeated on many cards (an event name, a venue, a URL) is fitted once per build.

pretix's badge layouts (a JSON list of text, image and QR elements, each at a fixed position with
a size that may shrink to its width) were the model: a card is data, readable without reading
drawing code. Unlike them, blocks are stacked, not pinned to points, so a long affiliation moves
what comes below it instead of running into it; and every size has a floor: text that cannot
fit at its floor is shortened with an ellipsis and the build warns, naming the card and the field
(text.fit's rule, the same on every output).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from reportlab.pdfgen.canvas import Canvas

from . import theme
from .reuse import reused
from .fitted import Cut, Fitted, cut_note
from .text import draw_lines
from .fitting import cut_lines, fit_lines, fitting, largest
from .text import width as measure

Sizes = tuple[float, float]  # largest, smallest (pt)
T = TypeVar("T")


@dataclass(frozen=True)
class Block:
    """One text of a card: what it prints and how it may shrink; no position (blocks stack)."""

    field: str  # the card's text it prints, named as an error names it: "first name"
    face: str  # theme.FONT, theme.FONT_BOLD, ...
    size: str | Sizes | float  # (largest, smallest), the name of the card's pair, or one size ("set")
    lines: int = 1  # at most
    how: str = "fit"  # "fit": shrink on one line, then wrap; "wrap": running text; "set": as it is; "url"
    scales: bool = False  # shrinks with the card's steps (secondary text), else keeps its own sizes
    quiet: bool = False  # shortened by design (a bio's first lines): cut short without a warning
    join: str = ""  # a list text (affiliations) printed as one text, joined by this; "": one block each
    colour: object = theme.INK
    align: str = "left"  # "left", "center", "right"
    space: float = 0.0  # space above, in the card's gaps, when it is the first of its group to print
    tight: float | None = None  # space above when a block of its group printed before it (None: ``space``)
    group: str = ""


@dataclass(frozen=True)
class Placed:
    """A block fitted: its lines and size, drawn top down after ``space_before`` points."""

    fitted: Fitted
    face: str
    colour: object = theme.INK
    space_before: float = 0.0
    align: str = "left"
    heading: bool = False  # a heading of a list, not one of its entries

    @property
    def height(self) -> float:
        return self.space_before + self.fitted.height


@dataclass(frozen=True)
class Card:
    """What the fitter needs to know about the card it places blocks on."""

    sizes: Mapping[str, Sizes]  # the card's named size pairs ("given": (42, 32))
    gap: float  # the unit of ``Block.space``
    who: str  # names the card in warnings: "the badge for Ada Lovelace (lovelace)"
    fix: str = ""  # how else to make room, after "shorten it": ", or use a larger badge size"


def scaled(sizes: Sizes, k: float) -> Sizes:
    """``sizes`` at shrink step ``k``: the largest scaled to the nearest half point, never below the floor."""
    return (max(sizes[1], round(sizes[0] * k * 2) / 2), sizes[1])


def place(card: Card, blocks: Sequence[Block], texts: Mapping[str, str | Sequence[str] | None], width: float,
          k: float = 1.0) -> list[Placed]:
    """The blocks fitted to ``width`` at shrink step ``k``. A block whose text is None (or an empty
    list) is left out; a list prints once per entry (a person's affiliations), or joined
    (``Block.join``)."""
    out: list[Placed] = []
    printed: set[str] = set()
    for b in blocks:
        values = texts.get(b.field)
        if values is None:
            continue
        if isinstance(values, str):
            values = (values,)
        elif b.join:
            values = (b.join.join(values),) if values else ()
        for text in values:
            gaps = b.tight if b.group and b.group in printed and b.tight is not None else b.space
            printed.add(b.group)
            out.append(Placed(fit_block(card, b, text, width, k), b.face, b.colour, gaps * card.gap, b.align))
    return out


def fit_block(card: Card, b: Block, text: str, width: float, k: float = 1.0) -> Fitted:
    size = card.sizes[b.size] if isinstance(b.size, str) else b.size
    if b.how == "set":
        return Fitted(size, (text,))
    sizes = scaled(size, k) if b.scales else size
    if b.how == "url":
        return fit_url(text, width, sizes)
    if b.how == "wrap":
        return fit_wrapped(card, b.field, text, b.face, width, sizes, b.lines, b.quiet)
    return fit_text(card, b.field, text, b.face, width, sizes, b.lines)


def shrink(steps: Sequence[float], attempt: Callable[[float], T | None]) -> T | None:
    """The first result of ``attempt(k)`` that is not None, at the steps in order (1.0 first)."""
    for k in steps:
        found = attempt(k)
        if found is not None:
            return found
    return None


def height(placed: Sequence[Placed]) -> float:
    return sum(b.height for b in placed)


# --------------------------------------------------------------------------
# fitting one text
# --------------------------------------------------------------------------


_FITS: dict[tuple, Fitted] = {}  # many cards fit the same texts (event name, URL, ticket): once per build


def _remember(key: tuple, found: Fitted) -> Fitted:
    if len(_FITS) > 20_000:
        _FITS.clear()
    _FITS[key] = found
    return found


def fit_text(card: Card, field: str, text: str, face: str, width: float, sizes: Sizes, lines: int = 2) -> Fitted:
    """Shrunk on one line down to the floor, then on up to ``lines`` lines at the largest size that
    fits; past that cut short at the floor, and drawing it warns."""
    key = ("fit", text, face, width, sizes, lines)
    found = _FITS.get(key) or _remember(key, fitting(text, face, width, sizes[0], min(sizes), lines)
                                        or cut_lines(text, face, width, min(sizes), lines))
    return _noted(card, field, text, found, lines)


def fit_wrapped(card: Card, field: str, text: str, face: str, width: float, sizes: Sizes, lines: int,
                quiet: bool = False) -> Fitted:
    """Running text (titles, agenda): wrapped at the largest size first, shrunk only if needed; past
    the floor cut short, and drawing it warns unless it is ``quiet`` (shortened by design)."""
    key = ("wrapped", text, face, width, sizes, lines)
    found = _FITS.get(key) or _remember(key, fit_lines(text, face, width, sizes[0], sizes[1], lines, 0.25)
                                        or cut_lines(text, face, width, sizes[1], lines))
    return found if quiet else _noted(card, field, text, found, lines)


def _noted(card: Card, field: str, text: str, found: Fitted, lines: int) -> Fitted:
    """``found`` with the warning its drawing gives on this card, when it is cut short (a fit is
    kept for every card that prints the same text; the warning names each card)."""
    if not isinstance(found, Cut):
        return found
    return replace(found, note=cut_note(f"the {field} on {card.who}", text, lines, found.size,
                                        "shorten it" + card.fix))


def fit_url(text: str, room: float, sizes: Sizes | None) -> Fitted:
    """A URL never gets a hyphen: one line, or two lines split after a '/'; none at all when the
    card prints none (``sizes`` None) or it does not fit at a legible size (a QR code beside it
    says it)."""
    if sizes is None:
        return Fitted(theme.MIN_TYPE, ())
    key = ("url", text, room, sizes)
    if key in _FITS:
        return _FITS[key]

    def one_line(size: float) -> Fitted | None:
        return Fitted(size, (text,)) if measure(text, theme.FONT, size) <= room else None

    cuts = [i + 1 for i, ch in enumerate(text) if ch == "/" and 0 < i < len(text) - 1]

    def two_lines(size: float) -> Fitted | None:
        def longer(i: int) -> float:
            return max(measure(text[:i], theme.FONT, size), measure(text[i:], theme.FONT, size))
        best = min(cuts, key=longer)
        return Fitted(size, (text[:best], text[best:])) if longer(best) <= room else None

    found = largest(sizes[0], sizes[1], 0.25, one_line) or (cuts and largest(sizes[0], sizes[1], 0.25, two_lines))
    return _remember(key, found or Fitted(sizes[1], ()))


# --------------------------------------------------------------------------
# drawing
# --------------------------------------------------------------------------


def draw_stack(c: Canvas, blocks: Sequence[Placed], x: float, top: float, width: float,
               align: str | None = None) -> float:
    """Draw ``blocks`` top down from ``top`` in a column ``width`` wide; return the y below them.
    ``align`` overrides each block's own. A stack drawn again on another card (the same event name,
    the same list of venues) is put into the PDF once (kit.reuse)."""
    aligned = [(b, align or b.align) for b in blocks]
    key = ("stack", tuple((b.fitted, b.face, str(b.colour), b.space_before, a) for b, a in aligned), width)

    def stack(x0: float, y0: float) -> None:
        y = y0
        for b, a in aligned:
            y -= b.space_before
            y = draw_lines(c, b.fitted, b.face, x0, y, align=a, box_width=width, color=b.colour)

    total = height(blocks)
    reused(c, key, stack, x, top, (-width, -total - 36, 2 * width, 36))
    return top - total
