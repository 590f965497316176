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
        draw_at(x, y)
        return
    if not name:
        forms["count"] = forms.get("count", 0) + 1
        name = forms[key] = f"EPBadge{forms['count']}"
        c.beginForm(name, *bbox)
        draw_at(0, 0)
        c.endForm()
    c.saveState()
    c.translate(x, y)
    c.doForm(name)
    c.restoreState()
