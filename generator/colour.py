"""Colour between paper and screen: the print files' CMYK and the site's sRGB, through one profile.

Every PDF names FOGRA39 as its output intent (layouts/kit/pdfx.py embeds the profile). An event's
own colours are converted through that same profile with LittleCMS (Pillow's ImageCms), so that
a brand's accent given in CMYK shows on the site as the colour it prints, and a logo's sRGB
pixels or vector colours print as the CMYK the press expects: no RGB reaches a print file.
Relative colorimetric with black point compensation: flat logo colours kept as close as the
press can print them, paper white as white.
"""
from __future__ import annotations

import functools
import io
from importlib import resources

from PIL import Image, ImageCms

# The output intent's profile: read here and embedded by layouts/kit/pdfx.py (one file, one fact).
PROFILE_PACKAGE = "eventprint.layouts.kit"
PROFILE = "profiles/FOGRA39L-eventprint.icc"
_INTENT = ImageCms.Intent.RELATIVE_COLORIMETRIC
_FLAGS = ImageCms.Flags.BLACKPOINTCOMPENSATION

RGB = tuple[int, int, int]
CMYK = tuple[float, float, float, float]  # 0..1 each


@functools.cache
def profile_bytes() -> bytes:
    """The ICC profile of the print condition (FOGRA39), as embedded in every PDF."""
    return resources.files(PROFILE_PACKAGE).joinpath(PROFILE).read_bytes()


@functools.cache
def _transform(to_print: bool):
    press = ImageCms.ImageCmsProfile(io.BytesIO(profile_bytes()))
    screen = ImageCms.createProfile("sRGB")
    if to_print:
        return ImageCms.buildTransform(screen, press, "RGB", "CMYK", _INTENT, flags=_FLAGS)
    return ImageCms.buildTransform(press, screen, "CMYK", "RGB", _INTENT, flags=_FLAGS)


@functools.lru_cache(maxsize=1024)
def cmyk_to_srgb(cmyk: CMYK) -> RGB:
    """How a CMYK colour (0..1 each) printed on FOGRA39 paper looks on screen, in sRGB."""
    pixel = Image.new("CMYK", (1, 1), tuple(round(v * 255) for v in cmyk))
    return tuple(ImageCms.applyTransform(pixel, _transform(False)).getpixel((0, 0)))


@functools.lru_cache(maxsize=1024)
def srgb_to_cmyk(rgb: RGB) -> CMYK:
    """The CMYK (0..1 each, rounded to 0.1 %) that prints an sRGB colour on FOGRA39 paper."""
    pixel = Image.new("RGB", (1, 1), tuple(rgb))
    return tuple(round(v / 255, 3) for v in ImageCms.applyTransform(pixel, _transform(True)).getpixel((0, 0)))


def hex_of(rgb: RGB) -> str:
    """'#8a1538'."""
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def image_to_cmyk(image: Image.Image) -> tuple[Image.Image, Image.Image | None]:
    """A raster image as FOGRA39 CMYK, and its transparency (mode L) or None when it has none.
    RGB and grey images are taken as sRGB, or as the profile they embed; a CMYK image is taken
    as printed on the press's condition already."""
    alpha = None
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        alpha = image.getchannel("A")
        if alpha.getextrema() == (255, 255):
            alpha = None
    if image.mode == "CMYK":
        return image, alpha
    rgb = image.convert("RGB")
    embedded = image.info.get("icc_profile")
    if embedded:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(embedded))
            press = ImageCms.ImageCmsProfile(io.BytesIO(profile_bytes()))
            return ImageCms.profileToProfile(rgb, source, press, _INTENT, outputMode="CMYK", flags=_FLAGS), alpha
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a profile LittleCMS cannot use: the image is taken as sRGB
    return ImageCms.applyTransform(rgb, _transform(True)), alpha


def luminance(rgb: RGB) -> float:
    """Relative luminance (WCAG 2)."""
    def lin(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    """The WCAG 2 contrast ratio of two sRGB colours: 1 (none) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
