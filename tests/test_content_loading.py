"""Loading what real events contain: conflicts as warnings, days past midnight, tracks and
languages, imported content with the organiser's overrides, and a reproducible "as of" stamp.

Each test writes a small content folder of its own (or breaks a copy of the symposium) and
asserts what an organiser would read: the model, or the file:line of a problem.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, REPO
from test_validation import replace, set_item

from eventprint.load import load_content, load_event
from eventprint.problems import ContentError


@pytest.fixture
def copy(tmp_path):
    dst = tmp_path / "content"
    shutil.copytree(CONTENT, dst)
    return dst


def errors(folder: Path, strict: bool = False) -> list[str]:
    with pytest.raises(ContentError) as e:
        load_event(folder, strict=strict)
    return [str(p) for p in e.value.problems]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventprint", *args], capture_output=True, text=True,
                          cwd=REPO)


# --------------------------------------------------------------------------
# conflicts are warnings; --strict makes them errors
# --------------------------------------------------------------------------
def _overlap(copy: Path) -> int:
    return set_item(copy, "pose-refinement", "start", '"13:40"')


def _double_booking(copy: Path) -> None:
    # the lab tour (Lobby) runs into the welcome (N0.002), and Black leads both
    replace(copy, "programme.yaml", "        title: MPI-IS Lab Tour\n",
            "        title: MPI-IS Lab Tour\n        chair: black\n")
    replace(copy, "programme.yaml", '        end: "11:40"', '        end: "11:50"')


def test_room_overlap_is_a_warning_naming_both_items(copy):
    line = _overlap(copy)
    loaded = load_content(copy)
    assert len(loaded.warnings) == 1, loaded.warnings
    w = loaded.warnings[0]
    assert w.warning and w.file == str(copy / "programme.yaml") and w.line == line
    assert "overlaps 'Learning clothing pressure fields" in str(w) and ", line " in str(w)
    assert loaded.event.item("pose-refinement").start.strftime("%H:%M") == "13:40"
    msg = errors(copy, strict=True)
    assert len(msg) == 1 and msg[0].startswith(f"{copy / 'programme.yaml'}:{line}: ")


def test_double_booking_is_a_warning(copy):
    _double_booking(copy)
    loaded = load_content(copy)
    assert [("booked in two places" in str(w)) for w in loaded.warnings] == [True]
    assert "'Welcome Remarks'" in str(loaded.warnings[0]) and "'MPI-IS Lab Tour'" in str(loaded.warnings[0])
    assert len(errors(copy, strict=True)) == 1


def test_build_prints_conflicts_and_goes_on_strict_stops(copy, tmp_path):
    line = _overlap(copy)
    out = tmp_path / "out"
    done = run("poster", "--content", str(copy), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"programme.yaml:{line}: " in done.stderr and "overlaps" in done.stderr
    assert (out / "poster.pdf").is_file()
    strict_out = tmp_path / "strict"
    stopped = run("poster", "--strict", "--content", str(copy), "--out", str(strict_out))
    assert stopped.returncode == 2 and "Traceback" not in stopped.stderr
    assert f"programme.yaml:{line}: " in stopped.stderr and "nothing was written" in stopped.stderr
    assert not strict_out.exists()


def test_check_lists_conflicts_and_strict_fails(copy):
    _double_booking(copy)
    ok = run("check", "--content", str(copy))
    assert ok.returncode == 0 and "booked in two places at once" in ok.stdout
    assert run("check", "--strict", "--content", str(copy)).returncode == 2
