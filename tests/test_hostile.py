"""Hostile and absurd content (issue #16): every case ends in ``file:line: what — how to fix``
or in a build, never in a traceback, and ``check`` says what the build would say.

Each test writes a tiny event of its own to tmp_path (one venue, one room, two talks) and runs
the command line in this process; only the output a case is about is built.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import run_cli

EVENT = """name: Hostile Test Event
timezone: Europe/Berlin
hosts: [Test Institute]
base_url: {url}
updated: {updated}
"""
VENUES = """venues:
  - id: main
    name: Main Building
    address: [Street 1, 12345 Town]
    rooms:
      - id: hall
        name: Hall
"""
ITEM = """      - start: "{start}"
        end: "{end}"
        kind: talk
        id: {id}
        title: "{title}"
        speakers: [{speakers}]
        room: hall
"""


def write_event(folder: Path, *, url: str = "https://ex.org/ev/", updated: str = "2025-05-01 09:00",
                people: int = 2, bio: str = "A short bio.", title: str = "A normal title", speakers: int = 1,
                dates: tuple[str, ...] = ("2025-05-20",), abstract: str = "Short.") -> Path:
    """A small valid event; each keyword makes one thing hostile. Returns the content folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "event.yaml").write_text(EVENT.format(url=url, updated=updated), encoding="utf-8")
    (folder / "venues.yaml").write_text(VENUES, encoding="utf-8")
    lines = ["people:"]
    for i in range(max(people, speakers)):
        lines += [f"  - id: p{i}", f"    name: Person Number{i} Example", "    affiliation: Uni",
                  f"    bio: \"{bio}\""]
    (folder / "people.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    prog = ["days:"]
    for n, day in enumerate(dates):
        prog += [f"  - date: {day}", "    venue: main", "    items:"]
        first = ITEM.format(start="09:00", end="09:30", id=f"t{n}", title=title,
                            speakers=", ".join(f"p{i}" for i in range(speakers)))
        prog.append(first.rstrip("\n") + f"\n        abstract: \"{abstract}\"")
        prog.append(ITEM.format(start="09:30", end="10:00", id=f"u{n}", title="Second talk", speakers="p0")
                    .rstrip("\n"))
    (folder / "programme.yaml").write_text("\n".join(prog) + "\n", encoding="utf-8")
    return folder


def line_of(path: Path, text: str) -> int:
    return next(n for n, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in ln)


def refused(content: Path, *words: str, command: str = "check") -> str:
    """Run ``command``: it must stop with status 2 and one-line problems containing ``words``."""
    args = [command, "--content", str(content)] + ([] if command == "check" else ["--out", str(content.parent / "out")])
    done = run_cli(*args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    for w in words:
        assert w in done.stderr, (w, done.stderr)
    return done.stderr


# --------------------------------------------------------------------------
# value ranges and the web address, up front (content validation)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("field, value, words", [
    ("dates", ("0001-01-01",), ["programme.yaml:2:", "year 1 ", "between 1900 and 2199"]),
    ("dates", ("9999-12-31",), ["programme.yaml:2:", "year 9999"]),
    ("updated", "0001-01-01 00:00", ["event.yaml:5:", "updated '0001-01-01 00:00' is in the year 1"]),
])
def test_dates_out_of_range_are_refused_at_their_line(tmp_path, field, value, words):
    refused(write_event(tmp_path / "c", **{field: value}), *words)


def test_too_many_days_names_the_first_day_too_many(tmp_path):
    dates = tuple(f"2025-05-{d:02d}" for d in range(1, 16))
    content = write_event(tmp_path / "c", dates=dates)
    line = line_of(content / "programme.yaml", "2025-05-15")
    refused(content, f"programme.yaml:{line}:", "has 15 days", "at most 14")


@pytest.mark.parametrize("url, words", [
    ("https://ex.org/" + "a" * 2400 + "/", ["base_url is 2416 characters long", "at most 120"]),
    ("https://evil.com@x.org/", ["user name before '@'", "open x.org"]),
    ("https://x.org/a#frag", ["has a '#' part"]),
    ("https://x.org/a?x=1", ["has a '?' part"]),
    ('"https://x.org/a b/"', ["contains a space"]),
    ("\"https://x.org/'a'/\"", ["contains \"'\""]),
    ("ftp://x.org/", ["is not a web address"]),
    ("https:///path/", ["is not a web address"]),
    ("https://x.org:port/", ["is not a web address"]),
])
def test_base_url_must_open_as_written(tmp_path, url, words):
    refused(write_event(tmp_path / "c", url=url), "event.yaml:4: base_url", *words)


def test_a_plain_base_url_with_a_port_is_fine(tmp_path):
    done = run_cli("check", "--content", str(write_event(tmp_path / "c", url="http://localhost:8000/ev")))
    assert done.returncode == 0, done.stderr


def test_source_date_epoch_in_milliseconds_is_a_content_problem_for_library_callers(tmp_path, monkeypatch):
    from eventprint.load import load_event
    from eventprint.problems import ContentError
    content = write_event(tmp_path / "c")
    event = content / "event.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("updated: 2025-05-01 09:00\n", ""), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1726473600000")
    with pytest.raises(ContentError) as e:
        load_event(content)
    assert "event.yaml: SOURCE_DATE_EPOCH is '1726473600000'" in str(e.value)
    assert "milliseconds" in str(e.value)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1726473600")
    assert load_event(content).updated.year == 2024


def test_typos_in_every_file_are_reported_at_once(tmp_path):
    content = write_event(tmp_path / "c")
    people = content / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("affiliation: Uni", "afiliation: Uni", 1)
                      .replace("name: Person Number1 Example", "name: '  '"), encoding="utf-8")
    prog = content / "programme.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace("speakers: [p0]\n        room: hall",
                                                             "speakers: [p9, p1]\n        room: hal", 1), encoding="utf-8")
    err = refused(content, "people.yaml:4: unknown key 'afiliation'", "people.yaml:7: this person's name is empty",
                  "no person with id 'p9'", "no room with id 'hal'", "4 problems")
    assert "'p1'" not in err  # the blank-named person is one problem, not also an unknown id


# --------------------------------------------------------------------------
# field lengths
# --------------------------------------------------------------------------


def test_a_2000_character_title_is_refused_at_its_line(tmp_path):
    content = write_event(tmp_path / "c", title=("Word " * 400).strip())
    line = line_of(content / "programme.yaml", "Word Word")
    refused(content, f"programme.yaml:{line}: title is 1,999 characters long", "at most 300", "1 problem")
