"""Reprint notices what changes a printed piece however it changes (issue 26): another size
(signs at A3 after A4; badges at 90x54, which leave out what A6 prints), and a change to a
badge's back alone. Builds of the small registrations event (one day, two rooms, two speakers)."""
from __future__ import annotations

import json
import shutil
from dataclasses import fields
from pathlib import Path

import pdfcheck
from conftest import run_cli
from eventprint.build import load
from eventprint.layouts.badges.data import badges

EVENT = Path(__file__).resolve().parent / "fixtures" / "registrations" / "event"
A3_LANDSCAPE = (1190.55, 841.89)


def _copy(tmp_path) -> tuple[Path, Path]:
    shutil.copytree(EVENT, tmp_path / "c")
    return tmp_path / "c", tmp_path / "out"


def _badge_of(content, pid: str):
    event = load(content)
    return badges(event, [p for p in event.people if p.id == pid])[0]


def _build(content, out, output, *options):
    done = run_cli(output, "--content", str(content), "--out", str(out), *options)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_signs_at_another_size_are_all_reprinted_at_it(tmp_path):
    content, out = _copy(tmp_path)
    _build(content, out, "signs")
    said = _build(content, out, "signs", "--size", "A3")
    assert "Changed since the last build: every door sign (2): the size is A3, not A4 as last time" in said
    sizes = pdfcheck.page_sizes((out / "reprint.pdf").read_bytes())
    assert len(sizes) == 2 and all(abs(w - A3_LANDSCAPE[0]) < 1 and abs(h - A3_LANDSCAPE[1]) < 1 for w, h in sizes)
    assert "Nothing changed since the last build" in _build(content, out, "signs", "--size", "A3")
    assert "every door sign (2): the size is A4, not A3" in _build(content, out, "signs")


def test_badges_at_another_size_are_all_reprinted_and_one_persons_build_keeps_the_record(tmp_path):
    content, out = _copy(tmp_path)
    _build(content, out, "badges")
    said = _build(content, out, "badges", "--size", "90x54")
    assert "Changed since the last build: every badge (2): the size is 90x54, not A6 as last time" in said
    assert (out / "reprint.pdf").exists()
    assert json.loads((out / "manifest.json").read_text())["shape"]["badges"] == {"size": "90x54"}
    assert "Nothing changed" in _build(content, out, "badges", "--size", "90x54", "--person", "turing")
    said = _build(content, out, "badges", "--person", "turing")  # A6 for one person: that badge changed
    assert "Changed since the last build: badge for Alan M. Turing" in said
    assert json.loads((out / "manifest.json").read_text())["shape"]["badges"] == {"size": "90x54"}


def test_a_change_to_a_badges_back_alone_is_reprinted(tmp_path):
    content, out = _copy(tmp_path)
    programme = content / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        "speakers: [turing], room: hall}", "speakers: [turing], chair: [lovelace], room: hall}"), encoding="utf-8")
    before = _badge_of(content, "lovelace")
    _build(content, out, "badges", "--sheet", "single")
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        '{start: "12:30", end: "13:00", kind: talk, id: machines', '{start: "12:40", end: "13:10", kind: talk, id: machines'),
        encoding="utf-8")
    after = _badge_of(content, "lovelace")
    assert [f.name for f in fields(before) if getattr(before, f.name) != getattr(after, f.name)] == ["agenda"]
    said = _build(content, out, "badges", "--sheet", "single")
    assert "badge for Ada Lovelace" in said.split("Changed since the last build: ")[1].splitlines()[0]
    pages = [" ".join(t.split()) for t in pdfcheck.page_texts((out / "reprint.pdf").read_bytes())]
    back = next(t for t in pages[1::2] if "Ada Lovelace" in t)
    assert "12:40" in back and "Session chair" in back


def test_a_new_brand_colour_reprints_every_sign_and_says_why(tmp_path):
    """Every printed piece carries the brand: a new accent colour changes them all, the build says
    so in one line, and the same colour again changes nothing."""
    content, out = _copy(tmp_path)
    _build(content, out, "signs")
    event_yaml = content / "event.yaml"
    event_yaml.write_text(event_yaml.read_text(encoding="utf-8") + "brand:\n  colour: [0, 90, 80, 0]\n",
                          encoding="utf-8")
    said = _build(content, out, "signs")
    assert "Changed since the last build: every door sign (2): the brand (logo, colour or type) changed" in said
    assert (out / "reprint.pdf").exists()
    assert "Nothing changed since the last build" in _build(content, out, "signs")
