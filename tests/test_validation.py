"""One test per validation rule, each on a broken copy of the shipped content.

Every test asserts the file, the line and the wording an organiser would read.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, REPO

from eventprint.load import load_event
from eventprint.problems import ContentError


@pytest.fixture
def copy(tmp_path):
    dst = tmp_path / "content"
    shutil.copytree(CONTENT, dst)
    return dst


def replace(folder: Path, file: str, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` by ``new`` in a content file; return the 1-based line where ``new`` starts."""
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file}"
    at = text.index(old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return text[:at].count("\n") + 1


def item_line(folder: Path, item_id: str, key: str) -> tuple[int, str]:
    """Line number and text of ``key:`` inside the programme item with ``id: item_id``."""
    lines = (folder / "programme.yaml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip() == f"id: {item_id}")
    start = max(i for i in range(at + 1) if lines[i].lstrip().startswith("- start:"))
    for i in range(start, len(lines)):
        stripped = lines[i].strip().lstrip("- ")
        if stripped.startswith(f"{key}:"):
            return i + 1, lines[i]
    raise AssertionError(f"{key} not in item {item_id}")


def set_item(folder: Path, item_id: str, key: str, value: str) -> int:
    line, text = item_line(folder, item_id, key)
    indent = text[: len(text) - len(text.lstrip())]
    prefix = "- " if text.lstrip().startswith("- ") else ""
    path = folder / "programme.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line - 1] = f"{indent}{prefix}{key}: {value}\n"
    path.write_text("".join(lines), encoding="utf-8")
    return line


def line_of(folder: Path, file: str, text: str) -> int:
    """1-based line of the only line that is exactly ``text``."""
    lines = (folder / file).read_text(encoding="utf-8").splitlines()
    found = [i + 1 for i, ln in enumerate(lines) if ln == text]
    assert len(found) == 1, f"test setup: {text!r} is on lines {found} of {file}"
    return found[0]


def item_start_line(folder: Path, title: str) -> int:
    """Line of the '- start:' that opens the programme item with this title."""
    lines = (folder / "programme.yaml").read_text(encoding="utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.strip() == f"title: {title}")
    return max(i for i in range(at + 1) if lines[i].lstrip().startswith("- start:")) + 1


def problems(folder: Path, strict: bool = False) -> list[str]:
    with pytest.raises(ContentError) as e:
        load_event(folder, strict=strict)
    return [str(p) for p in e.value.problems]


def one(folder: Path, file: str, line: int, *words: str, strict: bool = False) -> str:
    """The single problem reported; it names file:line and contains every word."""
    found = problems(folder, strict)
    assert len(found) == 1, found
    msg = found[0]
    assert msg.startswith(f"{folder / file}:{line}: "), msg
    assert " \u2014 " in msg, "every message says how to fix it"
    for w in words:
        assert w in msg, (w, msg)
    return msg


def test_shipped_content_has_no_problems():
    load_event(CONTENT)


def test_invalid_yaml(copy):
    line = replace(copy, "people.yaml", "    position: Managing Director\n",
                   "    position: [Managing Director\n")
    found = problems(copy)
    assert len(found) == 1
    m = re.match(rf"{re.escape(str(copy / 'people.yaml'))}:(\d+): this is not valid YAML", found[0])
    assert m, found[0]
    assert abs(int(m.group(1)) - line) <= 2


def test_unknown_key_suggests_spelling(copy):
    line = replace(copy, "people.yaml", "    position: Managing Director", "    positon: Managing Director")
    one(copy, "people.yaml", line, "unknown key 'positon'", "did you mean 'position'")


def test_duplicate_key(copy):
    line = replace(copy, "people.yaml", "    name: Michael J. Black\n",
                   "    name: Michael J. Black\n    name: Michael Black\n") + 1
    one(copy, "people.yaml", line, "'name' is written twice", "first on line")


def test_missing_required_field(copy):
    line = replace(copy, "people.yaml", "  - id: black\n    name: Michael J. Black\n", "  - id: black\n")
    one(copy, "people.yaml", line, "a person has no 'name'", "add a line 'name: ...'")


def test_wrong_type(copy):
    line = set_item(copy, "haptic-intelligence", "room", "{n0-002: mpi-lobby}")
    one(copy, "programme.yaml", line, "room should be an id or a list of ids")


def test_bad_time(copy):
    line = set_item(copy, "haptic-intelligence", "start", '"1:00 pm"')
    one(copy, "programme.yaml", line, "start '1:00 pm' is not a time", "24-hour HH:MM")


def test_bad_date(copy):
    line = replace(copy, "programme.yaml", "  - date: 2024-09-17", "  - date: 2024-09-31")
    one(copy, "programme.yaml", line, "date '2024-09-31' is not a date", "YYYY-MM-DD")


def test_end_before_start(copy):
    line = set_item(copy, "haptic-intelligence", "end", '"12:45"')
    one(copy, "programme.yaml", line, "ends (12:45) before it starts (13:00)")


def test_unknown_person(copy):
    line = set_item(copy, "haptic-intelligence", "speakers", "[kuchenbeker]")
    one(copy, "programme.yaml", line, "no person with id 'kuchenbeker'", "did you mean 'kuchenbecker'")


def test_unknown_room(copy):
    line = set_item(copy, "haptic-intelligence", "room", "n0-02")
    one(copy, "programme.yaml", line, "no room with id 'n0-02'", "did you mean 'n0-002'")


def test_unknown_kind(copy):
    line = set_item(copy, "haptic-intelligence", "kind", "keynot")
    one(copy, "programme.yaml", line, "'keynot' is not a kind", "did you mean 'keynote'")


def test_duplicate_ids(copy):
    line = replace(copy, "people.yaml", "  - id: hirsch", "  - id: black")
    one(copy, "people.yaml", line, "the person id 'black' is used twice", "first at")


def test_duplicate_talk_ids(copy):
    line = set_item(copy, "pose-refinement", "id", "clothing-pressure")
    one(copy, "programme.yaml", line, "programme item id 'clothing-pressure' is used twice")


def test_two_items_overlap_in_one_room(copy):
    line = set_item(copy, "pose-refinement", "start", '"13:40"')
    one(copy, "programme.yaml", line, "overlaps", "Learning clothing pressure fields", "room 'n0-002'",
        strict=True)  # without --strict a warning: see test_content_loading.py


def test_person_booked_twice(copy):
    # the lab tour (Lobby) runs into the welcome (N0.002), and Black leads both
    replace(copy, "programme.yaml", "        title: MPI-IS Lab Tour\n",
            "        title: MPI-IS Lab Tour\n        chair: black\n")
    replace(copy, "programme.yaml", '        end: "11:40"', '        end: "11:50"')
    tour_line = item_start_line(copy, "MPI-IS Lab Tour")
    welcome_speakers = line_of(copy, "programme.yaml", "        speakers: [black, hirsch]")
    # reported where Black is named in the later item, and pointing at the earlier item's line
    msg = one(copy, "programme.yaml", welcome_speakers, "Michael J. Black is booked in two places at once",
              "'Welcome Remarks' (11:45\u201312:00)", f"'MPI-IS Lab Tour' (11:00\u201311:50, line {tour_line})", strict=True)
    assert tour_line < welcome_speakers, msg


def test_every_problem_is_reported_at_once(copy):
    replace(copy, "people.yaml", "    position: Managing Director", "    positon: Managing Director")
    set_item(copy, "haptic-intelligence", "start", '"25:00"')
    replace(copy, "venues.yaml", "    short_name: MPI-IS", "    shortname: MPI-IS")
    found = problems(copy)
    assert len(found) == 3, found
    assert {Path(f.split(":")[0]).name for f in found} == {"people.yaml", "programme.yaml", "venues.yaml"}


def test_missing_file(copy):
    (copy / "venues.yaml").unlink()
    found = problems(copy)
    assert any(f.startswith(f"{copy / 'venues.yaml'}: this file is missing") for f in found), found


def test_yaml_is_loaded_safely(copy):
    marker = copy.parent / "pwned"
    line = replace(copy, "people.yaml", "    name: Michael J. Black",
                   f"    name: !!python/object/apply:os.system ['touch {marker}']")
    # the tag is not executed; it is refused where it is written (and its value is not text either)
    found = problems(copy)
    assert found and all(f.startswith(f"{copy / 'people.yaml'}:{line}: ") for f in found), found
    assert any("YAML tags like '!!python/object/apply:os.system' are not allowed" in f for f in found), found
    assert not marker.exists()


def test_no_yaml_surprises(copy):
    """Unquoted 10:30 stays a time (not 630) and 'no' stays text, not a boolean."""
    replace(copy, "programme.yaml", 'start: "10:30"', "start: 10:30")
    replace(copy, "people.yaml", "    position: Managing Director", "    position: no")
    event = load_event(copy)
    assert event.days[0].items[0].time_range == "10:30\u201311:00"
    assert event.person("black").position == "no"


def test_cli_reports_problems_with_status_2_and_no_traceback(copy):
    line = set_item(copy, "haptic-intelligence", "speakers", "[kuchenbeker]")
    run = subprocess.run([sys.executable, "-m", "eventprint", "booklet", "--content", str(copy),
                          "--out", str(copy.parent / "out")], capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert f"programme.yaml:{line}: no person with id 'kuchenbeker'" in run.stderr
    assert "nothing was written" in run.stderr
    assert not (copy.parent / "out").exists()


def test_glyph_no_font_has_names_its_source(copy):
    line = replace(copy, "people.yaml", "    name: Michael J. Black", "    name: Michael J. Black \U00013000")
    from eventprint.build import load
    with pytest.raises(ContentError) as e:
        load(copy)
    msg = str(e.value.problems[0])
    assert msg.startswith(f"{copy / 'people.yaml'}:{line - 1}: ")
    assert "Michael J. Black" in msg and "U+13000" in msg and "EGYPTIAN HIEROGLYPH A001" in msg


def test_an_overlong_id_and_a_blank_name_are_named_where_they_are(copy):
    long_id = "x" * 300
    line = replace(copy, "people.yaml", "  - id: black", f"  - id: {long_id}")
    found = problems(copy)
    assert any(f.startswith(f"{copy / 'people.yaml'}:{line}: person id 'xxxx") and "300 characters long" in f
               for f in found), found
    replace(copy, "people.yaml", f"  - id: {long_id}", "  - id: black")
    line = replace(copy, "people.yaml", "    name: Michael J. Black", '    name: "   "')
    found = problems(copy)
    assert any(f.startswith(f"{copy / 'people.yaml'}:{line}: this person's name is empty") for f in found), found
