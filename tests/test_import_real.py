"""Acceptance: every real export in ../shared/schedules/ imports without an error, with the
counts its README gives, and today's loader accepts the result."""
from __future__ import annotations

from pathlib import Path

import pytest

from eventprint.cli import main
from eventprint.importers.api import import_file, render
from test_import import load_imported

SCHEDULES = Path(__file__).resolve().parent.parent.parent / "shared" / "schedules"

# file, --timezone, format, expected counts (from the README there; None = not stated)
CASES = [
    ("camp2019.frab.json", None, "frab-json", dict(days=5, rooms=2, items=79, people=90)),
    # 31 events, three of them breaks listed in two rooms under one id: one item in both rooms each
    ("lswt2019.schedule.xml", "Europe/Berlin", "frab-xml", dict(days=1, rooms=4, items=28)),
    ("sessionize-demo.all.json", None, "sessionize", dict(days=2, rooms=3, items=11, people=10)),
    ("xdc2021.indico.json", None, "indico", dict(days=3, items=37)),
    ("good2025.pretalx.json", None, "frab-json", dict(days=4, rooms=5, items=72, people=63)),
    ("good2025.pretalx.xml", None, "frab-xml", dict(days=4, rooms=5, items=72, people=63)),
    ("gpn11.csv", "Europe/Berlin", "csv", dict(days=4, rooms=2, items=29)),
]

pytestmark = pytest.mark.skipif(not SCHEDULES.is_dir(), reason=f"{SCHEDULES} (real exports) is not here")


@pytest.mark.parametrize("name,tz,fmt,counts", CASES, ids=[c[0] for c in CASES])
def test_real_export_imports_with_the_right_counts(name, tz, fmt, counts, tmp_path, capsys):
    found, docs = import_file(SCHEDULES / name, timezone=tz)
    assert found == fmt
    for key, want in counts.items():
        assert docs.summary[key] == want, key
    (tmp_path / "content").mkdir()
    args = ["import", str(SCHEDULES / name), "--to", str(tmp_path)] + (["--timezone", tz] if tz else [])
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"{docs.summary['days']} days, {docs.summary['rooms']} rooms, {docs.summary['items']} items" in out
    text = "".join(render(docs, name).values())
    assert "\r" not in text and "emailHash" not in text
    assert "<p>" not in text and "&amp;" not in text and "&nbsp;" not in text
    load_imported(docs, tmp_path / "content")  # fails on any problem but overlaps


def test_pretalx_json_and_xml_give_the_same_programme():
    _, a = import_file(SCHEDULES / "good2025.pretalx.json")
    _, b = import_file(SCHEDULES / "good2025.pretalx.xml")
    # the XML has no biographies; everything else is the same
    no_bio = lambda docs: [{k: v for k, v in p.items() if k != "bio"} for p in docs.people["people"]]  # noqa: E731
    assert no_bio(a) == no_bio(b)
    assert a.programme == b.programme and a.event == b.event
    assert a.event["timezone"] == "America/New_York"  # the file's legacy name US/Eastern, current name
    rooms = lambda docs: sorted(map(str, docs.venues["venues"][0]["rooms"]))  # noqa: E731
    assert rooms(a) == rooms(b)  # the XML lists no rooms up front, so their order may differ


def test_camp_people_keep_their_names_as_written():
    _, docs = import_file(SCHEDULES / "camp2019.frab.json")
    names = {p["name"]: p for p in docs.people["people"]}
    # frab has no affiliation field: the organisation in brackets stays part of the printed name
    chloe = names["Chloé Berthélémy (EDRi)"]
    assert "affiliation" not in chloe and chloe["id"] == "chloe-berthelemy"
