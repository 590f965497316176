"""Acceptance (not a unit test): import every real export in ../shared/schedules and build `all`.

The exports are real and not ours, so they are read from ../shared, never copied into the
repository (EVENTPRINT_SCHEDULES names another folder). Each one must import and build every
output with no error and no traceback; conflicts in them (overlaps, double bookings) are
warnings. Every QR code on the badges, door signs, poster and booklet is decoded and must open
a page the export itself names (its talks' pages or its schedule page): an export that names
its talks' pages builds with --final as it is imported, one that names none is a draft until
base_url is set. Then, with base_url set in overrides.yaml, every code must open a file that
exists under out/site/. `.ci/run` runs this after `make test`; locally:
`.venv/bin/python tests/acceptance.py`. Prints one line per export and exits non-zero if any
fails; skips (exit 0) with a reason when ../shared is absent.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

SCHEDULES = Path(os.environ.get("EVENTPRINT_SCHEDULES")
                 or Path(__file__).resolve().parent.parent.parent / "shared" / "schedules")
# naive times need the event's zone (the README there says where each event was)
TIMEZONES = {"gpn11.csv": "Europe/Berlin"}
PRINTED = ("booklet.pdf", "signs/all-signs.pdf", "poster.pdf", "badges.pdf")
OUR_SITE = "https://ev.example-host.org/{n}/"  # a base_url no export uses, as short as a real one


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventprint", *args], capture_output=True, text=True)


def one_slash(url: str) -> str:
    """pretalx's XML writes 'host//2025/talk/X/' where its JSON has 'host/2025/talk/X/'."""
    scheme, rest = url.split("://", 1)
    return scheme + "://" + re.sub(r"/{2,}", "/", rest)


def export_pages(path: Path) -> tuple[str | None, set[str]]:
    """(the schedule page, the talk pages) as the file itself names them, read here and not by
    eventprint's importers; (None, set()) when it names none."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".xml":
        root = ET.fromstring(text.encode("utf-8"))
        pages = set()
        for ev in root.iter("event"):
            url = (ev.findtext("url") or "").strip() or (ev.findtext("slug") or "").strip()
            if url.startswith("http"):
                pages.add(one_slash(url))
        return (root.findtext("conference/base_url") or None), pages
    if path.suffix != ".json":
        return None, set()
    data = json.loads(text)
    if "schedule" in data:
        sched = data["schedule"]
        events = [ev for day in sched["conference"]["days"] for evs in day["rooms"].values() for ev in evs]
        return sched.get("base_url"), {ev["url"] for ev in events if ev.get("url")}
    if isinstance(data.get("results"), list):  # Indico: the event's page and its contributions'
        ev = data["results"][0]
        return ev.get("url"), {c["url"] for c in ev.get("contributions") or [] if c.get("url")}
    return None, set()


def decoded(out: Path) -> tuple[list[str], int]:
    """Every QR code's text on the printed outputs, and how many drawn codes did not decode."""
    import pdfcheck
    texts, failed = [], 0
    for name in PRINTED:
        pdf = (out / name).read_bytes()
        for page in pdfcheck._qr_codes(pdf):
            for _, found in page:
                texts += found
                failed += 0 if found else 1
    pdfcheck._qr_codes.cache_clear()  # the next build writes other files at these paths
    pdfcheck._document.cache_clear()
    return texts, failed


def check_source(source: Path, out: Path) -> tuple[str | None, int]:
    """What is wrong with the codes of a build that opens the export's pages (or None), and how many there are."""
    schedule, pages = export_pages(source)
    named = pages | ({one_slash(schedule)} if schedule else set()) | {u.split("#")[0] for u in pages}
    texts, failed = decoded(out)
    foreign = sorted({t for t in texts if t not in named})
    if failed or foreign or not texts:
        return f"{failed} codes do not decode, {len(texts)} decode; not named by the export: {foreign[:3]}", 0
    return None, len(texts)


def check_site(out: Path, base: str) -> tuple[str | None, int]:
    """What is wrong with the codes of a build that opens out/site/ (or None), and how many there are."""
    texts, failed = decoded(out)
    missing = []
    for t in texts:
        rest = t[len(base):].split("#")[0] if t.startswith(base) else None
        if rest is None or not (out / "site" / (rest + "index.html" if rest.endswith("/") or not rest else rest)).is_file():
            missing.append(t)
    if failed or missing or not texts:
        return f"{failed} codes do not decode, {len(texts)} decode; not a file of out/site/: {missing[:3]}", 0
    return None, len(texts)


def one(source: Path, tmp: Path, n: int) -> tuple[bool, str, str]:
    content, out = tmp / source.name, tmp / source.name / "out"
    zone = TIMEZONES.get(source.name)
    imported = run("import", str(source), "--to", str(content), *(["--timezone", zone] if zone else []))
    summary = next((ln for ln in imported.stdout.splitlines() if " days, " in ln), "").strip()
    if imported.returncode != 0:
        return False, summary, imported.stderr[-2000:]
    _, pages = export_pages(source)
    final = run("all", "--final", "--content", str(content), "--out", str(out))
    if pages:  # the export names its talks' pages: ready for the press as imported
        if final.returncode != 0:
            return False, summary, final.stderr[-2000:]
        wrong, count = check_source(source, out)
        if wrong:
            return False, summary, "codes of the export's pages: " + wrong
        said = f"--final: all {count} codes open pages the export names"
    else:  # a draft until base_url is set, saying which line to change
        if final.returncode != 2 or "overrides.yaml:" not in final.stderr or "base_url" not in final.stderr:
            return False, summary, "--final should refuse a draft naming overrides.yaml: " + final.stderr[-2000:]
        draft = run("all", "--content", str(content), "--out", str(out))
        if draft.returncode != 0 or "Traceback" in draft.stderr:
            return False, summary, draft.stderr[-2000:]
        said = "a draft until base_url is set"
    base = OUR_SITE.format(n=n)
    overrides = content / "overrides.yaml"
    overrides.write_text(overrides.read_text(encoding="utf-8").replace("event: {}", f"event:\n  base_url: {base}"),
                         encoding="utf-8")
    site = run("all", "--final", "--content", str(content), "--out", str(out))
    if site.returncode != 0:
        return False, summary, site.stderr[-2000:]
    wrong, count = check_site(out, base)
    if wrong:
        return False, summary, "codes with base_url: " + wrong
    return True, f"{summary.split(': ', 1)[-1]}; {said}; with base_url all {count} open files of out/site/", ""


def main() -> int:
    if not SCHEDULES.is_dir():
        print(f"acceptance: skipped: {SCHEDULES} is absent (real exports are not in the repository)")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))  # pdfcheck, beside this file
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        exports = [s for s in sorted(SCHEDULES.iterdir()) if s.suffix not in (".md", ".ics")]
        for n, source in enumerate(exports, 1):
            t0 = time.perf_counter()
            ok, summary, why = one(source, Path(tmp), n)
            took = time.perf_counter() - t0
            print(f"acceptance: {'ok  ' if ok else 'FAIL'} {source.name}: {summary} in {took:.1f} s")
            if not ok:
                failed += 1
                print(why, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
