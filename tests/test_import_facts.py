"""What real exports taught us (issue 24): kinds, names, ids and the venue come from the export's
own fields, and never from words in a title, a person's rank or the acronym.

Fixtures of our own in tests/fixtures/import/, each named by what it shows:
``venue-and-title-words.xml`` (a pentabarf-style XML naming its venue and city, a slug acronym,
titles saying "Opening" and "Welcome" of talks) and ``cjk-names.frab.json`` (people and rooms
whose names no slug can spell, and names with brackets).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import pdfcheck
from conftest import run_cli
from eventprint.build import load, render
from eventprint.importers.api import import_file, write_content
from eventprint.model import Kind, Role
from eventprint.options import BuildOptions
from test_import import FIX, items, people

VENUE = FIX / "venue-and-title-words.xml"
CJK = FIX / "cjk-names.frab.json"


def _content(source: Path, to: Path) -> Path:
    _, docs = import_file(source)
    write_content(docs, source.name, to)
    return to


@pytest.fixture(scope="module")
def venue_event(tmp_path_factory):
    return load(_content(VENUE, tmp_path_factory.mktemp("venue")))


@pytest.fixture(scope="module")
def venue_outputs(venue_event):
    """Every output of the imported venue fixture, rendered once: path -> bytes."""
    return {a.path: a.data for name in ("booklet", "signs", "badges", "site")
            for a in render(venue_event, name, BuildOptions())}


# --------------------------------------------------------------------------- 2. kinds
def test_title_words_never_decide_the_kind_of_a_typed_talk(venue_event):
    kinds = {it.title.display: it.kind for it in venue_event.items}
    # frab's type says lecture: a talk, whatever its title says
    assert kinds["Opening up communication silos with Matrix"] is Kind.TALK
    assert kinds["From Phabricator to a Welcome Phorge"] is Kind.TALK
    # no type at all: a title word still never makes the speaker a host
    assert kinds["Welcome to the Go devroom"] is Kind.TALK
    # the export's type and track decide
    assert kinds["Opening ceremony"] is Kind.WELCOME  # <type>Opening</type>
    assert kinds["Generics in five slides"] is Kind.LIGHTNING_TALK  # <track>Lightning Talks</track>
    assert kinds["Lunch"] is Kind.MEAL  # nobody speaks and the export says nothing: the title may


def test_speakers_of_talks_are_speakers_and_only_the_welcome_has_a_host(venue_event):
    roles = {p.name: p.roles for p in venue_event.people}
    assert roles["Ada Bridge"] == roles["Alex Doe (they/them)"] == roles["Rob Gopher"] == (Role.SPEAKER,)
    assert roles["Grace Organiser"] == (Role.HOST,)
    talks = {it.title.display for it in venue_event.talks}
    assert {"Opening up communication silos with Matrix", "From Phabricator to a Welcome Phorge"} <= talks


def test_the_talks_have_their_web_pages(venue_outputs, venue_event):
    silos = next(it for it in venue_event.items if it.title.display.startswith("Opening up"))
    assert f"site/talks/{silos.id}.html" in venue_outputs


# --------------------------------------------------------------------------- 4. names
def test_names_print_as_written_and_affiliations_come_only_from_affiliation_fields(venue_event, venue_outputs):
    alex = next(p for p in venue_event.people if p.name.startswith("Alex"))
    assert alex.name == "Alex Doe (they/them)" and alex.affiliations == ()
    assert (alex.given_name, alex.family_name) == ("Alex", "Doe")  # sorted under D, badge says Alex
    sam = next(p for p in venue_event.people if p.name.startswith("Sam"))
    assert sam.name == "Sam Roe (Sammy)" and sam.affiliations == ()
    booklet = pdfcheck.normalise(" ".join(pdfcheck.page_texts(venue_outputs["booklet.pdf"])))
    assert "Alex Doe (they/them)" in booklet and "Sam Roe (Sammy)" in booklet


def test_a_latin_name_with_its_chinese_name_stays_whole():
    _, docs = import_file(CJK)
    ppl = {p["name"]: p for p in docs.people["people"]}
    li = ppl["Li Wei (李伟)"]
    assert li["id"] == "li-wei" and "affiliation" not in li and li["family_name"] == "Wei"


# --------------------------------------------------------------------------- 3. ids
def _without(data: dict, event_id: int) -> dict:
    data = json.loads(json.dumps(data))
    for day in data["schedule"]["conference"]["days"]:
        for room, events in day["rooms"].items():
            day["rooms"][room] = [e for e in events if e["id"] != event_id]
    return data


def test_ids_come_from_the_export_and_a_cancelled_talk_renumbers_nobody(tmp_path):
    _, docs = import_file(CJK)
    ppl = people(docs)
    # names no slug can spell: frab's person id, never a rank ('person', 'person-2', ...)
    assert {"person-101", "person-102", "person-103", "person-105", "person-106"} <= set(ppl)
    assert ppl["person-106"]["name"] == "Иван Петров"
    rooms = {r["name"]: r["id"] for r in docs.venues["venues"][0]["rooms"]}
    assert all(rid.startswith("room-") and rid != "room-2" for rid in rooms.values())
    its = items(docs)
    # the first talk of the first room is cancelled: everyone else keeps their id
    cancelled = tmp_path / "cancelled.json"
    cancelled.write_text(json.dumps(_without(json.loads(CJK.read_text(encoding="utf-8")), 2001), ensure_ascii=False),
                         encoding="utf-8")
    _, after = import_file(cancelled)
    kept = {p["name"]: p["id"] for p in after.people["people"]}
    assert kept == {p["name"]: p["id"] for p in docs.people["people"] if p["name"] != "王小明"}
    assert {r["name"]: r["id"] for r in after.venues["venues"][0]["rooms"]} == rooms
    assert {i: it["speakers"] for i, it in items(after).items()} == \
        {i: it["speakers"] for i, it in its.items() if i != "2001"}


def test_reimporting_the_same_export_changes_no_file(tmp_path):
    assert run_cli("import", str(CJK), "--to", str(tmp_path)).returncode == 0
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")}
    again = run_cli("import", str(CJK), "--to", str(tmp_path))
    assert again.returncode == 0 and "nothing changed" in again.stdout
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")} == before


def test_an_override_whose_person_changed_names_is_a_warning_naming_both(tmp_path):
    assert run_cli("import", str(CJK), "--to", str(tmp_path)).returncode == 0
    (tmp_path / "overrides.yaml").write_text("people:\n  person-103:\n    affiliation: Tsinghua University\n",
                                             encoding="utf-8")
    renamed = tmp_path / "renamed.json"
    renamed.write_text(CJK.read_text(encoding="utf-8").replace('"张伟"', '"赵敏"'), encoding="utf-8")
    done = run_cli("import", str(renamed), "--to", str(tmp_path))
    assert done.returncode == 0
    warning = next(line for line in done.stdout.splitlines() if "person-103" in line)
    assert "overrides.yaml:2:" in warning and "张伟" in warning and "赵敏" in warning


# --------------------------------------------------------------------------- 6. the venue
def test_the_venue_is_the_exports_never_the_acronym(venue_event, venue_outputs):
    venue = venue_event.days[0].venue
    assert (venue.name, venue.address) == ("ULB Solbosch Campus", ("Brussels",))
    cover = pdfcheck.normalise(pdfcheck.page_texts(venue_outputs["booklet.pdf"])[0])
    sign = pdfcheck.normalise(" ".join(pdfcheck.page_texts(venue_outputs["signs/janson-2024-02-03.pdf"])))
    badges = pdfcheck.normalise(" ".join(pdfcheck.page_texts(venue_outputs["badges.pdf"])))
    calendar = venue_outputs["site/programme.ics"].decode()
    for text in (cover, sign, badges, calendar.replace("\\,", ",")):
        assert "ULB Solbosch Campus" in text
    everything = cover + sign + badges + calendar + venue_outputs["site/index.html"].decode()
    assert "conf-2024" not in everything.replace("example.org/conf-2024", "")
    assert "Brussels" in cover
    assert "HOSTED BY" not in cover.upper()  # the export names no hosts: no empty heading


def test_a_venue_the_export_does_not_name_is_left_out(tmp_path):
    event = load(_content(CJK, tmp_path))
    assert event.days[0].venue.name == ""
    site = {a.path: a.data for a in render(event, "site", BuildOptions())}
    index = site["site/index.html"].decode()
    assert ",  " not in index and ", \u00b7" not in index and "<p> \u00b7" not in index
    assert "osc2024" not in index
    cover = pdfcheck.normalise(pdfcheck.page_texts(
        next(a.data for a in render(event, "booklet", BuildOptions()) if a.path == "booklet.pdf"))[0])
    assert "VENUE" not in cover.upper() and "HOSTED BY" not in cover.upper() and "osc2024" not in cover
    # named in overrides.yaml, as the import's warning says, but with no address: no empty part
    (tmp_path / "overrides.yaml").write_text("venues:\n  osc2024:\n    name: Expo Center\n", encoding="utf-8")
    index = next(a.data.decode() for a in render(load(tmp_path), "site", BuildOptions()) if a.path == "site/index.html")
    assert "<p>Expo Center \u00b7 times in CST</p>" in index


def test_a_pretalx_submission_without_speakers_yet_stays_a_talk(tmp_path):
    data = json.loads((FIX / "frab.json").read_text(encoding="utf-8"))
    talk = next(e for d in data["schedule"]["conference"]["days"] for evs in d["rooms"].values()
                for e in evs if e["id"] == 502)
    talk.update(persons=[], type="Other [Share your idea]", url="https://cfp.example.org/tc24/talk/ABC123/")
    f = tmp_path / "schedule.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    _, docs = import_file(f)
    assert items(docs)["abc123"]["kind"] == "talk"  # its url names a talk: a session with its page


def test_latin_and_short_names_keep_the_ids_they_always_had():
    from eventprint.importers.ids import readable
    assert readable("Prof Sören Auer") == "prof-soren-auer" and readable("1") == "1" and readable("A") == "a"
    assert readable("Hörsaal 1") == "horsaal-1"
    assert readable("王小明") is None and readable("José 李") is None and readable("Иван") is None


def test_the_import_asks_for_the_venue_until_overrides_name_it(tmp_path):
    first = run_cli("import", str(CJK), "--to", str(tmp_path))
    assert "cjk-names.frab.json: the export names no venue" in first.stdout and "'venues: osc2024:'" in first.stdout
    (tmp_path / "overrides.yaml").write_text("venues:\n  osc2024:\n    name: Expo Center\n", encoding="utf-8")
    assert "names no venue" not in run_cli("import", str(CJK), "--to", str(tmp_path)).stdout
