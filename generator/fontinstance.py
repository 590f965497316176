"""Static instances of variable fonts, cut down to the characters a build needs.

ReportLab embeds a variable TrueType font as its default instance, and the
Noto Sans CJK faces default to Thin (wght 100): printed as they are, a Chinese
name would be hairline next to its Latin neighbours; and a face's bold is only
reachable by instancing. Instancing a whole CJK face takes over a minute, so a
face is cut down to the characters the event uses and instanced at one weight,
in memory, on first need. HarfBuzz's subsetter does both in a few milliseconds
(fontTools' subsetter and instancer took 0.3–2 s for one CJK cut, and a build
with Chinese, Japanese and Korean names makes several), giving the same
outlines and advances. It is deterministic and keeps the source's timestamps,
so the same content still gives byte-identical PDFs.
"""
from __future__ import annotations

import io
from pathlib import Path

# Tables ReportLab never reads; dropping them keeps the cut-down font small.
_UNUSED = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "STAT", "vhea", "vmtx", "VVAR", "MVAR", "DSIG"]


def _tag(name: str) -> int:
    return int.from_bytes(name.ljust(4).encode("ascii"), "big")


def instance(source: Path, wght: int, chars: frozenset[str], style_name: str, tag: str = "") -> io.BytesIO:
    """``source`` (a variable TrueType font) at weight ``wght``, holding only ``chars``; ``tag``
    ends its PostScript name (ReportLab keeps faces apart by that name)."""
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    face = hb.Face(hb.Blob.from_file_path(str(source)))
    wanted = hb.SubsetInput()
    for code in sorted(ord(c) for c in chars):
        wanted.unicode_set.add(code)
    for table in _UNUSED:
        wanted.drop_table_tag_set.add(_tag(table))
    for name_id in range(0, 26):  # every name (the default keeps 0-6: the family name is in 16)
        wanted.name_id_set.add(name_id)
    wanted.layout_feature_tag_set.clear()
    wanted.flags = hb.SubsetFlags.NOTDEF_OUTLINE
    wanted.pin_axis_location(face, "wght", wght)
    cut = hb.subset(face, wanted)
    if cut is None:
        raise ValueError(f"{source.name}: HarfBuzz could not cut it down to {len(chars)} characters")
    font = TTFont(io.BytesIO(cut.blob.data), recalcTimestamp=False)  # keep head.modified
    _rename(font, style_name, tag)
    out = io.BytesIO()
    font.save(out)
    out.seek(0)
    out.name = f"{source.name} at wght {wght}{tag}"
    return out


def _rename(font, style_name: str, tag: str) -> None:
    """Name the instance after its weight (PDF viewers list it as e.g. NotoSansSC-Bold)."""
    names = font["name"]
    family = names.getDebugName(16) or names.getDebugName(1) or "Font"
    postscript = f"{family.replace(' ', '')}-{style_name}{tag}"
    for record in list(names.names):
        if record.nameID in (2, 4, 6, 17):
            names.removeNames(nameID=record.nameID)
    for platform, encoding, language in ((3, 1, 0x409), (1, 0, 0)):
        names.setName(style_name, 2, platform, encoding, language)
        names.setName(f"{family} {style_name}", 4, platform, encoding, language)
        names.setName(postscript, 6, platform, encoding, language)
