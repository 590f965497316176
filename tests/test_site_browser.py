"""The site in a real headless browser (Debian's chromium): renders at phone width, no console errors.

When chromium is not installed these tests skip and say how to install it;
they never install anything themselves. Chromium is run directly as a
subprocess: one run screenshots every page side by side, another prints one to PDF.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

import pdfcheck
from eventprint import urls
from eventprint.layouts.site import style as site_style
from eventprint.layouts.kit import theme

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


def command(exe: str, page: Path, profile: Path, *extra: str, width: int = PHONE[0]) -> list[str]:
    """One headless chromium run on a file:// URL, with console messages logged to stderr."""
    return [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars", f"--user-data-dir={profile}",
            f"--window-size={width},{PHONE[1]}", "--enable-logging=stderr", "--v=0",
            *extra, page.resolve().as_uri()]


def console_lines(stderr: str) -> list[str]:
    """What the page said on the console: chromium logs it as ':CONSOLE' lines (errors, 'Uncaught ...')."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


BAD_PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>x</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            '<body style="margin: 18px">' + "<p>x</p>" * 8
            + '<p style="white-space: nowrap">' + "far too wide " * 30 + "</p>"
            '<script>console.error("boom"); notDefined();</script></body></html>')
SCREENSHOTS = ["bad", "talk", "index", "person", "room", "edge-markup", "edge-long"]


def _side_by_side(pages: dict[str, Path], harness: Path) -> None:
    """One page that shows every page at phone size, side by side, each in its own frame."""
    frames = "".join(
        f'<iframe src="{page.resolve().as_uri()}" width="{PHONE[0]}" height="{PHONE[1]}" '
        f'style="position: absolute; left: {i * PHONE[0]}px; top: 0; border: 0"></iframe>'
        for i, page in enumerate(pages.values()))
    harness.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
                       f'<body style="margin: 0">{frames}</body></html>', encoding="utf-8")


def _whose(lines: list[str], pages: dict[str, Path]) -> dict[str, list[str]]:
    """Console lines by the page that logged them (chromium names the source URL); a line naming
    no page counts against every page, so nothing is lost."""
    out: dict[str, list[str]] = {name: [] for name in pages}
    for line in lines:
        owners = [name for name, page in pages.items() if page.resolve().as_uri() in line]
        for name in owners or pages:
            out[name].append(line)
    return out


@pytest.fixture(scope="module")
def browser(chromium, built, tmp_path_factory, symposium, edge):
    """Two chromium runs, started together: every page screenshotted at phone size side by side in
    one window (one browser start instead of seven, the slowest part of these tests), and the talk
    page printed to PDF.

    {name: (screenshot or printed PDF, console lines)}; a run that fails fails every test using it.
    """
    tmp = tmp_path_factory.mktemp("browser")
    (tmp / "bad.html").write_text(BAD_PAGE)
    talk = built["symposium"] / urls.talk_path(symposium.item("haptic-intelligence"))
    pages = {
        "bad": tmp / "bad.html",
        "talk": talk,
        "index": built["symposium"] / urls.INDEX,
        "person": built["symposium"] / urls.person_path(symposium.talks[0].speakers[0]),
        "room": built["symposium"] / urls.room_day_path(*_first_room_day(symposium)),
        "edge-markup": built["edge"] / urls.talk_path(edge.item("markup-talk")),
        "edge-long": built["edge"] / urls.talk_path(edge.item("long-title")),
    }
    assert list(pages) == SCREENSHOTS
    _side_by_side(pages, tmp / "all.html")
    shot, pdf = tmp / "all.png", tmp / "talk.pdf"
    runs = {
        "all": (tmp / "all.html", shot, [f"--screenshot={shot}"], len(pages) * PHONE[0]),
        "talk-pdf": (talk, pdf, [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"], PHONE[0]),
    }
    procs = {name: subprocess.Popen(command(chromium, page, tmp / f"profile-{name}", *extra, width=width),
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for name, (page, _, extra, width) in runs.items()}
    stderr = {}
    for name, proc in procs.items():
        _, stderr[name] = proc.communicate(timeout=180)
        page, out, _, _ = runs[name]
        assert proc.returncode == 0, f"chromium failed on {page}: {stderr[name][-800:]}"
        assert out.is_file(), f"chromium wrote no {out.name} for {page}"
    img = Image.open(shot).convert("RGB")
    assert img.size == (len(pages) * PHONE[0], PHONE[1])
    console = _whose(console_lines(stderr["all"]), pages)
    results = {name: (img.crop((i * PHONE[0], 0, (i + 1) * PHONE[0], PHONE[1])), console[name])
               for i, name in enumerate(pages)}
    results["talk-pdf"] = (pdf, console_lines(stderr["talk-pdf"]))
    return results


def test_detectors_are_not_blind(browser):
    """A page with console errors and a line too wide for a phone is caught by both checks."""
    img, lines = browser["bad"]
    assert any("boom" in x for x in lines) and any("Uncaught" in x for x in lines)
    assert not _right_edge_clear(img)


def test_talk_page_at_phone_width(browser):
    img, console = browser["talk"]
    assert console == []
    assert img.size == PHONE
    # not blank: many colours (anti-aliased text), the accent bar at the top, mostly white page
    assert len(img.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50
    accent = tuple(int(site_style.css_hex(theme.ACCENT)[i:i + 2], 16) for i in (1, 3, 5))
    assert img.getpixel((PHONE[0] // 2, 4)) == accent
    # nothing runs off the right edge: the last columns below the bar are background only
    assert _right_edge_clear(img)


def test_talk_page_shows_title_and_abstract(browser, symposium):
    """Printed by the browser itself: the title and the abstract are laid out as visible text."""
    it = symposium.item("haptic-intelligence")
    pdf, console = browser["talk-pdf"]
    assert console == []
    text = pdfcheck.normalise(" ".join(pdfcheck.page_texts(pdf)))
    assert it.title.display in text
    assert it.speakers[0].name in text and it.time_range in text
    # the browser may hyphenate the abstract: compare letters and digits only
    assert _letters(it.abstract) in _letters(text)


@pytest.mark.parametrize("which", ["index", "person", "room", "edge-markup", "edge-long"])
def test_pages_render_without_console_errors(browser, which):
    img, console = browser[which]
    assert console == [], f"{which}: {console}"
    assert img.size == PHONE
    assert _right_edge_clear(img), f"{which}: content reaches the right edge at phone width"


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
