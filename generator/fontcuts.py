"""Which registered font draws each character (``faces``), registering what it needs: a fallback
file whole, or a variable face (the CJK ones) cut down to the characters the content prints.

A cut face is cut once for every character the build noted (``want``, called with every content
string before anything is drawn), so the fonts embedded in a file depend on the content alone;
while ``settled`` (every build's drawing), a character outside a cut is drawn from a face of its
own, never by cutting again. fonts.py says which face has a character; this module says which
ReportLab font draws it.
"""
from __future__ import annotations

import unicodedata
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

from .fonts import (_BY_KEY, _IGNORED, _JOINERS, _MAIN, NOTO, Fallback, Family, _cmap, _order, covered,
                    describe, fallback_for, register, register_face, style_of)

# What is registered: whole files once; cut-down instances of variable faces (fontinstance.py) by
# the characters they hold, renewed under a new name when a character outside them is needed
# (while settled, see ``settled``: a face of that one character instead).
_whole: dict[tuple[str, bool], str] = {}
_cut: dict[tuple[str, bool], tuple[str, frozenset[str]]] = {}
_wanted: dict[str, set[str]] = {}
_renewals: dict[tuple[str, bool], int] = {}
_settled: dict[str, frozenset[str]] | None = None
_single: dict[tuple[str, bool, str], str] = {}


def want(texts, lang: str | None = None) -> None:
    """Note the characters of ``texts`` that fall back, so that a face cut down to characters
    is cut once for all of them (the build calls this with every content string). A character
    goes into every cut face that has it (a Han character into the Chinese, Japanese and Korean
    ones), not only the one its text's language picks: a line of a wrapped title may take
    another face than the whole title did, and a cut renewed while drawing would depend on what
    was drawn before it in the process, and so would the bytes. (``lang`` is kept for callers.)
    While ``settled``, nothing more is noted: the faces are cut for what was noted before."""
    if _settled is not None:
        return
    covered = register()
    for text in texts:
        if not text or covered.issuperset(map(ord, text)):
            continue
        for ch in text:
            if ord(ch) not in covered and ord(ch) not in _IGNORED:
                for face in _cut_faces_with(ch):
                    _wanted.setdefault(face.key, set()).add(ch)


@lru_cache(maxsize=None)
def _cut_faces_with(ch: str) -> tuple[Fallback, ...]:
    """The faces cut to the characters they draw (variable ones: CJK) that have ``ch``."""
    o = ord(ch)
    return tuple(f for f in _order(None) if f.regular is not None and o in _cmap(f.key))


@contextmanager
def settled() -> Iterator[None]:
    """Draw with the cut faces fixed to the characters noted so far (``want``: every content
    string, before any output is drawn). Inside, a character outside a face's cut is drawn from a
    face cut to that one character, never by cutting the face again: which face draws a
    character, and what each embedded face holds, then depend on the content alone, not on what
    this process drew before. So an output's bytes are the same whether it renders alone in a
    forked process, after others in one process (EVENTPRINT_JOBS=1), or after any others in a
    render worker (parallel.py). Nested, the outermost holds."""
    global _settled
    before = _settled
    if before is None:
        _settled = {key: frozenset(chars) for key, chars in _wanted.items()}
    try:
        yield
    finally:
        _settled = before


def registered(key: str, bold: bool, chars) -> dict[str, str]:
    """For each of ``chars``, the ReportLab name of fallback face ``key`` in ``bold`` or regular
    (a face without bold is drawn regular) that draws it, registered."""
    face = _BY_KEY[key]
    bold = bold and face.has_bold()
    wght = face.bold if bold else face.regular
    if wght is None:
        name = _whole.get((key, bold))
        if name is None:
            name = _whole[(key, bold)] = face.font_name(bold)
            register_face(name, face.file(bold), face.shaped)
        return dict.fromkeys(chars, name)
    done = _cut.get((key, bold))
    if _settled is None:  # the cut that holds them, else one more, for them and all noted so far
        need = frozenset(chars)
        name = done[0] if done is not None and need <= done[1] else \
            _cut_for(face, bold, wght, need | _wanted.get(key, set()))
        return dict.fromkeys(chars, name)
    # settled: the face cut to the noted characters (and whatever it held before they were
    # noted, the same in every process forked since), each other character a face of its own
    noted = _settled.get(key, frozenset())
    if noted and (done is None or not noted <= done[1]):
        _cut_for(face, bold, wght, noted)
        done = _cut[(key, bold)]
    return {ch: done[0] if done is not None and ch in done[1] else _single_face(face, bold, wght, ch)
            for ch in chars}


def _cut_for(face: Fallback, bold: bool, wght: int, need: frozenset[str]) -> str:
    """The name of a new cut of ``face`` holding ``need`` and what the last cut held."""
    done = _cut.get((face.key, bold))
    from .fontinstance import instance

    holds = need | (done[1] if done else frozenset())
    base = face.font_name(bold)
    _renewals[(face.key, bold)] = n = _renewals.get((face.key, bold), 0) + 1
    name = base if n == 1 else f"{base}~{n}"
    register_face(name, instance(face.file(), wght, holds, "Bold" if bold else "Regular",
                                  "" if n == 1 else f"-{n}"), face.shaped)
    _cut[(face.key, bold)] = (name, holds)
    return name


def _single_face(face: Fallback, bold: bool, wght: int, ch: str) -> str:
    """The name of ``face`` cut to ``ch`` alone: named by the character, so that it is the same
    face whichever process cuts it and whatever it drew before."""
    name = _single.get((face.key, bold, ch))
    if name is None:
        from .fontinstance import instance

        tag = f"-U{ord(ch):04X}"
        name = _single[(face.key, bold, ch)] = face.font_name(bold) + tag
        register_face(name, instance(face.file(), wght, frozenset(ch), "Bold" if bold else "Regular", tag),
                       face.shaped)
    return name


def face_for(ch: str, style: str = "regular", hint: str | None = None) -> str:
    """The registered ReportLab font that draws ``ch`` in ``style``; ValueError if none can."""
    return faces(ch, style, hint)[0]


def faces(text: str, style: str = "regular", hint: str | None = None,
          family: Family = NOTO) -> list[str | None]:
    """For each character of ``text``, the registered font that draws it in ``style`` of
    ``family`` (None for characters that take no glyph); ValueError for one no font has. What a
    brand's family lacks, Noto Sans draws if it can, else the chain. Within a run of a shaped
    face, a mark or joiner, and a character Noto Sans lacks (a danda), stays in that face where
    it has it: HarfBuzz shapes a syllable whole."""
    style = style_of(style)
    noto = register()
    own = covered(family)
    main = family.name(style)
    bold = style.startswith("bold")
    picked: list[Fallback | str | None] = []
    groups: dict[str, set[str]] = {}
    last: Fallback | None = None  # the shaped face of the run so far
    for ch in text:
        o = ord(ch)
        if last is not None and o in _cmap(last.key) and (
                o not in own or o in _JOINERS or unicodedata.category(ch)[0] == "M"):
            face = last
        elif o in own and o not in _IGNORED or ch in "\n\r\t":
            picked.append(main)
            last = None
            continue
        elif o in noto and o not in _IGNORED:  # (a brand's family lacks it)
            picked.append(_MAIN[style])
            last = None
            continue
        elif o in _IGNORED:
            picked.append(None)
            continue
        else:
            face = fallback_for(ch, hint)
            if face is None:
                raise ValueError(f"no font can print {describe([ch])}")
        picked.append(face)
        groups.setdefault(face.key, set()).add(ch)
        last = face if face.shaped else None
    names = {key: registered(key, bold, chars) for key, chars in groups.items()}
    return [names[p.key][ch] if isinstance(p, Fallback) else p for p, ch in zip(picked, text)]
