"""Saddle-stitch imposition by ReportLab itself: two A5 pages side by side on A4 landscape.

The booklet is laid out once, onto ``RecordingCanvas``, which writes the
single-page file as usual and also keeps every page's content stream. The
imposed file is then written by a second canvas that places two of those
streams on each sheet, each wrapped in ``q … Q`` and shifted to its half.

Laying the booklet out a second time would cost as much as the first layout;
instead, the second document is given a copy of the first one's font subset
tables (which glyph has which code in which subset), so the recorded streams
mean the same in both files. Fonts stay subset-embedded and the text stays
extractable. Links and bookmarks belong to the reading copy; the print file has
none.
"""
from __future__ import annotations

import copy
import io

from reportlab.lib.units import mm
from . import theme
from .common import PressCanvas

FOLD_MARK = 4 * mm  # short fold marks at the top and bottom of the spine
FOLD_MARK_OFFSET = 1 * mm


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


class RecordingCanvas(PressCanvas):
    """A normal canvas that also keeps each page's content stream and forms in use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.recorded: list[tuple[list[str], list[str]]] = []
        self.recorded_qr: list[list[tuple[float, float, float, float]]] = []  # each page's QR codes

    def showPage(self):
        self.recorded.append((list(self._code), list(self._formsinuse)))
        self.recorded_qr.append(list(self.qr_boxes))
        super().showPage()

    def font_snapshot(self):
        """The document's font tables, to hand to another document (call before save)."""
        doc = self._doc
        return (dict(doc.fontMapping), list(doc.delayedFonts),
                [copy.deepcopy(f.state[doc]) for f in doc.delayedFonts])


def impose(pages: list[tuple[list[str], list[str]]], page_size: tuple[float, float],
           sheet_size: tuple[float, float], snapshot, new_canvas, define_forms,
           qr_boxes: list[list[tuple[float, float, float, float]]] | None = None) -> bytes:
    """The imposed PDF of recorded pages, two to a sheet, centred on the sheet's fold.

    Two A5 pages are 296 mm wide, A4 is 297 mm: the pair is centred, so the
    fold is the middle of the sheet and half a millimetre is left at each side.

    ``new_canvas(buffer, pagesize)`` makes the (still empty) target canvas;
    ``define_forms(canvas)`` redraws the form XObjects the pages use.
    """
    w, h = page_size
    sw, sh = sheet_size
    if 2 * w > sw + 0.01 or h > sh + 0.01:
        raise ValueError("two pages do not fit on the sheet")
    x0, y0 = (sw - 2 * w) / 2, (sh - h) / 2
    buf = io.BytesIO()
    c = new_canvas(buf, (sw, sh))
    doc = c._doc
    mapping, fonts, states = snapshot
    if doc.fontMapping:
        raise RuntimeError("the imposition canvas already uses fonts; it must start empty")
    doc.fontMapping = dict(mapping)
    doc.delayedFonts = list(fonts)
    for font, state in zip(fonts, states):
        font.state[doc] = copy.deepcopy(state)
    define_forms(c)
    for left, right in sheet_order(len(pages)):
        (lcode, lforms), (rcode, rforms) = pages[left - 1], pages[right - 1]
        c._code.extend([f"q 1 0 0 1 {x0:.4f} {y0:.4f} cm"] + lcode + ["Q", f"q 1 0 0 1 {x0 + w:.4f} {y0:.4f} cm"]
                       + rcode + ["Q"])
        for f in lforms + rforms:
            if f not in c._formsinuse:
                c._formsinuse.append(f)
        for page, dx in ((left, x0), (right, x0 + w)):  # where the pages' QR codes land (draft mark)
            c.qr_boxes += [(a + dx, b + y0, p + dx, q + y0) for a, b, p, q in (qr_boxes or [[]] * len(pages))[page - 1]]
        c.saveState()
        c.setStrokeColor(theme.CROP_MARK)
        c.setLineWidth(theme.CROP_MARK_WIDTH)
        c.line(sw / 2, FOLD_MARK_OFFSET, sw / 2, FOLD_MARK_OFFSET + FOLD_MARK)
        c.line(sw / 2, sh - FOLD_MARK_OFFSET, sw / 2, sh - FOLD_MARK_OFFSET - FOLD_MARK)
        c.restoreState()
        c.showPage()
    c.save()
    return buf.getvalue()
