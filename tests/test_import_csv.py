"""CSV programme (fixture programme.csv): German headers with ';', DD.MM.YYYY dates,
durations as H:MM, D:HH:MM and minutes, 'id:name|id:name' speakers, past midnight."""
from __future__ import annotations

import pytest

from eventprint.importers.api import import_file
from eventprint.importers.draft import ImportFailure
from test_import import FIX, items, load_imported, people


@pytest.fixture(scope="module")
def docs():
    fmt, d = import_file(FIX / "programme.csv", timezone="Europe/Berlin")
    assert fmt == "csv"
    return d


def test_german_headers_dates_and_durations(docs):
    its = items(docs)
    assert (its["1"]["date"], its["1"]["start"], its["1"]["end"]) == ("2011-06-23", "19:00", "20:30")
    assert (its["4"]["start"], its["4"]["end"], its["4"]["kind"]) == ("12:00", "13:00", "meal")  # D:HH:MM
    assert (its["5"]["start"], its["5"]["end"]) == ("13:00", "14:30")  # minutes
    assert its["1"]["language"] == "de" and its["2"]["language"] == "en"
    assert its["3"]["kind"] == "workshop"
    assert its["1"]["room"] == "grossesstudio"


def test_past_midnight_belongs_to_the_evening_before(docs):
    its = items(docs)
    assert (its["2"]["date"], its["2"]["start"], its["2"]["end"]) == ("2011-06-23", "23:30", "00:30")
    assert (its["3"]["date"], its["3"]["start"], its["3"]["end"]) == ("2011-06-23", "00:15", "01:00")
    assert docs.event["day_change"] == "04:00"
    assert [d["date"] for d in docs.programme["days"]] == ["2011-06-23", "2011-06-24"]


def test_speakers_by_id_and_by_name(docs):
    its, ppl = items(docs), people(docs)
    assert its["1"]["speakers"] == its["5"]["speakers"] == ["diverse"]
    assert its["2"]["speakers"] == ["konrad-meier", "dennis-wehrle"]
    assert its["3"]["speakers"] == ["andi", "bea-beispiel", "carl"]
    assert ppl["andi"] == {"id": "andi", "name": "andi (Entropia)", "family_name": "andi"}  # as written
    assert len(ppl) == 6


def test_multiline_quoted_text_and_bad_rows(docs):
    its = items(docs)
    assert its["1"]["abstract"] == 'Vorstellung:\n\n"Hacker werden hacken", ein Film.\n\nGamejam (til, vrld)'
    assert "6" not in its
    assert any(w.startswith("programme.csv:10:") and "Broken row" in w for w in docs.warnings)


def test_zone_is_required():
    with pytest.raises(ImportFailure, match="--timezone"):
        import_file(FIX / "programme.csv")


def test_columns_maps_other_headers(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("Wann,Bis,Was,Wo,Am\n10:00,11:00,Talk A,Hall,2024-01-02\n23:30,00:30,Late,Hall,2024-01-02\n")
    with pytest.raises(ImportFailure, match=r"^p.csv:1: no column for 'title'.*--columns title="):
        import_file(f, timezone="UTC")
    _, d = import_file(f, timezone="UTC", columns="start=Wann,end=bis,title=Was,room=Wo,date=Am")
    it, late = d.programme["days"][0]["items"]
    assert (it["title"], it["start"], it["end"], it["room"], it["kind"]) == ("Talk A", "10:00", "11:00", "hall", "other")
    assert (late["start"], late["end"]) == ("23:30", "00:30")  # an end before the start is after midnight
    assert not any("ends when it starts" in w for w in d.warnings)
    with pytest.raises(ImportFailure, match="'Nope', which is not in the header"):
        import_file(f, timezone="UTC", columns="title=Nope")


def test_loads(docs, tmp_path):
    event = load_imported(docs, tmp_path)
    assert event is not None
