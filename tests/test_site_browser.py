"""The site in a real headless browser (Debian's chromium): renders at phone width, no console errors.

When chromium is not installed these tests skip and say how to install it;
they never install anything themselves. Chromium is run directly as a
subprocess, one short run per check.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

import pdfcheck
from eventprint import urls
from eventprint.layouts import site_style, theme

PHONE = (390, 844)


@pytest.fixture(scope="session")
def chromium() -> str:
    """The browser, if installed; tests never install anything (make setup and .ci/run do)."""
    exe = shutil.which("chromium")
    if not exe:
        pytest.skip("chromium is not installed; install it with: apt-get install -y chromium "
                    "(.ci/run does this before the tests)")
    return exe


@pytest.fixture(scope="module")
def built(tmp_path_factory, artifacts) -> dict[str, Path]:
    """The symposium's and the edge event's sites written to disk, as a browser opens them."""
    out = {}
    for name in ("symposium", "edge"):
        target = tmp_path_factory.mktemp(f"site-{name}")
        for path, data in artifacts(name, "site").items():
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            (target / path).write_bytes(data)
        out[name] = target / "site"
    return out


def run(exe: str, page: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess:
    """One headless chromium run on a file:// URL, with console messages logged to stderr."""
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--hide-scrollbars", f"--user-data-dir={tmp / 'profile'}",
           f"--window-size={PHONE[0]},{PHONE[1]}", "--enable-logging=stderr", "--v=0",
           *extra, page.resolve().as_uri()]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, f"chromium failed on {page}: {r.stderr[-800:]}"
    return r


def console_lines(stderr: str) -> list[str]:
    """What the page said on the console: chromium logs it as ':CONSOLE' lines (errors, 'Uncaught ...')."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def screenshot(exe: str, page: Path, tmp: Path) -> tuple[Image.Image, list[str]]:
    png = tmp / (page.stem + ".png")
    r = run(exe, page, tmp, f"--screenshot={png}")
    assert png.is_file(), f"no screenshot written for {page}"
    return Image.open(png).convert("RGB"), console_lines(r.stderr)


def test_detectors_are_not_blind(chromium, tmp_path):
    """A page with console errors and a line too wide for a phone is caught by both checks."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title>'
                   '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
                   '<body style="margin: 18px">' + "<p>x</p>" * 8
                   + '<p style="white-space: nowrap">' + "far too wide " * 30 + "</p>"
                   '<script>console.error("boom"); notDefined();</script></body></html>')
    img, lines = screenshot(chromium, bad, tmp_path)
    assert any("boom" in x for x in lines) and any("Uncaught" in x for x in lines)
    assert not _right_edge_clear(img)


def test_talk_page_at_phone_width(chromium, built, tmp_path, symposium):
    it = symposium.item("haptic-intelligence")
    img, console = screenshot(chromium, built["symposium"] / urls.talk_path(it), tmp_path)
    assert console == []
    assert img.size == PHONE
    # not blank: many colours (anti-aliased text), the accent bar at the top, mostly white page
    assert len(img.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50
    accent = tuple(int(site_style.css_hex(theme.ACCENT)[i:i + 2], 16) for i in (1, 3, 5))
    assert img.getpixel((PHONE[0] // 2, 4)) == accent
    # nothing runs off the right edge: the last columns below the bar are background only
    assert _right_edge_clear(img)


def test_talk_page_shows_title_and_abstract(chromium, built, tmp_path, symposium):
    """Printed by the browser itself: the title and the abstract are laid out as visible text."""
    it = symposium.item("haptic-intelligence")
    pdf = tmp_path / "talk.pdf"
    r = run(chromium, built["symposium"] / urls.talk_path(it), tmp_path,
            f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert console_lines(r.stderr) == []
    text = pdfcheck.normalise(" ".join(pdfcheck.page_texts(pdf)))
    assert it.title.display in text
    assert it.speakers[0].name in text and it.time_range in text
    # the browser may hyphenate the abstract: compare letters and digits only
    assert _letters(it.abstract) in _letters(text)


@pytest.mark.parametrize("which", ["index", "person", "room", "edge-markup", "edge-long"])
def test_pages_render_without_console_errors(chromium, built, tmp_path, symposium, edge, which):
    page = {
        "index": lambda: built["symposium"] / urls.INDEX,
        "person": lambda: built["symposium"] / urls.person_path(symposium.talks[0].speakers[0]),
        "room": lambda: built["symposium"] / urls.room_day_path(*_first_room_day(symposium)),
        "edge-markup": lambda: built["edge"] / urls.talk_path(edge.item("markup-talk")),
        "edge-long": lambda: built["edge"] / urls.talk_path(edge.item("long-title")),
    }[which]()
    img, console = screenshot(chromium, page, tmp_path)
    assert console == [], f"{page}: {console}"
    assert img.size == PHONE
    assert _right_edge_clear(img), f"{page}: content reaches the right edge at phone width"


def _letters(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


def _right_edge_clear(img: Image.Image, top: int = 60, margin: int = 8) -> bool:
    """Nothing but background in the last ``margin`` columns, except full-width rules and bands."""
    w, h = img.size
    for y in range(top, h):
        strip = img.crop((w - margin, y, w, y + 1)).getextrema()
        if strip == ((255, 255), (255, 255), (255, 255)):
            continue
        row = img.crop((0, y, w, y + 1)).getextrema()
        if any(lo != hi for lo, hi in row):
            return False
    return True


def _first_room_day(event):
    room, day = event.room_days()[0]
    return room, day.date
