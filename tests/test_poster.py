"""The lobby poster: every talk of every day, the event's facts, a QR code, print-safe; days with
parallel rooms as a time x room grid; as many sheets as it takes, never a failed build."""
from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import replace

import pdfplumber
import pypdfium2
import pytest
from reportlab.lib.pagesizes import A0, A1, A2, A3, portrait

import pdfcheck
from eventprint import i18n, urls
from eventprint.build import load, render
from eventprint.options import BuildOptions, OptionError
from eventprint.layouts.kit import common, grid, grid_text
from eventprint.layouts.poster import document as poster
from eventprint.layouts.poster import flow as poster_flow
from eventprint.layouts.kit import theme, tracks

EVENTS = ("symposium", "three_day", "edge")


def _build(event, size=None) -> bytes:
    arts = render(event, "poster", BuildOptions(size=size))
    assert [a.path for a in arts] == ["poster.pdf"]
    return arts[0].data


UNCURL = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")


@pytest.fixture(scope="module")
def built(symposium, three_day, edge, artifacts):
    """The test events' posters, rendered once per run and shared with other modules (conftest)."""
    out = {}
    for name, ev in (("symposium", symposium), ("three_day", three_day), ("edge", edge)):
        files = artifacts(name, "poster")
        assert list(files) == ["poster.pdf"]
        pdf = files["poster.pdf"]
        text = pdfcheck.normalise(pdfcheck.flow_texts(pdf)[0]).translate(UNCURL)  # typographic quotes, as written
        out[name] = (ev, pdf, pdfcheck.page_chars(pdf)[0], text)
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
    assert i18n.date_range(event, event.first_date, event.last_date) in text
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
    big = "".join(c["text"] for c in chars if c["size"] >= biggest - 0.01).translate(pdfcheck.UNCURL)
    assert big.replace(" ", "") == event.name.replace(" ", "")


@pytest.mark.parametrize("name", EVENTS)
def test_print_safety(built, name):
    _, pdf, chars, _ = built[name]
    w, h = portrait(A2)
    s = theme.SAFE
    assert not pdfcheck.chars_outside(chars, (s, s, w - s, h - s))
    assert not pdfcheck.overlapping_lines(chars), pdfcheck.overlapping_lines(chars)[:3]
    assert not pdfcheck.unembedded_fonts(pdf)
    assert not pdfcheck.missing_glyph_chars(pdf)


@pytest.mark.parametrize("name", ("symposium", "three_day"))
def test_qr_decodes_to_the_programme(built, name):
    event, pdf, _, _ = built[name]
    w, h = pdfcheck.page_sizes(pdf)[0]
    assert pdfcheck.page_qr_codes(pdf, 0, (w / 2, 0, w, h / 4)) == [urls.programme_url(event)]


@pytest.mark.parametrize("size, expected", [(None, A2), ("A2", A2), ("A1", A1), ("A3", A3), ("A0", A0)])
@pytest.mark.parametrize("name", ("symposium", "three_day"))
def test_page_sizes_look_the_same(built, name, size, expected):
    event, _, ref, _ = built[name]
    pdf = _build(event, size)
    assert [tuple(round(v, 1) for v in s) for s in pdfcheck.page_sizes(pdf)] == \
        [tuple(round(v, 1) for v in portrait(expected))]
    chars = pdfcheck.page_chars(pdf)[0]
    ratio = portrait(expected)[0] / portrait(A2)[0]
    assert max(c["size"] for c in chars) == pytest.approx(max(c["size"] for c in ref) * ratio, rel=0.02)
    w, h = portrait(expected)
    assert not pdfcheck.chars_outside(chars, (theme.SAFE, theme.SAFE, w - theme.SAFE, h - theme.SAFE))
    assert not pdfcheck.overlapping_lines(chars)


def _title_sizes(event, chars) -> list[float]:
    titles = "\n".join(it.title.display.replace(" ", "") for it in event.items if it.is_talk)  # a line has no \n
    return [ln.size for ln in pdfcheck.text_lines(chars) if ln.text and ln.text in titles]


def test_programme_text_is_poster_sized(built):
    """Lists never below TEXT_MIN; grids (a few words a box, read up close) never below GRID_MIN."""
    for name in EVENTS:
        event, _, chars, _ = built[name]
        floor = poster.GRID_MIN if any(grid.is_parallel(d) for d in event.days) else poster.TEXT_MIN
        sizes = _title_sizes(event, chars)
        assert sizes and min(sizes) >= floor - 0.01, name


def test_bad_size_is_an_option_error(symposium):
    with pytest.raises(OptionError) as e:
        _build(symposium, "A4")
    for allowed in ("A3", "A2", "A1", "A0"):
        assert allowed in str(e.value)


def test_deterministic(three_day, built):
    """The same model gives the same bytes (speed is measured by `make bench`, not here)."""
    assert _build(three_day) == built["three_day"][1]


def test_days_without_parallel_items_stay_lists(built):
    """The symposium has several rooms but one thing at a time: no grid."""
    event = built["symposium"][0]
    assert not any(grid.is_parallel(d) for d in event.days)
    assert grid.is_parallel(built["three_day"][0].days[0])


# --------------------------------------------------------------------------
# the grid: each item in its room's column, within the rows of its times
# --------------------------------------------------------------------------




TIME = re.compile(r"^\d\d:\d\d$")


def assert_grid_positions(event, chars, page_width: float) -> int:
    """For every day drawn as a grid on this page: each item's first line lies in its room's column
    (under that room's name) and between the axis labels of its start and of its end. Returns the
    number of items checked."""
    rs = pdfcheck.runs(chars)
    heads = {d.label: r for d in event.days for r in rs if r.text == d.label.replace(" ", "")}
    checked = 0
    for day in event.days:
        if day.label not in heads or not grid.is_parallel(day):
            continue
        head = heads[day.label]
        right = min([h.x0 for h in heads.values() if h.x0 > head.x0 + 1] + [page_width])
        below = min([h.top for h in heads.values() if h.top > head.top + 1 and abs(h.x0 - head.x0) < 1]
                    + [1e9])
        mine = [r for r in rs if head.x0 - 1 <= r.x0 < right and head.top < r.top < below]
        span = grid.spanning(day.items)
        every = grid.columns(day, grid.room_order(event))
        # the column headers: the one line holding several room names (a sheet may show some rooms)
        found = [r for r in mine if r.text in {room.name.replace(" ", "") for room in every}]
        row = Counter(round(r.top) for r in found).most_common(1)[0][0]
        at_row = {r.text: r for r in found if abs(r.top - row) < 1}
        cols = [room for room in every if room.name.replace(" ", "") in at_row]
        names = [at_row[room.name.replace(" ", "")] for room in cols]
        assert [n.x0 for n in names] == sorted(n.x0 for n in names), "columns in room order"
        assert [every.index(r) for r in cols] == list(range(every.index(cols[0]), every.index(cols[0]) + len(cols)))
        axis = {r.text: r for r in mine if TIME.match(r.text) and r.x1 < names[0].x0}
        assert axis, day.label
        marks = sorted((int(k[:2]) * 60 + int(k[3:]), r.top) for k, r in axis.items())
        for it in day.items:
            if it.id not in span and it.room not in cols:
                continue  # on another sheet
            text = it.title.display.replace(" ", "")
            if it.is_talk and it.kind.name == "KEYNOTE":
                text = grid_text.KEYNOTE_LABEL + text
            first = [r for r in mine if r.top > names[0].bottom and len(r.text) >= 4 and text.startswith(r.text)]
            start = it.start.hour * 60 + it.start.minute
            end = it.end.hour * 60 + it.end.minute
            y0 = dict(marks)[start]
            y1 = min(top for m, top in marks if m >= end)
            if it.id in span:
                home = (names[0].x0 - 2, right)
            else:
                k = cols.index(it.room)
                home = (names[k].x0 - 2, names[k + 1].x0 - 2 if k + 1 < len(names) else right)
            ok = [r for r in first if home[0] <= r.x0 and r.x1 <= home[1] + 1
                  and y0 - 2 <= r.top and r.bottom <= y1 + 2]
            assert ok, (day.label, it.id, it.time_range, it.room and it.room.name, it.title.display,
                        [(r.text, r.x0, r.top) for r in first], home, (y0, y1))
            checked += 1
    return checked


def test_three_day_items_sit_in_their_room_column_and_time_rows(built):
    event, pdf, chars, _ = built["three_day"]
    assert len(pdfcheck.page_sizes(pdf)) == 1
    assert assert_grid_positions(event, chars, portrait(A2)[0]) == len(event.items)


def test_room_columns_keep_one_order_on_every_day(built):
    event, _, chars, _ = built["three_day"]
    order = grid.room_order(event)
    assert [r.name for r in order] == ["Foyer", "Hall A", "Hall B", "Hall C"]
    for day in event.days:
        assert [r.name for r in grid.columns(day, order)] == ["Foyer", "Hall A", "Hall B", "Hall C"]


def test_what_spans_every_column(three_day, camp):
    """Breaks, meals and room-less items that overlap nothing span the grid; a talk never does, even
    alone at its time (readers must see its room); anything overlapping others keeps its column."""
    day = three_day.days[0]
    span = grid.spanning(day.items)
    by_title = {it.title.display: it for it in day.items}
    assert by_title["Registration"].id in span and by_title["Lunch"].id in span
    assert by_title["Coffee Break"].id not in span  # in the foyer while the halls have talks
    event = camp[0]
    alone = [it for d in event.days for it in d.items if it.is_talk
             and not any(o is not it and o.start < it.end and it.start < o.end for o in d.items)]
    assert alone, "the generated camp has a talk with nothing in parallel"
    for it in alone:
        assert it.id not in grid.spanning(event.day_of(it).items)


def test_parallel_slots_show_their_time_once_per_day(built):
    event, _, chars, _ = built["three_day"]
    rs = pdfcheck.runs(chars)
    for t in ("09:00", "09:30", "10:00"):
        assert sum(r.text == t for r in rs) == len(event.days)


# --------------------------------------------------------------------------
# generated events: the camp (one sheet), a large and a 900-talk event (sheets)
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def camp(tmp_path_factory):
    """The Chaos Communication Camp 2019's shape: 5 days, 2 parallel rooms, 79 talks."""
    import synth
    event = load(synth.write_event(tmp_path_factory.mktemp("camp"), days=5, rooms=2, talks=79, people=90,
                                   seed=2019))
    pdf = _build(event)
    return event, pdf, pdfcheck.page_chars(pdf)


def test_the_camp_fits_one_a2_sheet_as_grids(camp):
    event, pdf, pages = camp
    assert len(pages) == 1
    assert pdfcheck.page_sizes(pdf) == [pytest.approx(portrait(A2), abs=0.1)]
    assert assert_grid_positions(event, pages[0], portrait(A2)[0]) == len(event.items)
    text = texts_of(pdf)[0]
    for it in event.items:
        assert pdfcheck.normalise(it.title.display) in text, it.id
    assert_header_facts(event, text)
    w, h = portrait(A2)
    assert not pdfcheck.chars_outside(pages[0], (theme.SAFE, theme.SAFE, w - theme.SAFE, h - theme.SAFE))
    assert not pdfcheck.overlapping_lines(pages[0]), pdfcheck.overlapping_lines(pages[0])[:3]
    assert min(_title_sizes(event, pages[0])) >= poster.GRID_MIN - 0.01


@pytest.fixture(scope="module")
def huge_poster(huge):
    """The issue's large event (conftest: 2 days, 35 parallel rooms, 900 talks, 8 tracks)."""
    pdf = _build(huge)
    return huge, pdf, texts_of(pdf)


def texts_of(pdf: bytes) -> list[str]:
    """Each page's text, normalised: pdfium's extraction, 50 times faster than pdfplumber's on sheets
    of thousands of strings."""
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [pdfcheck.normalise(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


def chars_of(pdf: bytes, index: int) -> list[dict]:
    """One page's chars, read with PDFium (the same boxes as pdfplumber's, several times faster)."""
    return pdfcheck.chars_on_page(pdf, index)


def test_900_talks_at_track_level_on_one_sheet_a_day(huge_poster):
    """35 rooms of talks do not fit a sheet a day at a readable size: each day is one sheet at track
    level, every room a row naming each of its tracks with its talks' count and time span; the
    counts add up to the day's talks; the QR code opens the full programme."""
    event, pdf, texts = huge_poster
    n = len(texts)
    assert n == len(event.days)
    w, h = portrait(A2)
    for i, (day, text) in enumerate(zip(event.days, texts)):
        assert f"Page {i + 1} of {n}" in text and day.label in text
        assert_header_facts(event, text)
        assert all(room.name in text for room in day.rooms)
        assert all(track in text for track in {it.track for it in day.items if it.track})
        counted = sum(int(k) for k in re.findall(r"(\d+) talks?\b", text))
        assert counted == sum(it.is_talk for it in day.items), day.label
        assert pdfcheck.page_qr_codes(pdf, i, (w * 3 / 4, 0, w, h / 6)) == [urls.programme_url(event)]


def _sizes_by_pdfplumber(pdf: bytes) -> list[list[float]]:
    import pdfplumber
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [[c["size"] for c in page.chars if c["text"].strip()] for page in doc.pages]


def test_900_talks_poster_is_set_for_the_lobby(huge_poster):
    """Read from 1-3 m: the median type on each sheet is 14 pt at least (pdfplumber's sizes)."""
    _, pdf, _ = huge_poster
    for sizes in _sizes_by_pdfplumber(pdf):
        assert statistics.median(sizes) >= 14.0, statistics.median(sizes)


def test_900_talks_rooms_in_the_one_order_of_every_output(huge_poster):
    """The rows are the rooms in grid.room_order (the booklet's and the site's order), top to bottom."""
    event, pdf, _ = huge_poster
    order = grid.room_order(event)
    for i, day in enumerate(event.days):
        lines = pdfcheck.text_lines(chars_of(pdf, i))
        tops = []
        for room in grid.columns(day, order):
            name = room.name.replace(" ", "")
            tops.append(min(ln.top for ln in lines if ln.text == name or ln.text.startswith(name + "\u200b")
                            or (ln.text.startswith(name) and not ln.text[len(name)].isalnum())))
        assert tops == sorted(tops), day.label


def test_900_talks_print_safety(huge_poster):
    event, pdf, texts = huge_poster
    w, h = portrait(A2)
    for i in range(len(texts)):
        chars = chars_of(pdf, i)
        assert not pdfcheck.chars_outside(chars, (theme.SAFE, theme.SAFE, w - theme.SAFE, h - theme.SAFE))
        assert not pdfcheck.overlapping_lines(chars), pdfcheck.overlapping_lines(chars)[:3]
        assert not [c["text"] for c in chars if c["text"] in ("\x00", "\ufffd")]


def test_a_day_too_large_for_its_talks_goes_to_track_level(tmp_path):
    """A day of ~150 items in 9 rooms stopped the whole build once, then took sheets of room groups;
    now each day is one sheet, and where talks carry no track, their runs are counted by room."""
    import synth
    event = load(synth.write_event(tmp_path / "big", days=2, rooms=9, talks=300, people=600))
    pdf = _build(event)
    texts = texts_of(pdf)
    assert len(texts) == len(event.days)
    for day, text in zip(event.days, texts):
        assert all(room.name in text for room in day.rooms)
        assert sum(int(k) for k in re.findall(r"(\d+) talks?\b", text)) + sum(
            pdfcheck.normalise(it.title.display) in text for it in day.items if it.is_talk) \
            >= sum(it.is_talk for it in day.items)


def test_a_long_single_room_day_is_one_sheet_too(tmp_path):
    """No parallel rooms but far too much for a sheet: the day at track level on one sheet, every
    talk counted in its run (a keynote by its title)."""
    import synth
    event = load(synth.write_event(tmp_path / "long", days=1, rooms=1, talks=18, people=40, seed=3))
    day = event.days[0]
    many = tuple(replace(it, title=type(it.title)((it.title.text or "") + " " + " ".join(["interaction"] * 250)))
                 if it.is_talk else it for it in day.items)
    many = tuple(it for it in many if it.room is None or it.room.id != "foyer")  # one room only
    event = replace(event, days=(replace(day, items=many),))
    assert not grid.is_parallel(event.days[0])
    pdf = _build(event)
    texts = texts_of(pdf)
    assert len(texts) == 1
    keynotes = sum(it.kind.name == "KEYNOTE" for it in many)
    assert sum(int(k) for k in re.findall(r"(\d+) talks?\b", texts[0])) + keynotes == sum(it.is_talk for it in many)
    assert texts[0].count("KEYNOTE") == keynotes


# --------------------------------------------------------------------------
# boxes that cannot hold their text: shrink, then an ellipsis, never overflow
# --------------------------------------------------------------------------


def test_a_squeezed_grid_truncates_inside_its_boxes(three_day):
    from eventprint.fonts import register
    register()
    day = three_day.days[0]
    g = grid.plan(day, grid.room_order(three_day), 700, 14)
    squeezed = grid.fit(g, g.height * 0.45)
    assert squeezed.height <= g.height * 0.45 + 0.5
    buf = io.BytesIO()
    c = common.new_canvas(buf, (800, 1000), three_day, "grid", "test")
    bottom = grid.draw(c, squeezed, 50, 950, 1.0)
    c.showPage()
    c.save()
    chars = pdfcheck.page_chars(buf.getvalue())[0]
    assert 950 - bottom == pytest.approx(squeezed.height, abs=0.5)
    assert grid_text.ELLIPSIS in "".join(ch["text"] for ch in chars)
    assert not pdfcheck.overlapping_lines(chars), pdfcheck.overlapping_lines(chars)[:3]
    with pdfplumber.open(io.BytesIO(buf.getvalue())) as doc:
        boxes = [r for r in doc.pages[0].rects if r["width"] > 20 and r["height"] > 5]
    # every char of a box's text lies inside one of the drawn boxes (or is a label outside them)
    inside = 0
    for ch in chars:
        if not ch["text"].strip():
            continue
        home = [b for b in boxes if b["x0"] - 0.5 <= ch["x0"] < b["x1"] and b["top"] - 0.5 <= ch["top"] + 0.2 * ch["size"]
                and ch["top"] < b["bottom"]]
        if home:
            inside += 1
            b = home[0]
            assert ch["x1"] <= b["x1"] + 0.5, ch["text"]
            assert ch["bottom"] - 0.2 * ch["size"] <= b["bottom"] + 0.5, (ch["text"], ch["bottom"], b["bottom"])
    assert inside > 200


# --------------------------------------------------------------------------
# tracks: a colour each, and a legend on the pages that use them
# --------------------------------------------------------------------------


def _with_tracks(event, names: tuple[str, ...]):
    days = []
    k = 0
    for d in event.days:
        items = []
        for it in d.items:
            track = None
            if it.is_talk:
                track, k = names[k % len(names)], k + 1
            items.append(replace(it, track=track))
        days.append(replace(d, items=tuple(items)))
    return replace(event, days=tuple(days))


def test_tracks_get_distinct_colours_and_a_legend(three_day, built):
    names = ("Robotics", "Vision", "Language & <Speech>")
    event = _with_tracks(three_day, names)
    assert list(tracks.track_colours(event)) == list(names)
    pdf = _build(event)
    text = texts_of(pdf)[0]
    assert "Tracks" in text
    for n in names:
        assert n in text
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        fills = Counter(tuple(round(v, 3) for v in r["non_stroking_color"]) for r in doc.pages[0].rects
                        if r.get("non_stroking_color") and len(r["non_stroking_color"]) == 4)  # CMYK
    for n in names:
        colour = tracks.track_colours(event)[n]
        talks = sum(getattr(it, "track", None) == n for it in event.items)
        # each talk's box in its track's tint with an edge bar in the full colour, and one legend swatch
        assert fills[tuple(round(v, 3) for v in tracks.tint(colour).cmyk())] == talks + 1, n
        assert fills[tuple(round(v, 3) for v in colour.cmyk())] == talks + 1, n
    assert "Tracks" not in built["three_day"][3]
    # lists are not coloured by track, so a poster of lists only has no legend
    listed = _build(_with_tracks(built["symposium"][0], names))
    assert "Tracks" not in texts_of(listed)[0]


def test_track_palette_stays_apart_in_greyscale():
    """Neighbouring track colours differ in lightness, so a greyscale print keeps them apart."""
    lum = [0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue for c in theme.TRACK_COLOURS]
    for a, b in zip(lum, lum[1:]):
        assert abs(a - b) > 0.1
    for i, a in enumerate(lum[:4]):
        for b in lum[i + 1:4]:
            assert abs(a - b) > 0.1


def test_every_sheet_with_tracks_has_the_legend(tmp_path):
    import synth
    names = ("Robotics", "Vision", "Theory")
    event = _with_tracks(load(synth.write_event(tmp_path / "large", days=2, rooms=8, talks=260, people=300,
                                                seed=8)), names)
    pdf = _build(event)
    texts = texts_of(pdf)
    assert len(texts) >= 2
    for text in texts:
        assert "Tracks" in text and all(n in text for n in names)


def test_a_day_that_would_leave_its_sheet_mostly_empty_is_set_larger(tmp_path):
    """Three four-hour workshops on a day of their own (as at GOOD 2025): its sheet's type is larger
    than the busy day's and its grid reaches down most of the sheet."""
    import synth
    from eventprint.model import Kind
    event = load(synth.write_event(tmp_path / "sparse", days=2, rooms=8, talks=240, people=300, seed=7))
    quiet, busy = event.days
    talks = [it for it in quiet.items if it.is_talk]
    rooms = list(dict.fromkeys(it.room for it in talks))[:3]
    from datetime import time as clock
    jams = tuple(replace(talks[k], id=f"jam{k}", kind=Kind.WORKSHOP, rooms=(rooms[k],), start=clock(9), end=clock(13))
                 for k in range(3))
    event = replace(event, days=(replace(quiet, items=jams), busy))
    pdf = _build(event)
    pages = pdfcheck.page_chars(pdf)
    assert len(pages) == 2
    w, h = portrait(A2)

    def title_size(chars, title):
        return max(c["size"] for c in chars if c["text"] == title.split()[0][0])

    assert min(title_size(pages[0], it.title.display) for it in jams) >= 1.5 * statistics.median(
        c["size"] for c in pages[1] if c["text"].strip())
    end = [ln for ln in pdfcheck.text_lines(pages[0]) if ln.text == "13:00"]  # the time axis's last mark
    assert end and end[0].top > 0.6 * h, end
