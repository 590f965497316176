"""Which of eventprint's kinds an export's item is, and language codes.

The export's own fields decide: its type (frab's ``type``, pretalx's submission type, a CSV's
type column), then its track. Words in the title only count when the export says nothing of
the kind — no type, no telling track — and even then a title word never makes the speakers of
an item its hosts (a welcome), nor a talk a break or a party: "Opening up silos" and "Social
Interaction in Mesh Networks" are talks. Documented in content/README.md ("Importing").
"""
from __future__ import annotations

import functools
import re

# (kind, words matched as whole words, case-insensitive, '_' and '-' read as spaces); the first
# kind whose word occurs wins
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("meal", ("lunch", "dinner", "breakfast", "meal", "meals", "mittagspause", "mittagessen", "abendessen")),
    ("break", ("break", "breaks", "coffee", "pause", "kaffeepause", "kaffee")),
    ("registration", ("registration", "check in", "anmeldung", "registrierung")),
    ("keynote", ("keynote", "keynotes", "plenary")),
    ("lightning_talk", ("lightning", "lightning talks", "lightning talk", "lightningtalk", "lightningtalks",
                        "blitz", "blitztalk", "5 minute talk")),
    ("workshop", ("workshop", "workshops", "tutorial", "tutorials", "hands on", "bof", "bofs", "jam")),
    ("welcome", ("welcome", "opening", "begrüßung", "eröffnung")),
    ("poster", ("poster", "posters", "postersession", "poster session")),
    ("social", ("party", "social", "reception", "get together", "beergarden", "networking", "concert")),
)

# What a track, or a title, may make of an item with speakers: a track or title is about the
# topic ("Social Computing", "Lunch & Learn") as often as about the format.
_WITH_SPEAKERS = ("keynote", "lightning_talk", "workshop", "poster")
# Types that say "a talk" (frab's default "lecture") and, for an item without speakers, no more
_TALK_TYPES = {"lecture", "talk", "talks", "presentation", "vortrag", "session", "contribution", "beitrag"}
# Types that say nothing at all
_EMPTY_TYPES = {"", "other", "others", "none", "misc", "default", "sonstiges", "andere"}

_PATTERNS = tuple(
    (kind, re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, words)) + r")(?![\w])", re.I))
    for kind, words in _RULES)


def _word_kind(text: str | None, allowed: tuple[str, ...] | None = None) -> str | None:
    s = re.sub(r"[_-]+", " ", text or "")
    for kind, pattern in _PATTERNS:
        if (allowed is None or kind in allowed) and pattern.search(s):
            return kind
    return None


@functools.lru_cache(maxsize=4096)
def kind_of(type_: str | None = None, track: str | None = None, title: str | None = None,
            has_speakers: bool = True) -> str:
    """The kind from type, then track, then (only when those say nothing) the title.

    A welcome needs the export's word for it and its hosts: without speakers it is 'other'."""
    t = re.sub(r"\s*[\[(].*?[\])]", "", type_ or "").strip().casefold()  # "Other [your idea]": "other"
    said = _word_kind(type_) or _word_kind(track, _WITH_SPEAKERS if has_speakers else None)
    if said is None and (t in _EMPTY_TYPES or (not has_speakers and t in _TALK_TYPES)):
        # the export says nothing (frab's default type "lecture" says nothing of a break)
        said = _word_kind(title, ("keynote", "lightning_talk", "workshop") if has_speakers else None)
    if said == "break" and _word_kind(title, ("meal",)):
        said = "meal"  # a break the title calls lunch
    if said == "welcome" and not has_speakers:
        return "other"
    if said is not None:
        return said
    return "talk" if has_speakers or t in _TALK_TYPES else "other"


_LANGS = {
    "english": "en", "englisch": "en", "en": "en", "eng": "en",
    "german": "de", "deutsch": "de", "de": "de", "ger": "de", "deu": "de",
    "french": "fr", "français": "fr", "francais": "fr", "französisch": "fr", "fr": "fr",
    "spanish": "es", "español": "es", "spanisch": "es", "es": "es",
    "italian": "it", "italiano": "it", "italienisch": "it", "it": "it",
    "portuguese": "pt", "português": "pt", "pt": "pt",
    "russian": "ru", "ru": "ru", "chinese": "zh", "zh": "zh", "arabic": "ar", "ar": "ar",
    "traditional chinese": "zh-Hant", "chinese (traditional)": "zh-Hant", "繁體中文": "zh-Hant", "正體中文": "zh-Hant",
    "simplified chinese": "zh-Hans", "chinese (simplified)": "zh-Hans", "简体中文": "zh-Hans",
    "japanese": "ja", "日本語": "ja", "ja": "ja", "korean": "ko", "한국어": "ko", "ko": "ko",
    "dutch": "nl", "nederlands": "nl", "nl": "nl", "polish": "pl", "polski": "pl", "pl": "pl",
}


# Chinese is written in two scripts: its tags keep the script or region that says which
# (zh-Hant, zh-TW: the Traditional Chinese face prints it, eventprint.fonts.cjk_for_language)
_CHINESE = {"hant": "zh-Hant", "hans": "zh-Hans", "tw": "zh-TW", "hk": "zh-HK", "mo": "zh-MO",
            "cn": "zh-CN", "sg": "zh-SG"}


def language_code(text: str | None) -> str | None:
    """'English' → 'en', 'de-DE' → 'de', 'zh_TW' → 'zh-TW' (Chinese keeps its script or region);
    None for what we cannot tell."""
    if not text or not str(text).strip():
        return None
    s = str(text).strip().casefold()
    if s in _LANGS:
        return _LANGS[s]
    if re.fullmatch(r"[a-z]{2,3}([-_][a-z0-9]{2,8})*", s):
        parts = s.replace("_", "-").split("-")
        if parts[0] == "zh":
            return next((_CHINESE[p] for p in parts[1:] if p in _CHINESE), "zh")
        return parts[0]
    return None
