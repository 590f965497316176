"""Problems found in content, phrased for organisers rather than programmers.

Every problem knows the file and line it came from and says how to fix it, so
the command line can print ``file:line: what is wrong — how to fix`` and stop
without a traceback.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field


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


class BuildError(Exception):
    """A problem found while laying out (text that cannot fit, a glyph no font has).

    The message already names the person, talk or field and how to fix it.
    """


class TooLong(BuildError):
    """Text that does not fit even at the smallest size; ``text`` is the whole of it, so that the
    build can name the line it was written on when the message cannot."""

    def __init__(self, message: str, text: str = ""):  # ReportLab re-raises with the message only
        super().__init__(message)
        self.text = text


class QRTooDense(BuildError):
    """A QR code whose modules would be too small to scan: the build names the line of its address
    (``url``: the base_url it is made from, or the page's own url)."""

    def __init__(self, message: str, url: str = ""):
        super().__init__(message)
        self.url = url
