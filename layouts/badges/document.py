"""Badges for every speaker, session chair and host, double-sided, on printable sheets.

``render(event, options)`` gives ``badges.pdf`` (or ``badges-<id>.pdf`` for
``--person``): front sheet, back sheet, front sheet, back sheet... With a
registration list it also gives ``participant-badges.pdf``: every registrant who
speaks, chairs or hosts nothing, the ticket in the band, in desk piles
(layouts/badge_desk.py) behind divider cards. The back
sheet mirrors the column order, so with long-edge flip each back lands behind
its own front. ``draw_badge_sheets(c, event, options, people)`` draws any subset
the same way; eventprint.reprint uses it for reprint.pdf.

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
  title to a third); past that, or when the fields together do not fit the badge height,
  the build stops with a BuildError naming the person and the field.
- A person with several roles gets the band of the first in SPEAKER, CHAIR, HOST order and
  the others listed small in the band ("ALSO HOST").
"""
from __future__ import annotations

import io

from eventprint import i18n
from eventprint.model import Event
from eventprint.options import BuildOptions
from eventprint.output import Artifact
from eventprint.problems import BuildError
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import common, theme
from ..kit.reuse import reused
from ..kit.sheets import Box, Sheet, draw_crop_marks, sheet_for
from ..kit.text import Fitted, draw, draw_spaced
from ..kit.text import width as measure  # many functions here have a `width` argument
from .data import (
    AgendaEntry,
    BadgeData,
    Holder,
    badges,
    band_colour,
    participants,
    select_people,
)
from .desk import Divider, desk_groups, draw_divider, order_of
from .fit import (
    ROLE_CHAR_SPACE,
    SHRINK_STEPS,
    STYLES,
    Block,
    Style,
    _draw_stack,
    _fit,
    _fit_url,
    _fit_wrapped,
    _scaled,
    _stack_height,
    size_of,
)
from .notes import located, warn_cut, warn_left_off

# --------------------------------------------------------------------------
# the band
# --------------------------------------------------------------------------


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
    if right_text:
        room = width - used - st.pad - 3 * mm
        try:
            f = _fit(d, "event short name", right_text, theme.FONT_BOLD, room, (st.also, theme.MIN_TYPE), lines=1)
        except BuildError:  # no room at a legible size: the band shows the role alone
            f = None
        if f:
            draw(c, f.lines[0], x + width - st.pad, top - st.band / 2 - 0.36 * f.size, theme.FONT_BOLD, f.size,
                 theme.WHITE, align="right")
    c.restoreState()


# --------------------------------------------------------------------------
# front
# --------------------------------------------------------------------------


def _given(d: BadgeData, st: Style, width: float) -> Block:
    return Block(_fit(d, "first name", d.given_name, theme.FONT_BOLD, width, st.given), theme.FONT_BOLD)


def _identity(d: BadgeData, st: Style, width: float, k: float, compact: bool) -> list[Block]:
    """Full name, position and affiliations under the first name."""
    small = _scaled(st.small, k)
    out = [Block(_fit(d, "full name", d.name, theme.FONT, width, _scaled(st.name, k)), theme.FONT,
                 space_before=0.5 * st.gap)]
    if compact:  # landscape: position, then all affiliations on one (or two) line(s)
        if d.position:
            out.append(Block(_fit(d, "position", d.position, theme.FONT, width, small), theme.FONT,
                             theme.MUTED, space_before=0.4 * st.gap))
        if d.affiliations:
            out.append(Block(_fit(d, "affiliation", ", ".join(d.affiliations), theme.FONT, width, small),
                             theme.FONT, space_before=(0.1 if d.position else 0.4) * st.gap))
        return out
    if d.position:
        out.append(Block(_fit(d, "position", d.position, theme.FONT, width, small), theme.FONT,
                         theme.MUTED, space_before=0.6 * st.gap))
    for i, aff in enumerate(d.affiliations):
        out.append(Block(_fit(d, "affiliation", aff, theme.FONT, width, small), theme.FONT, theme.INK,
                         space_before=(0.6 * st.gap if i == 0 and not d.position else 0.15 * st.gap)))
    return out


def _talk(d: BadgeData, st: Style, width: float, k: float) -> list[Block]:
    """Kind label and title of the person's (first) talk."""
    if not d.has_talk:
        return []
    colour = theme.ROLE_COLOURS.get("speaker", theme.ACCENT)
    return [Block(Fitted(st.label, (d.talk_kind.upper(),)), theme.FONT_BOLD, colour),
            Block(_fit_wrapped(d, "talk title", d.talk_title, theme.FONT_BOLD, width, _scaled(st.title, k),
                               st.title_lines), theme.FONT_BOLD, space_before=0.2 * st.gap)]


def _talk_or_none(d: BadgeData, st: Style, width: float, k: float) -> list[Block] | None:
    """The talk blocks, or None when the title cannot fit its lines at this size."""
    try:
        return _talk(d, st, width, k)
    except BuildError:
        return None


def _info(d: BadgeData, st: Style, width: float, k: float, one_line: bool) -> list[Block]:
    """When and where the talk is (or what the QR code opens)."""
    info = _scaled(st.info, k)
    if not d.has_talk:
        return [Block(_fit(d, "programme note", i18n.tr(d.lang, "Programme, talks and rooms"), theme.FONT_BOLD, width, info),
                      theme.FONT_BOLD),
                Block(_fit(d, "event dates", d.event_dates, theme.FONT, width, info), theme.FONT, theme.MUTED)]
    out = []
    if one_line and d.talk_room:
        out.append(Block(_fit(d, "talk time and room", f"{d.talk_when} {theme.MIDDOT} {d.talk_room}",
                              theme.FONT, width, info), theme.FONT))
    else:
        out.append(Block(_fit(d, "talk time", d.talk_when, theme.FONT_BOLD, width, info), theme.FONT_BOLD))
        if d.talk_room:
            out.append(Block(_fit(d, "room", d.talk_room, theme.FONT, width, info), theme.FONT))
    if d.more_talks:
        more = i18n.ntr(d.lang, "+ {n} more talk: see the back", "+ {n} more talks: see the back", d.more_talks)
        out.append(Block(_fit(d, "talk note", more, theme.FONT_ITALIC, width, _scaled(st.small, k)),
                         theme.FONT_ITALIC, theme.MUTED, space_before=0.2 * st.gap))
    return out


def _too_tall(d: BadgeData, side: str, blocks: list[Block]) -> BuildError:
    return BuildError(
        f"the badge for {d.name} ({d.person_id}) is too full on the {side}: the name, position, "
        f"affiliations and talk title together do not fit even at the smallest sizes \u2014 shorten "
        f"the position or affiliations in people.yaml or the talk title, or use --size A6")


def draw_front(c: Canvas, d: BadgeData, st: Style, box: Box) -> None:
    bx, by, bw, bh = box
    s = theme.SAFE
    # 1 pt inside the safe line at the bottom: descenders reach 0.013 em below the line box
    x0, x1, top, bottom = bx + s, bx + bw - s, by + bh - s, by + s + 1
    cw = x1 - x0
    # the talk title is left off (its QR code opens the talk) only when nothing else makes it fit
    for with_talk in (True, False):
        for k in SHRINK_STEPS:
            url = _fit_url(d, d.qr_caption, cw, st.url)
            url_h = url.height
            q = st.qr
            qr_y = bottom + url_h + 0.3 * st.gap
            if st.portrait:
                head = [Block(_fit(d, "event short name", d.event_name, theme.FONT_BOLD, cw, _scaled(st.small, k)),
                              theme.FONT_BOLD, theme.MUTED)]
                given = _given(d, st, cw)
                given.space_before = 1.2 * st.gap
                top_blocks = head + [given] + _identity(d, st, cw, k, compact=False)
                talk = _talk_or_none(d, st, cw, k) if with_talk else []
                if talk is None:
                    continue
                lw = cw - q - st.gap
                info = _info(d, st, lw, k, one_line=False)
                talk_top = qr_y + q + (st.gap + _stack_height(talk) if talk else 0)
                free = (top - st.band - st.gap) - _stack_height(top_blocks) - talk_top
                if free >= st.gap and _stack_height(info) <= q:
                    break
            else:
                # QR top right under the band, name block beside it; talk full width above the URL
                lw = cw - q - st.gap
                y_top = top - st.band - st.gap
                given = _given(d, st, lw)
                top_blocks = [given] + _identity(d, st, lw, k, compact=True)
                talk = _talk_or_none(d, st, cw, k) if with_talk else []
                if talk is None:
                    continue
                info = _info(d, st, cw, k, one_line=True)
                if talk:
                    info[0].space_before = 0.3 * st.gap
                lower = talk + info
                upper_bottom = min(y_top - _stack_height(top_blocks), y_top - q)
                lower_top = bottom + url_h + 0.3 * st.gap + _stack_height(lower)
                free = upper_bottom - lower_top
                if free >= 0.8 * st.gap:
                    break
        else:
            continue
        break
    else:
        raise _too_tall(d, "front", top_blocks)

    if st.portrait:  # the name block sits a little lower than the top: calmer, and clear of the band
        given.space_before += min(max(0.0, free - st.gap), 2 * st.gap)
    warn_cut(d, [b.fitted for b in talk])
    if d.has_talk and not talk:
        warn_left_off(d)
    _draw_band(c, d, st, x0, top, cw, right_text="" if st.portrait else d.event_name)
    y = top - st.band - st.gap
    reused(c, ("qr", d.qr_url, q), lambda qx, qy: common.draw_qr(c, d.qr_url, qx, qy, q,
            what=f"QR code on the badge for {d.name}"), x1 - q, qr_y if st.portrait else y - q, (0, 0, q, q))
    if url.lines:
        _draw_stack(c, [Block(url, theme.FONT, theme.MUTED)], x0, bottom + url_h, cw, align="right")
    if st.portrait:  # the event name (the same on every badge) apart from the person's lines
        _draw_stack(c, top_blocks[1:], x0, _draw_stack(c, top_blocks[:1], x0, y, cw), cw)
        if talk:
            rule_y = qr_y + q + st.gap + _stack_height(talk) + 0.5 * st.gap
            c.saveState()
            c.setStrokeColor(theme.RULE)
            c.setLineWidth(0.5)
            c.line(x0, rule_y, x1, rule_y)
            c.restoreState()
            _draw_stack(c, talk, x0, qr_y + q + st.gap + _stack_height(talk) - 0.01, cw)
        _draw_stack(c, info, x0, qr_y + q, lw)
    else:
        _draw_stack(c, top_blocks, x0, y, lw)
        _draw_stack(c, lower, x0, lower_top, cw)


# --------------------------------------------------------------------------
# back
# --------------------------------------------------------------------------


def draw_back(c: Canvas, d: BadgeData, st: Style, box: Box) -> None:
    bx, by, bw, bh = box
    s = theme.SAFE
    # 1 pt inside the safe line at the bottom: descenders reach 0.013 em below the line box
    x0, x1, top, bottom = bx + s, bx + bw - s, by + bh - s, by + s + 1
    cw = x1 - x0
    foot_text = f"{d.event_name} {theme.MIDDOT} {d.event_dates}"
    for k in SHRINK_STEPS:
        foot = Block(_fit(d, "event name", foot_text, theme.FONT, cw, _scaled(st.small, k)), theme.FONT, theme.MUTED)
        given = _given(d, st, cw)
        head = [given, Block(_fit(d, "full name", d.name, theme.FONT, cw, _scaled(st.name, k)), theme.FONT,
                             space_before=0.3 * st.gap)]
        info = _scaled(st.agenda, k)
        entries = _back_entries(d, st, cw, info)
        avail = (top - st.band - st.gap) - (bottom + foot.height + st.gap) - _stack_height(head)
        used = sum(_stack_height(e) for e in entries)
        if used <= avail:
            break
    else:
        # more entries than fit even small: show what fits and say where the rest is
        more_h = theme.leading(info[1]) + 0.6 * st.gap
        kept: list[list[Block]] = []
        for e in entries:
            if sum(_stack_height(x) for x in kept) + _stack_height(e) + more_h > avail:
                break
            kept.append(e)
        rest = sum(1 for e in entries[len(kept):] if not e[0].heading)
        note = i18n.tr(d.lang, "+ {n} more in the programme", n=rest)
        entries = kept + [[Block(Fitted(info[1], (note,)), theme.FONT_ITALIC, theme.MUTED, space_before=0.6 * st.gap)]]
        if avail < _stack_height(entries[-1]):
            raise _too_tall(d, "back", head)

    _draw_band(c, d, st, x0, top, cw)
    # the person's names, then the list (the same on many participants' badges) as a stack of its own
    warn_cut(d, [b.fitted for b in head + [b for e in entries for b in e]])
    below = _draw_stack(c, head, x0, top - st.band - st.gap, cw)
    _draw_stack(c, [b for e in entries for b in e], x0, below, cw)
    _draw_stack(c, [foot], x0, bottom + foot.height, cw)


def _agenda_entry(d: BadgeData, st: Style, cw: float, info: tuple[float, float], e: AgendaEntry) -> list[Block]:
    if st.portrait:
        meta = [Block(_fit(d, "agenda time", e.when, theme.FONT_BOLD, cw, info), theme.FONT_BOLD,
                      space_before=0.8 * st.gap)] if e.when else []
        if e.where:
            meta.append(Block(_fit(d, "agenda room", e.where, theme.FONT, cw, info), theme.FONT,
                              theme.MUTED, space_before=0 if meta else 0.8 * st.gap))
    else:
        line = f" {theme.MIDDOT} ".join(x for x in (e.when, e.where) if x)
        meta = [Block(_fit(d, "agenda time and room", line, theme.FONT_BOLD, cw, info),
                      theme.FONT_BOLD, space_before=0.6 * st.gap)] if line else []
    return meta + [Block(_fit_wrapped(d, "agenda entry", e.what, theme.FONT, cw, info, 3), theme.FONT,
                         space_before=0.1 * st.gap if meta else 0.8 * st.gap)]


_ENTRIES: dict[tuple, list[list[Block]]] = {}  # participants share lists: fitted once per build


def _back_entries(d: BadgeData, st: Style, cw: float, info: tuple[float, float]) -> list[list[Block]]:
    """The back's list: what the person booked (add-ons), then their programme; a heading before each."""
    key = (d.role, d.addons, d.agenda_heading, d.agenda, d.lang, st, cw, info)
    if key not in _ENTRIES:
        if len(_ENTRIES) > 512:
            _ENTRIES.clear()
        _ENTRIES[key] = _fit_back_entries(d, st, cw, info)
    return [list(e) for e in _ENTRIES[key]]


def _fit_back_entries(d: BadgeData, st: Style, cw: float, info: tuple[float, float]) -> list[list[Block]]:
    colour = band_colour(d.role)
    entries: list[list[Block]] = []
    for heading, items in (("BOOKED", d.addons), (d.agenda_heading, d.agenda)):
        if heading == "BOOKED" and not items:
            continue
        entries.append([Block(Fitted(st.label, (i18n.tr(d.lang, heading),)), theme.FONT_BOLD, colour,
                              space_before=1.2 * st.gap if not entries else 1.6 * st.gap, heading=True)])
        entries += [_agenda_entry(d, st, cw, info, e) for e in items]
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
