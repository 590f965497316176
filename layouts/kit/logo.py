"""The event's logo (event.brand, theme.brand()), placed in a box a layout chooses: as large as
the box allows, its proportions kept, never stretched.

An SVG logo is put into each PDF once, as a form of vector paths (eventprint.svg: colours in
the output intent's CMYK); a raster logo once, as a CMYK image with its transparency as a soft
mask (the loader converted it: content/brand.py). Every badge, sign and page then only places it.
A raster logo printed below 300 dpi is a warning naming the line of ``logo:``.

On a coloured panel (the booklet's cover, a badge's band) ``logo_on_dark`` is placed; an event
that gives none has its logo placed on a white plate there, so that any logo reads on any colour.
"""
from __future__ import annotations

import warnings

from eventprint.brand import Logo
from eventprint.problems import LayoutWarning
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from . import theme

MIN_DPI = 300  # what print shops ask of images at their printed size
PLATE_PAD = 0.14  # the white plate's margin around a logo, as a part of the box's height


def place(c: Canvas, logo: Logo, x: float, y: float, w: float, h: float, align: str = "left",
          where: str = "") -> tuple[float, float, float, float]:
    """Draw ``logo`` as large as fits in the box (x, y bottom-left, w, h), centred vertically and
    set to the box's left, right or centre (``align``); returns the box it took. ``where``: where
    it prints, for the low-resolution warning ("on the poster")."""
    lw, lh = place_size(logo, w, h)
    lx = x + {"left": 0.0, "right": w - lw, "centre": (w - lw) / 2}[align]
    ly = y + (h - lh) / 2
    name = _xobject(c, logo)
    c.saveState()
    c.translate(lx, ly)
    if logo.kind == "svg":
        c.scale(lw / logo.width, lh / logo.height)
    else:
        c.scale(lw, lh)  # an image fills the unit square
        _check_dpi(logo, lw, where)
    c._code.append(f"/{c._doc.getXObjectName(name)} Do")
    c._formsinuse.append(name)
    c.restoreState()
    return lx, ly, lw, lh


def on_white(c: Canvas, x: float, y: float, w: float, h: float, align: str = "left",
             where: str = "") -> tuple[float, float, float, float] | None:
    """The event's logo on white paper (door signs, the poster); None when it has none."""
    logo = theme.brand().logo
    return place(c, logo, x, y, w, h, align, where) if logo is not None else None


def on_colour(c: Canvas, x: float, y: float, w: float, h: float, align: str = "left",
              where: str = "") -> tuple[float, float, float, float] | None:
    """The event's logo on a coloured panel: ``logo_on_dark``, else its logo on a white plate
    (rounded, the plate within the box); None when it has no logo."""
    brand = theme.brand()
    if brand.logo_on_dark is not None:
        return place(c, brand.logo_on_dark, x, y, w, h, align, where)
    if brand.logo is None:
        return None
    pad = PLATE_PAD * h
    inner = place_size(brand.logo, w - 2 * pad, h - 2 * pad)
    pw, ph = inner[0] + 2 * pad, inner[1] + 2 * pad
    px = x + {"left": 0.0, "right": w - pw, "centre": (w - pw) / 2}[align]
    py = y + (h - ph) / 2
    c.saveState()
    c.setFillColor(theme.WHITE)
    c.roundRect(px, py, pw, ph, min(1.5 * mm, pad), stroke=0, fill=1)
    c.restoreState()
    place(c, brand.logo, px + pad, py + pad, inner[0], inner[1], "left", where)
    return px, py, pw, ph


def place_size(logo: Logo, w: float, h: float) -> tuple[float, float]:
    """The width and height ``place`` gives ``logo`` in a box of w x h."""
    return (w, w / logo.aspect) if w / logo.aspect <= h else (h * logo.aspect, h)


def _check_dpi(logo: Logo, printed_width: float, where: str) -> None:
    dpi = logo.width / (printed_width / 72)
    if dpi < MIN_DPI - 0.5:
        file, line = logo.at
        need = round(logo.width * MIN_DPI / dpi)
        warnings.warn(LayoutWarning(
            f"{file}:{line}: the logo {logo.file} prints {printed_width / mm:.0f} mm wide {where} at only "
            f"{dpi:.0f} dpi, below the {MIN_DPI} dpi print needs \u2014 give an image of at least {need} pixels "
            f"across, or the logo as SVG"))


def _xobject(c: Canvas, logo: Logo) -> str:
    """The name of ``logo``'s form or image in the canvas's document, made at its first use."""
    made = c.__dict__.setdefault("_ep_logos", {})
    name = made.get(logo)
    if name is not None:
        return name
    name = made[logo] = f"EPLogo{len(made) + 1}"
    if logo.kind == "svg":
        _svg_form(c, logo, name)
    else:
        _image(c, logo, name)
    return name


def _svg_form(c: Canvas, logo: Logo, name: str) -> None:
    from eventprint import svg
    from reportlab.graphics import renderPDF

    drawing = svg.drawing(logo.data)
    drawing.initialFontName = theme.face(theme.FONT)  # ReportLab's renderer sets a font first: not Helvetica
    c.beginForm(name, 0, 0, logo.width, logo.height)
    renderPDF.draw(drawing, c, 0, 0)
    shadings = dict(c._shadingUsed)  # a gradient's: ReportLab leaves them out of a form's resources
    c.endForm()
    if shadings:
        form = c._doc.idToObject[c._doc.getXObjectName(name)]
        res = pdfdoc.PDFResourceDictionary()
        res.basicFonts()
        res.allProcs()
        res.setShading(shadings)
        if form.XObjects:
            res.XObject = form.XObjects
        if getattr(form, "ExtGState", None):
            res.ExtGState = form.ExtGState
        form.Resources = res


def _image(c: Canvas, logo: Logo, name: str) -> None:
    """A CMYK image XObject from the loader's compressed pixels, with a soft mask when it has
    transparency (PDF/X-4 allows it)."""
    doc = c._doc
    width, height = int(logo.width), int(logo.height)
    entries = {"Type": pdfdoc.PDFName("XObject"), "Subtype": pdfdoc.PDFName("Image"), "Width": width,
               "Height": height, "BitsPerComponent": 8, "Filter": pdfdoc.PDFName("FlateDecode")}
    if logo.alpha:
        mask = pdfdoc.PDFStream(pdfdoc.PDFDictionary({**entries, "ColorSpace": pdfdoc.PDFName("DeviceGray")}),
                                logo.alpha, filters=[])
        entries["SMask"] = doc.Reference(mask, f"{name}Mask")
    image = pdfdoc.PDFStream(pdfdoc.PDFDictionary({**entries, "ColorSpace": pdfdoc.PDFName("DeviceCMYK")}),
                             logo.cmyk, filters=[])
    doc.Reference(image, doc.getXObjectName(name))


def define_like(source: Canvas, target: Canvas) -> None:
    """Put the logos ``source`` placed into ``target``'s document under the same names: the
    booklet's imposed files replay its recorded pages."""
    made = target.__dict__.setdefault("_ep_logos", {})
    for placed, name in source.__dict__.get("_ep_logos", {}).items():
        if placed not in made:
            made[placed] = name
            (_svg_form if placed.kind == "svg" else _image)(target, placed, name)
