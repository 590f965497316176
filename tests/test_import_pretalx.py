"""pretalx widget JSON (fixture pretalx-widget.json) and the real pretalx frab exports."""
from __future__ import annotations

import json

import pytest

from eventprint.importers.api import import_file, render
from test_import import FIX, items, load_imported, people


@pytest.fixture(scope="module")
def docs():
    fmt, d = import_file(FIX / "pretalx-widget.json")
    assert fmt == "pretalx-widget"
    return d


def test_multilingual_names_and_local_times(docs):
    its = items(docs)
    assert docs.event["name"] == "PyTest Conf" and docs.event["timezone"] == "Europe/Berlin"
    assert its["abc123"]["title"] == "Testing all the things"
    assert (its["abc123"]["start"], its["abc123"]["end"]) == ("10:00", "10:45")  # 08:00Z in Berlin summer
    assert its["abc123"]["room"] == "main-hall" and its["abc123"]["track"] == "Core"
    assert [r["name"] for r in docs.venues["venues"][0]["rooms"]] == ["Main Hall", "Room 2"]


def test_breaks_keynotes_and_markdown(docs):
    its = items(docs)
    lunch = [it for it in its.values() if it["title"] == "Lunch"]
    assert len(lunch) == 1 and lunch[0]["kind"] == "meal" and lunch[0]["room"] == "room-2"
    assert its["key999"]["kind"] == "keynote"
    assert its["abc123"]["abstract"] == "Why tests matter. See docs (https://docs.pytest.org/)."


def test_speakers_by_code_with_biographies(docs):
    its, ppl = items(docs), people(docs)
    # two people with the same name but different pretalx codes stay two people
    assert its["abc123"]["speakers"] == ["jane-doe", "jane-doe-spkb"]  # told apart by code, not rank
    assert its["key999"]["speakers"] == ["jane-doe"]
    assert ppl["jane-doe"]["bio"] == "Jane loves tests.\n\n\u2022 pytest\n\n\u2022 hypothesis"
    text = "".join(render(docs, "w.json").values())
    for secret in ("jane@example.org", "private", "do not print"):
        assert secret not in text


def test_reimport_is_stable_when_the_talk_list_is_reordered(docs, tmp_path):
    data = json.loads((FIX / "pretalx-widget.json").read_text())
    data["talks"].reverse()
    data["speakers"].reverse()
    f = tmp_path / "w.json"
    f.write_text(json.dumps(data))
    _, again = import_file(f)
    assert render(again, "w.json") == render(docs, "w.json")


def test_loads(docs, tmp_path):
    event = load_imported(docs, tmp_path)
    assert event is not None and len(event.talks) == 2
