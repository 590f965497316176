"""Ticket types and order statuses as ticketing tools name them: which band a registrant's badge
gets ("Early bird ticket" is a participant's), and which rows get no badge (a pending, expired or
cancelled order). The words are documented in content/README.md ("registrations.csv")."""
from __future__ import annotations

import re

from ..model import fold

norm = fold  # header and value key: how names and headers compare (model.fold), one rule for all


# ticket (model.TICKET_TYPES, in that order) -> what ticketing tools call it; event.yaml ``tickets:`` adds more
TICKETS: dict[str, tuple[str, ...]] = {
    "participant": ("participant", "participants", "attendee", "regular", "standard", "general admission",
                    "admission", "early bird", "full", "ticket", "conference ticket", "registration",
                    "teilnehmer", "teilnehmende", "teilnahme", "delegate", "member", "day", "tagesticket",
                    "speaker", "speakers", "presenter", "referent", "referentin"),
    "student": ("student", "students", "student ticket", "phd student", "studierende"),
    "staff": ("staff", "crew", "organiser", "organizer", "organising team", "organizing team", "team"),
    "volunteer": ("volunteer", "volunteers", "helper", "helfer"),
    "press": ("press", "media", "journalist", "presse"),
    "sponsor": ("sponsor", "sponsors", "exhibitor", "partner"),
    "guest": ("guest", "guests", "invited", "invited guest", "vip", "gast"),
}
# Words of a product name that say nothing about the ticket type ("Regular ticket", "Speaker pass")
_FILLER = frozenset(("ticket", "tickets", "pass", "passes", "admission", "badge", "karte", "eintritt",
                     "eintrittskarte", "conference", "konferenz", "event"))
# An order's status, as ticketing tools export it (pretix's words in English and German): rows of
# these get no badge, pending ones unless event.yaml says `registrations: include_pending: true`.
# Anything else (paid, confirmed, an empty cell) is a registration.
STATUSES: dict[str, tuple[str, ...]] = {
    "pending": ("pending", "ausstehend", "unpaid", "not paid", "nicht bezahlt", "awaiting payment",
                "pending approval", "approval pending", "reserved", "offen"),
    "expired": ("expired", "abgelaufen"),
    "cancelled": ("canceled", "cancelled", "storniert", "refunded", "erstattet", "not attending", "deleted"),
}
STATUS_OF = {w: status for status, words in STATUSES.items() for w in words}


def ticket_of(text: str, words: dict[str, str]) -> str | None:
    """Our ticket type for a product name, ``words`` mapping normalised names to types (ours and
    event.yaml's ``tickets:``): as named ("Early bird"), else without its filler words ("Regular
    ticket", "Speaker pass 2025", "Student ticket (reduced)"), else the one type a word of it names
    ("Early bird student" is a student's: a type beats participant's plain words); None: unknown."""
    key = norm(text)
    if key in words:
        return words[key]
    bare = " ".join(w for w in re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", key).split() if w not in _FILLER and not w.isdigit())
    if not bare:
        return "participant"  # only filler: "Ticket 2025"
    if bare in words:
        return words[bare]
    found = {t for phrase, t in words.items() if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", bare)}
    if len(found) > 1:
        found.discard("participant")
    return found.pop() if len(found) == 1 else None
