"""Registrations as pretix exports them (issue 24, defect 12): the "Order positions" sheet of its
"Order data" export, with the columns a current pretix writes (tests/fixtures/registrations/
pretix-positions.csv, every person invented). An add-on is a row of its own that names the
position it belongs to ("Add-on to position ID") and has no attendee name; orders are paid,
pending, expired or canceled; products are the event's own names ("Regular ticket",
"Early bird ticket", "Speaker pass", "Student ticket (reduced)")."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import registered_event, run_cli
from eventprint.content import load_content
from eventprint.problems import ContentError, Group

HERE = Path(__file__).resolve().parent / "fixtures" / "registrations"
IMPORTED = Path(__file__).resolve().parent / "fixtures" / "imported"
POSITIONS = "pretix-positions.csv"



def test_add_on_rows_join_the_position_they_name_and_only_paid_orders_get_badges(tmp_path):
    loaded = load_content(registered_event(tmp_path, POSITIONS))
    regs = {r.name: r for r in loaded.event.registrants}
    assert set(regs) == {"Grace Hopper", "Dr. Katherine Johnson", "Émile Zola", "Augusta Ada King", "Sofia Studer"}
    # one order, two tickets: the tour belongs to position 1, the dinner to position 3
    assert [a.id for a in regs["Grace Hopper"].addons] == ["tour"]
    assert [a.id for a in regs["Dr. Katherine Johnson"].addons] == ["dinner"]
    assert {n: r.ticket for n, r in regs.items()} == {
        "Grace Hopper": "participant", "Dr. Katherine Johnson": "participant", "Émile Zola": "participant",
        "Augusta Ada King": "participant", "Sofia Studer": "student"}
    assert regs["Augusta Ada King"].person.id == "lovelace"  # the speaker pass: one badge, the programme's
    got = [(w.line, w.what, w.group) for w in loaded.warnings]
    assert got == [
        (7, "the add-on product 'T-Shirt' (1 row) is not one of the event's add-ons, so no badge shows it",
         Group.REGISTRATIONS),
        (9, "no badge for 1 pending registration (not paid yet): line 9", Group.NO_BADGE),
        (11, "no badge for 1 expired registration: line 11", Group.NO_BADGE),
        (12, "no badge for 1 cancelled registration: line 12", Group.NO_BADGE)]
    # --strict stops on what is worth a look, not on a count of orders that are not paid
    with pytest.raises(ContentError) as e:
        load_content(registered_event(tmp_path / "strict", POSITIONS), strict=True)
    assert [p.line for p in e.value.problems] == [7]


def test_pending_orders_print_when_the_event_says_so(tmp_path):
    loaded = load_content(registered_event(tmp_path, POSITIONS, extra_yaml="registrations:\n  include_pending: true\n"))
    regs = {r.name: r for r in loaded.event.registrants}
    assert regs["Pat Pending"].ticket == "student" and [a.id for a in regs["Pat Pending"].addons] == ["tour"]
    assert "Eve Expired" not in regs and "Carl Cancelled" not in regs
    assert not any("pending" in w.what for w in loaded.warnings)


def test_check_counts_the_registrations_without_a_badge(tmp_path):
    out = run_cli("check", "--content", str(registered_event(tmp_path, POSITIONS))).stdout
    assert "Registrations without a badge (pending, expired or cancelled orders): 3" in out
    assert "5 registrations" in out


def test_an_imported_event_is_told_to_map_tickets_in_overrides_yaml(tmp_path):
    content = tmp_path / "event"
    shutil.copytree(IMPORTED, content)
    (content / "registrations.csv").write_text("Name,Product\nPia Patron,Platinum Patron\nRay Regular,Regular ticket\n",
                                               encoding="utf-8")
    [w] = load_content(content).warnings
    assert w.what == "Pia Patron: the ticket type 'Platinum Patron' is unknown, so the badge says PARTICIPANT"
    assert w.fix.startswith("map it in overrides.yaml under 'event:', e.g. registrations: tickets: "
                            "{\"Platinum Patron\": participant}")
    overrides = content / "overrides.yaml"
    overrides.write_text(overrides.read_text(encoding="utf-8").replace(
        "event:\n", "event:\n  registrations:\n    tickets: {\"Platinum Patron\": sponsor}\n", 1), encoding="utf-8")
    loaded = load_content(content)
    assert not loaded.warnings
    assert {r.name: r.ticket for r in loaded.event.registrants} == {"Pia Patron": "sponsor", "Ray Regular": "participant"}


@pytest.mark.parametrize("product, ticket", [
    ("Regular ticket", "participant"), ("Early bird ticket", "participant"), ("Speaker pass", "participant"),
    ("Early Bird Student Ticket 2025", "student"), ("Volunteer pass", "volunteer"), ("Press (free)", "press"),
    ("Student volunteer", None), ("Platinum patron", None)])
def test_product_names_are_read_without_their_filler_words(product, ticket):
    from eventprint.content.tickets import TICKETS, norm, ticket_of
    assert ticket_of(product, {norm(w): t for t, ws in TICKETS.items() for w in (t, *ws)}) == ticket
