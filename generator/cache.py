"""A small on-disk cache for work that gives the same bytes for the same input every time.

QR code matrices (a few ms each, 1,800 in a 900-talk event), fallback fonts
cut down and instanced for an event's characters (about a second per face) and
the output profile every PDF embeds, compressed (65 ms) are kept between builds,
and shared between the processes of one build. The cache
can only save time, never change an output:

- an entry is found by the SHA-256 of everything its value depends on (input,
  parameters, library versions), so a changed input is a new entry;
- every entry carries a SHA-256 of its key and value: a torn, truncated or
  bit-flipped file is ignored (and replaced by the next write), never used;
- writes go to a private temporary file renamed into place, so a reader in
  another process sees a whole entry or none;
- any error reading or writing (read-only disk, disk full, no home folder) only
  means the value is computed as if there were no cache.

Where: ``$EVENTPRINT_CACHE`` if set (empty, ``0`` or ``off``: no cache), else
``$XDG_CACHE_HOME/eventprint``, else ``~/.cache/eventprint``. Nothing private is
stored: QR entries hold the web addresses printed in the codes, font entries
the glyphs of the event's names and titles. Deleting the folder is always safe.
"""
from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

ENV = "EVENTPRINT_CACHE"
_MAGIC = b"eventprint-cache 1\n"
_DIGEST = 64  # hex characters of a SHA-256


def folder() -> Path | None:
    """The cache folder, or None when caching is switched off."""
    return _folder(os.environ.get(ENV), os.environ.get("XDG_CACHE_HOME"), os.environ.get("HOME"))


@functools.lru_cache(maxsize=8)
def _folder(value: str | None, base: str | None, home: str | None) -> Path | None:
    """``folder`` for these settings: worked out once, not for each of 1,800 QR codes."""
    if value is not None:
        return None if value.strip().lower() in ("", "0", "off", "no", "none") else Path(value)
    if base:
        return Path(base) / "eventprint"
    try:
        return Path.home() / ".cache" / "eventprint"
    except RuntimeError:  # no home folder
        return None


def key(*parts: str | bytes | int) -> bytes:
    """One unambiguous key from its parts (lengths included, so parts cannot run together)."""
    out = bytearray()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        out += b"%d:" % len(data) + data
    return bytes(out)


def _path(root: Path, kind: str, k: bytes) -> Path:
    return root / kind / hashlib.sha256(k).hexdigest()


def _seal(k: bytes, data: bytes) -> bytes:
    return hashlib.sha256(hashlib.sha256(k).digest() + data).hexdigest().encode("ascii")


def get(kind: str, k: bytes) -> bytes | None:
    """The value stored for ``k``, or None if there is none or it is not intact."""
    root = folder()
    if root is None:
        return None
    try:
        raw = _path(root, kind, k).read_bytes()
    except (OSError, ValueError):
        return None
    head = len(_MAGIC) + _DIGEST + 1
    if len(raw) < head or not raw.startswith(_MAGIC) or raw[head - 1:head] != b"\n":
        return None
    data = raw[head:]
    return data if raw[len(_MAGIC):head - 1] == _seal(k, data) else None


def put(kind: str, k: bytes, data: bytes) -> None:
    """Store ``data`` for ``k``; silently does nothing if the cache cannot be written."""
    root = folder()
    if root is None:
        return
    path = _path(root, kind, k)
    tmp = path.with_name(f".{path.name[:16]}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(_MAGIC + _seal(k, data) + b"\n" + data)
        os.replace(tmp, path)
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
