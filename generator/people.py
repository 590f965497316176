"""The people of an event: who is on stage (``Person``, with the ``Role`` the programme gives
them) and who registered (``Registrant``, with the ``Addon`` bookings a badge shows).

Part of the model (model.py re-exports every name): frozen dataclasses a layout reads, never YAML.
"""
from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field

from .problems import Where


class Role(enum.Enum):
    """A person's part in the programme, derived from the items they appear in."""

    SPEAKER = "speaker"
    CHAIR = "chair"
    HOST = "host"

    @property
    def label(self) -> str:
        return self.value.upper()


@dataclass(frozen=True, eq=False)
class Person:
    id: str
    name: str  # as printed: "Katherine J. Kuchenbecker"
    given_name: str  # badge's big first name
    family_name: str  # sort key for the index
    position: str | None
    affiliations: tuple[str, ...]
    bio: str | None
    roles: tuple[Role, ...]  # derived from the programme, in Role order
    source_line: int = field(default=0, compare=False)  # line in people YAML
    source_file: str = field(default="", compare=False)  # file of the person, as shown to the user
    url: str | None = None  # the person's own page elsewhere (the export's speaker page); see links.py
    url_at: Where = field(default=("", 0), compare=False)  # where ``url`` is written
    url_imported: bool = False  # ``url`` is the export's (imported/), not the organiser's own

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.family_name.casefold(), self.given_name.casefold())

    @property
    def affiliation_line(self) -> str:
        """Position and affiliations on one line, for compact places."""
        parts = ([self.position] if self.position else []) + list(self.affiliations)
        return ", ".join(parts)


@dataclass(frozen=True)
class Addon:
    """Something a registrant booked besides the ticket (a tour, the dinner): event.yaml ``addons``."""

    id: str
    label: str  # "Lab tour"
    when: str  # "Mon 16 Sep 11:00", as written in event.yaml
    where: str  # "meet in the Lobby"


# The ticket types a badge can show, in the order a registration desk groups them: the loader maps
# a ticketing tool's words to these (content.registrations), the theme gives each a colour.
TICKET_TYPES = ("participant", "student", "staff", "volunteer", "press", "sponsor", "guest")


def fold(text: str) -> str:
    """How names and headers compare: no case, no accents, '-', '_', '.' as spaces, spaces collapsed."""
    text = unicodedata.normalize("NFKD", text.strip().casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s_.\-]+", " ", text).strip()


@dataclass(frozen=True, eq=False)
class Registrant:
    """A person on the registration list (registrations.csv). E-mail addresses and other private
    columns are used to match people while loading and never reach the model."""

    id: str  # stable: the list's id (pretix: order code and position), else from the name
    name: str
    given_name: str
    family_name: str
    organisation: str | None
    ticket: str  # one of TICKET_TYPES: "participant", "student", ...
    addons: tuple[Addon, ...]
    person: Person | None  # the speaker, chair or host in people.yaml this registrant is
    source_line: int = field(default=0, compare=False)
    source_file: str = field(default="", compare=False)

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.family_name.casefold(), self.given_name.casefold())
