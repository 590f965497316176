"""Problems found in content, phrased for organisers rather than programmers.

Every problem knows the file and line it came from and says how to fix it, so
the command line can print ``file:line: what is wrong — how to fix`` and stop
without a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str  # path as the user should see it, e.g. "content/people.yaml"
    line: int  # 1-based; 0 when the problem is about a whole file
    what: str  # what is wrong
    fix: str  # how to fix it
    warning: bool = False  # warnings do not stop a build

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
    """A QR code whose modules would be too small to scan: the build names base_url's line."""
