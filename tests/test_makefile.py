"""The Makefile passes every path through as one argument, refuses a dangerous OUT wherever the
repository lives, and lists its targets. Everything here runs `make -n` (nothing is executed)."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

ODD = "my ev'ent \"2027\""  # a space and both quotes: each must reach eventprint as it is
VALUES = {"CONTENT": ODD, "OUT": "my out", "SIZE": "A 3", "SHEET": "a4", "PERSON": "o'neil", "PORT": "8001",
          "SOURCE": "my export.json", "TIMEZONE": "Europe/Berlin", "COLUMNS": "title=Titel des Vortrags",
          "EVERY": "10m"}
# target -> the arguments eventprint must get
EXPECTED = {
    "all": ["all", "--content", ODD, "--out", "my out"],
    "print": ["all", "--content", ODD, "--out", "my out", "--final"],
    "booklet": ["booklet", "--content", ODD, "--out", "my out"],
    "signs": ["signs", "--content", ODD, "--out", "my out", "--size", "A 3"],
    "poster": ["poster", "--content", ODD, "--out", "my out", "--size", "A 3"],
    "badges": ["badges", "--content", ODD, "--out", "my out", "--size", "A 3", "--sheet", "a4", "--person", "o'neil"],
    "site": ["site", "--content", ODD, "--out", "my out"],
    "chairs": ["chairs", "--content", ODD, "--out", "my out"],
    "tents": ["tents", "--content", ODD, "--out", "my out"],
    "cards": ["cards", "--content", ODD, "--out", "my out", "--size", "A 3"],
    "check": ["check", "--content", ODD],
    "serve": ["serve", "--content", ODD, "--port", "8001"],
    "init": ["init", ODD],
    "import": ["import", "my export.json", "--to", ODD, "--timezone", "Europe/Berlin",
               "--columns", "title=Titel des Vortrags", "--every", "10m", "--out", "my out"],
    "clean": ["clean", "--out", "my out"],
    "printed": ["printed", "--out", "my out"],
}


def make_n(*args: str, cwd: Path = REPO, env: dict | None = None) -> subprocess.CompletedProcess:
    """`make -n` as a user runs it (not as a sub-make of `make test`, which would say where it is)."""
    outer = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    return subprocess.run(["make", "-n", *args], cwd=cwd, capture_output=True, text=True, env={**outer, **(env or {})})


@pytest.mark.parametrize("target", sorted(EXPECTED))
def test_every_target_passes_paths_with_spaces_and_quotes_as_one_argument(target):
    r = make_n(target, *(f"{k}={v}" for k, v in VALUES.items()))
    assert r.returncode == 0, r.stderr
    calls = [shlex.split(line) for line in r.stdout.splitlines() if " -m eventprint " in line]
    assert len(calls) == 1, r.stdout
    assert calls[0][calls[0].index("eventprint") + 1:] == EXPECTED[target]


def test_every_target_that_runs_eventprint_is_checked_here():
    targets = {line.split(":")[0] for line in (REPO / "Makefile").read_text().splitlines()
               if line[:1].isalpha() and ":" in line and "$(EP)" in _recipe(line)}
    assert targets - {"help"} <= set(EXPECTED)  # help runs `eventprint --list`, no build


def _recipe(target_line: str) -> str:
    text = (REPO / "Makefile").read_text()
    rest = text[text.index(target_line) + len(target_line):]
    return rest.split("\n\n")[0]


def _repository_copy(where: Path) -> Path:
    """The Makefile and a content folder in a folder whose path has spaces, as a clone could be."""
    repo = where / "My Projects" / "event print"
    (repo / "content").mkdir(parents=True)
    shutil.copy(REPO / "Makefile", repo / "Makefile")
    (repo / "pyproject.toml").write_text("")
    return repo


@pytest.mark.parametrize("out", ["repository", "content", "home", "link to home"])
def test_a_dangerous_out_is_refused_also_where_paths_have_spaces(tmp_path, out):
    repo = _repository_copy(tmp_path)
    home = tmp_path / "home of mine"
    home.mkdir()
    (tmp_path / "link").symlink_to(home)
    folder = {"repository": repo, "content": repo / "content", "home": home,
              "link to home": tmp_path / "link"}[out]
    r = make_n("clean", f"OUT={folder}", cwd=repo, env={"HOME": str(home)})
    assert r.returncode != 0
    assert r.stdout == ""  # nothing would have run
    assert "is not an output folder" in r.stderr


def test_an_out_folder_beside_them_is_accepted_where_paths_have_spaces(tmp_path):
    repo = _repository_copy(tmp_path)
    (repo / "out").mkdir()
    for out in ("out", str(repo / "out"), "../event print/out"):
        r = make_n("clean", f"OUT={out}", cwd=repo, env={"HOME": str(tmp_path)})
        assert r.returncode == 0, r.stderr
        assert shlex.split([line for line in r.stdout.splitlines() if " clean " in line][0])[-1] == out


def test_make_help_lists_every_target_with_what_it_does():
    r = subprocess.run(["make", "--no-print-directory", "help"], cwd=REPO, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    listed = {line.split()[0] for line in r.stdout.splitlines() if line.startswith("  ")}
    assert set(EXPECTED) | {"test", "bench", "setup", "help"} <= listed
