"""HTML, Markdown and plain text from exports → eventprint's plain text.

eventprint's text is paragraphs separated by one blank line, each paragraph one
line with single spaces, bullets as paragraphs starting with "• ". That is
exactly what the loader makes of a block of text, so what we write reads back
unchanged. Links keep their text; a working web address is added in brackets when
it differs from the text; a broken one (curly quotes, a missing quote) and a
mailto: address (private data) are dropped.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

BULLET = "\u2022 "
_HTML_HINT = re.compile(r"</?(p|br|a|ul|ol|li|div|em|strong|b|i|h[1-6]|span|blockquote|code|pre)\b[^>]*>", re.I)
_URL = re.compile(r"^(https?://|mailto:)[^\s\"'<>\u201c\u201d\u201e\u2018\u2019]+$")
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section",
           "article", "header", "footer", "table", "dl", "dt", "dd", "figure", "hr"}


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def as_text(v) -> str:
    """Whatever an export put in a text field, as text: None, booleans, lists and
    objects that are not a {"en": ...} name become "" rather than an exception.
    Invisible control characters (a stray BEL or NUL in an export) are dropped: our
    loader refuses them, and they print nothing anyway."""
    if isinstance(v, str):
        return _CONTROLS.sub("", v)
    if isinstance(v, bool) or v is None:
        return ""
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, dict):
        for k in ("en", *sorted(map(str, v))):
            if isinstance(v.get(k), str) and v[k]:
                return _CONTROLS.sub("", v[k])
    return ""


def clean_line(s) -> str:
    """One line of text: whitespace collapsed (titles, names)."""
    return " ".join(as_text(s).split())


def join_paragraphs(paragraphs) -> str | None:
    paras = [clean_line(p) for p in paragraphs]
    text = "\n\n".join(p for p in paras if p)
    return text or None


def to_plain(s) -> str | None:
    """Any export text (HTML, Markdown or plain) → our plain text, or None if empty."""
    s = as_text(s)
    if not s.strip():
        return None
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_HINT.search(s):
        return html_to_plain(s)
    return markdown_to_plain(s)


# ---------------------------------------------------------------------------
class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paras: list[str] = []
        self.cur: list[str] = []
        self.lists: list[list] = []  # per open list: [ordered, counter]
        self.href: list[str | None] = []
        self.link_start: list[int] = []
        self.skip = 0

    def flush(self) -> None:
        text = clean_line("".join(self.cur))
        if text and text not in (BULLET.strip(),):
            self.paras.append(text)
        self.cur = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in _BLOCKS or tag == "br":
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self.flush()
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                self.cur.append(f"{self.lists[-1][1]}. ")
            else:
                self.cur.append(BULLET)
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.href.append(href.strip())
            self.link_start.append(len("".join(self.cur)))

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS or tag == "li":
            self.flush()
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag == "a" and self.href:
            href, start = self.href.pop(), self.link_start.pop()
            label = clean_line("".join(self.cur)[start:])
            if _URL.match(href) and not href.startswith("mailto:") and href.rstrip("/") != label.rstrip("/"):
                self.cur.append(f" ({href})" if label else href)

    def handle_data(self, data):
        if not self.skip:
            self.cur.append(data)


def html_to_plain(s: str) -> str | None:
    p = _Html()
    p.feed(s)
    p.close()
    p.flush()
    return join_paragraphs(p.paras)


# ---------------------------------------------------------------------------
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)\)")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPH = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![*\w])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![*\w])")
_MD_CODE = re.compile(r"`([^`]+)`")


def _md_link(m: re.Match) -> str:
    label, url = m.group(1).strip(), m.group(2)
    if m.group(0).startswith("!") or not _URL.match(url) or url.startswith("mailto:") \
            or url.rstrip("/") == label.rstrip("/"):
        return label or (url if _URL.match(url) else "")
    return f"{label} ({url})" if label else url


def markdown_to_plain(s: str) -> str | None:
    """Markdown-ish text: bullets become "• ", emphasis and link markup go.

    Exports use a single line break both as a line break ("Highlights:\n1) ...")
    and as a hard wrap of a long paragraph (Indico's plain text). A line is joined
    to the one before only when that one looks wrapped: long, and not ending a
    sentence or a heading."""
    out: list[str] = []
    for line in s.split("\n"):
        line = html.unescape(line) if re.search(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", line, re.I) else line
        line = _MD_HEADING.sub("", line)
        if _MD_BULLET.match(line) and not re.match(r"^\s*[-*+]\s*[-*+]\s*[-*+]\s*$", line):
            line = BULLET + _MD_BULLET.sub("", line)
        elif re.match(r"^\s*([-*_]\s*){3,}$", line):
            line = ""
        line = _MD_LINK.sub(_md_link, line)
        line = _MD_EMPH.sub(r"\2", line)
        line = _MD_EM.sub(r"\2", line)
        line = _MD_CODE.sub(r"\1", line)
        prev = out[-1].rstrip() if out else ""
        if (len(prev) >= _WRAPPED and not prev.endswith((".", ":", "!", "?", ";"))
                and line.strip() and not line[:1].isspace() and not line.startswith(BULLET)
                and not _NUMBERED.match(line)):
            out[-1] = prev + " " + line.strip()
        else:
            out.append(line)
    return join_paragraphs(out)


_WRAPPED = 60  # a line at least this long that ends mid-sentence was wrapped by its writer
_NUMBERED = re.compile(r"^\s*(\d+|[a-z])[.)]\s")
