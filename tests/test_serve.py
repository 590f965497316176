"""`eventprint serve`: the live preview, in a real browser (headless Chromium) on 127.0.0.1.

The server runs as its own process on a free port (--port 0) and watches a copy of the example
event; the browser keeps the page open while the test edits the content, as an organiser would.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import CONTENT, run_cli


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.read()


def _state(url: str) -> dict:
    return json.loads(_get(url + "state.json"))


def _wait(url: str, test, timeout: float = 30) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = _state(url)
        if not state["building"] and test(state):
            return state
        time.sleep(0.05)
    raise TimeoutError(_state(url))


def _pdf_text(data: bytes) -> str:
    import pypdf
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def server(tmp_path):
    """(address, content folder, process) of `eventprint serve` on a free port."""
    content = tmp_path / "my event"
    assert run_cli("init", str(content)).returncode == 0
    process = subprocess.Popen([sys.executable, "-m", "eventprint", "serve", "--content", str(content), "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stdout.readline()
        assert "http://127.0.0.1:" in line, line + process.stderr.read()
        url = line[line.index("http://"):].split()[0]
        yield url, content, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_the_page_follows_every_save_and_shows_a_mistake_with_its_line(server, tmp_path):
    chromium = shutil.which("chromium")
    if not chromium:
        pytest.skip("chromium is not installed; install it with: apt-get install -y chromium "
                    "(.ci/run does this before the tests)")
    from browser import Browser
    url, content, process = server
    from eventprint.outputs import NAMES
    first = _wait(url, lambda s: s["finished"] and len(s["outputs"]) == len(NAMES))
    assert first["problems"] == []
    # a thumbnail of every page of the booklet, signs, poster and badges is a PNG of the page
    png = _get(url + f"thumbs/{first['outputs']['booklet']['files']['booklet.pdf']}/1.png")
    assert png.startswith(b"\x89PNG")
    browser = Browser(chromium, tmp_path / "profile")
    try:
        tab = browser.open(url)
        assert "Up to date" in browser.wait_for(tab, "document.readyState === 'complete' && "
                                                     "document.querySelector('#status').textContent")
        images = browser.wait_for(tab, "[...document.querySelectorAll('#out-booklet img')].every("
                                       "i => i.complete && i.naturalWidth > 0) && document.images.length")
        assert images >= 8 + 3 + 1 + 2  # booklet pages, door signs, poster, badge sheets
        before = browser.evaluate(tab, "document.querySelector('#out-booklet img').src")

        # change a title: the booklet the page links to has it, and the page changed by itself
        programme = content / "programme.yaml"
        programme.write_text(programme.read_text().replace("title: Open by Default", "title: Open by Design"))
        changed = time.monotonic()
        browser.wait_for(tab, f"document.querySelector('#out-booklet img').src !== {json.dumps(before)}")
        seen = time.monotonic() - changed
        booklet = browser.evaluate(tab, "document.querySelector('#out-booklet a').href")
        assert "Open by Design" in _pdf_text(_get(booklet))
        assert seen < 15, seen  # about a second on an idle machine (README, measured there)

        # a mistake: shown with its file and line; the server keeps running, the outputs stay
        text = programme.read_text()
        line = text[:text.index("speakers: [ben]")].count("\n") + 1
        programme.write_text(text.replace("speakers: [ben]", "speakers: [bem]"))
        problem = browser.wait_for(tab, "document.querySelector('#problems') && "
                                        "document.querySelector('#problems').textContent")
        assert f"programme.yaml:{line}: no person with id 'bem'" in problem
        assert "did you mean 'ben'" in problem
        assert "Open by Design" in _pdf_text(_get(booklet))  # the last good build, still served
        browser.screenshot(tab, tmp_path / "preview.png")  # for a look: make test keeps failed runs' files

        # fixed: the problem goes, the page is up to date again
        programme.write_text(text)
        browser.wait_for(tab, "!document.querySelector('#problems') && "
                              "document.querySelector('#status').textContent.includes('Up to date')")
    finally:
        browser.close()
    assert process.poll() is None  # still serving after the mistake
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    out = process.stdout.read()
    assert "1 problem: shown in the page" in out and "eventprint serve: stopped." in out


def test_the_preview_answers_only_on_this_computer_by_its_own_name(server):
    url, content, process = server
    request = urllib.request.Request(url, headers={"Host": "rebound.example:80"})
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(request, timeout=10)
    assert e.value.code == 403  # a page elsewhere cannot read it through a name that points here
    assert url.startswith("http://127.0.0.1:")


def test_a_change_to_the_registration_list_alone_renders_only_the_badges(tmp_path, monkeypatch):
    from eventprint.outputs import NAMES as OUTPUTS
    from eventprint.preview.state import State
    from eventprint.serve import Builder
    event = tmp_path / "event"
    shutil.copytree(CONTENT, event)
    monkeypatch.chdir(tmp_path)
    state = State(content=str(event))
    builder = Builder(state, say=lambda line: None)
    builder.rebuild(set())
    assert state.problems == [] and set(state.outputs) == set(OUTPUTS)
    before = dict(state.outputs)
    registrations = event / "registrations.csv"
    rows = registrations.read_text().splitlines(keepends=True)
    registrations.write_text("".join(rows[:-1]))  # one registration fewer
    builder.rebuild({str(registrations)})
    assert [name for name in OUTPUTS if state.outputs[name] is not before[name]] == ["badges"]
    assert state.outputs["badges"].files != before["badges"].files
    (event / "people.yaml").write_text((event / "people.yaml").read_text() + "\n")  # anything else: all
    builder.rebuild({str(event / "people.yaml")})
    assert all(state.outputs[name] is not before[name] for name in OUTPUTS)


def test_a_port_in_use_is_one_line_saying_what_to_do():
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = run_cli("serve", "--content", str(CONTENT), "--port", str(port))
    assert r.returncode == 2
    assert r.stderr == (f"eventprint: port {port} on 127.0.0.1 is in use \u2014 give another with --port, "
                        "e.g. --port 8001 (0 picks a free one)\n")
