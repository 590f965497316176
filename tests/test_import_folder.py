"""What an import says and writes (issue 24): the "as of" stamp it records, the formats it does not
read, and the hand-written content folders it leaves alone.

Fixtures: ``cjk-names.frab.json`` (its <version> is no time: the stamp is the import's) and
``conference-own.json`` (a conference's own JSON with 'sessions' and 'speakers', not Sessionize).
"""
from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

import pdfcheck
from conftest import run_cli
from eventprint.build import build, load
from eventprint.importers.api import import_file, write_content
from eventprint.importers.draft import ImportFailure
from eventprint.layouts.kit.programme import as_of
from test_import import FIX

CJK = FIX / "cjk-names.frab.json"
T1 = datetime(2024, 10, 1, 8, 0, tzinfo=timezone.utc)
T2 = datetime(2024, 10, 2, 8, 0, tzinfo=timezone.utc)
T3 = datetime(2024, 10, 3, 9, 30, tzinfo=timezone.utc)


def _docs(source: Path, now: datetime, monkeypatch):
    """The import of ``source`` run at ``now`` (SOURCE_DATE_EPOCH, as for a reproducible run; not
    left set for the builds, whose "as of" must come from the content)."""
    with monkeypatch.context() as m:
        m.setenv("SOURCE_DATE_EPOCH", str(int(now.timestamp())))
        return import_file(source)[1]


def _import(source: Path, to: Path, now: datetime, monkeypatch) -> list[Path]:
    return write_content(_docs(source, now, monkeypatch), source.name, to)


# --------------------------------------------------------------------------- 9. the as-of stamp
def test_the_stamp_is_the_exports_time_else_the_imports_never_invented(tmp_path, monkeypatch):
    assert _docs(FIX / "frab.json", T1, monkeypatch).event["updated"] == "2024-06-01 12:30"  # its <version>
    docs = _docs(CJK, T1, monkeypatch)
    assert docs.event["updated"] == "2024-10-01 16:00"  # no time in the export: the import's, in Shanghai
    write_content(docs, CJK.name, tmp_path)
    assert load(tmp_path).updated_from is None  # written, not derived from a commit or the first day


def test_a_reprinted_sign_carries_its_own_newer_stamp(tmp_path, monkeypatch):
    export, content, out = tmp_path / "schedule.json", tmp_path / "content", tmp_path / "out"
    shutil.copy(CJK, export)
    _import(export, content, T1, monkeypatch)
    build(content, out, ("signs",))
    first = as_of(load(content))
    assert _import(export, content, T2, monkeypatch) == []  # the same export again: no file changes, not even the stamp
    data = json.loads(export.read_text(encoding="utf-8"))
    room = data["schedule"]["conference"]["days"][0]["rooms"]["分会场A"]
    room[0]["title"] = "数据库内核 2.0"  # a confirmed title
    export.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _import(export, content, T3, monkeypatch)
    event = load(content)
    assert event.updated == datetime(2024, 10, 3, 17, 30)
    report = build(content, out, ("signs",))
    assert any(m.startswith("Changed since the last build: door sign 分会场A") for m in report.messages)
    reprint = pdfcheck.normalise(" ".join(pdfcheck.page_texts((out / "reprint.pdf").read_bytes())))
    assert as_of(event) in reprint and first not in reprint


# --------------------------------------------------------------------------- 10. formats we do not read
def test_a_conferences_own_json_is_not_taken_for_sessionize(tmp_path):
    with pytest.raises(ImportFailure) as e:
        import_file(FIX / "conference-own.json")
    msg = str(e.value)
    assert msg.startswith("conference-own.json: ") and "holds no programme items" not in msg
    assert "Sessionize" in msg and "startsAt" in msg  # which format it resembles, what it lacks
    assert "'hall'" in msg  # and what its sessions have instead
    done = run_cli("import", str(FIX / "conference-own.json"), "--to", str(tmp_path / "c"))
    assert done.returncode == 2 and "nothing was written" in done.stderr and not (tmp_path / "c").exists()


def test_sessionize_is_still_detected_by_its_own_fields():
    found, docs = import_file(FIX / "sessionize.json", timezone="Europe/Berlin")
    assert found == "sessionize" and docs.summary["items"] == 3


# --------------------------------------------------------------------------- 11. hand-written folders
def test_an_import_into_a_hand_written_folder_is_refused_and_writes_nothing(tmp_path):
    folder = tmp_path / "event"
    shutil.copytree(Path(__file__).resolve().parent / "fixtures" / "edge", folder)
    before = {p: p.read_bytes() for p in folder.rglob("*")}
    done = run_cli("import", str(FIX / "frab.json"), "--to", str(folder))
    assert done.returncode == 2
    assert "hand-written" in done.stderr and "event.yaml" in done.stderr and "nothing was written" in done.stderr
    assert {p: p.read_bytes() for p in folder.rglob("*")} == before  # no imported/, no overrides.yaml
    _, docs = import_file(FIX / "frab.json")
    with pytest.raises(ImportFailure, match="hand-written"):
        write_content(docs, "frab.json", folder)
    assert {p: p.read_bytes() for p in folder.rglob("*")} == before
