"""Web addresses in content: refused, at their line, unless a phone opens them as written.

Two kinds: ``base_url``, the folder out/site/ is uploaded to (page paths are appended to it, so
it can have no '?' or '#'), and a page's own address (``url`` of an item or a person,
``schedule_url``), printed and encoded as it is (a '#section' is fine there).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..yamlsource import LList, LMap, Located
from .fields import MAX_LINE, Reader

# The longest base_url: every QR code holds it plus a page's path, and a longer address makes a
# denser code (smaller modules, harder to scan). Real event sites are well under this.
MAX_BASE_URL = 120
_URL_BAD = re.compile(r"[\s\"'<>\\^`{|}]")


def base_url(r: Reader, loc: Located | None) -> str | None:
    """The folder out/site/ is uploaded to, ending in '/'; None (and a problem) when it is no such address."""
    url = _address(r, loc, "base_url", MAX_BASE_URL,
                   "write the full address where out/site/ is uploaded, like https://example.org/symposium/")
    if url is None:
        return None
    if "#" in url or "?" in url:
        mark = "#" if "#" in url else "?"
        r.bad(loc, f"base_url '{_shown(url)}' has a '{mark}' part: page addresses are appended to it, "
              "so no page would open", "end the address with the folder's path, like https://example.org/symposium/")
        return None
    return url if url.endswith("/") else url + "/"


def page_url(r: Reader, loc: Located | None, key: str) -> str | None:
    """A page's own address (an item's or person's ``url``, ``schedule_url``), as written."""
    return _address(r, loc, key, MAX_LINE, f"write the page's full address, like https://example.org/talks/42/, "
                    f"or delete '{key}'")


def _shown(raw: str) -> str:
    return raw if len(raw) <= 60 else raw[:57] + "..."


def _address(r: Reader, loc: Located | None, key: str, longest: int, example: str) -> str | None:
    """http(s), a host, nothing a scanner or browser would read differently (user-info before '@'
    hides the real host, spaces and quotes break the address)."""
    if loc is None or loc.value is None or isinstance(loc.value, (LMap, LList)):
        return r.text(loc, key)
    raw = str(loc.value).strip()
    shown = _shown(raw)
    if len(raw) > longest:
        r.bad(loc, f"{key} is {len(raw)} characters long; at most {longest} keep the QR codes easy to scan",
              "use a shorter address")
        return None
    bad = _URL_BAD.search(raw) or next((ch for ch in raw if ch.isspace() or not ch.isprintable()), None)
    if bad:
        ch = bad.group(0) if isinstance(bad, re.Match) else bad
        r.bad(loc, f"{key} '{shown}' contains {'a space' if ch == ' ' else repr(ch)}, which a web "
              "address cannot hold as written", example)
        return None
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        r.bad(loc, f"{key} '{shown}' is not a web address", example)
        return None
    if "@" in parts.netloc:
        r.bad(loc, f"{key} '{shown}' has a user name before '@': a phone would open "
              f"{parts.hostname}, not the address that seems to be written", example)
        return None
    return raw
