"""The static site the QR codes open: programme, talk, person and room-day pages.

``render(event, options)`` returns every file below ``site/``: plain HTML5 pages,
one stylesheet and iCalendar files. Paths come only from ``eventprint.urls`` so
every URL a PDF prints or encodes has its file here; links between pages are
relative, so the folder works from any base URL or straight from disk. All
content text goes through ``html.escape`` (quotes too). No JavaScript, no
external resources; same content gives byte-identical files.
"""
from __future__ import annotations

import html
import posixpath
from datetime import date
from functools import lru_cache
from zoneinfo import ZoneInfo

from eventprint import i18n, links, urls
from eventprint.model import Day, Event, Item, Kind, Person, Role, Room
from eventprint.options import BuildOptions
from eventprint.output import Artifact

from ..kit.programme import language_tag
from ..kit.textruns import direction
from ..kit.theme import EN_DASH, MIDDOT
from ..signs.data import door_items
from . import ics as site_ics
from . import style as site_style

ROOT = "site/"
ROLE_LABELS = {Role.SPEAKER: "Speaker", Role.CHAIR: "Session chair", Role.HOST: "Host"}


@lru_cache(maxsize=65536)
def esc(text: str) -> str:
    """``html.escape`` with quotes, kept: a large event's site escapes the same names, titles and
    links again and again (some 85,000 times)."""
    return html.escape(text, quote=True)


def own_language(event: Event, it: Item) -> str | None:
    """The talk's language where it says one other than the event's (the page's), else None."""
    return it.language if it.language and it.language != event.language else None


def bidi(text: str, lang: str | None = None) -> str:
    """``dir`` and ``lang`` attributes: ``lang`` for a text in another language than the page's
    (a talk's own: a browser then picks, say, Traditional Chinese glyphs for zh-TW), and for a
    name or title that reads right to left (Arabic, Hebrew) ``dir="rtl"``, so browsers order and
    shape it as the printed pages do; "" for everything else."""
    rtl = direction(text, lang) == "rtl"
    if lang:
        return f' dir="rtl" lang="{esc(lang)}"' if rtl else f' lang="{esc(lang)}"'
    if not rtl:
        return ""
    first = next((ch for ch in text if "\u0590" <= ch <= "\u08ff"), "\u0600")
    lang = "he" if first <= "\u05ff" else "ar"
    return f' dir="rtl" lang="{lang}"'


def paragraphs(text: str | None, cls: str | None = None, lang: str | None = None) -> str:
    """Paragraphs split on blank lines; single newlines inside a paragraph become spaces."""
    if not text:
        return ""
    attr = (f' class="{cls}"' if cls else "") + (bidi(text, lang) if lang else "")
    parts = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p{attr}>{esc(p)}</p>\n" for p in parts if p)


@lru_cache(maxsize=None)
def _relative(target: str, folder: str) -> str:
    """The site path ``target`` as seen from the site folder ``folder`` ("" for the root): what
    posixpath.relpath gives for these plain relative paths, without asking the file system for
    the current directory each time (a large event's site makes some 20,000 links)."""
    to, here = target.split("/"), folder.split("/") if folder else []
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


class Page:
    """One HTML page at ``path`` (below the site root); builds relative links from there."""

    def __init__(self, event: Event, path: str):
        self.event = event
        self.path = path
        self.folder = posixpath.dirname(path)

    def link(self, target: str, anchor: str | None = None) -> str:
        """Relative, escaped href from this page to the site path ``target``."""
        rel = _relative(target, self.folder)
        if anchor:
            rel = ("" if target == self.path else rel) + "#" + anchor
        return esc(rel)

    def a(self, target: str, text: str, cls: str | None = None, anchor: str | None = None,
          lang: str | None = None) -> str:
        c = f' class="{cls}"' if cls else ""
        return f'<a{c} href="{self.link(target, anchor)}"{bidi(text, lang)}>{esc(text)}</a>'

    def person(self, p: Person) -> str:
        return self.a(urls.person_path(p), p.name)

    def people(self, persons: tuple[Person, ...]) -> str:
        return ", ".join(self.person(p) for p in persons)

    def title_of(self, it: Item, cls: str = "title") -> str:
        """The item's title, linked to its page if it is a talk; 'Title to be confirmed' in italics."""
        c = cls + ("" if it.title.confirmed else " tbc")
        lang = own_language(self.event, it)
        if it.is_talk:
            return self.a(urls.talk_path(it), it.title.display, c, lang=lang)
        return f'<span class="{c}"{bidi(it.title.display, lang)}>{esc(it.title.display)}</span>'

    def room(self, room: Room, day: date, text: str | None = None) -> str:
        return self.a(urls.room_day_path(room, day), text or room.name)

    def logo(self) -> str:
        """The event's logo in the bar, linked to the programme: ``logo_on_dark``, else its logo on
        a white plate; "" without one. Decorative (alt=""): the event's name follows it."""
        shown, plate = site_logo(self.event)
        if shown is None:
            return ""
        h = 28
        return (f'<a class="logo{" plate" if plate else ""}" href="{self.link(urls.INDEX)}">'
                f'<img src="{self.link(urls.LOGO + shown.suffix)}" alt="" width="{round(h * shown.aspect)}" '
                f'height="{h}"></a>')

    def render(self, title: str, body: str, description: str | None = None) -> Artifact:
        ev = self.event
        full_title = title if title == ev.name else f"{title} {EN_DASH} {ev.short_name}"
        desc = f'<meta name="description" content="{esc(description)}">\n' if description else ""
        hosts = f"<p>{esc(' & '.join(ev.hosts))}</p>\n" if ev.hosts else ""
        doc = (
            "<!DOCTYPE html>\n"
            f'<html lang="{esc(ev.language)}">\n'
            "<head>\n"
            '<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(full_title)}</title>\n"
            f"{desc}"
            f'<link rel="stylesheet" href="{self.link(urls.STYLESHEET)}">\n'
            '<link rel="icon" href="data:,">\n'
            "</head>\n"
            "<body>\n"
            f'<header class="bar"><div class="wrap">{self.logo()}{self.a(urls.INDEX, ev.short_name)}</div></header>\n'
            f'<main class="wrap">\n{body}</main>\n'
            '<footer><div class="wrap">\n'
            f"<p>{esc(ev.name)} {MIDDOT} {esc(i18n.date_range(ev, ev.first_date, ev.last_date))}</p>\n"
            f"{hosts}"
            f"<p>{esc(i18n.tr(ev, 'Programme as of {stamp}.', stamp=f'{ev.updated:%Y-%m-%d %H:%M}'))}</p>\n"
            "</div></footer>\n"
            "</body>\n"
            "</html>\n"
        )
        return Artifact(ROOT + self.path, doc.encode("utf-8"))


# -- helpers on the model ---------------------------------------------------------
def zone_name(event: Event, it: Item) -> str:
    """'CEST' for an item's start in the event's time zone."""
    return it.start_dt.replace(tzinfo=ZoneInfo(event.timezone)).tzname() or event.timezone


def role_in(it: Item, p: Person, lang: object = "en") -> str:
    if p in it.chairs:
        return i18n.tr(lang, ROLE_LABELS[Role.CHAIR])
    return i18n.tr(lang, ROLE_LABELS[Role.HOST] if it.kind is Kind.WELCOME else ROLE_LABELS[Role.SPEAKER])


def venue_of(event: Event, it: Item):
    return it.room.venue if it.room else event.day_of(it).venue


def chairs_shown(event: Event, day: Day) -> dict[str, tuple[Person, ...]]:
    """Item id -> chairs, on the first item of each chaired session only."""
    return {s.items[0].id: s.chairs for s in event.sessions(day)}


def programme_rows(pg: Page, items: tuple[Item, ...], chairs: dict[str, tuple[Person, ...]],
                   here: Room | None = None, show_room: bool = True, person: Person | None = None) -> str:
    """<ol class="programme"> of items; pauses quiet; on a room page, items elsewhere say where.

    With ``person``, each row also says what that person does in it (Speaker, Session chair, Host).
    """
    out = ['<ol class="programme clock12">\n' if i18n.twelve_hour(pg.event) else '<ol class="programme">\n']
    for it in items:
        classes = ["pause" if it.kind.is_pause else ("talk" if it.is_talk else "other")]
        parts = []
        ev = pg.event
        labels = [role_in(it, person, ev.language)] if person is not None else []
        if it.is_talk:
            labels += [i18n.tr(ev, it.kind.label)] + ([language_tag(ev, it)] if language_tag(ev, it) else [])
        if labels:
            parts.append(f'<span class="kind">{esc(f" {MIDDOT} ".join(labels))}</span>')
        parts.append(pg.title_of(it))
        speakers = tuple(x for x in it.speakers if x is not person)
        if speakers:
            who = i18n.tr(ev, "with {people}", people=pg.people(speakers)) if person is not None else pg.people(speakers)
            parts.append(f'<span class="who">{who}</span>')
        if it.id in chairs:
            parts.append(f'<span class="chair">{i18n.ntr(ev, "Chair: {names}", "Chairs: {names}", len(chairs[it.id]), names=pg.people(chairs[it.id]))}</span>')
        if it.room is not None and (show_room or here is None or not it.in_room(here)):
            rooms = ", ".join(pg.room(r, it.date) for r in it.rooms)
            where = rooms if here is None else i18n.tr(ev, "in {room}", room=rooms)
            parts.append(f'<span class="where">{where}</span>')
        if it.note:
            parts.append(f'<span class="remark">{esc(it.note)}</span>')
        out.append(
            f'<li class="{" ".join(classes)}" id="{esc(it.id)}">'
            f'<span class="time">{esc(i18n.time_range(ev, it.start, it.end))}</span>'
            f'<div>{" ".join(parts)}</div></li>\n'
        )
    out.append("</ol>\n")
    return "".join(out)


def facts(rows: list[tuple[str, str]]) -> str:
    inner = "".join(f"<div><dt>{esc(k)}</dt><dd>{v}</dd></div>\n" for k, v in rows)
    return f'<dl class="facts">\n{inner}</dl>\n'


def elsewhere(event: Event, url: str | None) -> str:
    """A link to the talk's or person's own page the content names (the export's page: links.py)."""
    if not url:
        return ""
    text = i18n.tr(event, "More on {site}", site=links.host(url))
    return f'<p class="elsewhere"><a href="{esc(url)}">{esc(text)}</a></p>\n'


def venue_html(venue) -> str:
    """The venue's name and address; "" when the content names neither."""
    addr = ", ".join(venue.address)
    if not (venue.name or addr):
        return ""
    return f'{esc(venue.name)}<span class="sub">{esc(addr)}</span>'


def venue_line(venue) -> str:
    """'MPI-IS, Max-Planck-Ring 4, Tübingen', leaving out what the content does not say."""
    return ", ".join(x for x in (venue.name, *venue.address) if x)


# -- pages --------------------------------------------------------------------------
def index_page(event: Event) -> Artifact:
    pg = Page(event, urls.INDEX)
    venues = []
    for d in event.days:
        if d.venue not in venues:
            venues.append(d.venue)
    dates = i18n.date_range(event, event.first_date, event.last_date)
    b = [f'<p class="eyebrow">{esc(i18n.tr(event, "Programme"))}</p>\n', f"<h1>{esc(event.name)}</h1>\n",
         f'<p class="lede">{esc(f" {MIDDOT} ".join(x for x in (dates, ", ".join(v.name for v in venues if v.name)) if x))}</p>\n']
    if len(event.days) > 1:
        b.append(f'<nav class="days" aria-label="{esc(i18n.tr(event, "Days"))}">'
                 + "".join(pg.a(urls.INDEX, i18n.day_short(event, d.date), "button", urls.day_anchor(d.date)) for d in event.days)
                 + "</nav>\n")
    for heading, text in event.info:
        b.append(f'<div class="note"><h3>{esc(heading)}</h3>{paragraphs(text)}</div>\n')
    b.append(f'<p>{pg.a(urls.CALENDAR, i18n.tr(event, "Add the programme to your calendar"), "button")}</p>\n')
    for d in event.days:
        zone = d.items[0].start_dt.replace(tzinfo=ZoneInfo(event.timezone)).tzname() if d.items else ""
        b.append(f'<section id="{esc(urls.day_anchor(d.date))}">\n'
                 f'<div class="day-head"><h2>{esc(i18n.day(event, d.date))}</h2>'
                 f'<p>{esc(f" {MIDDOT} ".join(x for x in (venue_line(d.venue), i18n.tr(event, "times in {zone}", zone=zone)) if x))}'
                 '</p></div>\n')
        b.append(programme_rows(pg, d.items, chairs_shown(event, d)))
        if d.rooms:
            b.append(f'<p class="rooms">{esc(i18n.tr(event, "Room schedules:"))} '
                     + f" {MIDDOT} ".join(pg.room(r, d.date) for r in d.rooms) + "</p>\n")
        b.append("</section>\n")
    people = sorted(event.people_with_roles, key=lambda p: p.sort_key)
    if people:
        b.append(f'<section id="people">\n<h2>{esc(i18n.tr(event, "Speakers, chairs and hosts"))}</h2>\n<ul class="index-people">\n')
        b += [f"<li>{pg.person(p)}</li>\n" for p in people]
        b.append("</ul>\n</section>\n")
    return pg.render(event.name, "".join(b), f"{event.name}, {dates}")


def talk_page(event: Event, it: Item) -> Artifact:
    pg = Page(event, urls.talk_path(it))
    day = event.day_of(it)
    venue = venue_of(event, it)
    title_cls = "" if it.title.confirmed else ' class="tbc"'
    b = [f'<p class="eyebrow">{esc(f" {MIDDOT} ".join(x for x in (i18n.tr(event, it.kind.label), language_tag(event, it)) if x))}</p>\n',
         f"<h1{title_cls}{bidi(it.title.display, own_language(event, it))}>{esc(it.title.display)}</h1>\n"]
    if it.speakers:
        b.append(f'<p class="lede">{pg.people(it.speakers)}</p>\n')
    rows = [(i18n.tr(event, "When"), f"{esc(i18n.day(event, day.date))}<span class=\"sub\">{esc(i18n.time_range_text(event, it.start, it.end))} "
                     f"{esc(zone_name(event, it))}</span>")]
    if it.room:
        rows.append((i18n.tr(event, "Room"), ", ".join(pg.room(r, it.date) for r in it.rooms)))
    if venue_html(venue):
        rows.append((i18n.tr(event, "Venue", "fact"), venue_html(venue)))
    chairs = it.chairs
    if chairs:
        rows.append((i18n.tr(event, "Chair", "fact"), pg.people(chairs)))
    b.append(facts(rows))
    b.append(f'<p>{pg.a(urls.talk_ics_path(it), i18n.tr(event, "Add to calendar"), "button")}</p>\n')
    b.append(elsewhere(event, it.url))
    if it.note:
        b.append(f'<p class="note"{bidi(it.note, own_language(event, it))}>{esc(it.note)}</p>\n')
    if it.speakers:
        label = i18n.ntr(event, "Speaker", "Speakers", len(it.speakers))
        b.append(f"<h2>{esc(label)}</h2>\n<ul class=\"people\">\n")
        for p in it.speakers:
            aff = f'<span class="aff">{esc(p.affiliation_line)}</span>' if p.affiliation_line else ""
            b.append(f'<li><span class="name">{pg.person(p)}</span>{aff}</li>\n')
        b.append("</ul>\n")
    b.append(f'<h2>{esc(i18n.tr(event, "Abstract"))}</h2>\n<div class="abstract">\n')
    b.append(paragraphs(it.abstract, lang=own_language(event, it)) or f'<p class="muted">{esc(i18n.tr(event, "The abstract will follow."))}</p>\n')
    b.append("</div>\n")
    with_bio = [p for p in it.speakers if p.bio]
    if with_bio:
        b.append(f"<h2>{esc(i18n.ntr(event, 'About the speaker', 'About the speakers', len(with_bio)))}</h2>\n")
        for p in with_bio:
            head = f"<h3>{pg.person(p)}</h3>\n" if len(with_bio) > 1 else ""
            b.append(f'<div class="bio">{head}{paragraphs(p.bio)}</div>\n')
    b.append(f'<p class="back">{pg.a(urls.INDEX, i18n.tr(event, "Full programme"), anchor=urls.day_anchor(it.date))}</p>\n')
    desc = f" {EN_DASH} ".join([it.title.display] + ([", ".join(p.name for p in it.speakers)] if it.speakers else []))
    return pg.render(it.title.display, "".join(b), desc)


def person_page(event: Event, p: Person) -> Artifact:
    pg = Page(event, urls.person_path(p))
    b = [f'<p class="eyebrow">{esc(f" {MIDDOT} ".join(i18n.tr(event, ROLE_LABELS[r]) for r in p.roles))}</p>\n',
         f"<h1{bidi(p.name)}>{esc(p.name)}</h1>\n"]
    lines = ([p.position] if p.position else []) + list(p.affiliations)
    if lines:
        b.append('<p class="lede">' + "<br>".join(esc(x) for x in lines) + "</p>\n")
    b.append(elsewhere(event, p.url))
    items = event.items_of(p)
    if items:
        b.append(f"<h2>{esc(i18n.tr(event, 'In the programme'))}</h2>\n")
        for d in event.days:
            mine = tuple(it for it in items if it.date == d.date)
            if not mine:
                continue
            b.append(f"<h3>{esc(i18n.day(event, d.date))}</h3>\n")
            b.append(programme_rows(pg, mine, {}, person=p))
    if p.bio:
        b.append(f'<h2>{esc(i18n.tr(event, "About", "person"))}</h2>\n<div class="bio">{paragraphs(p.bio)}</div>\n')
    b.append(f'<p class="back">{pg.a(urls.INDEX, i18n.tr(event, "Full programme"))}</p>\n')
    return pg.render(p.name, "".join(b), f"{p.name}{', ' + p.affiliation_line if p.affiliation_line else ''}")


def room_day_page(event: Event, room: Room, day: Day) -> Artifact:
    pg = Page(event, urls.room_day_path(room, day.date))
    b = [f'<p class="eyebrow">{esc(i18n.tr(event, "Room schedule"))}</p>\n<h1>{esc(room.name)}</h1>\n',
         f'<p class="lede">{esc(f" {MIDDOT} ".join(x for x in (i18n.day(event, day.date), venue_line(room.venue)) if x))}</p>\n']
    others = [r for r in day.rooms if r is not room]
    # exactly the items of the door sign whose QR code opens this page
    b.append(programme_rows(pg, door_items(room, day), chairs_shown(event, day), here=room, show_room=False))
    same_room = [d for d in event.days if room in d.rooms and d is not day]
    if same_room:
        b.append(f'<p class="rooms">{esc(i18n.tr(event, "This room on other days:"))} '
                 + f" {MIDDOT} ".join(pg.room(room, d.date, i18n.day(event, d.date)) for d in same_room) + "</p>\n")
    if others:
        b.append(f'<p class="rooms">{esc(i18n.tr(event, "Other rooms this day:"))} '
                 + f" {MIDDOT} ".join(pg.room(r, day.date) for r in others) + "</p>\n")
    b.append(f'<p class="back">{pg.a(urls.INDEX, i18n.tr(event, "Full programme"), anchor=urls.day_anchor(day.date))}</p>\n')
    return pg.render(f"{room.name}, {i18n.day_short(event, day.date)}", "".join(b), f"{room.full_name}, {i18n.day(event, day.date)}")


def site_logo(event: Event):
    """(the logo the site's coloured bar shows, whether it sits on a white plate); (None, False)."""
    brand = event.brand
    if brand.logo_on_dark is not None:
        return brand.logo_on_dark, False
    return brand.logo, brand.logo is not None


def render(event: Event, options: BuildOptions) -> list[Artifact]:
    """Every file of the site, paths prefixed ``site/``, in a fixed order."""
    programme, calendars = site_ics.calendars(event)
    out = [Artifact(ROOT + urls.STYLESHEET, site_style.stylesheet(event.brand)), index_page(event),
           Artifact(ROOT + urls.CALENDAR, programme)]
    shown = site_logo(event)[0]
    if shown is not None:  # as the organiser gave it: the screen shows sRGB
        out.append(Artifact(ROOT + urls.LOGO + shown.suffix, shown.data))
    for it, calendar in zip(event.talks, calendars):
        out.append(talk_page(event, it))
        out.append(Artifact(ROOT + urls.talk_ics_path(it), calendar))
    for p in event.people_with_roles:
        out.append(person_page(event, p))
    for room, day in event.room_days():
        out.append(room_day_page(event, room, day))
    return out
