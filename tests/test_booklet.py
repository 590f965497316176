"""The programme booklet, checked on the real PDFs: text, geometry, order, outline, links, QR codes."""
from __future__ import annotations

import io
import re

import pypdf
import pytest
from reportlab.platypus import Paragraph

import pdfcheck as pc
from pdfplumber.utils.text import chars_to_textmap
from eventprint import urls
from eventprint.build import render
from eventprint.fonts import register
from eventprint.options import BuildOptions, OptionError

MM = pc.MM
A5 = (148 * MM, 210 * MM)
A4L = (297 * MM, 210 * MM)
SAFE = 5 * MM
FOLIO_ZONE = 14 * MM  # folios sit in the bottom margin
X0 = (A4L[0] - 2 * A5[0]) / 2  # the pair of pages is centred on the A4 sheet


@pytest.fixture(scope="module")
def built(symposium, three_day, edge, artifacts):
    return {"symposium": (symposium, artifacts("symposium", "booklet")),
            "three_day": (three_day, artifacts("three_day", "booklet")),
            "edge": (edge, artifacts("edge", "booklet"))}


def _parse(data: bytes) -> tuple[list[list[dict]], list[str]]:
    """Chars and text of every page (pdfcheck parses each PDF once per process)."""
    return pc.page_chars(data), pc.page_texts(data)


@pytest.fixture(scope="module")
def parsed(built):
    """Chars and text of the reading copy; text objects of the imposed copy and the reading copy
    (each half of an imposed sheet is shown to be its page, moved, so what is checked of the
    reading copy's chars holds for the imposed copy too, without reading its chars again)."""
    return {name: (_parse(files["booklet.pdf"]), (pc.text_objects(files["booklet.pdf"]),
                                                  pc.text_objects(files["booklet-imposed.pdf"])))
            for name, (_, files) in built.items()}


@pytest.fixture(scope="module")
def texts(parsed):
    return {name: single[1] for name, (single, _) in parsed.items()}


@pytest.fixture(scope="module")
def chars(parsed):
    return {name: single[0] for name, (single, _) in parsed.items()}


@pytest.fixture(scope="module")
def objects(parsed):
    """{event: (the reading copy's text objects, the imposed copy's)} per page and sheet side."""
    return {name: objs for name, (_, objs) in parsed.items()}


def moved_pages(single: list[list[tuple]], imposed: list[list[tuple]]) -> list[str]:
    """Where the imposed sheets are not the reading copy's pages side by side: each half of a side
    must hold exactly the text objects of its page, every one moved by the half's offset (0.01 pt),
    and the sheet's forms (page numbers) exactly those of its two pages."""
    n = len(single)
    wrong = []
    for side, pages in enumerate(imposition_order(n)):
        objs = imposed[side]
        for half, page in enumerate(pages):
            dx = X0 + half * A5[0]
            mine = sorted((o[1], o[2] - dx, o[3], o[4] - dx, o[5]) for o in objs
                          if o[0] == 0 and dx <= (o[2] + o[4]) / 2 < dx + A5[0])
            theirs = sorted(o[1:] for o in single[page - 1] if o[0] == 0)
            if len(mine) != len(theirs) or any(a[0] != b[0] or max(abs(x - y) for x, y in zip(a[1:], b[1:])) > 0.01
                                               for a, b in zip(mine, theirs)):
                wrong.append(f"sheet side {side + 1}, half {half}: not page {page} moved")
        if sorted(o for o in objs if o[0]) != sorted(o for p in pages for o in single[p - 1] if o[0]):
            wrong.append(f"sheet side {side + 1}: forms other than pages {pages}")
    return wrong


def imposition_order(n: int) -> list[tuple[int, int]]:
    """(left, right) pages of each sheet side, front and back, sheet by sheet (saddle stitch)."""
    out = []
    for k in range(n // 4):
        out += [(n - 2 * k, 2 * k + 1), (2 * k + 2, n - 2 * k - 1)]
    return out


EVENTS = ["symposium", "three_day", "edge"]


def squash(text: str) -> str:
    """Text with whitespace and hyphens removed: line breaks and hyphenation cannot hide a match;
    typographic quotes read as the typewriter quotes content is written with (layouts/typeset.py)."""
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return re.sub(r"[\s\-\u00ad\u2010]", "", text)


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]


def section(texts: list[str], name: str) -> list[int]:
    """Pages whose running header (the first line) names the section."""
    return [i for i, t in enumerate(texts) if name in (t.splitlines() or [""])[0]]


def body(text: str) -> str:
    """A page's text without its running header (first line) and folio (last line)."""
    return "\n".join(text.splitlines()[1:-1])


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


# -- content ------------------------------------------------------------------


@pytest.mark.parametrize("name", EVENTS)
def test_every_title_speaker_and_abstract_is_printed(built, texts, name):
    event, _ = built[name]
    whole = squash("\n".join(body(t) for t in texts[name]))  # talks run across page breaks
    missing = []
    for talk in event.talks:
        wanted = [talk.title.display] + [p.name for p in talk.speakers]
        if talk.abstract:
            wanted.append(first_sentence(talk.abstract))
        missing += [w for w in wanted if squash(w) not in whole]
    assert not missing


def test_placeholder_for_unconfirmed_titles(built, texts):
    event, _ = built["symposium"]
    assert any(not t.title.confirmed for t in event.talks)
    assert "Title to be confirmed" in pc.normalise("\n".join(texts["symposium"]))


def index_columns(data: bytes, pages: list[int]) -> list[str]:
    """The speaker index's text column by column (left, then right, page by page): pdfplumber's
    text layout of each half page (as Page.crop(...).extract_text), on PDFium's chars."""
    out = []
    chars, sizes = pc.page_chars(data), pc.page_sizes(data)
    for i in pages:
        width, height = sizes[i]
        for x0, x1 in ((0, width / 2), (width / 2, width)):
            column = [c for c in chars[i] if c["x0"] < x1 and c["x1"] > x0]  # as crop: touching the half
            out.append(chars_to_textmap(column, x_tolerance=1, layout_bbox=(x0, 0, x1, height),
                                        layout_width=x1 - x0, layout_height=height).as_string if column else "")
    return out


@pytest.mark.parametrize("name", ["symposium", "edge"])  # edge: "van der Berg", Greek, Cyrillic
def test_every_person_with_a_role_is_in_the_index_in_family_name_order(built, texts, name):
    event, files = built[name]
    index_pages = section(texts[name], "Speaker index")
    assert index_pages
    columns = index_columns(files["booklet.pdf"], index_pages)
    assert len(columns) >= 2 and all(squash(c) for c in columns[:2])  # two columns, both used
    body = "\n".join(columns)
    positions = []
    for p in sorted(event.people_with_roles, key=lambda p: p.sort_key):
        at = squash(body).find(squash(p.name)[:20])  # a long name may wrap around its role label
        assert at >= 0, p.name
        positions.append(at)
    assert positions == sorted(positions)
    if name == "edge":
        assert "Sanne van der Berg" in body  # the particle prints as written, lowercase


def test_edge_event_markup_text_is_literal(built, texts):
    whole = pc.normalise("\n".join(texts["edge"]))
    assert "R&D <future>" in whole
    assert "<script>" in whole
    event, _ = built["edge"]
    three = next(p for p in event.people if len(p.affiliations) >= 3)
    for aff in three.affiliations:
        assert squash(aff) in squash(whole)
    longest = max(event.talks, key=lambda t: len(t.title.display))
    assert squash(longest.title.display) in squash(whole)


def test_practical_information(built, texts):
    event, _ = built["symposium"]
    start = section(texts["symposium"], "Practical information")[0]
    # the practical information flows on until the programme at a glance starts
    whole = "\n".join(body(t) for t in texts["symposium"][start:start + 3])
    flat = squash(whole.split("Programme at a glance \u00b7")[0])
    for venue in event.venues:
        assert squash(venue.name) in flat
        for line in venue.address:
            assert squash(line) in flat
    reg = next(it for it in event.items if it.kind.value == "registration")
    tour = next(it for it in event.items if it.kind.value == "tour")
    for it in (reg, tour):
        assert squash(it.time_range) in flat
    assert squash(tour.note) in flat
    for day in event.days:
        for it in day.items:
            if it.kind.is_pause:
                assert squash(f"{it.time_range} {it.title.display}") in flat


def test_times_are_24_hour_with_en_dash(texts):
    whole = "\n".join(texts["symposium"])
    assert "13:00\u201313:30" in whole
    assert not re.search(r"\d{1,2}:\d\d\s*[ap]\.?m\b", whole, re.I)
    assert not re.search(r"\d\d:\d\d-\d\d:\d\d", whole)  # never a hyphen between times


def test_hyphenation_is_on(built, texts, symposium):
    register()
    from eventprint.layouts.booklet.flow import styles
    style = styles(symposium.language)["body"]
    assert style.hyphenationLang
    p = Paragraph("Extraordinarily understandable internationalisation considerations", style)
    p.wrap(60, 1000)
    assert p._hyphenations > 0
    # and it happens in the booklet: a word split at a line end that is one word in an abstract
    words = {w.lower() for t in symposium.talks for w in re.findall(r"[A-Za-z]+", t.abstract or "")}
    splits = re.findall(r"([A-Za-z]+)-\n([a-z]+)", "\n".join(texts["symposium"]))
    assert any((a + b).lower() in words for a, b in splits)


# -- pages, order, imposition ---------------------------------------------------


@pytest.mark.parametrize("name", EVENTS)
def test_a5_and_multiple_of_four(built, texts, name):
    _, files = built[name]
    r = reader(files["booklet.pdf"])
    n = len(r.pages)
    assert n % 4 == 0
    for page in r.pages:
        assert float(page.mediabox.width) == pytest.approx(A5[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(A5[1], abs=0.5)
    # no accidental blank page anywhere; padding pages say what they are
    assert all(t.strip() for t in texts[name])
    index = section(texts[name], "Speaker index")
    assert index
    notes = section(texts[name], "Notes")
    # after the index only notes pages, then the back cover
    assert notes == list(range(index[-1] + 1, n - 1))


def folios(page_chars: list[dict], height: float, x0: float, x1: float) -> str:
    """The printed page number in the bottom margin between x0 and x1."""
    digits = sorted((c for c in page_chars if c["top"] > height - FOLIO_ZONE and x0 <= c["x0"] < x1
                     and c["text"].isdigit()), key=lambda c: c["x0"])
    return "".join(c["text"] for c in digits)


@pytest.mark.parametrize("name", EVENTS)
def test_imposed_sheets_carry_the_right_pages(built, chars, objects, name):
    _, files = built[name]
    single = chars[name]
    n = len(single)
    r = reader(files["booklet-imposed.pdf"])
    assert len(r.pages) == n // 2
    for page in r.pages:
        assert float(page.mediabox.width) == pytest.approx(A4L[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(A4L[1], abs=0.5)
    # the single pages print their own number (cover and back cover have none)
    printed = [folios(cs, A5[1], 0, A5[0]) for cs in single]
    assert printed[0] == "" and printed[-1] == ""
    assert printed[1:-1] == [str(i) for i in range(2, n)]
    # each half of each sheet side holds exactly its page's text, where the page has it
    assert moved_pages(*objects[name]) == []
    assert imposition_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_a_misplaced_or_missing_string_on_an_imposed_sheet_is_caught(objects):
    single, imposed = objects["edge"]
    assert moved_pages(single, imposed) == []
    lvl, text, *box = imposed[0][0]
    nudged = [list(side) for side in imposed]
    nudged[0][0] = (lvl, text, box[0] + 0.05, *box[1:])
    assert moved_pages(single, nudged)
    nudged[0][0] = (lvl, text + "x", *box)
    assert moved_pages(single, nudged)
    assert moved_pages(single, [list(side[1:]) if i == 1 else list(side) for i, side in enumerate(imposed)])
    swapped = [imposed[1], imposed[0]] + list(imposed[2:])
    assert moved_pages(single, swapped)


# -- outline, links, metadata ------------------------------------------------------


def _flatten(outline, out=None):
    out = [] if out is None else out
    for entry in outline:
        if isinstance(entry, list):
            _flatten(entry, out)
        else:
            out.append(entry)
    return out


def talk_pages(r: pypdf.PdfReader, event) -> dict[str, int]:
    """0-based page of every talk, from the outline."""
    entries = {e.title: r.get_destination_page_number(e) for e in _flatten(r.outline)}
    out = {}
    for talk in event.talks:
        title = f"{talk.start:%H:%M} {talk.title.display}"
        assert title in entries, title
        out[talk.id] = entries[title]
    return out


@pytest.mark.parametrize("name", EVENTS)
def test_outline_points_at_the_talk_pages(built, texts, name):
    event, files = built[name]
    r = reader(files["booklet.pdf"])
    titles = [e.title for e in _flatten(r.outline)]
    for day in event.days:
        assert day.label in titles
    pages = talk_pages(r, event)
    for talk in event.talks:
        page_text = squash(texts[name][pages[talk.id]])
        assert squash(talk.title.display) in page_text
        # the running header names the day
        day = event.day_of(talk)
        assert day.label in texts[name][pages[talk.id]]
    assert list(pages.values()) == sorted(pages.values())  # programme order


def _link_targets(r: pypdf.PdfReader, page_index: int) -> list[int]:
    named = r.named_destinations
    out = []
    for annot in r.pages[page_index].get("/Annots") or []:
        a = annot.get_object()
        if a.get("/Subtype") != "/Link":
            continue
        dest = a.get("/Dest")
        if dest is None and a.get("/A") is not None:
            dest = a["/A"].get("/D")
        if isinstance(dest, str) or hasattr(dest, "original_bytes"):
            dest = named[str(dest)]
            out.append(r.get_destination_page_number(dest))
        elif dest is not None:
            out.append(r.get_page_number(dest[0].get_object() if hasattr(dest[0], "get_object") else dest[0]))
    return out


@pytest.mark.parametrize("name", ["symposium", "three_day"])
def test_glance_and_index_link_to_the_talk_pages(built, texts, name):
    event, files = built[name]
    r = reader(files["booklet.pdf"])
    pages = talk_pages(r, event)
    glance = [i for i, t in enumerate(texts[name]) if "Programme at a glance \u00b7" in t]
    index = section(texts[name], "Speaker index")
    assert glance and index
    from_glance = {p for i in glance for p in _link_targets(r, i)}
    from_index = {p for i in range(index[0], len(r.pages)) for p in _link_targets(r, i)}
    assert set(pages.values()) <= from_glance
    assert set(pages.values()) <= from_index
    contents = _link_targets(r, 1)
    assert glance[0] in contents and index[0] in contents and min(pages.values()) in contents


def test_index_page_numbers_are_the_talk_pages(built, texts):
    event, files = built["symposium"]
    r = reader(files["booklet.pdf"])
    pages = talk_pages(r, event)
    speaker = next(p for p in event.people_with_roles if event.talks_of(p))
    talk = event.talks_of(speaker)[0]
    lines = [ln for col in index_columns(files["booklet.pdf"], section(texts["symposium"], "Speaker index"))
             for ln in col.splitlines()]
    line = next(ln for ln in lines if squash(speaker.family_name) in squash(ln) and re.search(r"\d+$", ln))
    assert str(pages[talk.id] + 1) in re.findall(r"\d+", line)


def test_metadata(built):
    event, files = built["symposium"]
    r = reader(files["booklet.pdf"])
    meta = r.metadata
    assert event.name in meta.title
    assert meta.author == ", ".join(event.hosts)
    assert "Programme booklet" in meta.subject
    assert r.trailer["/Root"]["/Lang"] == event.language


# -- QR codes -------------------------------------------------------------------




@pytest.mark.parametrize("name", ["symposium", "edge"])
def test_qr_codes_decode_to_talk_urls(built, name):
    event, files = built[name]
    data = files["booklet.pdf"]
    r = reader(data)
    pages = talk_pages(r, event)
    for talk in event.talks:
        # talks follow one another: a page has several codes
        assert urls.talk_url(event, talk) in pc.page_qr_codes(data, pages[talk.id]), talk.id


def test_back_cover_qr_opens_the_programme(built):
    event, files = built["symposium"]
    data = files["booklet.pdf"]
    n = len(reader(data).pages)
    assert pc.page_qr_codes(data, n - 1) == [urls.programme_url(event)]


# -- print quality ------------------------------------------------------------------


@pytest.mark.parametrize("name", EVENTS)
def test_text_inside_safe_margin_and_no_overlaps(chars, objects, name):
    for i, cs in enumerate(chars[name]):
        assert not pc.chars_outside(cs, (SAFE, SAFE, A5[0] - SAFE, A5[1] - SAFE)), f"page {i + 1}"
        assert not pc.overlapping_lines(cs), f"page {i + 1}"
    # the imposed copy: each half is its page moved by the half's offset, so inside the half's box
    assert moved_pages(*objects[name]) == []


@pytest.mark.parametrize("name", EVENTS)
def test_fonts_embedded_and_no_missing_glyphs(built, chars, objects, name):
    _, files = built[name]
    for data in files.values():
        assert pc.unembedded_fonts(data) == []
    # what pc.missing_glyph_chars checks, on the already parsed pages and sheets
    assert [c["text"] for cs in chars[name] for c in cs if c["text"] in ("\x00", "\ufffd")] == []
    assert [o[1] for side in objects[name][1] for o in side if "\x00" in o[1] or "\ufffd" in o[1]] == []


def test_three_day_glance_shows_parallel_rooms(built, texts):
    event, _ = built["three_day"]
    glance = "\n".join(t for t in texts["three_day"] if "Programme at a glance \u00b7" in t)
    for day in event.days:
        assert day.label in glance
        for room in day.rooms:
            assert room.name in glance


# -- a booklet that flows -----------------------------------------------------


def _frame_fill(chars: list[dict]) -> float:
    """How far down the text frame the page's lowest text reaches, 0..1 (running header and
    folio, which sit in the margins, do not count)."""
    from eventprint.layouts.booklet import base as bb
    top, bottom = bb.MARGIN_TOP, bb.PAGE_H - bb.MARGIN_BOTTOM
    inside = [c["bottom"] for c in chars if c["text"].strip() and c["top"] >= top - 2 and c["bottom"] <= bottom + 2]
    return (max(inside) - top) / (bottom - top) if inside else 0.0


@pytest.mark.parametrize("name", EVENTS)
def test_no_page_under_a_quarter_full_but_cover_notes_and_back(built, chars, name):
    _, files = built[name]
    r = reader(files["booklet.pdf"])
    notes = [r.get_destination_page_number(e) for e in _flatten(r.outline) if e.title == "Notes"]
    n = len(r.pages)
    allowed = {0, n - 1} | (set(range(notes[0], n - 1)) if notes else set())
    low = {i + 1: round(_frame_fill(page), 2) for i, page in enumerate(chars[name])
           if i not in allowed and _frame_fill(page) < 0.25}
    assert not low, low


def test_talks_follow_one_another(built):
    """Several talks share a page: the symposium's 26 talks no longer take a page (or two) each."""
    event, files = built["symposium"]
    pages = talk_pages(reader(files["booklet.pdf"]), event)
    assert len(set(pages.values())) < len(pages)
    assert len(reader(files["booklet.pdf"]).pages) <= 32


def test_unknown_abstracts_choice_is_an_option_error(symposium):
    from eventprint.layouts.booklet.base import ABSTRACTS
    with pytest.raises(OptionError) as e:
        render(symposium, "booklet", BuildOptions(booklet_abstracts="some"))
    for allowed in ABSTRACTS:
        assert allowed in str(e.value)


SIMPLE_MARKUP = [  # what the booklet's layouts write: read without the HTML parser (layouts/kit/paraparse.py)
    "Anna <b>Albrecht</b>",
    '<a href="#talk-t0152">79</a>, <a href="#talk-t0627">103</a>',
    'Hana Castellano \u00b7 <a href="https://synthetic.example.org/talks/t1.html"><font color="(0.9000, 0.3000, '
    '0.3800, 0.1800)">synthetic.example.org/talks/t1.html</font></a>',
    "<b>Monday 10 March</b><br/>10:30\u201310:45 Coffee &amp; cake &lt;3 &gt; \u00b7 Foyer<br />",
    '\u200fand <font face="EP-FB-Arab">\U000f0000\U000f0001</font> x <i>it</i> <b><i>both</i></b>',
    "<b >x</b >",
    '<FONT Color="#ff0000" size="9">upper case</FONT> <super>2</super> <unknown>tag</unknown>',
    "   spaces  and\nnew\tlines  ",
]
OTHER_MARKUP = [  # for ReportLab's own parser: character references, other quoting, stray brackets
    "a < b", "&#39;quoted&#x27; &bogus here", "<a href='single'>q</a>", "<!-- note -->x", "<para>x</para>",
    "x &amp.y; z", '<a href = "#x">spaced</a>',
]


@pytest.mark.parametrize("text", SIMPLE_MARKUP + OTHER_MARKUP)
def test_simple_markup_gives_the_parsers_fragments(text, monkeypatch):
    """Paragraph markup of the simple kind our layouts write is cut into pieces by one regular
    expression and handed to ReportLab's parser's own handlers: the fragments are those the parser
    makes through HTMLParser (fonts, colours, links, line breaks, entities, whitespace); other
    markup goes to the parser itself."""
    from reportlab.platypus.paraparser import ParaParser

    from eventprint.layouts.booklet.flow import styles
    from eventprint.layouts.kit import paraparse, text as texts

    register()
    texts.markup("\u0645\u062d\u0645\u062f")  # registers the Arabic face the markup above names
    style = styles("en")["body"]

    def fragments(parse):
        parser = ParaParser()
        parser.caseSensitive = 1  # as a Paragraph sets it
        _, frags, bullet = parse(parser, text, style)
        return [[(k, repr(v)) for k, v in sorted(f.__dict__.items())] for f in frags + (bullet or [])]

    parsers = paraparse._parse
    expected = fragments(parsers)
    sent: list[str] = []  # what the fast way handed to the parser's own
    monkeypatch.setattr(paraparse, "_parse", lambda p, t, s: sent.append(t) or parsers(p, t, s))
    assert fragments(paraparse.parse) == expected
    assert (sent == []) == (text in SIMPLE_MARKUP)


def test_simple_markup_with_an_error_fails_as_the_parser_does():
    from eventprint.layouts.booklet.flow import styles

    register()
    with pytest.raises(ValueError, match="paragraph text .*colr"):
        Paragraph('<font colr="red">x</font>', styles("en")["body"])
