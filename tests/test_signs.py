"""Door signs: every item of a room and day, nothing else, big enough to read at the door."""
from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A3, A4, landscape, portrait

import pdfcheck
from eventprint import urls
from eventprint.build import render
from eventprint.options import BuildOptions, OptionError
from eventprint.layouts.kit import common
from eventprint.layouts.signs import document as signs
from eventprint.layouts.kit import theme

EVENTS = ("symposium", "three_day", "edge")
MIN_PT = 20.0


def _build(event, size=None):
    return {a.path: a.data for a in render(event, "signs", BuildOptions(size=size))}


@pytest.fixture(scope="module")
def built(symposium, three_day, edge, artifacts):
    return {"symposium": (symposium, artifacts("symposium", "signs")),
            "three_day": (three_day, artifacts("three_day", "signs")),
            "edge": (edge, artifacts("edge", "signs"))}


@pytest.fixture(scope="module")
def analysed(built):
    """Per event, per sign: (room, day, pdf bytes, chars per page, flow text per page)."""
    out = {}
    for name, (event, arts) in built.items():
        rows = []
        for room, day in event.room_days():
            pdf = arts[signs.sign_path(room.id, day.date)]
            rows.append((room, day, pdf, pdfcheck.page_chars(pdf), pdfcheck.flow_texts(pdf)))
        out[name] = (event, rows)
    return out


def _signs(analysed, name):
    event, rows = analysed[name]
    return event, rows


def _text(texts) -> str:
    return pdfcheck.sign_text("\n".join(texts))


def _where(item, room, day):
    if item.room is None:
        return day.venue.short_name
    return item.room.name if item.room.venue is room.venue else item.room.full_name


# -- files --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EVENTS)
def test_one_file_per_room_and_day_plus_all_signs(built, analysed, name):
    event, arts = built[name]
    expected = {signs.sign_path(r.id, d.date) for r, d in event.room_days()} | {"signs/all-signs.pdf"}
    assert set(arts) == expected
    assert signs.sign_keys(event) == [(r.id, d.date) for r, d in event.room_days()]
    pages = sum(len(chars) for _, _, _, chars, _ in analysed[name][1])
    assert len(pdfcheck.page_sizes(arts["signs/all-signs.pdf"])) == pages
    # all-signs holds the same pages in the same order
    all_texts = pdfcheck.flow_texts(arts["signs/all-signs.pdf"])
    singles = [t for *_, texts in analysed[name][1] for t in texts]
    assert [pdfcheck.normalise(t) for t in all_texts] == [pdfcheck.normalise(t) for t in singles]


def test_each_signs_file_is_its_pages_of_all_signs(built):
    """all-signs.pdf is drawn once and each sign's own file replays its pages (kit/replay.py): the
    pages render the same, pixel for pixel (fonts, QR codes, the DRAFT mark that keeps clear of
    them), and the file has its own title and one bookmark, its room and day."""
    import pypdf

    event, arts = built["symposium"]
    every = arts["signs/all-signs.pdf"]
    whole = pypdf.PdfReader(io.BytesIO(every))
    first = 0
    for room, day in event.room_days():
        own = arts[signs.sign_path(room.id, day.date)]
        reader = pypdf.PdfReader(io.BytesIO(own))
        assert [o.title for o in reader.outline] == [f"{room.name} {theme.EN_DASH} {day.label}"]
        assert room.name in reader.metadata.title and not pdfcheck.unembedded_fonts(own)
        for k, page in enumerate(reader.pages):
            # the same stream (glyph codes included), and the same DRAFT mark: a form made for where
            # the page's QR codes are, numbered in each file
            assert _drawn(page) == _drawn(whole.pages[first + k])
            assert pdfcheck.render(own, k, dpi=40).tobytes() == pdfcheck.render(every, first + k, dpi=40).tobytes()
        first += len(reader.pages)
    assert first == len(whole.pages)


def _drawn(page) -> tuple[bytes, list[bytes]]:
    """A page's content stream with its forms' numbers left out, and the forms it draws."""
    import re

    forms = page["/Resources"].get("/XObject", {})
    return (re.sub(rb"EPDraft\d+", b"EPDraft", page.get_contents().get_data()),
            sorted(forms[name].get_object().get_data() for name in forms))


def test_a_copied_font_state_is_a_deep_copy():
    """kit/replay.py copies a document's font tables for each file that replays its pages: the copy
    is equal and changes on its own."""
    import copy

    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfgen.canvas import Canvas

    from eventprint.fonts import register
    from eventprint.layouts.kit import replay

    register()
    c = Canvas(io.BytesIO())
    c.setFont(theme.FONT, 10)
    c.drawString(10, 10, "Hello W\u00f6rld \u2013 10:30")
    state = getFont(theme.FONT).state[c._doc]
    before = copy.deepcopy(vars(state))
    copied = replay._copied(state)
    assert vars(copied) == vars(state)
    copied.assignments[0x4e2d] = 99
    copied.subsets[0].append(99)
    copied.nextCode += 1
    assert vars(state) == before


def test_symposium_signs_are_the_rooms_in_use(symposium):
    assert signs.sign_keys(symposium) == [
        ("mpi-lobby", symposium.days[0].date), ("n0-002", symposium.days[0].date),
        ("amazon-main", symposium.days[1].date)]


# -- content ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EVENTS)
def test_every_item_of_the_room_and_day_and_nothing_else(analysed, name):
    event, rows = analysed[name]
    for room, day, _, _, texts in rows:
        text = _text(texts)
        shown_people = set()
        assert room.name in text and day.label in text
        for it in day.items:
            here = it.room is not None and it.room.id == room.id
            if here:  # whole, or cut short with an ellipsis where that keeps the day on one sheet
                assert pdfcheck.shown_title(it.title.display, text), (room.id, it.id)
                assert it.time_range in text, (room.id, it.id)
                whole = pdfcheck.normalise(it.title.display) in text
                for p in it.speakers:
                    assert p.name in text or not whole, (room.id, it.id, p.name)
                    shown_people.add(p.name)
            elif day.concerns_everyone(it):  # said where, never hidden (tests/test_doors.py: which they are)
                where = f"{it.title.display} {theme.MIDDOT} {_where(it, room, day)}"
                assert pdfcheck.normalise(where) in text, (room.id, it.id)
            elif not any(pdfcheck.normalise(it.title.display) in pdfcheck.normalise(x.title.display)
                         for x in day.items if x.room is room or day.concerns_everyone(x)):
                assert pdfcheck.normalise(it.title.display) not in text, (room.id, it.id)  # another room's own
        for it in day.items:  # another room's talks stay on that room's sign
            if it.is_talk and (it.room is None or it.room.id != room.id):
                if it.title.confirmed:
                    assert pdfcheck.normalise(it.title.display) not in text, (room.id, it.id)
                for p in it.speakers:
                    if p.name not in shown_people:
                        assert p.name not in text, (room.id, it.id, p.name)
        for other in event.days:  # nothing from another day
            if other.date == day.date:
                continue
            assert other.label not in text
            for it in other.items:
                if it.is_talk and it.title.confirmed:
                    assert pdfcheck.normalise(it.title.display) not in text, (room.id, it.id)


def test_keynotes_marked_and_tbc_titles_spelled_out(analysed):
    event, rows = analysed["symposium"]
    text = {room.id: _text(texts) for room, _, _, _, texts in rows}
    assert text["amazon-main"].count(signs.KEYNOTE_LABEL) == 2
    assert text["n0-002"].count(signs.KEYNOTE_LABEL) == 1
    assert "Title to be confirmed" in text["amazon-main"]
    assert "tbc" not in text["amazon-main"]


# -- size and hierarchy -------------------------------------------------------------------


def _schedule_chars(chars, day):
    """Chars between the day line (bottom of the header) and the footer's first line.

    Found from the text, not from the layout code: the day label is the header's
    last line and "As of" / the URL line is the footer's first.
    """
    lines = pdfcheck.text_lines(chars)
    day_line = [ln for ln in lines if ln.text.startswith(day.label.replace(" ", ""))
                or day.label.replace(" ", "") in ln.text]
    foot = [ln for ln in lines if ln.text.startswith("Asof") or "://" in ln.text or ".html" in ln.text
            or ln.text.endswith("/")]
    assert day_line and foot
    top = max(ln.bottom for ln in day_line)
    bottom = min(ln.top for ln in foot)
    return [c for c in chars if c["text"].strip() and c["top"] >= top - 0.01 and c["bottom"] <= bottom + 0.01]


@pytest.mark.parametrize("name", EVENTS)
def test_schedule_text_at_least_20_pt(analysed, name):
    _, rows = analysed[name]
    for room, day, _, pages, _ in rows:
        for k, chars in enumerate(pages):
            sched = _schedule_chars(chars, day)
            assert sched, (room.id, k)
            smallest = min(c["size"] for c in sched)
            assert smallest >= MIN_PT - 0.01, (room.id, day.date, k, smallest)


@pytest.mark.parametrize("name", EVENTS)
def test_room_name_is_the_largest_text(analysed, name):
    _, rows = analysed[name]
    for room, day, _, pages, _ in rows:
        for chars in pages:
            biggest = max(c["size"] for c in chars)
            big = "".join(c["text"] for c in chars if c["size"] >= biggest - 0.01)
            assert big.replace(" ", "") == room.name.replace(" ", ""), (room.id, big)
            others = [c["size"] for c in chars if c["text"].strip() and c["size"] < biggest - 0.01]
            assert biggest >= 1.5 * max(others)


def test_the_name_is_readable_from_afar_and_keeps_its_size(analysed):
    """64 pt at least (16 mm capitals, read from about 2 m; the full header sets it at 130 pt),
    and the same on every page of a sign."""
    for name in EVENTS:
        _, rows = analysed[name]
        for room, _, _, pages, _ in rows:
            sizes = {round(max(c["size"] for c in chars), 1) for chars in pages}
            assert len(sizes) == 1 and min(sizes) >= 64, (room.id, sizes)


# -- print safety -------------------------------------------------------------------------


@pytest.mark.parametrize("name", EVENTS)
def test_inside_safe_margin_no_overlaps_fonts_embedded(built, analysed, name):
    _, arts = built[name]
    _, rows = analysed[name]
    for room, day, pdf, pages, _ in rows:
        for k, chars in enumerate(pages):
            w, h = landscape(A4)
            s = theme.SAFE
            assert not pdfcheck.chars_outside(chars, (s, s, w - s, h - s)), (room.id, k)
            assert not pdfcheck.overlapping_lines(chars), (room.id, k, pdfcheck.overlapping_lines(chars)[:2])
        assert not pdfcheck.unembedded_fonts(pdf)
        assert not pdfcheck.missing_glyph_chars(pdf)
    all_signs = arts["signs/all-signs.pdf"]
    shapes = pdfcheck.page_shapes(all_signs)
    assert sum(map(len, shapes)) > 0
    for (width, height), page in zip(pdfcheck.page_sizes(all_signs), shapes):
        for x0, top, x1, bottom in page:  # QR codes, bands and rules stay inside the safe area too
            assert x0 >= theme.SAFE - 0.01 and x1 <= width - theme.SAFE + 0.01
            assert top >= theme.SAFE - 0.01 and bottom <= height - theme.SAFE + 0.01


def test_markup_characters_print_as_written(edge, artifacts):
    """On A3, where no title is cut, every text of the edge event's signs prints as written."""
    arts = artifacts("edge", "signs", size="A3")
    text = " ".join(_text(pdfcheck.flow_texts(arts[signs.sign_path(r.id, d.date)])) for r, d in edge.room_days())
    assert "Hall 1 <&>" in text
    assert "<script>alert(1)</script>" in text
    assert "Μηχανική μάθηση για ρομπότ" in text
    assert "Seminar Room Ω-3" in text




@pytest.mark.parametrize("name", ("symposium", "edge"))
def test_qr_codes_decode_to_the_room_day_page(analysed, name):
    event, rows = analysed[name]
    for room, day, pdf, pages, _ in rows:
        want = urls.room_day_url(event, room, day.date)
        w, h = pdfcheck.page_sizes(pdf)[0]
        for k in range(len(pages)):
            assert pdfcheck.page_qr_codes(pdf, k, (w / 2, 0, w, h / 3)) == [want], (room.id, k)


def test_short_url_and_as_of_footer_printed(analysed):
    event, rows = analysed["symposium"]
    for room, day, _, _, texts in rows:
        for t in texts:
            t = pdfcheck.normalise(t)
            assert "As of 10 Sep 2024, 18:00" in t
            assert urls.room_day_url(event, room, day.date).removeprefix("https://") in t
            assert event.name in t


# -- long days ----------------------------------------------------------------------------


def test_crowded_room_holds_its_day_on_one_sheet_with_long_titles_cut(analysed):
    """The edge event's 17-row room: one A4 sheet at no less than 20 pt, every item there, the
    longest titles cut short with an ellipsis (whole on the page the QR code opens)."""
    event, rows = analysed["edge"]
    room, day, pdf, pages, texts = next(r for r in rows if r[0].id == "big")
    own = [it for it in day.items if it.room is not None and it.room.id == "big"]
    assert len(own) >= 14 and len(pages) == 1
    text = _text(texts)
    for it in own:
        assert pdfcheck.shown_title(it.title.display, text), it.id
    long = next(it for it in own if it.id == "long-title")
    assert pdfcheck.normalise(long.title.display) not in text and "\u2026" in text
    assert min(c["size"] for c in _schedule_chars(pages[0], day)) >= MIN_PT - 0.01


def test_a_day_too_long_even_cut_continues_with_the_name_at_its_size(symposium):
    """45 talks in one room and day do not fit one sheet even cut: continuation pages, each marked,
    every title whole and once, the room's name the same size on every page, nothing under 20 pt."""
    import dataclasses
    from datetime import time as clock
    day = symposium.days[1]
    room = next(r for r, d in symposium.room_days() if d is day)
    talks = [it for it in day.items if it.is_talk and it.room is room]
    many = tuple(dataclasses.replace(talks[k % len(talks)], id=f"t{k}", start=clock(8 + k // 4, 15 * (k % 4)),
                                     end=clock(8 + (k + 1) // 4, 15 * ((k + 1) % 4))) for k in range(45))
    crowded = dataclasses.replace(day, items=many)
    event = dataclasses.replace(symposium, days=(symposium.days[0], crowded))
    buf = io.BytesIO()
    c = common.new_canvas(buf, landscape(A4), event, "crowded", "test")
    signs.draw_signs(c, event, BuildOptions(), only={(room.id, day.date)})
    c.save()
    pages, texts = pdfcheck.page_chars(buf.getvalue()), pdfcheck.flow_texts(buf.getvalue())
    assert len(pages) > 1
    assert f"(page 1 of {len(pages)})" in pdfcheck.normalise(texts[0])
    for k, t in enumerate(texts[1:], start=2):
        assert f"(continued, page {k} of {len(pages)})" in pdfcheck.normalise(t)
    text = _text(texts)
    for it in many:  # whole: continuation pages cut nothing
        assert text.count(it.time_range) == 1, it.id
        assert text.count(pdfcheck.normalise(it.title.display)) == sum(x.title == it.title for x in many), it.id
    assert len({round(max(ch["size"] for ch in chars), 1) for chars in pages}) == 1
    for chars in pages:
        assert min(ch["size"] for ch in _schedule_chars(chars, day)) >= MIN_PT - 0.01


def test_each_item_once_across_continuation_pages(analysed):
    _, rows = analysed["symposium"]
    for room, day, _, _, texts in rows:
        text = _text(texts)
        for it in day.items:
            if it.room is not None and it.room.id == room.id and it.is_talk:
                assert pdfcheck.shown_title(it.title.display, text) == 1, it.id


def test_fitting_prefers_one_column_then_two_then_a_smaller_header_then_pages():
    from eventprint import fonts
    fonts.register()  # the plan measures text: run alone, nothing else has registered the fonts
    rows = [signs.Row("09:00\u201309:30", tuple(((w, theme.FONT_BOLD, theme.INK),) for w in "A short title".split()))
            for _ in range(4)]
    headers = ((700, 400), (700, 560))
    several = (700, 380, 440)
    p = signs.plan(rows, headers, several, 1.0, "test")
    assert (len(p.pages), p.columns, p.size, p.header) == (1, 1, signs.ROW_MAX, 0)
    many = rows * 5
    p = signs.plan(many, headers, several, 1.0, "test")
    assert len(p.pages) == 1 and p.columns == 2 and p.size >= signs.ROW_MIN and p.header == 0
    more = rows * 8  # two columns at the floor under the full header do not hold it; the smaller one does
    p = signs.plan(more, headers, several, 1.0, "test")
    assert (len(p.pages), p.header) == (1, 1) and p.size >= signs.ROW_MIN
    lots = rows * 12
    p = signs.plan(lots, headers, several, 1.0, "test")
    assert len(p.pages) > 1 and p.header is None and p.size >= signs.ROW_MIN
    assert sum(len(col) for page in p.pages for col in page) == len(lots)


@pytest.mark.parametrize("name", EVENTS)
def test_one_sheet_per_door_and_day(analysed, name):
    """Every door of the test events holds its day on one A4 sheet: the three-day event's busiest
    rooms (8 rows), the symposium's (17 rows of long titles: tight rows, the day beside the name,
    the longest titles cut short) and the edge event's 17-row room."""
    _, rows = analysed[name]
    assert len(rows) == {"three_day": 12, "symposium": 3, "edge": 2}[name]
    for room, day, _, pages, _ in rows:
        assert len(pages) == 1, (room.id, day.date, len(pages))


@pytest.mark.parametrize("event", ["symposium", "edge"])
def test_a3_holds_each_day_on_one_sheet_at_the_same_floor(event, request):
    """A3 uses its area for more rows: every symposium sign (and the edge event's 17-row room)
    fits one A3 sheet, at no less than the same 20 pt as on A4."""
    ev = request.getfixturevalue(event)
    arts = request.getfixturevalue("artifacts")(event, "signs", size="A3")
    for room, day in ev.room_days():
        pages = pdfcheck.page_chars(arts[signs.sign_path(room.id, day.date)])
        assert len(pages) == 1, (room.id, len(pages))
        assert min(c["size"] for c in _schedule_chars(pages[0], day)) >= MIN_PT - 0.01


# -- options and interface ----------------------------------------------------------------


@pytest.mark.parametrize("size, expected", [(None, landscape(A4)), ("A4", landscape(A4)),
                                            ("A4-portrait", portrait(A4)), ("A3", landscape(A3))])
def test_page_sizes(symposium, artifacts, size, expected):
    arts = artifacts("symposium", "signs", size=size)
    for path, pdf in arts.items():
        for w, h in pdfcheck.page_sizes(pdf):
            assert (round(w, 1), round(h, 1)) == (round(expected[0], 1), round(expected[1], 1)), path
    if size in ("A3", "A4-portrait"):  # still readable and safe at the other sizes
        w, h = expected
        for room, day in symposium.room_days():
            pdf = arts[signs.sign_path(room.id, day.date)]
            for chars in pdfcheck.page_chars(pdf):
                assert min(c["size"] for c in _schedule_chars(chars, day)) >= MIN_PT - 0.01
                assert not pdfcheck.chars_outside(chars, (theme.SAFE, theme.SAFE, w - theme.SAFE, h - theme.SAFE))
                assert not pdfcheck.overlapping_lines(chars)


def test_bad_size_is_an_option_error(symposium):
    with pytest.raises(OptionError) as e:
        _build(symposium, "A5")
    for allowed in ("A4", "A4-portrait", "A3"):
        assert allowed in str(e.value)


def test_draw_signs_draws_only_the_selected_signs(symposium, built):
    _, arts = built["symposium"]
    key = signs.sign_keys(symposium)[2]
    buf = io.BytesIO()
    c = common.new_canvas(buf, landscape(A4), symposium, "reprint", "test")
    signs.draw_signs(c, symposium, BuildOptions(), only={key})
    c.save()
    single = arts[signs.sign_path(*key)]
    assert [pdfcheck.normalise(t) for t in pdfcheck.flow_texts(buf.getvalue())] == \
        [pdfcheck.normalise(t) for t in pdfcheck.flow_texts(single)]
    buf = io.BytesIO()
    c = common.new_canvas(buf, portrait(A4), symposium, "reprint", "test")
    signs.draw_signs(c, symposium, BuildOptions(size="A3"), only={key})
    c.save()
    assert {tuple(round(v) for v in s) for s in pdfcheck.page_sizes(buf.getvalue())} == \
        {tuple(round(v) for v in landscape(A3))}
