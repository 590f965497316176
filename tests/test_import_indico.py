"""Indico event export (fixture indico.json): UTC times of a Warsaw event, presenters in
primaryauthors, 'Last, First' names, track used as a type, no rooms, an unscheduled item."""
from __future__ import annotations

import pytest

from eventprint.importers.api import import_file, render
from test_import import FIX, items, load_imported, people


@pytest.fixture(scope="module")
def docs():
    fmt, d = import_file(FIX / "indico.json")
    assert fmt == "indico"
    return d


def test_utc_times_become_the_events_local_times(docs):
    its = items(docs)
    assert docs.event["timezone"] == "Europe/Warsaw"
    assert (its["12"]["date"], its["12"]["start"], its["12"]["end"]) == ("2021-09-15", "16:10", "16:30")
    # 22:30 UTC = 00:30 in Warsaw: after midnight, so it belongs to the 15th (day change 04:00)
    assert (its["13"]["date"], its["13"]["start"], its["13"]["end"]) == ("2021-09-15", "00:30", "00:35")
    assert docs.event["day_change"] == "04:00"
    assert docs.event["updated"] == "2021-09-12 17:15"  # the export's own stamp, in Warsaw time


def test_presenters_from_primary_authors_deduplicated_by_person_id(docs):
    its, ppl = items(docs), people(docs)
    assert its["12"]["speakers"] == ["martin-peres"]
    assert its["13"]["speakers"] == ["daniel-schurmann", "martin-peres"]
    assert ppl["martin-peres"] == {"id": "martin-peres", "name": "Martin Peres", "affiliation": "X.Org"}
    assert ppl["daniel-schurmann"]["name"] == "Daniel Schürmann"
    assert "author-co" not in ppl and "big-boss" not in ppl  # co-authors and chairs do not present
    # "Opening Session" with a speaker and no type: a talk (a title word never makes a host)
    assert its["14"]["speakers"] == ["helga-host"] and its["14"]["kind"] == "talk"


def test_kinds_text_rooms_and_skips(docs):
    its = items(docs)
    assert its["13"]["kind"] == "lightning_talk" and its["12"]["kind"] == "talk"
    assert its["12"]["abstract"] == ("First paragraph that is long enough to have been wrapped by the "
                                     "person who typed it into the form.\n\nSecond paragraph.")
    assert "15" not in its
    assert any("contribution 15" in w and "not scheduled" in w for w in docs.warnings)
    assert {it["room"] for it in its.values()} == {"main-room"}
    assert docs.venues["venues"][0]["rooms"] == [{"id": "main-room", "name": "Main room"}]
    text = "".join(render(docs, "indico.json").values())
    assert "0123456789abcdef" not in text and "emailHash" not in text and "\r" not in text


def test_loads(docs, tmp_path):
    event = load_imported(docs, tmp_path)
    assert event is not None and len(event.talks) == 3


def test_timetable_export(tmp_path):
    """/export/timetable/N.json: days of entries, sessions holding their own entries, breaks."""
    fmt, d = import_file(FIX / "indico-timetable.json")
    assert fmt == "indico"
    its = items(d)
    assert d.event["timezone"] == "Europe/Warsaw"
    assert (its["26"]["start"], its["26"]["end"], its["26"]["room"]) == ("13:00", "13:30", "aula-building-a")
    assert its["26"]["speakers"] == ["martin-peres"] and its["26"]["abstract"] == "About testing."
    coffee = [it for it in its.values() if it["title"] == "Coffee"]
    assert len(coffee) == 1 and coffee[0]["kind"] == "break"
    assert its["27"]["kind"] == "other" and "speakers" not in its["27"]
    assert any("event's name" in w for w in d.warnings)
    assert "0123456789abcdef" not in "".join(render(d, "t.json").values())


def test_a_separator_left_at_the_end_of_a_name_field_is_not_printed(tmp_path):
    """Indico exports names typed as 'Ganapathi,' (a list's comma left in the last-name field): the
    name is printed without it, not as 'Ravindra Babu Ganapathi,,' in a list of speakers."""
    text = (FIX / "indico.json").read_text(encoding="utf-8")
    assert '"last_name": "Peres"' in text
    source = tmp_path / "indico.json"
    source.write_text(text.replace('"last_name": "Peres"', '"last_name": "Peres,"')
                          .replace('"first_name": "Daniel"', '"first_name": ", Daniel"'), encoding="utf-8")
    _, d = import_file(source)
    ppl = people(d)
    assert ppl["martin-peres"]["name"] == "Martin Peres" and "family_name" not in ppl["martin-peres"]
    assert any(p["name"] == "Daniel Schürmann" for p in ppl.values())
    assert not any(p["name"].endswith((",", ";")) or p["name"].startswith((",", ";")) for p in ppl.values())
