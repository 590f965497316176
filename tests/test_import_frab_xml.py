"""frab schedule.xml, including the hand-made kind that breaks the XSD (fixture frab.xml)."""
from __future__ import annotations

import pytest

from eventprint.importers.api import import_file, render
from eventprint.importers.draft import ImportFailure
from test_import import FIX, items, load_imported, people


@pytest.fixture(scope="module")
def docs():
    fmt, d = import_file(FIX / "frab.xml", timezone="Europe/Berlin")
    assert fmt == "frab-xml"
    return d


def test_times_are_local_although_date_says_utc(docs):
    its = items(docs)
    assert (its["101"]["date"], its["101"]["start"], its["101"]["end"]) == ("2019-05-22", "09:00", "09:10")
    assert any("disagrees with <start>" in w for w in docs.warnings)
    assert docs.event["timezone"] == "Europe/Berlin"
    assert docs.event["updated"] == "2019-05-31 14:05"  # from <version>, never the clock
    assert "base_url" not in docs.event  # where out/site/ goes is the organiser's to say


def test_a_slug_holding_a_web_address_is_the_talks_page(docs):
    """Hand-made files put each talk's page (an anchor on one page) in <slug>: that page, once for
    all of them, is the schedule page."""
    its = items(docs)
    assert its["111"]["url"] == "https://semantic.example.org/#talkAuer"
    assert docs.event["schedule_url"] == "https://semantic.example.org/"


def test_same_event_in_two_rooms_is_one_item_in_both(docs):
    its = items(docs)
    breaks = sorted((i, it["room"]) for i, it in its.items() if it["title"].startswith("Coffee"))
    assert breaks == [("997", ["main-track", "tutorials"])]
    assert its["997"]["kind"] == "break"


def test_comma_joined_people_are_split_and_deduplicated(docs):
    its, ppl = items(docs), people(docs)
    assert its["101"]["speakers"] == ["sebastian-tramp", "andreas-heinecke"]
    assert its["300"]["speakers"] == ["andreas-heinecke"]
    assert ppl["sebastian-tramp"] == {"id": "sebastian-tramp", "name": "Dr. Sebastian Tramp",
                                      "given_name": "Sebastian"}
    assert ppl["soren-auer"]["name"] == "Prof. Dr. Sören Auer"
    assert len(ppl) == 3


def test_empty_duration_runs_to_end_of_day_with_warning(docs):
    its = items(docs)
    assert (its["300"]["start"], its["300"]["end"]) == ("09:40", "11:40")
    assert any("event 300" in w and "no duration" in w for w in docs.warnings)


def test_html_with_broken_link_becomes_plain_text(docs):
    assert items(docs)["111"]["abstract"] == "Graphen für Wissen & mehr.\n\nZiele\n\n1. Erstens\n\n2. Zweitens"
    text = "".join(render(docs, "frab.xml").values())
    assert "<" not in text.replace("<start>", "") and "&amp;" not in text and "broken.example" not in text


def test_loads(docs, tmp_path):
    event = load_imported(docs, tmp_path)
    assert event is not None and len(event.items) == 4
    coffee = event.item("997")
    assert [r.id for r in coffee.rooms] == ["main-track", "tutorials"]


def test_broken_xml_is_a_located_error(tmp_path):
    f = tmp_path / "schedule.xml"
    f.write_text("<schedule>\n<day>\n</schedule>\n")
    with pytest.raises(ImportFailure, match=r"^schedule.xml:3: this is not well-formed XML"):
        import_file(f, timezone="UTC")
