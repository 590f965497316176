"""`eventprint import URL`: every tool's address form against a web server on 127.0.0.1 that changes
its pages between requests, answers 304 / 401 / 404 / 500, and records the headers it received.

Nothing here reaches any other address (``webserver.guard_network``).
"""
from __future__ import annotations

import copy
import json
import socket
import time
from pathlib import Path

import pytest

from conftest import run_cli
from eventprint.importers import fetch
from test_import import FIX
from webserver import Page, Site, guard_network

TOKEN = "s3cret-t0ken-4711"
FRAB = json.loads((FIX / "frab.json").read_text(encoding="utf-8"))


@pytest.fixture
def site(monkeypatch):
    s = Site()
    guard_network(monkeypatch)
    monkeypatch.delenv("EVENTPRINT_TOKEN", raising=False)
    yield s
    s.close()


def _json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file below ``folder``: its bytes and modification time (ns)."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()} if folder.exists() else {}


def _import(*args: str):
    return run_cli("import", *args)


def _frab_event(data: dict, eid: int) -> dict:
    return next(e for d in data["schedule"]["conference"]["days"] for evs in d["rooms"].values()
                for e in evs if e["id"] == eid)


# --------------------------------------------------------------------------- conditional


def test_unchanged_export_is_asked_conditionally_and_changes_no_file(site, tmp_path):
    site.pages["/tc24/schedule/export/schedule.json"] = Page(_json(FRAB), etag='"v1"')
    url = site.url + "/tc24/schedule/export/schedule.json"
    to = tmp_path / "ev"
    r = _import(url, "--to", str(to))
    assert r.returncode == 0, r.stderr
    assert "5 talks" in r.stdout and (to / "imported" / "programme.yaml").is_file()
    record = json.loads((to / "imported" / "source.json").read_text())
    assert record["source"] == url and record["requests"] == [{"url": url, "etag": '"v1"', "last_modified": None}]
    assert "if-none-match" not in site.received[0].headers and "authorization" not in site.received[0].headers
    before = _files(to)

    r = _import(url, "--to", str(to))
    assert r.returncode == 0, r.stderr
    assert "not modified since the last import" in r.stdout
    assert site.received[-1].headers["if-none-match"] == '"v1"'
    assert _files(to) == before  # not one byte, not one time stamp


def test_last_modified_is_asked_with_if_modified_since(site, tmp_path):
    stamp = "Wed, 05 Jun 2024 10:00:00 GMT"
    site.pages["/schedule.xml"] = Page((FIX / "frab.xml").read_bytes(), last_modified=stamp,
                                       content_type="application/xml")
    to = tmp_path / "ev"
    assert _import(site.url + "/schedule.xml", "--to", str(to)).returncode == 0
    before = _files(to)
    r = _import(site.url + "/schedule.xml", "--to", str(to))
    assert "not modified" in r.stdout and site.received[-1].headers["if-modified-since"] == stamp
    assert _files(to) == before


def test_other_options_or_touched_files_fetch_everything_again(site, tmp_path):
    site.pages["/s.json"] = Page(_json(FRAB), etag='"v1"')
    to = tmp_path / "ev"
    assert _import(site.url + "/s.json", "--to", str(to)).returncode == 0
    # another --timezone could read the same export differently: no conditional request
    r = _import(site.url + "/s.json", "--to", str(to), "--timezone", "Europe/Berlin")
    assert "not modified" not in r.stdout and "if-none-match" not in site.received[-1].headers
    # imported/ no longer what the recorded import wrote: no conditional request either
    (to / "imported" / "people.yaml").unlink()
    r = _import(site.url + "/s.json", "--to", str(to), "--timezone", "Europe/Berlin")
    assert "not modified" not in r.stdout and (to / "imported" / "people.yaml").is_file()
    r = _import(site.url + "/s.json", "--to", str(to), "--timezone", "Europe/Berlin", "--refresh")
    assert "not modified" not in r.stdout and "if-none-match" not in site.received[-1].headers


# --------------------------------------------------------------------------- what changed


def _changed_frab() -> dict:
    data = copy.deepcopy(FRAB)
    talk = _frab_event(data, 502)
    talk["title"] = "Tags, Things and Their Names"
    talk["persons"] = talk["persons"][:1]  # mo leaves this talk (and keeps his lightning talks)
    ws = _frab_event(data, 506)
    ws["date"], ws["start"] = "2024-06-08T14:00:00+02:00", "14:00"
    rooms = data["schedule"]["conference"]["days"][0]["rooms"]
    rooms["Hall B"].pop(0)  # Night Talk: Mo (id 9) leaves
    opening = rooms["Hall A"].pop(0)
    rooms["Hall B"].append(dict(opening, room="Hall B"))  # same time, the other hall
    return data


def test_reimport_says_what_changed_and_which_badges_and_signs_to_reprint(site, tmp_path):
    site.pages["/s.json"] = Page(_json(FRAB), etag='"v1"')
    to = tmp_path / "ev"
    assert _import(site.url + "/s.json", "--to", str(to)).returncode == 0
    site.pages["/s.json"] = Page(_json(_changed_frab()), etag='"v2"')
    r = _import(site.url + "/s.json", "--to", str(to))
    assert r.returncode == 0, r.stderr
    assert site.received[-1].headers["if-none-match"] == '"v1"' and len(site.received) == 2
    lines = r.stdout.splitlines()
    assert "wrote " + str(to / "imported" / "programme.yaml") in lines
    assert "Changes since the last import: 1 removed, 2 moved, 1 title changed, 1 speaker removed" in lines
    assert '  moved: "Opening" Fri 7 Jun 10:00–10:30, Hall A → Fri 7 Jun 10:00–10:30, Hall B' in lines
    assert '  removed: "Night Talk" (Fri 7 Jun 01:30–02:30, Hall B)' in lines
    assert '  moved: "Solder Workshop" Sat 8 Jun 13:00–13:45, Hall A → Sat 8 Jun 14:00–14:45, Hall A' in lines
    assert '  title changed: "Tags & <things>" → "Tags, Things and Their Names"' in lines
    assert '  speaker removed: mo from "Tags, Things and Their Names"' in lines
    reprint = next(line for line in lines if line.startswith("The next build reprints: "))
    assert sorted(reprint.split(": ", 1)[1].split("; ")) == [
        "badge for Chloé Berthélémy (EDRi)", "badge for mo", "door sign Hall A Friday 7 June",
        "door sign Hall A Saturday 8 June", "door sign Hall B Friday 7 June"]
    assert "No longer needed: badge for Mo; name tent for Mo" in lines
    assert json.loads((to / "imported" / "source.json").read_text())["requests"][0]["etag"] == '"v2"'


def test_a_confirmed_title_is_named_as_confirmed_and_a_file_reimport_says_so_too(tmp_path):
    data = copy.deepcopy(FRAB)
    _frab_event(data, 506)["title"] = "tbc"
    export, to = tmp_path / "schedule.json", tmp_path / "ev"
    export.write_bytes(_json(data))
    assert _import(str(export), "--to", str(to)).returncode == 0
    _frab_event(data, 506)["title"] = "Solder Workshop"
    export.write_bytes(_json(data))
    r = _import(str(export), "--to", str(to))
    assert '  title confirmed: "Solder Workshop" (was "tbc")' in r.stdout.splitlines()
    assert "The next build reprints: door sign Hall A Saturday 8 June" in r.stdout.splitlines()
    assert "Nothing changed since the last import." in _import(str(export), "--to", str(to)).stdout


def test_dry_run_shows_the_changes_and_writes_nothing(site, tmp_path):
    site.pages["/s.json"] = Page(_json(FRAB), etag='"v1"')
    to = tmp_path / "ev"
    r = _import(site.url + "/s.json", "--to", str(to), "--dry-run")
    assert r.returncode == 0 and "nothing was written" in r.stdout and not to.exists()
    assert _import(site.url + "/s.json", "--to", str(to)).returncode == 0
    before = _files(to)
    site.pages["/s.json"] = Page(_json(_changed_frab()), etag='"v2"')
    r = _import(site.url + "/s.json", "--to", str(to), "--dry-run")
    assert '  title changed: "Tags & <things>" → "Tags, Things and Their Names"' in r.stdout.splitlines()
    assert "The next build reprints: " in r.stdout and "wrote" not in r.stdout
    assert _files(to) == before


# --------------------------------------------------------------------------- failures


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


FAILURES = [  # page at /x.json, what the one line says
    (Page(b"", status=404), "not found (HTTP 404)"),
    (Page(b"boom", status=500), "the server failed (HTTP 500)"),
    (Page(_json(FRAB), token="Token x"), "asks for a token (HTTP 401) — set EVENTPRINT_TOKEN"),
    (Page(b"<!DOCTYPE html><html><body>Log in</body></html>", content_type="text/html"),
     "a web page (HTML), not an export (JSON, XML or CSV)"),
    (Page(b"Hello, this is plain text and no schedule"), "not an export eventprint knows"),
    (Page(b'{"schedule": {"conference": ', content_type="application/json"), "not an export eventprint knows"),
    (Page(b"", status=302, headers={"Location": "ftp://files.example.org/s.json"}),
     "redirects to a ftp: address"),
    (Page(b"", status=302, headers={"Location": "/x.json"}), "redirects more than 5 times"),
    (Page(_json(FRAB), delay=1.5), "no answer in time (time-out)"),
    (Page(_json(FRAB)[:80], drip=0.05), "the answer took longer than"),  # 4 s of trickle
]


@pytest.mark.parametrize("page,reason", FAILURES, ids=[f[1].split(" (")[0][:24] for f in FAILURES])
def test_a_failed_fetch_is_one_line_exit_2_and_writes_nothing(site, tmp_path, monkeypatch, page, reason):
    monkeypatch.setattr(fetch, "READ_TIMEOUT", 0.4)
    monkeypatch.setattr(fetch, "DEADLINE", 0.4)
    site.pages["/ok.json"] = Page(_json(FRAB))
    to = tmp_path / "ev"
    assert _import(site.url + "/ok.json", "--to", str(to)).returncode == 0
    before = _files(to)
    site.pages["/x.json"] = page
    url = site.url + "/x.json"
    t0 = time.monotonic()
    r = _import(url, "--to", str(to))
    assert time.monotonic() - t0 < 3.0  # a time-out cuts the wait short, even while bytes trickle in
    assert r.returncode == 2
    first, *rest = r.stderr.splitlines()
    assert first.startswith(f"eventprint: {url}: ") and reason in first, first
    assert rest == ["eventprint: nothing was written."]
    assert _files(to) == before


@pytest.mark.parametrize("url,reason", [
    ("http://schedule.invalid/export/schedule.json", "cannot find this host (DNS)"),
    ("http://127.0.0.1:{port}/schedule.json", "the host refused the connection"),
    ("https://user:pw@pretalx.invalid/x/schedule/export/schedule.json", "holds a user name or password"),
    ("https://indico.invalid/export/event/7.json?ak=pw&signature=pw", "holds a key (ak=…, signature=…)"),
])
def test_unreachable_hosts_are_one_line_too(site, tmp_path, url, reason):
    url = url.format(port=_free_port())
    r = _import(url, "--to", str(tmp_path / "ev"))
    assert r.returncode == 2 and reason in r.stderr.splitlines()[0] and not (tmp_path / "ev").exists()
    assert "pw" not in r.stderr


# --------------------------------------------------------------------------- tokens


def _all_text(folder: Path, *outputs: str) -> str:
    return "\n".join(outputs) + "".join(p.read_bytes().decode("utf-8", "replace")
                                        for p in folder.rglob("*") if p.is_file())


def test_token_from_the_environment_goes_to_its_host_only_and_is_written_nowhere(site, tmp_path, monkeypatch):
    other = Site()
    try:
        other.pages["/moved.json"] = Page(_json(FRAB))
        site.pages["/s.json"] = Page(b"", status=302, headers={"Location": other.url + "/moved.json"})
        site.pages["/private.json"] = Page(_json(FRAB), token=f"Token {TOKEN}", etag='"p1"')
        to = tmp_path / "ev"
        monkeypatch.setenv("EVENTPRINT_TOKEN", TOKEN)
        r1 = _import(site.url + "/private.json", "--to", str(to))
        r2 = _import(site.url + "/private.json", "--to", str(to))
        assert r1.returncode == r2.returncode == 0 and "not modified" in r2.stdout
        assert [q.headers.get("authorization") for q in site.received] == [f"Token {TOKEN}"] * 2
        r3 = _import(site.url + "/s.json", "--to", str(tmp_path / "other"))  # redirected to another origin
        assert r3.returncode == 0
        assert site.received[-1].headers["authorization"] == f"Token {TOKEN}"
        assert "authorization" not in other.received[-1].headers
        monkeypatch.setenv("EVENTPRINT_TOKEN", "wrong")
        r4 = _import(site.url + "/private.json", "--to", str(to), "--refresh")
        assert r4.returncode == 2 and "the server refused EVENTPRINT_TOKEN (HTTP 401)" in r4.stderr
        outputs = [x for r in (r1, r2, r3, r4) for x in (r.stdout, r.stderr)]
        assert TOKEN not in _all_text(tmp_path, *outputs) and "wrong" not in r4.stderr
    finally:
        other.close()


def test_the_token_never_travels_unencrypted_to_another_machine():
    client = fetch.Client("http://pretalx.example.org/api/events/x/", f"Token {TOKEN}")
    assert not client._may_send_token("http://pretalx.example.org/api/events/x/submissions/")
    client = fetch.Client("https://pretalx.example.org/api/events/x/", f"Token {TOKEN}")
    assert client._may_send_token("https://pretalx.example.org/api/events/x/submissions/?page=2")
    assert not client._may_send_token("http://pretalx.example.org/api/events/x/submissions/?page=2")
    assert not client._may_send_token("https://cdn.example.org/api/events/x/submissions/?page=2")


def test_indico_gets_a_bearer_token_and_sessionize_none(site, tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTPRINT_TOKEN", TOKEN)
    site.pages["/export/event/42.json"] = Page((FIX / "indico.json").read_bytes(), token=f"Bearer {TOKEN}")
    site.pages["/api/v2/abc123/view/All"] = Page((FIX / "sessionize.json").read_bytes())
    r = _import(site.url + "/export/event/42.json?detail=contributions", "--to", str(tmp_path / "i"))
    assert r.returncode == 0, r.stderr
    assert site.received[-1].path == "/export/event/42.json?detail=contributions"
    r = _import(site.url + "/api/v2/abc123/view/All", "--to", str(tmp_path / "s"), "--timezone", "Europe/Berlin")
    assert r.returncode == 0, r.stderr
    assert "authorization" not in site.received[-1].headers
    assert TOKEN not in _all_text(tmp_path, r.stdout, r.stderr)


# --------------------------------------------------------------------------- --every


def test_every_keeps_importing_and_rebuilds_only_after_a_change(site, tmp_path, monkeypatch):
    from eventprint.importers import cli_import
    site.pages["/s.json"] = Page(_json(FRAB), etag='"v1"')
    builds, rounds = [], []

    def sleep(seconds):
        if seconds < 10:  # the test server's own pauses
            return
        rounds.append(seconds)
        if len(rounds) == 2:  # between the second and the third import, the programme changes
            site.pages["/s.json"] = Page(_json(_changed_frab()), etag='"v2"')
        if len(rounds) == 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(cli_import.time, "sleep", sleep)
    monkeypatch.setattr(cli_import, "rebuild", lambda content, out: builds.append((content, out)) or 0)
    to = tmp_path / "ev"
    r = _import(site.url + "/s.json", "--to", str(to), "--every", "10m")
    assert rounds == [600.0] * 3
    assert builds == [(str(to), str(to / "out"))] * 2  # the first import, and the one that changed
    assert r.stdout.count("not modified since the last import") == 1
    assert r.stdout.count("next import in 10m (Ctrl-C stops)") == 3
    for every in ("5s", "soon"):
        r = _import(site.url + "/s.json", "--to", str(to), "--every", every)
        assert r.returncode == 2 and "--every: " in r.stderr
