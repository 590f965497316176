"""The event's own look, as the model holds it: logo, accent colour and type family.

Read and checked from ``brand:`` in event.yaml (or overrides.yaml) by content/brand.py, which
reads every file, so layouts draw from these bytes and never open a file. ``Brand()`` (nothing
set) is the house look: teal, Noto Sans, no logo, byte for byte as without a brand.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

CMYK = tuple[float, float, float, float]  # 0..1 each


@dataclass(frozen=True)
class Logo:
    """A logo file, checked: an SVG drawn as vector paths, or a raster image already converted to
    the output intent's CMYK. The site serves ``data``, the file as written."""

    file: str  # its name as written, relative to the content folder: "brand/logo.svg"
    kind: str  # "svg" or "raster"
    data: bytes  # the file's bytes
    width: float  # its own size: an SVG's in points, a raster image's in pixels
    height: float
    # raster: its pixels in FOGRA39 CMYK, 4 bytes each, row by row, zlib-compressed (as a PDF holds them)
    cmyk: bytes = b""
    alpha: bytes = b""  # raster with transparency: 1 byte a pixel (255 opaque), zlib-compressed; b"": none
    at: tuple[str, int] = field(default=("", 0), compare=False)  # file and line naming it (model.Where)

    @property
    def aspect(self) -> float:
        """Width over height: layouts fit the logo into a box without ever stretching it."""
        return self.width / self.height

    @property
    def suffix(self) -> str:
        """'.svg', '.png', '.jpg': what the site names its copy."""
        dot = self.file.rfind(".")
        return self.file[dot:].lower() if dot >= 0 else ""


@dataclass(frozen=True)
class Swatch:
    """A colour as it prints (CMYK) and as the site shows it (sRGB through the same profile)."""

    cmyk: CMYK
    screen: str  # "#8a1538"


@dataclass(frozen=True)
class Typeface:
    """A type family's four faces, TrueType bytes in the order regular, bold, italic, bold-italic;
    a face the brand does not give is another face's bytes (content/brand.py says which)."""

    label: str  # the family's name, for messages: "Fixture Serif"
    faces: tuple[bytes, bytes, bytes, bytes]
    key: str  # a short digest of the faces: the ReportLab names are EP-Brand-<key>[-Bold...]
    at: tuple[str, int] = field(default=("", 0), compare=False)


@dataclass(frozen=True)
class Brand:
    logo: Logo | None = None
    logo_on_dark: Logo | None = None  # for coloured panels (booklet cover, badge bands, the site's bar)
    accent: Swatch | None = None  # replaces the theme's accent; None: the house teal
    accent_light: Swatch | None = None  # its light tint (light text on the accent, quiet fills)
    accent_at: tuple[str, int] = field(default=("", 0), compare=False)
    font: Typeface | None = None  # None: Noto Sans

    @property
    def fingerprint(self) -> str:
        """A short digest of everything the brand prints (logos, colours, faces); "" for the house
        look. Every printed piece carries the brand, so the reprint counts a new one as a change."""
        if self == Brand():
            return ""
        h = hashlib.sha256()
        for logo in (self.logo, self.logo_on_dark):
            h.update(logo.data if logo else b"-")
        for swatch in (self.accent, self.accent_light):
            h.update(repr(swatch.cmyk if swatch else None).encode())
        h.update(self.font.key.encode() if self.font else b"-")
        return h.hexdigest()[:16]
