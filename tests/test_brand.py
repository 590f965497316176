"""An event's own look (issue 29): ``brand:`` in event.yaml — logo, accent colour, type family.

Read from the files: the logo is placed (a form or an image) on the booklet's first page, on
every badge, door sign, the poster and every name tent; every image and shading is CMYK; the
accent's CMYK fills and strokes where the teal did, and the teal is gone; the family is
embedded and sets the Latin text, Noto Sans only what it lacks. The loader's errors and
warnings name their lines; ``check`` warns of a light colour and a coarse raster logo.
tests/fixtures/brand: an SVG logo, a PNG logo for coloured panels, a plum accent, a serif family.
"""
from __future__ import annotations

import io
import re
import shutil

import pypdf
import pytest
from reportlab.lib.rl_accel import fp_str

import pdfcheck
from conftest import BRAND, event_named, run_cli
from test_press import colour_operators

OUTPUTS = ("booklet", "signs", "poster", "badges", "chairs", "tents", "cards")
ACCENT = (0.2, 1.0, 0.45, 0.3)  # tests/fixtures/brand/event.yaml: colour: [20, 100, 45, 30]
TEAL = (0.9, 0.3, 0.38, 0.18)  # theme.ACCENT


def _pdfs(artifacts, output: str) -> dict[str, bytes]:
    return {p: d for p, d in artifacts("brand", output).items() if p.endswith(".pdf")}


def _placements(res_owner, stream: bytes, name: str) -> int:
    """How many times XObject ``name`` is painted by ``stream`` (a page's or a form's content, whose
    resources ``res_owner`` has), counting it inside the forms the stream paints, times theirs."""
    res = res_owner.get("/Resources")
    xobjects = (res.get_object().get("/XObject") or {}) if res else {}
    count = 0
    for used in re.findall(rb"/([\w.+-]+) Do", stream):
        key = "/" + used.decode()
        if key == "/" + name:
            count += 1
        elif key in xobjects and xobjects[key].get_object().get("/Subtype") == "/Form":
            form = xobjects[key].get_object()
            count += _placements(form, form.get_data(), name)
    return count


def _logos_per_page(pdf: bytes) -> list[int]:
    """Per page, how many times a logo (form or image, EPLogo*) is painted on it."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    out = []
    for page in reader.pages:
        data = page.get_contents().get_data()
        out.append(sum(_placements(page, data, f"FormXob.EPLogo{n}") for n in (1, 2)))
    return out


def _images_and_shadings(pdf: bytes):
    """(where, colour space, /SMask or None) of every image and shading any page or form uses."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    seen: set[int] = set()

    def walk(owner, where):
        res = owner.get("/Resources")
        res = res.get_object() if res else {}
        for kind in ("/XObject", "/Shading"):
            for key, ref in (res.get(kind) or {}).items():
                obj = ref.get_object()
                if id(obj) in seen:
                    continue
                seen.add(id(obj))
                if kind == "/Shading" or obj.get("/Subtype") == "/Image":
                    yield f"{where} {key}", obj.get("/ColorSpace"), obj.get("/SMask")
                elif obj.get("/Subtype") == "/Form":
                    yield from walk(obj, f"{where} {key}")

    for n, page in enumerate(reader.pages):
        yield from walk(page, f"page {n + 1}")


def _cmyk(space) -> bool:
    space = space.get_object() if hasattr(space, "get_object") else space
    if space == "/DeviceCMYK":
        return True
    return isinstance(space, list) and space[0] == "/ICCBased" and space[1].get_object()["/N"] == 4


# -- the logo ---------------------------------------------------------------------------------------

def test_the_logo_is_on_the_booklets_cover_every_badge_sign_poster_and_tent(artifacts):
    people = len(event_named("brand").people_with_roles)
    booklet = artifacts("brand", "booklet")
    assert _logos_per_page(booklet["booklet.pdf"])[0] == 1
    assert sum(_logos_per_page(booklet["booklet.pdf"])[1:]) == 0  # the cover only
    for imposed in ("booklet-imposed.pdf", "booklet-press.pdf"):  # the cover's sheet carries it too
        assert sum(_logos_per_page(booklet[imposed])) == 1, imposed
    badges = _logos_per_page(artifacts("brand", "badges")["badges.pdf"])
    assert badges == [people, people]  # every badge's band, front and back
    signs = _pdfs(artifacts, "signs")
    assert len(signs) > 2 and all(all(n == 1 for n in _logos_per_page(d)) for d in signs.values()), signs.keys()
    assert _logos_per_page(artifacts("brand", "poster")["poster.pdf"]) == [1]
    assert _logos_per_page(artifacts("brand", "tents")["name-tents.pdf"]) == [2] * people  # both halves


def test_the_svg_logo_stays_vector_and_the_png_is_a_cmyk_image_with_its_transparency(artifacts):
    pdf = artifacts("brand", "badges")["badges.pdf"]  # bands: the PNG made for coloured panels
    found = list(_images_and_shadings(pdf))
    images = [(w, s, m) for w, s, m in found if "EPLogo" in w]
    assert len(images) == 1 and images[0][1] == "/DeviceCMYK" and images[0][2] is not None
    assert images[0][2].get_object()["/ColorSpace"] == "/DeviceGray"  # a soft mask, not colour
    sign = next(iter(_pdfs(artifacts, "signs").values()))  # white paper: the SVG, as a form
    page = pypdf.PdfReader(io.BytesIO(sign)).pages[0]
    form = page["/Resources"]["/XObject"]["/FormXob.EPLogo1"].get_object()
    assert form["/Subtype"] == "/Form" and b" re" in form.get_data() and b" f" in form.get_data()
    assert "/Shading" in form["/Resources"]  # its gradient, with the form's own resources


@pytest.mark.parametrize("output", OUTPUTS)
def test_every_image_and_shading_is_cmyk_and_every_colour_too(artifacts, output):
    for path, pdf in _pdfs(artifacts, output).items():
        for where, space, _mask in _images_and_shadings(pdf):
            if where.endswith("Mask"):
                continue
            assert _cmyk(space), (path, where, space)
        ops = colour_operators(pdf)
        assert ops <= {b"k", b"K"}, (path, ops)


# -- the colour --------------------------------------------------------------------------------------

def _streams(pdf: bytes) -> bytes:
    from test_press import _streams as streams
    return b"\n".join(streams(pypdf.PdfReader(io.BytesIO(pdf))))


@pytest.mark.parametrize("output", ("booklet", "signs", "poster", "badges", "chairs"))
def test_the_accent_replaces_the_teal(artifacts, output):
    fill, teal = f"{fp_str(*ACCENT)} k".encode(), fp_str(*TEAL).encode()
    for path, pdf in _pdfs(artifacts, output).items():
        data = _streams(pdf)
        assert fill in data or fill.replace(b" k", b" K") in data, path
        assert teal not in data, path


def test_the_site_takes_the_accent_and_the_logo(artifacts):
    site = artifacts("brand", "site")
    brand = event_named("brand").brand
    css = site["site/style.css"].decode()
    assert f"--accent: {brand.accent.screen};" in css and "#0b6e79" not in css
    assert site["site/logo.png"] == brand.logo_on_dark.data  # the bar is coloured: the logo made for it
    page = site["site/talks/keynote.html"].decode()
    assert '<a class="logo" href="../index.html"><img src="../logo.png" alt=""' in page


# -- the family --------------------------------------------------------------------------------------

@pytest.mark.parametrize("output", ("booklet", "signs", "poster", "badges", "tents"))
def test_the_family_is_embedded_and_sets_latin_text_noto_only_what_it_lacks(artifacts, output):
    for path, pdf in _pdfs(artifacts, output).items():
        assert not pdfcheck.unembedded_fonts(pdf), path
        chars = [c for page in pdfcheck.page_chars(pdf) for c in page if c["text"].strip()]
        latin = [c for c in chars if c["text"].isascii()]
        assert latin and all("FixtureSerif" in c["fontname"] for c in latin), \
            (path, {c["fontname"] for c in latin})
        greek = [c for c in chars if "\u0370" <= c["text"] <= "\u03ff"]
        assert all("NotoSans" in c["fontname"] for c in greek), path
        if output in ("booklet", "badges", "tents"):  # Σοφία: a speaker, named there
            assert greek, path


def test_bold_and_italic_come_from_the_family(artifacts):
    pdf = artifacts("brand", "booklet")["booklet.pdf"]
    fonts = {c["fontname"].split("+")[-1] for page in pdfcheck.page_chars(pdf) for c in page}
    assert {"FixtureSerif-Regular", "FixtureSerif-Bold", "FixtureSerif-Italic",
            "FixtureSerif-BoldItalic"} <= fonts, fonts  # Title to be confirmed: bold italic


# -- without a brand -----------------------------------------------------------------------------------

def test_without_a_brand_nothing_of_one_prints(artifacts, symposium):
    from eventprint.brand import Brand
    assert symposium.brand == Brand()
    assert sum(_logos_per_page(artifacts("symposium", "booklet")["booklet.pdf"])) == 0
    data = _streams(artifacts("symposium", "booklet")["booklet.pdf"])
    assert f"{fp_str(*TEAL)} k".encode() in data
    css = artifacts("symposium", "site")["site/style.css"].decode()
    assert ".logo" not in css and "--accent: #0b6e79;" in css
    assert not any(p.startswith("site/logo") for p in artifacts("symposium", "site"))


def test_each_part_of_a_brand_changes_only_its_own(tmp_path):
    """A colour alone keeps Noto Sans and prints no logo; a family alone keeps the teal."""
    from eventprint.build import load, render
    from eventprint.options import BuildOptions
    from conftest import real_renders
    for part, keeps in (("  colour: [20, 100, 45, 30]\n", "fonts"), ("  font:\n    regular: brand/FixtureSerif-Regular.ttf\n", "teal")):
        folder = _brand_copy(tmp_path / keeps, "brand:\n" + part)
        with real_renders():
            (sign, *_) = [a.data for a in render(load(folder), "signs", BuildOptions()) if a.path.endswith(".pdf")]
        fonts = {c["fontname"].split("+")[-1] for page in pdfcheck.page_chars(sign) for c in page}
        assert sum(_logos_per_page(sign)) == 0
        if keeps == "fonts":
            assert fonts <= {"NotoSans-Regular", "NotoSans-Bold"} and fp_str(*ACCENT).encode() in _streams(sign)
        else:
            assert "FixtureSerif-Regular" in fonts and fp_str(*TEAL).encode() in _streams(sign)


# -- what the loader and check say --------------------------------------------------------------------

def _brand_copy(tmp_path, brand_yaml: str):
    folder = tmp_path / "event"
    shutil.copytree(BRAND, folder)
    text = (folder / "event.yaml").read_text()
    (folder / "event.yaml").write_text(text[:text.index("brand:")] + brand_yaml)
    return folder


def _line_of(folder, key: str) -> int:
    return next(n for n, line in enumerate((folder / "event.yaml").read_text().splitlines(), 1)
                if line.strip().startswith(key))


def test_unusable_brand_files_are_errors_at_their_lines(tmp_path):
    from eventprint.build import load
    from eventprint.problems import ContentError
    folder = _brand_copy(tmp_path, "brand:\n  logo: brand/logo.pdf\n  logo_on_dark: brand/text.svg\n"
                         "  colour: [120, 0, 0]\n  font:\n    regular: brand/Missing.ttf\n    bold: brand/Cff.otf\n")
    (folder / "brand" / "logo.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (folder / "brand" / "text.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10">'
                                               '<text x="0" y="9">ACME</text></svg>')
    (folder / "brand" / "Cff.otf").write_bytes(b"OTTO" + bytes(200))
    with pytest.raises(ContentError) as raised:
        load(folder)
    found = {p.line: str(p) for p in raised.value.problems}
    assert "is a PDF" in found[_line_of(folder, "logo:")] and "SVG" in found[_line_of(folder, "logo:")]
    assert "has text in it" in found[_line_of(folder, "logo_on_dark:")]
    assert "four CMYK percentages" in found[_line_of(folder, "colour:")]
    assert "does not exist" in found[_line_of(folder, "regular:")]
    assert "PostScript (CFF) outlines" in found[_line_of(folder, "bold:")]
    assert len(found) == 5, found


def test_an_svg_logo_without_the_svg_extra_is_an_error_naming_it(tmp_path, monkeypatch):
    """svglib and lxml are an extra (13 MB for one file of one event): without them an SVG logo
    is one error at its line that says what to install, or to give a PNG."""
    from eventprint import svg
    from eventprint.build import load
    from eventprint.problems import ContentError
    monkeypatch.setattr(svg, "available", lambda: False)
    folder = _brand_copy(tmp_path, "brand:\n  logo: brand/logo.svg\n")
    with pytest.raises(ContentError) as raised:
        load(folder)
    (problem,) = raised.value.problems
    assert problem.line == _line_of(folder, "logo:")
    assert "needs eventprint's svg extra" in str(problem) and "pip install 'eventprint[svg]'" in str(problem)


def test_a_family_without_italics_warns_and_prints_another_face_in_their_place(tmp_path):
    from eventprint.build import load_with_warnings
    folder = _brand_copy(tmp_path, "brand:\n  font:\n    regular: brand/FixtureSerif-Regular.ttf\n"
                         "    bold: brand/FixtureSerif-Bold.ttf\n")
    event, warnings = load_with_warnings(folder)
    regular, bold = ((folder / "brand" / f"FixtureSerif-{s}.ttf").read_bytes() for s in ("Regular", "Bold"))
    assert event.brand.font.faces == (regular, bold, regular, bold)  # italic: the regular; bold italic: the bold
    said = [w for w in warnings if "brand font has no" in w.what]
    assert len(said) == 2 and all(w.line == _line_of(folder, "font:") for w in said), said
    assert event.brand.logo is None and event.brand.accent is None


def test_check_warns_of_a_light_colour_and_a_coarse_logo(tmp_path):
    from PIL import Image
    folder = _brand_copy(tmp_path, "brand:\n  logo: brand/small.png\n  colour: [0, 30, 100, 0]\n")
    Image.new("RGB", (120, 40), (200, 30, 60)).save(folder / "brand" / "small.png")
    done = run_cli("check", "--all", "--content", str(folder))
    assert done.returncode == 0, done.stderr
    out = done.stdout + done.stderr
    colour = [line for line in out.splitlines() if "too light for text" in line]
    assert len(colour) == 1 and f"event.yaml:{_line_of(folder, 'colour:')}:" in colour[0]
    coarse = [line for line in out.splitlines() if "dpi" in line and "small.png" in line]
    assert coarse and all(f"event.yaml:{_line_of(folder, 'logo:')}:" in line for line in coarse), out
    assert any("on the poster" in line for line in coarse)
