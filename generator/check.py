"""What ``check`` reports: warnings that do not stop a build but that an organiser should see
before printing, and every problem the build would stop on.

The layouts find some things only while laying out (a name cut short on a badge, a door sign
that lists only some of an item's speakers, a QR code too dense to scan), so ``check`` renders
every output in memory, as the build does, and writes nothing: "content OK" means the build goes
through.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path

from . import colour, i18n, links
from .content.read import IMPORTED
from .model import Event
from .options import BuildOptions, OptionError
from .problems import BuildError, Group, Problem

_TRANSLIT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ø": "oe", "å": "aa", "æ": "ae"}


def _fold(name: str) -> str:
    """'Jörg Stückler' and 'Joerg Stueckler' fold to the same key."""
    s = "".join(_TRANSLIT.get(ch, ch) for ch in name.casefold())
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.replace("-", " ").replace(".", " ").split())


def warnings(event: Event, content_dir: str | Path) -> list[Problem]:
    """Everything worth a second look; each names the file and line to edit."""
    prog = str(Path(content_dir) / "programme.yaml")
    people_file = str(Path(content_dir) / "people.yaml")
    out: list[Problem] = []
    told = event.origins.problem  # a value the import wrote: at the override that corrects it
    for it in event.talks:
        where = it.source_file or prog
        if not it.title.confirmed:
            names = ", ".join(p.name for p in it.speakers)
            out.append(told(Problem(where, it.source_line, f"the title of '{it.id}' ({names}) is not confirmed yet",
                                    "when the speaker confirms, replace 'tbc' with the title and rebuild",
                                    True, Group.UNCONFIRMED), ("items", it.id, "title")))
        if not it.abstract:
            out.append(told(Problem(where, it.source_line, f"the talk '{it.id}' has no abstract",
                                    "add 'abstract: >' with the text, if the speaker sends one",
                                    True, Group.NO_ABSTRACT), ("items", it.id, "abstract")))
    for p in event.people:
        where = p.source_file or people_file
        if not p.roles:
            out.append(Problem(where, p.source_line, f"{p.name} ('{p.id}') has no role in the programme",
                               "add them to a programme item, or remove them", True, Group.NO_ROLE))
            continue
        if not p.bio:
            out.append(told(Problem(where, p.source_line, f"{p.name} ('{p.id}') has no bio",
                                    "add 'bio: >' with a short biography, if you have one",
                                    True, Group.NO_BIO), ("people", p.id, "bio")))
        if not p.affiliations and not p.position:
            out.append(told(Problem(where, p.source_line, f"{p.name} ('{p.id}') has no position or affiliation",
                                    "add 'position:' and 'affiliation:'", True, Group.NO_AFFILIATION),
                            ("people", p.id, "affiliation")))
    folded = [(p, _fold(p.name)) for p in event.people]
    for i, (a, fa) in enumerate(folded):
        for b, fb in folded[i + 1:]:
            if _variants(fa, fb):
                out.append(Problem(b.source_file or people_file, b.source_line, f"'{a.name}' ({a.id}) and '{b.name}' ({b.id}) look like spellings of one name",
                                   "if they are the same person, keep one entry and use its id everywhere",
                                   True, Group.NAME_VARIANTS))
    if event.updated_from is not None:
        where = event.source_file or str(Path(content_dir) / "event.yaml")
        out.append(told(Problem(where, 0, f"there is no 'updated' stamp: the \"as of\" date printed is "
                                f"{event.updated:%Y-%m-%d %H:%M}, taken from {event.updated_from}",
                                "add 'updated: YYYY-MM-DD HH:MM' and change it whenever the content changes",
                                True, Group.NO_STAMP), ("event", "", "updated")))
    out += _unnamed_venues(event, content_dir)
    out += [Problem(event.source_file or str(Path(content_dir) / "event.yaml"), 0, what, fix, True, Group.LANGUAGE)
            for what, fix in i18n.language_problems(event.language)]  # missing translations print in English
    return out + email_problems(event, content_dir) + link_warnings(event, content_dir) + brand_warnings(event)


READABLE = 4.5  # WCAG 2's contrast for text (AA): the accent's headings, labels and the white text on its bands


def brand_warnings(event: Event) -> list[Problem]:
    """A brand colour too light to read: text printed in it on white paper, and the white (and
    light) text printed on it (badge bands, the booklet's cover, the site's bar), measured as
    WCAG 2 contrast of its sRGB (eventprint.colour: the colour it prints, on screen)."""
    accent, light = event.brand.accent, event.brand.accent_light
    if accent is None:
        return []
    rgb = [tuple(int(s.screen[i:i + 2], 16) for i in (1, 3, 5)) for s in (accent, light)]
    on_white = colour.contrast(rgb[0], (255, 255, 255))
    on_band = colour.contrast(rgb[0], rgb[1])  # the cover's dates, light on the accent
    if min(on_white, on_band) >= READABLE:
        return []
    shown = ", ".join(f"{v * 100:g}" for v in accent.cmyk)
    return [Problem(*event.brand.accent_at, f"the brand colour [{shown}] is too light for text: {on_white:.1f}:1 "
                    f"against white (text in it on paper, white text on its bands), {on_band:.1f}:1 for light text "
                    f"on it, below the {READABLE}:1 that reads easily", "choose a darker shade of the colour (more black "
                    "or more of its main ink), e.g. the one the corporate design gives for text", True, Group.BRAND)]


# An e-mail address as people write one in running text; not a handle (@name@server.social) and
# not the user part of a web address (https://name@host/...).
_EMAIL = re.compile(r"(?<![\w.%+@/-])[\w.%+-]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}(?![\w-])")


def email_problems(event: Event, content_dir: str | Path) -> list[Problem]:
    """Every e-mail address in text that is printed or published (a title, an abstract, a bio, a
    badge's organisation...), with the item, person or file it is in. The import never takes an
    export's e-mail fields, but an address written into a text is text: it prints as written,
    so the organiser decides, address by address."""
    folder = Path(event.source_file).parent if event.source_file else Path(content_dir)
    out: list[Problem] = []

    def scan(where: str, line: int, texts, what: str, section: str = "", ident: str = "") -> None:
        for name, text in texts:
            for address in dict.fromkeys(_EMAIL.findall(text or "")):
                told = f"the {name} of {what}" if what else f"the {name}"
                key = name.replace(" ", "_").replace("practical_notes", "info").replace("add-on", "addons")
                published = "on the site and in the calendar" if section == "items" else "on the site"
                found = Problem(where, line, f"{told} holds the e-mail address {address}: it is printed, and "
                                f"published {published}, as written", "if it is not meant to be public, remove it",
                                True, Group.EMAIL)
                out.append(event.origins.problem(found, (section, ident, key)) if section else found)

    ev_file = event.source_file or str(folder / "event.yaml")
    scan(ev_file, 0, [("name", event.name), ("short name", event.short_name), *(("hosts", h) for h in event.hosts),
                      *(("practical notes", f"{h} {t}") for h, t in event.info),
                      *(("add-on", f"{a.label} {a.when} {a.where}") for a in event.addons)], "", "event", "")
    venues = str(Path(ev_file).with_name("venues.yaml"))
    for v in event.venues:
        scan(venues, 0, [("name", v.name), ("short name", v.short_name), ("address", " ".join(v.address))],
             f"the venue '{v.id}'", "venues", v.id)
    for room in event.rooms:
        scan(venues, 0, [("name", room.name)], f"the room '{room.id}'", "rooms", room.id)
    for p in event.people:
        scan(p.source_file or str(folder / "people.yaml"), p.source_line,
             [("name", p.name), ("position", p.position), ("affiliation", " ".join(p.affiliations)), ("bio", p.bio)],
             f"{p.name} ('{p.id}')", "people", p.id)
    for it in event.items:
        scan(it.source_file or str(folder / "programme.yaml"), it.source_line,
             [("title", it.title.text), ("abstract", it.abstract), ("note", it.note), ("track", it.track)],
             f"'{it.id}'", "items", it.id)
    for reg in event.registrants:
        scan(reg.source_file, reg.source_line, [("name", reg.name), ("organisation", reg.organisation)],
             f"the registration of {reg.name}")
    return out


def link_warnings(event: Event, content_dir: str | Path) -> list[Problem]:
    """What prints no QR code because the content names no page for it (the source target)."""
    if event.links != links.SOURCE:
        return []
    where_event = event.source_file or str(Path(content_dir) / "event.yaml")
    told = event.origins.problem  # a value the import wrote: at the override that corrects it
    out = [told(Problem(it.source_file or str(Path(content_dir) / "programme.yaml"), it.source_line,
                        f"the talk '{it.id}' has no web address (url), so it prints no QR code and no address",
                        "add 'url:' with the address of its page", True, Group.NO_LINK), ("items", it.id, "url"))
           for it in links.talks_without_page(event)]
    if not event.schedule_url:
        out.append(told(Problem(*(event.links_at if event.links_at[0] else (where_event, 0)),
                                "no schedule_url names the programme's page, so door signs, the poster, the booklet's "
                                "back and badges of people without a talk print no QR code",
                                "add 'schedule_url:' with the address of the programme's page", True, Group.NO_LINK),
                        ("event", "", "schedule_url")))
    return out


def _unnamed_venues(event: Event, content_dir: str | Path) -> list[Problem]:
    """A venue written 'name: ""' (an export that names none) is left out of every output."""
    folder = Path(content_dir) / IMPORTED if (Path(content_dir) / IMPORTED).is_dir() else Path(content_dir)
    where = str(folder / "venues.yaml")
    return [event.origins.problem(Problem(where, 0, f"the venue '{v.id}' has no name: the booklet, door signs, badges "
                                          "and site leave it out", "add 'name:' (and 'address:') to the venue", True,
                                          Group.UNNAMED_VENUE), ("venues", v.id, "name"))
            for v in event.venues if not v.name and any(d.venue is v for d in event.days)]


def layout_check(event: Event, options: BuildOptions = BuildOptions(),
                 content_dir: str | Path | None = None) -> tuple[list[str], list[str]]:
    """What stops the build of each output, as the build prints it, and what a layout had to
    shorten (warnings); every output is rendered in memory with the default options, so a
    problem in each is listed (the same one once)."""
    from .outputs import NAMES  # imported late: the registry imports the layouts
    found: list[str] = []
    notes: list[str] = []
    for name in NAMES:
        try:
            notes += [n for n in _render(event, name, options) if n not in notes]
        except (BuildError, OptionError) as e:
            if str(e) not in found:
                found.append(str(e))
    return found, notes


def _render(event: Event, name: str, options: BuildOptions) -> list[str]:
    """Render one output in memory; what its layout had to shorten (not what it chose: the binding)."""
    from .build import render_noting
    return render_noting(event, name, options, choices=False)[1]


def _variants(fa: str, fb: str) -> bool:
    """Same folded name, or one word differing as a truncation or a near-identical long word.

    Initials are ignored ('Ming C. Lin' ~ 'Ming Lin'); words with digits never match,
    and short words must be equal ('Hana' and 'Jana' are different people).
    """
    if fa == fb:
        return True
    ta = [t for t in fa.split() if len(t) > 1]
    tb = [t for t in fb.split() if len(t) > 1]
    if ta == tb:
        return True
    if len(ta) != len(tb):
        return False
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if any(ch.isdigit() for ch in x + y):
        return False
    if min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)):
        return True
    return min(len(x), len(y)) >= 6 and difflib.SequenceMatcher(None, x, y).ratio() >= 0.85
