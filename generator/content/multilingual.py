"""Text given in several languages: ``title: {en: "Robots", de: "Roboter"}``, as pretalx and other
tools export it.

Before any field is read, every such mapping in the four files is replaced by one of its texts,
chosen in this order: the event's language as written (``de-AT``), its base language (``de``),
another variant of it (``de-CH``), English, then the first one given. A mapping counts as
per-language text when each key is a language tag CLDR knows (``en``, ``de``, ``pt-BR``, not
``id``: that is always a field) and each value is text; any other mapping is left alone for the
schema to check.
"""
from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

from ..yamlsource import LList, LMap, Located

FALLBACK = "en"
NOT_LANGUAGES = frozenset({"id"})  # field names that are also language tags


def choose(docs: dict[str, LMap | None]) -> None:
    """Put the event language's text in place of every per-language mapping of ``docs`` (in place)."""
    event = docs.get("event.yaml")
    lang = event.get("language") if event is not None else None
    if lang is not None and isinstance(lang.value, LMap):
        _visit(lang, FALLBACK)  # the language itself given per language: its English entry
    tag = lang.value if lang is not None and isinstance(lang.value, str) else FALLBACK
    for doc in docs.values():
        if doc is not None:
            _walk(doc, tag)


def pick(texts: dict[str, str], lang: str) -> str:
    """The text for ``lang`` from {tag: text}, in the documented fallback order."""
    by_tag = {_norm(k): v for k, v in texts.items()}
    want = _norm(lang)
    base = want.split("_")[0]
    for key in (want, base):
        if key in by_tag:
            return by_tag[key]
    for key, text in by_tag.items():  # the event says de, the content de-CH: still German
        if key.split("_")[0] == base:
            return text
    return by_tag.get(FALLBACK, next(iter(texts.values())))


def is_per_language(m: LMap) -> bool:
    return bool(m.items) and all(
        isinstance(v.value, str) and k not in NOT_LANGUAGES and _known(_norm(k)) for k, v in m.items.items())


def _walk(node: LMap | LList, lang: str) -> None:
    entries = node.items.values() if isinstance(node, LMap) else node.items
    for loc in entries:
        _visit(loc, lang)


def _visit(loc: Located, lang: str) -> None:
    value = loc.value
    if isinstance(value, LMap) and is_per_language(value):
        loc.value = pick({k: v.value for k, v in value.items.items()}, lang)
    elif isinstance(value, (LMap, LList)):
        _walk(value, lang)


def _norm(tag: str) -> str:
    return str(tag).strip().replace("-", "_").lower()


@lru_cache(maxsize=None)
def _known(tag: str) -> bool:
    try:
        Locale.parse(tag)
    except (ValueError, UnknownLocaleError):
        return False
    return True
