"""The characters a TrueType/OpenType font maps, read from its cmap table alone.

Which fallback face draws a character is asked of every face in turn; reading a face with
ReportLab's TTFontFile parses the whole font (its glyph metrics too), about 0.15 s for a CJK face
and 0.5 s for the whole chain, in every process that meets a character Noto Sans lacks. Only the
cmap is needed for that, and the cmap's ranges are read in milliseconds. The subtable is chosen
as ReportLab chooses it, every code point in a range counts and a space stands in for a missing
no-break space (as in its charToGlyph), so the answer is the same; a font in another cmap
format is read by ReportLab as before.
"""
from __future__ import annotations

import struct
from pathlib import Path


def code_points(path: str | Path) -> frozenset[int]:
    """Every code point ``path``'s cmap maps (the keys of ReportLab's ``charToGlyph``)."""
    with open(path, "rb") as f:
        found = _read(f)
    if found is None:
        from reportlab.pdfbase.ttfonts import TTFontFile
        return frozenset(TTFontFile(str(path)).charToGlyph)
    return found


def _read(f) -> frozenset[int] | None:
    head = f.read(12)
    if len(head) < 12 or head[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return None  # a collection, or not a font: ReportLab's reader says what is wrong
    (count,) = struct.unpack(">H", head[4:6])
    tables = {rec[0]: rec[2] for rec in struct.iter_unpack(">4sIII", f.read(16 * count))}
    base = tables.get(b"cmap")
    if base is None:
        return None
    f.seek(base)
    version, n = struct.unpack(">HH", f.read(4))
    if n == 0 and version != 0:
        n = version
    offset, enc = None, 0
    for platform, encoding, off in struct.iter_unpack(">HHI", f.read(8 * n)):
        # ReportLab's choice (ttfonts.TTFontFile.extractInfo): the last suitable record wins
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            offset, enc = off, 1
        elif platform == 1 and encoding == 0 and enc != 1:
            offset, enc = off, 2
    if offset is None:
        return None
    f.seek(base + offset)
    (fmt,) = struct.unpack(">H", f.read(2))
    if fmt == 4:
        _length, _lang, seg2 = struct.unpack(">HHH", f.read(6))
        segs = seg2 // 2
        f.read(6)
        ends = struct.unpack(f">{segs}H", f.read(2 * segs))
        f.read(2)
        starts = struct.unpack(f">{segs}H", f.read(2 * segs))
        ranges = zip(starts, ends)
    elif fmt == 12:
        _pad, _length, _lang, groups = struct.unpack(">HIII", f.read(14))
        ranges = ((s, e) for s, e, _g in struct.iter_unpack(">III", f.read(12 * groups)))
    else:
        return None
    points: set[int] = set()
    for start, end in ranges:
        points.update(range(start, end + 1))
    if 0x20 in points or 0xA0 in points:  # ReportLab draws a space and a no-break space alike
        points.update((0x20, 0xA0))
    return frozenset(points)
