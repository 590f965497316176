"""The "as of" stamp when event.yaml has no ``updated``: the same in every clone of the content.

File modification times differ between clones (a checkout writes every file anew), so they
never decide it. In order: ``SOURCE_DATE_EPOCH`` (reproducible builds), the time of the newest
git commit touching the content files, the first day of the programme at 00:00. Times are
shown in the event's time zone, as every other time is. ``check`` warns that the stamp is
missing, so this is a safe default rather than something to rely on.
"""
from __future__ import annotations

import os
import subprocess
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

GIT_TIMEOUT_S = 5


class StampError(ValueError):
    """SOURCE_DATE_EPOCH is set but is no time eventprint can print (milliseconds, say)."""


def as_of(files: tuple[Path, ...], timezone: str, first_day: date) -> tuple[datetime, str]:
    """The stamp and, for the warning, what it was taken from."""
    sde = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if sde:
        try:
            if not (sde.isascii() and sde.isdigit()):
                raise ValueError
            local = _local(int(sde), timezone)
        except (ValueError, OverflowError, OSError):
            local = None
        if local is None or local.year > 9998:
            hint = " (it looks like milliseconds: divide by 1000)" if sde.isdigit() and len(sde) in (13, 14) else ""
            raise StampError(f"SOURCE_DATE_EPOCH is '{sde[:40]}', not a time eventprint can print{hint}")
        return local, "SOURCE_DATE_EPOCH"
    committed = _git_commit_time(files)
    if committed is not None:
        return _local(committed, timezone), "the newest git commit of the content"
    return datetime.combine(first_day, time(0, 0)), "the first day of the programme"


def _local(epoch: int, timezone: str) -> datetime:
    return datetime.fromtimestamp(epoch, ZoneInfo(timezone)).replace(tzinfo=None, second=0, microsecond=0)


def _git_commit_time(files: tuple[Path, ...]) -> int | None:
    """Committer time of the newest commit that touched ``files``; None outside git or uncommitted."""
    if not files:
        return None
    where = Path(os.path.abspath(files[0])).parent
    try:
        done = subprocess.run(
            ["git", "-C", str(where), "log", "-1", "--format=%ct", "--", *(os.path.abspath(f) for f in files)],
            capture_output=True, text=True, timeout=GIT_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    out = done.stdout.strip()
    return int(out) if done.returncode == 0 and out.isdigit() else None
