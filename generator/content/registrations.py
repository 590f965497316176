"""The registration list (``registrations.csv``): who comes, on which ticket, with which add-ons.

Organisers get this list from their ticketing tool, so it is read as exported: pretix's
"Order data" export (its "Order positions" sheet as CSV) works as it is — an add-on row joins
the ticket position it names, and only paid orders get a badge (pending ones too when
event.yaml says ``include_pending``) — and so does a plain table with a header row (see ``COLUMNS``); ``registrations: columns:`` in event.yaml
maps anyone else's headers (the content equivalent of ``import --columns``). How the
event's own words for tickets and add-ons are read is in event.yaml too (``tickets:``,
``addons:``). Every row becomes a ``RegDraft`` or a problem at its line: nothing is dropped
without a word. E-mail addresses are read only to match registrants with people.yaml
(``registration_match``) and go no further.
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..decode import DecodeProblem, decode_export
from ..problems import Group, Problem
from ..yamlsource import LMap, Located, control_problem
from .fields import BIDI_CONTROLS, BIDI_FIX, ID, Reader, without_bidi_controls
from .read import display_path, read_bytes
from .tickets import STATUS_OF, STATUSES, TICKETS, norm, ticket_of  # TICKETS, norm: badge_desk reads them here

FILE = "registrations.csv"

# our column -> header names that mean it (compared without case, spaces, dashes, dots or underscores)
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "registration id", "attendee id", "ticket id", "ticket number", "secret"),
    "order": ("order code", "order", "booking", "booking reference", "order id", "order number"),
    "position": ("position id", "position"),
    # pretix: the position id of the ticket an add-on row belongs to (in the same order)
    "addon_to": ("add on to position id", "add on to position", "addon to position id", "add on to", "addon to"),
    "person": ("person", "person id", "speaker id", "people id"),
    "name": ("name", "full name", "attendee name", "attendee", "participant", "participant name"),
    "given": ("given name", "first name", "firstname", "forename", "vorname",
              "attendee name: given name", "attendee name: first name"),
    "family": ("family name", "last name", "lastname", "surname", "nachname",
               "attendee name: family name", "attendee name: last name", "attendee name: surname"),
    "organisation": ("organisation", "organization", "company", "affiliation", "institution", "institute",
                     "employer", "firma", "organisation name"),
    "ticket": ("ticket", "ticket type", "product", "role", "registration type", "category", "type"),
    # the attendee's own address before the buyer's (pretix has both)
    "email": ("attendee email", "email", "e mail", "email address", "e mail address", "mail"),
    "addons": ("addons", "add ons", "add on", "extras", "options", "bookings"),
    "status": ("status", "order status"),
}

YES = ("yes", "y", "ja", "j", "x", "1", "true", "booked", "oui", "si", "sí", "\u2713", "\u2714")
_SPLIT_ADDONS = re.compile(r"\s*[;,|\n]\s*")
# an e-mail address, with the brackets or "mailto:" it may come in
_EMAIL = re.compile(r"\s*[<(\[]?(?:mailto:)?[^\s@<>()\[\],;]+@[^\s@<>()\[\],;]+\.[^\s@<>()\[\],;]+[>)\]]?\s*", re.I)
PRINTED = {"name": "name", "given": "given name", "family": "family name", "organisation": "organisation"}
_CONTROL_BUT_VT = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def name_key(name: str) -> str:
    """How two spellings of one name compare: no case, no accents, spaces collapsed."""
    return norm(name)


@dataclass
class RegDraft:
    id: str
    name: str
    given: str
    family: str
    organisation: str | None
    ticket: str
    addons: list[str]  # add-on ids
    person: str | None  # people.yaml id from a person column
    email: str | None  # for matching only; never leaves the content package
    order: str | None
    line: int
    file: str
    position: str | None = None  # pretix's position id within the order: add-on rows name it


@dataclass
class AddonDraft:
    id: str
    label: str
    when: str
    where: str
    names: tuple[str, ...]  # normalised: id, label and `match:` spellings
    loc: Located


@dataclass
class Registrations:
    rows: list[RegDraft] = field(default_factory=list)
    addons: dict[str, AddonDraft] = field(default_factory=dict)


def read_addons(r: Reader, ev: LMap | None) -> dict[str, AddonDraft]:
    """event.yaml ``addons:``: id -> label, when, where (and other spellings in the list)."""
    out: dict[str, AddonDraft] = {}
    block = r.mapping(ev.get("addons"), "addons") if ev is not None else None
    for key, loc in (block.items.items() if block else ()):
        if not ID.match(key):
            r.bad(loc, f"the add-on id '{key}' is not a valid id",
                  "use lowercase letters, digits and dashes only, like 'lab-tour'")
            continue
        m = r.mapping(loc, f"the add-on '{key}'")
        if m is None or not r.keys(m, f"the add-on '{key}'", ("label",), ("when", "where", "match")):
            continue
        label = r.text(m.get("label"), "label")
        if not label:
            continue
        names = {norm(key), norm(label), *(norm(t) for t in r.texts(m.get("match"), "match"))}
        out[key] = AddonDraft(key, label, r.text(m.get("when"), "when") or "",
                              r.text(m.get("where"), "where") or "", tuple(sorted(names)), loc)
    return out


def read_registrations(r: Reader, content: Path, ev: LMap | None, imported: bool = False) -> Registrations:
    """The registration list, if the event has one; problems and warnings go to ``r``. ``imported``:
    the event's settings are written in overrides.yaml, which is where hints point."""
    reg = Registrations(addons=read_addons(r, ev))
    block = r.mapping(ev.get("registrations"), "registrations") if ev is not None else None
    if block is not None and not r.keys(block, "registrations", (), ("file", "columns", "tickets", "include_pending")):
        return reg
    pending = block is not None and r.flag(block.get("include_pending"), "include_pending") is True
    name = (r.text(block.get("file"), "file") if block else None) or FILE
    path = content / name
    shown = display_path(path)
    if not os.path.lexists(path):
        if block is not None and block.get("file") is not None:
            r.bad(block.get("file"), f"the registration list {shown} does not exist",
                  "correct the file name, or remove 'file:' to read registrations.csv")
        return reg
    tickets = _ticket_words(r, block)
    data = read_bytes(path, shown, r.problems)
    text = _decode(r, data, shown) if data is not None else None
    if text is None:
        return reg
    settings = "overrides.yaml under 'event:'" if imported else "event.yaml"
    _Rows(r, reg, shown, tickets, settings, pending).read(text, _mapping_block(r, block))
    return reg


def _ticket_words(r: Reader, block: LMap | None) -> dict[str, str]:
    words = {norm(w): t for t, ws in TICKETS.items() for w in (t, *ws)}
    m = r.mapping(block.get("tickets"), "tickets") if block else None
    for theirs, loc in (m.items.items() if m else ()):
        ours = r.text(loc, f"the ticket '{theirs}'")
        if ours not in TICKETS:
            r.bad(loc, f"'{ours}' is not a ticket type we print", "use one of: " + ", ".join(TICKETS))
            continue
        words[norm(theirs)] = ours
    return words


def _mapping_block(r: Reader, block: LMap | None) -> dict[str, Located]:
    m = r.mapping(block.get("columns"), "columns") if block else None
    out = {}
    for ours, loc in (m.items.items() if m else ()):
        if ours not in COLUMNS:
            r.bad(loc, f"'{ours}' is not one of our registration columns", "use " + ", ".join(COLUMNS))
            continue
        out[ours] = loc
    return out


def _decode(r: Reader, data: bytes, shown: str) -> str | None:
    """The list's text, decoded as the file says (``decode``: UTF-8 unless a byte-order mark says
    otherwise; a file without any UTF-8, Excel's Windows-1252, with a warning). A vertical tab is
    Excel for Mac's line break inside a cell and stays (cells read it as one); any other control
    character is dropped with a warning at its line and column."""
    try:
        decoded = decode_export(data)
    except DecodeProblem as e:
        r.problems.append(Problem(shown, e.line, e.what, e.fix))
        return None
    for line, what, fix in decoded.warnings:
        r.warnings.append(Problem(shown, line, what, fix, warning=True))
    text = decoded.text
    found = control_problem(text.replace("\x0b", " "), shown)
    if found is not None:
        r.warnings.append(Problem(shown, found.line, found.what + ", which is left out",
                                  "delete it in the list; retype the text around it if unsure where it is",
                                  warning=True))
        text = _CONTROL_BUT_VT.sub("", text)
    return text


def truthy(value: str) -> bool:
    return norm(value) in YES


class _Rows:
    """One pass over the rows of one CSV file."""

    def __init__(self, r: Reader, reg: Registrations, file: str, tickets: dict[str, str], settings: str = "event.yaml",
                 include_pending: bool = False):
        self.r, self.reg, self.file, self.tickets = r, reg, file, tickets
        self.settings, self.include_pending = settings, include_pending  # where the event's settings are written
        self.addon_by_name = {n: a.id for a in reg.addons.values() for n in a.names}
        # add-on rows: line, add-on id (None: not defined), product, order, name key, position it belongs to
        self.pending: list[tuple[int, str | None, str, str | None, str, str | None]] = []
        self.skipped: dict[str, list[int]] = {}  # status -> lines of rows that get no badge
        self.skipped_orders: set[str] = set()  # their add-on rows go with them
        self.ticket_cache: dict[str, str | None] = {}

    def problem(self, line: int, what: str, fix: str, warning: bool = False) -> None:
        (self.r.warnings if warning else self.r.problems).append(Problem(self.file, line, what, fix, warning))

    def read(self, text: str, mapped: dict[str, Located]) -> None:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        skip = 0  # comment lines ('# ...') and blank lines before the header
        while skip < len(lines) and (not lines[skip].strip() or lines[skip].lstrip().startswith("#")):
            skip += 1
        if skip == len(lines):
            self.problem(0, "the registration list is empty",
                         "export it with a header row, or delete the file")
            return
        delim = max((",", ";", "\t"), key=lines[skip].count)
        reader = csv.reader(io.StringIO("\n".join(lines[skip:])), delimiter=delim)
        header = next(reader)
        cols, addon_cols = self.columns(header, mapped)
        if cols is None:
            return
        line = skip + reader.line_num + 1
        for row in reader:
            row_line, line = line, skip + reader.line_num + 1
            if not any(c.strip() for c in row) or row[0].lstrip().startswith("#"):
                continue
            # a cell's line breaks (Excel for Mac writes a vertical tab) separate add-ons; elsewhere spaces
            cell = {k: (row[n].replace("\x0b", "\n").strip() if n < len(row) else "") for k, n in cols.items()}
            for k in ("name", "given", "family", "organisation", "ticket", "id", "order", "position", "person"):
                if k in cell:
                    cell[k] = " ".join(cell[k].split())
            for k, value in cell.items():
                if BIDI_CONTROLS.search(value):
                    cell[k], named = without_bidi_controls(value)
                    self.problem(row_line, f"the {k} contains invisible direction controls ({named}), which can "
                                 "make it read differently on screen than it is written; they are left out",
                                 BIDI_FIX, warning=True)
            booked = [a for n, a in addon_cols if n < len(row) and truthy(row[n])]
            self.row(cell, booked, row_line)
        self.attach_pending()
        self.report_skipped()

    def columns(self, header: list[str], mapped: dict[str, Located]):
        where: dict[str, int] = {}
        for n, h in enumerate(header):
            where.setdefault(norm(h), n)  # pretix has 'Company' twice: the attendee's comes first
        found: dict[str, int] = {}
        for ours, loc in mapped.items():
            theirs = str(loc.value)
            if norm(theirs) not in where:
                self.r.bad(loc, f"the column '{theirs}' is not in the header of {self.file} "
                                f"({', '.join(header)[:200]})", "check the spelling of the header")
                return None, []
            found[ours] = where[norm(theirs)]
        for ours, names in COLUMNS.items():
            for name in names:
                if ours not in found and where.get(norm(name)) is not None \
                        and where[norm(name)] not in found.values():
                    found[ours] = where[norm(name)]
        if "name" not in found and not ("given" in found and "family" in found):
            self.problem(1, f"no column for the name in the header ({', '.join(header)[:200]})",
                         "name one 'Name' (or 'Given name' and 'Family name'), or map yours in " + self.settings + ": "
                         "registrations: columns: {name: <your header>}")
            return None, []
        # a column per add-on: a question 'Lab tour' (yes/no), or pretix's 'Tours – Lab tour'
        addon_cols = []
        for n, h in enumerate(header):
            if n in found.values():
                continue
            key = norm(h)
            option = norm(re.split(r"\s[\u2013-]\s", h)[-1])
            hit = self.addon_by_name.get(key) or self.addon_by_name.get(option)
            if hit:
                addon_cols.append((n, hit))
        return found, addon_cols

    def row(self, cell: dict[str, str], booked: list[str], line: int) -> None:
        for key, label in PRINTED.items():  # a badge prints these: never an e-mail address
            if _EMAIL.search(cell.get(key, "")):
                cell[key] = " ".join(_EMAIL.sub(" ", cell[key]).split())
                self.problem(line, f"the {label} column of this row holds an e-mail address, which is left off "
                             "the badge" + (f" (it prints '{cell[key]}')" if cell[key] else ""),
                             f"correct the {label} in the list; e-mail addresses never print", warning=True)
        given, family, name = cell.get("given", ""), cell.get("family", ""), " ".join(cell.get("name", "").split())
        if not name:
            name = " ".join(f"{given} {family}".split())
        ticket_text, order = cell.get("ticket", ""), cell.get("order") or None
        status = STATUS_OF.get(norm(cell.get("status", "")))
        skip = status is not None and not (status == "pending" and self.include_pending)
        addon = self.addon_by_name.get(norm(ticket_text)) if ticket_text else None
        # an add-on is a row of its own in pretix's export: it says which position it belongs to,
        # or (older exports) its product is one of event.yaml's add-ons and no ticket
        if cell.get("addon_to") or (addon and norm(ticket_text) not in self.tickets):
            if not skip:
                self.pending.append((line, addon, ticket_text, order, name_key(name) if name else "",
                                     cell.get("addon_to") or None))
            return
        if skip:
            self.skipped.setdefault(status, []).append(line)
            if order:
                self.skipped_orders.add(order)
            return
        if not name:
            self.problem(line, "this registration has no name", "add the name, or delete the row "
                         "(a badge needs a name)")
            return
        words = name.split()
        ticket = self.ticket(ticket_text) if ticket_text else "participant"
        if ticket is None:
            self.problem(line, f"{name}: the ticket type '{ticket_text}' is unknown, so the badge says PARTICIPANT",
                         f"map it in {self.settings}, e.g. registrations: tickets: {{\"" + ticket_text[:40] + "\": "
                         "participant} (types: " + ", ".join(TICKETS) + ")", warning=True)
            ticket = "participant"
        addons = list(dict.fromkeys(booked))
        for value in _SPLIT_ADDONS.split(cell.get("addons", "")):
            if not value:
                continue
            hit = self.addon_by_name.get(norm(value))
            if hit is None:
                self.problem(line, f"{name}: the add-on '{value}' is not defined, so it is not printed",
                             self.define_addon(value), warning=True)
            elif hit not in addons:
                addons.append(hit)
        position = cell.get("position", "")
        ident = cell.get("id") or (f"{order}-{position}" if order and position else "") or _slug(name) or name_key(name)
        self.reg.rows.append(RegDraft(
            ident, name, given or words[0], family or words[-1], cell.get("organisation") or None, ticket, addons,
            cell.get("person") or None, cell.get("email", "").casefold() or None, order, line, self.file,
            position or None))

    def ticket(self, text: str) -> str | None:
        key = norm(text)
        if key not in self.ticket_cache:
            self.ticket_cache[key] = ticket_of(text, self.tickets)
        return self.ticket_cache[key]

    def define_addon(self, value: str) -> str:
        return (f"define it in {self.settings} under addons:, e.g. addons: {{{_slug(value) or 'extra'}: "
                f"{{label: \"{value[:40]}\", when: ..., where: ...}}}}")

    def attach_pending(self) -> None:
        """pretix lists a booked add-on as a row of its own in the order of the ticket it belongs to:
        by its "Add-on to position ID", else the ticket of the same attendee name, or the order's only one."""
        undefined: dict[str, list[int]] = {}
        for line, addon, product, order, key, parent in self.pending:
            same_order = [d for d in self.reg.rows if order and d.order == order]
            if parent and order:
                owners = [d for d in same_order if d.position == parent]
            else:
                named = [d for d in (same_order or self.reg.rows) if key and name_key(d.name) == key]
                owners = named or (same_order if len(same_order) == 1 else [])
            if not owners and order in self.skipped_orders:
                continue  # its ticket gets no badge (cancelled, pending...)
            if addon is None:
                undefined.setdefault(product, []).append(line)
                continue
            if len(owners) != 1:
                label = self.reg.addons[addon].label
                self.problem(line, f"the add-on '{label}' in this row belongs to no single registration"
                             + (f" of order {order}" if order else ""),
                             "put the attendee's name in the row, or the add-on in the attendee's own row",
                             warning=True)
                continue
            if addon not in owners[0].addons:
                owners[0].addons.append(addon)
        for product, lines in undefined.items():
            self.problem(lines[0], f"the add-on product '{product}' ({_count(lines, 'row')}) is not one of the event's "
                         "add-ons, so no badge shows it", "nothing to do, unless badges should show it: "
                         + self.define_addon(product), warning=True)

    def report_skipped(self) -> None:
        """One line per status: how many rows get no badge, and where."""
        for status in STATUSES:
            lines = self.skipped.get(status)
            if not lines:
                continue
            fix = (f"export again when they are paid, or set 'registrations: include_pending: true' in {self.settings} "
                   "to print them now" if status == "pending" else "nothing to do")
            self.r.warnings.append(Problem(
                self.file, lines[0], f"no badge for {_count(lines, status + ' registration')}"
                + (" (not paid yet)" if status == "pending" else "") + f": line{'s' if len(lines) > 1 else ''} "
                + _lines(lines), fix, True, Group.NO_BADGE))


def _count(lines: list[int], noun: str) -> str:
    return f"{len(lines)} {noun}{'s' if len(lines) != 1 else ''}"


def _lines(lines: list[int]) -> str:
    return ", ".join(map(str, lines[:10])) + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", norm(text)).strip("-")[:80]

