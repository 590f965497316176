"""reprint.pdf holds everything changed since it was last printed, across commands: `make badges`
then `make signs` keeps both, a build with nothing new keeps it, `eventprint printed` (or a build
for the press) marks it printed. Builds of the small registrations event (one day, two rooms,
two speakers), through the command line as an organiser runs them."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pdfcheck
from conftest import run_cli

EVENT = Path(__file__).resolve().parent / "fixtures" / "registrations" / "event"
TURING = "badge for Alan M. Turing"
HALL = "door sign Hall Thursday 6 March"


def _copy(tmp_path) -> tuple[Path, Path]:
    shutil.copytree(EVENT, tmp_path / "c")
    return tmp_path / "c", tmp_path / "out"


def _build(content, out, *command) -> str:
    done = run_cli(*command, "--content", str(content), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return done.stdout


def _retitle(content: Path, old: str, new: str) -> None:
    programme = content / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    assert f"title: {old}," in text
    programme.write_text(text.replace(f"title: {old},", f"title: {new},"), encoding="utf-8")


def _reprinted(out: Path) -> list[str]:
    """What reprint.pdf holds: 'badge Alan M. Turing' for each badge on its sheets of fronts (every
    other badge page: each is followed by its backs), 'sign Hall' for each door sign's page."""
    pages = [pdfcheck.normalise(t) for t in pdfcheck.page_texts((out / "reprint.pdf").read_bytes())]
    fronts = [t for t in pages if t.startswith("S P E A K E R")][0::2]
    return ([f"badge {name}" for t in fronts for name in ("Ada Lovelace", "Alan M. Turing") if name in t]
            + ["sign " + t.split()[0] for t in pages if not t.startswith("S P E A K E R")])


def test_badges_then_signs_keeps_both_and_a_build_with_nothing_new_keeps_it(tmp_path):
    content, out = _copy(tmp_path)
    _build(content, out, "all")
    _retitle(content, "Machines", "Thinking Machines")  # on Turing's badge and on the Hall's door
    said = _build(content, out, "badges")
    assert f"Changed since the last build: {TURING}" in said
    assert "reprint.pdf holds only these" in said
    said = _build(content, out, "signs")
    assert f"Changed since the last build: {HALL}" in said
    assert f"reprint.pdf holds everything changed since it was last printed: {TURING}; {HALL};" in said
    assert _reprinted(out) == ["badge Alan M. Turing", "sign Hall"]  # only what changed
    assert "Thinking Machines" in pdfcheck.normalise(pdfcheck.page_texts((out / "reprint.pdf").read_bytes())[0])
    said = _build(content, out, "signs")
    assert "Nothing changed since the last build." in said
    assert f"reprint.pdf still holds what changed earlier and is not printed yet: {TURING}; {HALL};" in said
    assert _reprinted(out) == ["badge Alan M. Turing", "sign Hall"]


def test_printed_marks_it_and_the_next_reprint_starts_from_there(tmp_path):
    content, out = _copy(tmp_path)
    _build(content, out, "all")
    _retitle(content, "Machines", "Thinking Machines")
    _build(content, out, "badges")
    marked = run_cli("printed", "--out", str(out))
    assert marked.returncode == 0, marked.stderr
    assert marked.stdout == f"Marked as printed: {TURING}; reprint.pdf is removed, and the next one holds only " \
                            "what changes from now on.\n"
    assert not (out / "reprint.pdf").exists()
    assert "Nothing was waiting" in run_cli("printed", "--out", str(out)).stdout
    said = _build(content, out, "signs")  # the door sign was never printed with the new title
    assert "reprint.pdf holds only these" in said and _reprinted(out) == ["sign Hall"]
    _retitle(content, "Engines", "Analytical Engines")  # Ada's badge: only it is new since printing
    said = _build(content, out, "badges")
    assert "badge for Ada Lovelace" in said and TURING not in said.split("reprint.pdf")[1]


def test_a_piece_changed_back_to_what_was_printed_leaves_the_reprint(tmp_path):
    content, out = _copy(tmp_path)
    _build(content, out, "badges")
    _retitle(content, "Machines", "Thinking Machines")
    _build(content, out, "badges")
    _retitle(content, "Thinking Machines", "Machines")
    said = _build(content, out, "badges")
    assert f"Changed since the last build: {TURING}" in said  # it did change, back
    assert "prints as it was last printed again: no reprint.pdf needed" in said
    assert not (out / "reprint.pdf").exists()


def test_a_build_for_the_press_marks_what_it_prints(tmp_path):
    from eventprint.build import build
    content, out = _copy(tmp_path)
    _build(content, out, "badges")
    _build(content, out, "signs")
    _retitle(content, "Machines", "Thinking Machines")
    _build(content, out, "badges")
    report = build(content, out, ("signs",), final=True)  # the whole run of door signs goes to print
    assert "This build is for the press: its door signs are printed in full, so none of them waits for a " \
           "reprint." in report.messages
    assert _reprinted(out) == ["badge Alan M. Turing"]  # the badge still waits
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["printed"]["signs"] == {k: v["hash"] for k, v in manifest["signs"].items()}
    build(content, out, ("badges",), final=True)
    assert not (out / "reprint.pdf").exists()


def test_many_pieces_are_counted_not_named():
    from eventprint import outputs, reprint
    badges, signs = outputs.get("badges"), outputs.get("signs")
    people = {f"p{i:03}": {"hash": "x", "label": f"badge for Person {i}"} for i in range(148)}
    doors = {f"s{i}": {"hash": "x", "label": f"door sign {i}"} for i in range(3)}
    said = reprint._described([(badges, list(people), people, set()), (signs, list(doors), doors, set())])
    assert said == "all 148 badges and all 3 door signs"  # not a line naming 151 pieces
    assert reprint._described([(badges, ["p001", "p002"], people, {"p002"})]) == \
        "badge for Person 1; new badge for Person 2"
    assert reprint._described([(badges, list(people)[:10], people, set()), (signs, ["s1"], doors, set())]) == (
        "10 badges: badge for Person 0; badge for Person 1; badge for Person 2 and 7 more; door sign 1")
