"""Read an export, detect its format, convert it, write the content folder."""
from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import datetime, timezone as dt_timezone
from pathlib import Path

from ..decode import DecodeProblem, decode_export
from . import csv_table, frab_json, frab_xml, indico, pretalx, sessionize
from .detect import EXPECTED, FORMATS, detect, resemblance
from .documents import Documents, build_documents
from .draft import ImportFailure, Malformed
from .staged import write_imported
from .target import keep_stamp, refuse_hand_written
from .yamlwrite import dump

NAMES = {"frab-xml": "frab / pretalx schedule.xml", "frab-json": "frab / pretalx schedule.json",
         "pretalx-widget": "pretalx widget JSON", "indico": "Indico export JSON",
         "sessionize": "Sessionize All JSON", "csv": "CSV programme"}


def import_file(path, fmt: str | None = None, timezone: str | None = None,
                columns: str | None = None, now: datetime | None = None) -> tuple[str, Documents]:
    """(format, documents) for one export; ImportFailure with a fix when it cannot be read.
    ``now``: the import's time, the "as of" stamp when the export has none (default: now, or
    SOURCE_DATE_EPOCH when set)."""
    path = Path(path)
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ImportFailure(f"{path}: cannot read it ({e.strerror}) — check the file name")
    return import_bytes(raw, name, fmt, timezone, columns, now)


def import_bytes(raw: bytes, name: str, fmt: str | None = None, timezone: str | None = None,
                 columns: str | None = None, now: datetime | None = None) -> tuple[str, Documents]:
    """(format, documents) for an export's bytes; ``name`` (a file name or an address) starts
    every message about it."""
    try:
        decoded = decode_export(raw)
    except DecodeProblem as e:
        raise ImportFailure(f"{name}:{e.line}: {e.what} \u2014 {e.fix}") from None
    text = decoded.text
    try:
        found, data = detect(text)
        if fmt:
            if fmt not in FORMATS:
                raise ImportFailure(f"--format {fmt}: unknown format — use one of {', '.join(FORMATS)}")
            if fmt != found and fmt != "csv" and data is None and fmt != "frab-xml":
                try:
                    data = json.loads(text)
                except ValueError as e:
                    raise ImportFailure(f"{name}:{e.lineno}: this is not valid JSON ({e.msg}) — "
                                        f"export the file again, or check --format {fmt}")
            found = fmt
    except RecursionError:  # Python's JSON reader nests one call per level
        raise ImportFailure(f"{name}: its JSON is nested hundreds of levels deep, which no export is — "
                            "export the file again, or check that it is the export") from None
    if found is None:
        like = resemblance(data)
        if like:
            raise ImportFailure(f"{name}: {like} — eventprint reads {EXPECTED}; export one of those, "
                                "or save the programme as a CSV")
        raise ImportFailure(f"{name}: not an export eventprint knows — expected {EXPECTED}; "
                            "pass --format if it is one of them")
    try:
        if found == "frab-json":
            draft = frab_json.read(data, name, timezone)
        elif found == "pretalx-widget":
            draft = pretalx.read(data, name, timezone)
        elif found == "frab-xml":
            draft = frab_xml.read(text, name, timezone)
        elif found == "indico":
            draft = indico.read(data, name, timezone)
        elif found == "sessionize":
            draft = sessionize.read(data, name, timezone)
        else:
            draft = csv_table.read(text, name, timezone, columns)
    except Malformed as e:
        # Each importer skips a malformed entry with a warning; this is a malformed whole.
        raise ImportFailure(f"{name}: this {NAMES[found]} has a shape eventprint does not expect "
                            f"({e}) — export it again, or check --format") from None
    if not draft.items:
        raise ImportFailure(_nothing_read(name, draft.warnings))
    if decoded.warnings:
        notes = tuple(f"{name}:{line}: {what} \u2014 {fix}" if line else f"{name}: {what} \u2014 {fix}"
                      for line, what, fix in decoded.warnings)
        draft = replace(draft, warnings=notes + draft.warnings)
    return found, build_documents(draft, name, now or _now())


def _nothing_read(name: str, warnings: tuple[str, ...], shown: int = 5) -> str:
    """Why no item could be read: the entries' own reasons when there were entries."""
    if not warnings:
        return (f"{name}: the export holds no programme items — export the schedule after it has "
                "been published, or check the file")
    more = f"\n  ... and {len(warnings) - shown} more" if len(warnings) > shown else ""
    return (f"{name}: no programme item could be read; the reasons:\n  "
            + "\n  ".join(warnings[:shown]) + more)


def _now() -> datetime:
    """The import's time: SOURCE_DATE_EPOCH when set (reproducible runs), else the clock."""
    sde = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if sde.isdigit():
        try:
            return datetime.fromtimestamp(int(sde), dt_timezone.utc)
        except (OverflowError, OSError, ValueError):
            pass
    return datetime.now(dt_timezone.utc)


_HEADER = ("Written by `eventprint import` from {src}. Do not edit: the next import overwrites it.\n"
           "Changes belong in ../overrides.yaml (same ids; see `eventprint help content`, \"Imported events\").")

OVERRIDES = """\
# Your changes to the imported programme. `eventprint import` never touches this file;
# it is applied on top of imported/*.yaml every time the content is loaded.
# Each section maps ids (as in imported/*.yaml) to the fields you want to differ.
#
# event:
#   name: Our Conference 2025
#   hosts: [Our Society]
#   # QR codes open the talk pages the export names (links: source); to open the site eventprint
#   # builds in out/site/ instead, say where you upload it:
#   links: site
#   base_url: https://conference.example.org/2025/
# venues:
#   our-venue-id:
#     address: [Street 1, 12345 Town]
# rooms:
#   main-room:
#     name: Hall A
# people:
#   jane-doe:
#     affiliation: University of Somewhere
# items:
#   some-talk-id:
#     title: The confirmed title
event: {}
venues: {}
rooms: {}
people: {}
items: {}
"""


def render(docs: Documents, source_name: str) -> dict[str, str]:
    """File name → YAML text."""
    header = _HEADER.format(src=source_name)
    return {"event.yaml": dump(docs.event, header), "venues.yaml": dump(docs.venues, header),
            "people.yaml": dump(docs.people, header), "programme.yaml": dump(docs.programme, header)}


def write_content(docs: Documents, source_name: str, to_dir) -> list[Path]:
    """Write ``imported/`` all or nothing (``staged``), and overrides.yaml if it is missing; return
    the paths whose content changed. ImportFailure, with nothing changed, when it cannot: among
    other reasons, a folder that holds a hand-written event."""
    to = Path(to_dir)
    refuse_hand_written(to)
    texts = keep_stamp(render(docs, source_name), docs, to / "imported")
    files = {name: text.encode("utf-8") for name, text in texts.items()}
    return write_imported(to_dir, files, OVERRIDES.encode("utf-8"))
