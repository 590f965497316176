"""Door signs: one schedule per room and day, read from across a corridor.

Each sign shows the room's name as the largest thing on the page, the day and
the venue, then every item of that day in that room (breaks and meals as quiet
rows) plus the non-talk items elsewhere that people at this door need
(registration, coffee in the lobby, lunch) with where they happen. Talks in
other rooms never appear: they belong on their own room's sign. What a sign
shows is defined once, in data.py; this module only lays it out.

A day goes on one sheet whenever it can: under the full header at the largest
size from 34 pt (x the page's scale against A4) down to 20 pt, in one column or
two; then under a more compact header (frame.py; smaller name and QR code, the day beside
the QR code); then in tighter rows; then, at 20 pt, with long titles cut short
(an ellipsis; the whole title is on the page the QR code opens). Only when even
that cannot hold the day do continuation pages follow, every one under the same
header, so the room's name keeps its size. Never smaller than 20 pt, never clipped
(signs/plan.py does the fitting).

``draw_signs`` draws any of the signs onto a canvas it is given; ``draw_pieces``
draws the signs of some keys (data.pieces) with it for reprint.pdf. ``render`` draws
all-signs.pdf once and writes each sign's own file from its pages there (kit/replay.py).
"""
from __future__ import annotations

import io
from datetime import date

from eventprint import i18n
from eventprint.model import Event
from eventprint.options import BuildOptions, OptionError
from eventprint.output import Artifact
from reportlab.lib.pagesizes import A3, A4, landscape, portrait
from reportlab.pdfgen.canvas import Canvas

from ..kit import common, logo, theme
from ..kit.replay import RecordingCanvas, place, target_canvas
from ..kit.programme import KEYNOTE_LABEL, as_of, names_and_note  # noqa: F401  (tests read KEYNOTE_LABEL)
from ..kit.text import after, draw, draw_segments, words
from . import shorten
from .data import SignData, door_items, sign_data
from .frame import BASELINE, HEADERS, SEVERAL, draw_footer, draw_header, frame
from .plan import (  # noqa: F401  (tests)
    COLUMN_GAP,
    ROW_GAP,
    ROW_LEADING,
    ROW_MAX,
    ROW_MIN,
    Plan,
    Row,
    TooTall,
    plan,
    time_width,
)

# -- sizes on A4 (pt unless noted); A3 scales every one of them by sqrt(2) ----
SIZES = {"A4": landscape(A4), "A4-portrait": portrait(A4), "A3": landscape(A3)}
DEFAULT_SIZE = "A4"
def page_size(options: BuildOptions) -> tuple[float, float]:
    size = options.size or DEFAULT_SIZE
    if size not in SIZES:
        raise OptionError(f"door signs cannot be printed at size {size!r}; choose one of "
                          f"{', '.join(SIZES)} (A4 is landscape; A4-portrait and A3 on request)")
    return SIZES[size]


def sign_keys(event: Event) -> list[tuple[str, date]]:
    """(room id, date) of every sign, in print order."""
    return [(room.id, day.date) for room, day in event.room_days()]


def sign_path(room_id: str, day: date) -> str:
    return f"signs/{room_id}-{day:%Y-%m-%d}.pdf"


# --------------------------------------------------------------------------
# what goes on a sign
# --------------------------------------------------------------------------


def sign_rows(data: SignData) -> list[Row]:
    """The sign's rows as styled wrap units, in time order."""
    rows = []
    for r in data.rows:
        if r.where:  # coffee in the lobby, lunch, registration: say where
            title = words(r.title, theme.FONT, theme.MUTED)
            units = after(title, words(r.where, theme.FONT, theme.MUTED))
        elif r.quiet:
            title = words(r.title, theme.FONT, theme.MUTED)
            units = after(title, names_and_note(r.speakers, r.note))
        else:
            font, colour = theme.title_face(theme.FONT_BOLD, r.confirmed)
            title = words(r.title, font, colour)
            units = after(title, names_and_note(r.speakers, r.note))
        rows.append(Row(r.time, tuple(units), label=r.label or None, quiet=r.quiet, band=r.band,
                        title_units=len(title), name_units=len(r.speakers)))
    return rows


# --------------------------------------------------------------------------
# drawing
# --------------------------------------------------------------------------


def _draw_column(c: Canvas, blocks, p: Plan, x: float, top: float, col_w: float, s: float) -> None:
    f = p.size
    lead = p.style.leading * f
    gap = p.style.gap * f
    tw = p.time_w
    y = top
    for i, b in enumerate(blocks):
        r = b.row
        bh = b.lines() * lead
        if r.band:
            pad = 0.4 * gap
            c.setFillColor(theme.PAUSE_BG)
            c.rect(x - 0.25 * f, y - bh - pad, col_w + 0.5 * f, bh + 2 * pad, stroke=0, fill=1)
        elif i > 0 and not blocks[i - 1].row.band:
            c.setStrokeColor(theme.RULE)
            c.setLineWidth(0.75 * s)
            c.line(x, y + gap / 2, x + col_w, y + gap / 2)
        colour = theme.MUTED if r.quiet else theme.INK
        base = y - BASELINE * f
        for j, line in enumerate(b.time_lines):
            is_label = j > 0 and not p.style.stacked
            draw(c, line, x, base - j * lead, theme.FONT_BOLD if (is_label or not r.quiet) else theme.FONT, f,
                 theme.ACCENT if is_label else colour)
        for j, line in enumerate(b.text_lines):
            draw_segments(c, line, x + tw, base - j * lead, f)
        y -= bh + gap


def _pages(data: SignData, stamp: str, pagesize, lang: object = "en"):
    """(frame, page label, columns of blocks, size, column count) for each page of one sign."""
    rows = sign_rows(data)
    singles = [frame(data, stamp, pagesize, "", head) for head in HEADERS]
    probes = [(frame(data, stamp, pagesize, " " + i18n.tr(lang, "(page {k} of {n})", k=99, n=99), head),
               frame(data, stamp, pagesize, " " + i18n.tr(lang, "(continued, page {k} of {n})", k=99, n=99), head))
              for head in SEVERAL]
    p = plan(rows, tuple((fr.w - 2 * fr.margin, fr.col_h) for fr in singles),
             tuple((first.w - 2 * first.margin, first.col_h, rest.col_h) for first, rest in probes), probes[0][0].s,
             f"the sign of {data.room_name} on {data.day_label}")
    n = len(p.pages)
    for k, cols in enumerate(p.pages, start=1):
        if p.header is not None:
            label, fr = "", singles[p.header]
        else:
            label = " " + i18n.tr(lang, "(page {k} of {n})" if k == 1 else "(continued, page {k} of {n})", k=k, n=n)
            probe = probes[p.several][0 if k == 1 else 1]
            fr = frame(data, stamp, pagesize, label, SEVERAL[p.several], day_max=probe.day_size)
        yield fr, label, cols, p


def draw_signs(c: Canvas, event: Event, options: BuildOptions,
               only: set[tuple[str, date]] | None = None) -> list[tuple[str, str, int]]:
    """Draw the selected signs (all when ``only`` is None) as pages onto an existing canvas; return
    each sign's bookmark key, outline entry and number of pages, in the order drawn.

    Every page sets its own size, is drawn, and is finished with ``showPage``;
    call it when the canvas's current page is empty and ``save`` afterwards.
    """
    pagesize = page_size(options)
    drawn = []
    for room, day in event.room_days():
        if only is not None and (room.id, day.date) not in only:
            continue
        data, pages = _fitted_pages(event, room, day, pagesize)
        key = f"sign-{room.id}-{day.date:%Y-%m-%d}"
        outline = f"{room.name} {theme.EN_DASH} {data.day_label}"
        drawn.append((key, outline, len(pages)))
        for k, (fr, label, cols, p) in enumerate(pages):
            c.setPageSize(pagesize)
            if k == 0:
                c.bookmarkPage(key)
                c.addOutlineEntry(outline, key, level=0)
            draw_header(c, fr, data)
            width = fr.w - 2 * fr.margin
            col_w = width if p.columns == 1 else (width - COLUMN_GAP * fr.s) / 2
            for i, blocks in enumerate(cols):
                _draw_column(c, blocks, p, fr.margin + i * (col_w + COLUMN_GAP * fr.s), fr.schedule_top, col_w, fr.s)
            draw_footer(c, fr)
            c.showPage()
    return drawn


def draw_pieces(c: Canvas, event: Event, options: BuildOptions, keys: list[str]) -> None:
    """The signs of ``keys`` (sign keys: room id/date), as the full run draws them: reprint.pdf."""
    only = {(k.split("/", 1)[0], date.fromisoformat(k.split("/", 1)[1])) for k in keys}
    draw_signs(c, event, BuildOptions(size=options.size), only=only)


def _fitted_pages(event: Event, room, day, pagesize) -> tuple[SignData, list]:
    """The sign's data and pages; an item too long for a whole sheet is shortened a step at a time
    (shorten.py), each step with a warning naming the item, until it fits."""
    data = written = sign_data(event, room, day)
    items = door_items(room, day)
    while True:
        try:
            return data, list(_pages(data, as_of(event), pagesize, event.language))
        except TooTall as e:
            if e.row is None or e.row >= len(items):
                raise
            data = shorten.step(event, data, written, e.row, items[e.row], room, day)


def render(event: Event, options: BuildOptions) -> list[Artifact]:
    """all-signs.pdf, drawn once, and each sign's own file from its pages there (kit/replay.py): the
    same pages, with all-signs.pdf's font subsets, its bookmark and its title."""
    pagesize = page_size(options)  # an unknown size fails before anything is drawn
    buf = io.BytesIO()
    every = common.new_canvas(buf, pagesize, event, f"Door signs {theme.EN_DASH} {event.name}", "Door signs",
                              maker=RecordingCanvas)
    drawn = draw_signs(every, event, options)
    snapshot = every.font_snapshot()
    every.save()
    out, first = [], 0
    for (room, day), (key, outline, n) in zip(event.room_days(), drawn):
        title = f"{room.name} {theme.EN_DASH} {i18n.day(event, day.date)} {theme.EN_DASH} {event.name}"
        out.append(Artifact(sign_path(room.id, day.date),
                            _own_file(event, pagesize, title, every, snapshot, range(first, first + n), key, outline)))
        first += n
    out.append(Artifact("signs/all-signs.pdf", buf.getvalue()))
    return out


def _own_file(event: Event, pagesize, title: str, every: RecordingCanvas, snapshot, pages: range, key: str,
              outline: str) -> bytes:
    """One sign's file: its pages of all-signs.pdf (``every``), as draw_signs drew them."""
    buf = io.BytesIO()
    c = target_canvas(buf, pagesize, snapshot, lambda b, size: common.new_canvas(b, size, event, title, "Door signs"),
                      lambda target: logo.define_like(every, target))
    for k in pages:
        c.setPageSize(pagesize)
        if k == pages[0]:
            c.bookmarkPage(key)
            c.addOutlineEntry(outline, key, level=0)
        place(c, every.recorded[k], every.recorded_qr[k])
        c.showPage()
    c.save()
    return buf.getvalue()
