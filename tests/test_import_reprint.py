"""Re-importing a changed export keeps the organiser's overrides and reprints exactly what changed.

The organiser imports a frab export, adds an override, builds badges and door signs; the CfP
tool then confirms a new title. Importing again changes only the programme file, keeps
overrides.yaml as it was, and the next build names exactly the badges of that talk's speakers
and the door sign of its room and day — and reprint.pdf holds exactly those.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pdfcheck
from eventprint.build import build, load
from eventprint.importers.api import import_file, write_content
from eventprint.layouts.badges.data import badge_order

FRAB = Path(__file__).resolve().parent / "fixtures" / "import" / "frab.json"
OVERRIDES = "people:\n  chloe-berthelemy:\n    bio: Policy advisor, added by the organiser.\n"


def _import(source: Path, to: Path) -> None:
    _, docs = import_file(source)
    write_content(docs, source.name, to)


def test_reimport_of_a_confirmed_title_reprints_exactly_its_badges_and_sign(tmp_path):
    export, content, out = tmp_path / "schedule.json", tmp_path / "content", tmp_path / "out"
    shutil.copy(FRAB, export)
    _import(export, content)
    (content / "overrides.yaml").write_text(OVERRIDES, encoding="utf-8")
    build(content, out, ("badges", "signs"))
    before = {p: p.read_bytes() for p in content.rglob("*.yaml")}

    data = json.loads(export.read_text(encoding="utf-8"))
    talk = next(e for d in data["schedule"]["conference"]["days"] for evs in d["rooms"].values()
                for e in evs if e["id"] == 502)
    talk["title"] = "Tags, Things and Their Names"
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _import(export, content)

    changed = sorted(p.relative_to(content).as_posix() for p in before if p.read_bytes() != before[p])
    assert changed == ["imported/programme.yaml"]
    assert (content / "overrides.yaml").read_text(encoding="utf-8") == OVERRIDES

    event = load(content)
    item = next(it for it in event.items if it.title.display == "Tags, Things and Their Names")
    assert event.person("chloe-berthelemy").bio == "Policy advisor, added by the organiser."
    report = build(content, out, ("badges", "signs"))
    line = next(m for m in report.messages if m.startswith("Changed since the last build: "))
    named = line[len("Changed since the last build: "):].split("; ")
    speakers = badge_order(item.speakers)
    assert sorted(named) == sorted([f"badge for {p.name}" for p in speakers]
                                   + [n for n in named if n.startswith("door sign")])
    signs = [n for n in named if n.startswith("door sign")]
    assert signs == [f"door sign {item.room.name} {item.date:%A} {item.date.day} {item.date:%B}"]
    # reprint.pdf: exactly those badges (front pages name them), then that one sign
    pdf = (out / "reprint.pdf").read_bytes()
    text = pdfcheck.normalise(" ".join(pdfcheck.page_texts(pdf)))
    others = [p for p in event.people_with_roles if p not in speakers]
    for p in speakers:
        assert p.name in text
    for p in others:
        assert p.name not in text or any(p in it.speakers for it in event.items
                                         if it.room is item.room and it.date == item.date)
    assert "Tags, Things and Their Names" in text
