"""Badges for every speaker, session chair and host, double-sided, on printable sheets.

``render(event, options)`` gives ``badges.pdf`` (or ``badges-<id>.pdf`` for
``--person``): front sheet, back sheet, front sheet, back sheet... With a
registration list it also gives ``participant-badges.pdf``: every registrant who
speaks, chairs or hosts nothing, the ticket in the band, in desk piles
(layouts/badge_desk.py) behind divider cards. The back
sheet mirrors the column order, so with long-edge flip each back lands behind
its own front. ``draw_badge_sheets(c, event, options, people)`` draws any subset
the same way; ``draw_pieces`` draws the badges of some keys with it for reprint.pdf.

Design decisions:
- Order: sorted by family name, then given name (see badge_data.badge_order).
- Sizes (options.size): A6 portrait (default), 4x3 in landscape, 90x54 mm; sheets see
  layouts/sheets.py. The first name is the largest text on the front: 42 pt shrinking to
  32 pt on A6, scaled with the square root of the badge area for the smaller sizes.
- No ink runs to the trim: the role band and every text sit inside the 5 mm safe area
  (theme.SAFE), so no sheet needs bleed, A6 can butt four to an A4 sheet, and a cut that
  is off by a few millimetres damages nothing. The single-badge page is exactly the badge
  size with TrimBox = BleedBox = MediaBox.
- Text shrinks to fit per field down to a floor, then wraps to a second line (the talk
  title to a third); past that it is cut short with "…" and the build warns (kit.text.fit).
  When the fields together do not fit the badge height, the talk title is left off, then the
  position and affiliations, each with a warning.
- A person with several roles gets the band of the first in SPEAKER, CHAIR, HOST order and
  the others listed small in the band ("ALSO HOST").
"""
from __future__ import annotations

import io
from dataclasses import replace

from eventprint import i18n
from eventprint.model import Event
from eventprint.options import BuildOptions
from eventprint.output import Artifact
from eventprint.problems import BuildError
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import common, logo, theme
from ..kit.blocks import Placed, draw_stack, fit_block, height, place, scaled, shrink
from ..kit.reuse import reused
from ..kit.sheets import Box, Sheet, draw_crop_marks, sheet_for
from ..kit.text import Fitted, draw, draw_spaced, printed
from ..kit.fitting import fitting
from ..kit.fitting import fit as fit_line  # `fit` here is the badge as data (badges/fit.py)
from ..kit.text import width as measure  # many functions here have a `width` argument
from . import fit
from .data import (
    BadgeData,
    Holder,
    badge_key,
    badge_order,
    badges,
    band_colour,
    holders,
    participants,
    select_people,
)
from .desk import Divider, desk_groups, draw_divider, order_of
from .fit import ROLE_CHAR_SPACE, SHRINK_STEPS, STYLES, Style, size_of
from .notes import located, warn_left_off, warn_left_out

# --------------------------------------------------------------------------
# the band
# --------------------------------------------------------------------------


BAND_ROOM = 15 * mm  # less room than this beside the role: the band shows the role alone


def _draw_band(c: Canvas, d: BadgeData, st: Style, x: float, top: float, width: float,
               right_text: str = "") -> None:
    """Role colour band with the role word; other roles (or the event name) small on the right."""
    reused(c, ("band", d.role, d.role_word, d.other_roles, st, width, right_text),
           lambda bx, btop: _band_at(c, d, st, bx, btop, width, right_text), x, top, (0, -st.band, width, 0))


def _band_at(c: Canvas, d: BadgeData, st: Style, x: float, top: float, width: float, right_text: str) -> None:
    colour = band_colour(d.role)
    c.saveState()
    c.setFillColor(colour)
    c.rect(x, top - st.band, width, st.band, stroke=0, fill=1)
    space = ROLE_CHAR_SPACE * st.role / 10
    word_w = measure(d.role_word, theme.FONT_BOLD, st.role) + space * (len(d.role_word) - 1)
    base = top - st.band / 2 - 0.36 * st.role
    draw_spaced(c, d.role_word, x + st.pad, base, theme.FONT_BOLD, st.role, space, theme.WHITE)
    used = st.pad + word_w
    if d.other_roles:  # further roles small, right after the role word
        also = "+ " + f" {theme.MIDDOT} ".join(d.other_roles)
        draw(c, also, x + used + 2 * mm, base, theme.FONT_BOLD, st.also, theme.WHITE)
        used += 2 * mm + measure(also, theme.FONT_BOLD, st.also)
    # the event's logo, if it has one, at the band's right end (with at most 40 % of the band)
    right = x + width - st.pad
    room = min(0.4 * width, right - x - used - 3 * mm)
    mark = logo.on_colour(c, right - room, top - 0.81 * st.band, room, 0.62 * st.band, "right",
                          "in the badges' band") if room > 0 else None
    if right_text:
        room = width - used - st.pad - 3 * mm if mark is None else mark[0] - 2 * mm - x - used - 3 * mm
        right = x + width - st.pad if mark is None else mark[0] - 2 * mm
        # cut short where it is too long; where the role leaves too little room, the role alone
        f = fitting(right_text, theme.FONT_BOLD, room, st.also, theme.MIN_TYPE) or (
            fit_line(right_text, theme.FONT_BOLD, room, theme.MIN_TYPE, theme.MIN_TYPE,
                what="the event's short name in the band of the badges") if room >= BAND_ROOM else None)
        if f:
            draw(c, printed(f).lines[0], right, top - st.band / 2 - 0.36 * f.size, theme.FONT_BOLD,
                 f.size, theme.WHITE, align="right")
    c.restoreState()


# --------------------------------------------------------------------------
# front
# --------------------------------------------------------------------------


def _too_tall(d: BadgeData, side: str) -> BuildError:
    return BuildError(
        f"the badge for {d.name} ({d.person_id}) is too full on the {side}: the name, position, "
        f"affiliations and talk title together do not fit even at the smallest sizes \u2014 shorten "
        f"the position or affiliations in people.yaml or the talk title, or use --size A6")


def _info_blocks(d: BadgeData, one_line: bool):
    """When and where the talk is (on one line when there is room for nothing else), or what the QR code opens."""
    if not d.has_talk:
        return fit.INFO_PROGRAMME
    return fit.INFO_ONE_LINE if one_line and d.talk_room else fit.INFO


def _qr_side(d: BadgeData, st: Style) -> float:
    """The QR code's square, or 0 when the badge has none (links.py: no page to open)."""
    return st.qr if d.qr_url else 0


def _url(card, d: BadgeData, width: float) -> Fitted:
    """The printed web address under the code; nothing without a code."""
    return fit_block(card, fit.URL[0], d.qr_caption, width) if d.qr_url else Fitted(theme.MIN_TYPE, ())


def _portrait(d: BadgeData, st: Style, texts: dict, x0: float, x1: float, top: float, bottom: float, k: float):
    """The portrait front at step ``k``: the head and the person from the top; the QR code bottom
    right with the web address under it and the talk's time beside it; the talk above them. None
    when it does not fit."""
    card, cw, q = fit.card(d, st), x1 - x0, _qr_side(d, st)
    url = _url(card, d, cw)
    qr_y = bottom + url.height + 0.3 * st.gap
    head, person = place(card, fit.HEAD, texts, cw, k), place(card, fit.PERSON, texts, cw, k)
    talk = place(card, fit.TALK, texts, cw, k)
    lw = cw - q - st.gap if q else cw
    info = place(card, _info_blocks(d, one_line=False), texts, lw, k)
    if not q:  # no code (links.py: no page to open): the talk's when and where take its place
        q = height(info)
    talk_top = qr_y + q + (st.gap + height(talk) if talk else 0)
    free = (top - st.band - st.gap) - height(head + person) - talk_top
    if free < st.gap or height(info) > q:
        return None
    # the name block sits a little lower than the top: calmer, and clear of the band
    person[0] = replace(person[0], space_before=person[0].space_before + min(max(0.0, free - st.gap), 2 * st.gap))
    return url, qr_y, head, person, talk, info, lw


def _landscape(d: BadgeData, st: Style, texts: dict, x0: float, x1: float, top: float, bottom: float, k: float):
    """The landscape front at step ``k``: the QR code top right under the band, the person beside
    it; the talk and when it is full width above the web address. None when it does not fit."""
    card, cw, q = fit.card(d, st), x1 - x0, _qr_side(d, st)
    url = _url(card, d, cw)
    lw = cw - q - st.gap if q else cw
    y_top = top - st.band - st.gap
    person = place(card, fit.PERSON_COMPACT, texts, lw, k)
    lower = place(card, fit.TALK + _info_blocks(d, one_line=True), texts, cw, k)
    upper_bottom = min(y_top - height(person), y_top - q)
    lower_top = bottom + url.height + 0.3 * st.gap + height(lower)
    if upper_bottom - lower_top < 0.8 * st.gap:
        return None
    return url, lower_top, person, lower


def draw_front(c: Canvas, d: BadgeData, st: Style, box: Box) -> None:
    bx, by, bw, bh = box
    s = theme.SAFE
    # 1 pt inside the safe line at the bottom: descenders reach 0.013 em below the line box
    x0, x1, top, bottom = bx + s, bx + bw - s, by + bh - s, by + s + 1
    cw, q = x1 - x0, _qr_side(d, st)
    whole = fit.texts(d)
    layout = _portrait if st.portrait else _landscape
    # the talk title is left off (its QR code opens the talk) only when nothing else makes it fit,
    # then the position and affiliations (every one of them cut short is still too tall: a long list)
    untitled = {**whole, "talk kind": None, "talk title": None}
    for texts in (whole, untitled, {**untitled, "position": None, "affiliation": None}):
        found = shrink(SHRINK_STEPS, lambda k: layout(d, st, texts, x0, x1, top, bottom, k))
        if found is not None:
            break
    else:
        raise _too_tall(d, "front")
    if d.has_talk and texts is not whole:
        warn_left_off(d)
    if whole["position"] and not texts["position"] or whole["affiliation"] and not texts["affiliation"]:
        warn_left_out(d, "position and affiliations", ", ".join(x for x in (d.position, *d.affiliations) if x))
    _draw_band(c, d, st, x0, top, cw, right_text="" if st.portrait else d.event_name)
    y = top - st.band - st.gap
    url = found[0]
    if st.portrait:
        _, qr_y, head, person, talk, info, lw = found
        q = q or height(info)  # no code: the talk's when and where in its place
    else:
        _, lower_top, person, lower = found
        qr_y = y - q
    if d.qr_url:
        reused(c, ("qr", d.qr_url, q), lambda qx, qy: common.draw_qr(c, d.qr_url, qx, qy, q,
               what=f"QR code on the badge for {d.name}"), x1 - q, qr_y, (0, 0, q, q))
    if url.lines:
        draw_stack(c, [Placed(url, theme.FONT, theme.MUTED)], x0, bottom + url.height, cw, align="right")
    if not st.portrait:
        draw_stack(c, person, x0, y, cw - q - st.gap if q else cw)
        draw_stack(c, lower, x0, lower_top, cw)
        return
    # the event name (the same on every badge) apart from the person's lines
    draw_stack(c, person, x0, draw_stack(c, head, x0, y, cw), cw)
    if talk:
        rule_y = qr_y + q + st.gap + height(talk) + 0.5 * st.gap
        c.saveState()
        c.setStrokeColor(theme.RULE)
        c.setLineWidth(0.5)
        c.line(x0, rule_y, x1, rule_y)
        c.restoreState()
        draw_stack(c, talk, x0, qr_y + q + st.gap + height(talk) - 0.01, cw)
    draw_stack(c, info, x0, qr_y + q, lw)


# --------------------------------------------------------------------------
# back
# --------------------------------------------------------------------------


def draw_back(c: Canvas, d: BadgeData, st: Style, box: Box) -> None:
    bx, by, bw, bh = box
    s = theme.SAFE
    # 1 pt inside the safe line at the bottom: descenders reach 0.013 em below the line box
    x0, x1, top, bottom = bx + s, bx + bw - s, by + bh - s, by + s + 1
    cw = x1 - x0
    card, texts = fit.card(d, st), fit.texts(d)
    for k in SHRINK_STEPS:
        foot = place(card, fit.FOOT, texts, cw, k)
        head = place(card, fit.BACK_HEAD, texts, cw, k)
        entries = _back_entries(d, st, cw, k)
        avail = (top - st.band - st.gap) - (bottom + height(foot) + st.gap) - height(head)
        used = sum(height(e) for e in entries)
        if used <= avail:
            break
    else:
        # more entries than fit even small: show what fits and say where the rest is
        floor = scaled(st.agenda, k)[1]
        more_h = theme.leading(floor) + 0.6 * st.gap
        kept: list[list[Placed]] = []
        for e in entries:
            if sum(height(x) for x in kept) + height(e) + more_h > avail:
                break
            kept.append(e)
        rest = sum(1 for e in entries[len(kept):] if not e[0].heading)
        note = i18n.tr(d.lang, "+ {n} more in the programme", n=rest)
        entries = kept + [[Placed(Fitted(floor, (note,)), theme.FONT_ITALIC, theme.MUTED, 0.6 * st.gap)]]
        if avail < height(entries[-1]):
            raise _too_tall(d, "back")

    _draw_band(c, d, st, x0, top, cw)
    # the person's names, then the list (the same on many participants' badges) as a stack of its own
    below = draw_stack(c, head, x0, top - st.band - st.gap, cw)
    draw_stack(c, [b for e in entries for b in e], x0, below, cw)
    draw_stack(c, foot, x0, bottom + height(foot), cw)


_ENTRIES: dict[tuple, list[list[Placed]]] = {}  # participants share lists: fitted once per build


def _back_entries(d: BadgeData, st: Style, cw: float, k: float) -> list[list[Placed]]:
    """The back's list: what the person booked (add-ons), then their programme; a heading before each."""
    key = (d.role, d.addons, d.agenda_heading, d.agenda, d.lang, st, cw, scaled(st.agenda, k))
    if key not in _ENTRIES:
        if len(_ENTRIES) > 512:
            _ENTRIES.clear()
        _ENTRIES[key] = _fit_back_entries(d, st, cw, k)
    return [list(e) for e in _ENTRIES[key]]


def _fit_back_entries(d: BadgeData, st: Style, cw: float, k: float) -> list[list[Placed]]:
    colour, card = band_colour(d.role), fit.card(d, st)
    blocks = fit.AGENDA if st.portrait else fit.AGENDA_ONE_LINE
    entries: list[list[Placed]] = []
    for heading, items in (("BOOKED", d.addons), (d.agenda_heading, d.agenda)):
        if not items:  # nothing booked; no venue named
            continue
        entries.append([Placed(Fitted(st.label, (i18n.tr(d.lang, heading),)), theme.FONT_BOLD, colour,
                               1.2 * st.gap if not entries else 1.6 * st.gap, heading=True)])
        entries += [place(card, blocks, fit.agenda_texts(e), cw, k) for e in items]
    return entries


# --------------------------------------------------------------------------
# sheets
# --------------------------------------------------------------------------


def _page(c: Canvas, sheet: Sheet) -> None:
    c.setPageSize(sheet.page)
    if sheet.name == "single":
        w, h = sheet.page
        common.set_boxes(c, (0, 0, w, h), bleed=0)


def draw_badge_sheets(c: Canvas, event: Event, options: BuildOptions, people: list[Holder],
                      piles: list[tuple[Divider, list[Holder]]] | None = None) -> int:
    """Draw the badges of ``people`` (in this order) as front sheet, back sheet, ...; return pages drawn.

    With ``piles`` (badge_desk) instead, each pile starts a new sheet with its divider card.
    Everything drawn comes from badge_data.badges (the draw functions see only BadgeData),
    which is exactly what the reprint manifest hashes.
    """
    size = size_of(options)
    sheet = sheet_for(size, options.sheet)
    st = STYLES[size]
    if piles is None:
        runs: list[list] = [badges(event, people)]
    else:
        runs = [[div] + badges(event, members) for div, members in piles]
    pages = 0
    for slots in runs:
        for start in range(0, len(slots), sheet.per_sheet):
            chunk = slots[start:start + sheet.per_sheet]
            for back in (False, True):
                _page(c, sheet)
                boxes = sheet.boxes(len(chunk), back=back)
                for d, box in zip(chunk, boxes):
                    common.piece(c, *box)  # a badge cut from the sheet carries its own draft mark
                    if isinstance(d, Divider):
                        draw_divider(c, d, st, box)
                    else:
                        with located(event, d):  # what it cannot print, named where it is written
                            (draw_back if back else draw_front)(c, d, st, box)
                draw_crop_marks(c, sheet, boxes)
                c.showPage()
                pages += 1
    return pages


def draw_pieces(c: Canvas, event: Event, options: BuildOptions, keys: list[str]) -> None:
    """The badges of ``keys`` (badge keys) on sheets, as the full run draws them: reprint.pdf."""
    by_key = {badge_key(h): h for h in holders(event, BuildOptions())}
    draw_badge_sheets(c, event, options, badge_order([by_key[k] for k in keys if k in by_key]))


PARTICIPANTS = "participant-badges.pdf"


def render(event: Event, options: BuildOptions) -> list[Artifact]:
    """badges.pdf (speakers, chairs, hosts); with a registration list also participant-badges.pdf,
    sorted for the desk. A registrant who speaks, chairs or hosts is in badges.pdf only."""
    size = size_of(options)
    sheet = sheet_for(size, options.sheet)  # validate before drawing anything
    order = order_of(options)
    people = select_people(event, options)
    buf = io.BytesIO()
    c = common.new_canvas(buf, sheet.page, event, f"Badges \u2014 {event.name}",
                          f"Badges for speakers, chairs and hosts, {size} on {sheet.name} sheets")
    draw_badge_sheets(c, event, options, people)
    c.save()
    name = f"badges-{options.person}.pdf" if options.person else "badges.pdf"
    out = [Artifact(name, buf.getvalue())]
    regs = [] if options.person else participants(event)
    if regs:
        buf = io.BytesIO()
        c = common.new_canvas(buf, sheet.page, event, f"Participant badges \u2014 {event.name}",
                              f"Badges for registered participants, {size} on {sheet.name} sheets, "
                              f"in piles by {'ticket type' if order == 'ticket' else 'family name'}")
        draw_badge_sheets(c, event, options, [], piles=desk_groups(regs, order, sheet.per_sheet, event.language))
        c.save()
        out.append(Artifact(PARTICIPANTS, buf.getvalue()))
    return out
