"""Hyphenation dictionaries, parsed once per machine instead of once per process.

pyphen reads a language's patterns from its ``.dic`` file the first time a process
asks for it: German has 66,000 patterns and takes over a second, English 0.15 s,
in every build and in each process of a parallel one. The parsed patterns are
kept in the store the build hands over (eventprint.cache, as QR matrices are; a
layout reads no files itself) in marshal's format (German in 0.02 s), and put into
pyphen's own per-process cache, so pyphen hyphenates with exactly the patterns it
would have read. The store's seal (a SHA-256 over key and value) is what tells a
whole entry from a damaged one.
"""
from __future__ import annotations

import functools
import hashlib
import marshal
from pathlib import Path

import pyphen

from .qrmatrix import Store

store: Store | None = None  # set by the build (eventprint.build.render)


def dictionary(language: str, left: int, right: int) -> pyphen.Pyphen:
    """``pyphen.Pyphen(lang=language, left=left, right=right)``, its patterns from ``store``
    when it holds them."""
    path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
    if path not in pyphen.hdcache and store is not None:
        k = store.key("hyphenation", _algorithm(), path.read_bytes())
        found = _decode(store.get("hyphenation", k))
        if found is not None:
            pyphen.hdcache[path] = found
        else:
            found = pyphen.HyphDict(path)
            pyphen.hdcache[path] = found
            data = _encode(found)
            if data is not None:
                store.put("hyphenation", k, data)
    return pyphen.Pyphen(lang=language, left=left, right=right)


def _encode(hd: pyphen.HyphDict) -> bytes | None:
    """The patterns in marshal's format; None when a pattern carries a nonstandard hyphenation
    (pyphen's DataInt), which this does not keep."""
    if any(type(v) is not int for _, values in hd.patterns.values() for v in values):
        return None
    return marshal.dumps({k: (start, tuple(values)) for k, (start, values) in sorted(hd.patterns.items())})


def _decode(data: bytes | None) -> pyphen.HyphDict | None:
    """The HyphDict ``_encode`` was given, or None for anything else."""
    try:
        patterns = marshal.loads(data) if data else None
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(patterns, dict) or not patterns:
        return None
    hd = pyphen.HyphDict.__new__(pyphen.HyphDict)  # what its __init__ sets, without reading the file
    hd.patterns, hd.cache, hd.maxlen = patterns, {}, max(len(k) for k in patterns)
    return hd


@functools.lru_cache(maxsize=1)
def _algorithm() -> str:
    """What parsed patterns depend on besides the .dic file: pyphen's code."""
    return f"pyphen marshal {marshal.version} " + hashlib.sha256(Path(pyphen.__file__).read_bytes()).hexdigest()
