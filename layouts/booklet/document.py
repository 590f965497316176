"""The programme booklet: A5 pages in reading order, and the same pages imposed for saddle-stitching.

Contents, in order: cover; contents; practical information; programme at a
glance (one page or more per day; a time x room grid where rooms run in parallel);
the talks one after another, in programme order or grouped by room
(booklet_sections says when), each with its abstract or, in "none" mode, as a
compact entry with its address online (how much: ``abstracts_for``); speaker
index; notes pages as needed to reach a multiple of four; back cover.
Each part has its module (booklet_pages, booklet_front, booklet_glance,
booklet_grid, booklet_sections, booklet_talks, sharing booklet_base); this one
makes the document from them.

Page numbers in the contents, the at-a-glance tables and the index are only
known after layout, so the booklet is laid out twice: the first pass records
where every anchor lands, the second prints those numbers (and is checked to
land them on the same pages). A third layout onto ``ImposingCanvas`` writes the
imposed file from the very same story.
"""
from __future__ import annotations

import functools
import io
import warnings

from eventprint import i18n
from eventprint.draft import is_draft
from eventprint.fonts import check_literal
from eventprint.model import Event
from eventprint.options import BuildOptions, OptionError
from eventprint.output import Artifact
from eventprint.problems import BuildError, LayoutNote
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
)
from reportlab.platypus.doctemplate import LayoutError

from ..kit import common, logo, theme, typeset
from .base import (
    ABSTRACTS,
    FRAME_W,
    LABELS,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    NOTES,
    PAGE_H,
    Ctx,
    talk_key,
)
from .flow import Anchor, Deferred, define_page_forms, styles
from .front import contents, practical
from .glance import glance
from ..kit.replay import RecordingCanvas
from .impose import OFFICE_A4, impose, press
from .master import SADDLE, binding, note, print_master
from .pages import draw_back, draw_cover, draw_notes, draw_running
from .sections import by_room, room_head, sections
from .talks import speaker_index, talk_entry, talk_page

# a section that follows another on the same page needs this much room left, else it
# starts the next page: a third of the frame
SECTION_KEEP = (PAGE_H - MARGIN_TOP - MARGIN_BOTTOM) / 3


# --------------------------------------------------------------------------
# the document
# --------------------------------------------------------------------------


class _Doc(BaseDocTemplate):
    """A5 document with cover, content, notes and back-cover page templates."""

    def __init__(self, target, event: Event, subject: str):
        super().__init__(
            target, pagesize=theme.A5_PORTRAIT, invariant=1, pageCompression=1,
            title=f"{event.name} {theme.EN_DASH} {i18n.tr(event, 'Programme')}", author=", ".join(event.hosts),
            subject=subject, creator="eventprint", keywords=event.name, lang=event.language,
            displayDocTitle=1, initialFontName=theme.face(theme.FONT), initialFontSize=theme.BODY, leftMargin=MARGIN_X,
            rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM)
        self.event = event
        self.anchors: dict[str, int] = {}
        self.pagerefs: dict[str, tuple] = {}
        self._doSave = 0  # _layout saves, after filling in the page-number forms
        self.running = ""
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
        self.addPageTemplates([
            PageTemplate("cover", [frame], onPage=lambda c, d: draw_cover(c, event)),
            PageTemplate("content", [frame], onPageEnd=draw_running),
            PageTemplate("notes", [frame], onPageEnd=draw_notes),
            PageTemplate("back", [frame], onPage=lambda c, d: draw_back(c, event)),
        ])


# --------------------------------------------------------------------------
# story
# --------------------------------------------------------------------------


def _story(ctx: Ctx) -> list:
    ev = ctx.event
    story: list = [Anchor("cover", outline=None), NextPageTemplate("content"), PageBreak()]
    story += contents(ctx)
    story += [CondPageBreak(SECTION_KEEP)] + practical(ctx)
    for i, day in enumerate(ev.days):  # the first day follows the practical information when it can
        if i == 0:
            story += [CondPageBreak(SECTION_KEEP),
                      Deferred(lambda doc, room, day=day: glance(ctx, day, first=True, room=room), with_room=True)]
        else:
            story += [PageBreak()] + glance(ctx, day, first=False)
    days = [d for d in ev.days if ctx.talks_part(d)]
    if days:
        story.append(PageBreak())
    entry = talk_page if ctx.talk_pages else talk_entry  # "none": a compact entry with its address online
    for day in days:  # talks follow one another, days too; grouped by room where booklet_sections says
        first = True
        for room, talks in sections(ctx, day):
            grouped = room is not None or by_room(day)
            for j, item in enumerate(talks):
                head = room_head(ctx, day, room, talks) if grouped and j == 0 else None
                story += entry(ctx, day, item, first=first, room_head=head, level=2 if grouped else 1)
                first = False
    story += [CondPageBreak(SECTION_KEEP), Deferred(lambda doc, room: speaker_index(ctx, doc.anchors, room), with_room=True),
              Deferred(_padding)]
    return story


def _padding(doc: _Doc) -> list:
    """Notes pages after the index so that, with the back cover, the count is a multiple of 4."""
    notes = (-(doc.canv.getPageNumber() + 1)) % 4
    out: list = []
    if notes:
        out += [NextPageTemplate("notes"), PageBreak(), Anchor("notes", outline=NOTES)]
        out += [PageBreak()] * (notes - 1)
    return out + [NextPageTemplate("back"), PageBreak(), Anchor("back")]


# --------------------------------------------------------------------------
# render
# --------------------------------------------------------------------------


def _new_canvas(event: Event, subject: str):
    """The imposed file's canvas maker: common.new_canvas with the booklet's title."""
    def make(buf, pagesize):
        return common.new_canvas(buf, pagesize, event, f"{event.name} {theme.EN_DASH} {i18n.tr(event, 'Programme')}",
                                 f"{subject}, {i18n.date_range(event, event.first_date, event.last_date)}")
    return make


def abstracts_for(event: Event, choice: str | None = None) -> str:
    """How much of each talk the booklet carries: ``choice`` when given, else by event size,
    so that the booklet stays one a person can carry (under ~200 A5 pages): full abstracts
    and bios up to 150 talks (a synthetic 150-talk event: 172 pages), the abstract's first
    paragraph up to 200 (180 pages; 400 talks would take 348), programme and index only above
    (900 talks in 35 rooms: 164 pages, of which 58 of grids, 68 of compact entries, 34 of index)."""
    if choice is not None:
        if choice not in ABSTRACTS:
            raise OptionError(f"the booklet cannot print abstracts {choice!r}; choose one of {', '.join(ABSTRACTS)}")
        return choice
    talks = sum(1 for d in event.days for it in d.items if it.is_talk)
    return "full" if talks <= 150 else "first-paragraph" if talks <= 200 else "none"


def layout(event: Event, abstracts: str | None = None, imposed: bool = True) -> tuple[bytes, bytes, dict[str, int]]:
    """Both PDFs of the office (single pages, imposed on A4) and the page of every anchor; with
    ``imposed`` False the imposed one is left out (b""), for callers that only read the pages."""
    single, office, _, anchors = layout_all(event, abstracts, imposed)
    return single, office, anchors


def layout_all(event: Event, abstracts: str | None = None,
               imposed: bool = True) -> tuple[bytes, bytes, bytes, dict[str, int]]:
    """The three PDFs (single pages, imposed on A4 for the office, imposed on SRA3 for the press)
    and the page of every anchor."""
    files, anchors, _ = layout_files(event, abstracts, imposed, SADDLE if imposed else None)
    return files.get("booklet.pdf", b""), files.get("booklet-imposed.pdf", b""), files.get("booklet-press.pdf", b""), anchors


def layout_files(event: Event, abstracts: str | None = None, print_files: bool = True,
                 bound: str | None = None) -> tuple[dict[str, bytes], dict[str, int], int]:
    """The booklet's files by name, the page of every anchor and the page count: the reading copy; with
    ``print_files`` also the print master and, for a saddle stitch (``bound``, else the binding
    the page count gives: ``master.binding``), the 2-up impositions for the office and the press."""
    buf = io.BytesIO()
    doc = _Doc(buf, event, f"Programme booklet, {i18n.date_range(event, event.first_date, event.last_date)}")
    try:
        with typeset.language(event.language):  # the quotation marks of text set on its pages
            doc.build(_story(Ctx(event, styles(event.language), abstracts_for(event, abstracts))),
                      canvasmaker=functools.partial(RecordingCanvas, draft=is_draft(event),
                                                    stamp=common.stamp_of(event),
                                                    palette=theme.palette(event.brand)))
    except BuildError as e:
        raise _own(e) from None
    except LayoutError:
        raise BuildError(_layout_problem(event, doc)) from None
    c: RecordingCanvas = doc.canv
    pages = len(c.recorded)
    if pages % 4:
        raise BuildError(f"the booklet came out at {pages} pages, not a multiple of 4; please report this")

    def forms(canvas):
        define_page_forms(canvas, doc.pagerefs, doc.anchors)
        if canvas is not c:  # the imposed files replay the pages: the logo they place, too
            logo.define_like(c, canvas)

    forms(c)
    snapshot = c.font_snapshot()
    c.save()
    files = {"booklet.pdf": buf.getvalue()}
    if not print_files:
        return files, dict(doc.anchors), pages
    files["booklet-print.pdf"] = print_master(c.recorded, theme.A5_PORTRAIT, snapshot, _new_canvas(
        event, "Programme booklet, single A5 pages with 3 mm bleed, for a print shop that imposes"), forms, c.recorded_qr)
    if (bound or binding(event, pages)[0]) == SADDLE:
        files["booklet-imposed.pdf"] = impose(c.recorded, theme.A5_PORTRAIT, OFFICE_A4, snapshot, _new_canvas(
            event, "Programme booklet imposed 2-up on A4 for saddle-stitching"), forms, c.recorded_qr)
        files["booklet-press.pdf"] = impose(c.recorded, theme.A5_PORTRAIT, press(event.paper_thickness), snapshot, _new_canvas(
            event, "Programme booklet imposed on SRA3 for the press: bleed, crop and fold "
            f"marks, creep {event.paper_thickness:g} mm a sheet"), forms, c.recorded_qr)
    return files, dict(doc.anchors), pages


def _own(e: BuildError) -> BuildError:
    """Our message, without what ReportLab adds when it re-raises an error from a page callback
    ("handle_pageBegin args=() ..."): the original is the re-raised one's context."""
    while isinstance(e.__context__, BuildError):
        e = e.__context__
    return e


def _layout_problem(event: Event, doc: _Doc) -> str:
    """What did not fit, for a LayoutError (a block taller than a page): the talk laid out last."""
    talks = {talk_key(it): it for d in event.days for it in d.items}
    last = next((talks[k] for k in reversed(doc.anchors) if k in talks), None)
    if last is None:
        return ("a part of the booklet is taller than a page — shorten the longest texts (event name, "
                "information, titles) in the content")
    where = f"{last.source_file}:{last.source_line}: " if last.source_file else ""
    return (f"{where}the talk '{last.id}' (or what follows it) does not fit on a booklet page — shorten its "
            "title, speaker list or abstract")


def render(event: Event, options: BuildOptions) -> list[Artifact]:
    if options.size not in (None, "A5"):
        raise OptionError(f"the booklet is A5 only; drop --size {options.size}")
    if not event.days:
        raise BuildError("the programme has no days, so there is no booklet to print")
    for label in LABELS:
        check_literal(i18n.tr(event, label))
    files, _, pages = layout_files(event, abstracts_for(event, options.booklet_abstracts or event.booklet_abstracts))
    warnings.warn(LayoutNote(note(event, pages)))
    return [Artifact(name, files[name]) for name in BOOKLET_FILES if name in files]


# the booklet's files, in the order the build lists them
BOOKLET_FILES = ("booklet.pdf", "booklet-print.pdf", "booklet-imposed.pdf", "booklet-press.pdf")
