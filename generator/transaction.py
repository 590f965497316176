"""The staged switch behind output.write_build: plan, stage, journal, switch, commit, undo.

Kept apart from output.py so each stays short; see output.py for the why.
Everything here works below ``out/.eventprint/`` except the switch itself.
A journal on disk means "a switch may be half done": ``rollback`` then
restores every file from ``backup/`` and removes what the switch added, and it
is safe to run any number of times (a run killed while undoing is undone by the
next run).
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from .durable import (HOME, folder_for, fsync_dir, safe_rel, same_file, sha256, sync_files, sync_many,
                      write_atomic, write_file)
from .problems import BuildError

STATE, JOURNAL, STAGE, BACKUP, LOCK = "state.json", "journal.json", "stage", "backup", "lock"
JOURNAL_FORMAT = 1


class OutputError(BuildError):
    """out/ cannot be written as asked; the message says what and how to fix it."""


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; ``written`` says whether the new build is completely in place."""

    def __init__(self, signum: int, written: bool):
        self.signum, self.written = int(signum), written
        super().__init__(self.signum, written)

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    def message(self, out: str | Path | None) -> str:
        what = "interrupted" if self.signum == signal.SIGINT else "stopped by SIGTERM"
        if out is None:  # a command that writes nothing
            return f"eventprint: {what}."
        if self.written:
            return f"eventprint: {what} after the new build was completely written to {out}."
        return f"eventprint: {what}; {out} was left as it was."


# --------------------------------------------------------------------------
# the plan
# --------------------------------------------------------------------------


@dataclass
class Plan:
    """What a switch does: ops (kind, path) with kind new/replace/remove, folders to create, the new record."""

    ops: list[tuple[str, str]] = field(default_factory=list)
    dirs: list[str] = field(default_factory=list)
    data: dict[str, bytes] = field(default_factory=dict)
    state: dict[str, dict[str, str]] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)

    @classmethod
    def make(cls, out: Path, files: Mapping[str, tuple[str, bytes]], scopes: set[str],
             previous: Mapping[str, Mapping[str, str]]) -> "Plan":
        # paths as strings, each folder checked once: a large site is some 3,000 files in a few
        # folders, and Path objects cost more than the checks themselves
        plan, base = cls(), os.fspath(out)
        device, checked = os.stat(out).st_dev, set()
        for rel in sorted(files):
            scope, data = files[rel]
            plan._folders(base, rel, device, checked)
            target = os.path.join(base, rel)
            try:
                found = os.lstat(target)
            except OSError:
                found = None
            if found is not None and stat.S_ISDIR(found.st_mode):
                raise OutputError(f"{target} is a folder, but the build writes a file there \u2014 move the "
                                  "folder away (eventprint never deletes what it did not write)")
            if found is None:
                plan.ops.append(("new", rel))
                plan.data[rel] = data
            elif not same_file(target, data):
                plan.ops.append(("replace", rel))
                plan.data[rel] = data
            plan.state[rel] = {"scope": scope, "sha256": sha256(data)}
        for rel, entry in sorted(previous.items()):
            if rel in files:
                continue
            if entry["scope"] not in scopes:
                plan.state[rel] = dict(entry)  # an output not rebuilt now: still ours
                continue
            target = out / rel
            if not os.path.lexists(target):
                continue
            try:
                ours = (not target.is_symlink() and target.is_file()
                        and sha256(target.read_bytes()) == entry["sha256"])
            except OSError:
                ours = False
            if ours:
                plan.ops.append(("remove", rel))
            else:
                plan.kept.append(rel)
        # the record itself switches with the files, so undoing a switch restores it too
        record, data = f"{HOME}/{STATE}", state_bytes(plan.state)
        if not same_file(out / record, data):
            plan.ops.append(("replace" if os.path.lexists(out / record) else "new", record))
            plan.data[record] = data
        return plan

    def _folders(self, base: str, rel: str, device: int, checked: set[str]) -> None:
        parts = rel.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            sub = "/".join(parts[:i])
            if sub in checked:
                continue
            checked.add(sub)
            folder = os.path.join(base, sub)
            if not os.path.lexists(folder):
                self.dirs.append(sub)
                continue
            if not os.path.isdir(folder):
                raise OutputError(f"{folder} is a file (or a broken link), but the build needs a folder there \u2014 "
                                  "move it away (eventprint never deletes what it did not write)")
            if os.stat(folder).st_dev != device:
                raise OutputError(f"{folder} is on another file system than {base} \u2014 make it a plain "
                                  "folder of out/ (eventprint switches builds by renaming files within one file system)")

    def report(self, out: Path) -> list[str]:
        """Lines for the user about files removed or deliberately kept."""
        lines = []
        removed = [rel for kind, rel in self.ops if kind == "remove"]
        if removed:
            lines.append(f"Removed {len(removed)} file(s) an earlier build wrote that this build no longer makes: "
                         + ", ".join(removed))
        if self.kept:
            lines.append("Left in place although this build no longer makes them, because they were changed "
                         "after eventprint wrote them: " + ", ".join(self.kept))
        return lines


# --------------------------------------------------------------------------
# the transaction
# --------------------------------------------------------------------------


class _Abort(Exception):
    pass


@dataclass
class Transaction:
    out: Path
    plan: Plan
    fault: Callable[[str], None]
    signals: list[int]

    @property
    def home(self) -> Path:
        return self.out / HOME

    def run(self) -> None:
        """Stage, journal, switch, commit; out/ is old or new whenever this returns or raises."""
        home = self.home
        try:
            self._stage()
            if self.signals:
                raise _Abort
            self.fault("journal")
            journal = {"format": JOURNAL_FORMAT, "ops": self.plan.ops, "dirs": self.plan.dirs}
            write_atomic(home / JOURNAL, json.dumps(journal).encode("utf-8"))
            fsync_dir(home)
        except _Abort:
            _discard(home)
            raise Interrupted(self.signals[0], written=False) from None
        except OSError as e:
            _discard(home)
            raise OutputError(f"could not write {self.doing} ({e.strerror}) \u2014 nothing in {self.out} was "
                              "changed; free some space or check permissions, then build again") from None
        except Exception:
            _discard(home)
            raise
        try:
            self._switch()
            self.fault("commit")
            os.unlink(home / JOURNAL)
            fsync_dir(home)
        except Exception as e:
            reason = f" ({e.strerror})" if isinstance(e, OSError) else f" ({e})"
            try:
                rollback(self.out)
            except OSError as e2:
                raise OutputError(f"could not put {self.doing} in place{reason}, nor undo the files already "
                                  f"switched ({e2.strerror}) \u2014 fix that, then run eventprint again: it "
                                  "finishes undoing first") from None
            raise OutputError(f"could not put {self.doing} in place{reason}; {self.out} is as it was before "
                              "\u2014 check permissions and free space, then build again") from None
        _discard(home)

    def _stage(self) -> None:
        stage, backup = self.home / STAGE, self.home / BACKUP
        _discard(self.home)
        staged, made = [], set()
        out_s, stage_s, backup_s = os.fspath(self.out), os.fspath(stage), os.fspath(backup)
        for kind, rel in self.plan.ops:
            if self.signals:
                raise _Abort
            self.doing = os.path.join(out_s, rel)
            if kind != "remove":
                self.fault(f"stage {rel}")
                path = os.path.join(stage_s, rel)
                folder_for(path, made)
                write_file(path, self.plan.data[rel], sync=False)
                staged.append(path)
            if kind != "new":
                self.fault(f"backup {rel}")
                kept = os.path.join(backup_s, rel)
                folder_for(kept, made)
                try:
                    os.link(self.doing, kept, follow_symlinks=False)
                except OSError:  # no hard links here: a copy restores the same bytes
                    shutil.copy2(self.doing, kept, follow_symlinks=False)
        self.doing = stage
        sync_files(stage, staged)  # every staged file is on disk before the journal says to switch
        self.doing = self.home / JOURNAL

    def _switch(self) -> None:
        out_s, stage_s = os.fspath(self.out), os.fspath(self.home / STAGE)
        for sub in self.plan.dirs:
            self.doing = self.out / sub
            self.fault(f"mkdir {sub}")
            (self.out / sub).mkdir()
        touched = {out_s}
        for kind, rel in self.plan.ops:
            self.doing = target = os.path.join(out_s, rel)
            self.fault(f"{kind} {rel}")
            if kind == "remove":
                os.unlink(target)
            else:
                os.replace(os.path.join(stage_s, rel), target)
            touched.add(os.path.dirname(target))
        sync_many(fsync_dir, sorted(touched))
        self.doing = self.home / JOURNAL


def state_bytes(files: Mapping[str, Mapping[str, str]]) -> bytes:
    return (json.dumps({"format": 1, "files": dict(sorted(files.items()))}, indent=1, sort_keys=True)
            + "\n").encode("utf-8")


def _discard(home: Path) -> None:
    """Empty the stage and backup folders (safe only when no journal says a switch is under way)."""
    for name in (STAGE, BACKUP):
        shutil.rmtree(home / name, ignore_errors=True)
    for leftover in ("~" + STATE[1:], "~" + JOURNAL[1:]):
        try:
            os.unlink(home / leftover)
        except FileNotFoundError:
            pass


def _read_journal(home: Path) -> tuple[list[tuple[str, str]], list[str]]:
    try:
        data = json.loads((home / JOURNAL).read_bytes().decode("utf-8"))
        ops = [(str(k), str(r)) for k, r in data["ops"]]
        dirs = [str(d) for d in data["dirs"]]
        if data.get("format") != JOURNAL_FORMAT or not all(
                k in ("new", "replace", "remove") and (safe_rel(r) or r == f"{HOME}/{STATE}") for k, r in ops) or not all(map(safe_rel, dirs)):
            raise ValueError
        return ops, dirs
    except (OSError, ValueError, TypeError, KeyError, RecursionError, UnicodeDecodeError):
        raise OutputError(f"{home / JOURNAL} is damaged, so an earlier build that was stopped cannot be undone "
                          f"\u2014 check the files in {home.parent}, then delete {home}") from None


def rollback(out: Path) -> None:
    """Undo the switch the journal describes, however far it got; idempotent."""
    home = out / HOME
    ops, dirs = _read_journal(home)
    for kind, rel in reversed(ops):
        final, staged, saved = out / rel, home / STAGE / rel, home / BACKUP / rel
        if kind == "new":
            if not os.path.lexists(staged) and os.path.lexists(final):
                os.unlink(final)
        elif os.path.lexists(saved):
            os.replace(saved, final)
    for sub in reversed(dirs):
        try:
            (out / sub).rmdir()
        except OSError:
            pass
    os.unlink(home / JOURNAL)
    fsync_dir(home)
    _discard(home)


def recover(out: Path) -> list[str]:
    """Undo a switch that a killed run left half done; drop leftovers of an aborted stage."""
    home = out / HOME
    if not home.is_dir():
        return []
    if os.path.lexists(home / JOURNAL):
        rollback(out)
        return [f"Undid the unfinished write of an earlier build that was stopped; {out} is as it was "
                "before that build."]
    _discard(home)
    return []
