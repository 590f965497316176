"""The lobby poster: every talk of every day, the event's facts, a QR code, print-safe."""
from __future__ import annotations


import pytest
from reportlab.lib.pagesizes import A1, A2, A3, portrait

import pdfcheck
from eventprint import urls
from eventprint.build import load, render
from eventprint.options import BuildOptions, OptionError
from eventprint.problems import BuildError
from eventprint.layouts import poster, poster_flow, theme

EVENTS = ("symposium", "three_day", "edge")


def _build(event, size=None) -> bytes:
    arts = render(event, "poster", BuildOptions(size=size))
    assert [a.path for a in arts] == ["poster.pdf"]
    return arts[0].data


@pytest.fixture(scope="module")
def built(symposium, three_day, edge, artifacts):
    out = {}
    for name, ev in (("symposium", symposium), ("three_day", three_day), ("edge", edge)):
        pdf = artifacts(name, "poster")["poster.pdf"]
        out[name] = (ev, pdf, pdfcheck.page_chars(pdf)[0], pdfcheck.normalise(pdfcheck.flow_texts(pdf)[0]))
    return out


@pytest.mark.parametrize("name", EVENTS)
def test_every_talk_and_item_of_every_day(built, name):
    event, _, _, text = built[name]
    for day in event.days:
        assert day.label in text
        for it in day.items:
            assert pdfcheck.normalise(it.title.display) in text, it.id
            assert it.time_range in text or it.start.strftime("%H:%M") in text, it.id
            for p in it.speakers:
                assert p.name in text, (it.id, p.name)


def assert_header_facts(event, text: str) -> None:
    """Dates, hosts, venues with addresses and the programme URL all appear in ``text``."""
    assert event.date_range in text
    for host in event.hosts:
        assert pdfcheck.normalise(host) in text
    for venue in {d.venue for d in event.days}:
        assert pdfcheck.normalise(venue.name) in text
        for line in venue.address:
            assert pdfcheck.normalise(line) in text
    assert urls.programme_url(event).removeprefix("https://") in text


@pytest.mark.parametrize("name", EVENTS)
def test_event_facts(built, name):
    event, _, chars, text = built[name]
    assert_header_facts(event, text)
    # the event's name is the largest text
    biggest = max(c["size"] for c in chars)
    big = "".join(c["text"] for c in chars if c["size"] >= biggest - 0.01)
    assert big.replace(" ", "") == event.name.replace(" ", "")


def test_parallel_rooms_are_labelled(built):
    event, _, chars, text = built["three_day"]
    lines = pdfcheck.text_lines(chars)
    for day in event.days:
        for room in day.rooms:
            assert room.name in text
    # a slot of parallel talks shows its time once
    day = event.days[0]
    t = day.items[1].time_range
    assert sum(ln.text.count(t.replace(" ", "")) for ln in lines) < len(event.days) * 3


@pytest.mark.parametrize("name", EVENTS)
def test_print_safety(built, name):
    _, pdf, chars, _ = built[name]
    w, h = portrait(A2)
    s = theme.SAFE
    assert not pdfcheck.chars_outside(chars, (s, s, w - s, h - s))
    assert not pdfcheck.overlapping_lines(chars), pdfcheck.overlapping_lines(chars)[:3]
    assert not pdfcheck.unembedded_fonts(pdf)
    assert not pdfcheck.missing_glyph_chars(pdf)


# Measured: the poster's code decodes from 25 dpi at A2; 50 dpi is a margin of 2.
QR_DPI = 50


@pytest.mark.parametrize("name", ("symposium", "three_day"))
def test_qr_decodes_to_the_programme(built, name):
    event, pdf, _, _ = built[name]
    w, h = portrait(A2)
    corner = pdfcheck.render(pdf, 0, dpi=QR_DPI, box=(w / 2, 0, w, h / 4))
    assert pdfcheck.decode_qr(corner) == [urls.programme_url(event)]


@pytest.mark.parametrize("size, expected", [(None, A2), ("A2", A2), ("A1", A1), ("A3", A3)])
def test_page_sizes_look_the_same(symposium, built, artifacts, size, expected):
    pdf = artifacts("symposium", "poster", size=size)["poster.pdf"]
    assert [tuple(round(v, 1) for v in s) for s in pdfcheck.page_sizes(pdf)] == \
        [tuple(round(v, 1) for v in portrait(expected))]
    chars = pdfcheck.page_chars(pdf)[0]
    ref = built["symposium"][2]
    ratio = portrait(expected)[0] / portrait(A2)[0]
    assert max(c["size"] for c in chars) == pytest.approx(max(c["size"] for c in ref) * ratio, rel=0.02)
    w, h = portrait(expected)
    assert not pdfcheck.chars_outside(chars, (theme.SAFE, theme.SAFE, w - theme.SAFE, h - theme.SAFE))
    assert not pdfcheck.overlapping_lines(chars)


def test_programme_text_is_poster_sized(built):
    for name in EVENTS:
        event, _, chars, _ = built[name]
        lines = pdfcheck.text_lines(chars)
        titles = [ln for ln in lines if any(it.is_talk and ln.text and ln.text in
                                            it.title.display.replace(" ", "") for d in event.days
                                            for it in d.items)]
        assert titles and min(ln.size for ln in titles) >= poster.TEXT_MIN - 0.01, name


def test_bad_size_is_an_option_error(symposium):
    with pytest.raises(OptionError) as e:
        _build(symposium, "A4")
    for allowed in ("A2", "A1", "A3"):
        assert allowed in str(e.value)


def test_too_much_for_a_poster_names_the_day(tmp_path):
    """A day of ~150 items in 9 rooms fits neither on one page nor on a page of its own at 11 pt."""
    import synth
    event = load(synth.write_event(tmp_path / "big", days=2, rooms=9, talks=300, people=600))
    with pytest.raises(BuildError) as e:
        _build(event)
    assert any(d.label in str(e.value) for d in event.days)
    assert f"{poster.TEXT_MIN:g} pt" in str(e.value)


# --------------------------------------------------------------------------
# a large event: a page per day, each day's table flowing across columns
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """The benchmark's large event (3 days x 8 rooms, ~136 items a day), built and parsed once."""
    import synth
    event = load(synth.write_event(tmp_path_factory.mktemp("large"), days=3, rooms=8, talks=400, people=600,
                                   seed=2024))
    pdf = _build(event)
    texts = [pdfcheck.normalise(t) for t in pdfcheck.flow_texts(pdf)]
    return event, pdf, pdfcheck.page_chars(pdf), texts


def test_large_event_gets_a_page_per_day(large):
    event, pdf, _, texts = large
    assert len(event.days) == 3 and max(len(d.items) for d in event.days) > 130
    assert pdfcheck.page_sizes(pdf) == [pytest.approx(portrait(A2), abs=0.1)] * len(event.days)
    n = len(event.days)
    for i, (day, text) in enumerate(zip(event.days, texts)):
        assert day.label in text and f"Page {i + 1} of {n}" in text
        assert not any(other.label in text for other in event.days if other is not day)


def test_large_event_every_page_has_the_whole_header(large):
    event, _, _, texts = large
    for text in texts:
        assert pdfcheck.normalise(event.name) in text
        assert_header_facts(event, text)


def test_large_event_every_item_on_its_days_page_in_order(large):
    """Text is in drawing order, so finding each item after the previous one checks the order too."""
    event, _, _, texts = large
    for day, text in zip(event.days, texts):
        pos = text.index(day.label)
        for it in day.items:
            found = text.find(pdfcheck.normalise(it.title.display), pos)
            assert found >= 0, (day.label, it.id, it.title.display)
            pos = found
            after = text[found:found + 400]
            for p in it.speakers:
                assert p.name in after, (it.id, p.name)
            if it.room and len(day.rooms) > 1:
                assert it.room.name in text[found - 60:found], it.id


def test_large_event_slots_are_never_split_across_columns(large):
    """Each later column starts with '(continued)'; the parallel items of a slot share one column."""
    from eventprint.layouts.poster import slots
    event, _, _, texts = large
    for day, text in zip(event.days, texts):
        start = text.index(day.label)
        breaks = [i for i in range(start, len(text)) if text.startswith(poster_flow.CONT_LABEL, i)]
        assert len(breaks) >= 2, "a day of this size flows across several columns"
        pos = start
        for slot in slots(day):
            homes = set()
            for e in slot:
                pos = text.find(pdfcheck.normalise(e.item.title.display), pos)
                homes.add(sum(b < pos for b in breaks))
            assert len(homes) == 1, (day.label, slot[0].item.time_range, homes)


def test_large_event_print_safety_and_sizes(large):
    _, pdf, pages, _ = large
    w, h = portrait(A2)
    s = theme.SAFE
    ink = tuple(round(v, 3) for v in theme.INK.rgb())
    for chars in pages:
        assert not pdfcheck.chars_outside(chars, (s, s, w - s, h - s))
        assert not pdfcheck.overlapping_lines(chars), pdfcheck.overlapping_lines(chars)[:3]
        # titles and times are set in ink: none of it below the poster's minimum
        inked = [c for c in chars if c["text"].strip()
                 and tuple(round(v, 3) for v in c["non_stroking_color"]) == ink]  # colours are 8-bit
        assert len(inked) > 3000
        assert min(c["size"] for c in inked) >= poster.TEXT_MIN - 0.01
    assert not pdfcheck.unembedded_fonts(pdf)
    assert not pdfcheck.missing_glyph_chars(pdf)


def test_large_event_qr_on_every_page(large):
    event, pdf, _, _ = large
    for i in range(len(event.days)):
        w, h = portrait(A2)
        corner = pdfcheck.render(pdf, i, dpi=QR_DPI, box=(w * 3 / 4, 0, w, h / 6))
        assert pdfcheck.decode_qr(corner) == [urls.programme_url(event)]


@pytest.mark.parametrize("name", EVENTS)
def test_events_that_fit_keep_the_one_page_poster(built, name):
    _, pdf, _, text = built[name]
    assert len(pdfcheck.page_sizes(pdf)) == 1
    assert "Page 1 of" not in text and poster_flow.CONT_LABEL not in text
