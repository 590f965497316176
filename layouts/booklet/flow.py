"""Flowables and paragraph styles of the programme booklet.

Kept apart from the page plan in booklet.py: these are small, generic pieces
(an invisible anchor that records its page, a QR code, a block that sits at the
foot of the frame) that know nothing about a particular event.
"""
from __future__ import annotations

from functools import lru_cache

import pyphen
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer

from ..kit import common, theme, typeset
from ..kit.text import draw

# booklet-only type sizes (pt); the shared BODY and SMALL come from the theme
TITLE_SIZE = 15
H1_SIZE = 17
H2_SIZE = 11.5
LABEL_SIZE = 7
GLANCE_SIZE = 8.2
URL_SIZE = 7  # nothing printed under 7 pt


def hyphenation_language(language: str) -> str:
    """The pyphen dictionary for a BCP 47 tag ('en' -> 'en_GB'); '' when pyphen has none."""
    tag = language.replace("-", "_")
    preferred = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT", "nl": "nl_NL"}
    for candidate in (preferred.get(tag.lower(), tag), tag):
        found = pyphen.language_fallback(candidate)
        if found:
            return found
    return ""


def styles(language: str) -> dict[str, ParagraphStyle]:
    """Every paragraph style of the booklet, hyphenating in the event's language, set in the
    family of the event's brand (theme.branded)."""
    return _styles(language, theme.family())


@lru_cache(maxsize=8)
def _styles(language: str, family) -> dict[str, ParagraphStyle]:
    hy = hyphenation_language(language)
    base = ParagraphStyle("ep-body", fontName=theme.FONT, fontSize=theme.BODY,
                          leading=theme.leading(theme.BODY), textColor=theme.INK,
                          hyphenationLang=typeset.hyphenator(hy), hyphenationMinWordLength=typeset.HYPHENATE_MIN,
                          embeddedHyphenation=1, uriWasteReduce=0.3)

    base.ep_hyphen_run = typeset.MAX_HYPHEN_RUN

    def s(name: str, parent: ParagraphStyle = base, **kw) -> ParagraphStyle:
        out = ParagraphStyle(f"ep-{name}", parent=parent, **kw)
        out.ep_hyphen_run = typeset.MAX_HYPHEN_RUN  # at most two hyphenated lines in a row
        return out

    # ragged-right: justified A5 columns stretched word spaces and piled up hyphens; only long
    # lowercase words break (typeset.hyphenator), never a name
    body = s("body", alignment=TA_LEFT, spaceAfter=4, allowWidows=0, allowOrphans=0)  # no lone line
    out = {
        "body": body,
        "body-left": s("body-left", alignment=TA_LEFT, spaceAfter=4),
        "h1": s("h1", fontName=theme.FONT_BOLD, fontSize=H1_SIZE, leading=theme.leading(H1_SIZE),
                textColor=theme.ACCENT, spaceAfter=10, keepWithNext=1, hyphenationLang=""),
        "h2": s("h2", fontName=theme.FONT_BOLD, fontSize=H2_SIZE, leading=theme.leading(H2_SIZE),
                textColor=theme.INK, spaceBefore=9, spaceAfter=3, keepWithNext=1),
        "label": s("label", fontName=theme.FONT_BOLD, fontSize=LABEL_SIZE, leading=theme.leading(LABEL_SIZE) + 1,
                   textColor=theme.ACCENT, spaceBefore=10, spaceAfter=3, hyphenationLang=""),
        "meta": s("meta", fontName=theme.FONT_BOLD, fontSize=theme.SMALL, leading=theme.leading(theme.SMALL),
                  textColor=theme.ACCENT, spaceAfter=5, keepWithNext=1, hyphenationLang=""),
        "title": s("title", fontName=theme.FONT_BOLD, fontSize=TITLE_SIZE, leading=round(TITLE_SIZE * 1.22, 2),
                   textColor=theme.INK, spaceAfter=9, keepWithNext=1, hyphenationLang=""),
        "title-tbc": s("title-tbc", fontName=theme.title_face(theme.FONT_BOLD, False)[0], fontSize=TITLE_SIZE,
                       leading=round(TITLE_SIZE * 1.22, 2), textColor=theme.MUTED, spaceAfter=9),
        "speaker": s("speaker", fontName=theme.FONT_BOLD, fontSize=10, leading=theme.leading(10),
                     keepWithNext=1, hyphenationLang=""),
        "bio-name": s("bio-name", fontName=theme.FONT_BOLD, spaceBefore=2, spaceAfter=1, keepWithNext=1,
                      hyphenationLang=""),
        "affil": s("affil", fontSize=8, leading=theme.leading(8), textColor=theme.MUTED, spaceAfter=5,
                   keepWithNext=1),
        "note": s("note", fontName=theme.FONT_ITALIC, fontSize=8.5, leading=theme.leading(8.5),
                  textColor=theme.MUTED, spaceAfter=4),
        "small": s("small", fontSize=theme.SMALL, leading=theme.leading(theme.SMALL), textColor=theme.MUTED),
        "url": s("url", fontSize=URL_SIZE, leading=theme.leading(URL_SIZE), textColor=theme.MUTED,
                 hyphenationLang="", splitLongWords=1, alignment=TA_RIGHT, spaceBefore=2, spaceAfter=2),
        "g-time": s("g-time", fontName=theme.FONT_BOLD, fontSize=GLANCE_SIZE, leading=theme.leading(GLANCE_SIZE),
                    hyphenationLang=""),
        "g-what": s("g-what", fontName=theme.FONT_BOLD, fontSize=GLANCE_SIZE, leading=theme.leading(GLANCE_SIZE),
                    hyphenationLang=""),
        "g-who": s("g-who", fontSize=GLANCE_SIZE - 0.7, leading=theme.leading(GLANCE_SIZE - 0.7),
                   textColor=theme.MUTED),
        "g-where": s("g-where", fontSize=GLANCE_SIZE - 0.7, leading=theme.leading(GLANCE_SIZE - 0.7),
                     textColor=theme.MUTED),
        "g-pause": s("g-pause", fontSize=GLANCE_SIZE, leading=theme.leading(GLANCE_SIZE), textColor=theme.MUTED),
        "g-chair": s("g-chair", fontName=theme.FONT_ITALIC, fontSize=GLANCE_SIZE - 0.7,
                     leading=theme.leading(GLANCE_SIZE - 0.7), textColor=theme.ACCENT),
        "room": s("room", fontName=theme.FONT_BOLD, fontSize=H2_SIZE + 1, leading=theme.leading(H2_SIZE + 1),
                  textColor=theme.ACCENT, spaceBefore=16, spaceAfter=1, keepWithNext=1, hyphenationLang=""),
        "room-meta": s("room-meta", fontSize=theme.SMALL, leading=theme.leading(theme.SMALL), textColor=theme.MUTED,
                       spaceAfter=1, keepWithNext=1, hyphenationLang=""),
        "g-url": s("g-url", fontSize=7, leading=theme.leading(7), textColor=theme.MUTED, hyphenationLang="",
                   splitLongWords=1, spaceAfter=4, keepWithNext=1),
        "toc": s("toc", fontSize=10, leading=theme.leading(10), hyphenationLang=""),
        "toc-sub": s("toc-sub", fontSize=9, leading=theme.leading(9), textColor=theme.INK, leftIndent=10,
                     hyphenationLang=""),
        "toc-page": s("toc-page", fontSize=9.5, leading=theme.leading(10), alignment=TA_RIGHT, hyphenationLang=""),
        "ix-name": s("ix-name", fontSize=9, leading=theme.leading(9), hyphenationLang=""),
        "ix-affil": s("ix-affil", fontSize=7, leading=theme.leading(7), textColor=theme.MUTED),
        "ix-role": s("ix-role", fontSize=7.5, leading=theme.leading(9), textColor=theme.MUTED, hyphenationLang=""),
        "ix-pages": s("ix-pages", fontSize=9, leading=theme.leading(9), alignment=TA_RIGHT, hyphenationLang=""),
    }
    for style in out.values():  # ReportLab sets Paragraphs itself: the brand's faces by name
        style.fontName = theme.face(style.fontName)
    return out


class Anchor(Flowable):
    """Invisible: records the page it lands on, bookmarks it, and sets the running header.

    ``doc.anchors[key]`` gets the 1-based page number; an outline entry is added
    when ``outline`` is given.
    """

    def __init__(self, key: str, outline: str | None = None, level: int = 0, running: str | None = None,
                 keys: tuple[str, ...] = (), headed: bool = False):
        super().__init__()
        self.key, self.outline, self.level, self.running = key, outline, level, running
        self.headed = headed  # a heading right below says ``running``: that page's running head stays empty
        self.keys = keys  # further keys recorded on the same page (items of a time slot)
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        c = self.canv
        doc = c._doctemplate
        page = c.getPageNumber()
        for k in (self.key, *self.keys):
            doc.anchors.setdefault(k, page)
        for k in (self.key, *self.keys):  # every key is a link target
            c.bookmarkPage(k, fit="XYZ", top=c._pagesize[1], left=0)
        if self.outline is not None:
            c.addOutlineEntry(self.outline, self.key, level=self.level)
        if self.running is not None:
            doc.running = self.running
            if self.headed:
                doc.__dict__.setdefault("headed_pages", set()).add((page, self.running))


class QRCode(Flowable):
    """A vector QR code (common.draw_qr): white square, quiet zone, error level M."""

    def __init__(self, url: str, size: float, what: str):
        super().__init__()
        self.url, self.size, self.what = url, size, what

    def wrap(self, aw, ah):
        return self.size, self.size

    def draw(self):
        common.draw_qr(self.canv, self.url, 0, 0, self.size, what=self.what)


class Deferred(Flowable):
    """Stands for content that can only be made once layout has reached it.

    ``make(doc)`` is called when the frame reaches this flowable (so every
    anchor before it has its page) and returns the flowables to lay out instead.
    It works through platypus' own splitting: a deferred flowable never fits,
    and splitting it yields the real content.
    """

    def __init__(self, make, with_room: bool = False):
        super().__init__()
        self.make = make
        self.with_room = with_room  # make(doc, ah): also told the height left on the page

    def wrap(self, aw, ah):
        return aw, ah + 1e6

    def split(self, aw, ah):
        doc = self.canv._doctemplate
        made = list(self.make(doc, ah) if self.with_room else self.make(doc))
        return made or [Spacer(0, 0)]

    def draw(self):  # never drawn: always split
        pass


class PageRef(Flowable):
    """A page number that is only known after layout (the contents page).

    It draws a form XObject named after the anchor; ``define_page_forms`` fills
    the forms in once layout is over, so the number is real text in the PDF.
    """

    def __init__(self, key: str, width: float, size: float, font: str = theme.FONT):
        super().__init__()
        self.key, self.width, self.size, self.font = key, width, size, font
        self.height = theme.leading(size)

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c._doctemplate.pagerefs[self.key] = (self.width, self.height, self.font, self.size)
        c.doForm(page_form_name(self.key))
        c.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


def page_form_name(key: str) -> str:
    return "pg-" + key


def define_page_forms(c, pagerefs: dict, anchors: dict[str, int]) -> None:
    """Fill in every PageRef's form with the page its anchor landed on."""
    for key in sorted(pagerefs):
        w, h, font, size = pagerefs[key]
        c.beginForm(page_form_name(key), 0, 0, w, h)
        draw(c, str(anchors[key]), w, h - size * 1.02, font, size, theme.INK, align="right")
        c.endForm()
