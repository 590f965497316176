"""The ``eventprint import`` subcommand: argument parsing and the printed summary."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from .detect import FORMATS


def add_parser(sub, help_text: str) -> None:
    sp = sub.add_parser("import", help=help_text, description=help_text.capitalize() + ".")
    sp.add_argument("source", metavar="SOURCE",
                    help="the exported file (schedule.xml, schedule.json, CSV, ...) or its web address "
                         "(https://...; a private one with the token in the environment variable EVENTPRINT_TOKEN)")
    sp.add_argument("--to", required=True, metavar="DIR",
                    help="content folder to write: DIR/imported/*.yaml, and DIR/overrides.yaml if it is missing")
    sp.add_argument("--format", choices=FORMATS, default=None, help="skip detection: the file's format")
    sp.add_argument("--timezone", metavar="ZONE", default=None,
                    help="the event's IANA time zone, e.g. Europe/Berlin (needed when the file has none)")
    sp.add_argument("--columns", metavar="MAP", default=None,
                    help="CSV only: our column=their header, comma-separated, e.g. 'title=Titel,start=Beginn'")
    sp.add_argument("--dry-run", action="store_true",
                    help="show what would change (talks, badges and door signs to reprint) and write nothing")
    sp.add_argument("--refresh", action="store_true",
                    help="web address: fetch everything even when the server says nothing changed")
    sp.set_defaults(run=run)


def run(args) -> int:
    # the importers themselves only for this subcommand: every other one defines its parser too
    from .api import NAMES, import_bytes, import_file, render, write_content
    from .draft import ImportFailure
    from .fetch import is_url
    t0 = time.perf_counter()
    url = is_url(args.source)
    name = args.source if url else Path(args.source).name
    imported = Path(args.to) / "imported"
    options = {"format": args.format, "timezone": args.timezone, "columns": args.columns}
    try:
        if url:
            from . import remote
            asked = None if args.refresh else remote.previous_requests(args.to, args.source, options)
            fetched = remote.fetch(args.source, asked)
            if fetched.body is None:
                print(f"{name}: not modified since the last import (the server says so); "
                      f"nothing changed in {imported}")
                print(f"done in {time.perf_counter() - t0:.2f} s")
                return 0
            fmt, docs = import_bytes(fetched.body, name, args.format, args.timezone, args.columns)
        else:
            fmt, docs = import_file(args.source, args.format, args.timezone, args.columns)
    except ImportFailure as e:
        print(f"eventprint: {e}", file=sys.stderr)
        print("eventprint: nothing was written.", file=sys.stderr)
        return 2
    for w in docs.warnings:
        print(f"warning: {w}")
    s = docs.summary
    print(f"imported {name} ({NAMES[fmt]}): {s['days']} days, {s['rooms']} rooms, {s['items']} items, "
          f"{s['talks']} talks, {s['people']} people; {len(docs.warnings)} warning(s)")
    from . import changes
    before = changes.previous(args.to)
    changed = changes.report(args.to, before, render(docs, name)) if before is not None else []
    if args.dry_run:
        for line in changed or ["This is the first import into " + str(args.to) + "."]:
            print(line)
        print("--dry-run: nothing was written.")
        return 0
    written = write_content(docs, name, args.to)
    if url:
        record = remote.record_bytes(args.to, args.source, options, fetched.requests)
        path = imported / remote.RECORD
        if record is not None and (not path.is_file() or path.read_bytes() != record):
            written.append(remote.write_record(args.to, record))
    for p in written:
        print(f"wrote {p}")
    if not written:
        print(f"nothing changed in {imported}")
    for line in changed:
        print(line)
    print(f"done in {time.perf_counter() - t0:.2f} s")
    return 0
