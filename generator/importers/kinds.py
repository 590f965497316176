"""Which of eventprint's kinds an export's type, track or title means, and language codes.

The words are checked in this order; the first kind whose word occurs wins.
Documented in content/README.md ("Importing an export").
"""
from __future__ import annotations

import functools
import re

# (kind, words matched as whole words in type, track and title, case-insensitive)
_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("meal", ("lunch", "dinner", "breakfast", "meal", "mittagspause", "mittagessen", "abendessen")),
    ("break", ("break", "coffee", "pause", "kaffeepause", "kaffee")),
    ("registration", ("registration", "check-in", "anmeldung", "registrierung")),
    ("keynote", ("keynote", "plenary")),
    ("lightning_talk", ("lightning", "lightning talks", "lightning talk", "blitz", "blitztalk", "5 minute talk")),
    ("workshop", ("workshop", "tutorial", "hands-on", "bof", "jam")),
    ("welcome", ("welcome", "opening", "begrüßung", "eröffnung")),
    ("poster", ("poster", "posters", "postersession", "poster session")),
    ("social", ("party", "social", "reception", "get-together", "beergarden", "networking", "concert")),
)


_TITLE_KINDS = ("keynote", "lightning_talk", "workshop", "welcome")


_PATTERNS = tuple(
    (kind, re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.I))
    for kind, words in _RULES)


@functools.lru_cache(maxsize=4096)
def kind_of(type_: str | None = None, track: str | None = None, title: str | None = None,
            has_speakers: bool = True) -> str:
    """Type first, then title, then track; a talk unless a word says otherwise.

    A title with speakers only says keynote, lightning talk, workshop or welcome:
    "Social Interaction in Mesh Networks" by a speaker is a talk, not a party."""
    for source, text in (("type", type_ or ""), ("title", title or ""), ("track", track or "")):
        for kind, pattern in _PATTERNS:
            if source == "title" and has_speakers and kind not in _TITLE_KINDS:
                continue
            if pattern.search(text):
                if kind == "welcome" and not has_speakers:
                    return "other"
                return kind
    return "talk" if has_speakers or type_ else "other"


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
