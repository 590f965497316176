"""A badge's type sizes and the fitting of its texts: each size's Style, each field shrunk to
fit its width down to a floor (then wrapped, or for a reminder such as a talk title cut with an
ellipsis), and Blocks of fitted text stacked from the top. Fitted texts are remembered, so a
text repeated on many badges (a venue, an add-on) is fitted once (badges.py draws them)."""
from __future__ import annotations

from dataclasses import dataclass

from eventprint.options import BuildOptions, OptionError
from eventprint.problems import BuildError
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import theme
from ..kit.reuse import reused
from ..kit.text import Fitted, cut_lines, draw_lines, fit, fit_lines, largest
from ..kit.text import width as measure  # many functions here have a `width` argument
from .data import BadgeData

SIZES = ("A6", "4x3", "90x54")


@dataclass(frozen=True)
class Style:
    """Type sizes (pt: max, floor) and measures for one badge size."""

    portrait: bool
    band: float  # band height
    role: float  # role word size
    also: float  # "ALSO CHAIR" size
    given: tuple[float, float]
    name: tuple[float, float]
    small: tuple[float, float]  # position, affiliations, event name
    title: tuple[float, float]
    title_lines: int
    info: tuple[float, float]  # day, time, room
    label: float  # "KEYNOTE" above the title
    url: tuple[float, float] | None  # None: no printed web address (the QR code carries it)
    agenda: tuple[float, float]  # back: the person's programme
    qr: float  # QR square incl. quiet zone
    gap: float
    pad: float  # inside the band


# Nothing under 7 pt (theme.MIN_TYPE). The small badges print no web address: their QR code
# says it, and at a legible size it would crowd out the name (url None).
STYLES = {
    "A6": Style(True, 11 * mm, 15, 7.5, (42, 32), (14, 10), (9, 7), (11.5, 7.5), 3, (9, 7.5), 7.5,
                (7, 7), (10.5, 7.5), 28 * mm, 3 * mm, 3 * mm),
    "4x3": Style(False, 8 * mm, 11, 7, (30, 23), (11, 8), (7.5, 7), (9, 7), 3, (7.5, 7), 7,
                 None, (8, 7), 24 * mm, 2 * mm, 2.5 * mm),
    "90x54": Style(False, 6.5 * mm, 8.5, 7, (21, 16), (8.5, 7), (7, 7), (7, 7), 3, (7, 7),
                   7, None, (7, 7), 19 * mm, 1.5 * mm, 2 * mm),
}
ROLE_CHAR_SPACE = 1.2  # letter-spacing of the role word, as a fraction of a point per pt/10
SHRINK_STEPS = (1.0, 0.92, 0.85, 0.78, 0.7)  # secondary fields shrink together when a badge is too tall


def size_of(options: BuildOptions) -> str:
    size = options.size or "A6"
    for s in SIZES:
        if s.lower() == size.lower():
            return s
    raise OptionError(f"--size {size} is not a badge size: use " + ", ".join(SIZES) + " (default A6)")


# --------------------------------------------------------------------------
# text helpers
# --------------------------------------------------------------------------


_FITS: dict[tuple, Fitted] = {}  # many badges fit the same texts (event name, URL, ticket): once per build


def _remember(key: tuple, found: Fitted) -> Fitted:
    if len(_FITS) > 20_000:
        _FITS.clear()
    _FITS[key] = found
    return found


def _fit(d: BadgeData, field: str, text: str, font: str, width: float, sizes: tuple[float, float],
         lines: int = 2) -> Fitted:
    key = ("fit", text, font, width, sizes, lines)
    if key in _FITS:
        return _FITS[key]
    try:
        return _remember(key, fit(text, font, width, sizes[0], min(sizes), max_lines=lines, what=field))
    except BuildError:
        raise BuildError(
            f"the badge for {d.name} ({d.person_id}): the {field} \"{text}\" does not fit in {lines} "
            f"line(s) even at {min(sizes):g} pt \u2014 shorten it in the content, or use a larger "
            f"badge size (--size A6)") from None


def _fit_wrapped(d: BadgeData, field: str, text: str, font: str, width: float,
                 sizes: tuple[float, float], lines: int) -> Fitted:
    """For running text (titles, agenda): wrap at the largest size first, shrink only if needed."""
    key = ("wrapped", text, font, width, sizes, lines)
    if key in _FITS:
        return _FITS[key]
    found = fit_lines(text, font, width, sizes[0], sizes[1], lines, 0.25)
    if found is not None:
        return _remember(key, found)
    if field in CUTTABLE:  # a reminder, not the badge's point: shortened, and the build warns
        return cut_lines(text, font, width, sizes[1], lines)
    raise BuildError(
        f"the badge for {d.name} ({d.person_id}): the {field} \"{text}\" does not fit in {lines} "
        f"lines even at {sizes[1]:g} pt \u2014 shorten it in the content, or use a larger "
        f"badge size (--size A6)")


# running text a badge may print shortened, ending in an ellipsis, when it cannot fit whole
CUTTABLE = ("talk title", "agenda entry")


def _fit_url(d: BadgeData, text: str, room: float, sizes: tuple[float, float] | None) -> Fitted:
    """A URL never gets a hyphen: one line, or two lines split after a '/'; none at all when the
    style prints none or it does not fit at a legible size (the QR code beside it says it)."""
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


def _scaled(sizes: tuple[float, float], k: float) -> tuple[float, float]:
    return (max(sizes[1], round(sizes[0] * k * 2) / 2), sizes[1])


@dataclass
class Block:
    """Text lines with a font and colour, laid out top-down."""

    fitted: Fitted
    font: str
    color: object = theme.INK
    space_before: float = 0.0
    heading: bool = False  # a heading of the back's list: not counted as an entry

    @property
    def height(self) -> float:
        return self.space_before + self.fitted.height


def _stack_height(blocks: list[Block]) -> float:
    return sum(b.height for b in blocks)


def _draw_stack(c: Canvas, blocks: list[Block], x: float, top: float, width: float,
                align: str = "left") -> float:
    key = ("stack", tuple((b.fitted, b.font, str(b.color), b.space_before) for b in blocks), width, align)

    def stack(x0: float, y0: float) -> None:
        y = y0
        for b in blocks:
            y -= b.space_before
            y = draw_lines(c, b.fitted, b.font, x0, y, align=align, box_width=width, color=b.color)

    height = _stack_height(blocks)
    reused(c, key, stack, x, top, (-width, -height - 36, 2 * width, 36))
    return top - height
