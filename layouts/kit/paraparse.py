"""ReportLab's paragraph markup read without its HTML parser, for the markup our layouts write.

``ParaParser`` feeds every paragraph through ``html.parser.HTMLParser``, whose regular
expressions and bookkeeping cost some 80 microseconds a paragraph: 0.2 s of a 900-talk
booklet, whose index and talk entries are 2,800 paragraphs of a name in bold or a page number
behind a link. The markup text.markup and the layouts write is simple: a few tags with
double-quoted attributes, the entities ``escape`` writes, and text. Such a paragraph is cut
into its tags, entities and text runs by one regular expression, and each piece is handed to
the parser's own handlers, in the order and with the arguments HTMLParser would hand them: the
fragments (fonts, colours, links, line breaks) are the parser's own. Anything else (other
quoting, character references, comments, a stray ``<``) goes to the parser as before.
tests/test_booklet.py compares the fragments of both ways.
"""
from __future__ import annotations

import re

from reportlab.platypus.paraparser import ParaParser

# one piece of markup: a start or end tag with double-quoted attributes (values without markup
# characters, so HTMLParser would not unescape them), a named entity, or a run of text
_PIECE = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][a-zA-Z0-9]*="[^"<>&]*")*)\s*(/?)>'
                    r"|&([a-zA-Z][a-zA-Z0-9]*);"
                    r"|[^<&]+")
_ATTRIBUTE = re.compile(r'([a-zA-Z][a-zA-Z0-9]*)="([^"]*)"')
# elements HTMLParser reads in a mode of their own (their content is not markup)
_CDATA = frozenset(("script", "style"))

_parse = ParaParser.parse


def _pieces(text: str) -> list[tuple] | None:
    """The markup's pieces as (kind, ...) in order, or None if any of it is outside the subset."""
    out: list[tuple] = []
    pos, end = 0, len(text)
    while pos < end:
        m = _PIECE.match(text, pos)
        if m is None:
            return None
        closing, tag, attributes, empty, entity = m.groups()
        if tag is not None:
            tag = tag.lower()
            if tag in _CDATA or tag == "para" or (closing and (attributes or empty)):
                return None
            if closing:
                out.append(("end", tag))
            else:
                attrs = [(k.lower(), v) for k, v in _ATTRIBUTE.findall(attributes)]
                out.append(("empty" if empty else "start", tag, attrs))
        elif entity is not None:
            out.append(("entity", entity))
        else:
            out.append(("text", m.group()))
        pos = m.end()
    return out


def parse(self: ParaParser, text, style):
    """``ParaParser.parse``: what the HTMLParser it is built on would hand its handlers, handed
    to them directly when ``text`` is markup of the simple kind; otherwise the parser's own way."""
    pieces = _pieces(text) if type(text) is str else None
    if pieces is None:
        return _parse(self, text, style)
    self._setup_for_parse(style)
    try:
        self.handle_starttag("para", [])  # parse() wraps the text in <para>...</para>
        for piece in pieces:
            kind = piece[0]
            if kind == "text":
                self.handle_data(piece[1])
            elif kind == "start":
                self.handle_starttag(piece[1], piece[2])
            elif kind == "end":
                self.handle_endtag(piece[1])
            elif kind == "empty":
                self.handle_startendtag(piece[1], piece[2])
            else:
                self.handle_entityref(piece[1])
        self.handle_endtag("para")
    except Exception:  # the parser's own way, with its own message
        return _parse(self, text, style)
    return self._complete_parse()


def install() -> None:
    """Read simple markup directly from now on (in this process); safe to call again."""
    ParaParser.parse = parse


def uninstall() -> None:
    """The parser's own reading again (for the test that compares the two)."""
    ParaParser.parse = _parse
