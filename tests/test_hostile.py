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
    from eventprint.load import load_event
    assert load_event(write_event(tmp_path / "c", url="http://localhost:8000/ev")).base_url == "http://localhost:8000/ev/"


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


def test_an_overlong_abstract_is_cut_with_a_warning_at_its_line(tmp_path):
    from eventprint.content.fields import MAX_PARAGRAPHS
    from eventprint.load import load_content
    written = ("Lorem ipsum dolor sit amet. " * 800).strip()  # 22,399 characters
    content = write_event(tmp_path / "c", abstract=written)
    loaded = load_content(content)
    talk = next(it for it in loaded.event.items if it.id == "t0")
    kept = talk.abstract[:-1]
    assert talk.abstract.endswith("\u2026") and len(kept) <= MAX_PARAGRAPHS
    assert written.startswith(kept) and written[len(kept)] == " "  # cut between words
    line = line_of(content / "programme.yaml", "abstract: \"Lorem")
    assert [(w.file, w.line) for w in loaded.warnings if "abstract is 22,3" in w.what] == [
        (str(content / "programme.yaml"), line)], loaded.warnings


# --------------------------------------------------------------------------
# layout: text that cannot fit shrinks, wraps, breaks, or is cut short with a warning at its line
# --------------------------------------------------------------------------


def build(content: Path, output: str):
    done = run_cli(output, "--content", str(content), "--out", str(content.parent / "out"))
    assert "Traceback" not in done.stderr
    return done


def test_a_talk_with_80_speakers_prints_in_the_booklet_and_is_shortened_on_the_door_sign(tmp_path):
    from pdfcheck import page_texts
    content = write_event(tmp_path / "c", speakers=80)
    done = build(content, "booklet")
    assert done.returncode == 0, done.stderr
    text = " ".join(page_texts((content.parent / "out" / "booklet.pdf").read_bytes()))
    assert all(f"Person Number{i} Example" in text for i in range(80))
    # a door sign cannot hold them all (30 fit one in tight rows): it lists some, says how many
    # more, and warns at the item's line
    line = line_of(content / "programme.yaml", 'start: "09:00"')
    done = build(content, "signs")
    assert done.returncode == 0, done.stderr
    assert (f"programme.yaml:{line}: the door sign of Hall on Tuesday 20 May 2025 lists only 20 of the 80 "
            "speakers of 'A normal title' (09:00\u201309:30), then 'and 60 more'") in done.stdout
    sign = " ".join(" ".join(page_texts((content.parent / "out" / "signs" / "hall-2025-05-20.pdf").read_bytes())).split())
    assert "Person Number19 Example, and 60 more" in sign and "Number20" not in sign


def test_an_over_full_booklet_cover_cuts_the_address_with_a_warning_at_its_line(tmp_path):
    content = write_event(tmp_path / "c")
    venues = content / "venues.yaml"
    venues.write_text(venues.read_text(encoding="utf-8").replace("Street 1", "Street " * 40), encoding="utf-8")
    done = build(content, "booklet")
    assert done.returncode == 0, done.stderr
    assert ("venues.yaml:4: the address of one of the venues on the booklet's cover is printed cut short "
            "(\"Street Street") in done.stdout
    assert "handle_page" not in done.stdout + done.stderr and "args=" not in done.stdout + done.stderr


def dense_code(content: Path) -> Path:
    """``content`` with a QR code too dense to scan: a long base_url and a long id."""
    ev = content / "event.yaml"
    ev.write_text(ev.read_text(encoding="utf-8").replace("https://ex.org/ev/", "https://ex.org/" + "a" * 100 + "/"),
                  encoding="utf-8")
    prog = content / "programme.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace("id: t0", "id: " + "t" * 100), encoding="utf-8")
    return content


def test_a_qr_code_too_dense_names_base_urls_line(tmp_path):
    refused(dense_code(write_event(tmp_path / "c")), "event.yaml:4: the QR code of talk", "modules of", command="booklet")


def long_name(content: Path) -> Path:
    people = content / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("name: Person Number0 Example", "name: P " + "x" * 290),
                      encoding="utf-8")
    return content


def test_a_name_too_long_for_a_badge_is_cut_with_a_warning_at_its_line(tmp_path):
    from pdfcheck import page_texts
    content = long_name(write_event(tmp_path / "c"))
    done = build(content, "badges")
    assert done.returncode == 0, done.stderr
    line = line_of(content / "people.yaml", "name: P xxx")
    assert (f"people.yaml:{line}: the full name on the badge for P xxx") in done.stdout
    assert "is printed cut short" in done.stdout and "Warning" not in done.stderr
    front = " ".join(page_texts((content.parent / "out" / "badges.pdf").read_bytes())[0].split())
    assert "P xxx" in front and "\u2026" in front and "x" * 290 not in front


def test_a_talk_title_too_long_for_a_badge_is_cut_with_a_warning_at_its_line(tmp_path):
    from pdfcheck import page_texts
    title = " ".join(f"Word{i}" for i in range(40))  # 269 characters
    content = write_event(tmp_path / "c", title=title)
    done = build(content, "badges")
    assert done.returncode == 0, done.stderr
    line = line_of(content / "programme.yaml", 'title: "Word0')
    assert (f"programme.yaml:{line}: the talk title on the badge for Person Number0 Example (p0) is printed cut "
            "short (\"Word0 Word1") in done.stdout
    assert "it does not fit in 3 lines" in done.stdout and "Warning" not in done.stderr
    front = " ".join(page_texts((content.parent / "out" / "badges.pdf").read_bytes())[0].split())
    assert "Word0 Word1" in front and "\u2026" in front and "Word39" not in front


def test_font_gaps_in_event_and_venues_have_their_line(tmp_path):
    content = write_event(tmp_path / "c")
    for file, old in (("event.yaml", "Test Institute"), ("venues.yaml", "name: Hall")):
        path = content / file
        path.write_text(path.read_text(encoding="utf-8").replace(old, old + " \ue000"), encoding="utf-8")
    refused(content, "event.yaml:3: the hosts of the event contains", "venues.yaml:7: the name of room 'hall' contains")


def test_wrapping_a_huge_word_or_paragraph_takes_linear_time():
    from eventprint.layouts.kit import text, theme
    word = "x" * 50_000
    text.wrap("warm up: fonts registered", theme.FONT, 10, 200)
    t0 = time.perf_counter()
    lines = text.wrap(word + " tail", theme.FONT, 10, 200)
    took = time.perf_counter() - t0
    assert all(text.width(ln, theme.FONT, 10) <= 200 + 1e-6 for ln in lines[:50])
    assert "".join(ln.rstrip("-") for ln in lines[:-1]) + lines[-1].split()[0] == word and lines[-1].endswith("tail")
    assert took < 1, took  # ~0.15 s; quadratic: over 200 s


def test_a_huge_bio_lays_out_in_linear_time(tmp_path, monkeypatch):
    """ReportLab wraps a whole Paragraph again at every page it breaks over: 1 MB of bio took over
    200 s. Set in pieces of at most CHUNK characters it takes about 7 s; 28 kB here."""
    from eventprint.content import fields
    from eventprint.layouts.booklet.flow import styles
    from eventprint.layouts.booklet.talks import CHUNK, body_paragraphs, chunks
    text = ("Lorem ipsum dolor sit amet. " * 1000).strip()
    assert " ".join(chunks(text)) == text and all(len(p) <= CHUNK for p in chunks(text))
    assert len(chunks("y" * 5000)) == 3
    pieces = body_paragraphs(text, styles("en")["body"])
    assert len(pieces) == 15 and all(len(p.text) <= CHUNK for p in pieces)
    monkeypatch.setattr(fields, "MAX_PARAGRAPHS", 10**7)
    content = write_event(tmp_path / "c", bio=text)
    t0 = time.perf_counter()
    done = build(content, "booklet")
    assert done.returncode == 0, done.stderr
    assert time.perf_counter() - t0 < 5  # ~0.3 s when warm; in one piece ~3.5 s, 100 kB ~18 s


# --------------------------------------------------------------------------
# check says what the build says
# --------------------------------------------------------------------------


def _problem_lines(stderr: str) -> set[str]:
    return {ln for ln in stderr.splitlines() if not ln.startswith(("eventprint: nothing", "eventprint: the build would",
                                                                    "eventprint: 1 problem"))}


def test_check_and_build_agree_on_hostile_content(tmp_path):
    """A QR code too dense to scan: check stops on it as the build does (content that
    builds: test_check_passes_every_fixture_the_build_renders)."""
    content = dense_code(write_event(tmp_path / "c"))
    checked = run_cli("check", "--content", str(content))
    built = build(content, "all")
    assert checked.returncode == built.returncode, (checked.stderr, built.stderr)
    assert _problem_lines(built.stderr) <= _problem_lines(checked.stderr), (checked.stderr, built.stderr)


@pytest.mark.parametrize("name", ["symposium", "edge", "three_day", "scripts", "long"])
def test_check_passes_every_fixture_the_build_renders(name, artifacts, monkeypatch):
    """check renders through ``check._render``; here it takes the run's shared renders, which
    the layout tests make anyway (a few, such as three_day's badges, are rendered for this test):
    what is checked is that check renders every output of every test event and that an output
    that renders makes no problem."""
    from conftest import EVENT_DIRS

    from eventprint import check
    from eventprint.outputs import NAMES
    seen = []
    monkeypatch.setattr(check, "_render", lambda event, output, options: seen.append(output) or artifacts(name, output))
    done = run_cli("check", "--content", str(EVENT_DIRS[name]))
    assert done.returncode == 0, done.stderr
    assert "content OK" in done.stdout and tuple(seen) == NAMES
