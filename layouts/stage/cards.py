"""Timing cards: what a session chair holds up for the speaker, "10", "5" and "1" minutes and
"Stop", in the event's language, one set per room that has talks, A4 or A5 landscape.

Each card is a coloured panel inside a white margin (an office printer prints it whole): the
number as large as the panel allows, the word under it, and the room and event small at the
foot so that the sets of several rooms stay apart. The colours are the track palette's
(Okabe-Ito, told apart by colour-blind readers), each set apart in lightness too: green, orange,
vermilion, and black for Stop. A card is a list of blocks placed by the card fitter (kit/blocks.py).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, replace

from eventprint import i18n
from eventprint.model import Event, Room
from eventprint.options import BuildOptions, OptionError
from eventprint.output import Artifact
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import common, theme
from ..kit.blocks import Block, Card, draw_stack, height, place, shrink
from ..kit.fitted import shown

SIZES = {"A4": landscape(theme.PAGE_SIZES["A4"]), "A5": landscape(theme.PAGE_SIZES["A5"])}
DEFAULT_SIZE = "A4"
MARGIN = 10 * mm  # white around the panel, x the page's scale against A4
PAD = 8 * mm  # inside the panel
RADIUS = 6 * mm
STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)


@dataclass(frozen=True)
class Timing:
    """One card: minutes left (0: Stop), its panel and its ink."""

    minutes: int
    panel: object
    ink: object


GREEN, ORANGE, VERMILION = theme.TRACK_COLOURS[2], theme.TRACK_COLOURS[1], theme.TRACK_COLOURS[4]
SET = (Timing(10, GREEN, theme.WHITE), Timing(5, ORANGE, theme.INK), Timing(1, VERMILION, theme.WHITE),
       Timing(0, theme.INK, theme.WHITE))
# sizes as fractions of the panel's height: the number fills it, the word reads from the back row
CARD = (Block("number", theme.FONT_BOLD, "number", scales=True, align="center"),
        Block("unit", theme.FONT_BOLD, "unit", scales=True, align="center"),
        Block("stop", theme.FONT_BOLD, "stop", scales=True, align="center"))
FOOT = Block("room", theme.FONT, "room", lines=2, align="center")


def page_size(options: BuildOptions) -> tuple[float, float]:
    size = (options.size or DEFAULT_SIZE).upper()
    if size not in SIZES:
        raise OptionError(f"timing cards cannot be printed at size {options.size!r}; choose one of "
                          f"{', '.join(SIZES)} (landscape, A4 is the default)")
    return SIZES[size]


def rooms(event: Event) -> list[Room | None]:
    """The rooms that have talks, in the content's order; None for talks somewhere unnamed."""
    used = {it.room for it in event.talks}
    return [r for r in event.rooms if r in used] + ([None] if None in used else [])


def _texts(event: Event, t: Timing) -> dict[str, str | None]:
    if not t.minutes:
        return {"stop": i18n.tr(event, "Stop", "timing card")}
    return {"number": str(t.minutes), "unit": i18n.ntr(event, "minute", "minutes", t.minutes)}


def _card(c: Canvas, event: Event, room: Room | None, t: Timing, pagesize: tuple[float, float]) -> None:
    """The panel, the number and word as large as fit (centred above the foot), and the foot."""
    w, h = pagesize
    s = min(w, h) / min(SIZES["A4"])
    m, pad = MARGIN * s, PAD * s
    c.setFillColor(t.panel)
    c.roundRect(m, m, w - 2 * m, h - 2 * m, RADIUS * s, stroke=0, fill=1)
    width, tall = w - 2 * (m + pad), h - 2 * (m + pad)
    sizes = {"number": (0.62 * tall, 48 * s), "unit": (0.13 * tall, 18 * s), "stop": (0.36 * tall, 48 * s),
             "room": (12 * s, theme.MIN_TYPE)}
    card = Card(sizes, 0, f"the timing cards of {shown(room.name if room else event.short_name)}")
    foot = place(card, (replace(FOOT, colour=t.ink),),
                 {"room": f"{room.name} {theme.MIDDOT} {event.short_name}" if room else event.short_name}, width)
    room_h = tall - height(foot) - 3 * mm * s
    blocks = tuple(replace(b, colour=t.ink) for b in CARD)

    def fits(k: float):
        placed = place(card, blocks, _texts(event, t), width, k)
        return placed if height(placed) <= room_h else None
    placed = shrink(STEPS, fits) or place(card, blocks, _texts(event, t), width, STEPS[-1])
    draw_stack(c, placed, m + pad, m + pad + height(foot) + 3 * mm * s + (room_h + height(placed)) / 2, width)
    draw_stack(c, foot, m + pad, m + pad + height(foot), width)


def draw_cards(c: Canvas, event: Event, options: BuildOptions) -> None:
    pagesize = page_size(options)
    for room in rooms(event):
        for n, t in enumerate(SET):
            c.setPageSize(pagesize)
            if n == 0:
                key = f"cards-{room.id if room else 'event'}"
                c.bookmarkPage(key)
                c.addOutlineEntry(room.name if room else event.short_name, key, level=0)
            _card(c, event, room, t, pagesize)
            c.showPage()


def render(event: Event, options: BuildOptions) -> list[Artifact]:
    pagesize = page_size(options)
    if not rooms(event):
        return []
    buf = io.BytesIO()
    c = common.new_canvas(buf, pagesize, event, f"Timing cards \u2014 {event.name}",
                          "Cards a session chair holds up: 10, 5 and 1 minutes left, and Stop; one set per room")
    draw_cards(c, event, options)
    c.save()
    return [Artifact("timing-cards.pdf", buf.getvalue())]
