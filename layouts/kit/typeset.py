"""Typography applied to printed text at layout time; the content stays as written.

``hyphenator`` decides which words the booklet's running text may break: only long
lowercase words (never names, which are capitalised, nor short words), and each part at
least three letters, so that ragged-right lines rarely end in a hyphen.

Paragraphs whose style sets ``ep_hyphen_run`` (every style of the booklet) never end more
than that many lines in a row with a hyphen: ReportLab has no such rule, so its line breaking
is wrapped once, here, and a paragraph that breaks a third line in a row is broken again with
that word kept whole.

Paragraphs of plain text (no markup, no entities: most names and titles) skip ReportLab's
markup parser: their one fragment is copied from the style's, which the parser makes once per
style. A fifth of a large booklet's time was that parser; the fragments are the parser's own.
Paragraphs with simple markup (a name in bold, a page number behind a link) are read by
paraparse.py, also into the parser's own fragments.

``quotes`` turns typewriter quotes into typographic ones: ' as an apostrophe (Amazon’s,
BMVC’13, ’90s) or as single quotes ‘…’, " as “…”. Web and e-mail addresses are left
exactly as they are (a quote in a URL is part of the address). text.markup calls it, so
every Paragraph of the booklet gets it; nothing else needs to know.
"""
from __future__ import annotations

import copy
import re
import weakref
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from eventprint import i18n
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.platypus.paragraph import Paragraph
from reportlab.platypus.paraparser import ParaParser

from . import hyphenation, paraparse

# addresses are never touched: scheme://..., www...., name@host.tld
_ADDRESS = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
_OPENERS = set(" \t\n\u00a0([{\u2014\u2013-/\u2018\u201c")

LSQUO, RSQUO, LDQUO, RDQUO = "\u2018", "\u2019", "\u201c", "\u201d"


# The language whose quotation marks quotes() sets when it is given none: a layout sets it for
# what it draws (``with typeset.language(event.language):``), so that the many places that set
# text through text.markup need not each pass it on.
_LANGUAGE: ContextVar[str] = ContextVar("quotes_language", default="en")


@dataclass(frozen=True)
class _Written:
    """The texts of talks in another language than the event's, as written and as printed
    (typographic quotes), with that language; and what ``language_of`` found for a line."""
    languages: dict[str, str] = field(default_factory=dict)
    found: dict[str, str | None] = field(default_factory=dict)


_WRITTEN: ContextVar[_Written] = ContextVar("written_in", default=_Written())


@contextmanager
def language(lang):
    """Set text in ``lang``, a language tag, or the Event: its language, and for each text of a
    talk in another language (its title, abstract, note) that talk's (``language_of``)."""
    tag = getattr(lang, "language", lang)
    tokens = [(_LANGUAGE, _LANGUAGE.set(tag))]
    if not isinstance(lang, str):
        tokens.append((_WRITTEN, _WRITTEN.set(_written(lang))))
    try:
        yield
    finally:
        for var, token in reversed(tokens):
            var.reset(token)


def _written(event) -> _Written:
    out: dict[str, str] = {}
    for it in event.items:
        if it.language and it.language != event.language:
            for text in (it.title.display, it.title.text, it.abstract, it.note):
                if text:
                    out.setdefault(text, it.language)
                    out.setdefault(quotes(text, event.language), it.language)
    return _Written(out)


def language_of(text: str) -> str:
    """The language ``text`` (a line of it) is written in: its talk's, where it is part of a title,
    abstract or note of a talk that says it is in another language than the event; else the
    event's. The Chinese face a Han character takes, and the shaper's local forms, follow it."""
    written = _WRITTEN.get()
    if written.languages:
        found = written.found.get(text, "")
        if found == "":
            found = written.languages.get(text)
            if found is None:
                line = text.rstrip("-")  # a line of the text, or a line that holds it ("Talk: <title>")
                found = next((lang for whole, lang in written.languages.items() if line in whole or whole in line),
                             None)
            written.found[text] = found
        if found:
            return found
    return _LANGUAGE.get()


def quotes(text: str, lang: str | None = None) -> str:
    """``text`` with typographic quotes and apostrophes, addresses untouched; double quotes are
    the language's („…“ in German, « … » in French), single ones and apostrophes ‘ ’."""
    if "'" not in text and '"' not in text:
        return text
    pair = i18n.quotes(lang or _LANGUAGE.get())
    out: list[str] = []
    pos = 0
    for m in _ADDRESS.finditer(text):
        out.append(_quotes(text[pos:m.start()], text[pos - 1] if pos else "", pair))
        out.append(m.group())
        pos = m.end()
    out.append(_quotes(text[pos:], text[pos - 1] if pos else "", pair))
    return "".join(out)


def _quotes(part: str, before: str, pair: tuple[str, str] = (LDQUO, RDQUO)) -> str:
    chars = list(part)
    for i, ch in enumerate(chars):
        if ch not in "'\"":
            continue
        prev = chars[i - 1] if i else before
        nxt = chars[i + 1] if i + 1 < len(chars) else ""
        opening = prev == "" or prev in _OPENERS
        if ch == "'":
            # an apostrophe after a letter or digit (Amazon's, BMVC'13), or eliding digits ('90s)
            chars[i] = LSQUO if opening and not nxt.isdigit() else RSQUO
        else:
            chars[i] = pair[0] if opening else pair[1]
    return "".join(chars)


HYPHENATE_MIN = 10  # letters: shorter words move to the next line whole


@lru_cache(maxsize=8)
def hyphenator(language: str):
    """A ReportLab hyphenator (word -> (head, tail) pairs) for a pyphen language, '' for none."""
    if not language:
        return ""
    dic = hyphenation.dictionary(language, left=3, right=3)

    def pairs(word: str):
        if len(word) < HYPHENATE_MIN or not word.isalpha() or not word.islower():
            return []
        return list(dic.iterate(word))

    return pairs


MAX_HYPHEN_RUN = 2
_HYPHENATED = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"^\W*(\w+)")


def _line_texts(bl) -> list[str]:
    if bl.kind == 0:
        return [" ".join(words) for _, words in bl.lines]
    return ["".join(getattr(f, "text", "") for f in line.words) for line in bl.lines]


def _over_long_run(lines: list[str], limit: int) -> str | None:
    """The word broken at the end of the first line that makes a run of more than ``limit``."""
    run = 0
    for i, line in enumerate(lines):
        m = _HYPHENATED.search(line.rstrip())
        run = run + 1 if m else 0
        if run > limit and i + 1 < len(lines):
            tail = _FIRST_WORD.match(lines[i + 1])
            return m.group(1) + (tail.group(1) if tail else "")
    return None


def _keeping_whole(hyphenate, words: frozenset[str]):
    def pairs(word: str):
        return [] if word.strip(".,;:!?()[]\"'\u2018\u2019\u201c\u201d") in words else hyphenate(word)
    return pairs


_break_lines = Paragraph.breakLines


# Plain paragraphs of the same text in the same style broken at the same width: the same lines (a
# booklet sets each talk's time, room and day line many times over; 6,000 breaks, 1,800 different).
# Kept with what breaking sets on the paragraph; lines are only read once made (split copies them).
_broken: dict[tuple, tuple] = {}


def _break_lines_limited(self, width):
    plain = self.__dict__.get("_ep_plain")
    if plain is None:
        return _break_lines_once(self, width)
    key = (*plain, self.bulletText, tuple(width) if isinstance(width, list) else width)
    found = _broken.get(key)
    if found is None:
        bl = _break_lines_once(self, width)
        if len(_broken) >= 4096:
            _broken.clear()
        _broken[key] = (bl, self._width_max, self.height, self._splitLongWordCount, self._hyphenations)
        return bl
    bl, self._width_max, self.height, self._splitLongWordCount, self._hyphenations = found
    return bl


def _break_lines_once(self, width):
    bl = _break_lines(self, width)
    limit = getattr(self.style, "ep_hyphen_run", 0)
    hyphenate = getattr(self.style, "hyphenationLang", "")
    if not limit or not callable(hyphenate):
        return bl
    whole: set[str] = set()
    style = self.style
    try:
        for _ in range(50):  # each round keeps one more word whole
            word = _over_long_run(_line_texts(bl), limit)
            if word is None or word in whole:
                return bl
            whole.add(word)
            self.style = copy.copy(style)
            self.style.hyphenationLang = _keeping_whole(hyphenate, frozenset(whole))
            bl = _break_lines(self, width)
        return bl
    finally:
        self.style = style


Paragraph.breakLines = _break_lines_limited

_draw = Paragraph.draw


def _draw_kept(self):
    """``Paragraph.draw``; a plain paragraph's lines (shared by every paragraph of the same text,
    style and width: _break_lines_limited) drawn at the same size are drawn once per canvas and
    their operators repeated: what it draws is in its own space (drawOn moved the origin), sets
    no state that outlasts it (saveState) and holds no links."""
    bl = self.__dict__.get("blPara")
    if self.__dict__.get("_ep_plain") is None or bl is None or bl.kind != 0 or type(self) is not Paragraph \
            or "_offsets" in self.__dict__:
        return _draw(self)
    code = self.canv._code
    memo = self.canv.__dict__.setdefault("_eventprint_paragraphs", {})
    key = (id(bl), self.width, self.height)
    found = memo.get(key)
    if found is None:
        start = len(code)
        _draw(self)
        memo[key] = (bl, code[start:])  # bl kept: its id stays its own
    else:
        code.extend(found[1])


Paragraph.draw = _draw_kept


# -- plain paragraphs ---------------------------------------------------------------------------

_setup = Paragraph._setup
_fragments: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # style -> its plain fragment


def _plain_fragment(style):
    """What the parser makes of one plain word in ``style`` (styles are not changed once made)."""
    found = _fragments.get(style)
    if found is None:
        _, frags, _ = ParaParser().parse("x", style)
        found = _fragments[style] = frags[0]
    return found


# Put before the markup of a paragraph that reads right to left (textruns.markup): its Paragraph
# is set flush right. A right-to-left mark, which content never holds (content/fields.py).
RTL_PARAGRAPH = "\u200f"
_right: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # style -> the same, set flush right


def _flush_right(style):
    if style.alignment not in (TA_LEFT, TA_JUSTIFY):
        return style
    found = _right.get(style)
    if found is None:
        found = _right[style] = copy.copy(style)
        found.alignment = TA_RIGHT
    return found


def _setup_plain(self, text, style, bulletText, frags, cleaner):
    if type(text) is str and RTL_PARAGRAPH in text:
        text, style = text.replace(RTL_PARAGRAPH, ""), _flush_right(style)
    if (frags is None and type(text) is str and "<" not in text and "&" not in text
            and not getattr(style, "textTransform", None)):
        text = cleaner(text)
        frag = copy.copy(_plain_fragment(style))
        frag.text, frag.link, frag.us_lines = text, [], []
        self._ep_plain = (style, text)  # its lines depend on nothing else (_break_lines_limited)
        return _setup(self, text, style, bulletText, [frag] if text else [], cleaner)
    return _setup(self, text, style, bulletText, frags, cleaner)


Paragraph._setup = _setup_plain
paraparse.install()  # the simple markup of the rest, without the HTML parser (paraparse.py)
