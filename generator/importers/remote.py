"""An export's web address → its bytes, asking the server only whether it changed when it can.

Most tools publish the whole programme at one address: frab's and pretalx's
``…/schedule/export/schedule.json|.xml``, Indico's export API (``/export/event/<id>.json``,
``/export/timetable/<id>.json``), Sessionize's API (``/api/v2/<id>/view/All``), a CSV on a web
server. pretalx's REST API (``…/api/events/<event>/…``) takes several requests: the event (its
name and time zone), its rooms (in their order) and every page of its talks. They are put together
as one JSON document, ``{"event": …, "rooms": [...], "results": [...]}``, which the pretalx importer
reads like a saved talk list.

``imported/source.json`` records what was asked and the ETag / Last-Modified each answer carried
(never the token). The next import of the same address with the same options asks every one of
those requests conditionally; only when all answer 304 (not modified) is nothing fetched. That
shortcut is taken only while imported/ still holds exactly the files the recorded import wrote.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .fetch import TOKEN_ENV, Answer, Client, FetchFailure, check_address, origin

RECORD = "source.json"
RECORD_FORMAT = 1
IMPORTED_FILES = ("event.yaml", "venues.yaml", "people.yaml", "programme.yaml")
MAX_PAGES = 400  # 20,000 submissions at pretalx's 50 a page
_PRETALX_API = re.compile(r"^(?P<base>.*?/api/events/[^/]+/)(?P<rest>.*)$")
_INDICO = re.compile(r"/export/(event|timetable|categ)/")
_SESSIONIZE = re.compile(r"/api/v\d+/[^/]+/view/")
# pretalx (API v1 and later) gives ids unless asked to expand; older servers ignore the parameter
_EXPAND = "speakers,slots,slots.room,track,submission_type"
_JSON = "application/json"
_HTML = re.compile(rb"(\xef\xbb\xbf)?\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)


@dataclass(frozen=True)
class Fetched:
    body: bytes | None  # None: the server says nothing changed since the recorded import
    requests: tuple[dict, ...]  # {url, etag, last_modified} per request, for the record


def tool(url: str) -> str:
    """'pretalx-api', 'indico', 'sessionize' or 'export' (one document at one address)."""
    path = urlsplit(url).path
    if _PRETALX_API.match(path):
        return "pretalx-api"
    if _INDICO.search(path):
        return "indico"
    if _SESSIONIZE.search(path):
        return "sessionize"
    return "export"


def authorization(url: str, token: str | None) -> str | None:
    """The Authorization header the tool at ``url`` expects: Indico's bearer token, pretalx's (and
    frab's) ``Token``; none for Sessionize, whose API is public (its address is its key)."""
    if not token:
        return None
    kind = tool(url)
    if kind == "sessionize":
        return None
    return f"Bearer {token}" if kind == "indico" else f"Token {token}"


def fetch(url: str, previous: list[dict] | None = None) -> Fetched:
    """The export at ``url``; ``previous``: the recorded requests to ask conditionally first."""
    check_address(url)
    token = os.environ.get(TOKEN_ENV, "").strip() or None
    usable = bool(previous) and all(origin(r["url"]) == origin(url) and (r.get("etag") or r.get("last_modified"))
                                    for r in previous)
    with Client(url, authorization(url, token)) as client:
        if tool(url) == "pretalx-api":
            if usable and _unchanged(client, previous):
                return Fetched(None, tuple(previous))
            return _pretalx_api(client, url)
        asked = previous[0] if usable and len(previous) == 1 and previous[0]["url"] == url else {}
        a = client.get(url, etag=asked.get("etag"), last_modified=asked.get("last_modified"))
        if a.status == 304:
            return Fetched(None, tuple(previous))
        if _HTML.match(a.body[:512]):
            raise FetchFailure(f"{url}: the answer is a web page (HTML), not an export (JSON, XML or CSV) — "
                               "give the export's own address, e.g. …/schedule/export/schedule.json")
        return Fetched(a.body, (_request(a),))


def _unchanged(client: Client, previous: list[dict]) -> bool:
    """True when every recorded request answers 304; stops at the first that does not."""
    return all(client.get(r["url"], accept=_JSON, etag=r.get("etag"), last_modified=r.get("last_modified")).status
               == 304 for r in previous)


def _request(a: Answer) -> dict:
    return {"url": a.url, "etag": a.etag, "last_modified": a.last_modified}


# --------------------------------------------------------------------------- pretalx REST API


def _with_query(url: str, **wanted: list[str]) -> str:
    """``url`` with each wanted query parameter added unless the address already sets it."""
    p = urlsplit(url)
    query = parse_qsl(p.query, keep_blank_values=True)
    have = {k for k, _ in query}
    query += [(k, v) for k, values in wanted.items() if k not in have for v in values]
    return urlunsplit((p.scheme, p.netloc, p.path, urlencode(query, safe=",."), ""))


def _pretalx_api(client: Client, url: str) -> Fetched:
    p = urlsplit(url)
    m = _PRETALX_API.match(p.path)
    base = urlunsplit((p.scheme, p.netloc, m.group("base"), "", ""))
    done: list[dict] = []

    def get_json(u: str, optional: bool = False):
        try:
            a = client.get(u, accept=_JSON)
        except FetchFailure as e:
            if optional and e.status in (401, 403, 404):
                return None  # a token limited to some endpoints, an old server: the talks suffice
            raise
        done.append(_request(a))
        try:
            return json.loads(a.body.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise FetchFailure(f"{u}: the answer is not JSON — check that this is pretalx's API "
                               "(…/api/events/<event>/submissions/)") from None

    def pages(first: str, optional: bool = False) -> list | None:
        out, u, seen = [], first, set()
        while u:
            if u in seen or len(seen) >= MAX_PAGES:
                raise FetchFailure(f"{first}: the pages do not end (more than {MAX_PAGES}, or a page "
                                   "links back) — check the address")
            if origin(u) != origin(url):
                raise FetchFailure(f"{first}: the next page is on another host ({urlsplit(u).hostname}); "
                                   "eventprint reads only the host you named")
            seen.add(u)
            data = get_json(u, optional and not out)
            if data is None:
                return None
            if isinstance(data, list):  # an unpaginated list
                return out + data
            if not isinstance(data, dict) or not isinstance(data.get("results"), list):
                raise FetchFailure(f"{u}: not a pretalx API list (no 'results') — check the address")
            out += data["results"]
            u = urljoin(u, data["next"]) if isinstance(data.get("next"), str) and data["next"] else None
        return out

    event = get_json(base, optional=True)
    rooms = pages(base + "rooms/", optional=True)
    rest = m.group("rest")
    params = {"expand": [_EXPAND], "state": ["confirmed", "accepted"]}
    if rest.startswith("talks"):  # pretalx before 2025.1; later servers answer 404 here
        try:
            talks = pages(_with_query(url, **params))
        except FetchFailure as e:
            if e.status != 404:
                raise
            talks = pages(_with_query(base + "submissions/", **params))
    elif rest.startswith("submissions"):
        talks = pages(_with_query(url, **params))
    else:
        talks = pages(_with_query(base + "submissions/", **params))
    doc = {"event": event if isinstance(event, dict) else {}, "rooms": rooms or [], "results": talks}
    return Fetched(json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8"), tuple(done))


# --------------------------------------------------------------------------- the record


def _file_hashes(imported: Path) -> dict[str, str] | None:
    out = {}
    for name in IMPORTED_FILES:
        try:
            out[name] = hashlib.sha256((imported / name).read_bytes()).hexdigest()
        except OSError:
            return None
    return out


def previous_requests(content_dir, url: str, options: dict) -> list[dict] | None:
    """The recorded requests to ask conditionally, when the last import was of ``url`` with the same
    ``options`` and imported/ still holds what it wrote; else None (fetch everything)."""
    imported = Path(content_dir) / "imported"
    try:
        rec = json.loads((imported / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(rec, dict) or rec.get("format") != RECORD_FORMAT or rec.get("source") != url \
            or rec.get("options") != options or rec.get("files") != _file_hashes(imported):
        return None
    reqs = rec.get("requests")
    if not isinstance(reqs, list) or not reqs or not all(
            isinstance(r, dict) and isinstance(r.get("url"), str) for r in reqs):
        return None
    return reqs


def record_bytes(content_dir, url: str, options: dict, requests: tuple[dict, ...]) -> bytes | None:
    """What to write to imported/source.json after an import from ``url`` wrote imported/ (None when
    imported/ is incomplete). Deterministic; holds addresses and validators, never the token."""
    files = _file_hashes(Path(content_dir) / "imported")
    if files is None:
        return None
    rec = {"about": "what `eventprint import` fetched last, to ask the server next time only whether it "
                    "changed; delete this file to fetch everything again",
           "format": RECORD_FORMAT, "source": url, "options": options, "files": files,
           "requests": [dict(r) for r in requests]}
    return (json.dumps(rec, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def write_record(content_dir, data: bytes) -> Path:
    """Atomically: a half-written record is never read (a broken one only costs a full fetch)."""
    path = Path(content_dir) / "imported" / RECORD
    tmp = path.with_name(f".{RECORD}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path
