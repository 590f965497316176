"""Read YAML safely, keeping the line of every value and exactly the text written.

We build values from PyYAML's event stream ourselves (no object construction,
no recursion) so that:

- every mapping, list and scalar remembers its file and line for error messages;
- every plain scalar stays the text written: a room ``1.10`` is "1.10", not 1.1;
  ``10:30`` and ``2024-09-16`` stay text (we parse times and dates ourselves);
  only ``true``/``false`` are booleans (so the loader can say "put it in quotes")
  and ``~``/``null``/nothing is "no value";
- duplicate keys, merge keys and tags (``!!python/object:...``) are reported,
  not silently kept or dropped;
- hostile files cannot hang or exhaust the machine: nesting depth is limited,
  a recursive alias is refused and aliases may not multiply the data ("billion
  laughs"); each is reported with its line;
- control characters (a raw byte, or an escape like ``"\\0"``) are errors, so they
  never reach a web page or calendar file.

``decode_source`` turns a file's bytes into text, or into a one-line problem
naming the line and column of the first bad byte.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem
from .reference import HINT

MAX_DEPTH = 32  # blocks inside blocks; our files need 5
MAX_ALIAS_NODES = 10_000  # values that aliases may add on top of those written out


@dataclass
class Located:
    """A value with where it was written."""

    value: Any
    file: str
    line: int


@dataclass
class LMap:
    """A YAML mapping: values by key, with each key's line."""

    file: str
    line: int
    items: dict[str, Located] = field(default_factory=dict)

    def get(self, key: str) -> Located | None:
        return self.items.get(key)


@dataclass
class LList:
    file: str
    line: int
    items: list[Located] = field(default_factory=list)


# --------------------------------------------------------------------------
# bytes -> text
# --------------------------------------------------------------------------

# Unicode's control characters (Cc) and lone surrogates (Cs), less tab and line breaks: one
# compiled search instead of a category lookup per character (content files are read whole)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X}"


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def control_problem(text: str, file: str) -> Problem | None:
    """The first raw control character in ``text`` (tab and line breaks are fine), as a problem."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    line, col = _position(text, found.start())
    return Problem(file, line, f"column {col} holds an invisible control character ({_char_name(found.group())})",
                   "delete it; retype the text around it if unsure where it is")


def decode_source(data: bytes, file: str) -> str | Problem:
    """A content file's bytes as text, or a Problem naming the line and column of the first bad byte.

    UTF-8 only (a UTF-8 byte-order mark is accepted and dropped; CRLF line ends
    are fine). Raw control characters are refused here, with their position,
    because YAML's own message for them has no line and spans two lines.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(file, 1, "this file is UTF-16 text, not UTF-8",
                       "save it as UTF-8 in your editor (Save As, encoding UTF-8)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        start = e.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        col = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        guess = ""
        try:
            data.decode("cp1252")
            guess = "; the file looks like Latin-1 or Windows-1252 text"
        except UnicodeDecodeError:
            pass
        return Problem(file, line, f"byte 0x{data[start]:02X} in column {col} is not UTF-8 text{guess}",
                       "save the file as UTF-8 in your editor (Save As, encoding UTF-8)")
    if text.startswith("\ufeff"):
        text = text[1:]
    return control_problem(text, file) or text


# --------------------------------------------------------------------------
# text -> values
# --------------------------------------------------------------------------


def _scalar(ev: yaml.ScalarEvent) -> Any:
    """A plain scalar's value: text, except the words for yes/no and "nothing"."""
    if not ev.implicit[0]:  # quoted or block: always text
        return ev.value
    v = ev.value
    if v in ("", "~", "null", "Null", "NULL"):
        return None
    if v in ("true", "True", "TRUE"):
        return True
    if v in ("false", "False", "FALSE"):
        return False
    return v  # "1.10", "1_000", "10:30", "0x1F": exactly as written


def _line(ev) -> int:
    return ev.start_mark.line + 1


class _Stop(Exception):
    """A problem after which the rest of the file cannot be read safely."""


@dataclass
class _Open:
    """A mapping or list being read; ``size`` counts its values including those aliases add."""

    located: Located
    anchor: str | None
    size: int = 1
    key: tuple[str, int] | None = None  # mapping: the key waiting for its value
    bad_key: bool = False  # mapping: the key waiting for its value was not plain text


_SCALAR = yaml.ScalarEvent


class _Builder:
    def __init__(self, file: str, problems: list[Problem]):
        self.file, self.problems = file, problems
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Located, int, str | None]] = {}
        self.alias_nodes = 0
        self.root: Located | None = None
        self.documents = 0

    def bad(self, line: int, what: str, fix: str) -> None:
        self.problems.append(Problem(self.file, line, what, fix))

    def refuse_tag(self, ev) -> None:
        if getattr(ev, "tag", None) is not None:
            tag = ev.tag.replace("tag:yaml.org,2002:", "!!")
            self.bad(_line(ev), f"YAML tags like '{tag}' are not allowed here",
                     "delete the tag; write the value as plain text")

    def check_text(self, text: str, line: int) -> None:
        found = _CONTROL.search(text)
        if found is not None:
            self.bad(line, f"this text contains an invisible control character ({_char_name(found.group())})",
                     "delete it (an escape like \\0, \\x.. or \\u.. in double quotes writes one)")

    def event(self, ev) -> None:
        if type(ev) is _SCALAR:  # most events (30,000 of a large event's 35,000): the same steps, inline
            line = ev.start_mark.line + 1
            if ev.tag is not None:
                self.refuse_tag(ev)
            if _CONTROL.search(ev.value) is not None:
                self.check_text(ev.value, line)
            loc = Located(_scalar(ev), self.file, line)
            if ev.anchor is not None:
                self.remember(ev.anchor, loc, 1, ev.value)
            self.add(loc, 1, ev.value)
        elif isinstance(ev, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.bad(_line(ev), "this file holds a second YAML document (after '---')",
                         "keep everything in one document: delete the second '---' line")
                raise _Stop
        elif isinstance(ev, yaml.ScalarEvent):
            self.refuse_tag(ev)
            self.check_text(ev.value, _line(ev))
            loc = Located(_scalar(ev), self.file, _line(ev))
            self.remember(ev.anchor, loc, 1, ev.value)
            self.add(loc, 1, ev.value)
        elif isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.refuse_tag(ev)
            if len(self.stack) >= MAX_DEPTH:
                self.bad(_line(ev), f"blocks are nested more than {MAX_DEPTH} deep here",
                         f"`{HINT}` shows how the file is laid out")
                raise _Stop
            line = _line(ev)
            value = LMap(self.file, line) if isinstance(ev, yaml.MappingStartEvent) else LList(self.file, line)
            if ev.anchor is not None:
                self.anchors.pop(ev.anchor, None)  # a redefined anchor: *a inside it is recursive
            self.stack.append(_Open(Located(value, self.file, line), ev.anchor))
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            done = self.stack.pop()
            self.remember(done.anchor, done.located, done.size, None)
            self.add(done.located, done.size, None)
        elif isinstance(ev, yaml.AliasEvent):
            self.alias(ev)

    def alias(self, ev: yaml.AliasEvent) -> None:
        line = _line(ev)
        if any(o.anchor == ev.anchor for o in self.stack):
            self.bad(line, f"'*{ev.anchor}' refers to the block it is written in (a loop)",
                     "write the values out instead of the alias")
            raise _Stop
        if ev.anchor not in self.anchors:
            self.bad(line, f"'*{ev.anchor}' refers to no '&{ev.anchor}' written before it",
                     "define the anchor first or write the value out")
            raise _Stop
        loc, size, raw = self.anchors[ev.anchor]
        self.alias_nodes += size
        if self.alias_nodes > MAX_ALIAS_NODES:
            self.bad(line, f"aliases ('*{ev.anchor}') repeat more than {MAX_ALIAS_NODES:,} values in this file",
                     "write the values out instead of repeating them through aliases")
            raise _Stop
        self.add(Located(loc.value, self.file, line), size, raw)

    def remember(self, anchor: str | None, loc: Located, size: int, raw: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = (loc, size, raw)

    def add(self, loc: Located, size: int, raw: str | None) -> None:
        """Put a finished value into the open block; ``raw`` is a scalar's text as written (keys use it)."""
        if not self.stack:
            self.root = loc
            return
        top = self.stack[-1]
        top.size += size
        parent = top.located.value
        if isinstance(parent, LList):
            parent.items.append(loc)
            return
        if top.key is None and not top.bad_key:  # this is a key
            if raw is None:
                self.bad(loc.line, "a key here is not plain text", "write keys as simple words like 'name:'")
                top.bad_key = True
            else:
                top.key = (raw, loc.line)
            return
        if top.bad_key:  # the value of a key we refused
            top.bad_key = False
            return
        key, kline = top.key
        top.key = None
        if key == "<<":
            self.bad(kline, "merge keys ('<<') are not supported", "write the fields out in full")
            return
        if key in parent.items:
            first = parent.items[key].line
            self.bad(kline, f"'{key}' is written twice in the same block (first on line {first})",
                     "keep one of them and delete the other")
            return
        # a value is located at its key: "key: value" is where the user looks
        parent.items[key] = Located(loc.value, self.file, kline)


# libyaml's C parser when present (several times faster on large events); the events are the same.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def read_yaml(text: str, file: str, problems: list[Problem]) -> Located | None:
    """Parse one YAML document; every problem is appended to ``problems``, never raised.

    Returns None when the file cannot be read at all (bad syntax, a loop, too deep).
    """
    raw = control_problem(text.removeprefix("\ufeff"), file)
    if raw:
        problems.append(raw)
        return None
    builder = _Builder(file, problems)
    try:
        for ev in yaml.parse(text, Loader=_LOADER):
            builder.event(ev)
    except _Stop:
        return None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        reason = _one_line(e.problem or e.context or "invalid YAML")
        problems.append(Problem(
            file, line, f"this is not valid YAML ({reason})",
            "check indentation and that text containing ': ' or '#' is in quotes"))
        return None
    except yaml.YAMLError as e:  # pragma: no cover - non-marked errors are rare
        problems.append(Problem(file, 0, f"this is not valid YAML ({_one_line(e)})",
                                "check the file's indentation and quoting"))
        return None
    if builder.root is None:
        return Located(None, file, 1)
    return builder.root
