"""Build the immutable model from drafts that passed every check.

Roles follow from the programme (speakers speak, chairs chair, a welcome's speakers host);
each day's items are sorted by their real start, so an item after midnight comes last.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from .. import i18n, links
from ..brand import Brand
from ..model import (PAPER_THICKNESS, SADDLE_STITCH_MAX, TBC_TEXT, Addon, Day, Event, Item, Kind, Person, Registrant,
                     Role, Title)
from ..yamlsource import Located
from .drafts import DayDraft, EventDraft, ItemDraft, PersonDraft, Places
from .read import IMPORTED
from .registrations import AddonDraft, RegDraft
from .stamp import as_of


def assemble(ev: EventDraft, places: Places, drafts: dict[str, PersonDraft], days: list[DayDraft],
             items: list[ItemDraft], files: tuple[Path, ...], addon_drafts: dict[str, AddonDraft] | None = None,
             registrations: list[RegDraft] = (), imported: bool = False, brand: Brand = Brand()) -> Event:
    roles: dict[str, set[Role]] = {pid: set() for pid in drafts}
    for it in items:
        for pid, _ in it.speakers:
            roles[pid].add(Role.HOST if it.kind is Kind.WELCOME else Role.SPEAKER)
        for pid, _ in it.chairs:
            roles[pid].add(Role.CHAIR)
    people = {
        d.id: Person(d.id, d.name, d.given, d.family, d.position, d.affiliations, d.bio,
                     tuple(x for x in Role if x in roles[d.id]), d.loc.line, d.loc.file, d.url, _at(d.url_loc),
                     _from_import(d.url_loc))
        for d in drafts.values()
    }
    built_days = []
    for day in sorted(days, key=lambda x: x.date):
        built = [
            Item(it.id, it.date, it.start, it.end, it.kind, _title(it, ev.language),
                 tuple(places.rooms[rid] for rid, _ in it.rooms),
                 tuple(people[p] for p, _ in it.speakers),
                 tuple(people[p] for p, _ in it.chairs),
                 it.abstract, it.note, it.loc.line, it.track, it.language,
                 it.start_days, it.end_days, it.loc.file, it.everyone, it.url, _at(it.url_loc),
                 _from_import(it.url_loc))
            for it in day.items
        ]
        order = {id(x): n for n, x in enumerate(built)}
        built.sort(key=lambda x: (x.start_dt, x.end_dt, order[id(x)]))
        built_days.append(Day(day.date, places.venues[day.venue], tuple(built), ev.language))
    addons = {a.id: Addon(a.id, a.label, a.when, a.where) for a in (addon_drafts or {}).values()}
    updated, updated_from = ev.updated, None
    if updated is None:
        updated, updated_from = as_of(files, ev.timezone, built_days[0].date)
    return Event(
        name=ev.name,
        short_name=ev.short_name or ev.name,
        timezone=ev.timezone,
        language=ev.language,
        hosts=ev.hosts,
        base_url=ev.base_url,
        updated=updated,
        venues=tuple(places.venues.values()),
        rooms=tuple(places.rooms.values()),
        people=tuple(people.values()),
        days=tuple(built_days),
        info=ev.info,
        day_change=ev.day_change,
        booklet_abstracts=ev.booklet_abstracts,
        paper_thickness=ev.paper_thickness or PAPER_THICKNESS,
        binding=ev.binding,
        saddle_stitch_max=ev.saddle_stitch_max or SADDLE_STITCH_MAX,
        updated_from=updated_from,
        source_file=ev.file,
        addons=tuple(addons.values()),
        registrants=tuple(Registrant(d.id, d.name, d.given, d.family, d.organisation, d.ticket,
                                     tuple(addons[a] for a in d.addons), people.get(d.person) if d.person else None,
                                     d.line, d.file) for d in registrations),
        base_url_at=ev.base_url_at,
        links=ev.links or links.default(imported, any(it.url and _from_import(it.url_loc) for it in items if it.kind.is_talk),
                                        ev.base_url is not None),
        links_at=ev.links_at,
        schedule_url=ev.schedule_url,
        schedule_url_at=ev.schedule_url_at,
        imported=imported,
        export_hosts=_export_hosts(ev, drafts, items) if imported else (),
        brand=brand,
    )


def _at(loc: Located | None) -> tuple[str, int]:
    return (loc.file, loc.line) if loc is not None else ("", 0)


def _from_import(loc: Located | None) -> bool:
    """The value was written by ``eventprint import`` (not by the organiser in overrides.yaml)."""
    return loc is not None and Path(loc.file).parent.name == IMPORTED


def _export_hosts(ev: EventDraft, drafts: dict[str, PersonDraft], items: list[ItemDraft]) -> tuple[str, ...]:
    """The web hosts the export's own addresses use, most used first."""
    found = [links.host(x.url) for x in (*items, *drafts.values()) if x.url and _from_import(x.url_loc)]
    if ev.schedule_url and Path(ev.schedule_url_at[0]).parent.name == IMPORTED:
        found.append(links.host(ev.schedule_url))
    return tuple(h for h, _ in Counter(found).most_common())


def _title(it: ItemDraft, lang: str) -> Title:
    """The title in the event's language where eventprint wrote it: 'Title to be confirmed', and the
    kind's name ('Break') of an item given without a title."""
    if not it.title.confirmed:
        return Title(None, i18n.tr(lang, TBC_TEXT))
    if not it.kind.is_talk and it.title.text == it.kind.label:
        return Title(i18n.tr(lang, it.kind.label))
    return it.title
