"""Checking content against the fonts: every string prints, or its file and line say why not.

Every string a layout may print is asked of the fallback chain (eventprint.fonts) before anything
is drawn: a character no face has, or a control character, is a problem naming the person or
talk and its line. Without the CJK extra, Chinese, Japanese and Korean text is one problem that
names the extra. ``check`` also says how many characters fall back, and to which faces.
"""
from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable
from datetime import time
from pathlib import Path

from . import fonts, i18n
from .fontcuts import want
from .fonts import CJK_EXTRA, _IGNORED, cjk_hint, describe, fallback_for, is_control, missing, register
from .model import Event
from .problems import Problem


def fallback_counts(texts, covered: frozenset[int] | None = None, lang: str | None = None) -> Counter[str]:
    """How many characters of ``texts`` (strings, or (string, language) pairs) each fallback face
    draws, by face label."""
    covered = register() if covered is None else covered
    counts: Counter[str] = Counter()
    for text in texts:
        text, text_lang = text if isinstance(text, tuple) else (text, lang)
        if not text or covered.issuperset(map(ord, text)):
            continue
        hint = cjk_hint(text, text_lang)
        for ch in text:
            if ord(ch) in covered or ord(ch) in _IGNORED:
                continue
            face = fallback_for(ch, hint)
            if face is not None:
                counts[face.label] += 1
    return counts


def fallback_summary(counts: Counter[str]) -> str | None:
    """'37 characters fall back: 20 to Noto Sans SC, 17 to Noto Emoji', or None."""
    if not counts:
        return None
    total = sum(counts.values())
    parts = ", ".join(f"{n} to {label}" for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{total} character{'s' if total != 1 else ''} fall{'s' if total == 1 else ''} back to other fonts: {parts}"


def _content_strings(event: Event):
    """Every printed content string as (text, file, line, whose, field, language)."""
    lang = event.language
    for key in ("name", "short_name", "timezone", "base_url", "schedule_url"):
        yield getattr(event, key), "event.yaml", 0, "the event", key, lang
    for host in event.hosts:
        yield host, "event.yaml", 0, "the event", "hosts", lang
    for heading, text in event.info:
        yield heading + text, "event.yaml", 0, "the event", "info", lang
    for v in event.venues:
        for text in (v.name, v.short_name, *v.address):
            yield text, "venues.yaml", 0, f"venue '{v.id}'", "name or address", lang
    for room in event.rooms:
        yield room.name, "venues.yaml", 0, f"room '{room.id}'", "name", lang
    for p in event.people:
        who = f"{p.name} ('{p.id}')"
        yield p.name, "people.yaml", p.source_line, who, "name", lang
        yield p.given_name + p.family_name, "people.yaml", p.source_line, who, "given or family name", lang
        yield p.position, "people.yaml", p.source_line, who, "position", lang
        for a in p.affiliations:
            yield a, "people.yaml", p.source_line, who, "affiliation", lang
        yield p.bio, "people.yaml", p.source_line, who, "bio", lang
    for r in event.registrants:  # registrations.csv: what a participant's badge prints
        who, file = f"{r.name} (registration)", Path(r.source_file).name
        yield r.name, file, r.source_line, who, "name", lang
        yield r.given_name + r.family_name, file, r.source_line, who, "given or family name", lang
        yield r.organisation, file, r.source_line, who, "organisation", lang
    for a in event.addons:
        yield a.label + a.when + a.where, "event.yaml", 0, f"the add-on '{a.id}'", "label, when or where", lang
    for it in event.items:
        who, it_lang = f"'{it.id}'", it.language or lang
        yield it.title.text, "programme.yaml", it.source_line, who, "title", it_lang
        yield it.abstract, "programme.yaml", it.source_line, who, "abstract", it_lang
        yield it.note, "programme.yaml", it.source_line, who, "note", it_lang
        yield it.url, "programme.yaml", it.source_line, who, "url", it_lang


def is_cjk(ch: str) -> bool:
    """A Chinese, Japanese or Korean character (Han, kana, hangul, bopomofo, CJK punctuation and
    full-width forms): what the CJK extra's faces draw."""
    o = ord(ch)
    return (0x1100 <= o <= 0x11FF or 0x2E80 <= o <= 0x33FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
            or 0xA960 <= o <= 0xA97F or 0xAC00 <= o <= 0xD7FF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F
            or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x3FFFF)


def language_text(event: Event) -> str:
    """What the event's language prints of dates and times (CLDR), by example: every day's names
    (a Chinese date names its weekday in Han characters), the range, every hour (zh-Hant names the
    time of day: 上午, 晚上), a time range and the "as of" stamp. Empty without days."""
    if not event.days:
        return ""
    first, last = event.days[0].date, event.days[-1].date
    days = "".join(i18n.day(event, d.date) + i18n.day_short(event, d.date) for d in event.days)
    hours = "".join(i18n.clock(event, time(h, 0)) for h in range(24))
    return "".join((days, i18n.date_range(event, first, last), hours,
                    i18n.time_range_text(event, time(9, 0), time(13, 30)), i18n.stamp(event, event.updated)))


_noted: dict[int, weakref.ref] = {}  # id -> the events whose strings this process noted


def noted(event: Event) -> None:
    """Say that every string ``event`` prints has been noted (fontcuts.want) in this process: the
    loader does it while checking them."""
    _noted[id(event)] = weakref.ref(event, lambda _, key=id(event): _noted.pop(key, None))


def note(event: Event) -> None:
    """Note (fontcuts.want) every string ``event`` prints, its content and its language's fixed words,
    dates and times, so that the faces cut to characters are cut for all of them before anything
    is drawn (fontcuts.settled); once per event in a process (an event loaded in another process and
    handed over has not been noted here)."""
    ref = _noted.get(id(event))
    if ref is not None and ref() is event:
        return
    for text, _file, _line, _whose, _field, lang in _content_strings(event):
        want((text,), lang)
    want(i18n.translations(event))
    want((language_text(event),))
    noted(event)


def coverage_problems(event: Event, content_dir: str | Path,
                      line_of: Callable[[str, str], int] | None = None) -> list[Problem]:
    """Every content string no font can draw (or with a control character), with file and line;
    ``line_of(file, text)`` gives the line of strings the model keeps none for (a venue's name).
    Without the CJK extra, Chinese, Japanese and Korean text is one problem that names it."""
    covered = register()
    content = Path(content_dir)
    out: list[Problem] = []
    needs_cjk: list[tuple[str, int, str, str, str]] = []
    for text, file, line, whose, field, lang in _content_strings(event):
        if not text or covered.issuperset(map(ord, text)):  # the fast path: Noto Sans has it all
            continue
        line = line or (line_of(file, text) if line_of else 0)
        want((text,), lang)
        gaps = missing(text, covered)
        if not gaps:
            continue
        controls = [c for c in gaps if is_control(c)]
        if controls:
            out.append(Problem(str(content / file), line,
                               f"the {field} of {whose} contains {describe(controls)}, which cannot be printed",
                               "delete it (it often comes along when text is pasted from another program)"))
        cjk = [c for c in gaps if not fonts.cjk_installed() and is_cjk(c)]
        if cjk:
            needs_cjk.append((file, line, whose, field, cjk[0]))
        glyphless = [c for c in gaps if not is_control(c) and c not in cjk]
        if glyphless:
            out.append(Problem(str(content / file), line,
                               f"the {field} of {whose} contains {describe(glyphless)}, which no font can print",
                               "replace the character with one the fonts have (or a plain-letter spelling)"))
    if needs_cjk:
        file, line, whose, field, ch = needs_cjk[0]
        more = len(needs_cjk) - 1
        out.append(Problem(str(content / file), line,
                           f"the {field} of {whose} is written in Chinese, Japanese or Korean ('{ch}')"
                           + (f", as are {more} more texts," if more else "")
                           + " and the fonts for them are not installed",
                           f"install them: {CJK_EXTRA} (make installs them)"))
    return out


def fallback_report(event: Event) -> str | None:
    """For `check`: how many content characters fall back, and to which faces."""
    texts = [(text, lang) for text, _f, _l, _w, field, lang in _content_strings(event)
             if text and field != "given or family name"]  # that one repeats the name
    return fallback_summary(fallback_counts(texts))
