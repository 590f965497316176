"""An SVG logo as it prints: vector shapes read by svglib, every colour in the output intent's CMYK.

svglib (LGPL, kept up: releases through 2026, ReportLab's own recommendation for SVG) turns an
SVG into a ReportLab Drawing of paths, so a logo stays sharp at any size and costs a few hundred
bytes. Its colours are sRGB; each is converted through the FOGRA39 profile (eventprint.colour),
so no RGB reaches a print file. Two things an SVG may hold cannot print safely and are refused:
text (its font would not be embedded: convert text to paths) and embedded bitmaps (RGB pixels).
"""
from __future__ import annotations

import functools
import io
import logging

FIX = ("save the logo again as plain SVG with text converted to paths (Inkscape: Path > Object to Path; "
       "Illustrator: Type > Create Outlines), or give a PNG instead")


@functools.lru_cache(maxsize=8)
def read(data: bytes):
    """(width, height) in points of an SVG that prints, or what is wrong with it (a sentence
    fragment: "has text ..."). The drawing itself: ``drawing(data)``."""
    found = _parse(data)
    if isinstance(found, str):
        return found
    if found.width <= 0 or found.height <= 0:
        return "has no size (its width, height or viewBox is zero)"
    kinds = {type(n).__name__ for n in _nodes(found)}
    if "String" in kinds:
        return "has text in it, whose font could not be embedded"
    if "Image" in kinds:
        return "has a bitmap image in it, which would print in RGB"
    return float(found.width), float(found.height)


EXTRA = "pip install 'eventprint[svg]'"  # svglib and lxml: 13 MB for one logo, so an extra


def available() -> bool:
    """Whether the svg extra (svglib) is installed."""
    try:
        import svglib.svglib  # noqa: F401
    except ImportError:
        return False
    return True


def _parse(data: bytes):
    from svglib.svglib import svg2rlg
    for name in ("svglib", "svglib.svglib"):  # unsupported details are its warnings, not ours
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        found = svg2rlg(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - lxml and svglib raise many kinds for a broken file
        return f"cannot be read as SVG ({str(e).splitlines()[0][:80] if str(e) else type(e).__name__})"
    return found if found is not None else "cannot be read as SVG"


def _nodes(node):
    yield node
    for child in getattr(node, "contents", None) or ():
        yield from _nodes(child)


@functools.lru_cache(maxsize=8)
def drawing(data: bytes):
    """The ReportLab Drawing of an SVG that ``read`` accepted, its colours in FOGRA39 CMYK. Cached:
    every badge draws the same logo; a caller must not change it."""
    from reportlab.graphics.shapes import Shape
    from reportlab.lib.colors import CMYKColor, Color

    from .colour import srgb_to_cmyk

    found = _parse(data)

    def cmyk(c):
        if c is None or not isinstance(c, Color) or isinstance(c, CMYKColor):
            return c
        rgb = tuple(max(0, min(255, round(v * 255))) for v in (c.red, c.green, c.blue))
        return CMYKColor(*srgb_to_cmyk(rgb), alpha=c.alpha)

    # every colour a node holds: fills and strokes, and the stops of svglib's gradient shapes (a
    # list), whatever their attributes are called; shapes a node keeps aside (a gradient's clip) too
    todo, seen = list(_nodes(found)), set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for attr, value in list(vars(node).items()):
            if isinstance(value, Color):
                setattr(node, attr, cmyk(value))
            elif isinstance(value, list) and value and all(isinstance(v, Color) for v in value):
                setattr(node, attr, [cmyk(v) for v in value])
            elif isinstance(value, Shape):
                todo.extend(_nodes(value))
    return found
