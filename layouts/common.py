"""Drawing helpers every printed thing shares: canvas, text fitting, QR, crop marks.

Pure: they draw on a canvas they are given and read nothing from disk. Kept in
one module so that badges, signs and the poster fit text and draw QR codes the
same way (one renderer, many layouts).
"""
from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from typing import BinaryIO, Iterable
from xml.sax.saxutils import escape

import qrcode
import qrcode.constants
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from eventprint.model import Event
from eventprint.problems import BuildError

from . import theme

# --------------------------------------------------------------------------
# canvas
# --------------------------------------------------------------------------


def new_canvas(target: BinaryIO | io.BytesIO, pagesize: tuple[float, float], event: Event,
               title: str, subject: str) -> Canvas:
    """A canvas that gives byte-identical files for the same content.

    ``invariant=1`` fixes the document id and, unless SOURCE_DATE_EPOCH is
    set, the timestamp; fonts must already be registered (eventprint.fonts).
    """
    # initialFontName: without it every page names Helvetica, which is never embedded
    c = Canvas(target, pagesize=pagesize, invariant=1, pageCompression=1,
               lang=event.language, initialFontName=theme.FONT, initialFontSize=theme.BODY)
    c.setTitle(title)
    c.setAuthor(", ".join(event.hosts))
    c.setSubject(subject)
    c.setCreator("eventprint")
    c.setKeywords(event.name)
    return c


def markup(text: str) -> str:
    """Escape content text before it meets ReportLab's Paragraph markup."""
    return escape(text, {'"': "&quot;", "'": "&#39;"})


# --------------------------------------------------------------------------
# text fitting
# --------------------------------------------------------------------------


def width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def wrap(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Greedy word wrap; a single word wider than the line is split by characters."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split():
            candidate = f"{line} {word}" if line else word
            if width(candidate, font, size) <= max_width:
                line = candidate
                continue
            if line:
                lines.append(line)
            # break an over-long word; a lone character wider than the line stays whole
            # (every pass must shorten the word, or this would never end)
            while len(word) > 1 and width(word, font, size) > max_width:
                cut = len(word) - 1
                while cut > 1 and width(word[:cut] + "-", font, size) > max_width:
                    cut -= 1
                lines.append(word[:cut] + "-")
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Fitted:
    """Text laid out to fit a box: its size and lines."""

    size: float
    lines: tuple[str, ...]

    @property
    def height(self) -> float:
        return len(self.lines) * theme.leading(self.size)


def fit(text: str, font: str, max_width: float, max_size: float, min_size: float,
        max_lines: int = 1, what: str = "text", step: float = 0.5) -> Fitted:
    """Largest size from ``max_size`` down to ``min_size`` at which ``text`` fits.

    Shrinks on one line first, then allows up to ``max_lines`` lines at the
    largest size that fits; past that raises BuildError naming ``what``.
    """
    size = max_size
    while size >= min_size - 1e-9:
        if width(text, font, size) <= max_width:
            return Fitted(size, (text,))
        size -= step
    for n in range(2, max_lines + 1):
        size = max_size
        while size >= min_size - 1e-9:
            lines = wrap(text, font, size, max_width)
            if len(lines) <= n:
                return Fitted(size, tuple(lines))
            size -= step
    raise BuildError(
        f"{what} is too long to fit: \"{text}\" does not fit in {max_lines} line(s) even at "
        f"{min_size:g} pt \u2014 shorten it in the content")


def draw_lines(c: Canvas, fitted: Fitted, font: str, x: float, top: float,
               align: str = "left", box_width: float = 0, color: Color = theme.INK) -> float:
    """Draw fitted lines whose first line's top is at ``top``; return the y below them."""
    c.setFont(font, fitted.size)
    c.setFillColor(color)
    lead = theme.leading(fitted.size)
    # baseline sits ~0.8 em below the line top for Noto Sans (ascender 1.069 em, leading 1.3)
    y = top - fitted.size * 1.02
    for line in fitted.lines:
        if align == "center":
            c.drawCentredString(x + box_width / 2, y, line)
        elif align == "right":
            c.drawRightString(x + box_width, y, line)
        else:
            c.drawString(x, y, line)
        y -= lead
    return top - fitted.height


# --------------------------------------------------------------------------
# QR codes
# --------------------------------------------------------------------------

_QR_LEVELS = {"M": qrcode.constants.ERROR_CORRECT_M, "Q": qrcode.constants.ERROR_CORRECT_Q,
              "H": qrcode.constants.ERROR_CORRECT_H}


@functools.lru_cache(maxsize=4096)
def qr_matrix(url: str, level: str = theme.QR_ERROR) -> tuple[tuple[bool, ...], ...]:
    """Module matrix without quiet zone (we draw the quiet zone ourselves).

    Cached (immutable rows): encoding costs ~10 ms, and the same URL is often drawn
    more than once (the programme URL on many badges, a badge again in reprint.pdf).
    """
    q = qrcode.QRCode(error_correction=_QR_LEVELS[level], border=0, box_size=1)
    q.add_data(url)
    q.make(fit=True)
    return tuple(tuple(row) for row in q.get_matrix())


def qr_total_modules(url: str, level: str = theme.QR_ERROR) -> int:
    return len(qr_matrix(url, level)) + 2 * theme.QR_QUIET_MODULES


def draw_qr(c: Canvas, url: str, x: float, y: float, size: float,
            level: str = theme.QR_ERROR, what: str = "QR code") -> None:
    """Vector QR code in a white square of ``size`` (quiet zone included) at (x, y) bottom-left.

    Each dark run in a row is one rectangle: crisp at any print resolution, and
    far fewer path operations than one square per module.
    """
    matrix = qr_matrix(url, level)
    n = len(matrix)
    total = n + 2 * theme.QR_QUIET_MODULES
    module = size / total
    if module < theme.QR_MIN_MODULE - 1e-9:
        raise BuildError(f"the {what} for {url} would have modules of {module / 2.8346:.2f} mm, "
                         f"below the 0.4 mm phones need \u2014 use a shorter base_url or a larger size")
    c.saveState()
    c.setFillColor(theme.WHITE)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)  # pure black modules: maximum contrast for scanners
    p = c.beginPath()
    q0 = theme.QR_QUIET_MODULES
    for r, row in enumerate(matrix):
        col = 0
        while col < n:
            if row[col]:
                start = col
                while col < n and row[col]:
                    col += 1
                p.rect(x + (q0 + start) * module, y + size - (q0 + r + 1) * module,
                       (col - start) * module, module)
            else:
                col += 1
    c.drawPath(p, stroke=0, fill=1)
    c.restoreState()


# --------------------------------------------------------------------------
# crop marks
# --------------------------------------------------------------------------


def crop_marks(c: Canvas, boxes: Iterable[tuple[float, float, float, float]]) -> None:
    """Marks at every corner of every (x, y, w, h) trim box, outside the boxes.

    Each mark starts CROP_MARK_OFFSET away from the corner so it never touches
    the artwork; marks that would fall inside another box are skipped.
    """
    boxes = list(boxes)
    off, length = theme.CROP_MARK_OFFSET, theme.CROP_MARK_LENGTH
    segs = set()
    for (x, y, w, h) in boxes:
        for cx, sx in ((x, -1), (x + w, 1)):
            for cy, sy in ((y, -1), (y + h, 1)):
                segs.add((cx + sx * off, cy, cx + sx * (off + length), cy))  # horizontal
                segs.add((cx, cy + sy * off, cx, cy + sy * (off + length)))  # vertical

    def inside(px: float, py: float) -> bool:
        return any(bx < px < bx + bw and by < py < by + bh for (bx, by, bw, bh) in boxes)

    c.saveState()
    c.setStrokeColor(theme.CROP_MARK)
    c.setLineWidth(theme.CROP_MARK_WIDTH)
    for (x1, y1, x2, y2) in sorted(segs):
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        if inside(x1, y1) or inside(x2, y2) or inside(mx, my):
            continue
        c.line(x1, y1, x2, y2)
    c.restoreState()


def set_boxes(c: Canvas, trim: tuple[float, float, float, float], bleed: float = theme.BLEED) -> None:
    """Record TrimBox and BleedBox (x0, y0, x1, y1) for the current page."""
    x0, y0, x1, y1 = trim
    c.setTrimBox((x0, y0, x1, y1))
    c.setBleedBox((x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed))
