"""A small web server on 127.0.0.1 for tests: serves pages the test sets (and changes between
requests), answers conditionally (ETag, Last-Modified), asks for a token, fails on purpose, and
records every request it received with its headers.

``guard_network`` keeps a test from reaching any other address: no name is looked up but
127.0.0.1 and localhost, and no socket connects anywhere else.
"""
from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    token: str | None = None  # the Authorization header this page requires
    headers: dict = field(default_factory=dict)  # e.g. Location for a redirect
    delay: float = 0.0  # seconds before answering
    drip: float = 0.0  # seconds between the body's bytes (a server that trickles)
    content_type: str = "application/json"


@dataclass(frozen=True)
class Received:
    path: str  # with the query
    headers: dict  # header names in lower case


class Site:
    """Pages by path: a path with its query first, else the path alone."""

    def __init__(self):
        self.pages: dict[str, Page] = {}
        self.received: list[Received] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def page_for(self, path: str) -> Page | None:
        return self.pages.get(path) or self.pages.get(path.split("?", 1)[0])

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_GET(self):
            site.received.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}))
            page = site.page_for(self.path)
            try:
                self._answer(page)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a time-out test)

        def _answer(self, page: Page | None):
            if page is None:
                return self._send(404, b"not here", {})
            time.sleep(page.delay)
            if page.token and self.headers.get("Authorization") != page.token:
                return self._send(401, b'{"detail": "Authentication credentials were not provided."}', {})
            if page.status != 200:
                return self._send(page.status, page.body, page.headers)
            validators = {k: v for k, v in (("ETag", page.etag), ("Last-Modified", page.last_modified)) if v}
            if (page.etag and self.headers.get("If-None-Match") == page.etag) or (
                    page.last_modified and not page.etag
                    and self.headers.get("If-Modified-Since") == page.last_modified):
                return self._send(304, b"", validators)
            self._send(200, page.body, {**validators, "Content-Type": page.content_type, **page.headers},
                       page.drip)

        def _send(self, status: int, body: bytes, headers: dict, drip: float = 0.0):
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not drip:
                self.wfile.write(body)
                return
            for i in range(len(body)):
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
                time.sleep(drip)

    return Handler


LOCAL = ("127.0.0.1", "localhost")


def guard_network(monkeypatch) -> None:
    """Names other than 127.0.0.1 do not resolve (socket.gaierror, as for an unknown host), and a
    connection to any other address fails the test."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect

    def getaddrinfo(host, *args, **kwargs):
        if host not in LOCAL:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known (tests: no network)")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self, address):
        if isinstance(address, tuple) and address[0] != "127.0.0.1":
            raise AssertionError(f"a test tried to connect to {address}")
        return real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
