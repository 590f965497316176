"""Ids for imported people, items and rooms: readable where a slug says it, stable always.

An id is printed in web addresses and QR codes and names an entry in overrides.yaml, so it must
not move from one thing to another between imports. A Latin name or title gives its slug
("chloe-berthelemy", "hall-a"); a name a slug cannot spell ("王小明", "Иван Петров") gives
``person-`` and the export's own id for it (frab's person id, pretalx's code, Indico's or
Sessionize's id), else a short hash of the name. Two things wanting the same id are told apart
by the export's id (or a hash) of all but the first in key order — never by their rank, which
a cancelled talk would shift for everyone after it.
"""
from __future__ import annotations

import hashlib
import unicodedata

from .draft import slugify

MAX_TAG = 12  # longer source ids (Sessionize's uuids) are hashed


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def _latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN")


def spelled(text: str) -> bool:
    """True when a slug keeps every letter of ``text`` (all its letters are Latin)."""
    return all(_latin(ch) for ch in text if ch.isalpha())


def readable(text: str) -> str | None:
    """The slug of ``text`` when it spells the text (room "1" → "1", as it always was), else None."""
    slug = slugify(text, "")
    return slug if slug and spelled(text) else None


def tag(key: str) -> str:
    """A short, stable suffix for a key ('id:7797' → '7797', 'id:ab3dx' → 'ab3dx', else a hash)."""
    source = key[3:] if key.startswith("id:") else None
    if source is not None:
        slug = slugify(source, "")
        if slug and len(slug) <= MAX_TAG and slug == source.casefold():
            return slug
    return short_hash(key)


def unique(wanted: list[tuple[str, str]]) -> list[str]:
    """Ids from (wanted id, stable key). Within a group wanting one id the least key keeps it and
    the others get ``-<tag of their key>``; what still clashes gets a hash of its key."""
    groups: dict[str, list[tuple[str, int]]] = {}
    for n, (want, key) in enumerate(wanted):
        groups.setdefault(want, []).append((key, n))
    out = [""] * len(wanted)
    taken = set(groups)
    for want, members in groups.items():
        for rank, (key, n) in enumerate(sorted(members)):
            if rank == 0:
                out[n] = want
                continue
            ident = f"{want}-{tag(key)}"
            if ident in taken:
                ident = f"{want}-{short_hash(key)}"
            while ident in taken:  # a hash clash: practically never
                ident = f"{ident}-{short_hash(ident)}"
            out[n] = ident
            taken.add(ident)
    return out
