"""Drafts: a build whose links cannot be vouched for must never reach a press unnoticed.

Every QR code opens an address that links.py decides. When that address is a placeholder — a
reserved example domain (RFC 2606 / 6761: example.org/.com/.net, *.example, *.test, *.invalid,
localhost) as base_url or in a page the content names — or when codes should open out/site/ and
no base_url says where it is uploaded, the codes open nothing. Such a build still works (a new
user's ``make booklet`` on the shipped content, a first look at an import), but every printed page
carries a DRAFT mark, the build ends with a warning naming the file and line to change, ``check``
lists it, and ``--final`` refuses it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import links
from .model import Event, Where
from .problems import Problem

_EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
_RESERVED_TLDS = ("example", "test", "invalid", "localhost")
_SECTION = re.compile(r"^event\s*:\s*(\{\s*\})?\s*(#.*)?$")


def placeholder_host(url: str) -> str | None:
    """The reserved host name of a placeholder address, or None for a real one."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
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


@dataclass(frozen=True)
class Doubt:
    """Why the printed links cannot be vouched for, and where that is written (("", 0): nowhere yet)."""

    what: str
    at: Where
    url: str | None  # the placeholder address; None: base_url is missing


def doubt(event: Event) -> Doubt | None:
    """The first reason this event's codes would open nothing, or None when every one can be trusted."""
    if event.links == links.SITE:
        if event.base_url is None:
            return Doubt("no base_url says where out/site/ will be uploaded: every QR code points nowhere",
                         ("", 0), None)
        host = placeholder_host(event.base_url)
        if host:
            return Doubt(f"base_url {event.base_url} is a placeholder ({_reserved(host)} is reserved for examples): "
                         "every QR code points nowhere", event.base_url_at, event.base_url)
    for url, what in links.named(event):
        if placeholder_host(url):
            return _placeholder(url, what, links.origin(event, url))
    return None


def _placeholder(url: str, what: str, at: Where) -> Doubt:
    host = placeholder_host(url)
    return Doubt(f"{what}, {url}, is a placeholder ({_reserved(host)} is reserved for examples): its QR code "
                 "points nowhere", at, url)


def is_draft(event: Event) -> bool:
    return doubt(event) is not None


def draft_problem(event: Event, content_dir: str | Path) -> Problem | None:
    """The warning a draft build ends with (and ``check`` lists), at the file and line to change."""
    d = doubt(event)
    if d is None:
        return None
    what = d.what + ", so this build is a DRAFT and every printed page says so"
    final = "then build with --final (make print)"
    overrides = Path(content_dir) / "overrides.yaml"
    imported = event.imported
    if d.url is not None:  # a placeholder written somewhere: change it there
        file, line = d.at if d.at[0] else (event.source_file, 0)
        if d.url == event.base_url:
            fix = ("set 'base_url:' under 'event:' in overrides.yaml" if imported else "set base_url")
            fix += " to the address where out/site/ will be uploaded"
        elif Path(file).parent.name == "imported":
            fix = ("write the real address in overrides.yaml (the import overwrites imported/), or set "
                   "'links: site' and 'base_url:' under 'event:' there to open out/site/ instead")
        else:
            fix = "write the real address"
        return event.origins.problem(Problem(file, line, what, f"{fix}, {final}", warning=True))
    # no base_url at all
    if imported:
        line, empty = _event_section(overrides)
        where = ("replace 'event: {}' here with 'event:' and, indented under it, 'base_url: https://…/'"
                 if empty else "add 'base_url: https://…/' indented under 'event:' here" if line
                 else "add a line 'event:' and, indented under it, 'base_url: https://…/'")
        return Problem(str(overrides), line, what, f"{where} (where you upload out/site/), {final}", warning=True)
    return Problem(event.source_file or str(Path(content_dir) / "event.yaml"), 0, what,
                   f"add 'base_url: https://…/' to event.yaml (where you upload out/site/), {final}",
                   warning=True)


def _event_section(path: Path) -> tuple[int, bool]:
    """(line of the top-level ``event:`` key in overrides.yaml, whether it says ``event: {}``); (0, False) if none."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0, False
    for i, line in enumerate(lines, 1):
        m = _SECTION.match(line)
        if m:
            return i, bool(m.group(1))
    return 0, False
