"""The ``eventprint`` command: one subcommand per output, plus ``all`` and ``check``.

Errors an organiser can fix are printed as ``file:line: what — how to fix``
and exit with status 2, never with a traceback.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .build import OUTPUTS, build, load
from .check import warnings
from .options import BuildOptions, OptionError
from .problems import BuildError, ContentError

HELP = {
    "booklet": "the A5 programme booklet (single pages and imposed for saddle-stitching)",
    "signs": "one door schedule per room and day, and one file with all of them",
    "poster": "the programme-at-a-glance poster for the lobby",
    "badges": "speaker, chair and host badges with QR codes, on printable sheets",
    "site": "the static website the QR codes open",
    "all": "every output above",
    "check": "validate the content and list warnings (unconfirmed titles, missing bios, ...)",
}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="eventprint",
        description="Turn an event's content/ folder (YAML) into print-ready PDFs and a small website.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in (*OUTPUTS, "all", "check"):
        sp = sub.add_parser(name, help=HELP[name], description=HELP[name].capitalize() + ".")
        sp.add_argument("--content", default="content", metavar="DIR",
                        help="folder with event.yaml, venues.yaml, people.yaml, programme.yaml (default: content)")
        if name != "check":
            sp.add_argument("--out", default="out", metavar="DIR", help="where to write the outputs (default: out)")
        if name == "signs":  # sizes differ per output, so `all` takes none
            sp.add_argument("--size", metavar="SIZE", default=None,
                            help="door sign size: A4 (landscape, default), A4-portrait, A3")
        if name == "poster":
            sp.add_argument("--size", metavar="SIZE", default=None, help="poster size: A2 (default), A3, A1, A0")
        if name == "badges":
            sp.add_argument("--size", metavar="SIZE", default=None, help="badge size: A6 (default), 4x3, 90x54")
            sp.add_argument("--sheet", metavar="SHEET", default=None,
                            help="sheet: a4 (4 x A6 or 2 x 5 of 90x54), letter (4x3 in), single (one badge per page)")
            sp.add_argument("--person", metavar="ID", default=None, help="build only this person's badge")
    return p


def _print_problems(problems, stream=sys.stderr) -> None:
    for prob in problems:
        print(str(prob), file=stream)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            event = load(args.content)
            found = warnings(event, args.content)
            _print_problems(found, sys.stdout)
            talks = len(event.talks)
            people = len(event.people_with_roles)
            print(f"content OK: {len(event.days)} days, {len(event.items)} items, {talks} talks, "
                  f"{people} people with roles; {len(found)} warning(s)")
            return 0
        names = OUTPUTS if args.command == "all" else (args.command,)
        options = BuildOptions(size=getattr(args, "size", None), sheet=getattr(args, "sheet", None),
                               person=getattr(args, "person", None), progress=sys.stderr.isatty())
        t0 = time.perf_counter()
        report = build(args.content, args.out, names, options)
    except ContentError as e:
        _print_problems(e.problems)
        n = len(e.problems)
        print(f"eventprint: {n} problem{'s' if n != 1 else ''} in the content; nothing was written.",
              file=sys.stderr)
        return 2
    except (BuildError, OptionError) as e:
        print(f"eventprint: {e}", file=sys.stderr)
        print("eventprint: nothing was written.", file=sys.stderr)
        return 2
    for name in report.skipped:
        print(f"eventprint: the {name} is not available in this version yet; skipped.", file=sys.stderr)
    for line in report.messages:
        print(line)
    out = Path(args.out)
    for path in report.written:
        try:
            shown = path.relative_to(Path.cwd())
        except ValueError:
            shown = path
        if path.suffix == ".pdf" or path.name == "index.html":
            print(f"wrote {shown}")
    extra = len([p for p in report.written if not (p.suffix == ".pdf" or p.name == "index.html")])
    if extra:
        print(f"wrote {extra} more file(s) below {out}")
    print(f"done in {time.perf_counter() - t0:.2f} s")
    if report.skipped and len(report.skipped) == len(names):
        return 1 if args.command != "all" else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
