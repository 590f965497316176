"""The event's language: fixed words, dates and times in de, fr, es and en-US; per-language content.

The three-day fixture is copied, its language set, one talk marked as English and one title given
in two languages; the model is then cut to its first two days' opening items (with their people),
so a booklet, the door signs and the site cost a fraction of the full event's (about 1 s a language).
"""
from __future__ import annotations

import html
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import THREE_DAY, run_cli
from eventprint import i18n
from eventprint.layouts.kit import grid_text
from eventprint.build import load, render
from eventprint.content.multilingual import pick
from eventprint.options import BuildOptions
from pdfcheck import normalise, page_chars, page_texts

ITEMS_PER_DAY = 6  # of the first day: registration, the keynote slot and the next slot
_built: dict[str, dict] = {}

# Words a language writes exactly as English does, allowed to remain in its build. Kept short on purpose
# (a new entry needs a reason): German says "Workshop"; French "Programme" and "Pause".
SAME_AS_ENGLISH = {"de": {"Workshop", "in {room}", "SPONSOR"}, "fr": {"Programme"}, "es": set()}


def _content(tmp: Path, lang: str) -> Path:
    dst = tmp / f"three-day-{lang}"
    shutil.copytree(THREE_DAY, dst)
    ev = dst / "event.yaml"
    ev.write_text(ev.read_text().replace("language: en", f"language: {lang}")
                  .replace("short_name: Synthetic Symposium",
                           "short_name: {en: Synthetic Symposium, de: Synthetisches Symposium}"))
    prog = dst / "programme.yaml"
    text = prog.read_text()
    # t0002 is given in English in a non-English event: the programme tags every talk's language
    text = text.replace("    id: t0002\n", "    id: t0002\n    language: en\n", 1)
    text = text.replace("    title: Privacy sparse inference reasoning efficient sparse models neural\n",
                        "    title: {en: Privacy sparse inference, de: Datenschutz und sparsame Inferenz}\n", 1)
    text = text.replace("    kind: registration\n    title: Registration\n", "    kind: registration\n", 1)  # untitled
    # straight quotes in a title: printed as the language's quotation marks
    text = text.replace("    title: Uncertainty uncertainty efficient", '    title: Uncertainty "uncertainty" efficient', 1)
    prog.write_text(text)
    return dst


def _small(event):
    days = tuple(replace(d, items=d.items[:ITEMS_PER_DAY]) for d in event.days[:1])
    event = replace(event, days=days)
    used = {p.id for it in event.items for p in it.speakers + it.chairs}
    return replace(event, people=tuple(p for p in event.people if p.id in used))


def build(lang: str, tmp_path_factory, booklet: bool = True) -> dict:
    """{'booklet': [page texts], 'sign': text, 'site': {path: html}, 'content': yaml text} for ``lang``."""
    if lang not in _built:
        content = _content(tmp_path_factory.mktemp("i18n"), lang)
        event = _small(load(content))
        signs = render(event, "signs", BuildOptions())
        first_sign = next(a.data for a in signs if a.path == "signs/room-1-2025-03-10.pdf")
        site_arts = render(event, "site", BuildOptions())
        site = {a.path: a.data.decode() for a in site_arts if a.path.endswith(".html")}
        ics = " ".join(a.data.decode() for a in site_arts if a.path.endswith(".ics"))
        _built[lang] = {
            "event": event,
            "booklet_raw": (raw := page_texts(render(event, "booklet", BuildOptions())[0].data) if booklet else []),
            "booklet": [normalise(t) for t in raw],
            "sign": normalise(page_texts(first_sign)[0]),
            "sign_pdf": first_sign,
            "site": site,
            "ics": ics,
            "poster": normalise(" ".join(page_texts(render(event, "poster", BuildOptions())[0].data))),
            "badges": normalise(" ".join(page_texts(render(event, "badges", BuildOptions())[0].data))),
            "content": "\n".join(p.read_text() for p in content.glob("*.yaml")),
        }
    return _built[lang]


def _html_text(page: str) -> str:
    return normalise(html.unescape(re.sub(r"<[^>]+>", " ", page)))


QUOTED = {"de": "\u201euncertainty\u201c", "fr": "\u00ab uncertainty \u00bb", "es": "\u00abuncertainty\u00bb"}
EXPECTED = {
    # language: (glance heading, first day as a heading, index heading, a talk's time as running text,
    #            the sign's time column, the site's day label)
    "de": ("Programmübersicht", "Montag, 10. März 2025", "Personenverzeichnis", "09:00–09:30 Uhr", "09:00–09:30",
           "Mo., 10. März"),
    "fr": ("Aperçu du programme", "Lundi 10 mars 2025", "Index des personnes", "09:00–09:30", "09:00–09:30",
           "Lun. 10 mars"),
    "es": ("Programa de un vistazo", "Lunes, 10 de marzo de 2025", "Índice de participantes", "9:00–9:30", "9:00–9:30",
           "Lun, 10 mar"),
}


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_outputs_speak_the_event_language(lang, tmp_path_factory):
    b = build(lang, tmp_path_factory)
    glance, day, index, talk_time, sign_time, short_day = EXPECTED[lang]
    booklet = " ".join(b["booklet"])
    for text in (glance, day, index, talk_time, i18n.tr(lang, "ABSTRACT"), i18n.tr(lang, "KEYNOTE")):
        assert text in booklet, (lang, text)
    assert day in b["sign"] and sign_time in b["sign"]
    index_page = _html_text(b["site"]["site/index.html"])
    assert day in index_page and short_day in b["site"]["site/rooms/room-1-2025-03-10.html"] and i18n.tr(lang, "Add the programme to your calendar") in index_page
    assert f'<html lang="{lang}">' in b["site"]["site/index.html"]
    # the title's straight quotes, as the language sets them: in its talk head and its grid box
    raw = re.sub(r"[\s\u202f\u00a0]+", " ", " ".join(b["booklet_raw"]))  # fr: narrow no-break spaces inside
    assert QUOTED[lang] in raw and not re.search(r'"\s?uncertainty|uncertainty\s?"', raw), lang
    box = grid_text.box_text(b["event"].item("t0002"), False, 9, 200, lang)  # the at-a-glance grid's box
    assert QUOTED[lang] in re.sub(r"[\s\u202f]+", " ", " ".join(seg[0] for line in box.title for seg in line)), lang


def test_a_longer_keynote_label_widens_the_sign_time_column(tmp_path_factory):
    """German 'HAUPTVORTRAG' under the keynote's time must end before the titles begin."""
    chars = page_chars(build("de", tmp_path_factory)["sign_pdf"])[0]
    text = "".join(c["text"] for c in chars)
    label, title = text.index("HAUPTVORTRAG"), text.index("Datenschutz")
    assert max(c["x1"] for c in chars[label:label + 12]) < chars[title]["x0"]


def _english_fragments() -> list[str]:
    """The catalogue's English source strings as they can show up in print: placeholders split
    them; fragments shorter than two words or six letters are too common to tell apart."""
    out = []
    for msgid, _ in i18n.catalogue.source_messages():
        for form in (msgid if isinstance(msgid, tuple) else (msgid,)):
            for part in re.split(r"\{\w+\}", form):
                part = part.strip(" :+()")
                if len(part) >= 6 or len(part.split()) >= 2:
                    out.append(part)
    return sorted(set(out))


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_no_english_fixed_string_remains(lang, tmp_path_factory):
    b = build(lang, tmp_path_factory)
    same = {i18n.tr(lang, m) for m in SAME_AS_ENGLISH[lang]} | SAME_AS_ENGLISH[lang]
    outputs = {"booklet": " ".join(b["booklet"]), "sign": b["sign"], "poster": b["poster"],
               "badges": b["badges"], "calendar files": b["ics"],
               **{p: _html_text(t) for p, t in b["site"].items()}}
    left = []
    for frag in _english_fragments():
        if frag in same or frag in b["content"]:  # the content's own words may be English
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(frag) + r"(?!\w)")
        left += [(where, frag) for where, text in outputs.items() if pattern.search(text)]
    assert not left, left[:10]


def test_same_as_english_is_exactly_what_the_catalogues_say():
    """The allowance above is the catalogues' own: every entry translates to itself, and nothing else does."""
    for lang, same in SAME_AS_ENGLISH.items():
        found = {m for m, ctx in i18n.catalogue.source_messages() if isinstance(m, str) and i18n.tr(lang, m, ctx) == m}
        assert found == same, (lang, found)


def test_talk_language_tags_and_per_language_text(tmp_path_factory):
    b = build("de", tmp_path_factory)
    event = b["event"]
    assert event.short_name == "Synthetisches Symposium"  # {en, de}: the event's language
    assert event.item("t0001").title.display == "Datenschutz und sparsame Inferenz"
    assert event.days[0].items[0].title.display == "Anmeldung"  # given no title: its kind, in German
    booklet = " ".join(b["booklet"])
    # the event mixes languages now: each talk says its own; t0002 is the English one
    assert "09:00–09:30 Uhr · Hall B, Campus · EN Uncertainty" in booklet  # t0002's head
    assert "09:00–09:30 Uhr · Hall A, Campus · DE Datenschutz" in booklet  # t0001's
    # (the at-a-glance of this three-room event is a time x room grid, whose boxes carry no tag)
    talk = _html_text(b["site"]["site/talks/t0002.html"])
    assert "Vortrag · EN" in talk


def test_per_language_fallback_order():
    assert pick({"en": "Robots", "de": "Roboter"}, "de-AT") == "Roboter"
    assert pick({"en": "Robots", "de": "Roboter"}, "fr") == "Robots"
    assert pick({"es": "Robots", "de": "Roboter"}, "fr") == "Robots"  # no English: the first given
    assert pick({"de-CH": "Roboter", "en": "Robots"}, "de") == "Roboter"


def test_us_english_has_a_12_hour_clock():
    assert i18n.time_range("en-US", *_times()) == "1:00–1:30\u202fPM" or \
        i18n.time_range("en-US", *_times()).replace("\u202f", " ") == "1:00–1:30 PM"
    assert i18n.time_range("en", *_times()) == "13:00–13:30"
    assert i18n.time_range_text("de", *_times()) == "13:00–13:30 Uhr"


def test_us_english_sign_and_site(tmp_path_factory):
    b = build("en-US", tmp_path_factory, booklet=False)
    sign = b["sign"].replace("\u202f", " ")
    assert "9:00–9:30 AM" in sign and "Monday, March 10, 2025" in sign
    assert "9:00–9:30 AM" in _html_text(b["site"]["site/index.html"]).replace("\u202f", " ")
    assert '<ol class="programme clock12">' in b["site"]["site/index.html"]  # the wider time column


def _times():
    from datetime import time
    return time(13, 0), time(13, 30)


@pytest.mark.content_only
def test_missing_translation_falls_back_to_english_and_check_lists_it(tmp_path_factory, monkeypatch):
    from eventprint.i18n import catalogue as cat_module
    original = cat_module.catalogue
    gappy = original.__wrapped__("de")  # a fresh copy of de.po, not the cached one
    gappy.delete("Programme at a glance")
    monkeypatch.setattr(cat_module, "catalogue", lambda name: gappy if name == "de" else original(name))
    cat_module.clear_caches()
    try:
        assert i18n.tr("de", "Programme at a glance") == "Programme at a glance"
        assert i18n.tr("de", "Speaker index") == "Personenverzeichnis"
        assert i18n.missing("de") == ["Programme at a glance"]
        content = _content(tmp_path_factory.mktemp("i18n-check"), "de")
        res = run_cli("check", "--content", str(content))
        assert "'Programme at a glance'" in res.stdout + res.stderr and "de.po" in res.stdout + res.stderr
    finally:
        cat_module.clear_caches()  # the real de.po comes back with the monkeypatch's undo


@pytest.mark.content_only
def test_check_names_an_unknown_language(tmp_path_factory):
    content = _content(tmp_path_factory.mktemp("i18n-xx"), "xx")
    res = run_cli("check", "--content", str(content))
    assert "the language 'xx' is not one CLDR knows" in res.stdout + res.stderr
    pt = _content(tmp_path_factory.mktemp("i18n-pt"), "pt")
    res = run_cli("check", "--content", str(pt))
    assert "there is no catalogue for the language 'pt'" in res.stdout + res.stderr


def test_quotes_follow_the_language():
    assert i18n.quotes("de") == ("\u201e", "\u201c")
    assert i18n.quotes("fr") == ("\u00ab\u202f", "\u202f\u00bb")
    assert i18n.quotes("en") == ("\u201c", "\u201d")
    assert i18n.quotes("es-MX") == ("\u00ab", "\u00bb")
