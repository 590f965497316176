"""Rows of registrations.csv that put private data or an ambiguous name where a badge prints
(issue 26): an e-mail address never goes on a badge, and a name two people share is matched to
neither of them, with a warning at the row."""
from __future__ import annotations

import pytest

import pdfcheck
from conftest import run_cli
from eventprint.content import load_content
from test_attendees import event_with

HEADER = ("Event slug,Order code,Position ID,Status,Email,Product,Attendee name,Attendee name: Given name,"
          "Attendee name: Family name,Attendee email,Company\n")


def _regs(tmp_path, *rows: str):
    content = event_with(tmp_path, "pretix.csv")
    (content / "registrations.csv").write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return content


def test_no_company_gives_no_organisation_and_never_the_e_mail(tmp_path):
    content = _regs(tmp_path, "regtest,AA1,1,Paid,buyer@example.com,Participant,Rosa Parks,Rosa,Parks,rosa@example.net,")
    loaded = load_content(content)
    [rosa] = loaded.event.registrants
    assert rosa.organisation is None and not loaded.warnings
    out = tmp_path / "out"
    done = run_cli("badges", "--content", str(content), "--out", str(out), "--sheet", "single")
    assert done.returncode == 0, done.stderr
    text = " ".join(pdfcheck.page_texts((out / "participant-badges.pdf").read_bytes()))
    assert "Rosa Parks" in text and "@" not in text and "example.net" not in text


@pytest.mark.parametrize("company, printed", [("rosa@example.net", None), ("Montgomery Library <rosa@example.net>",
                                                                          "Montgomery Library"),
                                               ("mailto:rosa@example.net", None)])
def test_an_e_mail_typed_into_the_company_column_is_left_off_with_a_warning_at_its_row(tmp_path, company, printed):
    content = _regs(tmp_path, "regtest,AA0,1,Paid,a@example.com,Participant,Ann Other,Ann,Other,,Uni",
                    f'regtest,AA1,1,Paid,buyer@example.com,Participant,Rosa Parks,Rosa,Parks,,"{company}"')
    loaded = load_content(content)
    rosa = next(r for r in loaded.event.registrants if r.name == "Rosa Parks")
    assert rosa.organisation == printed
    [w] = loaded.warnings
    assert (w.line, w.warning) == (3, True)
    assert w.what.startswith("the organisation column of this row holds an e-mail address, which is left off the badge")
    assert "rosa@" not in str(w)


def test_an_e_mail_in_a_name_column_is_left_off_too(tmp_path):
    content = _regs(tmp_path, "regtest,AA1,1,Paid,b@example.com,Participant,Rosa Parks (rosa@example.net),Rosa,Parks,,")
    loaded = load_content(content)
    assert [r.name for r in loaded.event.registrants] == ["Rosa Parks"]
    assert [w.line for w in loaded.warnings] == [2]


def test_a_name_two_people_share_is_matched_to_neither(tmp_path):
    content = _regs(tmp_path, "regtest,AA1,1,Paid,b@example.com,Participant,Alan Turing,Alan,Turing,,Bletchley")
    people = content / "people.yaml"
    text = people.read_text(encoding="utf-8")
    people.write_text(text.replace("    name: Alan M. Turing\n", "    name: Alan Turing\n") +
                      "  - id: turing-junior\n    name: Alan Turing\n    affiliation: Cambridge\n", encoding="utf-8")
    programme = content / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace("[turing]", "[turing, turing-junior]"),
                         encoding="utf-8")
    loaded = load_content(content)
    [alan] = [r for r in loaded.event.registrants if r.name == "Alan Turing"]
    assert alan.person is None
    assert [(w.line, "has the name of several people in people.yaml (turing, turing-junior)" in w.what)
            for w in loaded.warnings if "several" in w.what] == [(2, True)]
