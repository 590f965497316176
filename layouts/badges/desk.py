"""Participants' badges in the order a registration desk hands them out.

``desk_groups(registrants, order, per_sheet)`` sorts by family name and cuts the alphabet
into piles ("A–C", "D–G", ...) of about a desk clerk's share, or groups by ticket type.
Each pile starts on a new sheet behind a divider card, so a guillotined stack still
comes apart into the piles: the desk lays out one pile per sign.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from eventprint import i18n
from eventprint.model import TICKET_TYPES, Registrant, fold
from eventprint.options import BuildOptions, OptionError
from reportlab.pdfgen.canvas import Canvas

from ..kit import theme
from ..kit.text import draw, draw_lines
from ..kit.fitting import fit
from .data import band_colour

ORDERS = ("name", "ticket")
PILES = 8  # a desk rarely has more signs than this
OTHER = "OTHER"  # family names not written in Latin letters


@dataclass(frozen=True)
class Divider:
    """A card in a badge slot that starts a pile: "A–C" or "STUDENT", and how many badges follow."""

    label: str
    note: str  # "24 badges · family names A to C"
    colour_key: str  # a ticket, or "" for the ink colour
    lang: str = "en"  # the event's language: the card's fixed words


def order_of(options: BuildOptions) -> str:
    order = (options.order or "name").lower()
    if order not in ORDERS:
        raise OptionError(f"--order {options.order} is not a badge order: use name (by family name, "
                          "with A\u2013C dividers) or ticket (grouped by ticket type)")
    return order


_LATIN = re.compile(r"LATIN (?:CAPITAL|SMALL) LETTER ([A-Z])\b")
_LIGATURES = {"\u00de": "T", "\u00fe": "T", "\u00c6": "A", "\u00e6": "A", "\u0152": "O", "\u0153": "O"}


def _initial(r: Registrant) -> str:
    """The desk letter: accents and strokes dropped (Özdemir, Østergaard, Łukasiewicz file under O, O, L)."""
    first = fold(r.family_name)[:1]
    if not first:
        return OTHER
    m = _LATIN.match(unicodedata.name(first, ""))
    letter = m.group(1) if m else _LIGATURES.get(first, "")
    return letter or OTHER


def desk_key(r: Registrant) -> tuple:
    """Family name, then given name, accents ignored (Özdemir files under O); other scripts last."""
    return (_initial(r) == OTHER, _initial(r), fold(r.family_name), fold(r.given_name), r.id)


def desk_groups(regs: list[Registrant], order: str, per_sheet: int,
                lang: str = "en") -> list[tuple[Divider, list[Registrant]]]:
    """Piles for the desk, each with its divider card, in the order they are printed; the cards
    speak the event's language."""
    if not regs:
        return []

    def _count(n: int) -> str:
        return i18n.ntr(lang, "{n} badge", "{n} badges", n)
    if order == "ticket":
        rank = {t: n for n, t in enumerate(TICKET_TYPES)}
        by: dict[str, list[Registrant]] = {}
        for r in sorted(regs, key=desk_key):
            by.setdefault(r.ticket, []).append(r)
        return [(Divider(i18n.tr(lang, t.upper()), f"{_count(len(rs))} \u00b7 {i18n.tr(lang, t.upper())}", t, lang), rs)
                for t, rs in sorted(by.items(), key=lambda kv: rank.get(kv[0], len(rank)))]
    ordered = sorted(regs, key=desk_key)
    letters: dict[str, list[Registrant]] = {}
    for r in ordered:
        letters.setdefault(_initial(r), []).append(r)
    target = max(2 * per_sheet, math.ceil(len(ordered) / PILES))
    piles: list[list[str]] = [[]]
    for letter in letters:
        if letter == OTHER:  # its own pile: a desk sign cannot give it a letter range
            piles.append([OTHER])
            continue
        if sum(len(letters[x]) for x in piles[-1]) >= target or piles[-1] == [OTHER]:
            piles.append([])
        piles[-1].append(letter)
    piles = [p for p in piles if p]
    if len(piles) > 1 and OTHER not in piles[-1] and sum(len(letters[x]) for x in piles[-1]) < target / 3:
        piles[-2] += piles.pop()  # a last pile of a few badges joins the one before
    # every letter belongs to a pile, so that a late registration has a place: A–C, D–G, ..., T–Z
    latin = [p for p in piles if p != [OTHER]]
    starts = ["A"] + [p[0] for p in latin[1:]]
    ends = [chr(ord(s) - 1) for s in starts[1:]] + ["Z"]
    span_of = {id(p): (a, b) for p, a, b in zip(latin, starts, ends)}
    out = []
    for pile in piles:
        members = [r for x in pile for r in letters[x]]
        if pile == [OTHER]:
            out.append((Divider(i18n.tr(lang, OTHER), f"{_count(len(members))} \u00b7 "
                                + i18n.tr(lang, "family names in other scripts"), "", lang), members))
            continue
        a, b = span_of[id(pile)]
        label = a if a == b else f"{a}{theme.EN_DASH}{b}"
        span = (i18n.tr(lang, "family names {a}", a=a) if a == b
                else i18n.tr(lang, "family names {a} to {b}", a=a, b=b))
        out.append((Divider(label, f"{_count(len(members))} \u00b7 {span}", "", lang), members))
    return out


def draw_divider(c: Canvas, div: Divider, st, box: tuple[float, float, float, float]) -> None:
    """A card that starts a pile at the desk: the letters (or ticket) large, the count below.
    ``st`` is the badge size's fit.Style."""
    bx, by, bw, bh = box
    s = theme.SAFE
    x0, top, cw = bx + s, by + bh - s, bw - 2 * s
    colour = band_colour(div.colour_key) if div.colour_key else theme.INK
    c.saveState()
    c.setFillColor(colour)
    c.rect(x0, top - st.band, cw, st.band, stroke=0, fill=1)
    draw(c, i18n.tr(div.lang, "DESK PILE"), x0 + st.pad, top - st.band / 2 - 0.36 * st.role, theme.FONT_BOLD, st.role, theme.WHITE)
    c.restoreState()
    room = bh - 2 * s - st.band
    big = fit(div.label, theme.FONT_BOLD, cw, min(2.2 * st.given[0], 0.45 * room / 1.3), 8, max_lines=1,
              what="the label of a desk pile card")
    mid = by + s + (room - big.height) / 2 + big.height
    draw_lines(c, big, theme.FONT_BOLD, x0, mid, align="center", box_width=cw, color=colour)
    note = fit(div.note, theme.FONT, cw, st.name[0], theme.MIN_TYPE, max_lines=2, what="the note of a desk pile card")
    draw_lines(c, note, theme.FONT, x0, mid - big.height - st.gap, align="center", box_width=cw, color=theme.MUTED)
