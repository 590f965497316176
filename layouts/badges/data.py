"""What each badge shows, as plain strings: the single source for drawing and for reprint hashes.

``badge_data(event, person)`` turns the model into exactly the text a badge
prints (front and back). The layout draws only this, and eventprint.reprint
hashes only this, so "the badge changed" means "something printed on it
changed" and never depends on PDF bytes or the "as of" stamp.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from eventprint import i18n, links
from eventprint.model import Addon, Day, Event, Item, Kind, Person, Registrant, Role
from eventprint.options import BuildOptions, OptionError
from eventprint.output import Piece

from ..kit import theme
from ..kit.programme import short_url, where


@dataclass(frozen=True)
class AgendaEntry:
    """One line of a person's own programme on the badge back."""

    when: str  # "Mon 16 Sep · 13:00–13:30"
    where: str  # "N0.002, MPI-IS" or "" when the item has no room
    what: str  # "Keynote: Haptic Intelligence", "Session chair: 5 items from …"


@dataclass(frozen=True)
class BadgeData:
    person_id: str
    role: str  # most important role's value: "speaker", "chair" or "host"
    role_word: str  # "SPEAKER"
    other_roles: tuple[str, ...]  # ("HOST",) — listed small next to the role word
    given_name: str
    name: str
    position: str
    affiliations: tuple[str, ...]
    event_name: str  # the event's short name
    event_dates: str  # "16–17 September 2024"
    talk_kind: str  # "Keynote"; "" when the person gives no talk
    talk_title: str  # Title.display; "" when no talk
    talk_when: str  # "Tue 17 Sep · 10:15–10:35"
    talk_room: str  # "Main room, Amazon R&D Building"
    more_talks: int  # further talks, listed on the back
    qr_url: str | None  # the talk's page, or the programme; None: no code (links.py)
    qr_caption: str  # qr_url without "https://"; "" without a code
    agenda: tuple[AgendaEntry, ...]
    # added for registrations; reprint leaves fields at their default out of the hash, so that
    # badges printed before these fields existed do not all count as changed
    addons: tuple[AgendaEntry, ...] = ()  # what the person booked: "Lab tour", when, where
    agenda_heading: str = "YOUR PROGRAMME"  # registrants: "WHERE" (each day's venue)
    lang: str = "en"  # the event's language: the badge's fixed words

    @property
    def has_talk(self) -> bool:
        return bool(self.talk_title)


def when(day: Day, start_end: str, lang: object = "en") -> str:
    return f"{i18n.day_short(lang, day.date)} {theme.MIDDOT} {start_end}"


def _where(item: Item) -> str:
    return where(item, "")


class AgendaIndex:
    """Every person's agenda, computed in one pass over the programme (fast for large events)."""

    def __init__(self, event: Event):
        tr, lang = i18n.tr, event.language
        self.days: dict[date, Day] = {d.date: d for d in event.days}
        self.entries: dict[str, list[tuple[tuple, AgendaEntry]]] = {}
        self.talks: dict[str, list[Item]] = {}
        for day in event.days:
            for it in day.items:
                for p in it.speakers:
                    if it.is_talk:
                        self.talks.setdefault(p.id, []).append(it)
                        what = f"{tr(lang, it.kind.label)}: {it.title.display}"
                    elif it.kind is Kind.WELCOME:
                        what = it.title.display
                    else:
                        what = f"{tr(lang, it.kind.label)}: {it.title.display}"
                    self._add(p, (day.date, it.start, 1), AgendaEntry(
                        when(day, i18n.time_range(lang, it.start, it.end), lang), _where(it), what))
            for s in event.sessions(day):
                first = s.items[0]
                n = len(s.items)
                what = i18n.ntr(lang, "Session chair: {title}", "Session chair: {n} items, from {title}", n,
                                title=first.title.display)
                span = i18n.time_range(lang, s.start, s.end)
                for p in s.chairs:
                    self._add(p, (day.date, s.start, 0), AgendaEntry(when(day, span, lang), _where(first), what))
        # a speaker who also registered: the add-ons they booked go on their programme badge
        self.addons: dict[str, tuple[AgendaEntry, ...]] = {
            r.person.id: tuple(addon_entry(a) for a in r.addons)
            for r in event.registrants if r.person is not None and r.addons}

    def _add(self, person: Person, key: tuple, entry: AgendaEntry) -> None:
        self.entries.setdefault(person.id, []).append((key, entry))

    def agenda(self, person: Person) -> tuple[AgendaEntry, ...]:
        return tuple(e for _, e in sorted(self.entries.get(person.id, []), key=lambda x: x[0]))


def band_colour(role: str):
    """The band colour of a role (speaker, chair, host) or a ticket (participant, student, ...)."""
    return theme.ROLE_COLOURS.get(role) or theme.TICKET_COLOURS.get(role) or theme.ACCENT


def addon_entry(addon: Addon) -> AgendaEntry:
    return AgendaEntry(addon.when, addon.where, addon.label)


def essentials(event: Event) -> tuple[AgendaEntry, ...]:
    """What every participant needs on paper: which day is where. Times stay in the programme the QR
    code opens, so a moved session does not make every participant's badge a reprint."""
    return tuple(AgendaEntry(i18n.day_short(event.language, day.date), ", ".join(day.venue.address), day.venue.name)
                 for day in event.days if day.venue.name or day.venue.address)  # none for a venue nobody named


def registrant_data(event: Event, reg: Registrant, programme: tuple[AgendaEntry, ...] | None = None) -> BadgeData:
    """A participant's badge: the ticket in the band, the programme's essentials and the add-ons on the back."""
    url = links.programme_url(event)
    return BadgeData(
        person_id=badge_key(reg), role=reg.ticket, role_word=i18n.tr(event, reg.ticket.upper()), other_roles=(),
        given_name=reg.given_name, name=reg.name, position="",
        affiliations=(reg.organisation,) if reg.organisation else (),
        event_name=event.short_name, event_dates=i18n.date_range(event, event.first_date, event.last_date),
        talk_kind="", talk_title="", talk_when="", talk_room="", more_talks=0,
        qr_url=url, qr_caption=short_url(url) if url else "",
        agenda=essentials(event) if programme is None else programme,
        addons=tuple(addon_entry(a) for a in reg.addons), agenda_heading="WHERE", lang=event.language)


Holder = Person | Registrant  # whoever gets a badge


def badge_key(holder: Holder) -> str:
    """The badge's id in the reprint manifest: the person id, or 'registration:' and the list's id."""
    return f"registration:{holder.id}" if isinstance(holder, Registrant) else holder.id


def participants(event: Event) -> list[Registrant]:
    """Registrants whose badge is not a programme badge (they speak, chair or host nothing)."""
    return [r for r in event.registrants if r.person is None or not r.person.roles]


def badge_data(event: Event, person: Person, index: AgendaIndex | None = None) -> BadgeData:
    index = index or AgendaIndex(event)
    roles = person.roles or (Role.SPEAKER,)
    talks = index.talks.get(person.id, [])
    if talks:
        talk = talks[0]
        day = index.days[talk.date]
        url = links.talk_url(event, talk)
        kind, title = i18n.tr(event, talk.kind.label), talk.title.display
        t_when, t_room = when(day, i18n.time_range(event, talk.start, talk.end), event.language), _where(talk)
    else:
        url = links.programme_url(event)
        kind = title = t_when = t_room = ""
    return BadgeData(
        person_id=person.id,
        role=roles[0].value,
        role_word=i18n.tr(event, roles[0].label),
        other_roles=tuple(i18n.tr(event, r.label) for r in roles[1:]),
        given_name=person.given_name,
        name=person.name,
        position=person.position or "",
        affiliations=tuple(person.affiliations),
        event_name=event.short_name,
        event_dates=i18n.date_range(event, event.first_date, event.last_date),
        talk_kind=kind,
        talk_title=title,
        talk_when=t_when,
        talk_room=t_room,
        more_talks=max(0, len(talks) - 1),
        qr_url=url,
        qr_caption=short_url(url) if url else "",
        agenda=index.agenda(person),
        addons=index.addons.get(person.id, ()),
        lang=event.language,
    )


def badges(event: Event, people: list[Holder]) -> list[BadgeData]:
    """What the badges of ``people`` (speakers, chairs, hosts and registrants) show, in this order:
    what the layout draws and reprint hashes."""
    index = AgendaIndex(event) if any(isinstance(p, Person) for p in people) else None
    programme = essentials(event)
    return [registrant_data(event, p, programme) if isinstance(p, Registrant) else badge_data(event, p, index)
            for p in people]


def badge_order(people) -> list[Person]:
    """Badges are sorted by family name, then given name (how a registration desk files them)."""
    return sorted(people, key=lambda p: (p.sort_key, p.id))


def select_people(event: Event, options: BuildOptions) -> list[Person]:
    """The people whose badges this build makes: everyone with a role, or ``--person``."""
    if not options.person:
        return badge_order(event.people_with_roles)
    pid = options.person
    known = {p.id: p for p in event.people}
    if pid not in known:
        by_name = {p.name.casefold(): p.id for p in event.people}
        close = difflib.get_close_matches(pid, list(known), n=3, cutoff=0.5)
        close += [by_name[n] for n in difflib.get_close_matches(pid.casefold(), list(by_name), n=3, cutoff=0.5)
                  if by_name[n] not in close]
        hint = (f"did you mean {', '.join(close[:3])}?" if close
                else "use the id from people.yaml, e.g. " + ", ".join(list(known)[:3]))
        raise OptionError(f"--person: there is no person with id \"{pid}\" \u2014 {hint}")
    person = known[pid]
    if not person.roles:
        raise OptionError(f"--person: {person.name} ({pid}) has no talk, chair or welcome in the "
                          f"programme, so there is no badge for them")
    return [person]


# BadgeData fields added later; "lang" only chooses the words, which are hashed themselves
_LATER_FIELDS = {"addons": [], "agenda_heading": "YOUR PROGRAMME", "lang": "en"}
_ENTRY_FIELDS = ("agenda", "addons")  # tuples of AgendaEntry


def shown(d: BadgeData) -> dict:
    """What the badge shows, for the reprint manifest's hash. Fields added to BadgeData later count
    only when they differ from their default, so that a manifest written before they existed still
    matches every badge that shows nothing new."""
    data = {f: ([e.__dict__ for e in v] if f in _ENTRY_FIELDS else v) for f, v in d.__dict__.items()}  # asdict, faster
    for key, default in _LATER_FIELDS.items():
        if data[key] == default:
            del data[key]
    return data


def holders(event: Event, options: BuildOptions) -> list[Holder]:
    """Everyone whose badge this build prints: programme people, then registered participants."""
    return select_people(event, options) + ([] if options.person else participants(event))


def pieces(event: Event, options: BuildOptions) -> dict[str, Piece]:
    """badge key -> the badge's Piece: exactly the BadgeData it draws."""
    people = holders(event, options)
    return {badge_key(p): Piece(f"badge for {p.name}", shown(d))
            for p, d in zip(people, badges(event, people), strict=True)}
