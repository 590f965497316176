"""A badge as data: each size's type sizes (Style) and the blocks of its front and back, placed
by the card fitter (kit/blocks.py); document.py draws them."""
from __future__ import annotations

from dataclasses import dataclass

from eventprint import i18n
from eventprint.options import BuildOptions, OptionError
from reportlab.lib.units import mm

from ..kit import theme
from ..kit.blocks import Block, Card
from ..kit.fitted import shown
from .data import AgendaEntry, BadgeData

SIZES = ("A6", "4x3", "90x54")


@dataclass(frozen=True)
class Style:
    """Type sizes (pt: max, floor) and measures for one badge size; the blocks name these pairs."""

    portrait: bool
    band: float  # band height
    role: float  # role word size
    also: float  # "ALSO CHAIR" size
    given: tuple[float, float]
    name: tuple[float, float]
    small: tuple[float, float]  # position, affiliations, event name
    title: tuple[float, float]
    info: tuple[float, float]  # day, time, room
    label: float  # "KEYNOTE" above the title
    url: tuple[float, float] | None  # None: no printed web address (the QR code carries it)
    agenda: tuple[float, float]  # back: the person's programme
    qr: float  # QR square incl. quiet zone
    gap: float
    pad: float  # inside the band


# Nothing under 7 pt (theme.MIN_TYPE). The small badges print no web address: their QR code
# says it, and at a legible size it would crowd out the name (url None).
STYLES = {
    "A6": Style(True, 11 * mm, 15, 7.5, (42, 32), (14, 10), (9, 7), (11.5, 7.5), (9, 7.5), 7.5,
                (7, 7), (10.5, 7.5), 28 * mm, 3 * mm, 3 * mm),
    "4x3": Style(False, 8 * mm, 11, 7, (30, 23), (11, 8), (7.5, 7), (9, 7), (7.5, 7), 7,
                 None, (8, 7), 24 * mm, 2 * mm, 2.5 * mm),
    "90x54": Style(False, 6.5 * mm, 8.5, 7, (21, 16), (8.5, 7), (7, 7), (7, 7), (7, 7),
                   7, None, (7, 7), 19 * mm, 1.5 * mm, 2 * mm),
}
ROLE_CHAR_SPACE = 1.2  # letter-spacing of the role word, as a fraction of a point per pt/10
SHRINK_STEPS = (1.0, 0.92, 0.85, 0.78, 0.7)  # secondary fields shrink together when a badge is too tall


def size_of(options: BuildOptions) -> str:
    size = options.size or "A6"
    for s in SIZES:
        if s.lower() == size.lower():
            return s
    raise OptionError(f"--size {size} is not a badge size: use " + ", ".join(SIZES) + " (default A6)")


def card(d: BadgeData, st: Style) -> Card:
    """The badge as the fitter sees it: the style's sizes by name, its gap, and who it is for."""
    return Card(st.__dict__, st.gap, f"the badge for {shown(d.name)} ({d.person_id})",
                ", or use a larger badge size (--size A6)")


def texts(d: BadgeData) -> dict[str, str | tuple[str, ...] | None]:
    """What the blocks print, by field (None: the badge has none): all of it the badge's data,
    which is what reprint hashes."""
    talk = d.has_talk
    more = i18n.ntr(d.lang, "+ {n} more talk: see the back", "+ {n} more talks: see the back", d.more_talks)
    return {
        "event short name": d.event_name, "first name": d.given_name, "full name": d.name,
        "position": d.position or None, "affiliation": d.affiliations,
        "talk kind": d.talk_kind.upper() if talk else None, "talk title": d.talk_title if talk else None,
        "talk time": d.talk_when, "room": d.talk_room or None,
        "talk time and room": f"{d.talk_when} {theme.MIDDOT} {d.talk_room}" if d.talk_room else None,
        "talk note": more if d.more_talks else None,
        "programme note": i18n.tr(d.lang, "Programme, talks and rooms"), "event dates": d.event_dates,
        "event name": f"{d.event_name} {theme.MIDDOT} {d.event_dates}",
    }


def agenda_texts(e: AgendaEntry) -> dict[str, str | None]:
    line = f" {theme.MIDDOT} ".join(x for x in (e.when, e.where) if x)
    return {"agenda time": e.when or None, "agenda room": e.where or None, "agenda time and room": line or None,
            "agenda entry": e.what}


BOLD, REGULAR, ITALIC = theme.FONT_BOLD, theme.FONT, theme.FONT_ITALIC

# -- the front: sizes name a Style pair, space is in the Style's gaps --------
HEAD = (Block("event short name", BOLD, "small", lines=2, scales=True, colour=theme.MUTED),)  # portrait, top
# under the head on a portrait badge; beside the QR code on a landscape one (compact)
PERSON = (Block("first name", BOLD, "given", lines=2, space=1.2),
          Block("full name", REGULAR, "name", lines=2, scales=True, space=0.5),
          Block("position", REGULAR, "small", lines=2, scales=True, colour=theme.MUTED, space=0.6, group="about"),
          Block("affiliation", REGULAR, "small", lines=2, scales=True, space=0.6, tight=0.15, group="about"))
PERSON_COMPACT = (Block("first name", BOLD, "given", lines=2),
                  Block("full name", REGULAR, "name", lines=2, scales=True, space=0.5),
                  Block("position", REGULAR, "small", lines=2, scales=True, colour=theme.MUTED, space=0.4,
                        group="about"),
                  Block("affiliation", REGULAR, "small", lines=2, scales=True, join=", ", space=0.4, tight=0.1,
                        group="about"))
# the person's (first) talk: a reminder, cut short if it must be (its QR code opens the talk)
TALK = (Block("talk kind", BOLD, "label", how="set", colour=theme.ROLE_COLOURS["speaker"], group="talk"),
        Block("talk title", BOLD, "title", lines=3, how="wrap", scales=True, space=0.2, group="talk"))
# when and where the talk is, beside the QR code (portrait) or under the talk (landscape: ``tight``)
NOTE = Block("talk note", ITALIC, "small", lines=2, scales=True, colour=theme.MUTED, space=0.2)
INFO = (Block("talk time", BOLD, "info", lines=2, scales=True, tight=0.3, group="talk"),
        Block("room", REGULAR, "info", lines=2, scales=True), NOTE)
INFO_ONE_LINE = (Block("talk time and room", REGULAR, "info", lines=2, scales=True, tight=0.3, group="talk"), NOTE)
INFO_PROGRAMME = (Block("programme note", BOLD, "info", lines=2, scales=True),  # no talk: what the QR code opens
                  Block("event dates", REGULAR, "info", lines=2, scales=True, colour=theme.MUTED))
URL = (Block("web address", REGULAR, "url", how="url", colour=theme.MUTED, align="right"),)

# -- the back -----------------------------------------------------------------
BACK_HEAD = (Block("first name", BOLD, "given", lines=2),
             Block("full name", REGULAR, "name", lines=2, scales=True, space=0.3))
FOOT = (Block("event name", REGULAR, "small", lines=2, scales=True, colour=theme.MUTED),)
AGENDA = (Block("agenda time", BOLD, "agenda", lines=2, scales=True, space=0.8, group="entry"),
          Block("agenda room", REGULAR, "agenda", lines=2, scales=True, colour=theme.MUTED, space=0.8, tight=0,
                group="entry"),
          Block("agenda entry", REGULAR, "agenda", lines=3, how="wrap", scales=True, space=0.8,
                tight=0.1, group="entry"))
AGENDA_ONE_LINE = (Block("agenda time and room", BOLD, "agenda", lines=2, scales=True, space=0.6, group="entry"),
                   Block("agenda entry", REGULAR, "agenda", lines=3, how="wrap", scales=True, space=0.8,
                         tight=0.1, group="entry"))
