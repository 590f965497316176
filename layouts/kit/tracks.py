"""Track colours and their legend, shared by every layout that colours items by track.

Items may carry a ``track`` (the model is gaining it); it is read softly with
``getattr`` so layouts work before and after. Colours go by first use in the
programme, so every sheet and every output agrees on them.
"""
from __future__ import annotations

from eventprint.model import Event, Item
from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from . import theme
from .text import Fitted, draw, fit, printed, text_width

LEAD = 1.12


def track_colours(event: Event) -> dict[str, Color]:
    """Each track's colour, by first use in the programme (so every sheet agrees)."""
    out: dict[str, Color] = {}
    for it in event.items:
        track = item_track(it)
        if track and track not in out:
            out[track] = theme.TRACK_COLOURS[len(out) % len(theme.TRACK_COLOURS)]
    return out


def item_track(it: Item) -> str | None:
    """The item's track, or None when it has none (an empty text counts as none)."""
    return it.track or None


def tint(colour: Color, amount: float = theme.TRACK_TINT) -> Color:
    """The colour mixed with ``amount`` of paper white: each ink scaled down (and on screen,
    each channel moved towards white)."""
    screen = "#" + "".join(f"{round(255 * (v + (1 - v) * amount)):02x}" for v in colour.rgb())
    return theme.Ink(*(v * (1 - amount) for v in colour.cmyk()), screen=screen)


def legend_height(tracks: tuple[str, ...], width: float, size: float, label: str = "Tracks") -> float:
    return legend_lines(tracks, width, size, label) * LEAD * size + 0.4 * size


def draw_legend(c: Canvas, tracks: tuple[str, ...], colours: dict[str, Color], x: float, top: float,
                width: float, size: float, label: str = "Tracks") -> float:
    """'Tracks: [■ Robotics] [■ Vision] ...' on one line (wrapping if needed); returns its bottom."""
    y = top - LEAD * size
    cx = x
    c.setFont(theme.FONT_BOLD, size)
    c.setFillColor(theme.MUTED)
    draw(c, label, cx, y + 0.2 * size)
    cx += text_width(label, theme.FONT_BOLD, size) + size
    for tr in tracks:
        name = printed(_name(tr, width, size)).lines[0]
        w = 1.6 * size + text_width(name, theme.FONT, size) + 1.2 * size
        if cx + w > x + width and cx > x:
            y -= LEAD * size
            cx = x
        col = colours[tr]
        c.setFillColor(tint(col))
        c.rect(cx, y, 1.2 * size, 0.95 * size, stroke=0, fill=1)
        c.setFillColor(col)
        c.rect(cx, y, 0.22 * size * 1.2, 0.95 * size, stroke=0, fill=1)
        c.setFont(theme.FONT, size)
        c.setFillColor(theme.INK)
        draw(c, name, cx + 1.6 * size, y + 0.2 * size)
        cx += w
    return y - 0.4 * size


def _name(track: str, width: float, size: float) -> Fitted:
    """A track's name as the legend prints it: on one line of the legend, else cut short there."""
    return fit(track, theme.FONT, width - 2.8 * size, size, size,
               what="a track's name in the legend of tracks (the booklet's and the poster's grids)")


def legend_lines(tracks: tuple[str, ...], x_width: float, size: float, label: str = "Tracks") -> int:
    cx = text_width(label, theme.FONT_BOLD, size) + size
    n = 1
    for tr in tracks:
        w = 1.6 * size + text_width(_name(tr, x_width, size).lines[0], theme.FONT, size) + 1.2 * size
        if cx + w > x_width and cx > 0:
            n += 1
            cx = 0
        cx += w
    return n
