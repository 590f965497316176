"""Write a build into out/ as one transaction.

Layouts render into memory; this module then puts the whole build in place so
that out/ afterwards holds either the previous build or the complete new one,
whatever happens: an error, Ctrl-C, SIGTERM, or even SIGKILL or a power cut.

How: everything eventprint keeps for itself lives in ``out/.eventprint/``
(same file system, so renames are atomic):

1. stage: every new or changed file is written to ``stage/<path>`` (same file
   name as the final one, so no temporary name is ever longer), and every file
   that will be replaced or removed gets a hard link (or copy) in ``backup/``;
2. a ``journal.json`` lists what the switch will do; from then on an interrupted
   switch can be undone exactly, by this run or by the next one;
3. switch: renames put the staged files in place and stale files are removed;
4. commit: ``state.json`` records which files eventprint wrote (with their
   hashes), the journal is deleted, stage and backup are emptied.

SIGINT and SIGTERM are deferred while this runs: before the switch they abort
(out/ untouched), during it the switch finishes first. ``state.json`` is how
stale outputs (the page of a talk that was removed) are found and removed, and
how files eventprint did not write are never touched: only a file eventprint
wrote, in an output this run rebuilt, unchanged since, is ever removed.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: no lock, the rest still holds
    fcntl = None

from .options import OptionError
from .durable import HOME, safe_rel
from .transaction import JOURNAL, LOCK, STATE, Interrupted, OutputError, Plan, Transaction, recover

MAX_STATE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Artifact:
    """One output file: its path below out/ and its bytes."""

    path: str  # relative, with forward slashes: "signs/n0-002-2024-09-16.pdf"
    data: bytes


@dataclass(frozen=True)
class Piece:
    """One printed piece as the reprint manifest knows it (eventprint.reprint): a label for people
    and what it shows, as plain data that is hashed, never its PDF bytes or the "as of" stamp."""

    label: str  # "badge for Katherine J. Kuchenbecker"
    shows: object  # JSON-able: the strings the piece prints


@dataclass
class WriteResult:
    written: list[Path] = field(default_factory=list)  # every file of this build
    messages: list[str] = field(default_factory=list)  # removed stale files, recovered writes, ...


def source_date_epoch_problem(env: Mapping[str, str] = os.environ) -> str | None:
    """A one-line message if SOURCE_DATE_EPOCH is set but unusable (ReportLab would crash on it)."""
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit():
        return (f"SOURCE_DATE_EPOCH is '{raw}', not a number of seconds since 1970 \u2014 "
                "set it to a whole number like 1726473600 (date +%s gives the current one), or unset it")
    if int(raw) > 253402300799:  # 9999-12-31 23:59:59 UTC
        hint = " (it looks like milliseconds: divide by 1000)" if int(raw) // 1000 <= 253402300799 else ""
        return (f"SOURCE_DATE_EPOCH is {raw}, a date after the year 9999{hint} \u2014 "
                "set it to seconds since 1970, like 1726473600")
    return None


def check_source_date_epoch() -> None:
    problem = source_date_epoch_problem()
    if problem:
        raise OptionError(problem)


# --------------------------------------------------------------------------
# the out folder and our state in it
# --------------------------------------------------------------------------


def _prepare_out(out: Path) -> list[Path]:
    """Make sure ``out`` is a folder we can write; return the folders created for it."""
    if out.is_symlink() and not out.exists():
        raise OutputError(f"--out {out} is a link to {os.readlink(out)}, which does not exist \u2014 "
                          "create that folder, remove the link, or give another --out")
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {out} is a file, not a folder \u2014 give a folder with --out, "
                          "or move the file away")
    created = []
    for parent in reversed((out, *out.parents)):
        if not parent.exists():
            try:
                parent.mkdir()
            except OSError as e:
                raise OutputError(f"cannot create the folder {parent} ({e.strerror}) \u2014 "
                                  "check the path and your permissions, or give another --out") from None
            created.append(parent)
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write into the folder {out} (permission denied) \u2014 "
                          "make it writable or give another --out")
    return created


def _name_max(out: Path) -> int:
    try:
        return os.pathconf(out, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):  # pragma: no cover
        return 255


def _check_names(out: Path, files: Mapping[str, object]) -> None:
    limit = _name_max(out)
    for rel in files:
        if not safe_rel(rel):
            raise ValueError(f"artifact path {rel!r} is not a plain relative path")  # a layout bug
        for part in rel.split("/"):
            if len(part.encode("utf-8")) > limit:
                raise OutputError(
                    f"cannot write {out / rel[:60]}\u2026: its file name has {len(part)} characters, more than the "
                    f"{limit} this file system allows \u2014 shorten the id it is made from in content/")


def read_state(out: Path, notes: list[str]) -> dict[str, dict[str, str]]:
    """path -> {scope, sha256} of the files the last build wrote; {} (with a note) if unreadable."""
    path = out / HOME / STATE
    if not os.path.lexists(path):
        return {}
    try:
        if not path.is_file() or path.stat().st_size > MAX_STATE_BYTES:
            raise ValueError
        data = json.loads(path.read_bytes().decode("utf-8"))
        files = data["files"] if isinstance(data, dict) and data.get("format") == 1 else None
        if not isinstance(files, dict) or not all(
                isinstance(k, str) and safe_rel(k) and isinstance(v, dict)
                and isinstance(v.get("scope"), str) and isinstance(v.get("sha256"), str) for k, v in files.items()):
            raise ValueError
        return {k: {"scope": v["scope"], "sha256": v["sha256"]} for k, v in files.items()}
    except (OSError, ValueError, RecursionError, UnicodeDecodeError):
        notes.append(f"Ignored {path}: it is not a record eventprint wrote; files of earlier builds "
                     "that this build does not renew are left in place this time.")
        return {}


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One eventprint at a time per out/ (a second one says so instead of mixing two builds)."""
    home = out / HOME
    try:
        home.mkdir(exist_ok=True)
        fd = os.open(home / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise OutputError(f"cannot use {home} ({e.strerror}), where eventprint keeps track of what it wrote "
                          f"\u2014 if it is not a folder, move it away; or give another --out") from None
    try:
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutputError(f"another eventprint is writing to {out} right now \u2014 "
                                  "wait until it has finished, then build again") from None
            # no locks on this file system (some network drives): go on without
        yield
    finally:
        os.close(fd)


@contextmanager
def deferred_signals() -> Iterator[list[int]]:
    """Collect SIGINT/SIGTERM instead of acting on them; the caller decides when to stop."""
    got: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield got
        return
    old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for s in old:
        signal.signal(s, lambda signum, frame: got.append(signum))
    try:
        yield got
    finally:
        for s, handler in old.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)


def prepare(out_dir: str | Path) -> list[str]:
    """Check that out/ can be written and undo a write that an earlier run could not finish.

    Call before reading anything in out/ (such as reprint's manifest.json).
    """
    out = Path(out_dir)
    created = _prepare_out(out)
    with _locked(out), deferred_signals() as signals:  # an undo runs to its end
        notes = recover(out)
    _tidy_home(out, created)
    if signals:
        raise Interrupted(signals[0], written=False)
    return notes


def _tidy_home(out: Path, created: list[Path]) -> None:
    """Remove our folder if it holds nothing worth keeping, and folders created for nothing."""
    home = out / HOME
    if home.is_dir() and not (home / STATE).exists() and not (home / JOURNAL).exists():
        shutil.rmtree(home, ignore_errors=True)
    for folder in reversed(created):
        try:
            folder.rmdir()
        except OSError:
            break


def write_build(out_dir: str | Path, parts: Mapping[str, Sequence[Artifact]],
                fault: Callable[[str], None] | None = None) -> WriteResult:
    """Put one build in place as a transaction.

    ``parts`` maps a scope (an output such as "site", rebuilt completely by this
    run) to its artifacts; files an earlier build wrote for a scope in ``parts``
    that this build does not write are removed. ``fault`` is a test hook called
    before every file operation. Raises OutputError (out/ unchanged) or
    Interrupted.
    """
    out = Path(out_dir)
    files: dict[str, tuple[str, bytes]] = {}
    for scope, artifacts in parts.items():
        for a in artifacts:
            if a.path in files:
                raise ValueError(f"two artifacts write {a.path}")  # a layout bug
            files[a.path] = (scope, a.data)
    created = _prepare_out(out)
    result = WriteResult(written=[out / rel for rel in files])
    committed = False
    try:
        _check_names(out, files)
        with _locked(out), deferred_signals() as signals:
            result.messages += recover(out)
            state = read_state(out, result.messages)
            plan = Plan.make(out, files, set(parts), state)
            txn = Transaction(out, plan, fault or (lambda label: None), signals)
            txn.run()  # raises OutputError or Interrupted(written=False) with out/ as it was
            committed = True
            result.messages += plan.report(out)
        if signals:
            raise Interrupted(signals[0], written=True)
    finally:
        if not committed:
            _tidy_home(out, created)
    return result


def write_all(out_dir: Path, artifacts: list[Artifact]) -> list[Path]:
    """Write ``artifacts`` below ``out_dir`` as one transaction, all in one scope."""
    return write_build(out_dir, {"": artifacts}).written
