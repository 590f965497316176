"""Pages drawn once and written into more than one PDF.

The booklet is laid out once and its pages go into the reading copy, the print master and the
2-up impositions; the door signs are drawn once, into all-signs.pdf, and each sign's pages go into
its own file too. ``RecordingCanvas`` writes its file as usual and also keeps each page's content
stream, the forms it uses and where its QR codes are. A page's stream names glyphs by the codes its
document gave them, so a second document is given a copy of the first one's font tables (which
glyph has which code in which subset, ``target_canvas``): the recorded streams mean the same there.
Fonts stay subset-embedded (each file embeds the subsets of the whole first document) and the text
stays extractable. Links and bookmarks are not in a stream: the second document adds its own.
"""
from __future__ import annotations

import copy
import io

from .common import PressCanvas

Page = tuple[list[str], list[str]]  # a page's content stream (its operators) and the forms it uses


class RecordingCanvas(PressCanvas):
    """A normal canvas that also keeps each page's content stream and forms in use."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.recorded: list[Page] = []
        self.recorded_qr: list[list[tuple[float, float, float, float]]] = []  # each page's QR codes

    def showPage(self):
        self.recorded.append((list(self._code), list(self._formsinuse)))
        self.recorded_qr.append(list(self.qr_boxes))
        super().showPage()

    def font_snapshot(self):
        """The document's font tables, to hand to another document (call before save)."""
        doc = self._doc
        return (dict(doc.fontMapping), list(doc.delayedFonts), [_copied(f.state[doc]) for f in doc.delayedFonts])


def target_canvas(buf: io.BytesIO, size: tuple[float, float], snapshot, new_canvas, define_forms) -> PressCanvas:
    """A new canvas whose document has the recorded one's font subsets (so recorded pages mean the
    same in it) and its forms (``define_forms(canvas)`` draws them)."""
    c = new_canvas(buf, size)
    doc = c._doc
    mapping, fonts, states = snapshot
    if doc.fontMapping:
        raise RuntimeError("the target canvas already uses fonts; it must start empty")
    doc.fontMapping = dict(mapping)
    doc.delayedFonts = list(fonts)
    for font, state in zip(fonts, states):
        font.state[doc] = _copied(state)
    define_forms(c)
    return c


def _copied(state):
    """A copy of a font's state in a document (ReportLab's ``TTFont.State``: which character has
    which code in which subset) that can change without changing ``state``: ``copy.deepcopy``,
    a tenth of the time (a door sign's file takes three)."""
    new = copy.copy(state)
    for name, value in vars(state).items():
        if isinstance(value, dict):
            setattr(new, name, dict(value))
        elif isinstance(value, list):
            setattr(new, name, [list(v) if isinstance(v, list) else copy.deepcopy(v) for v in value])
        elif not isinstance(value, (int, float, str, bytes, type(None))):
            setattr(new, name, copy.deepcopy(value))
    return new


def place(c: PressCanvas, page: Page, qr_boxes: list[tuple[float, float, float, float]]) -> None:
    """Put a recorded page's stream on ``c``'s current page as it was (its forms, its QR codes)."""
    code, forms = page
    c._code.extend(code)
    for f in forms:
        if f not in c._formsinuse:
            c._formsinuse.append(f)
    c.qr_boxes += qr_boxes
