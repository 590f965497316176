"""Hyphenation dictionaries, read in a tenth of the time pyphen takes, with pyphen's own patterns.

pyphen parses every pattern of a language's ``.dic`` file the first time a process asks for it:
German has 66,000 patterns and takes about a second, in every build and in each process of a
parallel one, though a booklet looks up a few thousand of them. Here the file is only indexed:
each pattern's letters (the line without its digits, one regular expression over the whole file)
lead to its line, and a line is parsed, by pyphen's own rule, the first time hyphenation looks it
up. German is ready in about 0.1 s. A file this index cannot read exactly as pyphen does (hex
escapes, nonstandard hyphenation) is left to pyphen.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyphen

_DIGITS = re.compile(r"\d")


def dictionary(language: str, left: int, right: int) -> pyphen.Pyphen:
    """``pyphen.Pyphen(lang=language, left=left, right=right)``, its patterns indexed lazily."""
    path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
    if path not in pyphen.hdcache:
        pyphen.hdcache[path] = indexed(path) or pyphen.HyphDict(path)
    return pyphen.Pyphen(lang=language, left=left, right=right)


class _Patterns(dict):
    """letters -> pattern, as pyphen.HyphDict keeps them ((start, values), or none for a pattern
    of zeros); a value is a ``.dic`` line until hyphenation first asks for it."""

    def get(self, key, default=None):
        value = dict.get(self, key)
        if type(value) is str:
            value = self[key] = _parse(value) or ()
        return value or default


def _parse(line: str) -> tuple[int, tuple[int, ...]] | None:
    """One pattern line as pyphen.HyphDict parses it: None when its values are all zero."""
    values = [int(i or "0") for i, _ in pyphen.parse(line)]
    if max(values) == 0:
        return None
    start, end = 0, len(values)
    while not values[start]:
        start += 1
    while not values[end - 1]:
        end -= 1
    return start, tuple(values[start:end])


def indexed(path: Path) -> pyphen.HyphDict | None:
    """The patterns of ``path`` in a HyphDict, each parsed when first looked up; None for a file
    with what only pyphen's own reading handles (``^^hh`` escapes, ``/`` alternatives)."""
    with path.open("rb") as fd:
        encoding = fd.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    lines = [line.strip() for line in path.read_text(encoding).split("\n")[1:]]
    lines = [line for line in lines if line and not line.startswith(pyphen.ignored)]
    if any("^^" in line or ("/" in line and "=" in line) for line in lines):
        return None
    keys = _DIGITS.sub("", "\n".join(lines)).split("\n")
    patterns = _Patterns(zip(keys, lines))
    if len(patterns) < len(keys):  # a pattern written twice: pyphen keeps the last that is not all zero
        twice = {key for key, n in Counter(keys).items() if n > 1}
        for key in twice:
            patterns[key] = ()
        for key, line in zip(keys, lines):
            if key in twice and _parse(line) is not None:
                patterns[key] = line
    hd = pyphen.HyphDict.__new__(pyphen.HyphDict)  # what its __init__ sets, without parsing the file
    hd.patterns, hd.cache, hd.maxlen = patterns, {}, max(len(key) for key in keys)
    return hd
