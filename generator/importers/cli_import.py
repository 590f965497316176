"""The ``eventprint import`` subcommand: argument parsing and the printed summary."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

from .detect import FORMATS


def add_parser(sub, help_text: str, common) -> None:
    """``common``: the options every subcommand takes (-q, -v)."""
    sp = sub.add_parser("import", help=help_text, description=help_text[0].upper() + help_text[1:] + ".",
                        parents=[common])
    sp.add_argument("source", metavar="SOURCE",
                    help="the exported file (schedule.xml, schedule.json, CSV, ...) or its web address "
                         "(https://...; a private one with the token in the environment variable EVENTPRINT_TOKEN)")
    sp.add_argument("--to", required=True, metavar="DIR",
                    help="content folder to write: DIR/imported/*.yaml, and DIR/overrides.yaml if it is missing")
    sp.add_argument("--format", choices=FORMATS, default=None,
                    help="skip detection: frab-xml or frab-json (pretalx's or frab's schedule.xml / .json), "
                         "pretalx-widget (pretalx's widget or REST API), indico (Indico), sessionize (Sessionize), "
                         "csv (a spreadsheet)")
    sp.add_argument("--timezone", metavar="ZONE", default=None,
                    help="the event's IANA time zone, e.g. Europe/Berlin (needed when the file has none)")
    sp.add_argument("--columns", metavar="MAP", default=None,
                    help="CSV only: our column=their header, comma-separated, e.g. 'title=Titel,start=Beginn'")
    sp.add_argument("--dry-run", action="store_true",
                    help="show what would change (talks, badges and door signs to reprint) and write nothing")
    sp.add_argument("--refresh", action="store_true",
                    help="web address: fetch everything even when the server says nothing changed")
    sp.add_argument("--every", metavar="INTERVAL", default=None,
                    help="keep importing every INTERVAL (e.g. 10m, 30s, 1h) and rebuild every output into "
                         "--out whenever the programme changed; Ctrl-C stops")
    sp.add_argument("--out", metavar="DIR", default=None, help="with --every: where to build (default: DIR/out)")
    sp.set_defaults(run=run)


def run(args) -> int:
    if not args.every:
        return import_once(args)[0]
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", args.every)
    seconds = float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)] if m else 0
    if seconds < 10 or args.dry_run:
        why = "--dry-run writes nothing to rebuild from" if args.dry_run and m else \
            f"'{args.every}' is not an interval of at least 10 s — write e.g. 10m, 30s or 1h"
        print(f"eventprint: --every: {why}", file=sys.stderr)
        return 2
    out = args.out or str(Path(args.to) / "out")
    built = False
    while True:
        code, wrote = import_once(args)
        if code == 0 and (wrote or not built):  # a failed fetch (the network, the server) is retried
            built = rebuild(args.to, out) == 0 or built
        print(f"next import in {args.every.strip()} (Ctrl-C stops)", flush=True)
        time.sleep(seconds)


def rebuild(content: str, out: str) -> int:
    """``eventprint all`` as its own process: the build prints and handles signals as it always does."""
    sys.stdout.flush()  # what the import printed comes first
    return subprocess.call([sys.executable, "-m", "eventprint", "all", "--content", content, "--out", out])


def import_once(args) -> tuple[int, bool]:
    """(exit code, whether imported/ changed)."""
    # the importers themselves only for this subcommand: every other one defines its parser too
    from .api import NAMES, import_bytes, import_file, render, write_content
    from ..transaction import Interrupted
    from .draft import ImportFailure
    from .fetch import is_url
    from .target import notes, refuse_hand_written
    t0 = time.perf_counter()
    url = is_url(args.source)
    name = args.source if url else Path(args.source).name
    imported = Path(args.to) / "imported"
    options = {"format": args.format, "timezone": args.timezone, "columns": args.columns}
    try:
        refuse_hand_written(args.to)
        if url:
            from . import remote
            asked = None if args.refresh else remote.previous_requests(args.to, args.source, options)
            fetched = remote.fetch(args.source, asked)
            if fetched.body is None:
                print(f"{name}: not modified since the last import (the server says so); "
                      f"nothing changed in {imported}")
                print(f"done in {time.perf_counter() - t0:.2f} s")
                return 0, False
            fmt, docs = import_bytes(fetched.body, name, args.format, args.timezone, args.columns)
        else:
            fmt, docs = import_file(args.source, args.format, args.timezone, args.columns)
    except ImportFailure as e:
        print(f"eventprint: {e}", file=sys.stderr)
        print("eventprint: nothing was written.", file=sys.stderr)
        return 2, False
    docs_warnings = list(docs.warnings) + notes(docs, name, args.to)
    for w in docs_warnings:
        print(f"warning: {w}")
    s = docs.summary
    print(f"imported {name} ({NAMES[fmt]}): {s['days']} days, {s['rooms']} rooms, {s['items']} items, "
          f"{s['talks']} talks, {s['people']} people; {len(docs_warnings)} warning(s)")
    from . import changes
    before = changes.previous(args.to)
    changed = changes.report(args.to, before, render(docs, name)) if before is not None else []
    if args.dry_run:
        for line in changed or ["This is the first import into " + str(args.to) + "."]:
            print(line)
        print("--dry-run: nothing was written.")
        return 0, False
    try:
        written = write_content(docs, name, args.to)
    except ImportFailure as e:
        print(f"eventprint: {e}", file=sys.stderr)
        return 2, False
    except Interrupted as e:
        print(e.message(Path(args.to) / "imported"), file=sys.stderr)
        return e.exit_code, False
    if url:
        record = remote.record_bytes(args.to, args.source, options, fetched.requests)
        path = imported / remote.RECORD
        if record is not None and (not path.is_file() or path.read_bytes() != record):
            written.append(remote.write_record(args.to, record))
    content_changed = any(p.name != remote.RECORD for p in written) if url else bool(written)
    for p in written:
        print(f"wrote {p}")
    if not written:
        print(f"nothing changed in {imported}")
    for line in changed:
        print(line)
    print(f"done in {time.perf_counter() - t0:.2f} s")
    return 0, content_changed
