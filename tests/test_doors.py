"""Which items a door sign lists (issue 24, defect 1): its room's items, and the day's items that
concern everyone, with where they are; never another room's talks, workshops, posters, welcomes
or own lunch. The reprint manifest follows the same rule.

tests/fixtures/doors is one day in five rooms: a plenary keynote marked `everyone: true`, a
devroom with its own welcome and lunch, a track opening and a workshop, a poster session,
registration and coffee in the Lobby, where no talk is held, and tea listed in Hall A while no
other room holds anything."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pdfcheck
from eventprint.build import load, render
from eventprint.layouts.signs import document as signs
from eventprint.options import BuildOptions
from eventprint.problems import ContentError
from eventprint import outputs
from eventprint.options import BuildOptions
from eventprint.reprint import entries

DOORS = Path(__file__).resolve().parent / "fixtures" / "doors"
SHARED = ("Registration · Lobby", "Keynote on building things that last · Hall A", "Coffee Break · Lobby",
          "Afternoon Coffee · Lobby", "Conference Dinner · Campus", "Tea · Hall A")
OWN = {  # what only that room's door lists
    "hall-a": ("Systems that outlive their authors",),
    "room-b": ("Welcome to the Rust devroom", "Borrowing without tears", "Lunch networking", "Async in practice"),
    "room-c": ("Security track opening", "Fuzzing hands-on"),
    "poster-hall": ("Poster session",),
    "lobby": ("Speaker check-in",),
}


@pytest.fixture(scope="module")
def doors():
    event = load(DOORS)
    files = {a.path: a.data for a in render(event, "signs", BuildOptions())}
    return event, {room.id: pdfcheck.normalise(" ".join(pdfcheck.flow_texts(files[signs.sign_path(room.id, day.date)])))
                   for room, day in event.room_days()}


def test_a_door_lists_its_room_and_what_concerns_everyone_and_nothing_else(doors):
    event, text = doors
    assert set(text) == set(OWN)
    for room, own in OWN.items():
        for title in own:
            assert title in text[room], (room, title)
        for other, theirs in OWN.items():
            if other != room:
                for title in theirs:
                    assert title not in text[room], (room, "lists", title, "of", other)
        for shared in SHARED:
            place = shared.split(" · ")[1]
            if room.replace("-", " ") == place.casefold():  # its own item: no "· Lobby" on the Lobby's door
                assert shared.split(" · ")[0] in text[room]
            else:
                assert pdfcheck.normalise(shared) in text[room], (room, shared)
    # the plenary is its own room's item there: with its speaker and KEYNOTE
    assert "KEYNOTE" in text["hall-a"] and "Ines Marquardt" in text["hall-a"]
    assert "Ines Marquardt" not in text["room-b"]  # elsewhere: title and place only


def _entries(content: Path) -> dict[str, str]:
    return {k: v["hash"] for k, v in entries(outputs.get("signs"), load(content), BuildOptions()).items()}


def _moved(tmp_path: Path, source: Path, old: str, new: str) -> list[str]:
    """The door signs whose manifest entry changes when ``old`` becomes ``new`` in programme.yaml."""
    content = tmp_path / "content"
    shutil.copytree(source, content)
    before = _entries(content)
    prog = content / "programme.yaml"
    text = prog.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    prog.write_text(text.replace(old, new), encoding="utf-8")
    after = _entries(content)
    assert set(after) == set(before)
    return sorted(k.split("/")[0] for k in after if after[k] != before[k])


@pytest.mark.parametrize("old, new, reprinted", [
    ('{start: "14:00", end: "15:30", kind: poster', '{start: "14:30", end: "16:00", kind: poster', ["poster-hall"]),
    ('title: Lunch networking', 'title: Lunch and networking', ["room-b"]),
    ('title: Tea,', 'title: Tea and biscuits,', ["hall-a", "lobby", "poster-hall", "room-b", "room-c"]),
    ('{start: "08:00", end: "08:30", kind: registration', '{start: "07:45", end: "08:30", kind: registration',
     ["lobby"]),  # `everyone: false`: the Lobby's own
    ('{start: "08:30", end: "09:30", kind: registration', '{start: "08:15", end: "09:30", kind: registration',
     ["hall-a", "lobby", "poster-hall", "room-b", "room-c"]),
])
def test_a_change_reprints_exactly_the_doors_that_list_the_item(tmp_path, old, new, reprinted):
    assert _moved(tmp_path, DOORS, old, new) == reprinted


def test_symposium_poster_session_reprints_one_sign_and_the_lobby_registration_two(tmp_path, symposium):
    assert _moved(tmp_path / "poster", symposium_dir(), 'title: Poster Session & Networking',
                  'title: Poster Session and Networking') == ["n0-002"]
    assert _moved(tmp_path / "registration", symposium_dir(), "title: Registration\n",
                  "title: Registration and badges\n") == ["mpi-lobby", "n0-002"]


def symposium_dir() -> Path:
    from conftest import CONTENT
    return CONTENT


def test_symposium_n0_002_still_shows_the_lobby_registration(artifacts, symposium):
    day = symposium.days[0]
    pdf = artifacts("symposium", "signs")[signs.sign_path("n0-002", day.date)]
    text = pdfcheck.normalise(" ".join(pdfcheck.flow_texts(pdf)))
    assert "Registration · Lobby" in text and "Coffee Break · Lobby" in text and "Lunch Break · MPI-IS" in text
    lobby = pdfcheck.normalise(" ".join(pdfcheck.flow_texts(
        artifacts("symposium", "signs")[signs.sign_path("mpi-lobby", day.date)])))
    assert "Poster Session" not in lobby  # N0.002's own
    assert "Welcome Remarks · N0.002" in lobby  # the opening, marked `everyone: true`
    assert "Lunch Break · MPI-IS" in lobby  # no room: everyone's


def test_everyone_must_be_true_or_false(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(DOORS, content)
    prog = content / "programme.yaml"
    text = prog.read_text(encoding="utf-8")
    prog.write_text(text.replace("lobby, everyone: false}", "lobby, everyone: sometimes}"), encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load(content)
    [p] = e.value.problems
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if "id: speaker-check-in" in ln)
    assert (p.line, p.what) == (line, "everyone is 'sometimes', not true or false")


def test_an_export_that_says_plenary_marks_the_item_for_every_door(tmp_path):
    """Sessionize's isPlenumSession and a frab/pretalx type 'plenary' become `everyone: true`;
    nothing else does (a frab 'lecture', a Sessionize session that is not plenum)."""
    from eventprint.importers.api import import_file
    from test_import import FIX, items
    _, d = import_file(FIX / "sessionize.json", timezone="Europe/Vienna")
    its = items(d)
    assert its["14022"].get("everyone") is True and "everyone" not in its["14019"]
    frab = tmp_path / "frab.json"
    frab.write_text((FIX / "frab.json").read_text(encoding="utf-8").replace(
        '"track": "Hardware", "type": "lecture"', '"track": "Hardware", "type": "Plenary"', 1), encoding="utf-8")
    _, d = import_file(frab)
    assert [i for i, it in items(d).items() if it.get("everyone")] == ["502"]
