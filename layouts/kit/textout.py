"""One line of text put on a canvas: the bytes ``canvas.drawString`` writes, written directly.

ReportLab builds a text object, measures the string and formats it for every call; a 900-talk
event's door signs and badges draw some 40,000 strings, most of them many times over (times,
rooms, labels), and that overhead was a fifth of their time. Here the formatted string is kept
per canvas, font, size and text: a TrueType font's subset codes are fixed once a document has
met a character, so the same text always formats the same within one document. The content
stream is byte-for-byte what drawString writes (tests/test_fonts.py compares them).

Shaped text (layouts/kit/shaping.py) may hold marks raised or lowered from the baseline, shown
with a text rise (Ts), and marks after which the pen moves back (a TJ number), here and in every
ReportLab text object (a Paragraph's lines), whose text formatting this module extends.
"""
from __future__ import annotations

from eventprint import glyphs
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject


def show(c: Canvas, x: float, y: float, text: str, align: str = "left") -> None:
    """``c.drawString`` (``drawRightString``, ``drawCentredString`` for ``align`` "right" and
    "centre") in the canvas's current font and size."""
    if align != "left":
        w = stringWidth(text, c._fontname, c._fontsize) - glyphs.back(text) * c._fontsize / 1000
        x -= w if align == "right" else w / 2
    memo = c.__dict__.setdefault("_eventprint_shown", {})
    key = (c._fontname, c._fontsize, c._leading, text)
    body = memo.get(key)  # kept only for a TrueType font on a canvas with its origin bottom left
    if body is None:
        font = getFont(c._fontname)
        if not font._dynamicFont or not c.bottomup:  # not a TrueType font: ReportLab's own path
            c.drawString(x, y, text)
            return
        parts, _ = operators(font, text, c._doc, c._fontsize, c._leading, c._escape)
        body = memo[key] = " ".join(parts)
    c._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {body} T* ET")


def operators(font, text: str, doc, size: float, leading: float, escape, subset: int = -1,
              rise: float = 0.0) -> tuple[list[str], int]:
    """The operators that show ``text`` in TrueType ``font`` from the current point (a font
    selection whenever the subset changes from ``subset``), and the subset last selected.
    ``rise``: the text rise in force; raised or lowered marks are shown with their own, and a
    mark that sits right of the next glyph's start is followed by a move back (glyphs.BACK)."""
    parts: list[str] = []
    tf = None
    placed = glyphs.placed(text)
    current_rise = rise
    pos = 0
    for n, chunk in font.splitString(text, doc):
        if n != subset:
            tf = tf or f"{fp_str(size)} Tf {fp_str(leading)} TL"
            parts.append(f"{font.getSubsetInternalName(n, doc)} {tf}")
            subset = n
        chars = text[pos:pos + len(chunk)]
        pos += len(chunk)
        if not placed:
            parts.append(f"({escape(chunk)}) Tj")
            continue
        items: list = []
        for ch, code in zip(chars, chunk):
            wanted = rise + size * glyphs.RISE.get(ord(ch), 0) / 1000
            if wanted != current_rise:
                _flush(parts, items, escape)
                parts.append(f"{fp_str(wanted)} Ts")
                current_rise = wanted
            items.append(bytes((code,)))
            if ord(ch) in glyphs.BACK:
                items.append(glyphs.BACK[ord(ch)])
        _flush(parts, items, escape)
    if current_rise != rise:
        parts.append(f"{fp_str(rise)} Ts")
    return parts, subset


def _flush(parts: list[str], items: list, escape) -> None:
    """``items`` (glyph codes, and moves back) as one Tj or TJ; emptied."""
    merged: list = []
    for item in items:
        if merged and type(item) is type(merged[-1]):
            merged[-1] += item
        else:
            merged.append(item)
    shown = [f"({escape(i)})" if isinstance(i, bytes) else fp_str(i) for i in merged if i]
    if len(shown) == 1 and shown[0].startswith("("):
        parts.append(f"{shown[0]} Tj")
    elif shown:
        parts.append(f"[{' '.join(shown)}] TJ")
    items.clear()


_format_text = PDFTextObject._formatText


def _format_placed(self, text):
    """ReportLab's text formatting, with placed marks drawn at their offsets; a TrueType font's
    text formatted once per canvas, font, size, leading and subset in force (as in ``show``: a
    booklet's paragraphs print the same times, rooms and labels hundreds of times)."""
    font = getFont(self._fontname)
    if not font._dynamicFont:
        return _format_text(self, text)
    if glyphs.placed(text):
        parts, self._curSubset = operators(font, text, self._canvas._doc, self._fontsize, self._leading,
                                           self._canvas._escape, self._curSubset, self._rise)
        return " ".join(parts)
    if type(text) is not str:  # shaped text (ReportLab's own shaping) is not kept
        return _format_text(self, text)
    memo = self._canvas.__dict__.setdefault("_eventprint_formatted", {})
    key = (self._fontname, self._fontsize, self._leading, self._curSubset, text)
    found = memo.get(key)
    if found is None:
        found = memo[key] = (_format_text(self, text), self._curSubset)
    else:
        self._curSubset = found[1]
    return found[0]


PDFTextObject._formatText = _format_placed
