"""What the file readers hand to the cross-file checks: values read, ids not yet resolved.

Drafts are mutable and keep the located values that problems point at; the model built from
them is frozen and holds no YAML.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from ..model import Kind, Room, Title, Venue, Where, moment
from ..yamlsource import Located


@dataclass
class EventDraft:
    name: str | None
    short_name: str | None
    timezone: str | None
    language: str
    hosts: tuple[str, ...]
    base_url: str | None
    updated: datetime | None  # None: not written; see stamp.as_of
    day_change: time
    info: tuple[tuple[str, str], ...]
    booklet_abstracts: str | None
    file: str  # event.yaml as shown to the user
    paper_thickness: float | None = None  # mm; None: model's default
    links: str | None = None  # None: not written (links.default decides)
    schedule_url: str | None = None
    base_url_at: Where = ("", 0)
    links_at: Where = ("", 0)
    schedule_url_at: Where = ("", 0)
    binding: str | None = None  # one of model.BINDINGS; None: by page count
    saddle_stitch_max: int | None = None  # pages; None: model's default


@dataclass
class Places:
    venues: dict[str, Venue]
    rooms: dict[str, Room]


@dataclass
class PersonDraft:
    id: str
    name: str
    given: str
    family: str
    position: str | None
    affiliations: tuple[str, ...]
    bio: str | None
    loc: Located
    email: str | None = None  # for matching registrations; never reaches the model
    url: str | None = None
    url_loc: Located | None = None


@dataclass
class ItemDraft:
    id: str | None  # None: hand-written non-talk without id; resolve gives it one
    date: date
    start: time
    end: time
    start_days: int  # calendar days after ``date``: 1 when past midnight
    end_days: int
    kind: Kind
    title: Title
    rooms: list[tuple[str, Located]]  # room ids as written; usually one, several for a shared item
    speakers: list[tuple[str, Located]]
    chairs: list[tuple[str, Located]]
    abstract: str | None
    note: str | None
    track: str | None
    language: str | None
    loc: Located
    id_loc: Located | None
    everyone: bool | None = None  # `everyone:` true/false; None: Day.concerns_everyone decides
    url: str | None = None
    url_loc: Located | None = None

    @property
    def start_dt(self) -> datetime:
        return moment(self.date, self.start_days, self.start)

    @property
    def end_dt(self) -> datetime:
        return moment(self.date, self.end_days, self.end)

    @property
    def room(self) -> str | None:
        """The first room's id (None: no room given)."""
        return self.rooms[0][0] if self.rooms else None


@dataclass
class DayDraft:
    date: date
    venue: str
    loc: Located
    items: list[ItemDraft]
