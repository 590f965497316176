"""Inspect real PDF output: text, geometry, fonts, rendering and QR codes.

Shared by every test module so that "inside the safe area", "no overlapping
lines" and "QR decodes" mean the same thing for the booklet, signs and badges.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdf
import pypdfium2 as pdfium
import zxingcpp

MM = 72 / 25.4


def _open(pdf: bytes | str | Path):
    return pdfplumber.open(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def page_chars(pdf: bytes | str | Path) -> list[list[dict]]:
    """pdfplumber chars per page (top-left origin: x0, x1, top, bottom, size, fontname, text)."""
    with _open(pdf) as doc:
        return [list(p.chars) for p in doc.pages]


def page_texts(pdf: bytes | str | Path) -> list[str]:
    with _open(pdf) as doc:
        return [p.extract_text() or "" for p in doc.pages]


def normalise(text: str) -> str:
    """Whitespace-folded, de-hyphenated text for 'does X appear' checks."""
    return " ".join(text.replace("-\n", "").replace("\u00ad", "").split())


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
    lines = text_lines(chars)
    bad = []
    for i, a in enumerate(lines):
        for b in lines[i + 1:]:
            if a.x1 <= b.x0 or b.x1 <= a.x0:
                continue
            at, ab = a.top + slack * a.size, a.bottom - slack * a.size
            bt, bb = b.top + slack * b.size, b.bottom - slack * b.size
            if at < bb and bt < ab:
                bad.append((a, b))
    return bad


def chars_outside(chars: list[dict], box: tuple[float, float, float, float]) -> list[dict]:
    """Chars not inside ``box`` = (x0, top, x1, bottom) in pdfplumber's top-left coordinates."""
    x0, top, x1, bottom = box
    eps = 0.01
    return [c for c in chars if c["text"].strip() and (
        c["x0"] < x0 - eps or c["x1"] > x1 + eps or c["top"] < top - eps or c["bottom"] > bottom + eps)]


def missing_glyph_chars(pdf: bytes | str | Path) -> list[str]:
    """Characters extracted as NUL or U+FFFD: what an empty box looks like after extraction."""
    return [c["text"] for page in page_chars(pdf) for c in page if c["text"] in ("\x00", "\ufffd")]


def unembedded_fonts(pdf: bytes | str | Path) -> list[str]:
    """Names of fonts used without an embedded font file."""
    reader = pypdf.PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
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
    return sorted(bad)


def render(pdf: bytes | str | Path, index: int, dpi: int = 300):
    """Page ``index`` as a PIL image at ``dpi``."""
    doc = pdfium.PdfDocument(pdf if not isinstance(pdf, Path) else str(pdf))
    try:
        return doc[index].render(scale=dpi / 72).to_pil()
    finally:
        doc.close()


def decode_qr(image) -> list[str]:
    """Every QR code's text in a PIL image."""
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def save_png(pdf: bytes | str | Path, index: int, path: str | Path, dpi: int = 60) -> None:
    render(pdf, index, dpi).save(path)


def page_lines(pdf: bytes | str | Path) -> list[list[dict]]:
    """pdfplumber line segments per page (x0, x1, top, bottom in top-left coordinates)."""
    with _open(pdf) as doc:
        return [list(p.lines) for p in doc.pages]


def flow_texts(pdf: bytes | str | Path) -> list[str]:
    """Per page, the text in drawing order (columns stay whole), for 'does X appear' checks."""
    with _open(pdf) as doc:
        return [p.extract_text(use_text_flow=True) or "" for p in doc.pages]


def page_sizes(pdf: bytes | str | Path) -> list[tuple[float, float]]:
    """(width, height) of every page's MediaBox, in points."""
    reader = pypdf.PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
