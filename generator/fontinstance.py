"""Static instances of variable fonts, cut down to the characters a build needs.

ReportLab embeds a variable TrueType font as its default instance, and the
Noto Sans CJK faces default to Thin (wght 100): printed as they are, a Chinese
name would be hairline next to its Latin neighbours; and a face's bold is only
reachable by instancing. Instancing a whole CJK face takes over a minute, but
instancing it after cutting it down to the characters the event uses takes a
second or two, so that is done in memory on first need. Subsetting and
instancing are deterministic, and the source's timestamps are kept, so the same
content still gives byte-identical PDFs, and the result is kept in the on-disk
cache (eventprint.cache) keyed by the source file's hash and the instance's
parameters: the next build, and the other processes of this one, skip the work.
"""
from __future__ import annotations

import functools
import hashlib
import io
from pathlib import Path

from . import cache

# Tables ReportLab never reads; dropping them keeps the cut-down font small.
_UNUSED = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "STAT", "vhea", "vmtx", "VVAR", "MVAR", "DSIG"]


def instance(source: Path, wght: int, chars: frozenset[str], style_name: str, tag: str = "") -> io.BytesIO:
    """``source`` (a variable TrueType font) at weight ``wght``, holding only ``chars``; ``tag``
    ends its PostScript name (ReportLab keeps faces apart by that name)."""
    import fontTools

    k = cache.key("instance 1", fontTools.version, _digest(source), wght, "".join(sorted(chars)), style_name, tag,
                  *_UNUSED)
    data = cache.get("fonts", k)
    if data is None:
        data = _instance(source, wght, chars, style_name, tag)
        cache.put("fonts", k, data)
    out = io.BytesIO(data)
    out.name = f"{source.name} at wght {wght}{tag}"
    return out


@functools.lru_cache(maxsize=None)
def _digest_of(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _digest(source: Path) -> str:
    """SHA-256 of a font file, once per process (a CJK face is 10-20 MB)."""
    st = source.stat()
    return _digest_of(str(source), st.st_size, st.st_mtime_ns)


def _instance(source: Path, wght: int, chars: frozenset[str], style_name: str, tag: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(str(source), lazy=True, recalcTimestamp=False)  # keep head.modified
    for table in _UNUSED:  # before subsetting, or the subsetter reads them (most of its time)
        if table in font:
            del font[table]
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += _UNUSED
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    instancer.instantiateVariableFont(font, {"wght": wght}, inplace=True, updateFontNames=False)
    _rename(font, style_name, tag)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


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
