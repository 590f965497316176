"""Registrations (issue 15): registrations.csv becomes one badge per person who comes.

A small event (tests/fixtures/registrations/event) gets each list as its registrations.csv in a
temporary copy; only badges are built, in-process."""
from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

import pdfcheck
from conftest import registered_event as event_with
from conftest import run_cli
from eventprint.content import load_content
from eventprint.layouts.badges.data import badges, participants
from eventprint.layouts.badges.desk import desk_groups
from eventprint.problems import ContentError

HERE = Path(__file__).resolve().parent / "fixtures" / "registrations"
MAPPING = '\nregistrations:\n  columns: {name: "Teilnehmer*in"}\n'



def texts(pdf: bytes) -> list[str]:
    return [" ".join(t.split()) for t in pdfcheck.page_texts(pdf)]


def test_pretix_export_imports(tmp_path):
    loaded = load_content(event_with(tmp_path, "pretix.csv"))
    regs = {r.name: r for r in loaded.event.registrants}
    assert set(regs) == {"Grace Hopper", "Augusta Ada King", "Émile Zola"}
    grace = regs["Grace Hopper"]
    assert (grace.ticket, grace.organisation, grace.id) == ("participant", "Navy Labs", "AB12C-1")
    # the add-on product's own row (no name, same order) and the 'Dinner' question column
    assert [a.id for a in grace.addons] == ["dinner", "tour"]
    assert regs["Émile Zola"].ticket == "press"
    # matched by e-mail to the speaker lovelace, although the names differ
    assert regs["Augusta Ada King"].person.id == "lovelace"
    assert not loaded.warnings


def test_generic_list_with_mapped_header_imports_and_reports_the_uncertain_match(tmp_path):
    loaded = load_content(event_with(tmp_path, "generic.csv", MAPPING))
    regs = {r.name: r for r in loaded.event.registrants}
    assert set(regs) == {"Katarzyna Wiśniewska", "Ngozi Eze", "Alan Turing"}
    assert [a.id for a in regs["Katarzyna Wiśniewska"].addons] == ["tour", "dinner"]
    assert regs["Ngozi Eze"].ticket == "staff"
    assert regs["Alan Turing"].person.id == "turing"  # "Alan M. Turing": the same but for an initial
    [w] = loaded.warnings
    assert w.line == 5 and "uncertain match" in w.what and "turing" in w.fix


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The pretix list, badges only: out/ after one build, and the build's result."""
    tmp = tmp_path_factory.mktemp("attend")
    content, out = event_with(tmp, "pretix.csv"), tmp / "out"
    r = run_cli("badges", "--content", str(content), "--out", str(out), "--sheet", "single")
    assert r.returncode == 0, r.stderr
    return content, out


def test_each_registrant_has_one_badge_and_the_speaker_keeps_the_speaker_band(built):
    _, out = built
    speakers = texts((out / "badges.pdf").read_bytes())
    others = texts((out / "participant-badges.pdf").read_bytes())
    fronts = speakers[0::2] + others[0::2]
    for name in ("Grace Hopper", "Émile Zola", "Ada Lovelace", "Alan M. Turing"):
        assert sum(t.count(name) for t in fronts) == 1, name
    assert not any("King" in t for t in speakers + others)  # her badge is the speaker's: one, by people.yaml
    ada_front = next(t for t in speakers[0::2] if "Ada Lovelace" in t)
    assert "S P E A K E R" in ada_front or "SPEAKER" in ada_front.replace(" ", "")
    # the participants' file: a divider card, then Hopper (H) before Zola (Z); bands say the ticket
    assert "A\u2013Z" in others[0] and "2 badges" in others[0]
    assert ["Grace Hopper" in others[2], "Émile Zola" in others[4]] == [True, True]
    assert "PARTICIPANT" in others[2].replace(" ", "") and "PRESS" in others[4].replace(" ", "")


def test_add_ons_show_on_the_back(built):
    _, out = built
    backs = texts((out / "participant-badges.pdf").read_bytes())[1::2]
    grace = next(t for t in backs if "Grace Hopper" in t)
    assert "BOOKED" in grace and "Lab tour" in grace and "meet in the Lobby" in grace and "Dinner" in grace
    zola = next(t for t in backs if "Zola" in t)
    assert "BOOKED" not in zola and "Example Street 1" in zola  # where the day is, no add-ons


def test_no_email_address_reaches_out(built):
    _, out = built
    files = [p for p in out.rglob("*") if p.is_file()]
    assert files
    for p in files:
        data = p.read_bytes()
        text = " ".join(texts(data)) if p.suffix == ".pdf" else data.decode("utf-8", "replace")
        assert "@" not in text and b"example.org" not in data.replace(b"reg.example.org", b""), p


def test_adding_three_people_reprints_exactly_their_badges(built, tmp_path):
    content, out = built
    shutil.copytree(content, tmp_path / "c")
    shutil.copytree(out, tmp_path / "o")
    added = ["Ines Ibáñez", "Ola Nordmann", "Yusuf Öztürk"]
    with open(tmp_path / "c" / "registrations.csv", "a", encoding="utf-8") as f:
        for n, name in enumerate(added):
            f.write(f"regtest,ZZ99{n},1,Paid,,,,,Participant,,,,,,{name},,,,Org,,,,,,,Y{n},No\n")
    r = run_cli("badges", "--content", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "--sheet", "single")
    assert r.returncode == 0, r.stderr
    assert "Changed since the last build: " + "; ".join(f"new badge for {n}" for n in added) in r.stdout
    fronts = texts((tmp_path / "o" / "reprint.pdf").read_bytes())[0::2]  # one badge a page, front and back
    assert len(fronts) == 3
    assert [next(n for n in added + ["Grace Hopper", "Zola", "Ada Lovelace"] if n in t) for t in fronts] == \
        sorted(added, key=lambda n: n.split()[-1])


def test_malformed_rows_are_reported_at_their_line(tmp_path):
    with pytest.raises(ContentError) as e:
        load_content(event_with(tmp_path, "malformed.csv"))
    [err] = [str(p) for p in e.value.problems]
    assert err.endswith("registrations.csv:3: this registration has no name \u2014 add the name, or delete the row "
                        "(a badge needs a name)")


def test_malformed_rows_warnings_keep_everyone(tmp_path):
    content = event_with(tmp_path, "malformed.csv")
    path = content / "registrations.csv"
    path.write_text(path.read_text().replace("\n,Org", "\nFixed Name,Org"), encoding="utf-8")
    loaded = load_content(content)
    names = sorted(r.name for r in loaded.event.registrants)
    assert names == ["Fixed Name", "Odd Ticket", "Ok Person", "Tour Fan"]
    odd = next(r for r in loaded.event.registrants if r.name == "Odd Ticket")
    assert odd.ticket == "participant"
    ok = next(r for r in loaded.event.registrants if r.name == "Ok Person")
    assert [a.id for a in ok.addons] == ["dinner"]  # the duplicate row's add-on is kept
    got = {w.line: w.what for w in loaded.warnings}
    assert "'Platinum Patron' is unknown" in got[4]
    assert "registered twice (first at line 2)" in got[5]
    assert "'Balloon ride' is not defined" in got[6]


def test_encoding_windows_1252_is_read_with_a_warning_and_bad_bytes_are_an_error(tmp_path):
    loaded = load_content(event_with(tmp_path / "a", "cp1252.csv"))
    assert [r.name for r in loaded.event.registrants] == ["José Núñez"]
    [w] = loaded.warnings
    assert w.line == 2 and "Windows-1252" in w.what
    with pytest.raises(ContentError) as e:
        load_content(event_with(tmp_path / "b", "badbytes.csv"))
    assert [(p.line, "not UTF-8" in p.what) for p in e.value.problems] == [(2, True)]


def test_desk_piles_by_letters_or_ticket(symposium):
    regs = participants(symposium)
    piles = desk_groups(regs, "name", 4)
    assert sum(len(m) for _, m in piles) == len(regs) == len(symposium.registrants) - 2  # two are speakers
    assert piles[0][0].label.startswith("A\u2013") and piles[-1][0].label.endswith("Z") or piles[-1][0].label == "OTHER"
    assert 4 <= len(piles) <= 9
    # only names in other scripts are OTHER: Østergaard is under O, Þorsteinsdóttir under T
    other = [r.family_name for d, m in piles if d.label == "OTHER" for r in m]
    assert other and not any(unicodedata.name(n[0]).startswith("LATIN") for n in other)
    o_pile = next(m for d, m in piles if d.label != "OTHER" and d.label[0] <= "O" <= d.label[-1])
    assert any(r.family_name.startswith("\u00d8") for r in o_pile)
    by_ticket = desk_groups(regs, "ticket", 4)
    assert [d.label for d, _ in by_ticket][:2] == ["PARTICIPANT", "STUDENT"]
    assert all(len({r.ticket for r in m}) == 1 for _, m in by_ticket)
    # the tour shows on the back of those who booked it, and a registrant's badge has no private field
    toured = next(r for r in regs if r.addons)
    [d] = badges(symposium, [toured])
    assert d.addons[0].what == "Lab tour" and d.addons[0].where == "meet in the Lobby"


def test_person_column_decides_and_an_unknown_id_or_cancelled_row_is_reported(tmp_path):
    content = event_with(tmp_path, "generic.csv")
    path = content / "registrations.csv"
    path.write_text("Name,Person,Status\nA. Turing,turing,Paid\nNobody Known,turnig,Paid\nGone Away,,Canceled\n",
                    encoding="utf-8")
    with pytest.raises(ContentError) as e:
        load_content(content)
    [err] = e.value.problems
    assert (err.line, err.what, err.fix) == (3, "Nobody Known: no person with id 'turnig' exists in people.yaml",
                                             "did you mean 'turing'?")
    path.write_text(path.read_text().replace("turnig", ""), encoding="utf-8")
    loaded = load_content(content)
    regs = {r.name: r for r in loaded.event.registrants}
    assert regs["A. Turing"].person.id == "turing" and regs["Nobody Known"].person is None
    assert "Gone Away" not in regs
    assert [(w.line, w.what) for w in loaded.warnings] == [
        (4, "no badge for 1 cancelled registration: line 4")]


def test_every_ticket_type_has_its_words_and_its_colour_in_the_model_order():
    """The model names the ticket types and their desk order (model.TICKET_TYPES); the loader's words
    for them and the theme's band colours must cover exactly those."""
    from eventprint.content.registrations import TICKETS
    from eventprint.layouts.kit import theme
    from eventprint.model import TICKET_TYPES
    assert tuple(TICKETS) == TICKET_TYPES
    assert set(theme.TICKET_COLOURS) == set(TICKET_TYPES)
