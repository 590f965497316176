"""The one place for fonts, colours and sizes shared by every printed thing.

Layouts take their look from here so that booklet, signs, poster and badges
read as one family, and a different event can restyle by editing one file.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from reportlab.lib.colors import CMYKColor, Color, HexColor
from reportlab.lib.pagesizes import A1, A2, A3, A4, A5, A6, LETTER, landscape, portrait
from reportlab.lib.units import inch, mm

from eventprint import fonts
from eventprint.brand import Brand
from eventprint.typeface import FONT, FONT_BOLD, FONT_BOLD_ITALIC, FONT_ITALIC  # noqa: F401

# -- fonts ------------------------------------------------------------------
# Noto Sans: FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC and their files are named in the core
# (eventprint.typeface), and registered there (eventprint.fonts.register()); imported above.

# -- colours ------------------------------------------------------------------
# Print is CMYK (every PDF, checked by tests/test_press.py): text in 100 % K, greys as K-only
# tints (no colour cast, no registration trouble on small type), the accent and the track and
# role colours as CMYK builds. Each colour also carries the sRGB the site shows (site_style.py),
# the values the screen design started from, so paper and screen are one palette.


class Ink(CMYKColor):
    """A print colour (c, m, y, k in 0..1) that knows its screen colour: ``screen`` is an sRGB
    hex string; ``rgb()``/``hexval()`` give it (ReportLab's own conversion is naive)."""

    def __init__(self, cyan=0, magenta=0, yellow=0, black=0, screen: str | None = None, **kw):
        super().__init__(cyan, magenta, yellow, black, **kw)
        self.screen = screen
        if screen:
            self.red, self.green, self.blue = HexColor(screen).rgb()

    def clone(self, **kwds):
        out = super().clone(**kwds)
        out.screen = None
        return out


def grey(k: float, screen: str) -> Ink:
    """A K-only tint."""
    return Ink(0, 0, 0, k, screen=screen)


INK = grey(1.0, "#1A1A1A")  # body text: 100 % K on paper, near-black on screen
MUTED = grey(0.68, "#5F6368")  # secondary text: affiliations, notes, folios


_ITALIC_OF = {FONT: FONT_ITALIC, FONT_BOLD: FONT_BOLD_ITALIC}


def title_face(font: str, confirmed: bool):
    """The face and colour of a title set in ``font``: as it is, in ink; a title still to be
    confirmed ("Title to be confirmed") in that weight's italic, muted. One rule for every output."""
    return (font, INK) if confirmed else (_ITALIC_OF.get(font, font), MUTED)
RULE = grey(0.25, "#C9CDD2")  # hairlines and separators
PAUSE_BG = grey(0.06, "#F1F3F4")  # quiet background of breaks and meals
ACCENT = Ink(0.90, 0.30, 0.38, 0.18, screen="#0B6E79")  # the one accent colour: headings, bands, markers
ACCENT_LIGHT = Ink(0.12, 0, 0.05, 0, screen="#E3F1F2")
WHITE = Ink(0, 0, 0, 0, screen="#FFFFFF")
QR_INK = grey(1.0, "#000000")  # QR modules: solid black, maximum contrast for scanners
ROLE_COLOURS: dict[str, Color] = {  # badge bands, keyed by Role.value
    "speaker": ACCENT,
    "chair": Ink(0.58, 0.78, 0, 0.05, screen="#7A4E9E"),
    "host": Ink(0.15, 0.75, 0.90, 0.05, screen="#B5512B"),
}
TICKET_COLOURS: dict[str, Color] = {  # badge bands of registrants, keyed by ticket (model.TICKET_TYPES)
    # every colour here carries white text at >= 4.5:1 on screen; CMYK builds from the same values
    "participant": Ink(0.59, 0.36, 0.00, 0.45, screen="#3A5A8C"),
    "student": Ink(0.63, 0.00, 0.60, 0.51, screen="#2E7D32"),
    "staff": Ink(0.30, 0.10, 0.00, 0.69, screen="#37474F"),
    "volunteer": Ink(0.00, 0.88, 0.50, 0.32, screen="#AD1457"),
    "press": Ink(0.00, 0.36, 1.00, 0.45, screen="#8C5A00"),
    "sponsor": Ink(0.89, 0.47, 0.00, 0.25, screen="#1565C0"),
    "guest": Ink(0.00, 0.31, 0.41, 0.64, screen="#5D4037"),
}
# Crop, fold and registration marks: registration colour, 100 % of every ink, so they print on
# every plate and show any misregister; never used for content.
CROP_MARK = Ink(1, 1, 1, 1, screen="#000000")
DRAFT_MARK_CMYK = "0 0.3 0.05 0"  # a pale magenta: visible on paper and screen, hides nothing
# Track colours (items with a ``track``), in order of first use. Okabe-Ito's palette, which
# colour-blind readers tell apart, with the CMYK builds its authors give, ordered so that
# neighbours, and any two of the first four, also differ in lightness (a greyscale print).
TRACK_COLOURS: tuple[Color, ...] = (
    Ink(1.00, 0.50, 0, 0, screen="#0072B2"),  # blue (luminance 0.37)
    Ink(0, 0.50, 1.00, 0, screen="#E69F00"),  # orange (0.64)
    Ink(0.97, 0, 0.75, 0, screen="#009E73"),  # bluish green (0.48)
    Ink(0.10, 0.05, 0.90, 0, screen="#F0E442"),  # yellow (0.86)
    Ink(0, 0.80, 1.00, 0, screen="#D55E00"),  # vermillion (0.44)
    Ink(0.80, 0, 0, 0, screen="#56B4E9"),  # sky blue (0.64)
    Ink(0, 0, 0, 1.00, screen="#000000"),  # black (0)
    Ink(0.10, 0.70, 0, 0, screen="#CC79A7"),  # reddish purple (0.56)
)
TRACK_TINT = 0.8  # a track's box is its colour mixed with this much white; its edge bar is the full colour

# -- print geometry -----------------------------------------------------------
BLEED = 3 * mm  # background that runs to the cut extends this far beyond it
SAFE = 5 * mm  # minimum distance of any text from the trim
CROP_MARK_LENGTH = 5 * mm
CROP_MARK_OFFSET = 3 * mm  # gap between the trim corner and the start of a mark
CROP_MARK_WIDTH = 0.25  # pt

# -- QR codes -----------------------------------------------------------------
QR_ERROR = "M"  # recovers ~15 %; M or better is required
QR_QUIET_MODULES = 4
QR_MIN_MODULE = 0.4 * mm

# -- page and badge sizes by name (width, height in points) -------------------
PAGE_SIZES = {
    "A1": portrait(A1),
    "A2": portrait(A2),
    "A3": portrait(A3),
    "A4": portrait(A4),
    "A5": portrait(A5),
    "A6": portrait(A6),
    "LETTER": portrait(LETTER),
}
BADGE_SIZES = {
    "A6": portrait(A6),
    "4x3": (4 * inch, 3 * inch),  # US pocket, landscape
    "90x54": (90 * mm, 54 * mm),  # card holders
}
A4_LANDSCAPE = landscape(A4)
A5_PORTRAIT = portrait(A5)

# -- type scale (pt) ----------------------------------------------------------
BODY = 9.5
SMALL = 7.5
MIN_TYPE = 7  # nothing is printed smaller (legibility; print shops flag type under 7 pt)
LEADING = 1.3  # line height as a multiple of the size


@lru_cache(maxsize=1024)  # asked some 85,000 times a build, for a few dozen sizes
def leading(size: float) -> float:
    return round(size * LEADING, 2)


# Symbols layouts draw themselves; Noto Sans has them (it has no arrows).
EN_DASH = "\u2013"
MIDDOT = "\u00b7"


# -- the event's own look (event.yaml ``brand:``, eventprint.brand) ------------------------------
# Layouts name the theme's fonts and colours; an event's brand changes what they print as, in
# two places only, so that no layout needs to know: the PressCanvas of every PDF prints ACCENT and
# ACCENT_LIGHT as the brand's colours (``palette``, common.new_canvas), and the text functions
# (text.py, textruns.py) set FONT, FONT_BOLD... in the brand's family while an output is drawn
# (``branded``, entered by eventprint.outputs.drawing like typeset.language), which also gives
# logo.py the event's logos (event.brand). Without a brand nothing changes, byte for byte.

_FAMILY: ContextVar[fonts.Family] = ContextVar("family", default=fonts.NOTO)
_BRAND: ContextVar[Brand] = ContextVar("brand", default=Brand())
THEME_FONTS = frozenset((FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC))


@contextmanager
def branded(brand: Brand):
    """Draw in ``brand``: the theme's fonts in its family (Noto Sans without one), its logos
    where layouts place one (logo.py)."""
    tokens = (_FAMILY.set(fonts.family_of(brand.font)), _BRAND.set(brand))
    try:
        yield
    finally:
        _BRAND.reset(tokens[1])
        _FAMILY.reset(tokens[0])


def brand() -> Brand:
    """The brand of the event being drawn (Brand(): none)."""
    return _BRAND.get()


# family(): the family the theme's fonts are set in now, fonts.NOTO or the event's brand's. The
# context variable's own getter, not a function around it: text measurement asks for it some
# 400,000 times in a 900-talk event's build.
family: Callable[[], fonts.Family] = _FAMILY.get


def face(font: str) -> str:
    """The registered face a theme font (FONT_BOLD...) prints in now, for what ReportLab sets
    itself (a Paragraph's style); any other font name as it is."""
    fam = _FAMILY.get()
    return font if fam is fonts.NOTO or font not in THEME_FONTS else fam.name(fonts.style_of(font))


def accent(brand: Brand) -> Ink:
    """The accent of an event: its brand's colour, else ACCENT (for the site; PDFs: ``palette``)."""
    return ACCENT if brand.accent is None else Ink(*brand.accent.cmyk, screen=brand.accent.screen)


def accent_light(brand: Brand) -> Ink:
    return ACCENT_LIGHT if brand.accent_light is None else Ink(*brand.accent_light.cmyk,
                                                               screen=brand.accent_light.screen)


def colour_key(colour: Color) -> tuple[float, ...] | None:
    """What a palette matches a CMYK colour by: its inks, to 0.1 % (Paragraph markup gives them
    back from text)."""
    return tuple(round(v, 3) for v in colour.cmyk()) if isinstance(colour, CMYKColor) else None


def palette(brand: Brand) -> dict[tuple[float, ...], Ink]:
    """The theme's colours a brand replaces on the page, by colour_key: {} without a brand colour."""
    if brand.accent is None:
        return {}
    return {colour_key(ACCENT): accent(brand), colour_key(ACCENT_LIGHT): accent_light(brand)}
