"""Drawing that repeats on many pages, put into the PDF once.

A participant's badge shares most of what it draws with hundreds of others: the programme's QR
code, the band of a ticket, the same venues and add-ons on the back. ``reused`` draws such a
piece in place the first time and, from its second use on, as a PDF form (XObject) drawn once
and placed wherever it recurs: 2,000 participants' badges build in seconds, and the file stays
small. Names are numbered in order of first reuse, so the output stays byte-identical.
"""
from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas


def reused(c: Canvas, key: tuple, draw_at, x: float, y: float, bbox: tuple[float, float, float, float]) -> None:
    """Draw ``draw_at(x, y)``; drawing that repeats on badges (the programme's QR code, a participant's
    add-ons and venues, the same band) is put into the PDF once, as a form, from its second use on,
    and placed on each badge: 2,000 participants' badges build in seconds and the file stays small.
    ``bbox`` (relative to x, y) holds everything drawn."""
    forms = c.__dict__.setdefault("_badge_forms", {})
    name = forms.get(key)
    if name is None:  # first use: drawn in place, as before
        forms[key] = ""
        boxes = getattr(c, "qr_boxes", None)  # a press canvas notes its QR codes: the draft mark avoids them
        before = len(boxes) if boxes is not None else 0
        draw_at(x, y)
        if boxes is not None:
            forms[("qr", key)] = [_relative(c, x, y, b) for b in boxes[before:]]
        return
    if not name:
        forms["count"] = forms.get("count", 0) + 1
        name = forms[key] = f"EPBadge{forms['count']}"
        boxes = getattr(c, "qr_boxes", None)
        before = len(boxes) if boxes is not None else 0
        c.beginForm(name, *bbox)
        draw_at(0, 0)
        c.endForm()
        if boxes is not None:
            del boxes[before:]  # noted in the form's own space; each placement notes its own below
    for bx0, by0, bx1, by1 in forms.get(("qr", key), ()):
        (ax, ay), (bx, by) = c.absolutePosition(x + bx0, y + by0), c.absolutePosition(x + bx1, y + by1)
        c.qr_boxes.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))
    c.saveState()
    c.translate(x, y)
    c.doForm(name)
    c.restoreState()


def _relative(c: Canvas, x: float, y: float, box: tuple[float, float, float, float]) -> tuple[float, ...]:
    """A QR code's box noted in page space, back in the drawing's own space (x, y its origin); badges
    are placed by translation only."""
    ox, oy = c.absolutePosition(x, y)
    ux, uy = c.absolutePosition(x + 1, y + 1)
    sx, sy = (ux - ox) or 1, (uy - oy) or 1
    return ((box[0] - ox) / sx, (box[1] - oy) / sy, (box[2] - ox) / sx, (box[3] - oy) / sy)
