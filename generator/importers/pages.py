"""The web pages an export names — a talk's page, a speaker's, the schedule's — as addresses a
phone opens, or None.

These become ``url`` and ``schedule_url`` in imported/ (never ``base_url``: that is where the
organiser uploads out/site/, which no export can know). Only what the export's fields say is
taken; an address is never made up from an id or a title.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from .text import as_text

_SAFE = "/:@!$&'()*+,;=%~-._"  # kept as they are in a path; everything else is %-encoded
_BAD = re.compile(r"[\s\"<>\\^`{|}]")


def page_url(value, base: str | None = None) -> str | None:
    """An http(s) address from an export's field: a relative one joined to the export's ``base``,
    repeated slashes in the path made one (pretalx's XML writes ``host//2025/talk/X/``), spaces and
    non-ASCII letters %-encoded. None for anything a phone could not open as written."""
    raw = as_text(value).strip()
    if not raw:
        return None
    if "://" not in raw and base:
        raw = urljoin(base, raw)
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        return None
    path = re.sub(r"/{2,}", "/", parts.path)
    url = urlunsplit((parts.scheme.lower(), parts.netloc, quote(path, safe=_SAFE),
                      quote(parts.query, safe=_SAFE + "?"), quote(parts.fragment, safe=_SAFE + "?#")))
    return None if _BAD.search(url) or len(url) > MAX_URL else url


MAX_URL = 300  # as the loader's one-line fields: longer is no page address a QR code should hold


def shared_page(urls: list[str]) -> str | None:
    """The one page every address opens (``site/#talk1``, ``site/#talk2`` → ``site/``), or None:
    a schedule page the export names, though no field says so."""
    pages = {u.split("#", 1)[0] for u in urls}
    return pages.pop() if len(pages) == 1 and len(urls) > 1 else None
