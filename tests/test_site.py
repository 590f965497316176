"""The static site: every URL the print outputs use has its file, links resolve, calendars are right.

The site is rendered in memory once per event; the PDF cross-check builds every
output into a temporary folder once and decodes each PDF page at most once.
"""
from __future__ import annotations

import hashlib
import io
import posixpath
import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import conftest
import icalendar
import pypdf
import pytest

from eventprint import urls
from eventprint.build import render
from eventprint.outputs import NAMES
from eventprint.options import BuildOptions
from eventprint.layouts.site import pages as site
from eventprint.layouts.site import ics as site_ics
import pdfcheck

EVENTS = ("symposium", "three_day", "edge")


def shared_site_files(event) -> dict[str, bytes]:
    """The site of one of the test events as rendered once for the whole run (conftest.rendered)."""
    name = next(n for n in conftest.EVENT_DIRS if conftest.event_named(n) is event)
    return {p[len("site/"):]: data for p, data in conftest.rendered(name, "site").items()}


def site_files(event) -> dict[str, bytes]:
    """Rendered site as {path below site/: bytes}."""
    arts = render(event, "site", BuildOptions())
    assert all(a.path.startswith("site/") for a in arts)
    files = {a.path[len("site/"):]: a.data for a in arts}
    assert len(files) == len(arts), "two artifacts with the same path"
    return files


@pytest.fixture(params=EVENTS)
def ev_files(request, artifacts):
    event = request.getfixturevalue(request.param)
    files = {p[len("site/"):]: data for p, data in artifacts(request.param, "site").items()}
    assert all(p.startswith("site/") for p in artifacts(request.param, "site"))
    return event, files


class Doc(HTMLParser):
    """What the tests need from a page: links, ids, head facts, text by tag, and all text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.by_tag: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.links.append(a[key])
        if a.get("id"):
            self.ids.add(a["id"])
        if tag not in ("meta", "link", "br", "img", "input"):
            self._open.append(tag)
            self.by_tag.setdefault(tag, []).append("")

    def handle_endtag(self, tag):
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data):
        self.text.append(data)
        for tag in set(self._open):
            self.by_tag[tag][-1] += data

    @property
    def all_text(self) -> str:
        return " ".join(" ".join(self.text).split())


def doc(files, path) -> Doc:
    return Doc(files[path].decode("utf-8"))


# -- every URL a PDF can contain has its file ----------------------------------------
def test_every_public_url_has_a_file(ev_files):
    event, files = ev_files
    expected = [urls.programme_url(event)]
    expected += [urls.talk_url(event, it) for it in event.talks]
    expected += [urls.person_url(event, p) for p in event.people_with_roles]
    expected += [urls.room_day_url(event, r, d.date) for r, d in event.room_days()]
    expected += [urls.url(event, urls.talk_ics_path(it)) for it in event.talks]
    expected += [urls.url(event, urls.CALENDAR), urls.url(event, urls.STYLESHEET)]
    for u in expected:
        path = urls.site_path_of(event, u)
        assert path in files, f"{u} -> {path} is not in the site"
    assert urls.site_path_of(event, urls.programme_url(event)) == "index.html"




def _pdf_urls(pdf: bytes, seen_pages: set[bytes] | None = None) -> set[str]:
    """URIs of link annotations and QR codes of every page.

    A page whose content stream is byte-identical to one already decoded (a door sign in
    all-signs.pdf and in its own file) draws the same QR codes and is not decoded again.
    """
    found: set[str] = set()
    seen_pages = set() if seen_pages is None else seen_pages
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    for index, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            action = ref.get_object().get("/A")
            if action is not None and action.get_object().get("/URI"):
                found.add(str(action.get_object()["/URI"]))
        contents = page.get_contents()
        key = hashlib.sha256(contents.get_data() if contents is not None else b"").digest()
        if key in seen_pages:
            continue
        seen_pages.add(key)
        found.update(pdfcheck.page_qr_codes(pdf, index))
    return found


def test_urls_in_built_pdfs_resolve_to_site_files(symposium, artifacts):
    """Every URL a PDF of the symposium links to or encodes in a QR code is a file of out/site/."""
    outputs = {name: artifacts("symposium", name) for name in NAMES}
    pdfs = {path: data for name in NAMES if name != "site" for path, data in outputs[name].items()
            if path.endswith(".pdf")}
    assert {"booklet.pdf", "poster.pdf", "badges.pdf", "signs/all-signs.pdf"} <= set(pdfs)
    site_files_ = {p[len("site/"):] for p in outputs["site"]}
    assert "index.html" in site_files_
    found: dict[str, str] = {}
    seen_pages: set[bytes] = set()
    for path, pdf in sorted(pdfs.items()):
        for u in _pdf_urls(pdf, seen_pages):
            found.setdefault(u, path)
    ours = {u: src for u, src in found.items() if u.startswith(symposium.base_url)}
    # the talk pages (booklet, badges), the programme (poster, badges) and the rooms (signs) at least
    assert sum("/talks/" in u for u in ours) >= len(symposium.talks)
    assert sum("/rooms/" in u for u in ours) == len(symposium.room_days())
    assert urls.programme_url(symposium) in ours
    for u, src in ours.items():
        path = urls.site_path_of(symposium, u)
        assert path in site_files_, f"{src} contains {u}, but out/site/{path} does not exist"


def test_pdf_url_collection_finds_qr_codes_and_links(tmp_path, symposium):
    """The collector above is not blind: a QR code drawn with common.draw_qr and a link annotation are found."""
    from reportlab.lib.units import mm

    from eventprint.layouts.kit import common
    qr_url = urls.talk_url(symposium, symposium.talks[0])
    link_url = urls.person_url(symposium, symposium.people_with_roles[0])
    buf = io.BytesIO()
    c = common.new_canvas(buf, (80 * mm, 80 * mm), symposium, "qr", "test")
    common.draw_qr(c, qr_url, 10 * mm, 20 * mm, 50 * mm)
    c.linkURL(link_url, (5 * mm, 5 * mm, 40 * mm, 15 * mm), relative=0)
    c.showPage()
    c.save()
    assert _pdf_urls(buf.getvalue()) == {qr_url, link_url}
    files = shared_site_files(symposium)
    assert all(urls.site_path_of(symposium, u) in files for u in (qr_url, link_url))


# -- pages and links ----------------------------------------------------------------
def test_every_internal_link_resolves(ev_files):
    event, files = ev_files
    docs = {p: doc(files, p) for p in files if p.endswith(".html")}
    for path, d in docs.items():
        for link in d.links:
            assert not re.match(r"^[a-z][a-z0-9+.-]*://|^//", link), f"{path}: external link {link}"
            if link.startswith("data:"):
                continue
            assert not link.startswith("/"), f"{path}: {link} is absolute, must be relative"
            target, _, anchor = link.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) if target else path
            assert resolved in files, f"{path}: link {link} -> {resolved} does not exist"
            if anchor:
                assert anchor in docs[resolved].ids, f"{path}: link {link}: no id '{anchor}' in {resolved}"


def test_every_page_is_reachable_from_the_index(ev_files):
    event, files = ev_files
    seen, todo = {"index.html"}, ["index.html"]
    while todo:
        path = todo.pop()
        if not path.endswith(".html"):
            continue
        for link in doc(files, path).links:
            target = link.partition("#")[0]
            if not target or target.startswith("data:"):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if resolved not in seen:
                seen.add(resolved)
                todo.append(resolved)
    assert set(files) - seen == set()


def test_every_page_has_language_charset_viewport_title_and_no_script(ev_files):
    event, files = ev_files
    for path in (p for p in files if p.endswith(".html")):
        text = files[path].decode("utf-8")
        assert text.startswith("<!DOCTYPE html>\n"), path
        d = Doc(text)
        html_tag = next(a for t, a in d.tags if t == "html")
        assert html_tag.get("lang") == event.language, path
        metas = [a for t, a in d.tags if t == "meta"]
        assert {"charset": "utf-8"} in metas, path
        assert any(a.get("name") == "viewport" and a.get("content") == "width=device-width, initial-scale=1"
                   for a in metas), path
        assert d.by_tag["title"][0].strip(), f"{path} has an empty title"
        css = [a["href"] for t, a in d.tags if t == "link" and a.get("rel") == "stylesheet"]
        assert len(css) == 1 and css[0].endswith(urls.STYLESHEET), path
        assert "script" not in [t for t, _ in d.tags], f"{path} has a script element"
        assert len(d.by_tag["h1"]) == 1, f"{path} should have exactly one h1"


def test_stylesheet_is_small_local_and_uses_the_accent(ev_files):
    event, files = ev_files
    css = files[urls.STYLESHEET].decode("utf-8")
    assert len(css) < 12_000
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    from eventprint.layouts.kit import theme
    assert site.site_style.css_hex(theme.ACCENT) in css
    assert "max-width: 40rem" in css


def test_output_is_deterministic(ev_files):
    event, files = ev_files
    assert site_files(event) == files


# -- what the pages say ----------------------------------------------------------------
def test_index_lists_every_item_by_day(symposium):
    files = shared_site_files(symposium)
    d = doc(files, "index.html")
    text = d.all_text
    for day in symposium.days:
        assert urls.day_anchor(day.date) in d.ids
        assert day.label in text
    for it in symposium.items:
        assert it.id in d.ids
        assert it.title.display in text and it.time_range in text
        for p in it.speakers:
            assert p.name in text
    # talk titles link to their pages; breaks and meals are quiet rows
    hrefs = set(d.links)
    for it in symposium.talks:
        assert urls.talk_path(it) in hrefs
    pause_rows = [a for t, a in d.tags if t == "li" and "pause" in a.get("class", "").split()]
    assert len(pause_rows) == sum(1 for it in symposium.items if it.kind.is_pause) > 0
    # day order: each day's section starts after the previous one
    html = files["index.html"].decode()
    positions = [html.index(f'id="{urls.day_anchor(day.date)}"') for day in symposium.days]
    assert positions == sorted(positions)


def test_talk_page_has_everything_the_issue_asks(symposium):
    files = shared_site_files(symposium)
    it = symposium.item("haptic-intelligence")
    d = doc(files, urls.talk_path(it))
    text = d.all_text
    assert d.by_tag["h1"] == ["Haptic Intelligence"]
    assert d.by_tag["title"][0] == f"Haptic Intelligence \u2013 {symposium.short_name}"
    assert "Keynote" in text
    assert "Monday 16 September 2024" in text
    assert "13:00\u201313:30 CEST" in text
    assert it.room.name in text and it.room.venue.name in text
    assert all(line in text for line in it.room.venue.address)
    speaker = it.speakers[0]
    assert speaker.name in text and speaker.position in text and speaker.affiliations[0] in text
    assert "Chair" in text and it.chairs[0].name in text
    abstract = " ".join(it.abstract.split())
    assert abstract in text
    assert " ".join(speaker.bio.split()) in text
    assert "../" + urls.person_path(speaker) in d.links
    assert posixpath.basename(urls.talk_ics_path(it)) in d.links
    assert "Add to calendar" in text
    assert f"../index.html#{urls.day_anchor(it.date)}" in d.links


def test_abstract_paragraphs_and_tbc_title(edge):
    files = shared_site_files(edge)
    it = edge.item("long-title")
    paras = [p for p in it.abstract.split("\n\n") if p.strip()]
    assert len(paras) > 1
    abstract_ps = files[urls.talk_path(it)].decode().split('<div class="abstract">', 1)[1].split("</div>", 1)[0]
    assert abstract_ps.count("<p>") == len(paras)
    tbc = edge.item("tbc-talk")
    assert doc(files, urls.talk_path(tbc)).by_tag["h1"] == ["Title to be confirmed"]
    assert "Title to be confirmed" in doc(files, "index.html").all_text


def test_person_page_lists_roles_and_items(three_day):
    files = shared_site_files(three_day)
    for p in three_day.people_with_roles:
        d = doc(files, urls.person_path(p))
        text = d.all_text
        assert d.by_tag["h1"] == [p.name]
        for it in three_day.items_of(p):
            assert it.title.display in text
            if it.is_talk:
                assert "../" + urls.talk_path(it) in d.links
        labels = {site.ROLE_LABELS[r] for r in p.roles}
        assert all(label in text for label in labels)
        if p.bio:
            assert " ".join(p.bio.split()) in text


# the time on one line, or over two ('09:30–' over '10:15') where a sign's titles need the width
_SIGN_ROW = re.compile(r"(?m)^(\d\d:\d\d\u2013)\s*(\d\d:\d\d)\s+(?:KEYNOTE\s+)?(\S+)")


def _sign_rows(pdf: bytes) -> list[tuple[str, str]]:
    """(time, first word) of every schedule row printed on a door sign, read from the PDF
    (a keynote's label sits under its time, before the title in reading order)."""
    return [(m.group(1) + m.group(2), m.group(3)) for text in pdfcheck.flow_texts(pdf) for m in _SIGN_ROW.finditer(text)]


def _starts(title: str, word: str) -> bool:
    head, word = title.split()[0], word.removesuffix("\u2026")  # a title cut after its first word
    return head == word or (word.endswith("-") and head.startswith(word[:-1]))


@pytest.mark.parametrize("name", EVENTS)
def test_room_day_page_lists_what_the_door_sign_prints(request, name):
    """The page a sign's QR code opens lists the very rows printed on that sign (read from both outputs)."""
    from eventprint.layouts.signs import document as signs

    event = request.getfixturevalue(name)
    files = shared_site_files(event)
    name_ = next(n for n in conftest.EVENT_DIRS if conftest.event_named(n) is event)
    printed = conftest.rendered(name_, "signs")
    for room, day in event.room_days():
        d = doc(files, urls.room_day_path(room, day.date))
        assert d.by_tag["h1"] == [room.name]
        listed = [it for it in day.items if it.id in d.ids]
        rows = _sign_rows(printed[signs.sign_path(room.id, day.date)])
        assert len(listed) == len(rows), (room.id, day.date, [it.id for it in listed], rows)
        for it in listed:
            match = next((r for r in rows if r[0] == it.time_range and _starts(it.title.display, r[1])), None)
            assert match is not None, (room.id, day.date, it.id, rows)
            rows.remove(match)
        # an item in another room says where it is
        for it in listed:
            if it.room is not None and it.room is not room:
                assert urls.room_day_path(it.room, day.date).split("/")[-1] in d.links


# -- escaping ------------------------------------------------------------------------
def test_content_markup_renders_literally(edge):
    files = shared_site_files(edge)
    for path, data in files.items():
        if path.endswith(".html"):
            text = data.decode("utf-8")
            assert "<script" not in text.lower(), f"{path} contains an unescaped <script>"
            assert "<b>" not in text and "<future>" not in text and "<Engineer>" not in text, path
    it = edge.item("markup-talk")
    page = files[urls.talk_path(it)].decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "R&amp;D &lt;future&gt;: &quot;Quotes&quot; &amp; &#x27;Apostrophes&#x27;" in page
    d = Doc(page)
    assert d.by_tag["h1"] == [it.title.text]  # the browser shows exactly the title
    person = edge.person("markup")
    pd = doc(files, urls.person_path(person))
    assert pd.by_tag["h1"] == [person.name]
    assert " ".join(person.bio.split()) in pd.all_text
    assert edge.name in doc(files, "index.html").all_text


# -- calendars --------------------------------------------------------------------------
def _events(data: bytes):
    return icalendar.Calendar.from_ical(data).walk("VEVENT")


def test_calendar_times_zone_and_uids(symposium):
    files = shared_site_files(symposium)
    it = symposium.item("haptic-intelligence")
    (ve,) = _events(files[urls.talk_ics_path(it)])
    start, end = ve.decoded("DTSTART"), ve.decoded("DTEND")
    assert ve["DTSTART"].params["TZID"] == "Europe/Berlin" == ve["DTEND"].params["TZID"]
    assert start.astimezone(timezone.utc) == datetime(2024, 9, 16, 11, 0, tzinfo=timezone.utc)
    assert end.astimezone(timezone.utc) == datetime(2024, 9, 16, 11, 30, tzinfo=timezone.utc)
    assert str(ve["SUMMARY"]).startswith("Haptic Intelligence")
    assert str(ve["URL"]) == urls.talk_url(symposium, it)
    assert "N0.002" in str(ve["LOCATION"])
    assert str(ve["UID"]) == "haptic-intelligence@symposium.example.org/2024"
    assert ve.decoded("DTSTAMP") == datetime(2024, 9, 10, 16, 0, tzinfo=timezone.utc)

    everything = _events(files[urls.CALENDAR])
    assert len(everything) == len(symposium.items)
    uids = [str(e["UID"]) for e in everything]
    assert len(set(uids)) == len(uids)
    tz = ZoneInfo(symposium.timezone)
    for e, item in zip(everything, symposium.items):
        assert e.decoded("DTSTART") == item.start_dt.replace(tzinfo=tz)
        assert e.decoded("DTEND") == item.end_dt.replace(tzinfo=tz)
        assert e["DTSTART"].params["TZID"] == symposium.timezone
    # the talk's own file and the programme agree on the UID, so calendars update not duplicate
    assert str(ve["UID"]) in uids
    assert _events(site_files(symposium)[urls.CALENDAR])[0]["UID"] == everything[0]["UID"]


def test_calendar_escaping_and_folding(edge):
    files = shared_site_files(edge)
    for path in (p for p in files if p.endswith(".ics")):
        raw = files[path]
        assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
        for line in raw.split(b"\r\n"):
            assert len(line) <= 75, f"{path}: unfolded line {line[:40]!r}"
            line.decode("utf-8")  # folding never splits a character
    it = edge.item("markup-talk")
    (ve,) = _events(files[urls.talk_ics_path(it)])
    assert str(ve["SUMMARY"]).startswith(it.title.text)
    assert "Hall 1 <&>" in str(ve["LOCATION"])
    long = edge.item("long-title")
    (ve,) = _events(files[urls.talk_ics_path(long)])
    assert " ".join(long.abstract.split("\n\n")[1].split()) in str(ve["DESCRIPTION"])


def test_vtimezone_matches_the_zone_database(symposium, edge):
    """Our own VTIMEZONE (not the parser's zone database) gives CET in winter and CEST in summer."""
    import dataclasses
    for event in (symposium, edge, dataclasses.replace(symposium, timezone="America/New_York"),
                  dataclasses.replace(symposium, timezone="Asia/Tokyo")):
        cal = icalendar.Calendar.from_ical(site_ics.programme_ics(event))
        (vtz,) = cal.walk("VTIMEZONE")
        assert str(vtz["TZID"]) == event.timezone
        ours = vtz.to_tz()
        real = ZoneInfo(event.timezone)
        year = event.first_date.year
        for month in range(1, 13):
            for day in (1, 15, 28):
                t = datetime(year, month, day, 12)
                assert ours.utcoffset(t) == real.utcoffset(t), (event.timezone, t)


def test_fold_and_escape_units():
    assert site_ics.escape_text('a,b;c\\d\ne') == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "Ωμέγα " * 40
    folded = site_ics.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts) and len(parts) > 1
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_relative_links_are_what_posixpath_relpath_gives():
    """The site's links are made without asking the file system (layouts/site.py _relative)."""
    import itertools
    import posixpath

    from eventprint.layouts.site.pages import _relative
    paths = ["index.html", "talks/a.html", "people/b.html", "rooms/x/2024-01-01.html", "rooms/y/d.html",
             "talks/index.html", "style.css", "a/b/c.html", "talks", "rooms/x", "rooms"]
    for target, page in itertools.product(paths, paths):
        folder = posixpath.dirname(page)
        assert _relative(target, folder) == posixpath.relpath(target, folder or "."), (target, page)
