"""The booklet for a print shop that imposes itself, and the binding that decides what it gets.

``print_master``: the A5 pages one by one, each on a sheet 3 mm larger on every side, so that
colour running off a page (the cover's panel) runs on into the bleed; TrimBox and BleedBox name
the page and its bleed, and the file carries no annotation (no links: those are the reading
copy's), so it is PDF/X-4. Crop marks are optional (``crop_marks``): most shops that impose
want none, since their imposition software draws its own from the TrimBox.

``binding``: saddle stitch (nested sheets stapled through the fold, printed from the 2-up
impositions) or perfect binding (single leaves glued at the spine, printed from the master);
event.yaml ``binding`` chooses, else the page count against ``saddle_stitch_max``.
"""
from __future__ import annotations

import io

from eventprint.model import Event

from ..kit import common, theme
from ..kit.replay import target_canvas
from .impose import press_marks

SADDLE, PERFECT = "saddle-stitch", "perfect"


def binding(event: Event, pages: int) -> tuple[str, str]:
    """(binding, why) for a booklet of ``pages`` pages."""
    limit = event.saddle_stitch_max
    if event.binding is not None:
        return event.binding, "as binding: in event.yaml says"
    if pages <= limit:
        return SADDLE, f"up to {limit} pages a stapled booklet closes flat"
    return PERFECT, f"over {limit} pages a stapled booklet bulges and will not close"


def note(event: Event, pages: int) -> str:
    """What the build says about the binding it chose, why, and which file goes to the press."""
    chosen, why = binding(event, pages)
    if chosen == PERFECT:
        return (f"booklet: {pages} pages, perfect binding ({why}): booklet-print.pdf, single pages with "
                "bleed, is the press file; no 2-up saddle-stitch files \u2014 binding: in event.yaml chooses")
    return (f"booklet: {pages} pages, saddle stitch ({why}): booklet-press.pdf is the press file, "
            "booklet-print.pdf the single pages for a shop that imposes \u2014 binding: in event.yaml chooses")


def print_master(pages: list[tuple[list[str], list[str]]], page_size: tuple[float, float], snapshot,
                 new_canvas, define_forms, qr_boxes: list[list[tuple[float, float, float, float]]],
                 crop_marks: bool = False) -> bytes:
    """Each recorded page alone on a sheet of trim + bleed (and room for crop marks if asked),
    clipped at its bleed."""
    w, h = page_size
    bleed = theme.BLEED
    # crop marks start beyond the bleed and need their length and a little paper outside it
    margin = bleed + (theme.BLEED / 2 + theme.CROP_MARK_LENGTH + 2 * theme.BLEED if crop_marks else 0.0)
    size = (w + 2 * margin, h + 2 * margin)
    buf = io.BytesIO()
    c = target_canvas(buf, size, snapshot, new_canvas, define_forms)
    for (code, forms), qrs in zip(pages, qr_boxes):
        c._code.extend([f"q {margin - bleed:.4f} {margin - bleed:.4f} {w + 2 * bleed:.4f} {h + 2 * bleed:.4f} re W n "
                        f"1 0 0 1 {margin:.4f} {margin:.4f} cm"] + code + ["Q"])
        for f in forms:
            if f not in c._formsinuse:
                c._formsinuse.append(f)
        c.qr_boxes += [(a + margin, b + margin, p + margin, q + margin) for a, b, p, q in qrs]
        c.piece(margin, margin, w, h)
        common.set_boxes(c, (margin, margin, margin + w, margin + h), bleed)
        if crop_marks:
            press_marks(c, margin, margin, w, h, folds=False)
        c.showPage()
    c.save()
    return buf.getvalue()
