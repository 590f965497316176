"""The booklet's talks (head with QR code, abstract, speakers), following one another with a
rule between them, and the speaker index, whose page numbers are known only once the talks
are laid out.

A talk starts on the current page when its head, the abstract's label and the first
lines fit there; otherwise on the next one, so no head is stranded at a page foot.
"""
from __future__ import annotations

import warnings

from eventprint import i18n, links
from eventprint.model import Day, Item, Person
from eventprint.problems import Shortened
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Table

from ..kit import theme
from ..kit.programme import language_tag
from ..kit.text import markup as _m
from ..kit.fitted import shown
from ..kit.text import markup_lines
from ..kit.fitting import shortened
from .base import (
    FRAME_W,
    INDEX,
    LABEL_KEEP,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_H,
    Ctx,
    day_talks_key,
    glance_key,
    heading,
    link,
    place,
    qr_size,
    talk_key,
    tstyle,
)
from .flow import Anchor, QRCode
from .row import Row
from .sections import keep_height, keep_with
from .sections import talk_entry as compact_entry

INDEX_GAP = 6 * mm  # between the index's two columns
INDEX_PAGES_W = 12 * mm  # the page numbers' column
INDEX_NAME_LINES, INDEX_ABOUT_LINES = 3, 4  # at most, in an index entry: a longer one is cut short
SEPARATOR_SPACE = 16  # pt above the rule that separates two talks
SEPARATOR_PAD = 10  # pt between that rule and the next talk's head
CHUNK = 2000  # characters: a longer paragraph is set as several (body_paragraphs)
# the tallest head (title and speakers beside the QR code) kept in one piece: half a page
HEAD_MAX = (PAGE_H - MARGIN_TOP - MARGIN_BOTTOM) / 2


def talk_page(ctx: Ctx, day: Day, item: Item, first: bool, room_head: list | None = None, level: int = 1) -> list:
    """One talk as flowables; ``first``: the day's first talk, under the day's heading;
    ``room_head``: the first talk of a room section, under that heading (booklet_sections)."""
    ev, st = ctx.event, ctx.st
    out: list = []
    # head: when, what and who on the left; the QR code to the talk's page on the right
    url = links.talk_url(ev, item)  # None: no page to open (links.py), so no code and no address
    size = qr_size(url) if url else 0
    meta = [i18n.tr(ev, item.kind.label), i18n.day_short(ev, day.date), i18n.time_range_text(ev, item.start, item.end), place(item, day, ev)]
    meta += [language_tag(ev, item)] if language_tag(ev, item) else []
    qr_col = size + 4 * mm if url else 0
    title_style = st["title"] if item.title.confirmed else st["title-tbc"]
    title = markup_lines(item.title.display, title_style.fontName, title_style.fontSize, FRAME_W - qr_col)
    head: list = [Paragraph(_m(f"  {theme.MIDDOT}  ".join(meta)), st["meta"]), Paragraph(title, title_style)]

    def speaker_list(affil: ParagraphStyle) -> list:
        out = []
        for p in item.speakers:
            out.append(Paragraph(_m(p.name), st["speaker"]))
            lines = ([p.position] if p.position else []) + list(p.affiliations)
            out.append(Paragraph("<br/>".join(_m(x) for x in lines) if lines else "", affil))
        return out
    under_head = first or bool(room_head)
    def head_table(cell: list) -> Row:
        code = [QRCode(url, size, what=f"QR code of talk '{item.id}'")] if url else []
        return Row([cell, code], [FRAME_W - qr_col, qr_col],
                   padding=(0, 0, 0 if under_head else SEPARATOR_PAD, 0), align=("LEFT", "RIGHT"),
                   rule_above=None if under_head else (0.8, theme.RULE),
                   space_before=0 if under_head else SEPARATOR_SPACE)
    table = head_table(head + speaker_list(st["affil"]))
    speakers: list = []
    if table.wrap(FRAME_W, PAGE_H)[1] > HEAD_MAX:
        # a table row cannot break across pages: a long speaker list follows the head instead,
        # each speaker kept with their affiliation only (one chain of them would not fit either)
        table = head_table(head)
        speakers = speaker_list(ParagraphStyle(f"{st['affil'].name}-free", parent=st["affil"], keepWithNext=0))
        if table.wrap(FRAME_W, PAGE_H)[1] > HEAD_MAX:  # a title of half a page: it flows on, under the code
            table = head_table(head[:1])
            speakers = head[1:] + speakers
    link_line = [Paragraph(_m(i18n.tr(ev, "Abstract online: ") + url), st["url"])] if url else []
    # the head, the online line and the abstract's label with its first lines go together
    keep = (table.wrap(FRAME_W, PAGE_H)[1] + (0 if under_head else SEPARATOR_SPACE)
            + sum(x.wrap(FRAME_W, PAGE_H)[1] for x in link_line) + LABEL_KEEP)
    heads = (day_head(ctx, day) if first else []) + (room_head or [])
    out += [CondPageBreak(keep + keep_height(heads))] + heads
    out += [Anchor(talk_key(item), outline=f"{i18n.clock(ev, item.start)} {item.title.display}", level=level,
                   running=i18n.day(ev, day.date)), table, *speakers, *link_line]
    if item.chairs:
        names = ", ".join(p.name for p in item.chairs)
        out.append(Paragraph(_m(i18n.ntr(ev, "Chair: {names}", "Chairs: {names}", len(item.chairs), names=names)), st["note"]))
    if item.note:
        out.append(Paragraph(_m(item.note), st["note"]))
    out += [CondPageBreak(LABEL_KEEP), Paragraph(_m(i18n.tr(ev, "ABSTRACT")), st["label"])]
    if item.abstract:
        paras = item.abstract.split("\n\n")
        if ctx.abstracts == "first-paragraph":
            paras = paras[:1]
        for para in paras:
            out += body_paragraphs(para.strip(), st["body"])
    else:
        out.append(Paragraph(_m(i18n.tr(ev, "The abstract will be published online.")), st["note"]))
    with_bio = [p for p in item.speakers if p.bio] if ctx.abstracts == "full" else []
    if with_bio:
        out += [CondPageBreak(LABEL_KEEP),
                Paragraph(_m(i18n.ntr(ev, "ABOUT THE SPEAKER", "ABOUT THE SPEAKERS", len(with_bio))), st["label"])]
        for p in with_bio:
            paras = p.bio.split("\n\n")
            if len(with_bio) > 1:
                out.append(Paragraph(_m(p.name), st["bio-name"]))
            out += [f for x in paras for f in body_paragraphs(x.strip(), st["body"])]
    return out


def day_head(ctx: Ctx, day: Day) -> list:
    """The heading of a day's talks."""
    text = f"{i18n.tr(ctx.event, 'Talks')} {theme.MIDDOT} {i18n.day(ctx.event, day.date)}"
    return [Anchor(day_talks_key(day), outline=text, level=0), Paragraph(_m(text), ctx.st["h1"])]


def talk_entry(ctx: Ctx, day: Day, item: Item, first: bool, room_head: list | None = None, level: int = 1) -> list:
    """A talk when the booklet is programme and index only: booklet_sections' compact entry, kept
    with the day's and the room's headings above it."""
    heads = (day_head(ctx, day) if first else []) + (room_head or [])
    entry = compact_entry(ctx, day, item, in_room=bool(room_head) or level > 1, level=level)
    return keep_with(heads, entry[-1].wrap(FRAME_W, PAGE_H)[1]) + entry if heads else entry
def chunks(text: str, limit: int = CHUNK) -> list[str]:
    """``text`` in pieces of at most ``limit`` characters, cut after a sentence where one ends
    in the piece's second half, else at a space, else anywhere (one enormous word)."""
    out = []
    while len(text) > limit:
        head = text[:limit]
        cut = head.rfind(". ", limit // 2) + 1 or head.rfind(" ", limit // 2) or limit
        cut = cut if cut > 0 else limit
        out.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return out + [text]


def body_paragraphs(text: str, style: ParagraphStyle) -> list[Paragraph]:
    """One paragraph of running text. ReportLab wraps all of a Paragraph again at every page it
    breaks over, so a very long one (a pasted book chapter as a bio) took time growing with the
    square of its length; pieces of ``CHUNK`` characters, set without space between them,
    keep it linear. Ordinary paragraphs are one piece and print as before."""
    pieces = chunks(text)
    if len(pieces) == 1:
        return [Paragraph(_m(text), style)]
    joined = ParagraphStyle(f"{style.name}-piece", parent=style, spaceAfter=0)
    return [Paragraph(_m(p), joined if i < len(pieces) - 1 else style) for i, p in enumerate(pieces)]


def speaker_index(ctx: Ctx, anchors: dict[str, int], room: float) -> list:
    """The index in two columns, read down the left then the right, its pages filled
    evenly; ``room`` is the height left on the page where it starts."""
    ev, st = ctx.event, ctx.st
    out = heading(ctx, i18n.tr(ev, INDEX), "index")
    people = sorted(ev.people_with_roles, key=lambda p: (p.sort_key, p.id))
    rows = []
    for p in people:
        refs: list[tuple[int, str]] = []
        for it in ev.items_of(p):
            key = talk_key(it) if ctx.talk_keys and it.is_talk and p in it.speakers else glance_key(it)
            refs.append((anchors[key], key))
        seen: dict[int, str] = {}
        for page, key in refs:
            seen.setdefault(page, key)
        pages = ", ".join(link(key, _m(str(page))) for page, key in sorted(seen.items()))
        short = _index_text(p.name, st["ix-name"], INDEX_NAME_LINES, "name", "name", p)
        if short == p.name and p.name.endswith(p.family_name) and p.family_name and p.name != p.family_name:
            name = _m(p.name[: -len(p.family_name)]) + f"<b>{_m(p.family_name)}</b>"
        else:
            name = f"<b>{_m(short)}</b>"
        cell = [Paragraph(name, st["ix-name"])]
        roles = ", ".join(i18n.tr(ev, r.value.capitalize()) for r in p.roles)  # Speaker, Chair, Host
        about = f"{roles} {theme.MIDDOT} {p.affiliation_line}" if p.affiliation_line else roles
        cell.append(Paragraph(_m(_index_text(about, st["ix-affil"], INDEX_ABOUT_LINES, "position and affiliations", "", p)),
                              st["ix-affil"]))
        rows.append([cell, Paragraph(pages, st["ix-pages"])])
    col_w = (FRAME_W - INDEX_GAP) / 2
    entries = [Row(r, [col_w - INDEX_PAGES_W, INDEX_PAGES_W], padding=(0, 0, 3, 3), rule_below=(0.3, theme.RULE))
               for r in rows]
    heights = [t.wrap(col_w, PAGE_H)[1] for t in entries]
    frame_h = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM - 4
    first = room - out[-1].wrap(FRAME_W, PAGE_H)[1] - st["h1"].spaceAfter - 4
    columns = _even_columns(heights, first, frame_h)
    for k in range(0, len(columns), 2):
        if k:
            out.append(PageBreak())
        pair = columns[k:k + 2] + [[]] * (2 - len(columns[k:k + 2]))
        out.append(Table([[[entries[i] for i in c] for c in pair]], colWidths=[col_w + INDEX_GAP, col_w],
                         style=tstyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("RIGHTPADDING", (0, 0), (0, 0), INDEX_GAP),
                                       ("RIGHTPADDING", (1, 0), (1, 0), 0),
                                       ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])))
    return out


def _index_text(text: str, style: ParagraphStyle, lines: int, field: str, key: str, p: Person) -> str:
    """An index entry's text, cut short with a warning where it takes more than ``lines`` lines."""
    short = shortened(text, style.fontName, style.fontSize, (FRAME_W - INDEX_GAP) / 2 - INDEX_PAGES_W, lines)
    if short != text:
        warnings.warn(Shortened(f"the {field} of {shown(p.name)} ({p.id}) in the booklet's speaker index is "
                                f"printed cut short: it takes more than {lines} lines", "shorten it",
                                at=(p.source_file, p.source_line), entry=("people", p.id, key)))
    return short


def _even_columns(heights: list[float], first: float, full: float) -> list[list[int]]:
    """Entries (by index) into columns, two per page: the first page's columns hold ``first``,
    later ones ``full``. The fewest pages, then the smallest columns that still need no
    more pages, so the last page is not a lonely line or two."""
    def fill(scale: float) -> list[list[int]]:
        cols: list[list[int]] = [[]]
        used = 0.0
        for i, h in enumerate(heights):
            cap = (first if len(cols) <= 2 else full) * scale
            if cols[-1] and used + h > cap:
                cols.append([])
                used = 0.0
            cols[-1].append(i)
            used += h
        return cols

    pages = -(-len(fill(1.0)) // 2)
    lo, hi, best = 0.0, 1.0, fill(1.0)
    for _ in range(20):
        mid = (lo + hi) / 2
        trial = fill(mid)
        if -(-len(trial) // 2) <= pages:
            hi, best = mid, trial
        else:
            lo = mid
    return best
