"""`eventprint import URL` for pretalx's REST API (paginated, old and new shapes) and for every real
export in ../shared/schedules served from 127.0.0.1: an address imports exactly as the file does."""
from __future__ import annotations

import copy
import json

import pytest

from eventprint.importers.api import import_file, render
from test_import_real import CASES, SCHEDULES
from test_import_url import TOKEN, _all_text, _files, _import, _json, site  # noqa: F401 (site: a fixture)
from webserver import Page

API = "/api/events/demo/"
EVENT = {"name": {"en": "Demo Conf 2025"}, "slug": "demo", "timezone": "Europe/Vienna",
         "date_from": "2025-05-05", "date_to": "2025-05-06", "email": "orga@example.org"}
ROOMS = [{"id": 1, "name": {"en": "Zeta Hall"}, "position": 2}, {"id": 2, "name": {"en": "Alpha Room"}, "position": 1}]


def _talk(code, title, start, end, room, speakers, state="confirmed", legacy=False):
    people = [{"code": c, "name": n, "biography": f"{n} works here.", "email": f"{c}@example.org"}
              for c, n in speakers]
    t = {"code": code, "title": title, "state": state, "abstract": f"About {title}.", "description": "",
         "content_locale": "en", "speakers": people, "duration": 30}
    if legacy:  # pretalx before 2025.1: a 'slot' naming its room, names instead of objects
        t.update(slot={"start": start, "end": end, "room": {"en": room["name"]["en"]}} if start else None,
                 track={"en": "Science"}, submission_type={"en": "Talk"})
    else:
        t.update(slots=[{"id": 90, "start": start, "end": end, "room": room}] if start else [],
                 track={"id": 3, "name": {"en": "Science"}}, submission_type={"id": 4, "name": {"en": "Talk"}})
    return t


def _talks(legacy=False):
    zeta, alpha = ROOMS
    return [
        _talk("AAA111", "Counting sheep at scale", "2025-05-05T09:00:00+02:00", "2025-05-05T09:30:00+02:00",
              zeta, [("JD01", "Jane Doe")], legacy=legacy),
        _talk("BBB222", "Measuring things", "2025-05-05T10:00:00+02:00", "2025-05-05T10:45:00+02:00",
              alpha, [("JD01", "Jane Doe"), ("RR02", "Rui Rocha")], legacy=legacy),
        _talk("CCC333", "Rejected idea", None, None, None, [("XX03", "Xavier Nobody")], state="rejected",
              legacy=legacy),
        _talk("DDD444", "Closing words", "2025-05-06T16:00:00+02:00", "2025-05-06T16:20:00+02:00",
              zeta, [("RR02", "Rui Rocha")], legacy=legacy),
    ]


def _serve_api(site, talks: list, path: str, auth: str | None = None, etag: str = "v1"):
    """The event, its rooms and the talks in two pages, at ``path`` (talks/ or submissions/)."""
    page2 = f"{API}{path}?page=2"
    site.pages[API] = Page(_json(EVENT), token=auth, etag=f'"e-{etag}"')
    site.pages[API + "rooms/"] = Page(_json({"count": 2, "next": None, "results": ROOMS}), token=auth,
                                      etag=f'"r-{etag}"')
    site.pages[API + path] = Page(_json({"count": len(talks), "next": site.url + page2, "results": talks[:2]}),
                                  token=auth, etag=f'"t1-{etag}"')
    site.pages[page2] = Page(_json({"count": len(talks), "next": None, "results": talks[2:]}), token=auth,
                             etag=f'"t2-{etag}"')


@pytest.mark.parametrize("legacy", [False, True], ids=["pretalx-2025-api", "pretalx-legacy-api"])
def test_pretalx_api_all_pages_with_the_token_and_the_event(site, tmp_path, monkeypatch, legacy):
    # the new API answers 404 at talks/: the import asks submissions/ on the same server instead
    _serve_api(site, _talks(legacy), "talks/" if legacy else "submissions/", auth=f"Token {TOKEN}")
    url = site.url + API + "talks/"
    to = tmp_path / "ev"
    r = _import(url, "--to", str(to))
    assert r.returncode == 2 and "asks for a token (HTTP 401) — set EVENTPRINT_TOKEN" in r.stderr
    assert not to.exists()

    monkeypatch.setenv("EVENTPRINT_TOKEN", TOKEN)
    site.received.clear()
    r = _import(url, "--to", str(to))
    assert r.returncode == 0, r.stderr
    assert "3 items, 3 talks, 2 people; 1 warning(s)" in r.stdout  # the export names no venue
    assert all(q.headers.get("authorization") == f"Token {TOKEN}" for q in site.received)
    asked = [q.path for q in site.received]
    assert asked[:2] == [API, API + "rooms/"] and asked[-1].endswith("?page=2")
    first = next(p for p in asked if "expand=" in p)
    assert "expand=speakers,slots,slots.room,track,submission_type" in first and "state=confirmed" in first
    event = (to / "imported" / "event.yaml").read_text()
    assert 'name: "Demo Conf 2025"' in event and 'timezone: "Europe/Vienna"' in event
    venues = (to / "imported" / "venues.yaml").read_text()
    assert venues.index("Alpha Room") < venues.index("Zeta Hall")  # the rooms' order in pretalx
    programme = (to / "imported" / "programme.yaml").read_text()
    assert "start: \"09:00\"" in programme and "Rejected idea" not in programme
    assert "speakers: [jane-doe, rui-rocha]" in programme and "track: \"Science\"" in programme
    text = _all_text(to, r.stdout, r.stderr)
    assert TOKEN not in text and "@example.org" not in text

    # unchanged: every recorded request is asked conditionally, nothing is fetched or written
    before, n = _files(to), len(site.received)
    r = _import(url, "--to", str(to))
    assert "not modified" in r.stdout and _files(to) == before
    assert all("if-none-match" in q.headers for q in site.received[n:]) and len(site.received) - n == 4

    # a talk moved on page 2: the import fetches everything again and says so
    talks = _talks(legacy)
    moved = talks[3]["slot" if legacy else "slots"]
    (moved if legacy else moved[0]).update(start="2025-05-06T15:00:00+02:00", end="2025-05-06T15:20:00+02:00")
    _serve_api(site, talks, "talks/" if legacy else "submissions/", auth=f"Token {TOKEN}", etag="v2")
    site.pages[API] = Page(_json(EVENT), token=f"Token {TOKEN}", etag='"e-v1"')
    r = _import(url, "--to", str(to))
    assert '  moved: "Closing words" Tue 6 May 16:00–16:20, Zeta Hall → Tue 6 May 15:00–15:20, Zeta Hall' \
        in r.stdout.splitlines()


def test_a_page_on_another_host_is_refused(site, tmp_path, monkeypatch):
    _serve_api(site, _talks(), "submissions/")
    site.pages[API + "submissions/"].body = _json({"count": 4, "next": "http://localhost:9/x?page=2",
                                                  "results": _talks()[:2]})
    r = _import(site.url + API + "submissions/", "--to", str(tmp_path / "ev"))
    assert r.returncode == 2 and "the next page is on another host (localhost)" in r.stderr


# --------------------------------------------------------------------------- the real exports


needs_real = pytest.mark.skipif(not SCHEDULES.is_dir(), reason=f"{SCHEDULES} (real exports) is not here")


@needs_real
@pytest.mark.parametrize("name,tz,fmt,counts", CASES, ids=[c[0] for c in CASES])
def test_a_real_export_from_an_address_imports_as_its_file_does(site, tmp_path, name, tz, fmt, counts):
    raw = (SCHEDULES / name).read_bytes()
    site.pages["/schedule/export/" + name] = Page(raw, etag='"r1"', content_type="application/octet-stream")
    url = site.url + "/schedule/export/" + name
    r = _import(url, "--to", str(tmp_path), *(["--timezone", tz] if tz else []))
    assert r.returncode == 0, r.stderr
    _, docs = import_file(SCHEDULES / name, timezone=tz)
    for fname, text in render(docs, url).items():
        assert (tmp_path / "imported" / fname).read_text(encoding="utf-8") == text, fname


@needs_real
def test_a_real_pretalx_export_changing_between_requests(site, tmp_path):
    data = json.loads((SCHEDULES / "good2025.pretalx.json").read_text(encoding="utf-8"))
    path = "/good2025/schedule/export/schedule.json"
    site.pages[path] = Page(_json(data), etag='"1"')
    assert _import(site.url + path, "--to", str(tmp_path)).returncode == 0
    changed = copy.deepcopy(data)
    talk = next(e for d in changed["schedule"]["conference"]["days"] for evs in d["rooms"].values()
                for e in evs if e.get("persons"))
    old_title, talk["title"] = talk["title"], "A title confirmed at the last minute"
    site.pages[path] = Page(_json(changed), etag='"2"')
    r = _import(site.url + path, "--to", str(tmp_path))
    lines = r.stdout.splitlines()
    assert f'  title changed: "{old_title}" → "A title confirmed at the last minute"' in lines
    assert any(line.startswith("The next build reprints: ") and "door sign" in line for line in lines)
    assert r.stdout.count("wrote ") == 2  # programme.yaml and source.json
