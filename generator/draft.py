"""Drafts: a build whose base_url is a placeholder must never reach a press unnoticed.

Every QR code encodes base_url, so a reserved example address (RFC 2606 / 6761:
example.org/.com/.net, *.example, *.test, *.invalid, localhost) prints codes that
open nothing. Such a build still works (a new user's ``make booklet`` on the shipped
content), but every printed page carries a DRAFT mark, the build ends with a warning
naming the line to change, ``check`` lists it, and ``--final`` refuses it.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from .model import Event
from .problems import Problem

_EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
_RESERVED_TLDS = ("example", "test", "invalid", "localhost")
_KEY = re.compile(r"^(\s*)base_url\s*:")


def placeholder_host(base_url: str) -> str | None:
    """The reserved host name of a placeholder address, or None for a real one."""
    host = (urlsplit(base_url).hostname or "").rstrip(".").lower()
    return host if _reserved(host) else None


def _reserved(host: str) -> str | None:
    """The reserved name a host belongs to ('example.org', '.test'), or None."""
    for d in _EXAMPLE_DOMAINS:
        if host == d or host.endswith("." + d):
            return d
    tld = host.rsplit(".", 1)[-1]
    if tld in _RESERVED_TLDS:
        return tld if host == tld else "." + tld
    return None


def is_draft(event: Event) -> bool:
    return placeholder_host(event.base_url) is not None


def _line_of_base_url(path: Path, nested: bool) -> int:
    """1-based line of ``base_url:`` in a YAML file (indented under ``event:`` when nested), else 0."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    for i, line in enumerate(lines, 1):
        m = _KEY.match(line)
        if m and bool(m.group(1)) == nested:
            return i
    return 0


def draft_problem(event: Event, content_dir: str | Path) -> Problem | None:
    """The warning a draft build ends with (and ``check`` lists), at the line that sets base_url."""
    host = placeholder_host(event.base_url)
    if host is None:
        return None
    overrides = Path(content_dir) / "overrides.yaml"
    line = _line_of_base_url(overrides, nested=True) if overrides.is_file() else 0
    if line:
        where = str(overrides)
    else:
        where = event.source_file or str(Path(content_dir) / "event.yaml")
        line = _line_of_base_url(Path(where), nested=False)
    what = (f"base_url {event.base_url} is a placeholder ({_reserved(host)} is reserved for examples): every QR code "
            "points nowhere, so this build is a DRAFT and every printed page says so")
    target = ("set 'base_url:' under 'event:' in overrides.yaml" if Path(where).parent.name == "imported"
              else "set base_url")
    fix = f"{target} to the address where out/site/ will be uploaded, then build with --final (make print) for the press"
    return Problem(where, line, what, fix, warning=True)
