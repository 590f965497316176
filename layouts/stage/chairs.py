"""Chair sheets: for each session chair and day, an A4 sheet of the items they chair, in order.

Each item shows its time, kind, room and title, each speaker's name, position and affiliation and
the first sentences of their bio, and the clock time at which the chair shows the "5 minutes"
card. What a sheet shows is ``Sheet`` (the data); ``pieces`` gives it to the reprint manifest, so
a confirmed title, a moved talk or a new speaker reprints exactly the sheets that show it.
``render`` gives chair-sheets.pdf, or nothing when the programme names no chairs.

A sheet that does not fit one page continues on the next under the same header, marked
"continued"; names and titles never go below their floor sizes (a title too long for five lines
is cut short with a warning, a bio is cut to three lines, an item with more speakers than a page
holds names those that fit and "and N more").
"""
from __future__ import annotations

import io
import re
import warnings
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta

from eventprint import i18n
from eventprint.model import Day, Event, Item, Person
from eventprint.options import BuildOptions, OptionError
from eventprint.output import Artifact, Piece
from eventprint.problems import Shortened
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..kit import common, theme
from ..kit.blocks import Block, Card, Placed, draw_stack, height, place
from ..kit.programme import as_of, where
from ..kit.fitted import shown

# --------------------------------------------------------------------------
# what a sheet shows
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Speaker:
    name: str
    about: str  # position and affiliations, one line
    bio: str  # the bio's first sentences; "" when there is none


@dataclass(frozen=True)
class Entry:
    """One item the chair chairs."""

    item_id: str
    time: str  # "13:00–13:30"
    kind: str  # "KEYNOTE"
    title: str  # Title.display
    confirmed: bool
    room: str  # "" when the item has no room
    five: str  # "5-minute sign: 13:25"; "" for an item of five minutes or less
    speakers: tuple[Speaker, ...]


@dataclass(frozen=True)
class Sheet:
    """Everything one chair's sheet for one day prints except the "as of" stamp."""

    key: str  # person id/date: its id in the reprint manifest
    date: date
    chair: str
    role: str  # "SESSION CHAIR", in the event's language
    day: str  # "Monday 16 September 2024", in the event's language
    event_name: str
    entries: tuple[Entry, ...]


BIO_CHARS = 260  # about three lines of a sheet's bio
_END = re.compile(r"[.!?](?=\s+\S)|[\u3002\uff01\uff1f](?=\s*\S)")  # Chinese and Japanese: no space after
# words a period ends that rarely end a sentence ("Dr. Lin", "Ph.D. from", "e.g. this")
_ABBREVIATIONS = {"dr", "prof", "mr", "mrs", "ms", "st", "jr", "sr", "no", "vs", "etc", "fig", "inc", "ltd", "co",
                  "approx", "dept", "univ"}


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of ``text`` ends: after a ., ! or ? that ends one (not after an
    abbreviation, an initial or a word with a period inside it: Dr., J., Ph.D.), and at the end."""
    ends = []
    for m in _END.finditer(text):
        before = text[:m.start()].split()
        word = before[-1] if before else ""
        if m.group() == "." and (len(word) <= 1 or "." in word or word.lower() in _ABBREVIATIONS):
            continue
        ends.append(m.end())
    return ends + [len(text)]


def first_sentences(text: str, limit: int = BIO_CHARS) -> str:
    """The first sentences of ``text``'s first paragraph, up to about ``limit`` characters (at
    least one sentence; the layout cuts a long one short)."""
    para = " ".join(text.strip().split("\n\n")[0].split())
    ends = sentence_ends(para)
    return para[:max([e for e in ends if e <= limit] or ends[:1])]


def sheets(event: Event) -> list[Sheet]:
    """Every chair's sheet: by day, then in the order the chairs are first needed that day."""
    out = []
    for day in event.days:
        chaired: dict[Person, list[Item]] = {}
        for it in day.items:
            for p in it.chairs:
                chaired.setdefault(p, []).append(it)
        for person, items in sorted(chaired.items(), key=lambda pi: (pi[1][0].start_dt, pi[0].sort_key, pi[0].id)):
            out.append(Sheet(f"{person.id}/{day.date.isoformat()}", day.date, person.name,
                             i18n.tr(event, "Session chair").upper(), i18n.day(event, day.date), event.name,
                             tuple(_entry(event, day, it) for it in items)))
    return out


def _entry(event: Event, day: Day, it: Item) -> Entry:
    five = ""
    if it.minutes > 5:
        sign = (it.end_dt - timedelta(minutes=5)).time()
        five = i18n.tr(event, "5-minute sign: {time}", time=i18n.clock(event, sign))
    return Entry(it.id, i18n.time_range(event, it.start, it.end), i18n.tr(event, it.kind.label).upper(),
                 it.title.display, it.title.confirmed, where(it, "", seen_from=day.venue), five,
                 tuple(Speaker(p.name, p.affiliation_line, first_sentences(p.bio or "")) for p in it.speakers))


def pieces(event: Event, options: BuildOptions) -> dict[str, Piece]:
    """sheet key -> the sheet's Piece: exactly the Sheet it draws."""
    return {s.key: Piece(f"chair sheet {s.chair} {s.date:%A} {s.date.day} {s.date:%B}", asdict(s))
            for s in sheets(event)}


# --------------------------------------------------------------------------
# the page: a header, rows of items (times on the left), a footer
# --------------------------------------------------------------------------

PAGE = theme.PAGE_SIZES["A4"]
MARGIN = 15 * mm  # inside what an office printer prints, far inside the 5 mm safe area
LEFT = 38 * mm  # the times column
GUTTER = 6 * mm
GAP = 2.5 * mm  # the unit of the blocks' space
ROW_PAD = 3 * mm  # above and below each item, inside its rules
BOLD, REGULAR = theme.FONT_BOLD, theme.FONT

HEAD = (Block("role", BOLD, (10, 8), colour=theme.ACCENT),
        Block("chair", BOLD, (30, 16), lines=2, space=0.4),
        Block("day", REGULAR, (14, 10), lines=2, space=0.4))
FOOT = Block("footer", REGULAR, (8, theme.MIN_TYPE), lines=2, colour=theme.MUTED)
TIMES = (Block("time", BOLD, (13, 10)),
         Block("kind", BOLD, (8, theme.MIN_TYPE), colour=theme.ACCENT, space=0.3),
         Block("room", REGULAR, (9, theme.MIN_TYPE), lines=2, colour=theme.MUTED, space=0.3),
         Block("five", BOLD, (10, 8), lines=2, colour=theme.ACCENT, space=0.8))
_TITLE_FACE, _TITLE_COLOUR = theme.title_face(BOLD, False)
TITLE = (Block("title", BOLD, (13, 10), lines=5, how="wrap"),
         Block("title to be confirmed", _TITLE_FACE, (13, 10), lines=5, how="wrap", colour=_TITLE_COLOUR))
SPEAKER = (Block("speaker", BOLD, (11, 9), lines=2, space=0.8),
           Block("position and affiliation", REGULAR, (9, 7.5), lines=2, colour=theme.MUTED),
           Block("bio", REGULAR, (8.5, 7.5), lines=3, how="wrap", quiet=True, space=0.25))


@dataclass(frozen=True)
class Row:
    entry: Entry
    times: list[Placed]
    what: list[Placed]

    @property
    def height(self) -> float:
        return max(height(self.times), height(self.what)) + 2 * ROW_PAD


def _card(sheet: Sheet) -> Card:
    return Card({}, GAP, f"the chair sheet of {shown(sheet.chair)} for {sheet.day}")


def _row(sheet: Sheet, e: Entry, bios: bool = True) -> Row:
    card, right = _card(sheet), PAGE[0] - 2 * MARGIN - LEFT - GUTTER
    times = place(card, TIMES, {"time": e.time, "kind": e.kind, "room": e.room or None, "five": e.five or None}, LEFT)
    what = place(card, TITLE, {"title": e.title if e.confirmed else None,
                               "title to be confirmed": None if e.confirmed else e.title}, right)
    for s in e.speakers:
        what += place(card, SPEAKER, {"speaker": s.name, "position and affiliation": s.about or None,
                                      "bio": (s.bio or None) if bios else None}, right)
    return Row(e, times, what)


def _pages(event: Event, sheet: Sheet) -> list[list[Row]]:
    """The sheet's rows, page by page."""
    body = _body_height(event, sheet)
    pages: list[list[Row]] = [[]]
    for e in sheet.entries:
        row = _fitting_row(event, sheet, e, body)
        if pages[-1] and sum(r.height for r in pages[-1]) + row.height > body:
            pages.append([])
        pages[-1].append(row)
    return pages


def _fitting_row(event: Event, sheet: Sheet, e: Entry, body: float) -> Row:
    """The item's row: an item taller than a page is printed without its bios, then with as many
    of its speakers as fit and "and N more" (with a warning naming the item)."""
    row = _row(sheet, e)
    if row.height <= body:
        return row
    row = _row(sheet, e, bios=False)
    if row.height <= body:
        return row

    def named(keep: int) -> Row:
        more = Speaker(i18n.tr(event, "and {n} more", n=len(e.speakers) - keep), "", "")
        return _row(sheet, replace(e, speakers=e.speakers[:keep] + (more,)), bios=False)
    low, high = 0, len(e.speakers) - 1  # the most speakers named that fit: low fits (none named)
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if named(mid).height <= body else (low, mid - 1)
    it = event.item(e.item_id)
    warnings.warn(Shortened(
        f"the chair sheet of {shown(sheet.chair)} for {sheet.day} names only {low} of the {len(e.speakers)} "
        f"speakers of '{shown(e.title)}' ({e.time}), then 'and {len(e.speakers) - low} more'",
        "shorten the speaker list if that is not enough", at=(it.source_file, it.source_line),
        entry=("items", it.id, "speakers")))
    return named(low)


def _head(event: Event, sheet: Sheet, continued: bool) -> list[Placed]:
    day = f"{sheet.day} {i18n.tr(event, '(continued)')}" if continued else sheet.day
    return place(_card(sheet), HEAD, {"role": sheet.role, "chair": sheet.chair, "day": day}, PAGE[0] - 2 * MARGIN)


def _foot(event: Event, sheet: Sheet) -> list[Placed]:
    return place(_card(sheet), (FOOT,), {"footer": f"{as_of(event)} {theme.MIDDOT} {event.name}"}, PAGE[0] - 2 * MARGIN)


def _body_height(event: Event, sheet: Sheet) -> float:
    """Between the header's rule and the footer: the same on every page (the header keeps its sizes)."""
    return PAGE[1] - 2 * MARGIN - height(_head(event, sheet, True)) - 5 * mm - height(_foot(event, sheet)) - 4 * mm


def _draw_sheet(c: Canvas, event: Event, sheet: Sheet) -> None:
    w, h = PAGE
    inner = w - 2 * MARGIN
    for n, rows in enumerate(_pages(event, sheet)):
        c.setPageSize(PAGE)
        if n == 0:
            c.bookmarkPage(sheet.key)
            c.addOutlineEntry(f"{sheet.chair} {theme.EN_DASH} {sheet.day}", sheet.key, level=0)
        below = draw_stack(c, _head(event, sheet, continued=n > 0), MARGIN, h - MARGIN, inner)
        rule_y = below - 2 * mm
        c.setStrokeColor(theme.ACCENT)
        c.setLineWidth(1.5)
        c.line(MARGIN, rule_y, w - MARGIN, rule_y)
        y = rule_y - 3 * mm
        for k, row in enumerate(rows):
            if k:
                c.setStrokeColor(theme.RULE)
                c.setLineWidth(0.5)
                c.line(MARGIN, y, w - MARGIN, y)
            draw_stack(c, row.times, MARGIN, y - ROW_PAD, LEFT)
            draw_stack(c, row.what, MARGIN + LEFT + GUTTER, y - ROW_PAD, inner - LEFT - GUTTER)
            y -= row.height
        foot = _foot(event, sheet)
        draw_stack(c, foot, MARGIN, MARGIN + height(foot), inner)
        c.showPage()


def _pdf(event: Event, chosen: list[Sheet]) -> bytes:
    buf = io.BytesIO()
    c = common.new_canvas(buf, PAGE, event, f"Chair sheets \u2014 {event.name}",
                          "For each session chair and day: the items they chair, their speakers, and when to "
                          "show the 5-minute card")
    draw_sheets(c, event, chosen)
    c.save()
    return buf.getvalue()


def draw_sheets(c: Canvas, event: Event, chosen: list[Sheet]) -> None:
    for sheet in chosen:
        _draw_sheet(c, event, sheet)


def _check(options: BuildOptions) -> None:
    if options.size not in (None, "A4"):
        raise OptionError(f"chair sheets are A4 only; drop --size {options.size}")


def draw_pieces(c: Canvas, event: Event, options: BuildOptions, keys: list[str]) -> None:
    """The sheets of ``keys`` (person id/date), as the full run draws them: reprint.pdf."""
    draw_sheets(c, event, [s for s in sheets(event) if s.key in set(keys)])


def render(event: Event, options: BuildOptions) -> list[Artifact]:
    _check(options)
    chosen = sheets(event)
    return [Artifact("chair-sheets.pdf", _pdf(event, chosen))] if chosen else []
