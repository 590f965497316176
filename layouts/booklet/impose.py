"""Saddle-stitch imposition by ReportLab itself: two A5 pages side by side on A4 landscape.

The booklet is laid out once, onto ``RecordingCanvas`` (kit/replay.py), which
writes the single-page file as usual and also keeps every page's content stream.
The imposed file is then written by a second canvas that places two of those
streams on each sheet, each wrapped in ``q … Q`` and shifted to its half: laying
the booklet out a second time would cost as much as the first layout. Links and
bookmarks belong to the reading copy; the print file has none.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.units import mm

from ..kit import common, theme
from ..kit.replay import target_canvas

FOLD_MARK = 4 * mm  # short fold marks at the top and bottom of the spine


def sheet_order(n: int) -> list[tuple[int, int]]:
    """(left, right) page numbers (1-based) of every sheet side in printing order.

    Sheet k front = [N-2k, 2k+1], back = [2k+2, N-2k-1]; duplex with short-edge flip.
    """
    if n % 4:
        raise ValueError(f"a saddle-stitched booklet needs a multiple of 4 pages, not {n}")
    sides = []
    for k in range(n // 4):
        sides.append((n - 2 * k, 2 * k + 1))
        sides.append((2 * k + 2, n - 2 * k - 1))
    return sides


@dataclass(frozen=True)
class Imposition:
    """How spreads go on a sheet.

    office: A4 landscape on a desktop printer, pages clipped at their trim (nothing of one page
    reaches its neighbour), short fold ticks 5-9 mm from the paper edge, inside what such a
    printer can print.
    press: SRA3 for a print shop: the spread centred with 3 mm bleed on its outer sides (the spine
    is a fold: each page is clipped there), crop marks at the trim corners and dashed fold marks
    at the spine, all outside the bleed in registration colour; creep compensation moves the
    pages of inner sheets towards the spine by ``creep`` per sheet (their fore-edge is trimmed
    more once the sheets are nested), and TrimBox/BleedBox name the spread.
    """

    sheet: tuple[float, float]
    press: bool = False
    creep: float = 0.0  # points per sheet from the outside


OFFICE_A4 = Imposition(theme.A4_LANDSCAPE)
SRA3_LANDSCAPE = (450 * mm, 320 * mm)
OFFICE_FOLD_FROM_EDGE = 5 * mm  # desktop printers leave the outer ~4-5 mm blank


def press(creep_mm: float) -> Imposition:
    """The SRA3 press imposition with creep from the paper's thickness (one sheet, in mm)."""
    return Imposition(SRA3_LANDSCAPE, press=True, creep=creep_mm * mm)


def creep_shift(imp: Imposition, side: int, n_pages: int) -> float:
    """How far (points) the pages of sheet side ``side`` (0-based, printing order) move towards
    the spine: nothing on the outermost sheet, ``creep`` more on each sheet further in."""
    sheets = n_pages // 4
    k = side // 2  # sheet index from the outside
    return imp.creep * min(k, sheets - 1)


def impose(pages: list[tuple[list[str], list[str]]], page_size: tuple[float, float],
           imp: Imposition, snapshot, new_canvas, define_forms,
           qr_boxes: list[list[tuple[float, float, float, float]]] | None = None) -> bytes:
    """The imposed PDF of recorded pages, two to a sheet, centred on the sheet's fold.

    Two A5 pages are 296 mm wide, A4 is 297 mm: the pair is centred, so the
    fold is the middle of the sheet and half a millimetre is left at each side.

    ``new_canvas(buffer, pagesize)`` makes the (still empty) target canvas;
    ``define_forms(canvas)`` redraws the form XObjects the pages use.
    """
    w, h = page_size
    sw, sh = imp.sheet
    bleed = theme.BLEED if imp.press else 0.0
    if 2 * w > sw + 0.01 or h > sh + 0.01:
        raise ValueError("two pages do not fit on the sheet")
    x0, y0 = (sw - 2 * w) / 2, (sh - h) / 2
    buf = io.BytesIO()
    c = target_canvas(buf, (sw, sh), snapshot, new_canvas, define_forms)
    for side, (left, right) in enumerate(sheet_order(len(pages))):
        shift = creep_shift(imp, side, len(pages))
        # (page, where its trim starts, its clip: the spine side at the trim, the others at the bleed)
        placed = ((left, x0 + shift, (x0 - bleed, y0 - bleed, w + bleed, h + 2 * bleed)),
                  (right, x0 + w - shift, (x0 + w, y0 - bleed, w + bleed, h + 2 * bleed)))
        for page, px, (cx, cy, cw, ch) in placed:
            code, forms = pages[page - 1]
            c._code.extend([f"q {cx:.4f} {cy:.4f} {cw:.4f} {ch:.4f} re W n 1 0 0 1 {px:.4f} {y0:.4f} cm"]
                           + code + ["Q"])
            for f in forms:
                if f not in c._formsinuse:
                    c._formsinuse.append(f)
            c.piece(px, y0, w, h)  # each page of the spread carries its own draft mark
            # where the page's QR codes land (the draft mark keeps clear of them)
            c.qr_boxes += [(a + px, b + y0, p + px, q + y0) for a, b, p, q in (qr_boxes or [[]] * len(pages))[page - 1]]
        if imp.press:
            common.set_boxes(c, (x0, y0, x0 + 2 * w, y0 + h), bleed)
            press_marks(c, x0, y0, 2 * w, h)
        else:
            _office_fold_marks(c, sw, sh)
        c.showPage()
    c.save()
    return buf.getvalue()


def _office_fold_marks(c, sw: float, sh: float) -> None:
    c.saveState()
    c.setStrokeColor(theme.CROP_MARK)
    c.setLineWidth(theme.CROP_MARK_WIDTH)
    a, b = OFFICE_FOLD_FROM_EDGE, OFFICE_FOLD_FROM_EDGE + FOLD_MARK
    c.line(sw / 2, a, sw / 2, b)
    c.line(sw / 2, sh - a, sw / 2, sh - b)
    c.restoreState()


def press_mark_segments(x: float, y: float, w: float, h: float) -> tuple[list, list]:
    """Crop marks (solid) at the four trim corners and fold marks (dashed) at both ends of the
    spine, as (x1, y1, x2, y2): each starts beyond the bleed and runs outwards."""
    a = theme.BLEED + 0.5 * mm  # never inside the bleed, whatever the press's registration
    b = a + theme.CROP_MARK_LENGTH
    crops = []
    for cx, dx in ((x, -1), (x + w, 1)):
        for cy, dy in ((y, -1), (y + h, 1)):
            crops.append((cx + dx * a, cy, cx + dx * b, cy))  # horizontal, on the cut at cy
            crops.append((cx, cy + dy * a, cx, cy + dy * b))  # vertical, on the cut at cx
    spine = x + w / 2
    folds = [(spine, y - a, spine, y - b), (spine, y + h + a, spine, y + h + b)]
    return crops, folds


def press_marks(c, x: float, y: float, w: float, h: float, folds: bool = True) -> None:
    """Crop marks at the corners of the trim box (x, y, w, h) and, for a spread, dashed fold marks
    at its spine; all in registration colour, outside the bleed."""
    crops, fold_marks = press_mark_segments(x, y, w, h)
    c.saveState()
    c.setStrokeColor(theme.CROP_MARK)
    c.setLineWidth(theme.CROP_MARK_WIDTH)
    for seg in crops:
        c.line(*seg)
    if folds:
        c.setDash(1.5 * mm, 1 * mm)
        for seg in fold_marks:
            c.line(*seg)
    c.restoreState()
