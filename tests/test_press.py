"""Print-shop grade (issue #13): drafts never reach a press unnoticed.

Reads the shared renders (conftest ``artifacts``); the only new render is one badge of an
event given a real address.
"""
from __future__ import annotations

import dataclasses
import functools
import io
import re

import pdfcheck as pc
import pypdf
import pytest
from conftest import CONTENT, event_named, run_cli

from eventprint.draft import placeholder_host
from eventprint.layouts.badges import document as badges
from eventprint.options import BuildOptions

PRINTED = (("booklet", {}), ("signs", {}), ("poster", {}), ("badges", {}), ("chairs", {}), ("tents", {}),
           ("cards", {}))
# every print output, in every shape a layout can take (tracks, parallel rooms, every badge sheet)
PRESS = (("symposium", "booklet", {}), ("symposium", "signs", {}), ("symposium", "poster", {}),
         ("symposium", "badges", {}), ("three_day", "poster", {}), ("symposium", "badges", {"size": "90x54"}),
         ("symposium", "badges", {"size": "4x3"}), ("symposium", "chairs", {}), ("symposium", "tents", {}),
         ("symposium", "cards", {}), ("symposium", "cards", {"size": "A5"}))


def _pdfs(files: dict[str, bytes]):
    return {path: data for path, data in files.items() if path.endswith(".pdf")}


@pytest.mark.parametrize("url, host", [
    ("https://symposium.example.org/2024/", "symposium.example.org"),
    ("https://example.com/", "example.com"),
    ("http://example.net/x/", "example.net"),
    ("https://camp.example/", "camp.example"),
    ("https://site.test/", "site.test"),
    ("https://a.invalid/", "a.invalid"),
    ("http://localhost:8000/", "localhost"),
    ("https://events.mpg.de/2024/", None),
    ("https://myexample.org/", None),  # a real domain that merely contains the word
    ("https://example.org.de/", None),
])
def test_placeholder_hosts(url, host):
    assert placeholder_host(url) == host


@pytest.mark.parametrize("output, options", PRINTED)
def test_a_placeholder_base_url_marks_every_page_and_the_metadata(artifacts, output, options):
    """The shipped content's base_url is symposium.example.org: every printed page is a DRAFT, in
    the page's own content (a RIP or a print dialog that drops annotations still prints it), on
    every badge of a sheet and every page of an imposed spread (each piece may travel alone)."""
    for path, data in _pdfs(artifacts("symposium", output, **options)).items():
        r = pypdf.PdfReader(io.BytesIO(data))
        assert r.metadata.title.startswith("DRAFT"), path
        assert "DRAFT" in r.metadata.get("/Keywords", ""), path
        marks = pc.draft_marks(data)
        for n, page in enumerate(r.pages):
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            if "badges" in path:  # one on each badge: four A6 on an A4 sheet, on fronts and backs
                expected = _badge_boxes(data, n)
            elif "imposed" in path or "press" in path:  # one on each page of the spread
                expected = _spread_pages(page)
            else:  # the page, or on the print master its trim inside the bleed
                expected = [tuple(float(v) for v in page["/TrimBox"])]
            got = sorted(box for box, _ in marks[n])
            assert len(got) == len(expected) and all(
                max(abs(a - b) for a, b in zip(g, e)) < 0.05 for g, e in zip(got, sorted(expected))), (path, n, got)
            assert all(strokes == 9 for _, strokes in marks[n]), (path, n)  # the word's nine strokes
            assert not any(a.get_object().get("/Subtype") == "/Watermark" for a in page.get("/Annots") or ())


def _badge_boxes(data: bytes, n: int) -> list[tuple[float, float, float, float]]:
    """The badges on sheet ``n`` (A6 on A4, the layout's own geometry): every slot with text on it."""
    from eventprint.layouts.kit.sheets import sheet_for
    h = pc.page_sizes(data)[n][1]
    chars = pc.page_chars(data)[n]
    out = []
    for x, y, bw, bh in sheet_for("A6", None).boxes(back=n % 2 == 1):
        if any(x <= ch["x0"] < x + bw and y <= h - ch["bottom"] < y + bh for ch in chars):
            out.append((x, y, x + bw, y + bh))
    return out


def _spread_pages(page) -> list[tuple[float, float, float, float]]:
    """The two A5 pages of an imposed sheet, where the imposition placed them (creep included)."""
    return [(float(m.group(5)), float(m.group(6)), float(m.group(5)) + A5[0], float(m.group(6)) + A5[1])
            for m in _PLACED.finditer(page.get_contents().get_data())]


@functools.cache
def _final_badge() -> bytes:
    """One badge of the symposium given a real address: the one render of its own this file makes."""
    event = dataclasses.replace(event_named("symposium"), base_url="https://events.mpg.de/symposium-2024/")
    person = event.people_with_roles[0].id
    (art,) = [a for a in badges.render(event, BuildOptions(person=person)) if a.path.endswith(".pdf")]
    return art.data


def test_a_real_base_url_prints_no_draft_mark():
    r = pypdf.PdfReader(io.BytesIO(_final_badge()))
    assert "DRAFT" not in r.metadata.title and "DRAFT" not in r.metadata.get("/Keywords", "")
    assert not any(pc.draft_marks(_final_badge()))
    for page in r.pages:
        assert "DRAFT" not in page.extract_text()


def test_final_refuses_a_draft_and_says_which_line_to_change(tmp_path):
    out = tmp_path / "out"
    res = run_cli("booklet", "--final", "--content", str(CONTENT), "--out", str(out))
    assert res.returncode == 2
    line = next(i for i, t in enumerate((CONTENT / "event.yaml").read_text().splitlines(), 1)
                if t.startswith("base_url:"))
    assert f"event.yaml:{line}: base_url https://symposium.example.org/2024/ is a placeholder" in res.stderr
    assert "nothing was written" in res.stderr
    assert not out.exists()


def test_check_lists_the_draft():
    res = run_cli("check", "--content", str(CONTENT))
    assert res.returncode == 0
    assert "event.yaml:" in res.stdout and "is a placeholder" in res.stdout and "--final" in res.stdout


# -- colour and PDF/X ---------------------------------------------------------------------------

# strings and hex strings are text, not operators; '<<' opens a dictionary (inline images)
_STRINGS = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>")
_COLOUR_OPS = {b"rg", b"RG", b"g", b"G", b"k", b"K", b"sc", b"SC", b"scn", b"SCN", b"cs", b"CS"}


def _streams(reader: pypdf.PdfReader):
    """Every content stream a page paints: its contents, its forms (nested) and its annotations'
    appearances."""
    seen: set[int] = set()

    def forms(obj):
        obj = obj.get_object()
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, pypdf.generic.StreamObject):
            yield obj.get_data()
        res = obj.get("/Resources")
        for xobj in ((res.get_object().get("/XObject") or {}) if res else {}).values():
            if xobj.get_object().get("/Subtype") == "/Form":
                yield from forms(xobj)

    for page in reader.pages:
        contents = page.get_contents()
        if contents is not None:
            yield contents.get_data()
        yield from forms(page)
        for annot in page.get("/Annots") or ():
            ap = annot.get_object().get("/AP")
            if ap is not None:
                yield from forms(ap["/N"])


def colour_operators(data: bytes) -> set[bytes]:
    found: set[bytes] = set()
    for stream in _streams(pypdf.PdfReader(io.BytesIO(data))):
        found |= _COLOUR_OPS.intersection(_STRINGS.sub(b" ", stream).split())
    return found


def test_the_colour_scan_sees_rgb_and_grey():
    from reportlab.pdfgen.canvas import Canvas
    for op in ("setFillColorRGB(1, 0, 0)", "setStrokeColorRGB(0, 1, 0)", "setFillGray(0.5)"):
        buf = io.BytesIO()
        c = Canvas(buf)
        c.drawString(10, 10, "(1 0 0 rg) <00>")  # text that looks like an operator is not one
        eval(f"c.{op}")
        c.rect(10, 10, 10, 10, fill=1)
        c.save()
        assert colour_operators(buf.getvalue()) - {b"k", b"K"}, op


@pytest.mark.parametrize("event, output, options", PRESS)
def test_print_files_are_cmyk_with_boxes_and_an_output_intent(artifacts, event, output, options):
    for path, data in _pdfs(artifacts(event, output, **options)).items():
        assert data.startswith(b"%PDF-1.6"), path
        ops = colour_operators(data)
        assert ops <= {b"k", b"K"} and b"k" in ops, (path, ops)  # CMYK only, no RGB, no DeviceGray
        r = pypdf.PdfReader(io.BytesIO(data))
        (intent,) = r.trailer["/Root"]["/OutputIntents"]
        assert intent["/S"] == "/GTS_PDFX" and intent["/OutputConditionIdentifier"] == "FOGRA39"
        profile = intent["/DestOutputProfile"].get_object()
        icc = profile.get_data()
        assert profile["/N"] == 4 and icc[12:20] == b"prtrCMYK" and len(icc) == int.from_bytes(icc[:4], "big")
        xmp = r.trailer["/Root"]["/Metadata"].get_data()
        assert b"<xmp:CreateDate>" in xmp and b"<pdf:Trapped>False" in xmp, path
        for n, page in enumerate(r.pages):
            media = [float(v) for v in page.mediabox]
            trim = [float(v) for v in page["/TrimBox"]]
            bleed = [float(v) for v in page["/BleedBox"]]
            assert media[0] <= bleed[0] <= trim[0] and media[1] <= bleed[1] <= trim[1], (path, n)
            assert trim[2] <= bleed[2] <= media[2] and trim[3] <= bleed[3] <= media[3], (path, n)


def test_a_final_file_claims_pdfx4_and_a_draft_does_not(artifacts):
    final = _final_badge()
    r = pypdf.PdfReader(io.BytesIO(final))
    assert r.metadata["/GTS_PDFXVersion"] == "PDF/X-4"
    assert b"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in r.trailer["/Root"]["/Metadata"].get_data()
    assert not any(page.get("/Annots") for page in r.pages)  # PDF/X: nothing on the page but print
    draft = pypdf.PdfReader(io.BytesIO(artifacts("symposium", "poster")["poster.pdf"]))
    assert "/GTS_PDFXVersion" not in draft.metadata
    assert b"GTS_PDFXVersion" not in draft.trailer["/Root"]["/Metadata"].get_data()


# -- bleed and imposition -------------------------------------------------------------------------

MM = 72 / 25.4
SRA3 = (450 * MM, 320 * MM)
A5 = (148 * MM, 210 * MM)
_PLACED = re.compile(rb"q ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re W n 1 0 0 1 ([\d.]+) ([\d.]+) cm")


def _marks(stream: bytes) -> list[tuple[float, float, float, float]]:
    """The sheet's own marks: the lines drawn after the pages, in registration colour."""
    tail = stream[stream.rindex(b"1 1 1 1 K"):]
    return [tuple(float(v) for v in m) for m in re.findall(rb"n ([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S", tail)]


def test_press_imposition_has_bleed_marks_outside_it_and_creep(artifacts, symposium):
    files = artifacts("symposium", "booklet")
    r = pypdf.PdfReader(io.BytesIO(files["booklet-press.pdf"]))
    n = len(pypdf.PdfReader(io.BytesIO(files["booklet.pdf"])).pages)
    assert len(r.pages) == n // 2
    bleed = 3 * MM
    t = symposium.paper_thickness * MM
    shifts = []
    for i, page in enumerate(r.pages):
        assert [float(v) for v in page.mediabox] == pytest.approx([0, 0, *SRA3], abs=0.01)
        x0, y0 = (SRA3[0] - 2 * A5[0]) / 2, (SRA3[1] - A5[1]) / 2
        trim = (x0, y0, x0 + 2 * A5[0], y0 + A5[1])
        assert [float(v) for v in page["/TrimBox"]] == pytest.approx(list(trim), abs=0.01)
        assert [float(v) for v in page["/BleedBox"]] == pytest.approx(
            [trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed], abs=0.01)
        stream = page.get_contents().get_data()
        (left, right) = [[float(v) for v in m] for m in _PLACED.findall(stream)]
        # each page clipped at the spine, at the bleed elsewhere
        assert left[0] == pytest.approx(x0 - bleed, abs=0.01) and left[0] + left[2] == pytest.approx(x0 + A5[0], abs=0.01)
        assert right[0] == pytest.approx(x0 + A5[0], abs=0.01) and right[0] + right[2] == pytest.approx(trim[2] + bleed, abs=0.01)
        shifts.append((left[4] - x0, x0 + A5[0] - right[4]))
        marks = _marks(stream)
        assert len(marks) == 10  # 8 crop marks at the corners, 2 fold marks at the spine
        for (xa, ya, xb, yb) in marks:  # every mark outside the bleed, on the paper
            for x, y in ((xa, ya), (xb, yb)):
                outside = x < trim[0] - bleed or x > trim[2] + bleed or y < trim[1] - bleed or y > trim[3] + bleed
                assert outside and 0 < x < SRA3[0] and 0 < y < SRA3[1], (i, x, y)
        assert re.search(rb"\[[\d.]+ [\d.]+\] 0 d", stream[stream.rindex(b"1 1 1 1 K"):])  # fold marks dashed
    # creep: both pages of a sheet move towards the spine by the paper's thickness per sheet inwards
    sheets = n // 4
    for side, (l_shift, r_shift) in enumerate(shifts):
        assert l_shift == pytest.approx(t * (side // 2), abs=0.001) and r_shift == pytest.approx(l_shift, abs=0.001)
    assert shifts[-1][0] == pytest.approx((sheets - 1) * t, abs=0.001) and sheets > 1


def test_the_cover_panel_runs_into_the_bleed(artifacts):
    """On the press sheet the cover's accent panel reaches 3 mm beyond the trim at the top and the
    fore-edge, and stops there; the back cover beside it on the spine side stays white."""
    import pdfcheck as pc
    data = artifacts("symposium", "booklet")["booklet-press.pdf"]
    x0, y0 = (SRA3[0] - 2 * A5[0]) / 2, (SRA3[1] - A5[1]) / 2
    right, top = x0 + 2 * A5[0], y0 + A5[1]

    img = pc.render(data, 0, dpi=50).convert("L")  # one render of the sheet; 1 px is about 0.5 mm
    scale = img.width / SRA3[0]

    def ink(x, y):  # darkness at (x, y) in PDF points
        return 1 - img.getpixel((int(x * scale), int((SRA3[1] - y) * scale))) / 255

    assert ink(right + 1.5 * MM, top - 20 * MM) > 0.3  # fore-edge bleed
    assert ink(right - 20 * MM, top + 1.5 * MM) > 0.3  # top bleed
    assert ink(right + 4.5 * MM, top - 20 * MM) < 0.05  # beyond the bleed: paper
    assert ink(x0 + A5[0] - 1.5 * MM, top - 20 * MM) < 0.05  # the back cover, across the spine


def test_office_fold_marks_and_badge_crop_marks_are_5mm_from_the_paper_edge(artifacts):
    import pdfcheck as pc
    from eventprint.layouts.kit import theme
    office = artifacts("symposium", "booklet")["booklet-imposed.pdf"]
    cases = [(office, "office booklet")] + [(artifacts("symposium", "badges", size=s)["badges.pdf"], s)
                                            for s in ("90x54", "4x3")]
    for pdf, what in cases:
        sizes = pc.page_sizes(pdf)
        for (w, h), lines in zip(sizes, pc.page_lines(pdf)):
            marks = [ln for ln in lines if abs(ln["linewidth"] - theme.CROP_MARK_WIDTH) < 0.01]
            assert marks, what
            for ln in marks:
                assert min(ln["x0"], ln["top"], w - ln["x1"], h - ln["bottom"]) >= 5 * MM - 0.01, (what, ln)


# -- typography -----------------------------------------------------------------------------------

_URLISH = re.compile(r"\S*(?:://|www\.|\.html|\.org/|\.de/)\S*")


@pytest.mark.parametrize("text, printed", [
    ("Amazon's BMVC'13 model", "Amazon\u2019s BMVC\u201913 model"),
    ("\"Quotes\" & 'single'", "\u201cQuotes\u201d & \u2018single\u2019"),
    ("the '90s", "the \u201990s"),
    ("see https://x.org/a'b?q=\"1\" and 'this'", "see https://x.org/a'b?q=\"1\" and \u2018this\u2019"),
    ("(\"a\")", "(\u201ca\u201d)"),
])
def test_quotes_are_typographic_and_addresses_untouched(text, printed):
    from eventprint.layouts.kit.typeset import quotes
    assert quotes(text) == printed


def test_names_and_short_words_never_hyphenate():
    from eventprint.layouts.kit.typeset import hyphenator
    h = hyphenator("en_GB")
    assert h("internationalisation")  # long lowercase words may
    assert h("Noether") == [] and h("Schoelkopf") == [] and h("robotics") == []


@pytest.mark.parametrize("event", ["symposium", "edge", "three_day"])
def test_booklet_typography(artifacts, event):
    """No typewriter quotes outside addresses, at most two hyphenated lines in a row, no name
    broken at a line end."""
    import pdfcheck as pc
    data = artifacts(event, "booklet")["booklet.pdf"]
    texts = pc.page_texts(data)
    names = {w.lower() for p in event_named(event).people for w in re.findall(r"\w+", p.name) if len(w) > 3}
    run = 0
    for n, text in enumerate(texts):
        assert not re.search("['\"]", _URLISH.sub(" ", text)), (n, [ln for ln in text.splitlines() if re.search("['\"]", ln)])
        lines = [ln.rstrip() for ln in text.splitlines()]
        for i, line in enumerate(lines):
            ends = bool(re.search(r"[a-z]-$", line))
            run = run + 1 if ends else 0
            assert run <= 2, (n, lines[i - 2:i + 1])
            if ends and i + 1 < len(lines):
                head = re.findall(r"\w+$", line[:-1])
                tail = re.findall(r"^\w+", lines[i + 1])
                if head and tail:
                    assert (head[0] + tail[0]).lower() not in names, (n, line, lines[i + 1])


@pytest.mark.parametrize("output", ["signs", "poster", "badges", "chairs", "tents"])
def test_no_typewriter_quotes_on_signs_poster_and_badges(artifacts, output):
    """The edge event's names and titles are full of ' and ": every printed page sets them as
    typographic quotes and apostrophes (addresses excepted), as the booklet does."""
    import pdfcheck as pc
    for path, data in _pdfs(artifacts("edge", output)).items():
        for n, text in enumerate(pc.page_texts(data)):
            left = [ln for ln in text.splitlines() if re.search("['\"]", _URLISH.sub(" ", ln))]
            assert not left, (path, n, left[:3])
    text = " ".join(pc.page_texts(_pdfs(artifacts("edge", output))[next(iter(_pdfs(artifacts("edge", output))))]))
    assert "\u2019" in text or "\u201c" in text  # the edge event's quotes are printed, as curly ones


@pytest.mark.parametrize("output, options", [("booklet", {}), ("signs", {}), ("poster", {}), ("badges", {}),
                                             ("badges", {"size": "90x54"}), ("badges", {"size": "4x3"}),
                                             ("chairs", {}), ("tents", {}), ("cards", {}), ("cards", {"size": "A5"})])
def test_no_type_under_7pt(artifacts, output, options):
    import pdfcheck as pc
    for path, data in _pdfs(artifacts("symposium", output, **options)).items():
        small = {size for size in pc.text_sizes(data) if size < 7 - 0.01}
        assert not small, (path, small)


# -- files a shop can tell apart ------------------------------------------------------------------


def _base_fonts(data: bytes) -> set[str]:
    r = pypdf.PdfReader(io.BytesIO(data))
    return {str(f.get_object()["/BaseFont"]) for p in r.pages for f in (p["/Resources"].get("/Font") or {}).values()}


def test_files_carry_the_contents_date_and_their_own_subset_tags(artifacts, symposium):
    poster = artifacts("symposium", "poster")["poster.pdf"]
    badges = artifacts("symposium", "badges")["badges.pdf"]
    r = pypdf.PdfReader(io.BytesIO(poster))
    assert r.metadata["/CreationDate"] == f"D:{symposium.updated:%Y%m%d%H%M%S}+02'00'"  # updated:, Berlin summer time
    assert b"<xmp:CreateDate>" + f"{symposium.updated:%Y-%m-%dT%H:%M:%S}+02:00".encode() in \
        r.trailer["/Root"]["/Metadata"].get_data()
    for data in (poster, badges):
        tags = [name.split("+")[0] for name in _base_fonts(data)]
        assert len(set(tags)) == len(tags) and "/AAAAAA" not in tags, tags
    # the same face with other characters in it is another subset: another tag
    regular = [{n for n in _base_fonts(d) if n.endswith("+NotoSans-Regular")} for d in (poster, badges)]
    assert regular[0] and regular[1] and not regular[0] & regular[1]


def test_faster_object_writing_gives_reportlabs_bytes(monkeypatch, symposium):
    """layouts/pdfwrite.py writes a file's objects as ReportLab does: one document saved with
    ReportLab's own writing and with ours is the same bytes (names that need #-escapes, metadata in
    the pdfdoc encoding and in UTF-16, numbers, links, outlines, forms, fallback font subsets)."""
    from eventprint.layouts.kit import common, pdfwrite, textruns

    def document() -> bytes:
        buf = io.BytesIO()
        c = common.new_canvas(buf, (300, 300), symposium, "T\u00fcbingen \u2013 \u6771\u4eac <&> (x)", "Pr\u00fcfung")
        c.bookmarkPage("a b#c")
        c.addOutlineEntry("\u00c9t\u00e9 \U0001f4cc (1/2)", "a b#c", level=0)
        for k, text in enumerate(("Plain ASCII", "Gr\u00fc\u00dfe \u20ac \u2022", "\u4e2d\u6587 \u0645\u062d\u0645\u062f \U0001f4cc")):
            textruns.draw(c, 20, 250 - 30 * k, text, ("regular", "bold", "italic")[k], 12.5)
        c.linkURL("https://example.org/a?b=1&c=(2)", (20, 20, 120, 40), relative=1)
        c.beginForm("Form #1", 0, 0, 10, 10)
        c.rect(1, 1, 8, 8, fill=1)
        c.endForm()
        c.doForm("Form #1")
        c.showPage()
        c.save()
        return buf.getvalue()

    ours = document()
    monkeypatch.setattr(pdfwrite, "install", lambda: None)
    pdfwrite.uninstall()
    try:
        theirs = document()
    finally:
        monkeypatch.undo()
        pdfwrite.install()
    # it writes what it says: an escaped name, metadata in UTF-16 and in the pdfdoc encoding
    assert b"/FormXob.Form#20#231" in ours and b"/Title (\\376\\377" in ours and b"(Pr\\374fung)" in ours
    assert ours == theirs

    def encoded(encode, text):
        try:
            return encode(text)
        except UnicodeError as e:
            return type(e)
    texts = [chr(i) for i in range(0x100)] + ["\u20ac", "\u2022 x", "a\x18b", "plain", b"bytes"]
    assert [encoded(pdfwrite._encoded, t) for t in texts] == [encoded(pdfwrite._ORIGINAL[1], t) for t in texts]


def test_paper_thickness_is_read_and_checked(tmp_path):
    import shutil
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    event_yaml = content / "event.yaml"
    text = event_yaml.read_text()
    event_yaml.write_text(text + "paper_thickness: 0.13\n")
    from eventprint.build import load
    assert load(content).paper_thickness == 0.13
    event_yaml.write_text(text + "paper_thickness: thick\n")
    res = run_cli("check", "--content", str(content))
    line = len(text.splitlines()) + 1
    assert res.returncode == 2 and f"event.yaml:{line}: paper_thickness 'thick' is not a paper thickness" in res.stderr


def test_an_item_with_no_room_says_the_same_place_everywhere(artifacts, symposium):
    """Lunch (no room in the content) is 'MPI-IS' on the door sign, in the booklet and on the poster."""
    import pdfcheck as pc
    day = symposium.days[0]
    lunch = next(it for it in day.items if it.room is None and it.kind.is_pause)
    when, place = lunch.time_range, day.venue.short_name
    # the reading copies: the imposed booklets and the single door signs are the same pages again
    for output, path in (("poster", "poster.pdf"), ("booklet", "booklet.pdf"), ("signs", "signs/all-signs.pdf")):
        text = "\n".join(pc.page_texts(artifacts("symposium", output)[path]))
        lines = [ln for ln in text.splitlines() if when in ln and lunch.title.display in ln]
        assert lines and all(place in ln for ln in lines), (output, lines)


def test_title_to_be_confirmed_is_set_one_way(artifacts, symposium):
    """A title still to be confirmed: its weight's italic, in the muted colour, on the door sign, the
    poster and in the booklet (talk head and at-a-glance) alike (theme.title_face)."""
    import pdfcheck as pc
    placeholder = next(it for it in symposium.items if not it.title.confirmed).title.display
    faces, colours = set(), set()
    for output, path in (("signs", "signs/all-signs.pdf"), ("poster", "poster.pdf"), ("booklet", "booklet.pdf")):
        seen = 0
        for page in pc.page_chars(artifacts("symposium", output)[path]):
            page = [c for c in page if c["text"].strip()]  # words may be drawn one by one
            text = "".join(c["text"] for c in page)
            target = placeholder.replace(" ", "")
            at = text.find(target)
            while at >= 0:
                run = page[at:at + len(target)]
                faces |= {c["fontname"].split("+")[-1] for c in run}
                colours |= {tuple(round(v, 2) for v in c["non_stroking_color"]) for c in run}
                seen += 1
                at = text.find(target, at + 1)
        assert seen, output
    assert all("Italic" in f for f in faces), faces
    assert len(colours) == 1, colours


def test_colours_are_set_as_reportlab_sets_them(symposium):
    """PressCanvas sets a colour from what it worked out the first time it met it: the operators,
    the canvas's state and the errors are ReportLab's, for theme colours, a brand's palette, grey
    (converted to CMYK), RGB (refused), colours with an alpha or a density, a spot colour and an
    alpha given with the call."""
    from reportlab.lib.colors import CMYKColor, CMYKColorSep, Color, PCMYKColor
    from reportlab.pdfgen.canvas import Canvas

    from eventprint.layouts.kit import common, theme

    brand = theme.Ink(0.9, 0.1, 0, 0.2)
    colours = [theme.INK, theme.MUTED, theme.ACCENT, theme.ACCENT_LIGHT, theme.WHITE, Color(0.2, 0.4, 0.6),
               Color(0.5, 0.5, 0.5), CMYKColor(0.1, 0.2, 0.3, 0.4, alpha=0.5), PCMYKColor(10, 20, 30, 40),
               CMYKColorSep(0, 0.5, 1, 0, spotName="Gold"), CMYKColor(0, 0, 0, 1, density=0.5)]

    def drawn(fast: bool) -> tuple[list[str], list]:
        c = common.new_canvas(io.BytesIO(), (100, 100), symposium, "t", "s")
        c._enforceColorSpace = (lambda e: lambda colour: {theme.colour_key(theme.ACCENT): brand}.get(
            theme.colour_key(colour)) or e(colour))(c._enforceColorSpace)  # a brand's accent
        fill = c.setFillColor if fast else functools.partial(Canvas.setFillColor, c)
        stroke = c.setStrokeColor if fast else functools.partial(Canvas.setStrokeColor, c)
        state = []
        for _ in range(2):  # the second time from what the canvas kept
            for colour in colours:
                for set_colour in (fill, stroke):
                    try:
                        set_colour(colour)
                    except ValueError as e:  # RGB: the canvas takes CMYK only
                        state.append(str(e))
                state.append((repr(c._fillColorObj), repr(c._strokeColorObj), c._extgstate._d.copy()))
            fill(theme.INK, alpha=0.3)
            stroke(theme.ACCENT, alpha=0.7)
        return c._code, state

    fast, slow = drawn(True), drawn(False)
    assert fast == slow
    assert any(op.endswith(" k") for op in fast[0]) and any(op.endswith(" gs") for op in fast[0])
    assert any(isinstance(s, str) and "CMYK" in s for s in fast[1])


def test_streams_and_subsets_met_again_are_reused_by_content():
    """layouts/pdfwrite.py compresses a stream, and cuts a font subset, once for files that share
    them (each door sign's file and all-signs.pdf): by what they hold, never by anything less."""
    import zlib

    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.pdfmetrics import getFont

    from eventprint.fonts import register
    from eventprint.layouts.kit import pdfwrite, theme

    register()
    pdfwrite.install()
    a, b = b"0 0 1 rg 10 10 50 50 re f\n" * 40, b"1 0 0 rg 10 10 50 50 re f\n" * 40  # the same length
    assert [zlib.decompress(pdfdoc.PDFZCompress.encode(x)) for x in (a, b, a, "text \u00e9")] == \
        [a, b, a, "text \u00e9".encode("utf8")]
    face = getFont(theme.FONT).face
    one, two = face.makeSubset([0x20, 0x41, 0x42]), face.makeSubset([0x20, 0x41, 0x43])
    assert one != two and face.makeSubset([0x20, 0x41, 0x42]) is one
    assert one == pdfwrite._MAKE_SUBSET(face, [0x20, 0x41, 0x42])
