"""Issue 32: every real export in ../shared/schedules (EVENTPRINT_SCHEDULES names another folder)
imports as content that builds every output: nothing in it stops a build (a long room or person
name wraps, shrinks and is cut short with a warning), and no warning points into imported/, which
the next import replaces. Skipped, with the reason, where the exports are not (they are not ours,
so never in the repository). tests/acceptance.py goes on to decode every QR code."""
from __future__ import annotations

import re

import pytest

from acceptance import SCHEDULES, TIMEZONES
from conftest import run_cli

EXPORTS = sorted(p.name for p in SCHEDULES.iterdir() if p.suffix not in (".md", ".ics")) if SCHEDULES.is_dir() else []

pytestmark = pytest.mark.skipif(not EXPORTS, reason=f"{SCHEDULES} (real exports) is not here")


@pytest.mark.parametrize("name", EXPORTS)
def test_a_real_export_builds_every_output(name, tmp_path):
    from eventprint.build import load_with_warnings, render_noting
    from eventprint.options import BuildOptions
    from eventprint.outputs import NAMES
    zone = TIMEZONES.get(name)
    done = run_cli("import", str(SCHEDULES / name), "--to", str(tmp_path / "c"), *(["--timezone", zone] if zone else []))
    assert done.returncode == 0, done.stderr
    event, warnings = load_with_warnings(tmp_path / "c")
    said = [str(w) for w in warnings]
    for output in NAMES:
        said += render_noting(event, output, BuildOptions())[1]
    imported = [s for s in said if re.match(r".*imported/\w+\.yaml:\d+", s)]
    assert not imported, imported[:3]  # at the override that corrects it, never at the imported line
