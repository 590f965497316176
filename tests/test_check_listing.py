"""`check` lists warnings by kind (issue 24, defects 7 and 8): what stops printing first, each
kind with its count and its first few lines, `--all` every line; and every e-mail address in
printed text, with its item.

On a copy of tests/fixtures/doors: its people lose their bios (five of one kind), two items
overlap in a room (a conflict, which --strict stops on), and addresses are written into an
abstract and a position."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import run_cli
from eventprint.importers.api import import_file, render
from test_import import FIX

DOORS = Path(__file__).resolve().parent / "fixtures" / "doors"


@pytest.fixture(scope="module")
def noisy(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("noisy") / "content"
    shutil.copytree(DOORS, content)
    people = content / "people.yaml"
    people.write_text(re.sub(r"\n    bio: [^\n]*", "", people.read_text(encoding="utf-8"))
                      .replace("affiliation: Sample Labs\n", "affiliation: Sample Labs\n    position: Maintainer (oskar@sample-labs.example)\n", 1),
                      encoding="utf-8")
    prog = content / "programme.yaml"
    prog.write_text(prog.read_text(encoding="utf-8")
                    .replace('title: Poster session, room: poster-hall}',
                             'title: Poster session, room: hall-a}')  # 14:00-15:30 in Hall A, over nothing yet
                    .replace('title: Tea, room: hall-a}', 'title: Tea, room: hall-a}\n'
                             '      - {start: "13:30", end: "14:30", kind: other, title: Rehearsal, room: hall-a}')
                    .replace('abstract: What lasts, and why.',
                             'abstract: "What lasts, and why. Questions: ines.marquardt@uni.example.org or @ines@social.example"'),
                    encoding="utf-8")
    return content


def test_check_groups_by_kind_and_puts_what_stops_printing_first(noisy):
    done = run_cli("check", "--content", str(noisy))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    summary = [ln for ln in lines if ln.startswith(("content OK", "QR codes open"))]
    assert len(summary) == 2  # the counts, then where the codes lead (links.summary)
    heads = [ln for ln in lines if not ln.startswith("  ") and ln not in summary]
    assert heads == ["Draft: the QR codes point nowhere (--final refuses to build it): 1",
                     "Two items in one room at once: 2",
                     "E-mail addresses in printed text (printed and published as written): 2",
                     "People without a bio: 5"]
    bios = lines.index("People without a bio: 5")
    assert [ln.startswith("  ") and "has no bio" in ln for ln in lines[bios + 1:bios + 4]] == [True] * 3
    assert lines[bios + 4] == "  \u2026 and 2 more (eventprint check --all lists every one)"
    assert "content OK: 1 days" in lines[-2] and "10 warning(s)" in lines[-2]
    every = run_cli("check", "--all", "--content", str(noisy)).stdout.splitlines()
    assert sum("has no bio" in ln for ln in every) == 5 and not any("more (eventprint" in ln for ln in every)


def test_check_lists_every_email_address_in_printed_text_with_its_item(noisy):
    out = run_cli("check", "--content", str(noisy)).stdout
    prog, people = noisy / "programme.yaml", noisy / "people.yaml"
    keynote = next(n for n, ln in enumerate(prog.read_text(encoding="utf-8").splitlines(), 1) if "start: \"09:30\"" in ln)
    oskar = next(n for n, ln in enumerate(people.read_text(encoding="utf-8").splitlines(), 1) if "id: oskar" in ln)
    assert (f"{prog}:{keynote}: the abstract of 'opening-keynote' holds the e-mail address ines.marquardt@uni.example.org: "
            "it is printed, and published on the site and in the calendar, as written \u2014 if it is not meant to be "
            "public, remove it") in out
    assert (f"{people}:{oskar}: the position of Oskar Lindqvist ('oskar') holds the e-mail address "
            "oskar@sample-labs.example: it is printed, and published on the site, as written") in out
    assert "social.example" not in out  # a handle, not an address


def test_an_address_in_an_imported_abstract_is_kept_as_text_and_listed(tmp_path):
    """The README's promise, exactly: an export's e-mail fields are never imported; an address
    written in a text stays in it (a mailto: link keeps its text), and check lists it, pointing
    at overrides.yaml."""
    source = tmp_path / "frab.json"
    source.write_text((FIX / "frab.json").read_text(encoding="utf-8").replace(
        '"abstract": "Welcome!"', '"abstract": "Welcome! Write to <a href=\\"mailto:orga@tc.example.org\\">orga@tc.example.org</a>."'),
        encoding="utf-8")
    _, docs = import_file(source)
    written = "".join(render(docs, "frab.json").values())
    assert "chloe@example.com" not in written and "mo@example.com" not in written  # the persons' e-mail fields
    assert "Welcome! Write to orga@tc.example.org." in written and "mailto" not in written
    content = tmp_path / "event"
    assert run_cli("import", str(source), "--to", str(content)).returncode == 0
    out = run_cli("check", "--content", str(content)).stdout
    assert ("the abstract of '501' holds the e-mail address orga@tc.example.org" in out
            and "remove it; set it in overrides.yaml: items: {501: {abstract: \"\u2026\"}}" in out), out
