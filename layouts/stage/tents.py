"""Name tents: an A4 sheet per speaker and chair, folded across the middle to stand on the table.

Both halves show the name as large as fits and the affiliation smaller under it; the upper half
is turned 180°, so that once folded (the fold at the top) each side reads upright, one to the
audience and one to the speaker's neighbours and the chair. Short fold marks sit on the fold line
at both edges, in the margin a desktop printer prints (5 mm from the paper's edge and more).
A tent is a list of blocks placed by the card fitter (kit/blocks.py); what it shows is ``Tent``,
which the reprint manifest hashes, so a corrected affiliation reprints that tent.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from eventprint.model import Event, Person
from eventprint.options import BuildOptions, OptionError
from eventprint.output import Artifact, Piece
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import common, logo, theme
from ..kit.blocks import Block, Card, draw_stack, height, place, shrink
from ..kit.fitted import shown


@dataclass(frozen=True)
class Tent:
    person_id: str
    name: str
    affiliation: str  # the affiliations (or, without one, the position); "" for neither


def tents(event: Event) -> list[Tent]:
    """One per person on stage (speakers, chairs, hosts), by family name: the order they are looked for."""
    people = sorted(event.people_with_roles, key=lambda p: (p.sort_key, p.id))
    return [Tent(p.id, p.name, _affiliation(p)) for p in people]


def _affiliation(p: Person) -> str:
    return ", ".join(p.affiliations) or p.position or ""


def pieces(event: Event, options: BuildOptions) -> dict[str, Piece]:
    return {t.person_id: Piece(f"name tent for {t.name}", dict(t.__dict__)) for t in tents(event)}  # asdict, faster


# -- the sheet ------------------------------------------------------------------------------------

PAGE = theme.PAGE_SIZES["A4"]
SIDE = 15 * mm  # left and right of the text
EDGE = 15 * mm  # between the text and the table (the paper's edge)
FOLD = 20 * mm  # between the text and the fold: the top of a standing tent
GAP = 5 * mm
MARK = (5 * mm, 12 * mm)  # a fold mark runs this far in from each edge
STEPS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
LOGO = 14 * mm  # the event's logo, if it has one, under the name: at most this tall
FACE = (Block("name", theme.FONT_BOLD, (80, 28), lines=3, scales=True, align="center"),
        Block("affiliation", theme.FONT, (28, 14), lines=2, scales=True, colour=theme.MUTED, align="center",
              space=1.0))


def _face(c: Canvas, t: Tent, placed: list | None = None) -> list:
    """One half of the sheet, upright in the lower half: the name and affiliation, centred between
    the table's edge and the fold. ``placed``: the other half's lines, the same (fitted once)."""
    w, h = PAGE[0], PAGE[1] / 2
    width, room = w - 2 * SIDE, h - EDGE - FOLD
    bottom = EDGE
    if logo.on_white(c, SIDE, EDGE, width, LOGO, "centre", "on the name tents") is not None:
        bottom, room = EDGE + LOGO + 2 * GAP, room - LOGO - 2 * GAP
    if placed is None:
        card = Card({}, GAP, f"the name tent of {shown(t.name)} ({t.person_id})")
        texts = {"name": t.name, "affiliation": t.affiliation or None}

        def fits(k: float):
            found = place(card, FACE, texts, width, k)
            return found if height(found) <= room else None
        placed = shrink(STEPS, fits) or place(card, FACE, texts, width, STEPS[-1])  # three and two lines always fit
    draw_stack(c, placed, SIDE, bottom + (room + height(placed)) / 2, width)
    return placed


def _fold_marks(c: Canvas) -> None:
    w, y = PAGE[0], PAGE[1] / 2
    c.saveState()
    c.setStrokeColor(theme.CROP_MARK)
    c.setLineWidth(theme.CROP_MARK_WIDTH)
    c.setDash(2, 1.5)
    for x0, x1 in ((MARK[0], MARK[1]), (w - MARK[0], w - MARK[1])):
        c.line(x0, y, x1, y)
    c.restoreState()


def draw_tents(c: Canvas, chosen: list[Tent]) -> None:
    w, h = PAGE
    for t in chosen:
        c.setPageSize(PAGE)
        c.bookmarkPage(f"tent-{t.person_id}")
        c.addOutlineEntry(t.name, f"tent-{t.person_id}", level=0)
        placed = _face(c, t)  # the lower half, upright
        c.saveState()
        c.translate(w, h)
        c.rotate(180)  # the upper half, turned: it reads upright from the other side of the table
        _face(c, t, placed)
        c.restoreState()
        _fold_marks(c)
        c.showPage()


def draw_pieces(c: Canvas, event: Event, options: BuildOptions, keys: list[str]) -> None:
    """The tents of ``keys`` (person ids), as the full run draws them: reprint.pdf."""
    draw_tents(c, [t for t in tents(event) if t.person_id in set(keys)])


def render(event: Event, options: BuildOptions) -> list[Artifact]:
    if options.size not in (None, "A4"):
        raise OptionError(f"name tents are A4 only, folded in half; drop --size {options.size}")
    chosen = tents(event)
    if not chosen:
        return []
    buf = io.BytesIO()
    c = common.new_canvas(buf, PAGE, event, f"Name tents \u2014 {event.name}",
                          "A4 sheets folded across the middle to stand on the table: a name on each side")
    draw_tents(c, chosen)
    c.save()
    return [Artifact("name-tents.pdf", buf.getvalue())]
