"""A headless Chromium that a test can talk to while a page stays open: the DevTools protocol
over a pipe (``--remote-debugging-pipe``: JSON messages ended by a NUL byte on file descriptors
3 and 4), standard library only. For pages that change by themselves, which ``--dump-dom`` and
``--screenshot`` (they act once the page has loaded) cannot see."""
from __future__ import annotations

import base64
import json
import os
import subprocess
import time
from pathlib import Path


class Browser:
    def __init__(self, exe: str, profile: Path, width: int = 1280, height: int = 900, log=subprocess.DEVNULL):
        to_browser, self._commands = os.pipe()
        self._answers, from_browser = os.pipe()

        def descriptors():  # in the child: the protocol's ends as 3 (commands) and 4 (answers), kept open
            # (close_fds=False: it would close them after this; the pipes themselves are not inherited)
            high = os.dup(to_browser), os.dup(from_browser)  # neither may be 3 or 4 while moving
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", f"--window-size={width},{height}", "--remote-debugging-pipe",
             "about:blank"],
            preexec_fn=descriptors, close_fds=False, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
        os.close(to_browser)
        os.close(from_browser)
        self._next = 0
        self._buffer = b""

    def send(self, method: str, params: dict | None = None, session: str | None = None, timeout: float = 30):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            answer = self._read()
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
        raise TimeoutError(method)

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._answers, 1 << 16)
            if not chunk:
                raise RuntimeError("the browser closed its end")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url: str) -> str:
        """A new tab showing ``url``; its session id."""
        target = self.send("Target.createTarget", {"url": url})["targetId"]
        return self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

    def evaluate(self, session: str, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session)
        return result["result"].get("value")

    def wait_for(self, session: str, expression: str, timeout: float = 20):
        """The value of ``expression`` once it is truthy; TimeoutError when it never is."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(session, expression)
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(expression)

    def screenshot(self, session: str, path: Path) -> None:
        data = self.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False}, session)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (OSError, RuntimeError, TimeoutError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._answers)
