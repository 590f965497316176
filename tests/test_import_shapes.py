"""Exports of every shape and size (issue 26): a malformed entry is skipped with a warning and
nothing else is; durations too long for a day, or for a date, and clock changes give content
the build accepts; the pretalx REST talk list; what the Indico and frab XML fixtures did not pin."""
from __future__ import annotations

import copy
import json

import pytest

from eventprint.importers import frab_common
from eventprint.importers.api import import_file, render
from eventprint.importers.draft import ImportFailure
from test_import import FIX, items, load_imported, people


def _import(tmp_path, name: str, data, timezone: str | None = "Europe/Berlin"):
    f = tmp_path / name
    f.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return import_file(f, timezone=timezone)[1]


# --------------------------------------------------------------------------- the pretalx REST talk list
def test_pretalx_rest_talk_list():
    fmt, docs = import_file(FIX / "pretalx-api.json", timezone="Europe/Berlin")
    assert fmt == "pretalx-widget"
    its, ppl = items(docs), people(docs)
    assert set(its) == {"qxrj8b", "9kdp3c"}
    hands = its["qxrj8b"]
    assert (hands["date"], hands["start"], hands["end"], hands["room"]) == ("2025-05-20", "14:00", "15:30", "lab-1")
    assert (hands["title"], hands["kind"], hands["track"], hands["language"]) == ("Robot hands", "workshop", "Hardware", "de")
    assert hands["speakers"] == ["ana-ferreira", "tomas-ruiz"] and its["9kdp3c"]["speakers"] == ["ana-ferreira"]
    assert ppl["ana-ferreira"]["bio"] == "Ana builds robots." and ppl["tomas-ruiz"]["name"] == "Tomás Ruiz"
    assert any("talk UNSCHD" in w and "not scheduled" in w for w in docs.warnings)
    assert any("talk BADSLT" in w and "slot is a list" in w for w in docs.warnings)
    text = "".join(render(docs, "talks.json").values())
    assert "ana@example.org" not in text and "+49 170" not in text and "needs a table" not in text


def test_pretalx_rest_talk_list_loads(tmp_path):
    event = load_imported(import_file(FIX / "pretalx-api.json", timezone="Europe/Berlin")[1], tmp_path)
    assert [t.title.display for t in event.talks] == ["Robot hands", "Closing"]


# --------------------------------------------------------------------------- only data errors are skipped
def test_a_bug_in_an_importer_is_not_passed_off_as_a_malformed_entry(monkeypatch):
    def planted(*args, **kwargs):
        raise TypeError("a bug in eventprint")
    monkeypatch.setattr(frab_common, "kind_of", planted)
    with pytest.raises(TypeError, match="a bug in eventprint"):
        import_file(FIX / "frab.json")


def test_a_malformed_entry_is_skipped_and_named(tmp_path):
    data = json.loads((FIX / "frab.json").read_text(encoding="utf-8"))
    events = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"]
    events[1]["persons"] = "Chloé"
    docs = _import(tmp_path, "frab.json", data, None)
    assert "502" not in items(docs) and "501" in items(docs)
    assert any(w.startswith("frab.json:event 502: this entry has an unexpected shape (persons is the text 'Chloé', "
                            "not a list); skipped") for w in docs.warnings)


@pytest.mark.parametrize("levels", [3000, 100_000])
def test_deeply_nested_json_is_one_line(tmp_path, levels):
    f = tmp_path / "deep.json"
    f.write_text('{"results": ' + "[" * levels + "]" * levels + "}")
    for fmt in (None, "indico", "frab-json"):
        with pytest.raises(ImportFailure, match="nested hundreds of levels deep"):
            import_file(f, fmt)


# --------------------------------------------------------------------------- durations
def _frab_with(duration: str):
    data = json.loads((FIX / "frab.json").read_text(encoding="utf-8"))
    data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]["duration"] = duration
    return data


@pytest.mark.parametrize("duration", ["10000", "9:00:00"])
def test_an_item_longer_than_a_day_is_cut_with_a_warning_and_builds(tmp_path, duration):
    docs = _import(tmp_path, "frab.json", _frab_with(duration), None)
    opening = items(docs)["501"]
    assert (opening["start"], opening["end"]) == ("10:00", "11:45")  # until the day's latest other item
    assert any(w.startswith("frab.json:event 501: 'Opening' lasts ") and "printed on 2024-06-07 only, until 11:45"
               in w for w in docs.warnings)
    assert load_imported(docs, tmp_path / "content") is not None


@pytest.mark.parametrize("duration", ["1e300", "9" * 40, "inf", "nan", "99999999999:00:00"])
def test_an_absurd_frab_duration_is_none_with_a_warning(tmp_path, duration):
    docs = _import(tmp_path, "frab.json", _frab_with(duration), None)
    assert any("event 501" in w and "no duration" in w for w in docs.warnings)
    assert load_imported(docs, tmp_path / "content") is not None


@pytest.mark.parametrize("duration", [1e300, 10_000_000, "x", -30])
def test_an_absurd_indico_duration_is_replaced_with_a_warning(tmp_path, duration):
    data = json.loads((FIX / "indico.json").read_text(encoding="utf-8"))
    data["results"][0]["contributions"][1]["duration"] = duration  # no endDate: the duration counts
    data["ts"] = 1e300
    docs = _import(tmp_path, "indico.json", data)
    assert "13" in items(docs)
    assert any("contribution 13" in w for w in docs.warnings)
    assert load_imported(docs, tmp_path / "content") is not None


# --------------------------------------------------------------------------- clock changes
CSV = "Room;Date;Start;Duration;Title;Speakers\nHall;30.03.2025;01:30;120;Night talk;Ann Example\n"


def test_a_csv_item_across_the_spring_clock_change_ends_at_a_real_time(tmp_path):
    its = items(_import(tmp_path, "p.csv", CSV))
    [night] = its.values()
    assert (night["start"], night["end"]) == ("01:30", "04:30")


def test_a_frab_item_across_the_spring_clock_change_ends_at_a_real_time(tmp_path):
    data = json.loads((FIX / "frab.json").read_text(encoding="utf-8"))
    day = data["schedule"]["conference"]["days"][1]
    # the night of 29 to 30 March 2025: Europe/Berlin goes from 02:00 to 03:00; the day changes at 04:00
    day["date"], day["day_start"], day["day_end"] = "2025-03-29", "2025-03-29T09:00:00+01:00", "2025-03-30T04:00:00+02:00"
    ev = day["rooms"]["Hall A"][0]
    ev.update(date="2025-03-29T10:00:00+01:00", start="10:00", duration="02:00")
    night = copy.deepcopy(ev)
    night.update(id=599, guid="n", slug="n", title="Night", start="01:30", duration="02:00",
                 date="2025-03-30T01:30:00+01:00")
    day["rooms"]["Hall A"].append(night)
    its = items(_import(tmp_path, "frab.json", data, None))
    assert (its["599"]["start"], its["599"]["end"]) == ("01:30", "04:30")
    assert (its["505"]["start"], its["505"]["end"]) == ("10:00", "12:00")


def test_an_indico_duration_across_the_spring_clock_change_ends_at_a_real_time(tmp_path):
    data = json.loads((FIX / "indico.json").read_text(encoding="utf-8"))
    c = data["results"][0]["contributions"][1]
    c["startDate"], c["endDate"], c["duration"] = {"date": "2025-03-30", "tz": "Europe/Warsaw", "time": "01:30:00"}, None, 120
    its = items(_import(tmp_path, "indico.json", data))
    assert (its["13"]["start"], its["13"]["end"]) == ("01:30", "04:30")


def test_a_time_the_clock_skips_is_written_as_the_real_time_it_means(tmp_path):
    data = json.loads((FIX / "sessionize.json").read_text(encoding="utf-8"))
    s = next(s for s in data["sessions"] if s.get("startsAt"))
    s["startsAt"], s["endsAt"] = "2025-03-30T01:30:00", "2025-03-30T02:30:00"  # naive local: 02:30 never happens
    its = items(_import(tmp_path, "sessionize.json", data))
    [it] = [it for it in its.values() if it["start"] == "01:30"]
    assert (it["start"], it["end"]) == ("01:30", "03:30")


# --------------------------------------------------------------------------- what the fixtures did not pin
INDICO_PEOPLE = {
    "speakers": [{"person_id": 30, "fullName": "Host, Helga", "affiliation": "X.Org Foundation"}],
    "primaryauthors": [{"person_id": 17, "fullName": "Peres, Martin", "first_name": "Martin", "last_name": "Peres"}],
}


def test_indico_speakers_come_before_authors_and_last_first_names_are_turned_round(tmp_path):
    data = json.loads((FIX / "indico.json").read_text(encoding="utf-8"))
    data["results"][0]["contributions"][0].update(INDICO_PEOPLE)
    docs = _import(tmp_path, "indico.json", data, None)
    assert items(docs)["12"]["speakers"] == ["helga-host"]  # the speaker presents, not the author
    helga = people(docs)["helga-host"]
    assert helga["name"] == "Helga Host" and helga.get("given_name", "Helga") == "Helga"
    assert helga.get("family_name", "Host") == "Host"


def test_frab_xml_takes_the_time_zone_it_names(tmp_path):
    fmt, docs = import_file(FIX / "frab.xml")  # no --timezone: <time_zone_name>Europe/Berlin</time_zone_name>
    assert docs.event["timezone"] == "Europe/Berlin"
    its = items(docs)
    assert (its["101"]["start"], its["101"]["end"]) == ("09:00", "09:10")
    assert not any("UTC" in w and "time zone" in w for w in docs.warnings)


@pytest.mark.parametrize("stamp", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00", "2250-01-01T10:00:00"])
def test_a_time_no_programme_can_have_is_none_and_never_a_crash(tmp_path, stamp):
    data = json.loads((FIX / "sessionize.json").read_text(encoding="utf-8"))
    s = next(s for s in data["sessions"] if s.get("startsAt"))
    s["endsAt"] = stamp
    docs = _import(tmp_path, "sessionize.json", data)
    assert any(f"session {s['id']}" in w and "no start or end" in w for w in docs.warnings)
    indico = json.loads((FIX / "indico.json").read_text(encoding="utf-8"))
    indico["results"][0]["contributions"][0]["startDate"] = {"date": stamp[:10], "time": "10:00:00", "tz": "UTC"}
    docs = _import(tmp_path, "indico.json", indico)
    assert "12" not in items(docs) and load_imported(docs, tmp_path / "content") is not None
