"""The typed, immutable model of an event (its people: people.py).

Layouts read only this module's objects, never YAML. Everything is a frozen
dataclass holding tuples, so a layout cannot change what another one sees.
Cross-references are resolved objects (an item holds its speakers' ``Person``
objects), so layouts never look anything up by id.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cached_property

from .brand import Brand
from .people import TICKET_TYPES, Addon, Person, Registrant, Role, fold  # noqa: F401 (the model's names)
from .problems import Origins, Where


class Kind(enum.Enum):
    """What a programme item is. Decides styling and which items get pages."""

    REGISTRATION = "registration"
    TOUR = "tour"
    WELCOME = "welcome"
    KEYNOTE = "keynote"
    PROJECT_TALK = "project_talk"
    TALK = "talk"
    WORKSHOP = "workshop"
    LIGHTNING_TALK = "lightning_talk"
    BREAK = "break"
    MEAL = "meal"
    POSTER = "poster"
    SOCIAL = "social"
    OTHER = "other"

    @property
    def is_talk(self) -> bool:
        """Talks have a title, speakers, an abstract and an abstract page."""
        return self in (Kind.KEYNOTE, Kind.PROJECT_TALK, Kind.TALK, Kind.WORKSHOP, Kind.LIGHTNING_TALK)

    @property
    def is_pause(self) -> bool:
        """Breaks and meals print as quiet separator rows."""
        return self in (Kind.BREAK, Kind.MEAL)

    @property
    def is_gathering(self) -> bool:
        """Registration, breaks, meals, socials and tours: for everyone at the event when held
        outside the rooms of the day's talks (a lobby, a foyer) or while no other room goes on;
        else that room's own (a devroom's lunch). See ``Day.concerns_everyone``."""
        return self in (Kind.REGISTRATION, Kind.BREAK, Kind.MEAL, Kind.SOCIAL, Kind.TOUR)

    @property
    def label(self) -> str:
        """Human label for the kind, e.g. 'Keynote', 'Project talk': English, the catalogue's msgid (layouts print i18n.tr of it)."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    Kind.REGISTRATION: "Registration",
    Kind.TOUR: "Tour",
    Kind.WELCOME: "Welcome",
    Kind.KEYNOTE: "Keynote",
    Kind.PROJECT_TALK: "Project talk",
    Kind.TALK: "Talk",
    Kind.WORKSHOP: "Workshop",
    Kind.LIGHTNING_TALK: "Lightning talk",
    Kind.BREAK: "Break",
    Kind.MEAL: "Meal",
    Kind.POSTER: "Posters",
    Kind.SOCIAL: "Social",
    Kind.OTHER: "Other",
}


TBC_TEXT = "Title to be confirmed"  # English; assemble puts the event language's words in Title.placeholder
# How much of each talk the booklet carries (event.yaml `booklet_abstracts`)
BOOKLET_ABSTRACTS = ("full", "first-paragraph", "none")


@dataclass(frozen=True)
class Title:
    """A talk title, or the explicit state "not confirmed yet".

    ``text is None`` means unconfirmed; ``display`` is what every layout prints.
    """

    text: str | None
    placeholder: str = field(default=TBC_TEXT, compare=False)  # printed while unconfirmed, in the event's language

    @property
    def confirmed(self) -> bool:
        return self.text is not None

    @property
    def display(self) -> str:
        return self.text if self.text is not None else self.placeholder


@dataclass(frozen=True, eq=False)
class Venue:
    id: str
    name: str
    short_name: str
    address: tuple[str, ...]  # address lines, e.g. ("Max-Planck-Ring 4", "72076 Tübingen")


@dataclass(frozen=True, eq=False)
class Room:
    id: str
    name: str
    venue: Venue

    @property
    def full_name(self) -> str:
        """'N0.002, MPI-IS' — the room with its venue's short name (if the venue has a name)."""
        return f"{self.name}, {self.venue.short_name}" if self.venue.short_name else self.name


def moment(day: date, days_after: int, clock: time) -> datetime:
    """The real moment of a clock time listed under programme ``day``: ``days_after`` is 1 past midnight."""
    return datetime.combine(day + timedelta(days=days_after), clock)


@dataclass(frozen=True, eq=False)
class Item:
    """One programme item: a talk, a break, the registration desk...

    ``date`` is the programme day it is listed under; ``start`` and ``end`` are clock times as
    printed. An item may start or end after midnight (a late session, a day that changes at
    04:00): ``start_dt`` and ``end_dt`` are the real moments, on the next calendar date then.
    """

    id: str  # stable; used in URLs, manifests and anchors
    date: date  # the programme day
    start: time
    end: time
    kind: Kind
    title: Title  # for non-talks the plain label ("Lunch Break"); always confirmed
    rooms: tuple[Room, ...]  # where it is: one room, several for an item shared by rooms (a plenary
    # shown in two halls), none: somewhere at the day's venue, not said where
    speakers: tuple[Person, ...]
    chairs: tuple[Person, ...]
    abstract: str | None
    note: str | None  # short remark printed with the item: "Pre-registration required"
    source_line: int = field(default=0, compare=False)  # line in programme YAML
    track: str | None = None  # "Security", "Main Track"; from the content, as written
    language: str | None = None  # of the talk, e.g. "en", "de"; None: not said
    start_days: int = 0  # calendar days after ``date`` the item starts on (1: after midnight)
    end_days: int = 0  # calendar days after ``date`` the item ends on
    source_file: str = field(default="", compare=False)  # file of the item, as shown to the user
    everyone: bool | None = None  # content's `everyone:`: True concerns everyone, False only its room; None: not said
    url: str | None = None  # the item's own page elsewhere (the export's talk page); see links.py
    url_at: Where = field(default=("", 0), compare=False)  # where ``url`` is written
    url_imported: bool = False  # ``url`` is the export's (imported/), not the organiser's own

    @property
    def is_talk(self) -> bool:
        return self.kind.is_talk

    @property
    def room(self) -> Room | None:
        """Its first room, for what names one place; None: not said where."""
        return self.rooms[0] if self.rooms else None

    def in_room(self, room: Room) -> bool:
        """True when the item is in ``room`` (among others, maybe)."""
        return any(r.id == room.id for r in self.rooms)

    @property
    def minutes(self) -> int:
        return int((self.end_dt - self.start_dt).total_seconds()) // 60

    @property
    def start_dt(self) -> datetime:
        return moment(self.date, self.start_days, self.start)

    @property
    def end_dt(self) -> datetime:
        return moment(self.date, self.end_days, self.end)

    @property
    def time_range(self) -> str:
        """'13:00–13:30' with an en dash, always 24-hour; layouts print i18n.time_range in the event's language."""
        return f"{self.start:%H:%M}\u2013{self.end:%H:%M}"


@dataclass(frozen=True)
class Day:
    date: date
    venue: Venue  # where the day mainly happens
    items: tuple[Item, ...]  # sorted by real start (past midnight last), then end, then content order
    language: str = field(default="en", compare=False)  # the event's: layouts holding a day write its words in it

    @property
    def label(self) -> str:
        """'Monday 16 September 2024', always English (for messages); layouts print i18n.day."""
        return f"{self.date:%A} {self.date.day} {self.date:%B %Y}"

    @property
    def short_label(self) -> str:
        """'Mon 16 Sep', always English; layouts print i18n.day_short."""
        return f"{self.date:%a} {self.date.day} {self.date:%b}"

    @cached_property
    def rooms(self) -> tuple[Room, ...]:
        """Rooms with at least one item this day, in first-use order."""
        seen: dict[str, Room] = {}
        for it in self.items:
            for room in it.rooms:
                seen.setdefault(room.id, room)
        return tuple(seen.values())

    def items_in(self, room: Room) -> frozenset[Item]:
        """The day's items in ``room`` (among others, maybe): ``Item.in_room``, for every item at once."""
        return self._by_room.get(room.id, frozenset())

    @cached_property
    def _by_room(self) -> dict[str, frozenset[Item]]:
        """Each room's items, worked out once per day: door signs and the reprint manifest ask for
        every room of a 900-talk day. Items compare by identity."""
        found: dict[str, set[Item]] = {}
        for it in self.items:
            for room in it.rooms:
                found.setdefault(room.id, set()).add(it)
        return {rid: frozenset(items) for rid, items in found.items()}

    def concerns_everyone(self, item: Item) -> bool:
        """Whether every door of the day lists ``item`` (with where it is), not only its own room's.

        What the content says (``everyone:``) decides. Else an item without a room concerns
        everyone, and so does a gathering (registration, a break, a meal, a social, a tour) held
        where no talk is held this day (the Lobby's registration, the Foyer's coffee) or while
        no other room holds anything of its own (the coffee break listed in the main hall only).
        Another room's talks, workshops, posters and welcomes never do, nor a gathering in a talk
        room while other rooms go on (one devroom's lunch)."""
        return item in self._everyones

    @cached_property
    def _everyones(self) -> frozenset[Item]:
        """The items ``concerns_everyone`` says yes to, worked out once per day (a 900-talk day
        asks for each item on each of its 30 doors). Items compare by identity."""
        talk_rooms = {it.room.id for it in self.items if it.is_talk and it.room is not None}
        shared = {it for it in self.items if it.everyone or (it.everyone is None and (
            it.room is None or (it.kind.is_gathering and it.room.id not in talk_rooms)))}
        own = [it for it in self.items if it not in shared and it.room is not None]
        for it in own:
            if it.everyone is None and it.kind.is_gathering and not any(
                    o.room.id != it.room.id and o.start_dt < it.end_dt and it.start_dt < o.end_dt for o in own):
                shared.add(it)
        return frozenset(shared)


@dataclass(frozen=True)
class Session:
    """Consecutive items under the same chair(s); derived, never written in content."""

    chairs: tuple[Person, ...]
    items: tuple[Item, ...]

    @property
    def start(self) -> time:
        return self.items[0].start

    @property
    def end(self) -> time:
        return self.items[-1].end


PAPER_THICKNESS = 0.1  # mm: 115 g/m² coated paper, a common booklet stock
# How the booklet is bound (event.yaml ``binding``): staples through the fold of nested sheets, or a
# glued spine of single leaves. Left out: saddle stitch up to SADDLE_STITCH_MAX pages (16 sheets of
# 80-100 g/m² paper; a thicker stapled booklet bulges and will not close), perfect binding above.
BINDINGS = ("saddle-stitch", "perfect")
SADDLE_STITCH_MAX = 64


@dataclass(frozen=True)
class Event:
    name: str
    short_name: str
    timezone: str  # IANA name, e.g. "Europe/Berlin"
    language: str  # BCP 47, e.g. "en"
    hosts: tuple[str, ...]  # hosting organisations
    base_url: str | None  # where the organiser uploads out/site/, ends with "/"; None: not said
    updated: datetime  # "as of" stamp for printed material
    venues: tuple[Venue, ...]
    rooms: tuple[Room, ...]
    people: tuple[Person, ...]  # in content order
    days: tuple[Day, ...]  # in date order
    info: tuple[tuple[str, str], ...] = ()  # extra practical notes: (heading, text)
    day_change: time = time(0, 0)
    booklet_abstracts: str | None = None  # one of BOOKLET_ABSTRACTS; None: chosen by the event's size  # a day's items starting before this clock time are after midnight
    updated_from: str | None = None  # None: ``updated`` was written; else what it was derived from
    source_file: str = field(default="", compare=False)  # event.yaml as shown to the user
    addons: tuple[Addon, ...] = ()  # event.yaml ``addons``
    registrants: tuple[Registrant, ...] = ()  # registrations.csv, in list order
    base_url_at: Where = field(default=("", 0), compare=False)  # where base_url is written
    # Where printed links point (links.py): "site" (pages of out/site/ at base_url) or "source" (each
    # item's and person's own ``url``, and ``schedule_url`` for the whole programme)
    links: str = "site"
    links_at: Where = field(default=("", 0), compare=False)  # where ``links`` is chosen; ("", 0): the default
    schedule_url: str | None = None  # the programme's own page elsewhere (the export's schedule)
    schedule_url_at: Where = field(default=("", 0), compare=False)
    imported: bool = False  # read from imported/ and overrides.yaml
    export_hosts: tuple[str, ...] = ()  # web hosts the import's own addresses use (check --links)
    paper_thickness: float = PAPER_THICKNESS  # mm, one sheet of the booklet's paper: the press imposition's creep
    binding: str | None = None  # one of BINDINGS; None: by the booklet's page count
    saddle_stitch_max: int = SADDLE_STITCH_MAX  # pages: the most a saddle-stitched booklet may have
    brand: Brand = Brand()  # event.yaml `brand:` (logo, accent, type family); Brand(): the house look
    # where each text is written, and which override corrects an imported one: what a problem found
    # while laying out names (Origins); not part of what the event is
    origins: Origins = field(default_factory=Origins, compare=False, repr=False)

    # -- queries layouts need; all derived, nothing stored twice ------------
    # The event is frozen, so what is derived from it is computed once (cached_property keeps it in
    # the instance's own __dict__, beside the fields: not compared, not in repr). A 900-talk event's
    # layouts ask these thousands of times.
    @cached_property
    def items(self) -> tuple[Item, ...]:
        return tuple(it for d in self.days for it in d.items)

    @cached_property
    def talks(self) -> tuple[Item, ...]:
        return tuple(it for it in self.items if it.is_talk)

    @property
    def people_with_roles(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.roles)

    @property
    def first_date(self) -> date:
        return self.days[0].date

    @property
    def last_date(self) -> date:
        return self.days[-1].date

    @cached_property
    def _by_id(self) -> tuple[dict[str, Person], dict[str, Item]]:
        people: dict[str, Person] = {}
        for p in self.people:
            people.setdefault(p.id, p)
        items: dict[str, Item] = {}
        for it in self.items:
            items.setdefault(it.id, it)
        return people, items

    def person(self, person_id: str) -> Person:
        return self._by_id[0][person_id]

    def item(self, item_id: str) -> Item:
        return self._by_id[1][item_id]

    def day_of(self, item: Item) -> Day:
        for d in self.days:
            if d.date == item.date:
                return d
        raise KeyError(item.date)

    @cached_property
    def _involved(self) -> dict[Person, tuple[tuple[Item, ...], tuple[Item, ...]]]:
        """person -> (items they speak at or chair, talks they give), in programme order. People
        compare and hash by identity (eq=False), the same test ``person in it.speakers`` makes."""
        found: dict[Person, tuple[list[Item], list[Item]]] = {}
        for it in self.items:
            for p in dict.fromkeys((*it.speakers, *it.chairs)):
                found.setdefault(p, ([], []))[0].append(it)
            if it.is_talk:
                for p in dict.fromkeys(it.speakers):
                    found.setdefault(p, ([], []))[1].append(it)
        return {p: (tuple(items), tuple(talks)) for p, (items, talks) in found.items()}

    def items_of(self, person: Person) -> tuple[Item, ...]:
        """Every item a person speaks at, chairs or hosts, in time order."""
        return self._involved.get(person, ((), ()))[0]

    def talks_of(self, person: Person) -> tuple[Item, ...]:
        return self._involved.get(person, ((), ()))[1]

    def sessions(self, day: Day) -> tuple[Session, ...]:
        """Runs of consecutive items with the same session chairs; an unchaired item ends a run."""
        runs: list[Session] = []
        prev_chairs: tuple[Person, ...] = ()
        for it in day.items:
            if it.chairs and it.chairs == prev_chairs:
                runs[-1] = Session(it.chairs, runs[-1].items + (it,))
            elif it.chairs:
                runs.append(Session(it.chairs, (it,)))
            prev_chairs = it.chairs
        return tuple(runs)

    def room_days(self) -> tuple[tuple[Room, Day], ...]:
        """Every (room, day) that has items: one door sign each."""
        return tuple((r, d) for d in self.days for r in d.rooms)
