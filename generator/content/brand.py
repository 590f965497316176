"""``brand:`` in event.yaml (or under ``event:`` in overrides.yaml): the event's logo, accent and
type family, read and checked here so that layouts only draw.

    brand:
      logo: brand/logo.svg               SVG, PNG or JPEG, relative to the content folder
      logo_on_dark: brand/logo-white.svg for coloured panels; without it the logo sits on a white plate
      colour: [100, 0, 60, 10]           the accent in CMYK percent (or "#8a1538", converted)
      font: {regular: ..., bold: ..., italic: ..., bold_italic: ...}   TrueType files

SVG stays vector (svglib reads it for ReportLab); text in an SVG must be converted to paths and
embedded bitmaps are refused, since neither can print safely. PDF logos are refused with a
message: no well-kept library turns a PDF page into something ReportLab can place (pdfrw, the one
that did, is unmaintained since 2018), and a PDF's own colours and fonts could not be checked.
Raster logos are converted to the output intent's CMYK now (eventprint.colour).

A missing bold, italic or bold italic is a warning and another face stands in (bold -> regular,
italic -> regular, bold italic -> bold, else italic, else regular): never synthesised, since a
smeared or slanted regular looks worse than an honest one. A file that is missing, not TrueType
(CFF outlines: ReportLab cannot embed them) or that forbids embedding is an error at its line.
"""
from __future__ import annotations

import hashlib
import io
import re
import zlib
from pathlib import Path

from .. import colour
from ..brand import Brand, Logo, Swatch, Typeface
from ..problems import Group
from ..yamlsource import LList, Located
from .fields import Reader
from .read import display_path, not_a_file

KEYS = ("logo", "logo_on_dark", "colour", "font")
STYLES = ("regular", "bold", "italic", "bold_italic")
# which face stands in for a style the brand does not give, in order of preference
_STAND_IN = {"bold": ("regular",), "italic": ("regular",), "bold_italic": ("bold", "italic", "regular")}
LIGHT = 0.13  # the accent's light tint: this much of each ink (the house teal's light is this mix)
_HEX = re.compile(r"^#?([0-9a-fA-F]{6})$")
MAX_LOGO = 20_000_000  # bytes: a logo file is small; this is a photo or a mistake
_RASTER = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}


def read_brand(r: Reader, loc: Located | None, content: Path) -> Brand:
    """The event's brand from its ``brand:`` block (Brand() when there is none); problems at their lines."""
    block = r.mapping(loc, "brand")
    if block is None or not r.keys(block, "brand", (), KEYS):
        return Brand()
    logo = _logo(r, block.get("logo"), content, "logo")
    dark = _logo(r, block.get("logo_on_dark"), content, "logo_on_dark")
    if dark is not None and block.get("logo") is None:
        r.bad(block.get("logo_on_dark"), "logo_on_dark is given without a logo",
              "add 'logo:' with the logo for white paper (door signs, the poster)")
    accent = _accent(r, block.get("colour"))
    light = None
    if accent is not None:
        cmyk = tuple(round(v * LIGHT, 3) for v in accent.cmyk)
        light = Swatch(cmyk, colour.hex_of(colour.cmyk_to_srgb(cmyk)))
    at = block.get("colour")
    return Brand(logo, dark, accent, light, (at.file, at.line) if at is not None else ("", 0),
                 _typeface(r, block.get("font"), content))


# -- the accent ---------------------------------------------------------------------------------

def _accent(r: Reader, loc: Located | None) -> Swatch | None:
    if loc is None or loc.value is None:
        return None
    fix = "write the accent as four CMYK percentages, like colour: [100, 0, 60, 10], or as \"#8a1538\""
    if isinstance(loc.value, LList):
        values = []
        for v in loc.value.items:
            try:
                values.append(float(str(v.value).rstrip("%").strip()))
            except ValueError:
                values.append(-1.0)
        if len(values) != 4 or not all(0 <= v <= 100 for v in values):
            r.bad(loc, "the brand colour should be four CMYK percentages between 0 and 100", fix)
            return None
        cmyk = tuple(round(v / 100, 4) for v in values)
        return Swatch(cmyk, colour.hex_of(colour.cmyk_to_srgb(cmyk)))
    text = r.text(loc, "brand colour")
    m = _HEX.match(text or "")
    if m is None:
        r.bad(loc, f"the brand colour '{text}' is not a colour", fix)
        return None
    rgb = tuple(int(m.group(1)[i:i + 2], 16) for i in (0, 2, 4))
    # printed as the CMYK the profile gives for it; shown on the site as written
    return Swatch(colour.srgb_to_cmyk(rgb), colour.hex_of(rgb))


# -- files --------------------------------------------------------------------------------------

def _file(r: Reader, loc: Located | None, content: Path, what: str) -> tuple[str, bytes] | None:
    """(the name as written, the file's bytes) of a brand file, or None with a problem at its line."""
    name = r.text(loc, what)
    if not name:
        return None
    path = content / name
    shown = display_path(path)
    if not path.exists():
        r.bad(loc, f"the {what} file {shown} does not exist",
              "put the file there, or correct the name (it is relative to the content folder)")
        return None
    found = not_a_file(path)
    if found is not None:
        r.bad(loc, f"the {what} {shown}: {found[0]}", found[1])
        return None
    try:
        data = path.read_bytes()
    except OSError as e:
        r.bad(loc, f"the {what} file {shown} cannot be read ({e.strerror})", "check its permissions")
        return None
    return name, data


def _logo(r: Reader, loc: Located | None, content: Path, what: str) -> Logo | None:
    found = _file(r, loc, content, what)
    if found is None:
        return None
    name, data = found
    suffix = Path(name).suffix.lower()
    at = (loc.file, loc.line)
    if len(data) > MAX_LOGO:
        r.bad(loc, f"the {what} {name} is {len(data) // 1_000_000} MB", "use the logo file itself: "
              "an SVG, or a PNG of about 3,000 pixels across at most")
        return None
    if suffix == ".svg" or data.lstrip()[:5] in (b"<?xml", b"<svg ") or b"<svg" in data[:1000]:
        return _svg(r, loc, name, data, what, at)
    if suffix == ".pdf" or data.startswith(b"%PDF"):
        r.bad(loc, f"the {what} {name} is a PDF, which eventprint cannot place", "export the logo as SVG "
              "(Inkscape, Illustrator: Save as SVG, text as paths) or as a PNG of at least 300 dpi at its "
              "printed size (about 1,500 pixels across)")
        return None
    return _raster(r, loc, name, data, what, at)


def _svg(r: Reader, loc: Located, name: str, data: bytes, what: str, at) -> Logo | None:
    from .. import svg  # svglib and lxml: only an event with an SVG logo loads them
    if not svg.available():
        r.bad(loc, f"the {what} {name} is an SVG, which needs eventprint's svg extra",
              f"install it ({svg.EXTRA}; make does), or give the logo as a PNG of at least 300 dpi "
              "at its printed size")
        return None
    found = svg.read(data)
    if isinstance(found, str):
        r.bad(loc, f"the {what} {name} {found}", svg.FIX)
        return None
    width, height = found
    return Logo(name, "svg", data, width, height, at=at)


def _raster(r: Reader, loc: Located, name: str, data: bytes, what: str, at) -> Logo | None:
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.format not in _RASTER.values():
                raise UnidentifiedImageError(im.format)
            im.load()
            cmyk, alpha = colour.image_to_cmyk(im)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        r.bad(loc, f"the {what} {name} is not an SVG, PNG or JPEG file that can be read",
              "export the logo as SVG, or as PNG or JPEG")
        return None
    return Logo(name, "raster", data, cmyk.width, cmyk.height, zlib.compress(cmyk.tobytes(), 9),
                zlib.compress(alpha.tobytes(), 9) if alpha is not None else b"", at)


# -- the type family ----------------------------------------------------------------------------

def _typeface(r: Reader, loc: Located | None, content: Path) -> Typeface | None:
    block = r.mapping(loc, "brand font")
    if block is None or not r.keys(block, "brand font", ("regular",), ("bold", "italic", "bold_italic")):
        return None
    faces: dict[str, bytes] = {}
    label = ""
    for style in STYLES:
        found = _file(r, block.get(style), content, f"{style.replace('_', ' ')} font")
        if found is None:
            continue
        problem, family = _face_problem(found[1])
        if problem:
            r.bad(block.get(style), f"the {style.replace('_', ' ')} font {found[0]} {problem}", _FONT_FIX)
            continue
        faces[style] = found[1]
        label = label or family
    if "regular" not in faces:
        return None
    for style in STYLES:
        if style not in faces and block.get(style) is None:
            stand = next(s for s in _STAND_IN[style] if s in faces)
            faces[style] = faces[stand]
            r.warn(loc, f"the brand font has no {style.replace('_', ' ')} face: its {stand.replace('_', ' ')} "
                   f"prints in its place", f"add '{style}:' with the {style.replace('_', ' ')} TrueType file "
                   "of the family, if it has one", Group.BRAND)
    if len(faces) < len(STYLES):  # a face given but refused: reported above
        return None
    ordered = tuple(faces[s] for s in STYLES)
    key = hashlib.sha256(b"\0".join(ordered)).hexdigest()[:10]
    return Typeface(label, ordered, key, (loc.file, loc.line))


_FONT_FIX = ("give the family's TrueType (.ttf) files; an OpenType .otf with PostScript outlines can be "
             "converted, e.g. with fontTools' otf2ttf, if its licence allows")
# the letters every Latin text needs: a family without them is not a text face
_LATIN = frozenset(map(ord, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,:;-()"))


def _face_problem(data: bytes) -> tuple[str, str]:
    """(what is wrong with a font file for embedding, '' if nothing; its family name)."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile
    try:
        face = TTFontFile(io.BytesIO(data), validate=0)
    except TTFError as e:
        text = str(e)
        if "postscript outlines" in text:
            return "has PostScript (CFF) outlines, which ReportLab cannot embed", ""
        if "subsetting/embedding" in text:
            return "does not allow embedding (its licence flags say so)", ""
        return f"is not a TrueType font that can be read ({text.split(': ')[-1]})", ""
    except Exception:  # noqa: BLE001 - a damaged file raises whatever its first bad table causes
        return "is not a TrueType font that can be read", ""
    missing = _LATIN - set(face.charToGlyph)
    if missing:
        return f"lacks Latin letters ({''.join(sorted(map(chr, missing)))[:20]})", ""
    return "", face.familyName.decode("latin-1") if isinstance(face.familyName, bytes) else str(face.familyName)
