"""Dates and times as the event's language writes them, from CLDR through Babel.

The bare tag ``en`` keeps the house style every English output has always used
("Monday 16 September 2024", "13:00–13:30"); every other tag, ``en-US`` and ``en-GB`` included,
follows CLDR: German "Montag, 16. September 2024" and "13:00–13:30 Uhr" in running text,
French "Lundi 16 septembre 2024" (capitalised: a day stands alone as a label), Spanish "9:00–9:30", US "1:00–1:30 PM".
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache, wraps

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton, format_time

from .catalogue import tag_of

EN_DASH = "\u2013"
HOUSE = "en"  # the tag that keeps the house style


@lru_cache(maxsize=None)
def locale_of(lang: object) -> Locale:
    """Babel's locale for a language tag; English for a tag CLDR does not know (check says so)."""
    return _parse(tag_of(lang)) or Locale("en")


@lru_cache(maxsize=None)
def _parse(tag: str) -> Locale | None:
    try:
        return Locale.parse(tag)
    except (ValueError, UnknownLocaleError):
        return None


def _by_tag(fn):
    """Cached by language tag and arguments: a layout formats the same few times once per item, and
    Babel takes 20-150 us a call. Accepts the Event as well as a tag."""
    cached = lru_cache(maxsize=16384)(fn)

    @wraps(fn)
    def call(lang: object, *args, **kwargs):
        return cached(tag_of(lang), *args, **kwargs)
    return call


def known(lang: object) -> bool:
    """Whether CLDR knows the tag (else dates and times print in English)."""
    return _parse(tag_of(lang)) is not None


def _house(lang: object) -> bool:
    return tag_of(lang) == HOUSE or not known(lang)


@_by_tag
def twelve_hour(lang: object) -> bool:
    """True where the locale's clock is 12-hour (en-US): its short time pattern uses 'h'."""
    return not _house(lang) and "h" in locale_of(lang).time_formats["short"].pattern


@_by_tag
def day(lang: object, d: date) -> str:
    """'Monday 16 September 2024', 'Montag, 16. September 2024', 'Lunes, 16 de septiembre de 2024'."""
    if _house(lang):
        return f"{d:%A} {d.day} {d:%B %Y}"
    return _label(format_date(d, "full", locale=locale_of(lang)))


@_by_tag
def day_short(lang: object, d: date) -> str:
    """'Mon 16 Sep', 'Mo., 16. Sept.', 'Lun. 16 sept.', 'Mon, Sep 16'."""
    if _house(lang):
        return f"{d:%a} {d.day} {d:%b}"
    return _label(format_skeleton("MMMEd", d, locale=locale_of(lang)))


@_by_tag
def date_range(lang: object, a: date, b: date) -> str:
    """'16–17 September 2024', '16.–17. September 2024', '16–17 de septiembre de 2024'."""
    if _house(lang):
        if a == b:
            return f"{a.day} {a:%B %Y}"
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}{EN_DASH}{b.day} {b:%B %Y}"
        if a.year == b.year:
            return f"{a.day} {a:%B} {EN_DASH} {b.day} {b:%B %Y}"
        return f"{a.day} {a:%B %Y} {EN_DASH} {b.day} {b:%B %Y}"
    loc = locale_of(lang)
    if a == b:
        return format_skeleton("yMMMMd", a, locale=loc)
    # most locales have interval patterns for abbreviated months only: then spell the month out
    diff = "y" if a.year != b.year else "M" if a.month != b.month else "d"
    parts = loc.interval_formats.get("yMMMMd", {}).get(diff) or loc.interval_formats.get("yMMMd", {}).get(diff)
    if not parts:
        return format_interval(a, b, "yMMMd", locale=loc)
    full = [re.sub(r"(?<!M)MMM(?!M)", "MMMM", p) for p in parts]
    return "".join(format_date(x, p, locale=loc) for x, p in zip((a, b), full))


@_by_tag
def clock(lang: object, t: time) -> str:
    """'13:00', '9:00' (es), '1:00 PM' (en-US)."""
    if _house(lang):
        return f"{t:%H:%M}"
    return format_time(t, "short", locale=locale_of(lang))


@_by_tag
def time_range(lang: object, a: time, b: time) -> str:
    """A start and end as a column or a list prints them: '13:00–13:30', '1:00–1:30 PM'."""
    if _house(lang):
        return f"{a:%H:%M}{EN_DASH}{b:%H:%M}"
    if twelve_hour(lang):
        return _interval(lang, a, b, "hm")
    return f"{clock(lang, a)}{EN_DASH}{clock(lang, b)}"


@_by_tag
def time_range_text(lang: object, a: time, b: time) -> str:
    """A start and end as running text says them: '13:00–13:30 Uhr' in German, else as ``time_range``."""
    if _house(lang):
        return time_range(lang, a, b)
    return _interval(lang, a, b, "hm" if twelve_hour(lang) else "Hm")


def _interval(lang: object, a: time, b: time, skeleton: str) -> str:
    """CLDR's interval of two times; the two clocks with a dash where Babel cannot compare a pattern's
    fields (zh-Hant's day periods, 'B': NotImplementedError)."""
    try:
        return _tidy(format_interval(a, b, skeleton, locale=locale_of(lang)))
    except (NotImplementedError, KeyError, ValueError):
        return f"{clock(lang, a)}{EN_DASH}{clock(lang, b)}"


@_by_tag
def time_template(lang: object) -> str:
    """The widest start–end a column must hold in this language, for measuring."""
    return time_range(lang, time(10, 58), time(12, 58)).replace("1", "0").replace("2", "0").replace("5", "0")


@_by_tag
def stamp(lang: object, dt: datetime, long: bool = False) -> str:
    """'10 Sep 2024, 18:00' (the "as of" stamp), '10. Sept. 2024, 18:00', 'Sep 10, 2024, 6:00 PM';
    ``long`` spells the month out: '10 September 2024, 18:00'."""
    if _house(lang):
        return f"{dt:%d %B %Y, %H:%M}" if long else f"{dt.day} {dt:%b %Y}, {dt:%H:%M}"
    skeleton = "yMMMMd" if long else "yMMMd"
    return f"{format_skeleton(skeleton, dt, locale=locale_of(lang))}, {clock(lang, dt.time())}"


def _label(text: str) -> str:
    """A day standing alone, as a heading or a label, starts with a capital: 'Lundi 16 septembre 2024'
    (CLDR writes French and Spanish day names in lower case, as inside a sentence)."""
    return text[:1].upper() + text[1:]


def _tidy(text: str) -> str:
    """CLDR puts thin spaces around the dash of a time interval: a plain en dash in print."""
    return re.sub(r"[\u2009 ]?\u2013[\u2009 ]?", EN_DASH, text)
