"""The booklet's size by event size: full abstracts for a symposium, the first paragraph or
programme and index only for large events, and the issue's 900-talk event under 200 A5 pages.

Apart from test_booklet.py, which parses the test events' booklets: these lay out booklets of
their own, and two files let the two test workers share the time."""
from __future__ import annotations

import io
import re

import pypdfium2
import pytest

import pdfcheck as pc
from test_booklet import body, first_sentence, squash
from eventprint import urls


def test_abstracts_by_event_size(symposium, huge):
    """Full abstracts for a symposium; the issue's 900-talk event gets programme and index only."""
    from eventprint.layouts.booklet import document as booklet
    assert booklet.abstracts_for(symposium) == "full"
    assert booklet.abstracts_for(huge) == "none"
    assert booklet.abstracts_for(huge, "first-paragraph") == "first-paragraph"


# About 4 s of CPU: it lays out the 170-page booklet, the one real measure of "carryable";
# in a file of its own so that the two test workers share the suite's time evenly.
@pytest.fixture(scope="module")
def huge_booklet(huge):
    """The 900-talk event's reading copy, the page of each anchor, and each page's plain text."""
    from eventprint.layouts.booklet import document as booklet
    single, _, anchors = booklet.layout(huge, imposed=False)
    doc = pypdfium2.PdfDocument(single)  # its plain text: pdfplumber's layout would cost seconds here
    texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    return single, anchors, texts


GLANCE_ROOMS = re.compile(r"Programme at a glance \u00b7.*?rooms (\d+)\u2013(\d+) of (\d+)", re.S)


def test_900_talks_in_35_rooms_make_a_booklet_under_200_pages(huge, huge_booklet):
    """The issue's 900-talk event with its default booklet (programme and index only): under 200 A5
    pages; its glance is grids of four or five rooms a page (on turned pages), and every talk is a
    compact entry with the address of its page online, grouped by room in the poster's order."""
    from eventprint.layouts.kit import grid
    from eventprint.layouts.booklet.sections import short_url
    big = huge
    single, anchors, texts = huge_booklet
    assert len(texts) < 200
    from eventprint.layouts.booklet import master  # too thick to staple: glued, printed from single pages
    assert len(texts) > huge.saddle_stitch_max and master.binding(huge, len(texts))[0] == "perfect"
    groups = [GLANCE_ROOMS.search(t) for t in texts]
    glance = [(int(m[1]), int(m[2])) for m in groups if m and m[3] == "36"]
    assert len(glance) >= 2 * 8 and all(b - a + 1 >= 4 for a, b in glance), glance  # 3 a page before
    whole = squash("".join(texts))
    assert [t.id for t in big.talks if squash(short_url(urls.talk_url(big, t))) not in whole] == []
    # each talk's entry: after the glance, grouped by room (rooms in the poster's order), then by time
    order = {r.id: i for i, r in enumerate(grid.room_order(big))}
    by_entry = sorted(big.talks, key=lambda t: (anchors[f"talk-{t.id}"], t.date, order[t.room.id], t.start))
    assert by_entry == sorted(big.talks, key=lambda t: (t.date, order[t.room.id], t.start))
    assert min(anchors[f"talk-{t.id}"] for t in big.talks) > max(anchors[f"glance-{t.id}"] for t in big.talks)
    assert squash(big.talks[0].title.display) in squash(texts[anchors[f"talk-{big.talks[0].id}"] - 1])


def test_first_paragraph_only(symposium):
    from eventprint.layouts.booklet import document as booklet
    talk = next(t for t in symposium.talks if t.abstract and "\n\n" in t.abstract)
    bio = next(p.bio for t in symposium.talks for p in t.speakers if p.bio)
    whole = squash("".join(body(t) for t in pc.page_texts(booklet.layout(symposium, "first-paragraph")[0])))
    assert squash(first_sentence(talk.abstract)) in whole
    assert squash(first_sentence(talk.abstract.split("\n\n")[1])) not in whole
    assert squash(bio[:60]) not in whole


def test_900_talks_glance_has_no_page_of_empty_time_and_type_of_7_pt(huge_booklet):
    """Every glance page shows some items (the pieces of a day begin at an item and end at one), and
    nothing on it is smaller than 7 pt."""
    single, anchors, texts = huge_booklet
    pages = [i for i, t in enumerate(texts) if GLANCE_ROOMS.search(t)]
    with_items = {anchors[k] - 1 for k in anchors if k.startswith("glance-") and not k.startswith("glance-20")}
    assert pages and set(pages) <= with_items, sorted(set(pages) - with_items)
    for i in pages[:3] + pages[-2:]:
        assert min(c["size"] for c in pc.chars_on_page(single, i) if c["text"].strip()) >= 7 - 0.01, i


def _lightness(cmyk) -> float:
    c, m, y, k = cmyk
    r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_neighbouring_tracks_stand_apart_in_colour_and_in_greyscale(huge, huge_booklet):
    """Tracks that meet in a grid get fills apart by 0.08 in lightness at least (a greyscale print)
    and apart in colour; on a glance page, every two boxes side by side in different tracks differ
    in lightness as printed (their CMYK fills, read with pdfplumber)."""
    import pdfplumber
    from eventprint.layouts.kit import tracks
    colours = tracks.track_colours(huge)
    for a, near in tracks.neighbours(huge).items():
        for b in near:
            assert abs(tracks.lightness(colours[a]) - tracks.lightness(colours[b])) >= 0.08, (a, b)
            assert colours[a].cmyk() != colours[b].cmyk(), (a, b)
    single, _, texts = huge_booklet
    page = next(i for i, t in enumerate(texts) if GLANCE_ROOMS.search(t))
    with pdfplumber.open(io.BytesIO(single)) as doc:
        rects = [r for r in doc.pages[page].rects if r.get("non_stroking_color") and len(r["non_stroking_color"]) == 4
                 and r["width"] > 30 and r["height"] > 30]  # the boxes, not their edge bars
    fills = {tuple(round(v, 3) for v in tracks.tint(c).cmyk()) for c in colours.values()}
    boxes = [r for r in rects if tuple(round(v, 3) for v in r["non_stroking_color"]) in fills]
    pairs = 0
    for a in boxes:
        for b in boxes:
            beside = abs(a["bottom"] - b["top"]) < 3 and min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 20
            if beside and a["non_stroking_color"] != b["non_stroking_color"]:  # a turned page: rooms stack
                assert abs(_lightness(a["non_stroking_color"]) - _lightness(b["non_stroking_color"])) >= 0.08
                pairs += 1
    assert pairs >= 3
