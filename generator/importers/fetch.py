"""One HTTP(S) GET for the import, with every limit an unattended fetch needs.

Time-outs are bounded (to connect, per silence, and for the whole answer, however slowly it
trickles); answers are capped in size; redirects are followed by hand, only to http(s) addresses
and at most a few times; the token goes only to the origin the organiser named (never to a host a
redirect or a "next page" link points to) and over plain http only to this machine. Every failure
is one ``ImportFailure`` line naming the address and the reason, with how to fix it; no message
ever holds the token or an answer's body.

Built on requests: well kept, in every distribution, and its time-outs, streaming and proxy
settings from the environment are what this needs. Its own redirect handling and ``.netrc``
credentials are bypassed (an explicit auth object, ``allow_redirects=False``) so that which
headers reach which host is decided here.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from .draft import ImportFailure

CONNECT_TIMEOUT = 10.0  # seconds to open a connection
READ_TIMEOUT = 30.0  # seconds of silence while the server answers
DEADLINE = 120.0  # seconds for one whole answer
MAX_BYTES = 64 * 1024 * 1024  # the largest real exports are a few MB
MAX_REDIRECTS = 5
TOKEN_ENV = "EVENTPRINT_TOKEN"
ACCEPT = "application/json, application/xml;q=0.9, text/xml;q=0.9, text/csv;q=0.8, */*;q=0.5"
_REDIRECTS = (301, 302, 303, 307, 308)
# query parameters that carry credentials (Indico's old API keys and signatures, generic tokens)
_SECRET_PARAMS = {"ak", "apikey", "api_key", "signature", "token", "access_token", "password"}


class FetchFailure(ImportFailure):
    """A fetch that failed; ``status`` is the HTTP status when the server answered with one."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Answer:
    url: str  # the address asked for, before any redirect
    status: int  # 200, or 304 when asked conditionally and unchanged
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str


def is_url(source: str) -> bool:
    return str(source)[:8].lower().startswith(("http://", "https://"))


def origin(url: str) -> tuple[str, str, int]:
    p = urlsplit(url)
    scheme = p.scheme.lower()
    return scheme, (p.hostname or "").lower(), p.port or (443 if scheme == "https" else 80)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_address(url: str) -> None:
    """Refuse an address that would carry credentials or is not a web address at all."""
    try:
        p = urlsplit(url)
        p.port  # noqa: B018 — raises on a port that is not a number
    except ValueError:
        raise ImportFailure(f"{url}: not a web address eventprint can read — check it") from None
    if p.scheme.lower() not in ("http", "https") or not p.hostname:
        raise ImportFailure(f"{url}: not a web address eventprint can read — give http(s)://host/…")
    if p.username or p.password:
        raise ImportFailure(f"{p.scheme}://…@{p.hostname}: the address holds a user name or password — "
                            f"remove it and set {TOKEN_ENV} instead (it is never written anywhere)")
    keys = sorted({k for k, _ in parse_qsl(p.query, keep_blank_values=True)} & _SECRET_PARAMS)
    if keys:  # the address is printed and recorded in imported/: a key in it would be written there
        raise ImportFailure(f"{urlunsplit((p.scheme, p.netloc, p.path, '', ''))}: the address holds a key "
                            f"({', '.join(k + '=…' for k in keys)}) — remove it and set {TOKEN_ENV} to the token instead "
                            "(it is never written anywhere)")


class Client:
    """GETs for one import: one connection pool, the token for ``home``'s origin only."""

    def __init__(self, home: str, authorization: str | None = None):
        import requests  # only an import from an address needs it (70 ms)
        from urllib3.exceptions import HTTPError
        self._errors = (requests.RequestException, HTTPError, OSError)  # OSError: socket time-outs in read1
        self.session = requests.Session()
        self.session.headers["User-Agent"] = "eventprint (schedule import)"
        self.home = origin(home)
        self.authorization = authorization
        self.timeouts = (CONNECT_TIMEOUT, READ_TIMEOUT)
        self.deadline = DEADLINE

    def close(self) -> None:
        self.session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _may_send_token(self, url: str) -> bool:
        scheme, host, port = origin(url)
        return (scheme, host, port) == self.home and (scheme == "https" or _loopback(host))

    def get(self, url: str, *, accept: str = ACCEPT, etag: str | None = None,
            last_modified: str | None = None) -> Answer:
        """The answer to GET ``url``; 304 only when ``etag``/``last_modified`` were given."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, token_sent = url, False
        try:
            for _ in range(MAX_REDIRECTS + 1):
                send = bool(self.authorization) and self._may_send_token(current)
                token_sent = token_sent or send
                resp = self.session.get(current, headers=headers, auth=_Auth(self.authorization if send else None),
                                        timeout=self.timeouts, stream=True, allow_redirects=False)
                with resp:
                    if resp.status_code in _REDIRECTS and resp.headers.get("Location"):
                        current = urljoin(current, resp.headers["Location"])
                        if urlsplit(current).scheme.lower() not in ("http", "https"):
                            raise self._fail(url, f"it redirects to a {urlsplit(current).scheme or 'non-web'}: "
                                                  "address, and eventprint follows redirects only to http(s) — "
                                                  "give the export's own address")
                        continue
                    if resp.status_code == 304 and (etag or last_modified):
                        return Answer(url, 304, b"", resp.headers.get("ETag") or etag,
                                      resp.headers.get("Last-Modified") or last_modified, "")
                    if resp.status_code >= 300:
                        raise self._fail(url, _status_reason(resp, bool(self.authorization), token_sent),
                                         resp.status_code)
                    body = self._body(url, resp)
                    return Answer(url, 200, body, resp.headers.get("ETag"), resp.headers.get("Last-Modified"),
                                  resp.headers.get("Content-Type", ""))
            raise self._fail(url, f"it redirects more than {MAX_REDIRECTS} times — give the export's own address")
        except self._errors as e:
            raise self._fail(url, _exception_reason(e)) from None

    def _body(self, url: str, resp) -> bytes:
        # read1 returns what has arrived, so the deadline holds against a server that trickles (a
        # 64 KB read would wait for all of it); urllib3 before 2.3 has none: whole chunks then
        raw = resp.raw
        parts = iter(lambda: raw.read1(64 * 1024, decode_content=True), b"") if hasattr(raw, "read1") \
            else resp.iter_content(64 * 1024)
        chunks, size, end = [], 0, time.monotonic() + self.deadline
        for chunk in parts:
            size += len(chunk)
            if size > MAX_BYTES:
                raise self._fail(url, f"the answer is larger than {MAX_BYTES // 2**20} MB — is this the export?")
            if time.monotonic() > end:
                raise self._fail(url, f"the answer took longer than {self.deadline:.0f} s (time-out) — "
                                      "try again later")
            chunks.append(chunk)
        return b"".join(chunks)

    def _fail(self, url: str, reason: str, status: int | None = None) -> FetchFailure:
        text = f"{url}: {reason}"
        if self.authorization:  # never, even if a server or a library echoed it
            for part in {self.authorization, self.authorization.split(" ", 1)[-1]}:
                text = text.replace(part, "…")
        return FetchFailure(text, status)


class _Auth:
    """Sets Authorization (or nothing); being an auth object keeps requests from reading .netrc."""

    def __init__(self, value: str | None):
        self.value = value

    def __call__(self, r):
        if self.value:
            r.headers["Authorization"] = self.value
        return r


def _status_reason(resp, have_token: bool, token_sent: bool) -> str:
    code = resp.status_code
    if code in (401, 403):
        if token_sent:
            return (f"the server refused {TOKEN_ENV} (HTTP {code}) — check that the token is current "
                    "and may read this event")
        if have_token:
            return (f"the server asks for a token (HTTP {code}), and {TOKEN_ENV} is sent only over https "
                    "to the address's own host — use its https:// address")
        return (f"the server asks for a token (HTTP {code}) — set {TOKEN_ENV} to an API token of the event "
                "(pretalx: your account page /orga/me; Indico: Preferences → API tokens)")
    if code == 404:
        return "not found (HTTP 404) — check the address"
    if code == 410:
        return "gone (HTTP 410) — the server no longer publishes it; check the address"
    if code == 429:
        wait = resp.headers.get("Retry-After", "")
        return "too many requests (HTTP 429) — try again " + (f"in {wait} s" if wait.isdigit() else "later")
    if code >= 500:
        return f"the server failed (HTTP {code}) — try again later"
    if code in _REDIRECTS:
        return f"it redirects (HTTP {code}) without saying where — give the export's own address"
    return f"the server refused the request (HTTP {code}) — check the address"


def _chain(exc: BaseException):
    """The exception and every cause, context, urllib3 reason and wrapped argument behind it."""
    seen, todo = set(), [exc]
    while todo:
        e = todo.pop()
        if id(e) in seen or len(seen) > 50:
            continue
        seen.add(id(e))
        yield e
        todo += [x for x in (e.__cause__, e.__context__, getattr(e, "reason", None), *e.args)
                 if isinstance(x, BaseException)]


def _exception_reason(e) -> str:
    import requests
    from urllib3.exceptions import DecodeError, ProtocolError, TimeoutError as Urllib3Timeout
    chain = list(_chain(e))
    if any(isinstance(x, socket.gaierror) for x in chain):
        return "cannot find this host (DNS) — check the address and the network"
    if any(isinstance(x, ConnectionRefusedError) for x in chain):  # before time-outs: urllib3 files
        return "the host refused the connection — check the address and port"  # it under ConnectTimeoutError
    if any(isinstance(x, requests.exceptions.SSLError) for x in chain):
        return "the secure connection failed (certificate or TLS) — check the address"
    if any(isinstance(x, (requests.Timeout, Urllib3Timeout, TimeoutError, socket.timeout)) for x in chain):
        return "no answer in time (time-out) — check the address, or try again later"
    if isinstance(e, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                      requests.exceptions.MissingSchema)):
        return "not a web address eventprint can read — check it"
    if isinstance(e, requests.exceptions.TooManyRedirects):
        return f"it redirects more than {MAX_REDIRECTS} times — give the export's own address"
    if isinstance(e, (requests.exceptions.ContentDecodingError, requests.exceptions.ChunkedEncodingError,
                      ProtocolError, DecodeError)):
        return "the answer broke off or is garbled — try again"
    return "the connection failed — check the address and the network"
