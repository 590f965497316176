"""Loading what real events contain: conflicts as warnings, days past midnight, tracks and
languages, imported content with the organiser's overrides, and a reproducible "as of" stamp.

Each test writes a small content folder of its own (or breaks a copy of the symposium) and
asserts what an organiser would read: the model, or the file:line of a problem.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CONTENT, REPO, run_cli
from test_validation import replace, set_item

from eventprint.load import load_content, load_event
from eventprint.problems import ContentError


@pytest.fixture
def copy(tmp_path):
    dst = tmp_path / "content"
    shutil.copytree(CONTENT, dst)
    return dst


def errors(folder: Path, strict: bool = False) -> list[str]:
    with pytest.raises(ContentError) as e:
        load_event(folder, strict=strict)
    return [str(p) for p in e.value.problems]


def run(*args: str) -> subprocess.CompletedProcess:
    return run_cli(*args)  # in-process: these tests are about what eventprint says, not the process


# --------------------------------------------------------------------------
# conflicts are warnings; --strict makes them errors
# --------------------------------------------------------------------------
def _overlap(copy: Path) -> int:
    return set_item(copy, "pose-refinement", "start", '"13:40"')


def _double_booking(copy: Path) -> None:
    # the lab tour (Lobby) runs into the welcome (N0.002), and Black leads both
    replace(copy, "programme.yaml", "        title: MPI-IS Lab Tour\n",
            "        title: MPI-IS Lab Tour\n        chair: black\n")
    replace(copy, "programme.yaml", '        end: "11:40"', '        end: "11:50"')


def test_room_overlap_is_a_warning_naming_both_items(copy):
    line = _overlap(copy)
    loaded = load_content(copy)
    assert len(loaded.warnings) == 1, loaded.warnings
    w = loaded.warnings[0]
    assert w.warning and w.file == str(copy / "programme.yaml") and w.line == line
    assert "overlaps 'Learning clothing pressure fields" in str(w) and ", line " in str(w)
    assert loaded.event.item("pose-refinement").start.strftime("%H:%M") == "13:40"
    msg = errors(copy, strict=True)
    assert len(msg) == 1 and msg[0].startswith(f"{copy / 'programme.yaml'}:{line}: ")


def test_double_booking_is_a_warning(copy):
    _double_booking(copy)
    loaded = load_content(copy)
    assert [("booked in two places" in str(w)) for w in loaded.warnings] == [True]
    assert "'Welcome Remarks'" in str(loaded.warnings[0]) and "'MPI-IS Lab Tour'" in str(loaded.warnings[0])
    assert len(errors(copy, strict=True)) == 1


def test_build_prints_conflicts_and_goes_on_strict_stops(copy, tmp_path):
    line = _overlap(copy)
    out = tmp_path / "out"
    done = run("poster", "--content", str(copy), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"programme.yaml:{line}: " in done.stderr and "overlaps" in done.stderr
    assert (out / "poster.pdf").is_file()
    strict_out = tmp_path / "strict"
    stopped = run("poster", "--strict", "--content", str(copy), "--out", str(strict_out))
    assert stopped.returncode == 2 and "Traceback" not in stopped.stderr
    assert f"programme.yaml:{line}: " in stopped.stderr and "nothing was written" in stopped.stderr
    assert not strict_out.exists()


@pytest.mark.content_only
def test_check_lists_conflicts_and_strict_fails(copy):
    _double_booking(copy)
    ok = run("check", "--content", str(copy))
    assert ok.returncode == 0 and "booked in two places at once" in ok.stdout
    assert run("check", "--strict", "--content", str(copy)).returncode == 2


# --------------------------------------------------------------------------
# a small event of our own: past midnight, tracks, languages, new kinds
# --------------------------------------------------------------------------
EVENT = """\
name: Night Conference
timezone: Europe/Berlin
hosts: [Example Club]
base_url: https://example.org/night/
updated: 2025-01-01 12:00
"""
VENUES = """\
venues:
  - id: club
    name: Example Club
    address: [Street 1]
    rooms:
      - id: hall
        name: Hall
      - id: cellar
        name: Cellar
"""
PEOPLE = """\
people:
  - id: ada
    name: Ada Example
  - id: bo
    name: Bo Example
"""
PROGRAMME = """\
days:
  - date: 2025-06-06
    venue: club
    items:
      - {start: "01:30", end: "02:30", kind: social, id: after-party, title: After party, room: cellar}
      - {start: "22:00", end: "23:30", kind: workshop, id: soldering, title: Soldering, speakers: [ada],
         room: hall, track: Hardware, language: de}
      - {start: "23:30", end: "00:30", kind: lightning_talk, id: late-lightning, title: Late, speakers: [bo],
         room: hall, language: en}
  - date: 2025-06-07
    venue: club
    items:
      - {start: "10:00", end: "11:00", kind: talk, id: morning, title: Morning, speakers: [ada], room: hall}
"""


def write(folder: Path, event: str = EVENT, venues: str = VENUES, people: str = PEOPLE,
          programme: str = PROGRAMME) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("event.yaml", event), ("venues.yaml", venues), ("people.yaml", people),
                       ("programme.yaml", programme)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_day_change_puts_early_items_after_midnight_and_sorts_by_real_time(tmp_path):
    folder = write(tmp_path / "c", event=EVENT + 'day_change: "04:00"\n')
    event = load_event(folder)
    day = event.days[0]
    assert [it.id for it in day.items] == ["soldering", "late-lightning", "after-party"]
    party = event.item("after-party")
    assert party.date.isoformat() == "2025-06-06"  # listed under its programme day
    assert party.start_dt.isoformat() == "2025-06-07T01:30:00"
    assert party.end_dt.isoformat() == "2025-06-07T02:30:00" and party.minutes == 60
    late = event.item("late-lightning")
    assert late.start_dt.isoformat() == "2025-06-06T23:30:00"
    assert late.end_dt.isoformat() == "2025-06-07T00:30:00"
    assert late.minutes == 60 and late.time_range == "23:30\u201300:30"
    assert event.day_change.strftime("%H:%M") == "04:00"


def test_without_day_change_early_items_are_that_morning(tmp_path):
    event = load_event(write(tmp_path / "c"))
    assert event.item("after-party").start_dt.isoformat() == "2025-06-06T01:30:00"
    assert [it.id for it in event.days[0].items] == ["after-party", "soldering", "late-lightning"]
    assert event.item("late-lightning").minutes == 60  # past midnight all the same


def test_track_language_and_new_kinds(tmp_path):
    event = load_event(write(tmp_path / "c"))
    soldering, late, morning = (event.item(i) for i in ("soldering", "late-lightning", "morning"))
    assert (soldering.track, soldering.language) == ("Hardware", "de")
    assert (late.track, late.language) == (None, "en")
    assert (morning.track, morning.language) == (None, None)
    assert soldering.is_talk and soldering.kind.label == "Workshop"
    assert late.is_talk and late.kind.label == "Lightning talk"
    assert [it.id for it in event.talks] == ["soldering", "late-lightning", "morning"]


def test_overlap_across_midnight_uses_real_times(tmp_path):
    # the 23:30-00:30 talk runs into a 00:15 item in the same room listed under the next day
    programme = PROGRAMME.replace('{start: "10:00", end: "11:00"', '{start: "00:15", end: "01:00"')
    loaded = load_content(write(tmp_path / "c", programme=programme))
    assert len(loaded.warnings) == 1, loaded.warnings
    w = str(loaded.warnings[0])
    assert "'Morning' (00:15\u201301:00) overlaps 'Late' (23:30\u201300:30, line " in w
    # booked twice across midnight is found the same way
    programme = programme.replace("speakers: [ada], room: hall}", "speakers: [bo], room: cellar}")
    loaded = load_content(write(tmp_path / "d", programme=programme))
    assert ["Bo Example is booked in two places at once" in str(w) for w in loaded.warnings] == [True]


@pytest.mark.parametrize("start, end, words", [
    ("13:00", "12:45", "ends (12:45) before it starts (13:00)"),
    ("13:00", "01:00", "ends (01:00) before it starts (13:00)"),  # 12 h past midnight: a typo
    ("13:00", "13:00", "starts and ends at 13:00"),
])
def test_end_not_after_start(tmp_path, start, end, words):
    programme = PROGRAMME.replace('{start: "10:00", end: "11:00"', f'{{start: "{start}", end: "{end}"')
    folder = write(tmp_path / "c", programme=programme)
    found = errors(folder)
    assert len(found) == 1 and found[0].startswith(f"{folder / 'programme.yaml'}:13: "), found
    assert words in found[0]


def test_eleven_hours_past_midnight_is_allowed(tmp_path):
    programme = PROGRAMME.replace('{start: "10:00", end: "11:00"', '{start: "14:00", end: "01:00"')
    assert load_event(write(tmp_path / "c", programme=programme)).item("morning").minutes == 11 * 60


def test_bad_day_change(tmp_path):
    folder = write(tmp_path / "c", event=EVENT + 'day_change: "4 am"\n')
    found = errors(folder)
    assert found == [f"{folder / 'event.yaml'}:6: day_change '4 am' is not a time \u2014 "
                     "write it as 24-hour HH:MM in quotes, like \"13:30\""]


# --------------------------------------------------------------------------
# imported/ + overrides.yaml
# --------------------------------------------------------------------------
IMPORTED = Path(__file__).resolve().parent / "fixtures" / "imported"


@pytest.fixture
def imported(tmp_path):
    dst = tmp_path / "camp"
    shutil.copytree(IMPORTED, dst)
    return dst


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i + 1 for i, ln in enumerate(lines) if text in ln)


def test_overrides_win_over_the_import(imported):
    loaded = load_content(imported)
    assert loaded.warnings == ()
    ev = loaded.event
    assert ev.base_url == "https://camp.example.org/2025/" and ev.hosts == ("Example Camp e.V.",)
    # the export names its talks' pages, but the organiser's base_url says codes open out/site/
    assert ev.links == "site" and ev.schedule_url == "https://camp.example-host.org/2025/schedule/"
    assert ev.item("opening").url == "https://camp.example-host.org/2025/talk/OPEN01/"
    assert ev.item("radios-2").url is None and ev.export_hosts == ("camp.example-host.org",)
    assert ev.name == "Imported Camp"  # not overridden: the import's value
    assert (ev.venues[0].name, ev.venues[0].address) == ("Example Camp Site", ("Field 1", "12345 Sampletown"))
    assert [r.name for r in ev.rooms] == ["Hall A (Audimax)", "Tent"]
    jane = ev.person("jane-doe")
    assert (jane.bio, jane.affiliations) == ("Jane studies camps.", ("Example University",))
    assert ev.person("max-muster").bio == "Max builds radios."
    assert ev.item("opening").kind.value == "keynote" and ev.item("opening").title.display == "Opening"
    assert ev.item("radios-2").start_dt.isoformat() == "2025-07-11T01:00:00"  # day_change from the import
    assert ev.item("opening").source_file == str(imported / "imported" / "programme.yaml")


def test_without_overrides_the_import_loads_as_it_is(imported):
    (imported / "overrides.yaml").unlink()
    ev = load_event(imported)
    assert ev.base_url is None and ev.item("opening").kind.value == "talk"
    assert ev.links == "source"  # the export's own talk pages, until base_url is set
    (imported / "overrides.yaml").write_text("# only comments, as the import's template\n", encoding="utf-8")
    assert load_event(imported).rooms[0].name == "Hall A"


def test_a_wrong_override_is_reported_at_its_own_line(imported):
    ov = imported / "overrides.yaml"
    ov.write_text(ov.read_text(encoding="utf-8")
                  + '  lunch: {end: "lunchtime"}\n  radios: {speakrs: [jane-doe]}\n', encoding="utf-8")
    found = errors(imported)
    assert found == [
        f"{ov}:{line_of(ov, 'lunch:')}: end 'lunchtime' is not a time \u2014 write it as 24-hour HH:MM "
        'in quotes, like "13:30"',
        f"{ov}:{line_of(ov, 'radios:')}: unknown key 'speakrs' in a programme item \u2014 did you mean "
        "'speakers'? Correct the spelling",
    ]


def test_an_error_in_the_import_names_the_override_to_set(imported):
    prog = imported / "imported" / "programme.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace("[max-muster]", "[max-mustre]", 1), encoding="utf-8")
    found = errors(imported)  # told at the override that corrects it: imported/ is rewritten by every import
    assert found == [f"{imported / 'overrides.yaml'}: no person with id 'max-mustre' exists in people.yaml \u2014 did "
                     "you mean 'max-muster'?; set it in overrides.yaml: items: {radios: {speakers: \"\u2026\"}}"]


def test_override_of_something_no_longer_imported_is_a_warning(imported):
    ov = imported / "overrides.yaml"
    ov.write_text(ov.read_text(encoding="utf-8") + "  closing: {kind: keynote}\n", encoding="utf-8")
    loaded = load_content(imported)
    assert [str(w) for w in loaded.warnings] == [
        f"{ov}:{line_of(ov, 'closing:')}: the programme item 'closing' is not in the imported programme "
        "any more \u2014 remove this override or correct the id"]
    assert loaded.event.item("opening").kind.value == "keynote"  # the rest still applies
    with pytest.raises(ContentError):
        load_event(imported, strict=True)


def test_override_sections_and_fixed_keys(imported):
    ov = imported / "overrides.yaml"
    ov.write_text(ov.read_text(encoding="utf-8").replace("people:\n", "peple:\n  x: {}\npeople:\n")
                  + "  lunch: {id: food}\n", encoding="utf-8")
    found = errors(imported)
    assert found[0] == (f"{ov}:{line_of(ov, 'peple:')}: unknown key 'peple' in overrides.yaml \u2014 "
                        "did you mean 'people'? Correct the spelling")
    assert found[1].startswith(f"{ov}:{line_of(ov, 'food')}: an override cannot change the 'id' of "
                               "programme item 'lunch'")
    assert len(found) == 2


def test_imported_and_own_files_at_once_is_an_error(imported):
    shutil.copy(imported / "imported" / "event.yaml", imported / "event.yaml")
    found = errors(imported)
    assert len(found) == 1 and found[0].startswith(f"{imported}: this folder has both imported/ and its own event.yaml")
    assert "overrides.yaml" in found[0]


def test_overrides_without_import_is_an_error(copy):
    (copy / "overrides.yaml").write_text("event: {name: X}\n", encoding="utf-8")
    found = errors(copy)
    assert len(found) == 1 and found[0].startswith(f"{copy / 'overrides.yaml'}: overrides.yaml is only read")


def test_every_imported_item_has_an_id(imported):
    prog = imported / "imported" / "programme.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace("      - id: lunch\n        start", "      - start"),
                    encoding="utf-8")
    found = errors(imported)
    assert len(found) == 1 and "this imported item has no 'id'" in found[0], found


def test_check_points_imported_content_at_overrides(imported):
    done = run("check", "--content", str(imported))
    assert done.returncode == 0, done.stderr
    assert (f"{imported / 'overrides.yaml'}: the talk 'opening' has no abstract \u2014 add 'abstract: >' with the "
            "text, if the speaker sends one; set it in overrides.yaml: items: {opening: {abstract: \"\u2026\"}}"
            ) in done.stdout
    assert "imported/programme.yaml" not in done.stdout  # never the file the next import replaces


# --------------------------------------------------------------------------
# the "as of" stamp without `updated`: the same in every clone
# --------------------------------------------------------------------------
def _no_updated(folder: Path) -> Path:
    return write(folder, event=EVENT.replace("updated: 2025-01-01 12:00\n", ""))


def test_updated_written_is_kept(tmp_path):
    event = load_event(write(tmp_path / "c"))
    assert event.updated.isoformat() == "2025-01-01T12:00:00" and event.updated_from is None


def test_updated_from_source_date_epoch_in_the_event_zone(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1750000000")  # 2025-06-15 15:06:40 UTC
    event = load_event(_no_updated(tmp_path / "c"))
    assert event.updated.isoformat() == "2025-06-15T17:06:00" and event.updated_from == "SOURCE_DATE_EPOCH"


def _git(folder: Path, *args: str, when: str) -> None:
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t", "HOME": str(folder),
           "GIT_CONFIG_NOSYSTEM": "1", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_updated_from_the_newest_git_commit_not_file_times(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    folder = _no_updated(tmp_path / "repo" / "content")
    _git(tmp_path / "repo", "init", "-q", when="2025-02-03T10:00:00+00:00")
    _git(tmp_path / "repo", "add", ".", when="2025-02-03T10:00:00+00:00")
    _git(tmp_path / "repo", "commit", "-q", "-m", "c", when="2025-02-03T10:00:00+00:00")
    (tmp_path / "repo" / "other.txt").write_text("x", encoding="utf-8")  # a later commit elsewhere
    _git(tmp_path / "repo", "add", ".", when="2025-03-03T10:00:00+00:00")
    _git(tmp_path / "repo", "commit", "-q", "-m", "d", when="2025-03-03T10:00:00+00:00")
    for f in folder.iterdir():  # what a fresh clone does to modification times
        os.utime(f, (2_000_000_000, 2_000_000_000))
    event = load_event(folder)
    assert event.updated.isoformat() == "2025-02-03T11:00:00"  # Europe/Berlin
    assert event.updated_from == "the newest git commit of the content"


def test_updated_outside_git_is_the_first_day_and_check_warns(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    folder = _no_updated(tmp_path / "c")
    if subprocess.run(["git", "-C", str(folder), "rev-parse"], capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git work tree")
    for f in folder.iterdir():
        os.utime(f, (2_000_000_000, 2_000_000_000))
    event = load_event(folder)
    assert event.updated.isoformat() == "2025-06-06T00:00:00"
    done = run("check", "--content", str(folder))
    assert done.returncode == 0
    assert (f"{folder / 'event.yaml'}: there is no 'updated' stamp: the \"as of\" date printed is "
            "2025-06-06 00:00, taken from the first day of the programme") in done.stdout


def test_a_glyph_no_font_has_names_the_override_to_set(imported):
    from eventprint.build import load
    people = imported / "imported" / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace("name: Max Muster", "name: Max Muster \U00013000"),
                      encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load(imported)
    found = e.value.problems  # told at the override that corrects it: the next import replaces imported/
    assert {(p.file, p.line) for p in found} == {(str(imported / "overrides.yaml"), 0)}
    assert any(p.what.startswith("the name of Max Muster") for p in found)
    assert all(p.fix.endswith("overrides.yaml: people: {max-muster: {\u2026}}") for p in found)


def test_the_loader_is_small_modules_importing_one_way():
    """Issue 9: no module much over 400 lines, no two importing each other."""
    import ast
    package = REPO / "generator" / "content"
    graph: dict[str, set[str]] = {}
    for path in package.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[path.stem] = {n.module.lstrip(".").split(".")[0] or "__init__" for n in ast.walk(tree)
                            if isinstance(n, ast.ImportFrom) and n.level == 1 and n.module}
        graph[path.stem] |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                             and n.level == 1 and not n.module for a in n.names}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(m == goal or (m not in seen and reaches(m, goal, seen | {m})) for m in graph.get(start, ()))

    assert not [m for m in graph if m != "__init__" and reaches(m, m, set())], graph
    assert (REPO / "generator" / "load.py").read_text(encoding="utf-8").count("\n") < 10


def test_booklet_abstracts_is_read_and_checked(tmp_path):
    import io
    import shutil

    import pypdf

    from eventprint.build import render
    from eventprint.options import BuildOptions
    from eventprint.problems import ContentError
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    event_yaml = content / "event.yaml"
    text = event_yaml.read_text(encoding="utf-8")
    event_yaml.write_text(text + "booklet_abstracts: none\n", encoding="utf-8")
    event = load_event(content)
    assert event.booklet_abstracts == "none"
    full = render(load_event(CONTENT), "booklet", BuildOptions())[0].data
    short = render(event, "booklet", BuildOptions())[0].data
    pages = [len(pypdf.PdfReader(io.BytesIO(pdf)).pages) for pdf in (short, full)]
    assert pages[0] < pages[1] / 2  # no talk pages: programme and index only (bytes would count the ICC profile)
    event_yaml.write_text(text + "booklet_abstracts: some\n", encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_event(content)
    line = len(text.splitlines()) + 1
    assert [str(p).split(": ", 1)[0] for p in e.value.problems] == [f"{event_yaml}:{line}"]
    assert "full, first-paragraph, none" in str(e.value.problems[0])


def test_a_conflict_in_the_import_names_both_items_by_id_at_the_override(imported):
    """Both items of an overlap are imported: the warning is told at overrides.yaml and points at
    the other item by its id, not by a line of imported/ (which the next import replaces)."""
    prog = imported / "imported" / "programme.yaml"
    prog.write_text(prog.read_text(encoding="utf-8").replace('start: "12:00"\n        end: "13:00"\n        kind: break\n'
                                                             '        title: Lunch\n        room: tent',
                                                             'start: "10:30"\n        end: "13:00"\n        kind: break\n'
                                                             '        title: Lunch\n        room: hall-a'), encoding="utf-8")
    (found,) = [w for w in load_content(imported).warnings if "overlaps" in w.what]
    assert found.file == str(imported / "overrides.yaml") and "(10:00\u201310:45, id 'opening')" in found.what
    assert found.fix.endswith("set it in overrides.yaml: items: {lunch: {start: \"\u2026\"}}"), found.fix
