"""Acceptance (not a unit test): import every real export in ../shared/schedules and build `all`.

The exports are real and not ours, so they are read from ../shared, never copied into the
repository. Each one must import and build every output with no error and no traceback;
conflicts in them (overlaps, double bookings) are warnings. `.ci/run` runs this after
`make test`; locally: `.venv/bin/python tests/acceptance.py`. Prints one line per export and
exits non-zero if any fails; skips (exit 0) with a reason when ../shared is absent.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCHEDULES = Path(__file__).resolve().parent.parent.parent / "shared" / "schedules"
# naive times need the event's zone (the README there says where each event was)
TIMEZONES = {"gpn11.csv": "Europe/Berlin"}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventprint", *args], capture_output=True, text=True)


def main() -> int:
    if not SCHEDULES.is_dir():
        print(f"acceptance: skipped: {SCHEDULES} is absent (real exports are not in the repository)")
        return 0
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for source in sorted(SCHEDULES.iterdir()):
            if source.suffix in (".md", ".ics"):
                continue
            content, out = Path(tmp) / source.name, Path(tmp) / source.name / "out"
            zone = TIMEZONES.get(source.name)
            t0 = time.perf_counter()
            imported = run("import", str(source), "--to", str(content), *(["--timezone", zone] if zone else []))
            built = run("all", "--content", str(content), "--out", str(out)) if imported.returncode == 0 else None
            took = time.perf_counter() - t0
            summary = next((ln for ln in imported.stdout.splitlines() if " days, " in ln), "").strip()
            ok = (imported.returncode == 0 and built is not None and built.returncode == 0
                  and "Traceback" not in imported.stderr + (built.stderr if built else ""))
            pdfs = len(list(out.rglob("*.pdf"))) if out.is_dir() else 0
            print(f"acceptance: {'ok  ' if ok else 'FAIL'} {source.name}: {summary}; {pdfs} PDFs in {took:.1f} s")
            if not ok:
                failed += 1
                print(imported.stderr[-2000:] + (built.stderr[-2000:] if built else ""), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
