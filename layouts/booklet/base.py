"""What every part of the programme booklet shares: page geometry, fixed labels, anchor keys
and the small helpers that turn content into Paragraph markup.

The booklet's parts (booklet_pages, booklet_front, booklet_glance, booklet_talks)
import this module and never each other (the glance's grid, booklet_grid, and the talks'
grouping and compact entries, booklet_sections, are helpers they share); booklet.py puts
them together.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventprint.model import BOOKLET_ABSTRACTS, Day, Event, Item
from reportlab.lib.colors import toColor
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, TableStyle

from ..kit import common, grid, theme
from ..kit.programme import KEYNOTE_LABEL, where
from ..kit.text import markup as _m
from .flow import Anchor

PAGE_W, PAGE_H = theme.A5_PORTRAIT
MARGIN_X = 14 * mm
MARGIN_TOP = 19 * mm
MARGIN_BOTTOM = 17 * mm
HEADER_BASELINE = PAGE_H - 11 * mm
FOLIO_BASELINE = 9.5 * mm
FRAME_W = PAGE_W - 2 * MARGIN_X
QR_SIZE = 20 * mm
QR_MODULE = 0.45 * mm  # aim a little above the 0.4 mm minimum for long URLs
COVER_INSET = 10 * mm
LABEL_KEEP = 48  # a section label needs room for itself and about three lines below it
QR_MAX = 24 * mm

NOTES = "Notes"
INDEX = "Speaker index"
PRACTICAL = "Practical information"
GLANCE = "Programme at a glance"
CONTENTS = "Contents"

LABELS = (theme.EN_DASH, theme.MIDDOT, NOTES, INDEX, PRACTICAL, GLANCE, CONTENTS, "(continued)",
          "Programme, abstracts and updates online", "Abstract online: ", KEYNOTE_LABEL,
          "ABOUT THE SPEAKERS")


# --------------------------------------------------------------------------
# anchors: one key per place a page number or a link can point to
# --------------------------------------------------------------------------


def talk_key(item: Item) -> str:
    return f"talk-{item.id}"


def glance_key(item: Item) -> str:
    return f"glance-{item.id}"


def day_glance_key(day: Day) -> str:
    return f"glance-{day.date:%Y-%m-%d}"


def day_talks_key(day: Day) -> str:
    return f"talks-{day.date:%Y-%m-%d}"


def link(key: str, text: str) -> str:
    """Markup for an internal link (text must already be escaped)."""
    return f'<a href="#{key}">{text}</a>'


def tstyle(commands) -> TableStyle:
    """A table style whose cells (even empty ones) use the theme's font, never Helvetica."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), theme.FONT)] + list(commands))


def markup_colour(c) -> str:
    """A theme colour for Paragraph markup (``<font color=...>``): its CMYK values, which
    ReportLab reads back as that CMYK colour (a hex value would be RGB). ReportLab reads such
    a value by trying it as a CSS colour, a name, a pattern and finally a Python literal, for
    every paragraph that has one; the colour it reads is noted as a colour
    name of ReportLab's, found on its second try."""
    text = "({:.4f}, {:.4f}, {:.4f}, {:.4f})".format(*c.cmyk())
    if text not in toColor.extraColorsNS:
        toColor.extraColorsNS[text] = toColor(text)
    return text


hexcolour = markup_colour  # the old name, for callers not yet renamed


ABSTRACTS = BOOKLET_ABSTRACTS


@dataclass
class Ctx:
    """What every part of the story needs: the event, the paragraph styles and how much of
    each talk the booklet carries (one of ABSTRACTS)."""

    event: Event
    st: dict
    abstracts: str = "full"

    @property
    def talk_pages(self) -> bool:
        """False when the booklet is programme and index only: talks are then compact entries
        (booklet_sections) instead of pages with their abstracts."""
        return self.abstracts != "none"

    @property
    def talk_keys(self) -> bool:
        """Whether every talk has an anchor (``talk_key``) where the booklet prints it: its page, or
        in "none" mode its compact entry (booklet_sections) or, on a day without parallel rooms,
        its row in the at-a-glance list. Always, now; kept as the one place that says so."""
        return True

    def talks_part(self, day: Day) -> bool:
        """Whether the day's talks are printed in the talks part (under "Talks · day"): always with
        abstracts; in "none" mode only where the glance is a grid (a list already has room for each
        talk's address online)."""
        return any(it.is_talk for it in day.items) and (self.talk_pages or grid.is_parallel(day))


def qr_size(url: str) -> float:
    """20 mm, or a little more for long URLs (module >= 0.45 mm), at most QR_MAX."""
    return min(max(QR_SIZE, common.qr_total_modules(url) * QR_MODULE), QR_MAX)


def place(item: Item, day: Day, lang: object = "en") -> str:
    """Where an item happens, as the door signs say it: its room, or the day's venue ('MPI-IS')
    when content names no room."""
    return where(item, day.venue.short_name)


def heading(ctx: Ctx, text: str, key: str, outline: str | None = None, level: int = 0) -> list:
    return [Anchor(key, outline=outline if outline is not None else text, level=level, running=text),
            Paragraph(_m(text), ctx.st["h1"])]


def tbc_markup(title: str) -> str:
    """Paragraph markup of a title still to be confirmed, in a bold paragraph (theme.title_face)."""
    font, colour = theme.title_face(theme.FONT_BOLD, False)
    return f'<font name="{theme.face(font)}" color="{hexcolour(colour)}">{title}</font>'
