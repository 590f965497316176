"""One row of cells side by side: what the booklet used one-row ReportLab Tables for.

A talk entry, a talk's head beside its QR code and a speaker-index entry are each a
single row whose cells are stacks of paragraphs set from the top. A 900-talk booklet
has thousands of them, and Table's general machinery (spans, styles per cell, each
cell wrapped again when drawn) was a third of its time. ``Row`` draws what such a
Table draws (cells top-aligned inside their padding, the spacing between a cell's
flowables as Table counts it, rules above and below with round caps) and keeps each
cell's wrap for drawing. Like a one-row Table it never splits: a row that does not fit
moves to the next frame. The cells are wrapped once per width (their paragraphs keep the
lines of their last wrap for drawing, and a row's width is fixed).
"""
from __future__ import annotations

from reportlab.platypus import Flowable

Rule = tuple[float, object]  # line width, colour


class Row(Flowable):
    def __init__(self, cells: list, widths: list[float], padding: tuple[float, float, float, float] = (0, 0, 0, 0),
                 align: tuple[str, ...] = (), rule_above: Rule | None = None, rule_below: Rule | None = None,
                 space_before: float = 0):
        super().__init__()
        self.cells = [list(c) if isinstance(c, (list, tuple)) else [c] for c in cells]
        self.widths = list(widths)
        self.left, self.right, self.top, self.bottom = padding  # as Table's LEFT/RIGHT/TOP/BOTTOMPADDING
        self.align = tuple(align) + ("LEFT",) * (len(self.cells) - len(align))
        self.rule_above, self.rule_below = rule_above, rule_below
        self.spaceBefore = space_before
        self._sizes: list[list[tuple[float, float]]] = []
        self._wrapped_at: float | None = None

    def wrap(self, avail_width, avail_height):
        if self._sizes and self._wrapped_at == avail_width:  # measured again (the index's columns
            return self.width, self.height                   # are planned before they are set)
        self._wrapped_at = avail_width
        self._sizes = []
        tallest = 0.0
        for cell, width in zip(self.cells, self.widths):
            inner = width - self.left - self.right
            sizes = [v.wrap(inner, avail_height) for v in cell]
            self._sizes.append(sizes)
            tallest = max(tallest, _stack_height(cell, sizes))
        self.width = sum(self.widths)
        self.height = tallest + self.top + self.bottom
        return self.width, self.height

    def draw(self):
        canv = self.canv
        x = 0.0
        for cell, sizes, width, align in zip(self.cells, self._sizes, self.widths, self.align):
            y = self.height - self.top
            for i, (v, (w, h)) in enumerate(zip(cell, sizes)):
                if i:
                    y -= v.getSpaceBefore()
                y -= h
                v.drawOn(canv, x + self.left if align == "LEFT" else x + width - self.right - w, y)
                y -= v.getSpaceAfter()
            x += width
        for rule, y in ((self.rule_above, self.height), (self.rule_below, 0.0)):
            if rule is not None:
                canv.saveState()
                canv.setLineCap(1)
                canv.setLineWidth(rule[0])
                canv.setStrokeColor(rule[1])
                canv.line(0, y, self.width, y)
                canv.restoreState()


def _stack_height(cell: list, sizes: list[tuple[float, float]]) -> float:
    """Height of a cell's flowables one under another, with the space between them (not
    before the first or after the last), as Table measures a cell."""
    if not cell:
        return 0.0
    spaces = sum(v.getSpaceBefore() + v.getSpaceAfter() for v in cell)
    return sum(h for _, h in sizes) + spaces - cell[0].getSpaceBefore() - cell[-1].getSpaceAfter()
