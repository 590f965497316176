"""The ``eventprint import`` subcommand: argument parsing and the printed summary."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from .detect import FORMATS


def add_parser(sub, help_text: str) -> None:
    sp = sub.add_parser("import", help=help_text, description=help_text.capitalize() + ".")
    sp.add_argument("source", metavar="SOURCE", help="the exported file (schedule.xml, schedule.json, CSV, ...)")
    sp.add_argument("--to", required=True, metavar="DIR",
                    help="content folder to write: DIR/imported/*.yaml, and DIR/overrides.yaml if it is missing")
    sp.add_argument("--format", choices=FORMATS, default=None, help="skip detection: the file's format")
    sp.add_argument("--timezone", metavar="ZONE", default=None,
                    help="the event's IANA time zone, e.g. Europe/Berlin (needed when the file has none)")
    sp.add_argument("--columns", metavar="MAP", default=None,
                    help="CSV only: our column=their header, comma-separated, e.g. 'title=Titel,start=Beginn'")
    sp.set_defaults(run=run)


def run(args) -> int:
    # the importers themselves only for this subcommand: every other one defines its parser too
    from .api import NAMES, import_file, write_content
    from ..transaction import Interrupted
    from .draft import ImportFailure
    t0 = time.perf_counter()
    try:
        fmt, docs = import_file(args.source, args.format, args.timezone, args.columns)
    except ImportFailure as e:
        print(f"eventprint: {e}", file=sys.stderr)
        print("eventprint: nothing was written.", file=sys.stderr)
        return 2
    for w in docs.warnings:
        print(f"warning: {w}")
    s = docs.summary
    name = Path(args.source).name
    print(f"imported {name} ({NAMES[fmt]}): {s['days']} days, {s['rooms']} rooms, {s['items']} items, "
          f"{s['talks']} talks, {s['people']} people; {len(docs.warnings)} warning(s)")
    try:
        written = write_content(docs, name, args.to)
    except ImportFailure as e:
        print(f"eventprint: {e}", file=sys.stderr)
        return 2
    except Interrupted as e:
        print(e.message(Path(args.to) / "imported"), file=sys.stderr)
        return e.exit_code
    for p in written:
        print(f"wrote {p}")
    if not written:
        print(f"nothing changed in {Path(args.to) / 'imported'}")
    print(f"done in {time.perf_counter() - t0:.2f} s")
    return 0
