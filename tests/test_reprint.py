"""Reprinting only what changed: real builds into a temporary out/, on a copy of the content."""
from __future__ import annotations

import json
import shutil

import pytest

import pdfcheck
from conftest import CONTENT, set_title
from eventprint import outputs, reprint, urls
from eventprint.layouts.badges.data import participants
from eventprint.build import build, load
from eventprint.options import BuildOptions

TBC_ID = "markus-kratz-keynote"
NEW_TITLE = "Scaling Science Together: Lessons from the Hub"


NAMES = ("badges", "signs")



def front_names(pdf: bytes, event) -> list[str]:
    """Person ids whose full name is on the badge front pages (even pages of the badge part).

    The badge part is the run of A4 portrait sheets; door signs (landscape) follow it.
    """
    found = []
    texts = pdfcheck.page_texts(pdf)
    sizes = pdfcheck.page_sizes(pdf)
    for i, text in enumerate(texts):
        if sizes[i][0] > sizes[i][1]:  # a landscape door sign: the badges are over
            break
        flat = pdfcheck.normalise(text)
        if i % 2 == 0 and "YOUR PROGRAMME" not in flat:
            found += [p.id for p in event.people_with_roles if p.name in flat]
    return sorted(found)


def build_as_shipped(content, out, names):
    """``build`` of an unchanged copy of the shipped content: its layouts' output is the run's
    shared render of the symposium (tests/conftest.py: same content, same bytes), so what these
    builds test is reprint's record, not rendering again what every other module renders."""
    return build(content, out, names)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """content copy; build 1; build 2 unchanged (with a stale reprint.pdf planted); edit; build 3."""
    root = tmp_path_factory.mktemp("reprint")
    content, out = root / "content", root / "out"
    shutil.copytree(CONTENT, content)
    r1 = build_as_shipped(content, out, NAMES)
    m1 = (out / "manifest.json").read_bytes()
    first_had_reprint = (out / "reprint.pdf").exists()
    (out / "reprint.pdf").write_bytes(b"stale")
    r2 = build_as_shipped(content, out, NAMES)
    m2 = (out / "manifest.json").read_bytes()
    second_has_reprint = (out / "reprint.pdf").exists()
    set_title(content, TBC_ID, NEW_TITLE)
    r3 = build(content, out, NAMES)
    pdf = (out / "reprint.pdf").read_bytes()
    return dict(content=content, out=out, r1=r1, r2=r2, r3=r3, m1=m1, m2=m2, pdf=pdf,
                first_had_reprint=first_had_reprint, second_has_reprint=second_has_reprint)


def test_first_build_only_records(runs):
    assert not runs["first_had_reprint"]
    manifest = json.loads(runs["m1"])
    assert len(manifest["badges"]) == 28 + 118  # speakers, chairs, hosts; participants in registrations.csv
    assert not any("Changed" in m for m in runs["r1"].messages)


def test_no_change_says_so_and_removes_stale_reprint(runs):
    assert "Nothing changed since the last build; no reprint needed." in runs["r2"].messages
    assert not runs["second_has_reprint"]
    assert runs["m1"] == runs["m2"]  # deterministic, sorted keys


def test_changed_title_reprints_exactly_its_speakers(runs, symposium):
    edited = load(runs["content"])
    talk = edited.item(TBC_ID)
    assert talk.title.display == NEW_TITLE
    speakers = sorted(p.id for p in talk.speakers)
    msg = [m for m in runs["r3"].messages if m.startswith("Changed since the last build:")]
    assert len(msg) == 1
    for pid in speakers:
        assert f"badge for {edited.person(pid).name}" in msg[0]
    assert msg[0].count("badge for") == len(speakers)
    pdf = runs["pdf"]
    assert front_names(pdf, edited) == speakers
    # the reprinted badge shows the new title and its QR opens that talk
    text = pdfcheck.normalise(" ".join(pdfcheck.page_texts(pdf)))
    assert NEW_TITLE in text and "Title to be confirmed" not in pdfcheck.normalise(pdfcheck.page_texts(pdf)[0])
    assert pdfcheck.page_qr_codes(pdf, 0) == [urls.talk_url(edited, talk)]
    # laid out like the full run: an A4 front sheet and its back
    sizes = pdfcheck.page_sizes(pdf)
    assert abs(sizes[0][0] - 595.3) < 1 and abs(sizes[0][1] - 841.9) < 1 and abs(sizes[1][0] - 595.3) < 1


def test_changed_door_sign_is_reprinted(runs):
    edited = load(runs["content"])
    talk = edited.item(TBC_ID)
    msg = next(m for m in runs["r3"].messages if m.startswith("Changed since the last build:"))
    assert msg.count("door sign") == 1 and f"door sign {talk.room.name}" in msg
    texts = pdfcheck.page_texts(runs["pdf"])
    n_badge_pages = 2 * -(-len(talk.speakers) // 4)
    sign_pages = texts[n_badge_pages:]
    assert sign_pages and all(talk.room.name in t for t in sign_pages)
    assert any(pdfcheck.shown_title(NEW_TITLE, pdfcheck.sign_text(t)) for t in sign_pages)


def test_as_of_stamp_alone_changes_nothing(tmp_path):
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(CONTENT, content)
    build_as_shipped(content, out, ("badges",))
    ev = content / "event.yaml"
    ev.write_text(ev.read_text(encoding="utf-8").replace("updated: 2024-09-10 18:00", "updated: 2024-09-12 09:00"),
                  encoding="utf-8")
    assert "2024-09-12" in ev.read_text(encoding="utf-8")
    r = build(content, out, ("badges",))
    assert "Nothing changed since the last build; no reprint needed." in r.messages
    assert not (out / "reprint.pdf").exists()


def test_building_badges_keeps_sign_entries(tmp_path, symposium):
    out = tmp_path
    signs = {"room-x/2024-09-16": {"hash": "abc", "label": "door sign X Monday 16 September"}}
    (out / "manifest.json").write_bytes(reprint.manifest_bytes({"format": reprint.FORMAT, "badges": {}, "signs": signs}))
    artifacts = [reprint.Artifact("badges.pdf", b"")]
    reprint.after_render(symposium, out, ("badges",), BuildOptions(), artifacts)
    manifest = json.loads(next(a.data for a in artifacts if a.path == "manifest.json"))
    assert manifest["signs"] == signs
    assert len(manifest["badges"]) == len(symposium.people_with_roles) + len(participants(symposium))


def test_entries_worked_out_beside_each_render_are_that_outputs_at_the_builds_options(tmp_path, monkeypatch,
                                                                                      symposium):
    """A build works out each reprinted output's manifest entries in the process that rendered it
    (build.render_all), side by side with the others: they are that output's, at the options of the
    build (A3 door signs: the size is part of every sign's hash)."""
    monkeypatch.setenv("EVENTPRINT_JOBS", "2")
    options = BuildOptions(size="A3")
    build(CONTENT, tmp_path, ("signs", "poster"), options)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["signs"] == reprint.entries(outputs.get("signs"), symposium, options)
    assert manifest["signs"] != reprint.entries(outputs.get("signs"), symposium, BuildOptions())


def test_one_persons_build_updates_only_that_entry(tmp_path, symposium):
    artifacts = [reprint.Artifact("badges.pdf", b"")]
    reprint.after_render(symposium, tmp_path, ("badges",), BuildOptions(), artifacts)
    full = json.loads(artifacts[-1].data)
    for pid in ("black", "kuchenbecker"):  # both built and printed as they were before
        full["badges"][pid]["hash"] = full["printed"]["badges"][pid] = "old"
    (tmp_path / "manifest.json").write_bytes(reprint.manifest_bytes(full))
    artifacts = [reprint.Artifact("badges-kuchenbecker.pdf", b"")]
    msgs = reprint.after_render(symposium, tmp_path, ("badges",), BuildOptions(person="kuchenbecker"), artifacts)
    after = json.loads(next(a.data for a in artifacts if a.path == "manifest.json"))
    assert after["badges"]["black"]["hash"] == "old"  # not built, not forgotten, not reported
    assert after["badges"]["kuchenbecker"]["hash"] != "old"
    assert msgs == ["Changed since the last build: badge for Katherine J. Kuchenbecker",
                    "reprint.pdf holds only these; print it instead of the full run, then mark it printed: "
                    "eventprint printed (make printed)."]


def test_moved_registration_reprints_every_sign_that_prints_it(tmp_path):
    """Registration (Lobby) 10:30 -> 10:15: the Lobby sign lists it, and so does N0.002's, as a quiet row
    saying where; both are named and both are in reprint.pdf, and no other sign is."""
    content, out = tmp_path / "content", tmp_path / "out"
    shutil.copytree(CONTENT, content)
    build_as_shipped(content, out, NAMES)
    path = content / "programme.yaml"
    before = 'start: "10:30"\n        end: "11:00"\n        kind: registration'
    text = path.read_text(encoding="utf-8")
    assert text.count(before) == 1
    path.write_text(text.replace(before, before.replace("10:30", "10:15")), encoding="utf-8")
    r = build(content, out, NAMES)
    event = load(content)
    reg = next(it for it in event.items if it.kind.value == "registration")
    assert reg.time_range == "10:15\u201311:00" and reg.room.id == "mpi-lobby"
    day = event.day_of(reg)
    rooms = {r.id: r for r in event.rooms}
    expect = [rooms["mpi-lobby"], rooms["n0-002"]]
    msg = next(m for m in r.messages if m.startswith("Changed since the last build:"))
    when = f"{day.date:%A} {day.date.day} {day.date:%B}"
    for room in expect:
        assert f"door sign {room.name} {when}" in msg
    assert msg.count("door sign") == 2 and "badge" not in msg
    # reprint.pdf: door signs only, the first line of each page names its room, every sign shows 10:15
    texts = pdfcheck.flow_texts((out / "reprint.pdf").read_bytes())
    firsts = [t.split("\n", 1)[0].strip() for t in texts]
    assert set(firsts) == {room.name for room in expect}
    for room in expect:
        sign = " ".join(t for t, f in zip(texts, firsts) if f == room.name)
        assert "10:15\u201311:00 Registration" in pdfcheck.sign_text(sign), room.name


def test_badge_hash_changes_exactly_when_the_printed_badge_does(tmp_path):
    """The manifest hashes what the badge draws: a bio (not on the badge) changes neither the badge PDF
    nor its hash; the position (on the badge) changes both."""
    from eventprint.build import render

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    pid = "kuchenbecker"

    def state():
        event = load(content)
        pdf = next(a.data for a in render(event, "badges", BuildOptions(person=pid)))
        return pdf, reprint.entries(outputs.get("badges"), event, BuildOptions())[pid]["hash"]

    def replace(old, new):
        path = content / "people.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        path.write_text(text.replace(old, new), encoding="utf-8")

    pdf0, hash0 = state()
    replace("Katherine J. Kuchenbecker is a Director", "Katherine J. Kuchenbecker is the Director")
    pdf1, hash1 = state()
    assert (pdf1, hash1) == (pdf0, hash0)
    replace("position: Director, Haptic Intelligence department", "position: Director, Haptics department")
    pdf2, hash2 = state()
    assert pdf2 != pdf0 and hash2 != hash0
