"""Write build results atomically, and only after everything rendered.

Layouts render into memory; only when every artifact of a build exists are
files replaced, each through a temporary file and ``os.replace``. A build that
fails halfway therefore leaves the previous output exactly as it was.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Artifact:
    """One output file: its path below out/ and its bytes."""

    path: str  # relative, with forward slashes: "signs/n0-002-2024-09-16.pdf"
    data: bytes


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_all(out_dir: Path, artifacts: list[Artifact]) -> list[Path]:
    """Write every artifact below ``out_dir``; return the paths written."""
    written = []
    for a in artifacts:
        target = out_dir / a.path
        write_atomic(target, a.data)
        written.append(target)
    return written
