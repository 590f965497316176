"""Every output eventprint makes, one record each: the registry that the build, the command
line, ``check``, the reprint manifest, ``make help`` and the README's table read.

A record says what the output is called and what it is for (name, one line of help, the files
it writes), which command-line options it takes, how long it takes to render (cost: when outputs
render side by side the slowest start first), how it renders (``render(event, options) ->
artifacts``, the layout's own) and, for printed pieces that are reprinted one by one, what each
piece shows and how to draw a sheet of the changed ones (``Reprint``, read by eventprint.reprint).

This is the one core module that imports layouts (outputs -> layouts; build, cli, reprint ->
outputs): a new output is one layout module and one record here.
"""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from eventprint.layouts import booklet, poster, site
from eventprint.layouts.badges import data as badge_data
from eventprint.layouts.badges import document as badge_document
from eventprint.layouts.badges.desk import ORDERS
from eventprint.layouts.badges.fit import SIZES as BADGE_SIZES
from eventprint.layouts.kit import common, pdfx, qrmatrix, theme, typeset
from eventprint.layouts.kit.sheets import BADGE_SHEETS
from eventprint.layouts.poster.document import DEFAULT_SIZE as POSTER_DEFAULT
from eventprint.layouts.poster.document import SIZES as POSTER_SIZES
from eventprint.layouts.signs import data as sign_data
from eventprint.layouts.signs import document as sign_document
from eventprint.layouts.stage import cards, chairs, tents

from . import cache
from .model import Event
from .options import BuildOptions
from .output import Artifact, Piece


@dataclass(frozen=True)
class Option:
    """A command-line option of one output: ``--<field>`` sets ``BuildOptions.<field>``."""

    field: str  # "size"
    metavar: str  # "SIZE"
    help: str
    choices: tuple[str, ...] = ()  # the values it takes, first the default; () for a free value (an id)

    @property
    def usage(self) -> str:
        """``--size A4|A4-portrait|A3``, ``--person ID``."""
        return f"--{self.field} {'|'.join(self.choices) or self.metavar}"


@dataclass(frozen=True)
class Reprint:
    """An output's part of the reprint manifest: each printed piece by key, with what it shows
    (hashed) and a label for people, and how to draw the pieces of some keys again, on pages as
    the full run draws them."""

    section: str  # its key in manifest.json
    noun: str  # one piece, for people: "door sign" (and "door signs")
    pieces: Callable[[Event, BuildOptions], dict[str, Piece]]
    draw: Callable[[Canvas, Event, BuildOptions, list[str]], None]
    # the options that change how every piece prints (its size), not where on a sheet it goes
    shape: Callable[[BuildOptions], dict[str, str]] = lambda options: {}


@dataclass(frozen=True)
class Output:
    name: str  # the subcommand, the make target
    help: str  # one line: eventprint --help, make help, the README
    files: str  # what it writes below out/, for the README
    cost: int  # how long it renders, relative to the others
    render: Callable[[Event, BuildOptions], list[Artifact]]
    options: tuple[Option, ...] = ()
    reprint: Reprint | None = None
    part: Callable[[BuildOptions], str | None] = lambda options: None  # a build of only part of it

    def scope(self, options: BuildOptions) -> str:
        """Which earlier build this one replaces (its files, its manifest entries): all of the
        output, or only the part the options ask for ("badges --person black")."""
        return self.part(options) or self.name


# The cost is the order outputs start in when they render side by side (two processes: the longest
# first ends soonest): tenths of a CPU second of a 900-talk event's render, each in a process of
# its own (6 December 2026): booklet 1.0, badges 0.95 (more with its 839 QR codes not yet
# cached), signs 0.43, tents 0.28, site 0.26 (and writing its 2,782 files), poster 0.08, cards
# 0.04; the symposium's booklet takes as long as all its other outputs together. Tents before
# the small ones: started last, they ended alone, 0.2 s after everything else.
OUTPUTS: dict[str, Output] = {o.name: o for o in (
    Output("booklet", "the A5 programme booklet: the reading copy, the print master with bleed, and the pages "
                      "imposed 2-up when saddle-stitched (up to 64 pages; binding: in event.yaml)",
           files="`booklet.pdf` (links), `booklet-print.pdf` (single pages, 3 mm bleed, PDF/X-4); saddle stitch also "
                 "`booklet-imposed.pdf` (2-up on A4), `booklet-press.pdf` (SRA3 for a print shop)",
           cost=10, render=booklet.render),
    Output("signs", "one door schedule per room and day, and one file with all of them",
           files="`signs/<room>-<date>.pdf`, `signs/all-signs.pdf`",
           cost=4, render=sign_document.render,
           options=(Option("size", "SIZE", "door sign size: A4 (landscape, default), A4-portrait, A3",
                           tuple(sign_document.SIZES)),),
           reprint=Reprint("signs", "door sign", sign_data.pieces, sign_document.draw_pieces,
                           shape=lambda options: {"size": options.size or sign_document.DEFAULT_SIZE})),
    Output("poster", "the programme-at-a-glance poster for the lobby",
           files="`poster.pdf`",
           cost=1, render=poster.render,
           options=(Option("size", "SIZE", "poster size: A2 (default), A3, A1, A0",
                           (POSTER_DEFAULT, *(s for s in POSTER_SIZES if s != POSTER_DEFAULT))),)),
    Output("badges", "badges with QR codes for speakers, chairs, hosts and registered participants, on sheets",
           files="`badges.pdf`; `participant-badges.pdf` with a registration list; `badges-<id>.pdf` with `--person`",
           cost=9, render=badge_document.render,
           options=(Option("size", "SIZE", "badge size: A6 (default), 4x3, 90x54", BADGE_SIZES),
                    Option("sheet", "SHEET", "sheet: a4 (4 x A6 or 2 x 5 of 90x54), letter (4x3 in), single (one "
                           "badge per page)", tuple(sorted({s for sheets in BADGE_SHEETS.values() for s in sheets}))),
                    Option("person", "ID", "build only this person's badge"),
                    Option("order", "ORDER", "participants' badges (registrations.csv) for the desk: name (default: "
                           "by family name, with A\u2013C divider cards) or ticket (grouped by ticket type)", ORDERS)),
           reprint=Reprint("badges", "badge", badge_data.pieces, badge_document.draw_pieces,
                           shape=lambda options: {"size": badge_document.size_of(options)}),
           part=lambda options: f"badges --person {options.person}" if options.person else None),
    Output("site", "the static website the QR codes open",
           files="`site/`: pages, calendar files, stylesheet",
           cost=3, render=site.render),
    Output("chairs", "a sheet per session chair and day: their items, speakers, bios, when to show \"5 minutes\"",
           files="`chair-sheets.pdf` (when the programme names chairs)",
           cost=1, render=chairs.render,
           reprint=Reprint("chairs", "chair sheet", chairs.pieces, chairs.draw_pieces)),
    Output("tents", "a name tent per person on stage: A4 folded to stand, the name on both sides",
           files="`name-tents.pdf`",
           cost=3, render=tents.render,
           reprint=Reprint("tents", "name tent", tents.pieces, tents.draw_pieces)),
    Output("cards", "timing cards a chair holds up (10, 5, 1 minutes, Stop), one set per room",
           files="`timing-cards.pdf`",
           cost=1, render=cards.render,
           options=(Option("size", "SIZE", "card size: A4 (landscape, default), A5",
                           (cards.DEFAULT_SIZE, *(s for s in cards.SIZES if s != cards.DEFAULT_SIZE))),)),
)}
NAMES = tuple(OUTPUTS)


def get(name: str) -> Output:
    if name not in OUTPUTS:
        raise ValueError(f"there is no output {name!r}: the outputs are {', '.join(NAMES)}")
    return OUTPUTS[name]


@contextmanager
def drawing(event: Event) -> Iterator[None]:
    """What every layout draws under: QR matrices kept between builds (eventprint.cache), the
    quotation marks of the event's language for every text set, and its brand's type family."""
    _stores()
    # quotation marks, and each talk's language (its CJK face); the theme's fonts in the brand's family
    with typeset.language(event), theme.branded(event.brand):
        yield


def prepare() -> None:
    """What every PDF output would compute alike, computed once before the outputs render in
    forked processes (eventprint.build.render_all), which then share it: the output profile every
    PDF embeds, compressed (65 ms; seven processes compressed it for one build), or read from the
    cache."""
    _stores()
    pdfx.profile_flate()


def _stores() -> None:
    """Hand the layouts the cache between builds (eventprint.cache), or none when it is off."""
    qrmatrix.store = pdfx.store = cache if cache.folder() is not None else None


def reprint_sheets(event: Event, changed: list[tuple[Output, list[str], BuildOptions]], subject: str) -> bytes:
    """reprint.pdf: the pieces of each output's ``changed`` keys, one output after the other, each
    at the options given with it (those of its last build: its size)."""
    buf = io.BytesIO()
    # every page sets its own size: the first is only a start
    c = common.new_canvas(buf, theme.A4_LANDSCAPE, event, f"Reprint \u2014 {event.name}", subject)
    with drawing(event):
        for output, keys, options in changed:
            output.reprint.draw(c, event, options, keys)
    c.save()
    return buf.getvalue()
