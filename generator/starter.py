"""``eventprint init DIR``: a small, complete example event to start from.

The example (``example/`` in the package: one day, three rooms, a parallel session, a keynote, a
workshop whose title is not confirmed yet, four people) is commented line by line, builds every
output and passes ``check`` with two warnings an organiser is meant to act on: the placeholder
``base_url`` and the unconfirmed title. Nothing existing is ever overwritten.
"""
from __future__ import annotations

import shlex
from pathlib import Path

from .durable import write_atomic

EXAMPLE = Path(__file__).parent / "example"
FILES = ("event.yaml", "venues.yaml", "people.yaml", "programme.yaml")


class InitError(Exception):
    """The folder cannot take the example; the message says why and what to do instead."""


def init(folder: str | Path) -> list[Path]:
    """Write the example event's four files into ``folder`` (created if missing); return them."""
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} is a file, not a folder \u2014 give a new folder's name, e.g. my-event")
    taken = [name for name in (*FILES, "imported", "overrides.yaml") if (target / name).exists()]
    if taken:
        raise InitError(f"{target} already holds {', '.join(taken)} \u2014 nothing was written; give a new "
                        "folder's name, e.g. my-event (init never overwrites an event)")
    try:
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for name in FILES:
            write_atomic(target / name, (EXAMPLE / name).read_bytes())
            written.append(target / name)
    except OSError as e:
        raise InitError(f"cannot write into {target} ({e.strerror}) \u2014 check the path and your "
                        "permissions, or give another folder") from None
    return written


def next_steps(folder: str | Path) -> list[str]:
    """What to do next: the README's five steps, as commands to copy."""
    f = shlex.quote(str(folder))
    out = shlex.quote(str(Path(folder) / "out"))
    return [
        f"Your event is in {folder}: event.yaml, venues.yaml, people.yaml, programme.yaml (commented).",
        "Next:",
        f"  1. watch every output while you edit it:  eventprint serve --content {f}",
        f"  2. set base_url in {Path(folder) / 'event.yaml'}: where out/site/ will be uploaded (QR codes point there)",
        f"  3. eventprint check --content {f}",
        f"  4. eventprint all --content {f} --out {out}",
        f"  5. for the press: eventprint all --content {f} --out {out} --final",
        "Every file and field: eventprint help content",
    ]
