"""The preview's web server, on 127.0.0.1 only: the page, its parts, a stream of versions
(server-sent events), the latest good build's files and their pages' thumbnails."""
from __future__ import annotations

import json
import mimetypes
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from .page import body, page, summary
from .state import State
from .thumbs import Thumbnails


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: State, port: int):
        super().__init__(("127.0.0.1", port), Handler)
        self.state = state
        self.thumbs = Thumbnails()


def start(state: State, port: int) -> Server:
    """The server, answering in its own thread."""
    server = Server(state, port)
    threading.Thread(target=server.serve_forever, name="eventprint preview", daemon=True).start()
    return server


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format, *args):  # the terminal is for the build's lines
        pass

    def do_GET(self):
        port = self.server.server_address[1]
        if self.headers.get("Host") not in (f"127.0.0.1:{port}", f"localhost:{port}"):
            # a web page elsewhere must not read the preview through a name it points here
            return self._send(403, b"use http://127.0.0.1:%d/" % port, "text/plain")
        path = unquote(urlsplit(self.path).path)
        state = self.server.state
        try:
            if path == "/":
                return self._send(200, page(state, self.server.thumbs).encode(), "text/html; charset=utf-8")
            if path == "/body":
                return self._send(200, body(state, self.server.thumbs).encode(), "text/html; charset=utf-8")
            if path == "/state.json":
                return self._send(200, json.dumps(summary(state)).encode(), "application/json")
            if path == "/events":
                return self._events(state)
            if path.startswith("/files/"):
                data = state.file(path[len("/files/"):])
                if data is None:
                    return self._send(404, b"not in the latest build", "text/plain")
                kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
                return self._send(200, data, kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
            if path.startswith("/thumbs/"):
                return self._thumb(state, path)
            if path == "/favicon.ico":
                return self._send(204, b"", "image/x-icon")
            return self._send(404, b"not found", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page went away

    def _thumb(self, state: State, path: str):
        parts = path.split("/")  # /thumbs/<digest>/<page>.png
        if len(parts) == 4 and parts[3].endswith(".png") and parts[3][:-4].isdigit():
            data = state.by_digest(parts[2])
            png = self.server.thumbs.png(parts[2], data, int(parts[3][:-4]) - 1) if data else None
            if png is not None:  # its address names its bytes: the browser may keep it for good
                return self._send(200, png, "image/png", cache="max-age=31536000, immutable")
        return self._send(404, b"no such page in the latest build", "text/plain")

    def _events(self, state: State):
        """Server-sent events: the state's version whenever it changes (a comment every 15 s keeps
        the line open and finds a page that has gone)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        while True:
            with state.changed:
                state.changed.wait_for(lambda: state.version != seen, timeout=15)
                version = state.version
            self.wfile.write(f"data: {version}\n\n".encode() if version != seen else b": still here\n\n")
            self.wfile.flush()
            seen = version

    def _send(self, status: int, data: bytes, kind: str, cache: str = "no-store"):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(data)
