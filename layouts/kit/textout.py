"""One line of text put on a canvas: the bytes ``canvas.drawString`` writes, written directly.

ReportLab builds a text object, measures the string and formats it for every call; a 900-talk
event's door signs and badges draw some 40,000 strings, most of them many times over (times,
rooms, labels), and that overhead was a fifth of their time. Here the formatted string is kept
per canvas, font, size and text: a TrueType font's subset codes are fixed once a document has
met a character, so the same text always formats the same within one document. The content
stream is byte-for-byte what drawString writes (tests/test_fonts.py compares them).
"""
from __future__ import annotations

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas


def show(c: Canvas, x: float, y: float, text: str, align: str = "left") -> None:
    """``c.drawString`` (``drawRightString``, ``drawCentredString`` for ``align`` "right" and
    "centre") in the canvas's current font and size."""
    if align != "left":
        w = stringWidth(text, c._fontname, c._fontsize)
        x -= w if align == "right" else w / 2
    font = getFont(c._fontname)
    if not font._dynamicFont or not c.bottomup:  # not a TrueType font: ReportLab's own path
        c.drawString(x, y, text)
        return
    memo = c.__dict__.setdefault("_eventprint_shown", {})
    key = (c._fontname, c._fontsize, c._leading, text)
    body = memo.get(key)
    if body is None:
        doc = c._doc
        tf = f"{fp_str(c._fontsize)} Tf {fp_str(c._leading)} TL"
        parts, current = [], -1
        for subset, chunk in font.splitString(text, doc):
            if subset != current:
                parts.append(f"{font.getSubsetInternalName(subset, doc)} {tf}")
                current = subset
            parts.append(f"({c._escape(chunk)}) Tj")
        body = memo[key] = " ".join(parts)
    c._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {body} T* ET")
