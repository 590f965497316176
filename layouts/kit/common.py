"""Drawing helpers every printed thing shares: the canvas (PressCanvas: CMYK, PDF/X-4, boxes,
the DRAFT mark, dates and font subset tags), QR codes, page boxes.

Pure: they draw on a canvas they are given and read no content. Kept in one module so
that every layout starts its PDF and draws QR codes the same way.
Text (measuring, wrapping, fitting, drawing) is text.py.
"""
from __future__ import annotations

import functools
import hashlib
import io
import math
import os
import re
from datetime import datetime, timezone
from typing import BinaryIO
from zoneinfo import ZoneInfo

from eventprint import glyphs
from eventprint.draft import is_draft
from eventprint.model import Event
from eventprint.problems import QRTooDense
from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from . import pdfwrite, pdfx, qrmatrix, theme

# --------------------------------------------------------------------------
# canvas
# --------------------------------------------------------------------------


class PressCanvas(Canvas):
    """The canvas of every PDF we write. On top of ReportLab's canvas: CMYK only (a colour given
    as RGB or grey is converted, so nothing RGB reaches a page), PDF 1.6, TrimBox and BleedBox on
    every page (the page itself unless the layout sets them), the output intent and XMP of
    PDF/X-4 (pdfx.py), and for a draft (codes that open nothing, eventprint.draft) a DRAFT mark in
    the content of every page, on each piece a page is cut into (``piece``), and in the metadata.
    ``palette``: theme colours printed as others (an event's brand colour for the accent,
    theme.palette), in text and Paragraphs too."""

    def __init__(self, *args, draft: bool = False, stamp: datetime | None = None, palette=None, **kwargs):
        kwargs["enforceColorSpace"] = "cmyk"
        kwargs["pdfVersion"] = pdfx.VERSION
        super().__init__(*args, **kwargs)
        if palette:  # before any text object copies the canvas's colour filter
            enforce = self._enforceColorSpace
            self._enforceColorSpace = lambda colour: palette.get(theme.colour_key(colour)) or enforce(colour)
        if stamp is not None and not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
            self._doc._timeStamp = _TimeStamp(stamp)  # the content's date, not ReportLab's 2000-01-01
        self.draft = draft
        self.qr_boxes: list[tuple[float, float, float, float]] = []  # this page's QR codes, page space
        self.pieces: list[tuple[float, float, float, float]] = []  # this page's parts cut apart (badges), page space
        self._boxes_set = False
        self._annotated = False  # PDF/X forbids annotations on the page: links make no claim
        self._inks: tuple[dict, dict] = ({}, {})  # fill, stroke: see _ink

    # Colours are set as ReportLab sets them, from what the canvas worked out the first time it met
    # each: a 900-talk event's layouts set some 50,000, nearly all a few theme colours, and
    # ReportLab converts, formats and checks every one every time. Colours are values nobody
    # changes once made (as ReportLab treats them); the table holds each colour with what it gave,
    # so the colour lives on and an id in the table is always its own.
    def setFillColor(self, aColor, alpha=None):
        ink = self._inks[0].get(id(aColor)) if alpha is None else None
        if ink is None:
            ink = self._ink(aColor, alpha, 0)
            if ink is None:
                return super().setFillColor(aColor, alpha)
        self._fillColorObj = ink[1]
        self._code.append(ink[2])
        if ink[3] is not None and (ink[3] != self._extgstate._d.get("ca", 1) or self._doc._pdfVersion < (1, 4)):
            self._setFillAlpha(ink[3])  # (unless it would leave the same alpha and PDF version)

    def setStrokeColor(self, aColor, alpha=None):
        ink = self._inks[1].get(id(aColor)) if alpha is None else None
        if ink is None:
            ink = self._ink(aColor, alpha, 1)
            if ink is None:
                return super().setStrokeColor(aColor, alpha)
        self._strokeColorObj = ink[1]
        self._code.append(ink[2])
        if ink[3] is not None and (ink[3] != self._extgstate._d.get("CA", 1) or self._doc._pdfVersion < (1, 4)):
            self._setStrokeAlpha(ink[3])

    def _ink(self, colour, alpha, stroke: int):
        """(colour, the CMYK colour it prints as, its operator, its alpha) for a colour given without
        an alpha that prints as plain CMYK, kept for next time; None for anything else (ReportLab's
        own way then)."""
        if alpha is not None:
            return None
        printed = self._enforceColorSpace(colour) if self._enforceColorSpace else colour
        if not isinstance(printed, CMYKColor) or isinstance(printed, CMYKColorSep):
            return None
        a = getattr(printed, "alpha", None)
        if a is not None and not (isinstance(a, (float, int)) and 0 <= a <= 1):
            return None  # ReportLab's way, which says what is wrong
        d = printed.density
        values = fp_str(d * printed.cyan, d * printed.magenta, d * printed.yellow, d * printed.black)
        ink = (colour, printed, f"{values} {'K' if stroke else 'k'}", a)
        inks = self._inks[stroke]
        if len(inks) >= 256:
            inks.clear()
        inks[id(colour)] = ink
        return ink

    def piece(self, x: float, y: float, w: float, h: float) -> None:
        """Note a part of this page that is cut out on its own (a badge of a sheet, a page of a
        spread): a draft marks each piece, since each may travel alone."""
        (ax, ay), (bx, by) = self.absolutePosition(x, y), self.absolutePosition(x + w, y + h)
        self.pieces.append((min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)))

    def setCropBox(self, size, name="crop"):
        self._boxes_set = True
        super().setCropBox(size, name)

    def _addAnnotation(self, annotation, name=None, addtopage=1):
        self._annotated = True
        super()._addAnnotation(annotation, name, addtopage)

    def showPage(self):
        if not self._boxes_set:  # the page is the trim: nothing runs off it
            w, h = self._pagesize
            super().setCropBox((0, 0, w, h), "trim")
            super().setCropBox((0, 0, w, h), "bleed")
        if self.draft:
            _draft_mark(self)
        self.qr_boxes = []
        self.pieces = []
        super().showPage()
        self._boxes_set = False

    def save(self):
        if len(self._code):  # the last page, before the PDF/X claim is decided (its draft mark)
            self.showPage()
        if self.draft:
            info = self._doc.info
            if not info.title.startswith(DRAFT_TITLE):
                info.title = DRAFT_TITLE + info.title
            info.keywords = ", ".join(k for k in ("DRAFT", info.keywords) if k)
        pdfx.finish(self, claim=not (self.draft or self._annotated))
        subsets = _subsets(self)  # ReportLab drops them when it saves
        pdfwrite.install()  # ReportLab's writing of the objects, faster (same bytes)
        super().save()
        _retag_subsets(self, subsets)


def stamp_of(event: Event) -> datetime:
    """When a file was made, as far as the file says: the content's ``updated`` time (so the same
    content gives the same bytes, and a changed one a new date); SOURCE_DATE_EPOCH wins."""
    return event.updated if event.updated.tzinfo else event.updated.replace(tzinfo=ZoneInfo(event.timezone))


class _TimeStamp:
    """What ReportLab's document reads of its TimeStamp, for a given aware datetime."""

    def __init__(self, when: datetime):
        offset = when.utcoffset() or timezone.utc.utcoffset(None)
        minutes = int(offset.total_seconds() // 60)
        self.t = when.timestamp()
        self.lt = when.timetuple()
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh, self.dmm = int(minutes / 60), abs(minutes) % 60
        self.tzname = when.tzname()


def _subsets(c: Canvas) -> list[tuple[bytes, int, tuple[int, ...]]]:
    """(face name, subset number, character codes) of every font subset the document uses."""
    out = []
    doc = c._doc
    for font in doc.delayedFonts:
        state = getattr(font, "state", {}).get(doc)
        face = getattr(font, "face", None)
        if state is not None and face is not None:
            # a glyph character by its glyph and text: its code point depends on what the process drew first
            out += [(face.name + face.subfontNameX, n, tuple(map(glyphs.stable, sub))) for n, sub in enumerate(state.subsets)]
    return out


def _retag_subsets(c: Canvas, subsets: list[tuple[bytes, int, tuple[int, ...]]]) -> None:
    """Give every font subset its own tag (ReportLab calls the first subset of every font
    AAAAAA): a tag from the face and the characters in the subset, so two files merged by a
    print shop never have one name for two different subsets. Same length, so offsets hold."""
    target = c._filename
    if not subsets or not hasattr(target, "getvalue"):
        return
    data = target.getvalue()
    for name, n, chars in subsets:
        digest = hashlib.sha256(name + b"\0" + ",".join(map(str, chars)).encode()).digest()
        tag = bytes(65 + b % 26 for b in digest[:6])
        old = re.escape(b"/" + ttfonts.SUBSETN(n) + b"+" + name) + rb"(?![\w.+-])"  # not a longer name's start
        data = re.sub(old, b"/" + tag + b"+" + name, data)
    target.seek(0)
    target.truncate()
    target.write(data)


def new_canvas(target: BinaryIO | io.BytesIO, pagesize: tuple[float, float], event: Event,
               title: str, subject: str, maker: type[PressCanvas] | None = None) -> Canvas:
    """A canvas that gives byte-identical files for the same content.

    ``invariant=1`` fixes the document id and, unless SOURCE_DATE_EPOCH is
    set, the timestamp; fonts must already be registered (eventprint.fonts).
    ``maker``: a PressCanvas of another kind (replay.RecordingCanvas).
    """
    # initialFontName: without it every page names Helvetica, which is never embedded
    c = (maker or PressCanvas)(target, pagesize=pagesize, invariant=1, pageCompression=1, draft=is_draft(event),
                    stamp=stamp_of(event),
                    lang=event.language, initialFontName=theme.face(theme.FONT), initialFontSize=theme.BODY,
                    palette=theme.palette(event.brand))
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
def qr_matrix(url: str, level: str = theme.QR_ERROR) -> qrmatrix.Rows:
    """Module matrix without quiet zone (we draw the quiet zone ourselves), as rows of bits
    (qrmatrix.Rows): the qrcode library's, computed faster and kept between builds (qrmatrix.py).

    Also cached here (immutable rows): the same URL is often drawn more than once (the
    programme URL on many badges, a badge again in reprint.pdf).
    """
    return qrmatrix.cached(url, level)


_DARK = re.compile("1+")


def qr_total_modules(url: str, level: str = theme.QR_ERROR) -> int:
    return len(qr_matrix(url, level)) + 2 * theme.QR_QUIET_MODULES


def draw_qr(c: Canvas, url: str, x: float, y: float, size: float,
            level: str = theme.QR_ERROR, what: str = "QR code") -> None:
    """Vector QR code in a white square of ``size`` (quiet zone included) at (x, y) bottom-left.

    Each dark run in a row is one rectangle: crisp at any print resolution, and
    far fewer path operations than one square per module.
    """
    rows = qr_matrix(url, level)
    n = len(rows)
    total = n + 2 * theme.QR_QUIET_MODULES
    module = size / total
    if module < theme.QR_MIN_MODULE - 1e-9:
        raise QRTooDense(f"the {what} for {url} would have modules of {module / 2.8346:.2f} mm, "
                         f"below the 0.4 mm phones need \u2014 use a shorter address or a larger size", url)
    if isinstance(c, PressCanvas):  # the draft mark keeps clear of it
        corners = [c.absolutePosition(x + dx, y + dy) for dx in (0, size) for dy in (0, size)]
        xs, ys = [p[0] for p in corners], [p[1] for p in corners]
        c.qr_boxes.append((min(xs), min(ys), max(xs), max(ys)))
    c.saveState()
    c.setFillColor(theme.WHITE)
    c.rect(x, y, size, size, stroke=0, fill=1)
    c.setFillColor(theme.QR_INK)  # 100 % K modules: maximum contrast for scanners
    # the path's operators as PDFPathObject.rect writes them (fp_str formats each number on its
    # own), with each corner and width formatted once instead of once per rectangle
    starts, tails = _grid(x, y, size, n)
    code = ["n"]
    # the rows as one string of 0s and 1s (column c at c, a 0 between rows), and each run of
    # dark modules found in one pass: 900 badges' codes are some 250,000 rectangles
    bits = "0".join([format(row, f"0{n}b")[::-1] for row in rows])
    for run in _DARK.finditer(bits):
        start, end = run.span()
        code.append(starts[start] + tails[end - start])
    p = PDFPathObject(code)
    c.drawPath(p, stroke=0, fill=1)
    c.restoreState()


@functools.lru_cache(maxsize=256)
def _grid(x: float, y: float, size: float, n: int) -> tuple[list[str], list[str]]:
    """A code's rectangles in two halves, formatted: "x y " of a run starting at each place of
    draw_qr's string of rows (row r, column c at r * (n + 1) + c), and "w h re" of a run of 0 to
    n modules. Badges place their codes at the same few spots of a sheet, and formatting these
    (fp_str) took as long as the code's rectangles."""
    module = size / (n + 2 * theme.QR_QUIET_MODULES)
    q0 = theme.QR_QUIET_MODULES
    xs = [fp_str(x + (q0 + col) * module) for col in range(n)]
    row_ys = [fp_str(y + size - (q0 + r + 1) * module) for r in range(n)]
    height = fp_str(module)
    return ([f"{xs[c]} {row_y} " if c < n else "" for row_y in row_ys for c in range(n + 1)],
            [f"{fp_str(cols * module)} {height} re" for cols in range(n + 1)])


# --------------------------------------------------------------------------
# page boxes
# --------------------------------------------------------------------------


def set_boxes(c: Canvas, trim: tuple[float, float, float, float], bleed: float = theme.BLEED) -> None:
    """Record TrimBox and BleedBox (x0, y0, x1, y1) for the current page."""
    x0, y0, x1, y1 = trim
    c.setTrimBox((x0, y0, x1, y1))
    c.setBleedBox((x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed))


# --------------------------------------------------------------------------
# the DRAFT mark
# --------------------------------------------------------------------------

DRAFT_TITLE = "DRAFT \u2013 "
# "DRAFT" as strokes on a 5 x 7 grid, a letter every 7 units: no font, so the mark is the same
# in every file and never mixes with the page's text (text extraction, safe-area checks)
_LETTERS = (
    ((0, 0), (0, 7), (3, 7), (5, 5), (5, 2), (3, 0), (0, 0)),  # D
    ((0, 0), (0, 7), (4, 7), (5, 6), (5, 4.5), (4, 3.5), (0, 3.5)), ((2.5, 3.5), (5, 0)),  # R
    ((0, 0), (2.5, 7), (5, 0)), ((1, 2.8), (4, 2.8)),  # A
    ((5, 7), (0, 7), (0, 0)), ((0, 3.7), (3.5, 3.7)),  # F
    ((0, 7), (5, 7)), ((2.5, 7), (2.5, 0)),  # T
)
_LETTER_OF = (0, 1, 1, 2, 2, 3, 3, 4, 4)  # which letter each stroke belongs to


def _draft_stream(w: float, h: float, qr_boxes) -> bytes:
    """A light diagonal DRAFT across the page, thin strokes in a pale CMYK tint: it reads from
    across a table yet hides no text, and is clipped around every QR code (a stroke across one
    can stop it decoding)."""
    diag = math.hypot(w, h)
    unit = 0.55 * diag / 33  # the word is 33 units long
    angle = math.atan2(h, w)
    cos, sin = math.cos(angle), math.sin(angle)
    ox, oy = w / 2 - (16.5 * cos - 3.5 * sin) * unit, h / 2 - (16.5 * sin + 3.5 * cos) * unit
    ops = ["q"]
    if qr_boxes:  # even-odd: the page less the codes (with 1 pt to spare)
        ops.append(f"0 0 {w:.2f} {h:.2f} re " + " ".join(
            f"{x0 - 1:.2f} {y0 - 1:.2f} {x1 - x0 + 2:.2f} {y1 - y0 + 2:.2f} re" for x0, y0, x1, y1 in qr_boxes)
            + " W* n")
    ops.append(f"{theme.DRAFT_MARK_CMYK} K {max(0.6, unit * 0.18):.2f} w 1 J 1 j")
    for stroke, letter in zip(_LETTERS, _LETTER_OF):
        pts = []
        for (u, v) in stroke:
            gx, gy = (u + 7 * letter) * unit, v * unit
            pts.append((ox + gx * cos - gy * sin, oy + gx * sin + gy * cos))
        ops.append(f"{pts[0][0]:.2f} {pts[0][1]:.2f} m " + " ".join(f"{x:.2f} {y:.2f} l" for x, y in pts[1:]) + " S")
    ops.append("Q")
    return "\n".join(ops).encode("ascii")


def piece(c: Canvas, x: float, y: float, w: float, h: float) -> None:
    """Note a part of the page that is cut out on its own (see PressCanvas.piece); a plain
    canvas has no draft mark and ignores it."""
    if isinstance(c, PressCanvas):
        c.piece(x, y, w, h)


# the mark is page content, marked as a watermark artifact (ISO 32000 14.8.2.2): RIPs and print
# dialogs that drop annotations print it, and tools that know artifacts leave it out of the text
_ARTIFACT = "/Artifact <</Type /Pagination /Subtype /Watermark>> BDC"


def _draft_form(c: PressCanvas, w: float, h: float, qr_boxes) -> str:
    """The name of a form holding the mark for a piece ``w`` x ``h`` with these QR codes (relative
    to the piece); made once per document for each such piece (10,000 badges share two)."""
    forms = c.__dict__.setdefault("_draft_forms", {})
    key = (round(w, 2), round(h, 2), tuple(tuple(round(v, 2) for v in b) for b in qr_boxes))
    name = forms.get(key)
    if name is None:
        name = forms[key] = f"EPDraft{len(forms) + 1}"
        form = pdfdoc.PDFStream(pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("XObject"), "Subtype": pdfdoc.PDFName("Form"),
            "BBox": pdfdoc.PDFArray([0, 0, key[0], key[1]])}), _draft_stream(key[0], key[1], key[2]))
        c._doc.Reference(form, pdfdoc.xObjectName(name))
    return name


def _draft_mark(c: PressCanvas) -> None:
    """DRAFT across every piece of the page (the whole page when it is one), drawn last, in page
    space whatever transformation the layout left in place, clear of every QR code."""
    w, h = c._pagesize
    pieces = c.pieces or [(0.0, 0.0, w, h)]
    a, b, cc, d, e, f = c._currentMatrix
    det = a * d - b * cc
    ops = ["q"]
    if (a, b, cc, d, e, f) != (1, 0, 0, 1, 0, 0) and det:  # back to page space
        ops.append(" ".join(fp_str(v) for v in (d / det, -b / det, -cc / det, a / det,
                                                 (cc * f - d * e) / det, (b * e - a * f) / det)) + " cm")
    for x0, y0, x1, y1 in pieces:
        rel = [(max(qx0, x0) - x0, max(qy0, y0) - y0, min(qx1, x1) - x0, min(qy1, y1) - y0)
               for qx0, qy0, qx1, qy1 in c.qr_boxes if qx0 < x1 and qx1 > x0 and qy0 < y1 and qy1 > y0]
        name = _draft_form(c, x1 - x0, y1 - y0, rel)
        ops.append(f"q 1 0 0 1 {fp_str(x0)} {fp_str(y0)} cm {_ARTIFACT} /{pdfdoc.xObjectName(name)} Do EMC Q")
        c._formsinuse.append(name)
    ops.append("Q")
    c._code.extend(ops)
