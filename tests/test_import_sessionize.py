"""Sessionize All JSON (fixture sessionize.json): naive local times, categories as track /
format / language, service sessions, speakers by uuid, private answers and contact data."""
from __future__ import annotations


import pytest

from eventprint.importers.api import import_file, render
from eventprint.importers.draft import ImportFailure
from test_import import FIX, items, load_imported, people


@pytest.fixture(scope="module")
def docs():
    fmt, d = import_file(FIX / "sessionize.json", timezone="Europe/Vienna")
    assert fmt == "sessionize"
    return d


def test_naive_times_need_a_zone():
    with pytest.raises(ImportFailure, match="sessionize.json: the times in this file have no time zone "
                                            "— pass the event's zone with --timezone"):
        import_file(FIX / "sessionize.json")


def test_naive_times_are_local_times_of_the_given_zone(docs):
    its = items(docs)
    assert docs.event["timezone"] == "Europe/Vienna"
    assert (its["14022"]["date"], its["14022"]["start"], its["14022"]["end"]) == ("2024-05-27", "09:00", "10:00")


def test_offsets_that_disagree_with_the_zone_are_converted_with_a_warning(tmp_path):
    f = tmp_path / "all.json"
    f.write_text((FIX / "sessionize.json").read_text().replace(':00:00"', ':00:00Z"'))
    _, d = import_file(f, timezone="Europe/Vienna")
    assert items(d)["14022"]["start"] == "11:00"
    assert any("offset +0000" in w and "Europe/Vienna" in w for w in d.warnings)


def test_categories_kinds_and_rooms(docs):
    its = items(docs)
    assert its["14022"]["kind"] == "talk" and its["14022"]["track"] == "Technical"
    assert its["14022"]["language"] == "de" and its["14022"]["room"] == "green-room"
    assert its["14019"]["kind"] == "lightning_talk" and its["14019"]["room"] == "yellow-room"
    assert its["sf-lunch"]["kind"] == "meal" and "speakers" not in its["sf-lunch"]
    assert [r["name"] for r in docs.venues["venues"][0]["rooms"]] == ["Green Room", "Yellow Room", "Restaurant"]
    assert "14030" not in its
    assert any("session 14030" in w and "not scheduled" in w for w in docs.warnings)
    assert any("uuid-404" in w for w in docs.warnings)
    assert its["14022"]["abstract"] == "Line one.\n\nLine two with bold."


def test_people_and_privacy(docs):
    its, ppl = items(docs), people(docs)
    assert its["14022"]["speakers"] == ["aiden-test", "jackson-van-test"]
    assert its["14019"]["speakers"] == ["jackson-van-test"]
    assert ppl["aiden-test"] == {"id": "aiden-test", "name": "Aiden Test", "position": "Professional public speaker",
                                 "bio": "Bacon practitioner."}
    assert ppl["jackson-van-test"]["family_name"] == "van Test"
    text = "".join(render(docs, "sessionize.json").values())
    for secret in ("aiden@example.com", "1234567", "private answer", "internal note"):
        assert secret not in text


def test_loads(docs, tmp_path):
    event = load_imported(docs, tmp_path)
    assert event is not None and len(event.talks) == 2
