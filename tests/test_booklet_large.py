"""The booklet's size by event size: full abstracts for a symposium, the first paragraph or
programme and index only for large events, and the issue's 900-talk event under 200 A5 pages.

Apart from test_booklet.py, which parses the test events' booklets: these lay out booklets of
their own, and two files let the two test workers share the time."""
from __future__ import annotations

import pypdfium2

import pdfcheck as pc
from test_booklet import body, first_sentence, squash
from eventprint import urls


def test_abstracts_by_event_size(symposium, huge):
    """Full abstracts for a symposium; the issue's 900-talk event gets programme and index only."""
    from eventprint.layouts.booklet import document as booklet
    assert booklet.abstracts_for(symposium) == "full"
    assert booklet.abstracts_for(huge) == "none"
    assert booklet.abstracts_for(huge, "first-paragraph") == "first-paragraph"


# About 4 s of CPU: it lays out the 160-page booklet, the one real measure of "carryable";
# in a file of its own so that the two test workers share the suite's time evenly.
def test_900_talks_in_35_rooms_make_a_booklet_under_200_pages(huge):
    """The issue's 900-talk event with its default booklet (programme and index only): under 200 A5
    pages; its glance is grids of a few rooms a page, and every talk is a compact entry with the
    address of its page online, grouped by room in the poster's order."""
    from eventprint.layouts.booklet import document as booklet
    from eventprint.layouts.kit import grid
    from eventprint.layouts.booklet.sections import short_url
    big = huge
    single, _, anchors = booklet.layout(big, imposed=False)
    doc = pypdfium2.PdfDocument(single)  # its plain text: pdfplumber's layout would cost seconds here
    texts = [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    assert len(texts) < 200
    from eventprint.layouts.booklet import master  # too thick to staple: glued, printed from single pages
    assert len(texts) > huge.saddle_stitch_max and master.binding(huge, len(texts))[0] == "perfect"
    assert sum("Programme at a glance \u00b7" in t and " of 36" in t for t in texts) >= 2 * 12  # 12 room groups a day
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
