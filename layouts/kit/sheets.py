"""Sheets that hold several badges: grid geometry, duplex mirroring and crop marks.

Decisions (see also layouts/badges.py):
- 4 x A6 on A4: A4 is exactly four A6, so the badges butt against each other and the
  sheet edges; the cuts are the sheet's two centre lines. There is no paper outside the
  badges, so this sheet has no crop marks (a mark could only be drawn on a badge). The
  badge design keeps all ink inside the 5 mm safe area, so no bleed is needed and office
  printers (which cannot print the outer ~4 mm) print every badge whole.
- 2 x 5 of 90 x 54 mm on A4: rows butt (one cut between two rows), the two columns have
  a 6 mm gutter; 12 mm side and 13.5 mm top/bottom margins hold the crop marks.
- 2 x 2 of 4 x 3 in on US Letter landscape: everything butts; marks in the margins (38 and
  32 mm). Six on portrait Letter would leave 6.35 mm at the sides, too close to the edge for
  the marks of the horizontal cuts on a desktop printer (which leaves the outer ~5 mm blank).
- single: one badge per page, the page is exactly the badge (TrimBox = MediaBox), for
  badge printers; no marks.
Crop marks sit in the sheet margins on the extension of every cut line (a guillotine cuts
right across the sheet), never on or inside a badge, and at least 5 mm from the paper edge.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventprint.options import OptionError
from reportlab.lib.pagesizes import landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from . import theme

Box = tuple[float, float, float, float]  # x, y (bottom-left), w, h in points


@dataclass(frozen=True)
class Sheet:
    name: str
    page: tuple[float, float]
    badge: tuple[float, float]
    cols: int
    rows: int
    col_gap: float = 0.0
    row_gap: float = 0.0

    @property
    def per_sheet(self) -> int:
        return self.cols * self.rows

    @property
    def grid(self) -> Box:
        w, h = self.badge
        gw = self.cols * w + (self.cols - 1) * self.col_gap
        gh = self.rows * h + (self.rows - 1) * self.row_gap
        pw, ph = self.page
        return ((pw - gw) / 2, (ph - gh) / 2, gw, gh)

    def slot(self, index: int, back: bool = False) -> Box:
        """Badge box of slot ``index`` (row-major from the top left); on a back sheet the
        column order is mirrored so that with long-edge flip each back lands behind its front."""
        row, col = divmod(index, self.cols)
        if back:
            col = self.cols - 1 - col
        gx, gy, _, gh = self.grid
        w, h = self.badge
        x = gx + col * (w + self.col_gap)
        y = gy + gh - (row + 1) * h - row * self.row_gap
        return (x, y, w, h)

    def boxes(self, count: int | None = None, back: bool = False) -> list[Box]:
        n = self.per_sheet if count is None else count
        return [self.slot(i, back) for i in range(n)]


def sheet_for(size: str, sheet: str | None) -> Sheet:
    """The sheet for a badge size; OptionError lists what is allowed."""
    badge = theme.BADGE_SIZES[size]
    allowed = BADGE_SHEETS[size]
    name = sheet.lower() if sheet else allowed[0]
    if name not in allowed:
        raise OptionError(f"--sheet {sheet} does not work with badge size {size}: use "
                          + " or ".join(allowed) + f" (default {allowed[0]})")
    if name == "single":
        return Sheet("single", badge, badge, 1, 1)
    return _SHEETS[(size, name)]


_SHEETS = {
    ("A6", "a4"): Sheet("a4", theme.PAGE_SIZES["A4"], theme.BADGE_SIZES["A6"], 2, 2),
    ("90x54", "a4"): Sheet("a4", theme.PAGE_SIZES["A4"], theme.BADGE_SIZES["90x54"], 2, 5, col_gap=6 * mm),
    ("4x3", "letter"): Sheet("letter", landscape(theme.PAGE_SIZES["LETTER"]), theme.BADGE_SIZES["4x3"], 2, 2),
}
BADGE_SHEETS = {"A6": ("a4", "single"), "90x54": ("a4", "single"), "4x3": ("letter", "single")}

_MIN_MARK = 1.5 * mm  # shorter than this is not worth drawing
PAPER_GAP = 5 * mm  # keep marks this far from the paper edge: desktop printers cannot print nearer


def cut_lines(sheet: Sheet, boxes: list[Box]) -> tuple[list[float], list[float]]:
    """x positions of vertical cuts and y positions of horizontal cuts."""
    xs = sorted({round(v, 4) for (x, _, w, _) in boxes for v in (x, x + w)})
    ys = sorted({round(v, 4) for (_, y, _, h) in boxes for v in (y, y + h)})
    return xs, ys


def mark_segments(sheet: Sheet, boxes: list[Box]) -> list[tuple[float, float, float, float]]:
    """Crop marks as (x1, y1, x2, y2): in the margins, on the extension of every cut line."""
    if sheet.name == "single" or not boxes:
        return []
    pw, ph = sheet.page
    left = min(b[0] for b in boxes)
    right = max(b[0] + b[2] for b in boxes)
    bottom = min(b[1] for b in boxes)
    top = max(b[1] + b[3] for b in boxes)
    xs, ys = cut_lines(sheet, boxes)

    def span(margin: float) -> tuple[float, float] | None:
        start = min(theme.CROP_MARK_OFFSET, margin * 0.4)
        end = min(theme.CROP_MARK_OFFSET + theme.CROP_MARK_LENGTH, margin - PAPER_GAP)
        return (start, end) if end - start >= _MIN_MARK else None

    segs = []
    for x in xs:
        if (s := span(ph - top)):
            segs.append((x, top + s[0], x, top + s[1]))
        if (s := span(bottom)):
            segs.append((x, bottom - s[0], x, bottom - s[1]))
    for y in ys:
        if (s := span(left)):
            segs.append((left - s[0], y, left - s[1], y))
        if (s := span(pw - right)):
            segs.append((right + s[0], y, right + s[1], y))
    return segs


def draw_crop_marks(c: Canvas, sheet: Sheet, boxes: list[Box]) -> None:
    c.saveState()
    c.setStrokeColor(theme.CROP_MARK)
    c.setLineWidth(theme.CROP_MARK_WIDTH)
    for (x1, y1, x2, y2) in mark_segments(sheet, boxes):
        c.line(x1, y1, x2, y2)
    c.restoreState()
