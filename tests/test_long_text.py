"""Issue 32: no text within the content's limits stops a build. Every one-line field at its limit
of 300 characters, in Latin, Chinese and Arabic and as one word without a space (the fixture
tests/fixtures/long), prints on every output: wrapped, shrunk to the output's floor, and only
then cut short with "…" and a warning naming the field and the output, where it is written.
Nothing leaves its page or badge, and no two lines overlap. An export with texts longer than
that imports as content the build takes (the real exports: test_real_builds.py)."""
from __future__ import annotations

import csv
import json
import re

import pytest
import yaml

import pdfcheck
from conftest import LONG, rendered, rendered_notes, run_cli
from eventprint.content.fields import MAX_LINE
from eventprint.layouts.kit import theme
from eventprint.outputs import NAMES

# the keys of a one-line text in each file (content/README.md); ids, times, dates and kinds are not text
TEXT_KEYS = {"name", "short_name", "hosts", "heading", "label", "when", "where", "address", "given_name",
             "family_name", "position", "affiliation", "title", "note", "track"}
PRINTED = ("booklet.pdf", "signs/all-signs.pdf", "poster.pdf", "badges.pdf", "participant-badges.pdf",
           "chair-sheets.pdf", "name-tents.pdf", "timing-cards.pdf")  # not the impositions: the same pages


def _texts(node, key: str = ""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _texts(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v, key)
    elif isinstance(node, str) and key in TEXT_KEYS:
        yield key, node


def test_the_fixture_holds_every_one_line_field_at_the_limit_in_three_scripts_and_one_word():
    found = [(k, t) for f in ("event.yaml", "venues.yaml", "people.yaml", "programme.yaml")
             for k, t in _texts(yaml.safe_load((LONG / f).read_text(encoding="utf-8")))]
    with open(LONG / "registrations.csv", encoding="utf-8") as f:
        found += [(k, row[k]) for row in csv.DictReader(f) for k in ("Name", "Organisation")]
    assert {len(t) for _, t in found} == {MAX_LINE}
    assert TEXT_KEYS | {"Name", "Organisation"} == {k for k, _ in found}
    for script in (r"[\u4e00-\u9fff]", r"[\u0600-\u06ff]", r"^[A-Za-z ,\-]+$", r"^\S+$"):  # CJK, Arabic, Latin, a word
        assert {k for k, t in found if re.search(script, t)} >= {"name", "title", "affiliation"}, script


@pytest.mark.parametrize("output", NAMES)
def test_every_output_prints_every_field_at_300_characters(output):
    files = rendered("long", output)
    assert files, output
    for name in PRINTED:
        if name not in files:
            continue
        pdf = files[name]
        for i, (chars, (w, h)) in enumerate(zip(pdfcheck.page_chars(pdf), pdfcheck.page_sizes(pdf))):
            s = theme.SAFE
            assert not pdfcheck.chars_outside(chars, (s, s, w - s, h - s)), f"{name} page {i + 1}: text off its page"
            hit = pdfcheck.colliding_chars(chars)
            assert not hit, f"{name} page {i + 1}: text over text: {[(a['text'], b['text']) for a, b in hit[:3]]}"
        assert min(pdfcheck.text_sizes(pdf)) >= theme.MIN_TYPE - 0.01, f"{name}: text below {theme.MIN_TYPE} pt"


BINDING = re.compile(r"booklet: \d+ pages, (saddle stitch|perfect binding)")


@pytest.mark.parametrize("output", [n for n in NAMES if n != "site"])
def test_what_is_cut_short_is_told_where_it_is_written(output):
    # the booklet's binding is a choice the build reports (a LayoutNote), not text cut short
    notes = [n for n in rendered_notes("long", output) if not BINDING.match(n)]
    assert notes, f"{output}: nothing was shortened, so nothing was tested"
    for note in notes:
        assert re.match(r"(.*/)?fixtures/long/((event|venues|people|programme)\.yaml|registrations\.csv):\d+: ", note), note
        assert " \u2014 " in note and "Traceback" not in note


def test_a_long_room_name_wraps_and_shrinks_on_its_door_sign_before_it_is_cut():
    """The room's name on the door signs goes from 130 pt on one line down to 28 pt on three
    before it is cut short; the schedule keeps its 20 pt floor."""
    pdf = rendered("long", "signs")["signs/room-latin-2025-06-02.pdf"]
    chars = pdfcheck.page_chars(pdf)[0]
    name = [c for c in chars if abs(c["size"] - 28) < 0.01]
    lines = pdfcheck.text_lines(name)
    assert len(lines) == 3 and lines[0].text.startswith("RoomInternational") and lines[-1].text.endswith("\u2026")
    sizes = {round(c["size"], 2) for c in chars if c["text"].strip()}
    assert max(sizes) == 28 and min(s for s in sizes if s > 9) >= 20  # the footer at 7 to 9 pt, the schedule 20
    notes = rendered_notes("long", "signs")
    venues = LONG / "venues.yaml"
    line = next(n for n, t in enumerate(venues.read_text(encoding="utf-8").splitlines(), 1) if "id: room-latin" in t)
    assert any(re.match(rf"(.*/)?fixtures/long/venues\.yaml:{line}: the name of room 'room-latin' on its door "
                        r"signs is printed cut short \(\"Room International", n) for n in notes), notes
    assert "it does not fit in 3 lines even at 28 pt \u2014 shorten it" in " ".join(notes)


def test_a_long_name_fits_its_name_tent_on_three_lines():
    """The name tent that stopped the build of a real pretalx export (an affiliation in brackets
    in the name) prints the name whole, on up to three lines at 28 pt and more."""
    from eventprint.layouts.kit.fitting import fitting
    from eventprint.layouts.stage import tents
    name = "Raoul Jean Pierre Bonnal [IFOM ETS - The AIRC Institute of Molecular Oncology]"
    block = tents.FACE[0]
    found = fitting(name, block.face, tents.PAGE[0] - 2 * tents.SIDE, block.size[0], block.size[1], block.lines)
    assert found is not None and found.size >= 28 and "".join(found.lines).replace(" ", "") == name.replace(" ", "")


def test_an_export_with_texts_over_the_limit_imports_as_content_that_builds(tmp_path):
    """The import cuts what the loader refuses (a 600-character title, name, room, track) to the
    limit, ending in '…', and says which override to set; the build then goes through."""
    from test_import import FIX
    data = json.loads((FIX / "frab.json").read_text(encoding="utf-8"))
    long = " ".join(["Lengthy"] * 80)
    conference = data["schedule"]["conference"]
    conference["title"] = "Conference " + long
    for day in conference["days"]:
        for room, events in day["rooms"].items():
            for ev in events:
                ev.update(title="Title " + long, track="Track " + long)
                for p in ev.get("persons", []):
                    p["public_name"] = "Person " + long
    source = tmp_path / "long.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    content = tmp_path / "event"
    done = run_cli("import", str(source), "--to", str(content))
    assert done.returncode == 0, done.stderr
    said = done.stdout + done.stderr
    assert (f"the title of the item '501' is {len('Title ' + long)} characters long; the first 300 are imported, "
            "ending in '\u2026' \u2014 set a shorter one in overrides.yaml: items: {501: {title: \"\u2026\"}}") in said, said
    assert f"the name of the event is {len('Conference ' + long)} characters long" in said
    written = yaml.safe_load((content / "imported" / "programme.yaml").read_text(encoding="utf-8"))
    titles = [it["title"] for d in written["days"] for it in d["items"] if it["id"] == "501"]
    assert titles and len(titles[0]) <= MAX_LINE and titles[0].endswith("Lengthy\u2026")
    built = run_cli("all", "--content", str(content), "--out", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    assert not re.search(r"imported/\w+\.yaml:\d", built.stdout + built.stderr)  # at the override, never the line


def test_an_export_of_more_days_than_an_event_holds_imports_the_first_ones(tmp_path):
    from eventprint.content.loader import MAX_DAYS
    from eventprint.importers.draft import Draft, DraftItem
    from eventprint.importers.documents import build_documents
    from datetime import datetime, timedelta, timezone
    start = datetime(2025, 3, 1, 10, tzinfo=timezone.utc)
    items = tuple(DraftItem(f"id:{n}", start + timedelta(days=n), start + timedelta(days=n, hours=1), f"Talk {n}",
                            "talk", ("Hall",), ()) for n in range(MAX_DAYS + 3))
    docs = build_documents(Draft("test", "Festival", "UTC", None, None, None, None, ("Hall",), (), items, ()),
                           "fest.json")
    assert len(docs.programme["days"]) == MAX_DAYS and docs.summary["days"] == MAX_DAYS
    assert docs.summary["items"] == MAX_DAYS
    assert any(f"the export has {MAX_DAYS + 3} days; eventprint prints events of at most {MAX_DAYS} days, so the 3 "
               "from 2025-03-15 on (3 items) are left out" in w for w in docs.warnings), docs.warnings


def test_every_badge_keeps_its_text_inside_its_own_safe_area():
    """A page check would pass text that runs from one badge into its neighbour on the sheet."""
    from conftest import event_named
    from test_badges import badges_by_page
    pdf = rendered("long", "badges")["badges.pdf"]
    s = theme.SAFE
    pages = pdfcheck.page_chars(pdf)
    for i, _back, slots in badges_by_page(pdf, "A6", "a4", len(event_named("long").people_with_roles)):
        for (x0, top, x1, bottom), chars in slots:
            assert chars and not pdfcheck.chars_outside(chars, (x0 + s, top + s, x1 - s, bottom - s)), f"page {i + 1}"
        placed = sum(1 for _, chars in slots for c in chars if c["text"].strip())
        assert placed == sum(1 for c in pages[i] if c["text"].strip()), f"page {i + 1}: text outside every badge"
