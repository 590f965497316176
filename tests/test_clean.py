"""`make clean` and `eventprint clean` remove what eventprint wrote, and can never reach further.

The Makefile's refusals are tested with `make -n` (nothing runs): a dangerous OUT must stop make
before any command is even printed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, run_cli

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_clean(out: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-n", "clean", f"OUT={out}"], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "HOME": str(Path.home())})


@pytest.mark.parametrize("out", ["", " ", "/", "//", "~", str(Path.home()), ".", "./", str(REPO), "content",
                                 "../" + REPO.name])
def test_make_refuses_a_dangerous_out_before_any_command(out):
    r = dry_clean(out)
    assert r.returncode != 0
    assert "rm" not in r.stdout and "eventprint" not in r.stdout  # nothing would have run
    assert "OUT" in r.stderr


def test_make_clean_quotes_the_folder_and_removes_no_tracked_file():
    r = dry_clean("my out")
    assert r.returncode == 0, r.stderr
    assert "clean --out 'my out'" in r.stdout
    assert "rm -rf" not in r.stdout.replace("rm -rf .pytest_cache", "")


def test_clean_removes_what_the_build_wrote_and_nothing_else(tmp_path):
    content = REPO / "content"
    out = tmp_path / "out"
    out.mkdir()
    (out / "README.md").write_text("ours, not eventprint's\n")
    assert run_cli("poster", "--content", str(content), "--out", str(out)).returncode == 0
    assert run_cli("site", "--content", str(content), "--out", str(out)).returncode == 0
    (out / "site" / "notes.txt").write_text("the organiser's own file\n")
    index = out / "site" / "index.html"
    index.write_text(index.read_text() + "<!-- edited by hand -->")
    r = run_cli("clean", "--out", str(out))
    assert r.returncode == 0, r.stderr
    left = sorted(str(p.relative_to(out)) for p in out.rglob("*"))
    assert left == ["README.md", "site", "site/index.html", "site/notes.txt"]
    assert "kept 1 changed since" in r.stdout
    assert run_cli("clean", "--out", str(out)).stdout.startswith(f"{out}: nothing eventprint wrote")


@pytest.mark.parametrize("where", ["root", "home", "repository", "content"])
def test_clean_refuses_folders_that_are_not_an_out_folder(where, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = {"root": "/", "home": str(tmp_path), "repository": str(REPO), "content": str(REPO / "content")}[where]
    r = run_cli("clean", "--out", folder)
    assert r.returncode == 2
    assert "not cleaning" in r.stderr
