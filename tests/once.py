"""A result computed once for all xdist workers of a test run (renders, parsed PDFs)."""
from __future__ import annotations

import fcntl
import pickle
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def once(folder: Path, name: str, compute: Callable[[], T]) -> T:
    """``compute()``, made by the first worker that asks for ``name`` and left in ``folder``
    (which every worker sees) for the others: under a lock, the first computes and pickles,
    the rest read."""
    folder.mkdir(parents=True, exist_ok=True)
    done = folder / f"{name}.pickle"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if done.exists():
            return pickle.loads(done.read_bytes())
        result = compute()
        tmp = done.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(result, protocol=5))
        tmp.replace(done)
        return result
