"""Badges: the real PDF, parsed and rendered. Geometry here is computed independently of
layouts/sheets.py from the sheet sizes the issue names."""
from __future__ import annotations

import re

import pytest

import pdfcheck
from conftest import CONTENT, run_cli
from eventprint import urls
from eventprint.build import render, render_noting
from eventprint.options import BuildOptions, OptionError
from eventprint.layouts.kit import theme

MM = pdfcheck.MM
A4 = (210 * MM, 297 * MM)
LETTER = (8.5 * 72, 11 * 72)
# size -> (badge w, h), sheet -> (page, cols, rows, column gutter)
BADGE = {"A6": (105 * MM, 148 * MM), "4x3": (4 * 72, 3 * 72), "90x54": (90 * MM, 54 * MM)}
SHEET = {("A6", "a4"): (A4, 2, 2, 0), ("90x54", "a4"): (A4, 2, 5, 6 * MM), ("4x3", "letter"): ((LETTER[1], LETTER[0]), 2, 2, 0)}  # landscape


def boxes(size: str, sheet: str, count: int, back: bool) -> list[tuple[float, float, float, float]]:
    """Badge boxes (x0, top, x1, bottom) in pdfplumber coordinates, slot order, columns mirrored on backs."""
    w, h = BADGE[size]
    if sheet == "single":
        return [(0, 0, w, h)]
    (pw, ph), cols, rows, gap = SHEET[(size, sheet)]
    left = (pw - cols * w - (cols - 1) * gap) / 2
    top = (ph - rows * h) / 2
    out = []
    for i in range(count):
        r, col = divmod(i, cols)
        if back:
            col = cols - 1 - col
        x = left + col * (w + gap)
        out.append((x, top + r * h, x + w, top + (r + 1) * h))
    return out


def per_sheet(size, sheet):
    return 1 if sheet == "single" else SHEET[(size, sheet)][1] * SHEET[(size, sheet)][2]


def chars_of(pdf: bytes) -> list[list[dict]]:
    return pdfcheck.page_chars(pdf)  # parsed once per process (pdfcheck caches by the PDF's bytes)


def lines_of(pdf: bytes) -> list[list[dict]]:
    return pdfcheck.page_lines(pdf)


def inside(ch, box) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def badges_by_page(pdf: bytes, size: str, sheet: str, n: int):
    """[(page index, back?, [(box, chars in box)])] for every page."""
    chars = chars_of(pdf)
    k = per_sheet(size, sheet)
    out = []
    for i, page in enumerate(chars):
        s, back = divmod(i, 2)
        count = min(k, n - s * k)
        bx = boxes(size, sheet, count, bool(back))
        out.append((i, bool(back), [(b, [c for c in page if inside(c, b)]) for b in bx]))
    return out


def squash(text: str) -> str:
    """Without whitespace: a name wrapped over two lines still matches."""
    return "".join(text.split())


def text_of(chars) -> str:
    """Text of a badge, line by line, spaces kept."""
    rows: dict[int, list[dict]] = {}
    for c in chars:
        rows.setdefault(round(c["bottom"]), []).append(c)
    return pdfcheck.normalise(" ".join("".join(c["text"] for c in sorted(r, key=lambda c: c["x0"]))
                                       for _, r in sorted(rows.items())))


def first_talk(event, person):
    """The person's talk that starts first, found from the days' items (not from the model's helpers)."""
    mine = [it for day in event.days for it in day.items
            if it.kind.is_talk and any(p.id == person.id for p in it.speakers)]
    return min(mine, key=lambda it: (it.date, it.start)) if mine else None


def expected_url(event, person) -> str:
    talk = first_talk(event, person)
    return urls.talk_url(event, talk) if talk else urls.programme_url(event)




def person_in(event, chars):
    """The person whose full name is printed in these chars (the longest matching name)."""
    text = text_of(chars)
    found = [p for p in event.people_with_roles if p.name in text]
    assert found, f"no person's name in badge text: {text[:120]}"
    return max(found, key=lambda p: len(p.name))


@pytest.fixture(scope="module")
def a6(artifacts):
    return artifacts("symposium", "badges")["badges.pdf"]


@pytest.fixture(scope="module")
def small(artifacts):
    return artifacts("symposium", "badges", size="90x54")["badges.pdf"]


@pytest.fixture(scope="module")
def us(artifacts):
    return artifacts("symposium", "badges", size="4x3")["badges.pdf"]


@pytest.fixture(scope="module")
def edge_a6(artifacts):
    return artifacts("edge", "badges")["badges.pdf"]


CASES = [("a6", "A6", "a4"), ("small", "90x54", "a4"), ("us", "4x3", "letter")]


def test_page_count_and_sizes(symposium, a6, small, us):
    n = len(symposium.people_with_roles)
    for pdf, size, sheet in ((a6, "A6", "a4"), (small, "90x54", "a4"), (us, "4x3", "letter")):
        sizes = pdfcheck.page_sizes(pdf)
        sheets = -(-n // per_sheet(size, sheet))
        assert len(sizes) == 2 * sheets
        page = SHEET[(size, sheet)][0]
        assert all(abs(w - page[0]) < 0.5 and abs(h - page[1]) < 0.5 for w, h in sizes)


@pytest.mark.parametrize("name,size,sheet", CASES + [("edge_a6", "A6", "a4")])
def test_every_badge_has_its_persons_qr_and_count_matches(request, symposium, edge, name, size, sheet):
    """Each front's QR code opens the person's first talk (the edge event has two-talk speakers)."""
    pdf = request.getfixturevalue(name)
    event = edge if name == "edge_a6" else symposium
    n = len(event.people_with_roles)
    seen = []
    for i, back, slots in badges_by_page(pdf, size, sheet, n):
        if back:
            continue
        for box, chars in slots:
            person = person_in(event, chars)
            assert pdfcheck.page_qr_codes(pdf, i, box) == [expected_url(event, person)], person.id
            seen.append(person.id)
    assert sorted(seen) == sorted(p.id for p in event.people_with_roles)


def test_two_talk_speaker_badge_shows_and_opens_the_earlier_talk(edge, edge_a6):
    person = edge.person("vanderberg")
    talks = sorted((it for it in edge.items if it.is_talk and person in it.speakers), key=lambda it: it.start)
    assert [t.id for t in talks] == ["berg-earlier", "berg-later"]  # the fixture this test relies on
    fronts = [(i, box, chars) for i, back, slots in badges_by_page(edge_a6, "A6", "a4", len(edge.people_with_roles))
              if not back for box, chars in slots if person_in(edge, chars) is person]
    assert len(fronts) == 1
    i, box, chars = fronts[0]
    front = text_of(chars)
    assert talks[0].title.display in front and talks[1].title.display not in front
    assert pdfcheck.page_qr_codes(edge_a6, i, box) == [urls.talk_url(edge, talks[0])]


@pytest.mark.parametrize("name,size,sheet", CASES + [("edge_a6", "A6", "a4")])
def test_every_character_inside_its_badges_safe_area(request, symposium, edge, name, size, sheet):
    pdf = request.getfixturevalue(name)
    event = edge if name == "edge_a6" else symposium
    n = len(event.people_with_roles)
    all_chars = chars_of(pdf)
    s = theme.SAFE
    for i, back, slots in badges_by_page(pdf, size, sheet, n):
        placed = 0
        for (x0, top, x1, bottom), chars in slots:
            assert chars, f"page {i}: an empty badge"
            assert not pdfcheck.chars_outside(chars, (x0 + s, top + s, x1 - s, bottom - s)), f"page {i}"
            placed += len([c for c in chars if c["text"].strip()])
        assert placed == len([c for c in all_chars[i] if c["text"].strip()]), f"page {i}: text outside every badge"


@pytest.mark.parametrize("name,size,sheet", CASES + [("edge_a6", "A6", "a4")])
def test_no_overlapping_text_lines(request, symposium, edge, name, size, sheet):
    pdf = request.getfixturevalue(name)
    for i, page in enumerate(chars_of(pdf)):
        assert not pdfcheck.overlapping_lines(page), f"page {i}"


@pytest.mark.parametrize("name,size,sheet,floor", [("a6", "A6", "a4", 32), ("small", "90x54", "a4", 16),
                                                    ("us", "4x3", "letter", 23), ("edge_a6", "A6", "a4", 32)])
def test_first_name_is_the_largest_text_on_the_front(request, symposium, edge, name, size, sheet, floor):
    pdf = request.getfixturevalue(name)
    event = edge if name == "edge_a6" else symposium
    for i, back, slots in badges_by_page(pdf, size, sheet, len(event.people_with_roles)):
        if back:
            continue
        for box, chars in slots:
            person = person_in(event, chars)
            chars = [c for c in chars if c["text"].strip()]
            biggest = max(c["size"] for c in chars)
            big_text = "".join(c["text"] for c in chars if c["size"] > biggest - 0.01)
            assert big_text.replace(" ", "") == person.given_name.replace(" ", ""), person.id
            assert biggest >= floor - 0.01
            others = [c["size"] for c in chars if c["size"] <= biggest - 0.01]
            assert max(others) < biggest


@pytest.mark.parametrize("name,size,sheet", CASES)
def test_duplex_back_in_mirrored_slot_is_the_same_person(request, symposium, name, size, sheet):
    pdf = request.getfixturevalue(name)
    pages = badges_by_page(pdf, size, sheet, len(symposium.people_with_roles))
    for (i, back_f, front), (j, back_b, back) in zip(pages[::2], pages[1::2]):
        assert not back_f and back_b and len(front) == len(back)
        for (_, fc), (_, bc) in zip(front, back):  # back slots are already mirrored
            person = person_in(symposium, fc)
            assert person_in(symposium, bc) is person
            assert person.given_name in text_of(bc)


def is_crop_mark(ln) -> bool:
    """Crop marks are hairlines in registration black; the badges' own rules are grey and thicker."""
    return abs(ln["linewidth"] - theme.CROP_MARK_WIDTH) < 0.01 and tuple(ln["stroking_color"] or ()) in ((0, 0, 0), (0,))


def _segments_clear_of(lines, bxs, margin=0.5 * MM):
    bad = []
    for ln in lines:
        for (x0, top, x1, bottom) in bxs:
            if ln["x0"] < x1 + margin and ln["x1"] > x0 - margin and ln["top"] < bottom + margin \
                    and ln["bottom"] > top - margin:
                bad.append(ln)
    return bad


@pytest.mark.parametrize("name,size,sheet", CASES)
def test_crop_marks_outside_badges_at_every_cut(request, symposium, name, size, sheet):
    pdf = request.getfixturevalue(name)
    n = len(symposium.people_with_roles)
    lines = [[ln for ln in page if is_crop_mark(ln)] for page in lines_of(pdf)]
    for i, back, slots in badges_by_page(pdf, size, sheet, n):
        bxs = [b for b, _ in slots]
        assert not _segments_clear_of(lines[i], bxs), f"page {i}: a line touches a badge"
        if (size, sheet) == ("A6", "a4"):
            assert not lines[i]  # four A6 fill the A4: no paper outside the badges for marks
            continue
        verticals = {round(ln["x0"], 1) for ln in lines[i] if abs(ln["x0"] - ln["x1"]) < 0.01}
        horizontals = {round(ln["top"], 1) for ln in lines[i] if abs(ln["top"] - ln["bottom"]) < 0.01}
        for (x0, top, x1, bottom) in bxs:
            assert round(x0, 1) in verticals and round(x1, 1) in verticals, f"page {i}: a vertical cut unmarked"
            assert round(top, 1) in horizontals and round(bottom, 1) in horizontals, f"page {i}: a horizontal cut unmarked"


def test_edge_names_and_markup_print_literally(edge, edge_a6):
    text = pdfcheck.normalise(" ".join(pdfcheck.page_texts(edge_a6)))
    assert "R&D <future> Labs" in text
    assert "<script>alert(1)</script>" in text
    assert "Tom O'Brien \"TJ\"" in text
    for pid in ("greek", "cyrillic", "longname"):
        p = edge.person(pid)
        assert p.given_name in text
    pages = badges_by_page(edge_a6, "A6", "a4", len(edge.people_with_roles))
    for pid in ("longname", "vanderberg"):  # every word of the name, in order, on the person's own badges
        person = edge.person(pid)
        mine = [text_of(cs) for _, _, slots in pages for _, cs in slots if person_in(edge, cs) is person]
        assert len(mine) == 2, pid  # front and back
        for badge in mine:
            assert squash(person.name) in squash(badge), (pid, badge[:160])
            if pid == "vanderberg":
                assert "Sanne van der Berg" in badge  # the particle stays lowercase, with its spaces
    assert len(edge.person("longname").name) >= 60
    assert not pdfcheck.missing_glyph_chars(edge_a6)
    # every drawn character is in an embedded Noto Sans subset (pdfcheck.unembedded_fonts also lists
    # the Helvetica that ReportLab puts in every canvas's resources, used or not)
    drawn = [c for page in chars_of(edge_a6) for c in page if c["text"].strip()]
    assert drawn and all(c["embedded"] and c["fontname"].startswith("NotoSans-") for c in drawn), \
        {(c["fontname"], c["embedded"]) for c in drawn}
    assert "Title to be confirmed" in text


def test_back_lists_the_persons_agenda(symposium, a6):
    black = symposium.person("black")
    pages = badges_by_page(a6, "A6", "a4", len(symposium.people_with_roles))
    backs = [bc for (_, back, slots) in pages if back for (_, bc) in slots]
    mine = [text_of(bc) for bc in backs if person_in(symposium, bc) is black]
    assert len(mine) == 1
    assert "Welcome Remarks" in mine[0]
    assert "13:00\u201314:30" in mine[0]  # the session he chairs, start to end
    assert "YOUR PROGRAMME" in mine[0]


def test_single_sheet_is_one_badge_per_page_with_trimbox(symposium):
    pdf = render(symposium, "badges", BuildOptions(size="90x54", sheet="single", person="kuchenbecker"))[0]
    assert pdf.path == "badges-kuchenbecker.pdf"
    sizes = pdfcheck.page_sizes(pdf.data)
    assert len(sizes) == 2 and all(abs(w - 90 * MM) < 0.1 and abs(h - 54 * MM) < 0.1 for w, h in sizes)
    import io

    import pypdf
    page = pypdf.PdfReader(io.BytesIO(pdf.data)).pages[0]
    assert [round(float(v), 1) for v in page.trimbox] == [0, 0, round(90 * MM, 1), round(54 * MM, 1)]
    chars = pdfcheck.page_chars(pdf.data)[0]
    s = theme.SAFE
    assert not pdfcheck.chars_outside(chars, (s, s, 90 * MM - s, 54 * MM - s))
    person = symposium.person("kuchenbecker")
    assert pdfcheck.page_qr_codes(pdf.data, 0) == [expected_url(symposium, person)]


@pytest.mark.parametrize("size,sheet,option,allowed", [
    ("A7", None, "--size A7", ("A6", "4x3", "90x54")),
    ("4x3", "a4", "--sheet a4", ("letter", "single")),
    ("A6", "letter", "--sheet letter", ("a4", "single")),
    ("90x54", "a3", "--sheet a3", ("a4", "single"))])
def test_invalid_size_or_sheet_says_what_is_allowed(symposium, size, sheet, option, allowed):
    with pytest.raises(OptionError) as e:
        render(symposium, "badges", BuildOptions(size=size, sheet=sheet))
    msg = str(e.value)
    assert msg.startswith(option + " "), msg  # names the option and the value given
    assert ": use " in msg, msg
    offered = msg.split(": use ", 1)[1]
    for value in allowed:
        assert re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", offered), (value, msg)


def test_unknown_person_suggests_close_ids(symposium):
    with pytest.raises(OptionError) as e:
        render(symposium, "badges", BuildOptions(person="kuchenbeker"))
    assert "kuchenbeker" in str(e.value) and "kuchenbecker" in str(e.value)


def test_too_long_for_a_small_badge_names_person_and_field(edge):
    """A talk title that cannot fit a 90x54 badge beside a very long name is left off (the QR code
    opens the talk), and the build says so, naming the person and the title's line."""
    arts, notes = render_noting(edge, "badges", BuildOptions(size="90x54"))
    pdf = arts[0].data
    msg = " ".join(n for n in notes if "leaves off the talk title" in n)
    assert "Maximiliane Alexandrea Theodora von Hohenzollern-Sigmaringen" in msg and "longname" in msg
    assert "programme.yaml:" in msg
    assert "Maximiliane" in " ".join(pdfcheck.page_texts(pdf))


def test_three_day_event_builds(three_day):
    pdf = render(three_day, "badges", BuildOptions())[0].data
    assert len(pdfcheck.page_sizes(pdf)) == 2 * -(-len(three_day.people_with_roles) // 4)


def test_person_via_cli(tmp_path):
    out = tmp_path / "out"
    r = run_cli("badges", "--person", "kuchenbecker", "--content", str(CONTENT), "--out", str(out))
    assert r.returncode == 0, r.stderr
    pdf = (out / "badges-kuchenbecker.pdf").read_bytes()
    texts = pdfcheck.page_texts(pdf)
    assert len(texts) == 2 and "Katherine" in texts[0] and "Katherine" in texts[1]
    assert not (out / "badges.pdf").exists()
    r = run_cli("badges", "--person", "nobody-x", "--content", str(CONTENT), "--out", str(out))
    assert r.returncode == 2 and "nobody-x" in r.stderr
