"""``eventprint import`` writes ``imported/`` as a build writes ``out/`` (issue 26): staged, all or
nothing, one line when it cannot; what an interrupted import left is tidied by the next one."""
from __future__ import annotations

import errno
import os
import signal

import pytest

from conftest import run_cli
from eventprint.importers import staged
from eventprint.importers.api import import_file, write_content
from eventprint.importers.draft import ImportFailure
from test_import import FIX


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def imported(tmp_path):
    """A content folder imported from frab.json, and the export with a changed title."""
    to = tmp_path / "event"
    assert run_cli("import", str(FIX / "frab.json"), "--to", str(to)).returncode == 0
    changed = tmp_path / "new" / "frab.json"
    changed.parent.mkdir()
    changed.write_text((FIX / "frab.json").read_text(encoding="utf-8").replace('"Night Talk"', '"Night Talk (new)"'),
                       encoding="utf-8")
    return to, changed


def test_to_a_file_is_one_line_and_writes_nothing(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("mine")
    done = run_cli("import", str(FIX / "frab.json"), "--to", str(f))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == f"eventprint: --to {f} is a file, not a folder \u2014 give the " \
                                                   "content folder to write, e.g. --to my-event"
    assert f.read_text() == "mine"
    done = run_cli("import", str(FIX / "frab.json"), "--to", str(f / "sub"))
    assert done.returncode == 2 and "cannot create the folder" in done.stderr and "Traceback" not in done.stderr


def test_an_unwritable_folder_is_one_line(tmp_path, monkeypatch):
    def refuse(path, *a, **k):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))
    monkeypatch.setattr(staged.os, "mkdir", refuse)
    done = run_cli("import", str(FIX / "frab.json"), "--to", str(tmp_path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"could not write {tmp_path / '.imported.new'} (Permission denied) \u2014 nothing in {tmp_path} " \
           "was changed" in done.stderr
    assert os.listdir(tmp_path) == []


def _fail_at(monkeypatch, n: int):
    """Every file operation of the write counted; the n-th fails as a full disk would."""
    count = [0]

    def hook(fn):
        def wrapped(*a, **k):
            count[0] += 1
            if count[0] == n:
                raise OSError(errno.ENOSPC, "No space left on device", str(a[0]))
            return fn(*a, **k)
        return wrapped
    for name in ("write_file", "exchange", "_carry"):  # (fsync_dir never raises)
        monkeypatch.setattr(staged, name, hook(getattr(staged, name)))
    return count


def test_a_failure_at_any_step_leaves_imported_as_it_was(imported, monkeypatch):
    to, changed = imported
    (to / "imported" / "notes.txt").write_text("not ours")
    before = _snapshot(to)
    _, docs = import_file(changed)
    steps = _fail_at(monkeypatch, 0)
    write_content(docs, "frab.json", to)
    total = steps[0]
    write_content(*import_file(FIX / "frab.json")[1:], "frab.json", to)  # back to the first export
    assert {k: v[0] for k, v in _snapshot(to).items()} == {k: v[0] for k, v in before.items()}
    fails = 0
    for n in range(1, total + 1):
        with monkeypatch.context() as m:
            _fail_at(m, n)
            try:
                write_content(docs, "frab.json", to)
            except ImportFailure as e:
                fails += 1
                assert "nothing in" in str(e) and "was changed" in str(e)
                assert {k: v[0] for k, v in _snapshot(to).items()} == {k: v[0] for k, v in before.items()}, n
            else:
                raise AssertionError(f"step {n} of {total} failed, and the import did not say so")
        assert sorted(os.listdir(to)) == ["imported", "overrides.yaml"]
    assert fails == total >= 5


def test_only_changed_files_are_rewritten_and_others_files_are_kept(imported):
    to, changed = imported
    (to / "imported" / "notes.txt").write_text("not ours")
    before = _snapshot(to / "imported")
    done = run_cli("import", str(changed), "--to", str(to))
    assert done.returncode == 0
    after = _snapshot(to / "imported")
    assert after["notes.txt"] == before["notes.txt"]
    assert after["venues.yaml"] == before["venues.yaml"]  # the same file, not a copy
    assert after["programme.yaml"][0] != before["programme.yaml"][0]
    assert [ln for ln in done.stdout.splitlines() if ln.startswith("wrote")] == \
        [f"wrote {to / 'imported' / 'programme.yaml'}"]


def test_a_signal_while_staging_leaves_imported_as_it_was(imported, monkeypatch):
    to, changed = imported
    before = _snapshot(to)
    real = staged.write_file

    def interrupted(path, data, sync=True):
        real(path, data, sync)
        os.kill(os.getpid(), signal.SIGINT)
    monkeypatch.setattr(staged, "write_file", interrupted)
    done = run_cli("import", str(changed), "--to", str(to))
    assert done.returncode == 130
    assert done.stderr.strip().splitlines()[-1] == f"eventprint: interrupted; {to / 'imported'} was left as it was."
    assert _snapshot(to) == before


@pytest.mark.parametrize("left", ["stage", "aside"])
def test_what_a_killed_import_left_is_tidied_by_the_next(imported, left):
    """A kill while staging leaves .imported.new; one between the two renames of a system that
    cannot swap in one step leaves the old folder aside as .imported.old and no imported/."""
    to, changed = imported
    if left == "stage":
        (to / ".imported.new").mkdir()
        (to / ".imported.new" / "programme.yaml").write_text("half")
    else:
        os.rename(to / "imported", to / ".imported.old")
    done = run_cli("import", str(FIX / "frab.json"), "--to", str(to))
    assert done.returncode == 0 and "nothing changed" in done.stdout
    assert sorted(os.listdir(to)) == ["imported", "overrides.yaml"]


def test_without_an_atomic_swap_the_two_renames_still_give_old_or_new(imported, monkeypatch):
    to, changed = imported
    monkeypatch.setattr(staged, "exchange", lambda a, b: False)
    assert run_cli("import", str(changed), "--to", str(to)).returncode == 0
    assert "(new)" in (to / "imported" / "programme.yaml").read_text(encoding="utf-8")
    assert sorted(os.listdir(to)) == ["imported", "overrides.yaml"]


def test_a_build_between_the_two_renames_says_to_import_again(imported):
    to, _ = imported
    os.rename(to / "imported", to / ".imported.old")
    done = run_cli("check", "--content", str(to))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "an import was stopped while it put this folder in place" in done.stderr
    assert "run 'eventprint import' again" in done.stderr
