"""Acceptance: the pages the real exports in ../shared/schedules name are what their imports print.

Each export's pages are read straight from the file (acceptance.export_pages, not through
eventprint's importers); the import must carry exactly those, as ``url`` and ``schedule_url``
and never as our ``base_url``. Building and decoding every code of these events is tests/acceptance.py's part.
EVENTPRINT_SCHEDULES names another folder of exports (a worktree has no ../shared).
"""
from __future__ import annotations

import pytest
from acceptance import SCHEDULES, export_pages

from eventprint.build import load
from eventprint.draft import draft_problem
from eventprint.importers.api import import_file, write_content

TIMEZONES = {"lswt2019.schedule.xml": "Europe/Berlin", "gpn11.csv": "Europe/Berlin"}

pytestmark = pytest.mark.skipif(not SCHEDULES.is_dir(), reason=f"{SCHEDULES} (real exports) is not here")


CASES = sorted(p.name for p in SCHEDULES.glob("*") if p.suffix in (".json", ".xml", ".csv")) if SCHEDULES.is_dir() else []


@pytest.mark.parametrize("name", CASES)
def test_the_import_prints_the_pages_the_export_names(name, tmp_path):
    schedule, pages = export_pages(SCHEDULES / name)
    _, docs = import_file(SCHEDULES / name, timezone=TIMEZONES.get(name))
    write_content(docs, name, tmp_path)
    event = load(tmp_path)
    assert event.base_url is None and "base_url" not in docs.event
    assert {it.url for it in event.items if it.url} == pages
    problem = draft_problem(event, tmp_path)
    if pages:  # codes open the export's pages, and the event is ready for --final as it is
        assert event.links == "source" and problem is None, problem
        shared = {u.split("#")[0] for u in pages}
        assert event.schedule_url == (schedule or (shared.pop() if len(shared) == 1 else None))
    else:  # our own site, once the organiser says where it goes
        assert event.links == "site"
        assert problem is not None and problem.file == str(tmp_path / "overrides.yaml") and problem.line > 0
