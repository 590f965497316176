"""Register the bundled font family once, and check text against its coverage.

ReportLab silently draws an empty box for a character the font lacks, so every
string from content is checked before anything is drawn; a gap becomes a
problem naming the person or talk and the line it came from.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from eventprint.layouts import theme

from .model import Event
from .problems import Problem

def font_dir() -> Path:
    """The bundled fonts: fonts/ in a checkout, eventprint/fonts/ in an installed wheel."""
    return Path(str(resources.files("eventprint.fontfiles")))


@lru_cache(maxsize=1)
def register() -> frozenset[int]:
    """Register regular/bold/italic/bold-italic (so <b> and <i> work); return covered code points."""
    covered: set[int] | None = None
    for face, filename in theme.FONT_FILES.items():
        font = TTFont(face, str(font_dir() / filename))
        pdfmetrics.registerFont(font)
        cmap = set(font.face.charToGlyph)
        covered = cmap if covered is None else covered & cmap
    pdfmetrics.registerFontFamily(theme.FONT, normal=theme.FONT, bold=theme.FONT_BOLD,
                                  italic=theme.FONT_ITALIC, boldItalic=theme.FONT_BOLD_ITALIC)
    for bold, italic, face in ((0, 0, theme.FONT), (1, 0, theme.FONT_BOLD),
                               (0, 1, theme.FONT_ITALIC), (1, 1, theme.FONT_BOLD_ITALIC)):
        addMapping(theme.FONT, bold, italic, face)
    return frozenset(covered or ())


_IGNORED = {0x0A, 0x0D, 0x09}


def missing(text: str, covered: frozenset[int]) -> list[str]:
    """Characters of ``text`` that no registered face can draw, in order of appearance."""
    seen: list[str] = []
    for ch in text:
        if ord(ch) not in covered and ord(ch) not in _IGNORED and ch not in seen:
            seen.append(ch)
    return seen


def _describe(chars: list[str]) -> str:
    import unicodedata
    return ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in chars)


def coverage_problems(event: Event, content_dir: str | Path) -> list[Problem]:
    """Every content string the fonts cannot draw, as a problem with its file and line."""
    covered = register()
    content = Path(content_dir)
    out: list[Problem] = []

    def check(text: str | None, file: str, line: int, whose: str, field: str) -> None:
        if not text:
            return
        gaps = missing(text, covered)
        if gaps:
            out.append(Problem(str(content / file), line,
                               f"the {field} of {whose} contains {_describe(gaps)}, which the fonts cannot print",
                               "replace the character with one the font has (or a plain-letter spelling)"))

    for key in ("name", "short_name", "timezone", "base_url"):
        check(getattr(event, key), "event.yaml", 0, "the event", key)
    for host in event.hosts:
        check(host, "event.yaml", 0, "the event", "hosts")
    for heading, text in event.info:
        check(heading + text, "event.yaml", 0, "the event", "info")
    for v in event.venues:
        for text in (v.name, v.short_name, *v.address):
            check(text, "venues.yaml", 0, f"venue '{v.id}'", "name or address")
    for room in event.rooms:
        check(room.name, "venues.yaml", 0, f"room '{room.id}'", "name")
    for p in event.people:
        who = f"{p.name} ('{p.id}')"
        check(p.name, "people.yaml", p.source_line, who, "name")
        check(p.given_name + p.family_name, "people.yaml", p.source_line, who, "given or family name")
        check(p.position, "people.yaml", p.source_line, who, "position")
        for a in p.affiliations:
            check(a, "people.yaml", p.source_line, who, "affiliation")
        check(p.bio, "people.yaml", p.source_line, who, "bio")
    for it in event.items:
        who = f"'{it.id}'"
        check(it.title.text, "programme.yaml", it.source_line, who, "title")
        check(it.abstract, "programme.yaml", it.source_line, who, "abstract")
        check(it.note, "programme.yaml", it.source_line, who, "note")
    return out


def check_literal(text: str) -> None:
    """For layout code: fail loudly if a fixed label uses a glyph the fonts lack."""
    gaps = missing(text, register())
    if gaps:
        raise ValueError(f"layout text {text!r} uses {_describe(gaps)}, which the bundled fonts lack")
