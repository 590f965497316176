"""Material for the people on stage (issue 28): chair sheets, name tents, timing cards.

Read from the PDFs: each chair's sheet holds their items and no one else's, with speakers, bios
and the time for the 5-minute card; every tent carries the name upright and turned 180° (read
from pdfplumber's character matrices); the cards say their words in the event's language."""
from __future__ import annotations

import io
import json
import shutil
from dataclasses import replace
from datetime import datetime, timedelta

import pdfplumber
import pytest

import pdfcheck
from conftest import CONTENT, event_named, set_title
from eventprint.build import build, render
from eventprint.layouts.stage import chairs
from eventprint.layouts.stage.chairs import first_sentences
from eventprint.options import BuildOptions, OptionError


def _pages_of(texts: list[str], name: str) -> list[str]:
    """The pages whose header (the first lines) names ``name``."""
    return [t for t in texts if name in "\n".join(t.strip().splitlines()[:3])]


def test_each_chair_sheet_holds_exactly_the_chairs_items_in_order(artifacts, symposium):
    pdf = artifacts("symposium", "chairs")["chair-sheets.pdf"]
    texts = [pdfcheck.normalise(t) for t in pdfcheck.flow_texts(pdf)]
    chaired = {p: [it for it in symposium.items if p in it.chairs] for p in symposium.people}
    chaired = {p: items for p, items in chaired.items() if items}
    assert len(chaired) == 2 and sum(len(v) for v in chaired.values()) == 9  # Black and Hirsch, day 1
    for person, items in chaired.items():
        pages = _pages_of(texts, person.name)
        assert pages, person.name
        mine = " ".join(pages)
        assert "SESSION CHAIR" in mine and "Monday 16 September 2024" in mine
        at = [mine.index(pdfcheck.normalise(it.title.display)) for it in items]
        assert at == sorted(at), person.name  # in programme order
        for it in items:
            five = (datetime.combine(it.date, it.end) - timedelta(minutes=5)).strftime("%H:%M")
            assert it.time_range in mine and f"5-minute sign: {five}" in mine, it.id
            for p in it.speakers:
                assert p.name in mine, (it.id, p.name)
                if p.bio:  # the bio's first words, and the affiliation
                    assert pdfcheck.normalise(p.bio)[:30] in mine, (it.id, p.name)
                for aff in p.affiliations:
                    assert aff in mine, (it.id, aff)
        others = [it for p, its in chaired.items() if p is not person for it in its]
        assert not [it.id for it in others if pdfcheck.normalise(it.title.display) in mine]


def test_a_bio_is_its_first_sentences_and_abbreviations_do_not_end_one():
    bio = ("Ming C. Lin received her B.S., M.S. and Ph.D. from UC Berkeley. She is Dr. h.c. of ETH. "
           "Third sentence here.")
    assert first_sentences(bio, 80) == "Ming C. Lin received her B.S., M.S. and Ph.D. from UC Berkeley."
    assert first_sentences(bio, 100) == ("Ming C. Lin received her B.S., M.S. and Ph.D. from UC Berkeley. "
                                         "She is Dr. h.c. of ETH.")
    assert first_sentences("One long sentence without an end", 5) == "One long sentence without an end"
    assert first_sentences("第一句。第二句。", 4) == "第一句。"
    assert first_sentences("First paragraph.\n\nSecond one.") == "First paragraph."



def test_a_changed_title_reprints_its_chairs_sheet_and_no_other(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(CONTENT, content)
    build(content, out, ("chairs",))
    set_title(content, "virtual-try-on", "Fit-aware try-on, confirmed")
    r = build(content, out, ("chairs",))
    assert "Changed since the last build: chair sheet Michael Hirsch Monday 16 September" in r.messages
    texts = [pdfcheck.normalise(t) for t in pdfcheck.flow_texts((out / "reprint.pdf").read_bytes())]
    assert texts and all("Michael Hirsch" in t for t in texts) and not any("Michael J. Black" in t for t in texts)
    assert "Fit-aware try-on, confirmed" in " ".join(texts)
    assert json.loads((out / "manifest.json").read_text())["chairs"].keys() == {
        "black/2024-09-16", "hirsch/2024-09-16"}


def test_no_chairs_no_chair_sheets(artifacts, three_day):
    assert not any(it.chairs for it in three_day.items)
    assert artifacts("three_day", "chairs") == {}


def _faces(page) -> tuple[str, str]:
    """The text drawn upright and the text drawn turned 180°, from the chars' matrices."""
    upright = "".join(c["text"] for c in page.chars if c["matrix"][0] > 0 and c["matrix"][3] > 0)
    turned = "".join(c["text"] for c in page.chars if c["matrix"][0] < 0 and c["matrix"][3] < 0)
    return upright, turned


@pytest.mark.parametrize("event", ["symposium", "scripts"])
def test_every_tent_reads_upright_from_both_sides(artifacts, event, request):
    model = request.getfixturevalue("symposium") if event == "symposium" else None
    pdf = artifacts(event, "tents")["name-tents.pdf"]
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == len(event_named(event).people_with_roles)
        for n, page in enumerate(doc.pages):
            upright, turned = _faces(page)
            assert upright and upright == turned, n  # the same face twice, one of them turned
            h = page.height
            for c in page.chars:  # each face on its half, clear of the fold (top: from the page's top)
                assert (c["top"] > h / 2 + 10) if c["matrix"][0] > 0 else (c["bottom"] < h / 2 - 10), (n, c["text"])
            if model is not None:
                person = sorted(model.people_with_roles, key=lambda p: (p.sort_key, p.id))[n]
                assert person.name.replace(" ", "") in upright.replace(" ", ""), n
                if person.affiliations:
                    assert person.affiliations[0].replace(" ", "") in upright.replace(" ", ""), n


def test_tents_have_fold_marks_on_the_fold_in_the_printable_margin(artifacts):
    from eventprint.layouts.kit import theme
    pdf = artifacts("symposium", "tents")["name-tents.pdf"]
    for (w, h), lines in zip(pdfcheck.page_sizes(pdf), pdfcheck.page_lines(pdf)):
        marks = [ln for ln in lines if abs(ln["linewidth"] - theme.CROP_MARK_WIDTH) < 0.01]
        assert len(marks) == 2
        for ln in marks:
            assert abs(ln["top"] - h / 2) < 0.01 and abs(ln["bottom"] - h / 2) < 0.01
            assert min(ln["x0"], w - ln["x1"]) >= 5 * 72 / 25.4 - 0.01


WORDS = {"en": ("minutes", "minute", "Stop"), "de": ("Minuten", "Minute", "Stopp"),
         "fr": ("minutes", "minute", "Fin"), "es": ("minutos", "minuto", "Tiempo")}


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_timing_cards_say_their_words_in_the_events_language(symposium, lang):
    event = replace(symposium, language=lang)
    (art,) = render(event, "cards", BuildOptions())
    texts = [" ".join(t.split()) for t in pdfcheck.page_texts(art.data)]
    rooms = ["N0.002", "Main room"]  # the rooms with talks; the lobby has none
    assert len(texts) == 4 * len(rooms)
    many, one, stop = WORDS[lang]
    for k, room in enumerate(rooms):
        cards = texts[4 * k:4 * k + 4]
        assert [t.split(f" {room}")[0] for t in cards] == [f"10 {many}", f"5 {many}", f"1 {one}", stop], cards
        assert all(room in t and symposium.short_name in t for t in cards)


def test_timing_cards_come_in_a4_and_a5_landscape(artifacts, symposium):
    for size, (w, h) in (("A4", (842, 595)), ("A5", (595, 420))):
        pdf = artifacts("symposium", "cards", **({"size": size} if size != "A4" else {}))["timing-cards.pdf"]
        assert {(round(a), round(b)) for a, b in pdfcheck.page_sizes(pdf)} == {(w, h)}
    with pytest.raises(OptionError, match="A4, A5"):
        render(symposium, "cards", BuildOptions(size="A3"))


def test_a_chair_sheet_speaks_the_events_language(symposium):
    event = replace(symposium, language="de")
    (art,) = render(event, "chairs", BuildOptions())
    text = pdfcheck.normalise(" ".join(pdfcheck.flow_texts(art.data)))
    assert "SITZUNGSLEITUNG" in text and "5-Minuten-Zeichen: 13:25" in text and "Montag, 16. September 2024" in text
    assert "HAUPTVORTRAG" in text and "5-minute" not in text
    assert chairs.sheets(event)[0].role == "SITZUNGSLEITUNG"
