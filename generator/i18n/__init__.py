"""The event's language: every fixed word an output prints, and its dates and times.

``tr(event, "Programme at a glance")`` gives the string in ``event.language`` from the catalogue
``locales/<lang>.po``, English when it has none; ``ntr`` chooses a plural form; ``quotes`` gives
the language's quotation marks. Dates and times come from CLDR (``formats``). Layouts call these
with the model's Event (or its language tag), so they stay pure.
"""
from __future__ import annotations

from .catalogue import available, lookup, lookup_plural, missing, tag_of, translations, well_formed
from .formats import (clock, date_range, day, day_short, known, stamp, time_range, time_range_text,
                      time_template, twelve_hour)

__all__ = ["available", "clock", "date_range", "day", "day_short", "known", "missing", "ntr",
           "quotes", "stamp", "tag_of", "time_range", "time_range_text", "time_template", "tr",
           "translations", "twelve_hour", "well_formed"]


def tr(lang: object, msgid: str, context: str | None = None, **values: object) -> str:
    """``msgid`` in the language of ``lang`` (a tag or the Event); ``{name}`` fields filled from ``values``."""
    text = lookup(lang, msgid, context)
    text = msgid if text is None else text
    return text.format(**values) if values else text


def ntr(lang: object, singular: str, plural: str, n: int, **values: object) -> str:
    """The form of a message for ``n`` things; ``{n}`` is filled in too."""
    text = lookup_plural(lang, singular, plural, n)
    if text is None:
        text = singular if n == 1 else plural
    return text.format(n=n, **values)


def quotes(lang: object) -> tuple[str, str]:
    """Opening and closing quotation marks: “…” (en), „…“ (de), « … » (fr, narrow no-break spaces inside), «…» (es)."""
    return tr(lang, "\u201c", "opening quotation mark"), tr(lang, "\u201d", "closing quotation mark")


UNKNOWN = ("the language '{tag}' is not one CLDR knows: dates, times and fixed words print in English",
           "use a language tag like de, fr, es, en-US or de-AT")


def language_problems(lang: object) -> list[tuple[str, str]]:
    """(what is wrong, how to fix it) for the event's language: no catalogue, or messages its
    catalogue lacks (those print in English). Empty when all is well, and for a language CLDR does
    not know: reading the content says so (UNKNOWN), at the line of ``language:``."""
    tag = tag_of(lang)
    shown = tag.replace("_", "-")
    out = []
    if not known(tag):
        return out
    if tag.split("_")[0] != "en" and not any(n in available() for n in (tag, tag.split("_")[0])):
        out.append((f"there is no catalogue for the language '{shown}': every fixed word prints in English "
                    "(dates and times are in the language)",
                    f"add generator/i18n/locales/{tag.split('_')[0]}.po, a copy of en.po translated "
                    "(README, \"Languages\")"))
        return out
    gaps = missing(tag)
    if gaps:
        listed = ", ".join(f"'{m}'" for m in gaps[:8]) + (f" and {len(gaps) - 8} more" if len(gaps) > 8 else "")
        out.append((f"{len(gaps)} fixed string(s) have no '{shown}' translation and print in English: {listed}",
                    f"translate them in generator/i18n/locales/{tag.split('_')[0]}.po"))
    return out
