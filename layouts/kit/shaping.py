"""HarfBuzz shaping: a run of one font and one direction as the glyphs HarfBuzz chooses.

Devanagari, Bengali, Tamil and the other Indic scripts form conjuncts and move vowel signs;
Thai, Lao, Khmer and Myanmar stack marks; Arabic joins its letters and places its vowel marks
over and under them; a right-to-left run mirrors its brackets. None of it is a matter of
characters, so a run of such a face (eventprint.fonts: ``shaped``), and every run read right to
left, is shaped by HarfBuzz with the very font file ReportLab embeds, and comes back as glyph
characters (eventprint.glyphs) in visual order: a string that is measured, wrapped into
Paragraphs and drawn like any other. Each glyph's advance is the step from where it is drawn to
where the next one is (HarfBuzz's advances with its marks' horizontal offsets folded in); a mark
raised or lowered is drawn with a text rise (textout). A glyph that is simply its character's
(same glyph, same advance, in place) stays that character.

Each cluster's text goes with its glyphs, one character per glyph in reading order (the last
glyph takes what is left; ``_share``), so that a PDF's text, read glyph by glyph, gives the
words back: a vowel sign drawn before its consonant stands for the consonant, the consonant
for the sign.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from eventprint import fonts, glyphs
from reportlab.pdfbase.pdfmetrics import getFont


@lru_cache(maxsize=None)
def _hb_font(name: str):
    """The HarfBuzz font of registered font ``name``, from the same file (or cut) and its scale to
    1000ths of an em."""
    import uharfbuzz as hb

    src = fonts.source(name)
    blob = hb.Blob.from_file_path(str(src)) if isinstance(src, Path) else hb.Blob(src)
    face = hb.Face(blob)
    return hb.Font(face), 1000 / face.upem


def _share(text: str, advances: list[float], rtl: bool) -> list[str]:
    """The text each glyph of one cluster stands for (``advances``: theirs, in visual order): a
    character each in reading order, the last taking what is left. A cluster with more glyphs
    than characters is read in its canonical decomposition (a two-part vowel sign, ো = ে + া),
    and what glyphs are still left over stand for nothing: marks first, which take no room, so
    that a reader finds no gap in the word."""
    count = len(advances)
    if count == 1:
        return [text]
    if count > len(text):
        decomposed = unicodedata.normalize("NFD", text)
        text = decomposed if len(decomposed) <= count else text
    order = list(range(count))[::-1] if rtl else list(range(count))  # reading order
    holders = set(sorted(order, key=lambda g: (advances[g] == 0, order.index(g)))[:len(text)])
    parts = [""] * count
    reading = [g for g in order if g in holders]
    for n, g in enumerate(reading):
        parts[g] = text[n] if n < len(reading) - 1 else text[n:]
    return parts


@lru_cache(maxsize=16384)
def shape(text: str, font_name: str, rtl: bool, lang: str | None = None) -> str:
    """``text``, one run in logical order, as HarfBuzz shapes it in registered TrueType font
    ``font_name`` (right to left if ``rtl``; ``lang``, a language tag, picks local forms): the
    characters that draw its glyphs from left to right."""
    import uharfbuzz as hb

    hb_font, scale = _hb_font(font_name)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    if lang:
        buf.language = lang
    hb.shape(hb_font, buf)
    infos, positions = buf.glyph_infos, buf.glyph_positions
    font = getFont(font_name)
    to_glyph, widths = font.face.charToGlyph, font.face.charWidths
    # where each glyph is drawn: a mark's offset becomes part of the advances around it, so that
    # the string is drawn glyph after glyph (readers take a shift inside a word for a space)
    origins, pen = [], 0.0
    for pos in positions:
        origins.append(pen + pos.x_offset * scale)
        pen += pos.x_advance * scale
    steps = [b - a for a, b in zip(origins, origins[1:] + [pen])]
    out: list[str] = []
    if origins and origins[0]:  # a run that starts with a shifted mark: a blank of that width first
        out.append(glyphs.glyph_char(font, to_glyph.get(32, 0), round(origins[0], 3), 0, ""))
    starts = sorted({info.cluster for info in infos})
    end_of = dict(zip(starts, starts[1:] + [len(text)]))
    k = 0
    while k < len(infos):
        cluster = infos[k].cluster
        j = k
        while j < len(infos) and infos[j].cluster == cluster:
            j += 1
        advances = [pos.x_advance for pos in positions[k:j]]
        for n, part in enumerate(_share(text[cluster:end_of[cluster]], advances, rtl), start=k):
            glyph, step = infos[n].codepoint, round(steps[n], 3)
            dy = round(positions[n].y_offset * scale, 3)
            if len(part) == 1 and not dy and to_glyph.get(ord(part)) == glyph and widths.get(ord(part)) == step:
                out.append(part)
            else:
                out.append(glyphs.glyph_char(font, glyph, step, dy, part))
        k = j
    return "".join(out)
