"""Inspect real PDF output: text, geometry, fonts, rendering and QR codes.

Shared by every test module so that "inside the safe area", "no overlapping
lines" and "QR decodes" mean the same thing for the booklet, signs and badges.

Characters and line segments are read with pypdfium2 (PDFium, C++), about ten
times faster than pdfplumber's pure-Python parser, in pdfplumber's vocabulary:
dicts with x0, x1, top, bottom (top-left origin), size, fontname, text, and a
char box exactly as pdfplumber draws it (font size high, from the descent up).
Every parse is cached by the PDF's bytes, so a file is read once per process
however many tests look at it.
"""
from __future__ import annotations

import ctypes
import functools
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import zxingcpp
from once import once
from pdfplumber.utils.text import chars_to_textmap

MM = 72 / 25.4

PdfLike = bytes | str | Path


def _bytes(pdf: PdfLike) -> bytes:
    return pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()


@functools.lru_cache(maxsize=None)
def _metrics_font(base_name: str) -> str | None:
    """The registered ReportLab font whose PostScript name this is: its widths placed every char."""
    from eventprint.fonts import register
    from reportlab.pdfbase import pdfmetrics
    register()
    for name in pdfmetrics.getRegisteredFontNames():
        face = getattr(pdfmetrics.getFont(name), "face", None)
        ps = getattr(face, "name", b"")
        if (ps.decode("latin-1") if isinstance(ps, bytes) else ps) == base_name:
            return name
    return None


def _as_address_fn(fn, restype, *argtypes):
    """The same PDFium function, returning/taking plain addresses (ctypes.cast per char is slow)."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)


_text_object = _as_address_fn(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)


@functools.lru_cache(maxsize=None)
def _width_1000(metrics: str, char: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    return stringWidth(char, metrics, 1000)


def _object_facts(obj: int) -> tuple[str, bool, tuple[float, float, float]]:
    """Font name, whether the font is embedded, and fill colour of one text object."""
    ptr = ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT)
    font = pdfium_c.FPDFTextObj_GetFont(ptr)
    name = ctypes.create_string_buffer(256)
    n = pdfium_c.FPDFFont_GetBaseFontName(font, name, 256)
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    pdfium_c.FPDFPageObj_GetFillColor(ptr, r, g, b, a)
    return (name.value.decode("latin-1") if n else "", bool(pdfium_c.FPDFFont_GetIsEmbedded(font)),
            (r.value / 255, g.value / 255, b.value / 255))


_WHITE = frozenset((0x20, 0x0D, 0x0A, 0xA0))


def _descent(obj: int, size: float) -> float:
    """The font's descent at ``size`` (negative): where PDFium's loose char box ends below the baseline."""
    font = pdfium_c.FPDFTextObj_GetFont(ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT))
    value = ctypes.c_float()
    if not font or not pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), value):
        return 0.0
    return value.value


def _codes(tp_raw, count: int) -> list[int]:
    """Every char's code point, in one call for the page (FPDFText_GetText) instead of one each;
    PDFium's mark for a hyphen at a line end (2 per char, U+FFFE in the page's text) as 2."""
    buf = ctypes.create_string_buffer(2 * (count + 1))
    got = pdfium_c.FPDFText_GetText(tp_raw, 0, count, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    codes = [0xFFFE if ch == "\ufffe" else ord(ch) for ch in
             buf.raw[:2 * max(got - 1, 0)].decode("utf-16-le", errors="surrogatepass")]
    if len(codes) != count:  # not one code point per char: ask each
        return [pdfium_c.FPDFText_GetUnicode(tp_raw, i) for i in range(count)]
    return [2 if code == 0xFFFE else code for code in codes]


# set by tests/conftest.py for xdist workers: a folder all workers see, where each PDF's chars
# are left by the first worker that reads them (loading them is about 4 x faster than reading)
shared: Path | None = None


def _shared(kind: str, pdf: bytes, compute):
    """``compute(pdf)``, or what a worker that computed it for the same bytes left in ``shared``."""
    if shared is None:
        return compute(pdf)
    return once(shared, f"{kind}-{hashlib.sha256(pdf).hexdigest()[:32]}", lambda: compute(pdf))


@functools.lru_cache(maxsize=128)
def _chars(pdf: bytes) -> tuple[tuple[dict, ...], ...]:
    return _shared("chars", pdf, _read_chars)


def _read_chars(pdf: bytes, only: int | None = None) -> tuple[tuple[dict, ...], ...]:
    """Chars of every page (of page ``only`` alone when given)."""
    doc = pdfium.PdfDocument(pdf)
    try:
        return tuple(_read_page(doc[i]) for i in (range(len(doc)) if only is None else (only,)))
    finally:
        doc.close()


_origin = _as_address_fn(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
                         ctypes.c_void_p, ctypes.c_void_p)


def _read_page(page) -> tuple[dict, ...]:
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    is_generated, font_size = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetFontSize
    loose_box = pdfium_c.FPDFText_GetLooseCharBox
    height = page.get_height()
    tp = page.get_textpage()
    tp_raw = tp.raw
    tp_addr = ctypes.cast(tp_raw, ctypes.c_void_p).value  # plain addresses: the per-char calls skip ctypes' checks
    ox_addr, oy_addr = ctypes.addressof(ox), ctypes.addressof(oy)
    # per text object: font name, embedded, colour, metrics font, size, descent (a text
    # object has one font at one size)
    objects: dict[int, tuple] = {}
    # PDFium may reorder text objects; pdfplumber keeps the order they were drawn in
    drawn = {ctypes.cast(o.raw, ctypes.c_void_p).value: k for k, o in
             enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=4))}
    out = []
    count = tp.count_chars()
    codes = _codes(tp_raw, count)
    for i, code in enumerate(codes):
        # spaces and line ends PDFium invents (only ever white space: asked of those alone)
        if code in _WHITE and is_generated(tp_raw, i):
            continue
        if code == 2:  # PDFium's mark for a hyphen at the end of a line
            code = 0x2D
        _origin(tp_addr, i, ox_addr, oy_addr)
        obj = _text_object(tp_addr, i) or 0
        facts = objects.get(obj) if obj else None
        if facts is None:
            size = font_size(tp_raw, i)
            facts = _object_facts(obj)
            facts = facts + (_metrics_font(facts[0]), size, _descent(obj, size))
            if obj:
                objects[obj] = facts
        fontname, embedded, colour, metrics, size, descent = facts
        text = chr(code)
        # PDFium's box also covers ink beyond the advance (an f's hook, a J's tail); pdfplumber's
        # box is origin to origin + advance, which the layout's own widths give exactly
        x0 = ox.value
        if metrics:
            x1 = x0 + _width_1000(metrics, text) * size / 1000
        else:
            loose_box(tp_raw, i, rect)
            x1 = rect.right
        # the bottom of PDFium's (loose) box: the baseline less the font's descent at that size
        bottom = height - (oy.value + descent)
        out.append({"text": text, "x0": x0, "x1": x1, "top": bottom - size,
                    "bottom": bottom, "doctop": bottom - size, "size": size, "upright": True,
                    "fontname": fontname, "embedded": embedded, "non_stroking_color": colour,
                    "seq": (drawn.get(obj, -1), x0, i)})
    tp.close()
    page.close()
    # the order they were drawn in: text objects as drawn, a text object's chars left to right
    # (PDFium numbers right-to-left runs in reading order; these PDFs draw them in visual order)
    out.sort(key=lambda c: c["seq"])
    return tuple(_surrogates_joined(out) if any(0xD800 <= c <= 0xDFFF for c in codes) else out)


def _surrogates_joined(chars: list[dict]) -> list[dict]:
    """A character beyond U+FFFF (an emoji) as one char, where PDFium gives its two UTF-16 halves."""
    out: list[dict] = []
    for ch in chars:
        prev = out[-1] if out else None
        if (prev is not None and "\udc00" <= ch["text"] <= "\udfff" and len(prev["text"]) == 1
                and "\ud800" <= prev["text"] <= "\udbff"):
            pair = (prev["text"] + ch["text"]).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
            out[-1] = {**prev, "text": pair, "x1": max(prev["x1"], ch["x1"])}
            continue
        out.append(ch)
    return out


@functools.lru_cache(maxsize=128)
def _page_chars(pdf: bytes, index: int) -> tuple[dict, ...]:
    return _read_chars(pdf, index)[0]


@functools.lru_cache(maxsize=32)
def _objects(pdf: bytes) -> tuple[tuple[tuple, ...], ...]:
    doc = _document(pdf)
    out = []
    for index in range(len(doc)):
        page = doc[index]
        tp = page.get_textpage()
        found = []
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=4, textpage=tp):
            left, bottom, right, top = obj.get_bounds()
            found.append((obj.level, obj.extract(), left, bottom, right, top))
        tp.close()
        page.close()
        out.append(tuple(found))
    return tuple(out)


def text_objects(pdf: PdfLike) -> list[list[tuple]]:
    """Per page, its text objects (one string drawn in one font: a line, or a run of one) as
    (level, text, left, bottom, right, top) in PDF coordinates (origin bottom left); level > 0 is
    inside a form, whose own coordinates its box is in. Some forty times fewer than the chars:
    for checks that whole drawn strings are where they should be."""
    return [list(p) for p in _objects(_bytes(pdf))]


@functools.lru_cache(maxsize=64)
def _sizes_of_text(pdf: bytes) -> frozenset[float]:
    doc = _document(pdf)
    unicode, size = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetFontSize
    found: set[float] = set()
    for index in range(len(doc)):
        page = doc[index]
        tp = page.get_textpage()
        raw = tp.raw
        found.update(round(size(raw, i), 2) for i in range(tp.count_chars()) if not chr(unicode(raw, i)).isspace())
        tp.close()
        page.close()
    return frozenset(found)


def text_sizes(pdf: PdfLike) -> frozenset[float]:
    """Every type size (pt, 2 decimals) a visible character is drawn at: page_chars' sizes,
    without the rest of what page_chars reads."""
    return _sizes_of_text(_bytes(pdf))


def page_chars(pdf: PdfLike) -> list[list[dict]]:
    """Chars per page (top-left origin: x0, x1, top, bottom, size, fontname, embedded, text).

    The dicts are shared by every caller of the same PDF: read them, never change them.
    """
    return [list(p) for p in _chars(_bytes(pdf))]


def chars_on_page(pdf: PdfLike, index: int) -> list[dict]:
    """``page_chars(pdf)[index]``, reading that page alone (a sheet of a large poster is seconds)."""
    return list(_page_chars(_bytes(pdf), index))


@functools.lru_cache(maxsize=128)
def _texts(pdf: bytes, flow: bool) -> tuple[str, ...]:
    return _shared("flow-texts" if flow else "texts", pdf, lambda data: _lay_out_texts(data, flow))


def _lay_out_texts(pdf: bytes, flow: bool) -> tuple[str, ...]:
    # pdfplumber's own text layout (Page.extract_text), run on PDFium's chars: the same text, faster.
    # x_tolerance 1: PDFium leaves out some drawn spaces; a gap of a space's width still splits words
    out = []
    for chars, (w, h) in zip(_chars(pdf), _sizes(pdf)):
        out.append(chars_to_textmap(list(chars), x_tolerance=1, use_text_flow=flow, layout_bbox=(0, 0, w, h),
                                    layout_width=w, layout_height=h).as_string if chars else "")
    return tuple(out)


def page_texts(pdf: PdfLike) -> list[str]:
    """Text of every page, lines top to bottom (pdfplumber's layout rules on PDFium's chars)."""
    return list(_texts(_bytes(pdf), False))


def flow_texts(pdf: PdfLike) -> list[str]:
    """Per page, the text in drawing order (columns stay whole), for 'does X appear' checks."""
    return list(_texts(_bytes(pdf), True))


# typographic quotation marks back to the content's typewriter ones (layouts/typeset.quotes prints
# those as the language's); tests about the marks themselves read the text before this
UNCURL = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"',
                        "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})


def normalise(text: str) -> str:
    """Whitespace-folded, de-hyphenated text for 'does X appear' checks, quotation marks as typed."""
    return " ".join(text.replace("-\n", "").replace("\u00ad", "").translate(UNCURL).split())


def sign_text(text: str) -> str:
    """A door sign's text for 'does X appear' checks: normalised, and a time set over two lines
    ('09:30–' over '10:15', where the titles need the width) joined again."""
    return normalise(text).replace("\u2013 ", "\u2013")


def shown_title(title: str, text: str) -> int:
    """How often ``title`` appears in ``text`` (normalised, sign_text): whole, or cut at a word with an
    ellipsis (a door sign that holds its day on one sheet only with long titles cut short)."""
    whole = normalise(title)
    words = whole.split(" ")
    for k in range(len(words) - 1, 0, -1):  # the longest cut form that appears (titles may share a start)
        cut = " ".join(words[:k]).rstrip(" ,\u00b7") + "\u2026"
        if cut in text:
            return text.count(whole) + text.count(cut)
    return text.count(whole)


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def text_lines(chars: list[dict], tol: float = 1.0) -> list[Line]:
    """Group chars into visual lines by baseline (same bottom within ``tol``) and proximity."""
    rows: dict[tuple[int, str], list[dict]] = {}
    for ch in sorted(chars, key=lambda c: (round(c["bottom"] / tol), c["x0"])):
        if not ch["text"].strip():
            continue
        rows.setdefault((round(ch["bottom"] / tol), ""), []).append(ch)
    lines: list[Line] = []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        # split a row where there is a big horizontal gap (two columns on one baseline)
        group = [row[0]]
        for ch in row[1:]:
            if ch["x0"] - group[-1]["x1"] > 3 * ch["size"]:
                lines.append(_line(group))
                group = []
            group.append(ch)
        lines.append(_line(group))
    return lines


def _line(chars: list[dict]) -> Line:
    return Line("".join(c["text"] for c in chars), min(c["x0"] for c in chars), max(c["x1"] for c in chars),
                min(c["top"] for c in chars), max(c["bottom"] for c in chars), max(c["size"] for c in chars))


def overlapping_lines(chars: list[dict], slack: float = 0.15) -> list[tuple[Line, Line]]:
    """Pairs of text lines whose boxes overlap (each box shrunk by ``slack`` x its size vertically)."""
    lines = sorted(text_lines(chars), key=lambda ln: ln.top)
    bad = []
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            if b.top >= a.bottom:
                break  # sorted by top: this and every later line start below a's box
            if a.x1 <= b.x0 or b.x1 <= a.x0:
                continue
            at, ab = a.top + slack * a.size, a.bottom - slack * a.size
            bt, bb = b.top + slack * b.size, b.bottom - slack * b.size
            if at < bb and bt < ab:
                bad.append((a, b))
    return bad


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def colliding_chars(chars: list[dict], apart: float = 0.5, overlap: float = 0.3) -> list[tuple[dict, dict]]:
    """Pairs of characters of different lines (baselines more than ``apart`` x the size apart) whose
    boxes overlap, by more than ``overlap`` x the size in height and a third of the narrower in
    width: text drawn over text. Unlike ``overlapping_lines`` it does not take the baselines of one
    line in several fonts (a Chinese or Arabic fallback face, an ellipsis) for lines of their own."""
    # Arabic and Hebrew are left out: PDFium's boxes of shaped glyphs are not where their ink is
    inked = sorted((c for c in chars if c["text"].strip() and not _RTL.search(c["text"])), key=lambda c: c["top"])
    bad = []
    for i, a in enumerate(inked):
        for b in inked[i + 1:]:
            if b["top"] >= a["bottom"]:
                break  # sorted by top: this and every later char start below a's box
            size = min(a["size"], b["size"])
            if abs(a["bottom"] - b["bottom"]) <= apart * size:
                continue  # the same line
            wide = min(a["x1"] - a["x0"], b["x1"] - b["x0"])
            if (min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > overlap * size
                    and min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > wide / 3):
                bad.append((a, b))
    return bad


@dataclass(frozen=True)
class Run:
    """Chars on one baseline with no gap wider than a word space: one line of one box or column."""
    text: str  # without spaces
    x0: float
    x1: float
    top: float
    bottom: float


def runs(chars: list[dict]) -> list[Run]:
    """Words and phrases on one baseline, split where the gap is wider than a space (the next column)."""
    rows: dict[int, list[dict]] = {}
    for ch in chars:
        if ch["text"].strip():
            rows.setdefault(round(ch["bottom"]), []).append(ch)
    out = []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        group = [row[0]]
        for ch in row[1:]:
            if ch["x0"] - group[-1]["x1"] > 0.45 * ch["size"]:
                out.append(group)
                group = []
            group.append(ch)
        out.append(group)
    return [Run("".join(c["text"] for c in g), min(c["x0"] for c in g), max(c["x1"] for c in g),
                min(c["top"] for c in g), max(c["bottom"] for c in g)) for g in out]


def chars_outside(chars: list[dict], box: tuple[float, float, float, float]) -> list[dict]:
    """Chars not inside ``box`` = (x0, top, x1, bottom) in top-left coordinates."""
    x0, top, x1, bottom = box
    eps = 0.01
    return [c for c in chars if c["text"].strip() and (
        c["x0"] < x0 - eps or c["x1"] > x1 + eps or c["top"] < top - eps or c["bottom"] > bottom + eps)]


def missing_glyph_chars(pdf: PdfLike) -> list[str]:
    """Characters extracted as NUL or U+FFFD: what an empty box looks like after extraction."""
    return [c["text"] for page in _chars(_bytes(pdf)) for c in page if c["text"] in ("\x00", "\ufffd")]


@functools.lru_cache(maxsize=128)
def _unembedded(pdf: bytes) -> tuple[str, ...]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    bad = set()
    for page in reader.pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            desc = font.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in font:
                desc = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            desc = desc.get_object() if desc is not None else None
            if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                bad.add(str(font.get("/BaseFont")))
    return tuple(sorted(bad))


def unembedded_fonts(pdf: PdfLike) -> list[str]:
    """Names of fonts used without an embedded font file."""
    return list(_unembedded(_bytes(pdf)))


@functools.lru_cache(maxsize=8)
def _document(pdf: bytes) -> pdfium.PdfDocument:
    """An open document, kept for the next page: opening a PDF of many badges for each badge was
    most of the cost of rendering one."""
    return pdfium.PdfDocument(pdf)


def render(pdf: PdfLike, index: int, dpi: float = 300, box: tuple[float, float, float, float] | None = None):
    """Page ``index`` as a PIL image at ``dpi``; only ``box`` = (x0, top, x1, bottom) in points if given.

    Rendering just the part that holds a QR code is what keeps QR tests fast on large pages.
    """
    page = _document(_bytes(pdf))[index]
    try:
        crop = (0, 0, 0, 0)
        if box is not None:
            w, h = page.get_size()
            x0, top, x1, bottom = box
            crop = (max(0, x0), max(0, h - bottom), max(0, w - x1), max(0, top))
        return page.render(scale=dpi / 72, crop=crop).to_pil()
    finally:
        page.close()


def decode_qr(image) -> list[str]:
    """Every QR code's text in a PIL image."""
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


# A drawn QR code is one path of many rectangles (layouts/common.draw_qr) or an image, on the page
# or inside a reused drawing (a form, whose whole box is then decoded); anything else with this
# many segments (a long rule, a grid) is decoded too and simply yields nothing.
_QR_MIN_SEGMENTS = 40
# The crop's width in pixels. Measured on every code the test events draw (149): all decode from
# 75 px (60 px loses 7); 120 px is a margin of 1.6.
_QR_PIXELS = 120


@functools.lru_cache(maxsize=64)
def _qr_codes(pdf: bytes) -> tuple[tuple[tuple[tuple[float, float, float, float], tuple[str, ...]], ...], ...]:
    """Per page, (box, texts) of every QR code: found and decoded once per run (``_shared``)."""
    return _shared("qr", pdf, _find_qr_codes)


def _find_qr_codes(pdf: bytes) -> tuple[tuple[tuple[tuple[float, float, float, float], tuple[str, ...]], ...], ...]:
    doc = _document(pdf)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pages = []
    for index in range(len(doc)):
        page = doc[index]
        height = page.get_height()
        boxes, outer = [], None
        for obj in page.get_objects(max_depth=4):
            if obj.level == 0:
                outer = obj  # a drawing reused as a form: its parts' bounds are in the form's space
            if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                if pdfium_c.FPDFPath_CountSegments(obj.raw) < _QR_MIN_SEGMENTS:
                    continue
            elif obj.type != pdfium_c.FPDF_PAGEOBJ_IMAGE:
                continue
            pdfium_c.FPDFPageObj_GetBounds(outer.raw, left, bottom, right, top)
            side = max(right.value - left.value, top.value - bottom.value)
            pad = side * 0.12  # the quiet zone around the modules
            box = (left.value - pad, height - top.value - pad, right.value + pad, height - bottom.value + pad)
            if box not in boxes:
                boxes.append(box)
        page.close()
        found = []
        for box in boxes:
            dpi = 72 * _QR_PIXELS / (box[2] - box[0])
            found.append((box, tuple(decode_qr(render(pdf, index, dpi, box)))))
        pages.append(tuple(found))
    return tuple(pages)


def page_qr_codes(pdf: PdfLike, index: int, box: tuple[float, float, float, float] | None = None) -> list[str]:
    """The text of every QR code drawn on page ``index`` (inside ``box`` if given), each decoded
    from a crop of just that code: far less to render and scan than the whole page."""
    codes = []
    for (x0, top, x1, bottom), texts in _qr_codes(_bytes(pdf))[index]:
        if box is None or (box[0] <= (x0 + x1) / 2 <= box[2] and box[1] <= (top + bottom) / 2 <= box[3]):
            codes.extend(texts)
    return codes


def save_png(pdf: PdfLike, index: int, path: str | Path, dpi: int = 60) -> None:
    render(pdf, index, dpi).save(path)


@functools.lru_cache(maxsize=32)
def _lines(pdf: bytes) -> tuple[tuple[dict, ...], ...]:
    doc = pdfium.PdfDocument(pdf)
    pages = []
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    width = ctypes.c_float()
    x, y = ctypes.c_float(), ctypes.c_float()
    m = pdfium_c.FS_MATRIX()
    try:
        for page in doc:
            height = page.get_height()
            out = []
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
                raw = obj.raw
                if pdfium_c.FPDFPath_CountSegments(raw) != 2:
                    continue
                s0, s1 = (pdfium_c.FPDFPath_GetPathSegment(raw, k) for k in (0, 1))
                if (pdfium_c.FPDFPathSegment_GetType(s0), pdfium_c.FPDFPathSegment_GetType(s1)) != \
                        (pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO):
                    continue
                pdfium_c.FPDFPageObj_GetMatrix(raw, m)
                pts = []
                for seg in (s0, s1):
                    pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
                    pts.append((m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f))
                pdfium_c.FPDFPageObj_GetStrokeWidth(raw, width)
                pdfium_c.FPDFPageObj_GetStrokeColor(raw, r, g, b, a)
                (ax, ay), (bx, by) = pts
                out.append({"x0": min(ax, bx), "x1": max(ax, bx), "top": height - max(ay, by),
                            "bottom": height - min(ay, by), "linewidth": width.value,
                            "stroking_color": (r.value / 255, g.value / 255, b.value / 255)})
            pages.append(tuple(out))
            page.close()
    finally:
        doc.close()
    return tuple(pages)


def page_lines(pdf: PdfLike) -> list[list[dict]]:
    """Straight two-point line segments per page (x0, x1, top, bottom, linewidth, stroking_color)."""
    return [list(p) for p in _lines(_bytes(pdf))]


@functools.lru_cache(maxsize=32)
def _shapes(pdf: bytes) -> tuple[tuple[tuple[float, float, float, float], ...], ...]:
    doc = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for page in doc:
            height = page.get_height()
            boxes = []
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
                left, bottom, right, top = obj.get_bounds()
                boxes.append((left, height - top, right, height - bottom))
            pages.append(tuple(boxes))
            page.close()
        return tuple(pages)
    finally:
        doc.close()


def page_shapes(pdf: PdfLike) -> list[list[tuple[float, float, float, float]]]:
    """Bounds (x0, top, x1, bottom) of every vector shape (rectangles, rules, QR modules) per page."""
    return [list(p) for p in _shapes(_bytes(pdf))]


@functools.lru_cache(maxsize=128)
def _sizes(pdf: bytes) -> tuple[tuple[float, float], ...]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return tuple((float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages)


def page_sizes(pdf: PdfLike) -> list[tuple[float, float]]:
    """(width, height) of every page's MediaBox, in points."""
    return list(_sizes(_bytes(pdf)))


_DRAFT_PLACED = re.compile(rb"q 1 0 0 1 (\S+) (\S+) cm /Artifact <</Type /Pagination /Subtype /Watermark>> BDC "
                           rb"/(\S+) Do EMC Q")


@functools.lru_cache(maxsize=32)
def _draft_marks(pdf: bytes) -> tuple[tuple[tuple[tuple[float, float, float, float], int], ...], ...]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        contents = page.get_contents()
        data = contents.get_data() if contents is not None else b""
        forms = ((page.get("/Resources") or {}).get("/XObject") or {})
        marks = []
        for m in _DRAFT_PLACED.finditer(data):
            form = forms["/" + m.group(3).decode()].get_object()
            x, y = float(m.group(1)), float(m.group(2))
            _, _, w, h = (float(v) for v in form["/BBox"])
            marks.append(((x, y, x + w, y + h), form.get_data().count(b" S")))
        pages.append(tuple(marks))
    return tuple(pages)


def draft_marks(pdf: PdfLike) -> list[list[tuple[tuple[float, float, float, float], int]]]:
    """Per page, every DRAFT mark drawn in the page's content (not an annotation, which a RIP may
    drop): the box it covers (x0, y0, x1, y1, PDF space) and how many strokes it draws (the word
    DRAFT has nine)."""
    return [list(p) for p in _draft_marks(_bytes(pdf))]
