"""Spreadsheets as organisers save them (issue 24): times with offsets and in RFC 2822, headers
with underscores and plurals, a cell naming two rooms, and rows that all fail.

Fixtures: ``spreadsheet-offsets.csv`` (every time carries +02:00; one row in RFC 2822; headers
start_time, end_time, venues, people, tags; the closing ceremony in "Hall A, Hall B") and
``spreadsheet-bad-dates.csv`` (no row has a date eventprint can read).
"""
from __future__ import annotations

import pytest

import pdfcheck
from eventprint.build import load, render
from eventprint.importers.api import import_file, write_content
from eventprint.importers.draft import ImportFailure
from eventprint.layouts.signs.data import sign_data
from eventprint.options import BuildOptions
from test_import import FIX, items, people

OFFSETS = FIX / "spreadsheet-offsets.csv"


def by_title(docs) -> dict[str, dict]:
    return {it["title"]: it for it in items(docs).values()}


def test_headers_with_underscores_and_plurals_are_recognised():
    _, docs = import_file(OFFSETS, timezone="Europe/Berlin")
    its = by_title(docs)
    keynote = its["Keynote"]
    assert keynote["room"] == "hall-a"  # venues
    assert keynote["speakers"] == ["ada-lovelace"] and people(docs)["ada-lovelace"]["name"] == "Ada Lovelace"  # people
    assert its["Parallel A"]["track"] == "Systems"  # tags
    assert (keynote["start"], keynote["end"]) == ("09:00", "10:00")  # start_time, end_time


def test_rfc_2822_times_are_read():
    _, docs = import_file(OFFSETS, timezone="Europe/Berlin")
    b = by_title(docs)["Parallel B"]
    assert (b["date"], b["start"], b["end"], b["room"]) == ("2024-05-04", "10:30", "11:15", "hall-b")


def test_a_time_with_an_offset_is_that_instant_in_the_events_zone():
    _, docs = import_file(OFFSETS, timezone="America/New_York")
    talk = by_title(docs)["Afternoon talk"]  # 15:30 at +02:00 is 09:30 in New York (-04:00)
    assert (talk["start"], talk["end"]) == ("09:30", "10:00")
    assert by_title(docs)["Parallel B"]["start"] == "04:30"  # the RFC 2822 row as well


def test_offsets_in_every_cell_are_a_zone_not_a_missing_one():
    _, docs = import_file(OFFSETS)  # no --timezone: the file's own offset
    assert docs.event["timezone"] == "Etc/GMT-2"  # UTC+2 (the Etc zones' signs are inverted)
    assert by_title(docs)["Afternoon talk"]["start"] == "15:30"
    assert any("offset +02:00" in w and "--timezone" in w for w in docs.warnings)
    assert not any("no time zone" in w for w in docs.warnings)


def test_different_offsets_without_a_zone_ask_for_one(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text("title,start,end\nA,2024-03-30T10:00+01:00,2024-03-30T11:00+01:00\n"
                 "B,2024-03-31T10:00+02:00,2024-03-31T11:00+02:00\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"offsets \+01:00, \+02:00 but name no time zone.*--timezone"):
        import_file(f)


def test_every_row_failing_shows_each_rows_reason():
    with pytest.raises(ImportFailure) as e:
        import_file(FIX / "spreadsheet-bad-dates.csv", timezone="Europe/Berlin")
    msg = str(e.value)
    assert "published" not in msg
    for line, title in ((2, "Keynote"), (3, "Talk"), (4, "Lunch")):
        assert f"spreadsheet-bad-dates.csv:{line}: '{title}'" in msg
    assert "'04/31/2024'" in msg and "'May 4th'" in msg


def test_a_cell_naming_two_rooms_puts_the_item_in_both(tmp_path):
    _, docs = import_file(OFFSETS, timezone="Europe/Berlin")
    assert [r["name"] for r in docs.venues["venues"][0]["rooms"]] == ["Hall A", "Hall B"]  # no third room
    assert by_title(docs)["Closing ceremony"]["room"] == ["hall-a", "hall-b"]
    write_content(docs, OFFSETS.name, tmp_path)
    event = load(tmp_path)
    signs = {a.path: pdfcheck.normalise(" ".join(pdfcheck.page_texts(a.data)))
             for a in render(event, "signs", BuildOptions()) if a.path != "signs/all-signs.pdf"}
    assert sorted(signs) == ["signs/hall-a-2024-05-04.pdf", "signs/hall-b-2024-05-04.pdf"]
    for text in signs.values():
        assert "Closing ceremony" in text
    for room in event.rooms:  # on each hall's door as one of its own items, not as one elsewhere
        row = next(r for r in sign_data(event, room, event.days[0]).rows if r.title == "Closing ceremony")
        assert row.where == "" and not row.quiet
    site = {a.path: a.data.decode() for a in render(event, "site", BuildOptions()) if a.path.endswith(".html")}
    for room in ("hall-a", "hall-b"):
        assert "Closing ceremony" in site[f"site/rooms/{room}-2024-05-04.html"]


def test_a_comma_in_one_rooms_name_is_not_two_rooms(tmp_path):
    f = tmp_path / "p.csv"
    f.write_text('title,start,end,room\nA,2024-05-04T10:00,2024-05-04T11:00,"Room 1, 2nd floor"\n'
                 "B,2024-05-04T11:00,2024-05-04T12:00,Hall\n", encoding="utf-8")
    _, docs = import_file(f, timezone="UTC")
    assert [r["name"] for r in docs.venues["venues"][0]["rooms"]] == ["Room 1, 2nd floor", "Hall"]
