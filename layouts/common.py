"""Drawing helpers every printed thing shares: canvas set-up, QR codes, page boxes.

Pure: they draw on a canvas they are given and read nothing from disk. Kept in
one module so that every layout starts its PDF and draws QR codes the same way.
Text (measuring, wrapping, fitting, drawing) is text.py.
"""
from __future__ import annotations

import functools
import io
import re
from typing import BinaryIO

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from eventprint.model import Event
from eventprint.problems import BuildError

from . import qrmatrix, theme


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


# --------------------------------------------------------------------------
# QR codes
# --------------------------------------------------------------------------

@functools.lru_cache(maxsize=4096)
def qr_matrix(url: str, level: str = theme.QR_ERROR) -> tuple[tuple[bool, ...], ...]:
    """Module matrix without quiet zone (we draw the quiet zone ourselves): the qrcode
    library's, computed faster and kept between builds (qrmatrix.py).

    Also cached here (immutable rows): the same URL is often drawn more than once (the
    programme URL on many badges, a badge again in reprint.pdf).
    """
    return qrmatrix.cached(url, level)


@functools.lru_cache(maxsize=4096)
def _dark_runs(matrix: tuple[tuple[bool, ...], ...]) -> tuple[tuple[tuple[int, int], ...], ...]:
    """For each row of ``matrix``, its runs of dark modules as (first column, column after)."""
    return tuple(tuple([m.span() for m in _DARK.finditer(bytes(row))]) for row in matrix)


_DARK = re.compile(b"\x01+")


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
    # the path's operators as PDFPathObject.rect writes them (fp_str formats each number on its
    # own), with each x, y and width formatted once instead of once per rectangle
    q0 = theme.QR_QUIET_MODULES
    xs = [fp_str(x + (q0 + col) * module) for col in range(n + 1)]
    widths = [fp_str(cols * module) for cols in range(n + 1)]
    height = fp_str(module)
    code = ["n"]
    for r, runs in enumerate(_dark_runs(matrix)):
        row_y = fp_str(y + size - (q0 + r + 1) * module)
        code += [f"{xs[start]} {row_y} {widths[end - start]} {height} re" for start, end in runs]
    p = PDFPathObject(code)
    c.drawPath(p, stroke=0, fill=1)
    c.restoreState()


# --------------------------------------------------------------------------
# page boxes
# --------------------------------------------------------------------------


def set_boxes(c: Canvas, trim: tuple[float, float, float, float], bleed: float = theme.BLEED) -> None:
    """Record TrimBox and BleedBox (x0, y0, x1, y1) for the current page."""
    x0, y0, x1, y1 = trim
    c.setTrimBox((x0, y0, x1, y1))
    c.setBleedBox((x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed))
