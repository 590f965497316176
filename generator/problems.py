"""Problems found in content, phrased for organisers rather than programmers.

Every problem knows the file and line it came from and says how to fix it, so
the command line can print ``file:line: what is wrong — how to fix`` and stop
without a traceback.
"""
from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePath


class Group(enum.Enum):
    """What kind of warning a problem is: ``check`` lists them by group, in this order — what
    stops printing first (a draft stops --final; conflicts and the loader's other warnings stop
    --strict), then what is printed wrong, then what is merely missing. The value is the heading."""

    DRAFT = "Draft: the QR codes point nowhere (--final refuses to build it)"
    OVERLAP = "Two items in one room at once"
    DOUBLE_BOOKING = "A person in two places at once"
    STALE_OVERRIDE = "Overrides of things no longer imported"
    REGISTRATION_MATCH = "Registrations matched to programme people uncertainly, or listed twice"
    EMAIL = "E-mail addresses in printed text (printed and published as written)"
    REGISTRATIONS = "The registration list"
    NO_BADGE = "Registrations without a badge (pending, expired or cancelled orders)"
    TEXT_CUT = "Text too long, cut"
    SHORTENED = "Text shortened to fit its place"
    BRAND = "The event's logo, colour and type family (brand:)"
    OTHER = "Other warnings"
    UNNAMED_VENUE = "Venues without a name: left out of every output"
    NO_LINK = "No web page to open: printed without a QR code"
    UNCONFIRMED = "Titles not confirmed yet"
    NO_ABSTRACT = "Talks without an abstract"
    NO_ROLE = "People with no part in the programme"
    NAME_VARIANTS = "Names that look like two spellings of one name"
    NO_STAMP = "No 'updated' stamp"
    LANGUAGE = "The event's language"
    NO_BIO = "People without a bio"
    NO_AFFILIATION = "People without a position or affiliation"


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path as the user should see it, e.g. "content/people.yaml"
    line: int  # 1-based; 0 when the problem is about a whole file
    what: str  # what is wrong
    fix: str  # how to fix it
    warning: bool = False  # warnings do not stop a build
    group: Group | None = field(default=None, compare=False)  # for check's listing; None: Group.OTHER

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.what} \u2014 {self.fix}"


class ContentError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class LayoutWarning(UserWarning):
    """Text a layout had to shorten to print (``warnings.warn``; the message is
    ``file:line: what — how to fix``): the build goes on, the build and ``check`` list it."""


class LayoutNote(LayoutWarning):
    """What a layout chose that the user should know (the booklet's binding, and why): the build
    prints it with its other lines; ``check`` does not count it as a warning."""


Where = tuple[str, int]  # (file as shown to the user, line); ("", 0): not known
# Where an organiser corrects an imported value: a section of overrides.yaml, the entry's id
# ("" for the event) and its key ("" when the problem is about the whole entry).
Entry = tuple[str, str, str]


class Shortened(LayoutWarning):
    """Text a layout printed cut short (ending in "…") or left out, because it does not fit even
    at the output's smallest size: ``what`` and ``fix`` as a Problem has them. The build says where
    it is written (``Origins.note``): at ``at`` when the layout knows (an item's line), else where
    ``text`` was read; ``entry`` is the override that corrects it in an imported event."""

    def __init__(self, what: str, fix: str, text: str = "", at: Where = ("", 0), entry: Entry | None = None):
        super().__init__(f"{what} \u2014 {fix}")
        self.what, self.fix, self.text, self.at, self.entry = what, fix, text, at, entry


_LABEL = re.compile(r"[^:]{1,40}: ")  # "Keynote: ", "Session chair: "
_JOINED = re.compile(r",\s|\s+\u00b7\s")  # how layouts join texts: addresses, hosts, a room and its venue
IMPORTED = "imported"  # the folder ``eventprint import`` writes and replaces on every import


def imported(file: str) -> bool:
    """Whether ``file`` is one the import writes (and the next import replaces)."""
    return PurePath(file).parent.name == IMPORTED


def override(entry: Entry, value: str = "\u2026") -> str:
    """The line to add to overrides.yaml for ``entry``: 'rooms: {hall-a: {name: "…"}}'."""
    section, ident, key = entry
    inner = f"{key}: \"{value}\"" if key else "\u2026"
    return f"{section}: {{{inner}}}" if section == "event" else f"{section}: {{{ident}: {{{inner}}}}}"


@dataclass(frozen=True)
class Origins:
    """Where the content's texts are written, and how a problem about one is told: the model keeps
    no line for a venue's, a room's or the event's texts, and a value of an imported event is
    corrected in overrides.yaml, never at its line in imported/ (the next import replaces it)."""

    places: Mapping[str, Where] = field(default_factory=dict)  # text -> where it was first read
    entries: Mapping[Where, Entry] = field(default_factory=dict)  # a line of imported/ -> its override
    overrides: str = ""  # overrides.yaml as shown, for an imported event; "" for a hand-written one

    def where(self, text: str) -> Where | None:
        """Where ``text`` was read; for text a layout made of it, where its first part was: a joined
        address or list of hosts (the longest text read that starts it, then a separator), else
        the text after a label ("Keynote: ...") or the first separator ("As of ... · ")."""
        found = self.places.get(text)
        if found is not None or not text:
            return found
        for start in reversed([text[:m.start()] for m in _JOINED.finditer(text)]):  # the longest first
            if start in self.places:
                return self.places[start]
        label = _LABEL.match(text) or _JOINED.search(text)  # or what follows an "as of" stamp, a time
        return self.where(text[label.end():]) if label else None

    def problem(self, p: Problem, entry: Entry | None = None) -> Problem:
        """``p`` as the organiser should read it: about a value the import wrote, it names the id and
        the key to set in overrides.yaml (``entry``, else the one written at ``p``'s line) instead of
        the imported file's line. The one place this is decided, for content, check and layouts."""
        if not imported(p.file) or not self.overrides:
            return p
        entry = entry or self.entries.get((p.file, p.line))
        if entry is None:
            return p
        if "overrides.yaml" in p.fix:  # the fix says where already
            return replace(p, file=self.overrides, line=0, fix=f"{p.fix} ({override(entry)})")
        return replace(p, file=self.overrides, line=0, fix=f"{p.fix}; set it in overrides.yaml: {override(entry)}")

    def note(self, w: Shortened) -> str:
        """A layout's warning, told at the place its text is written (or at its override)."""
        at = w.at if w.at[0] else self.where(w.text) or ("", 0)
        if not at[0]:
            return str(w)
        return str(self.problem(Problem(at[0], at[1], w.what, w.fix, warning=True), w.entry))


class BuildError(Exception):
    """A problem found while laying out that no output can print around (a QR code too dense to
    scan); text that does not fit is never one: it is cut short, with a ``Shortened`` warning.

    The message already names the person, talk or field and how to fix it.
    """


class QRTooDense(BuildError):
    """A QR code whose modules would be too small to scan: the build names the line of its address
    (``url``: the base_url it is made from, or the page's own url)."""

    def __init__(self, message: str, url: str = ""):
        super().__init__(message)
        self.url = url
