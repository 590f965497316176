"""The message catalogues: one gettext ``.po`` file per language in ``locales/``, read with Babel.

``en.po`` lists every English source string (msgid) that any output prints; its msgstrs stay
empty because English prints the msgid itself. Another language is one more file with the same
msgids translated. A message missing from a catalogue (or left empty, or marked fuzzy) prints in
English, and ``eventprint check`` lists it. Nothing is compiled: the ``.po`` files are read as
they are, once per process.
"""
from __future__ import annotations

import gettext
import re
from functools import lru_cache
from importlib import resources

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

SOURCE = "en"  # the catalogue whose msgids are the source strings
# A language tag (BCP 47, RFC 5646) as events write them: language, then optionally script, region
# and variants ("en", "de-AT", "zh-Hant-TW", "sr-Latn", "de-CH-1996"); '_' is read as '-'.
TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z]{4})?(?:[-_](?:[A-Za-z]{2}|[0-9]{3}))?"
                 r"(?:[-_](?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*")


def well_formed(tag: str) -> bool:
    """Whether ``tag`` is shaped like a language tag (not whether any catalogue or CLDR knows it)."""
    return isinstance(tag, str) and TAG.fullmatch(tag) is not None


def tag_of(lang: object) -> str:
    """'de-DE' -> 'de_DE'; accepts a language tag or anything with ``.language`` (the Event)."""
    tag = getattr(lang, "language", lang) or SOURCE
    return str(tag).strip().replace("-", "_")


def available() -> tuple[str, ...]:
    """The languages that have a catalogue, e.g. ('de', 'en', 'es', 'fr')."""
    files = resources.files(__package__).joinpath("locales").iterdir()
    return tuple(sorted(f.name[:-3] for f in files if f.name.endswith(".po")))


@lru_cache(maxsize=None)
def catalogue(name: str) -> Catalog | None:
    """The catalogue ``locales/<name>.po``, or None when there is none (or ``name`` is not a tag:
    it never becomes a path outside ``locales/``)."""
    if not well_formed(name):
        return None
    path = resources.files(__package__).joinpath("locales", f"{name}.po")
    if not path.is_file():
        return None
    with path.open("rb") as f:
        return read_po(f, locale=name.split("_")[0], charset="utf-8")


def chain(lang: object) -> tuple[Catalog, ...]:
    """Catalogues to ask, most specific first: 'de_AT' reads de_AT.po, then de.po."""
    tag = tag_of(lang)
    names = [tag] + ([tag.split("_")[0]] if "_" in tag else [])
    return tuple(c for c in (catalogue(n) for n in names) if c is not None)


def lookup(lang: object, msgid: str, context: str | None = None) -> str | None:
    """The translation of ``msgid`` in ``lang``; None when no catalogue of it has one."""
    return _lookup(tag_of(lang), msgid, context)


@lru_cache(maxsize=None)  # layouts ask for the same few strings once per item: about 10 us each uncached
def _lookup(tag: str, msgid: str, context: str | None) -> str | None:
    for cat in chain(tag):
        m = cat.get(msgid, context)
        if m is None or m.fuzzy:
            continue
        text = m.string[0] if isinstance(m.string, tuple) else m.string  # a plural's singular
        if text:
            return text
    return None


def lookup_plural(lang: object, singular: str, plural: str, n: int) -> str | None:
    return _lookup_plural(tag_of(lang), singular, plural, n)


@lru_cache(maxsize=None)
def _lookup_plural(tag: str, singular: str, plural: str, n: int) -> str | None:
    for cat in chain(tag):
        m = cat.get(singular)
        if m is None or m.fuzzy or not isinstance(m.string, tuple) or not all(m.string):
            continue
        index = _plural_rule(cat.plural_expr)(n)
        return m.string[min(index, len(m.string) - 1)]
    return None


@lru_cache(maxsize=None)
def _plural_rule(expr: str):
    return gettext.c2py(expr)


def source_messages() -> list[tuple[str | tuple[str, str], str | None]]:
    """Every (msgid, context) of the source catalogue, in file order."""
    return [(m.id, m.context) for m in catalogue(SOURCE) if m.id]


def translations(lang: object) -> list[str]:
    """Every translation the catalogues of ``lang`` hold: the fixed words an output may print
    (fontcuts.want notes their characters with the content's)."""
    out: list[str] = []
    for cat in chain(tag_of(lang)):
        for m in cat:
            if m.id and m.string:
                out += list(m.string) if isinstance(m.string, tuple) else [m.string]
    return out


def clear_caches() -> None:
    """Forget every answer looked up (for tests that swap a catalogue)."""
    _lookup.cache_clear()
    _lookup_plural.cache_clear()


def missing(lang: object) -> list[str]:
    """English source strings that ``lang`` has no translation for (empty for English)."""
    tag = tag_of(lang)
    if tag.split("_")[0] == SOURCE:
        return []
    out = []
    for msgid, context in source_messages():
        if isinstance(msgid, tuple):
            found = lookup_plural(tag, msgid[0], msgid[1], 1)
            msgid = msgid[0]
        else:
            found = lookup(tag, msgid, context)
        if found is None:
            out.append(msgid)
    return out
