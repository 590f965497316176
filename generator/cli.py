"""The ``eventprint`` command: one subcommand per output, plus ``all`` and ``check``.

Errors an organiser can fix are printed as ``file:line: what — how to fix``
and exit with status 2, never with a traceback.
"""
from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from pathlib import Path

from .options import BuildOptions, OptionError
from .output import Interrupted, OutputError, source_date_epoch_problem
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
CLEAN_HELP = "remove what eventprint wrote into the out folder (files changed since, and others' files, stay)"
IMPORT_HELP = "convert a pretalx / frab / Indico / Sessionize / CSV export into a content folder"


def _parser() -> argparse.ArgumentParser:
    from .build import OUTPUTS  # imported late (ReportLab takes a second): Ctrl-C meanwhile is one line too

    p = argparse.ArgumentParser(
        prog="eventprint",
        description="Turn an event's content/ folder (YAML) into print-ready PDFs and a small website.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in (*OUTPUTS, "all", "check"):
        sp = sub.add_parser(name, help=HELP[name], description=HELP[name].capitalize() + ".")
        sp.add_argument("--content", default="content", metavar="DIR",
                        help="folder with event.yaml, venues.yaml, people.yaml, programme.yaml, or with imported/ "
                             "and overrides.yaml (default: content)")
        sp.add_argument("--strict", action="store_true",
                        help="treat conflicts (overlaps in a room, a person in two places) and overrides of "
                             "things no longer imported as errors")
        if name != "check":
            sp.add_argument("--out", default="out", metavar="DIR", help="where to write the outputs (default: out)")
            sp.add_argument("--final", action="store_true",
                            help="for the press: refuse to build a draft (a placeholder base_url such as "
                                 "example.org, which prints DRAFT on every page)")
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
            sp.add_argument("--order", metavar="ORDER", default=None,
                            help="participants' badges (registrations.csv) for the desk: name (default: by "
                                 "family name, with A–C divider cards) or ticket (grouped by ticket type)")
    sp = sub.add_parser("clean", help=CLEAN_HELP, description=CLEAN_HELP[0].upper() + CLEAN_HELP[1:] + ".")
    sp.add_argument("--out", default="out", metavar="DIR", help="the folder to clean (default: out)")
    from .importers.cli_import import add_parser  # the import subcommand lives with the importers
    add_parser(sub, IMPORT_HELP)
    return p


def _print_problems(problems, stream=sys.stderr) -> None:
    for prob in problems:
        print(str(prob), file=stream)


def main(argv: list[str] | None = None) -> int:
    # Ctrl-C and SIGTERM: one line, no traceback (the write phase defers both until out/ is consistent)
    received: list[int] = []

    def stop(signum, frame):
        received.append(signum)
        raise Interrupted(signum, written=False)

    old = {}
    if threading.current_thread() is threading.main_thread():
        old = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    out = None
    try:
        args = _parser().parse_args(argv)
        out = getattr(args, "out", None)
        return _run(args)
    except (Interrupted, KeyboardInterrupt) as e:
        e = e if isinstance(e, Interrupted) else Interrupted(signal.SIGINT, written=False)
        print(e.message(out), file=sys.stderr)
        return e.exit_code
    except Exception:
        if not received:
            raise
        # a library that catches everything (ReportLab opening a font) turned the signal into its own error
        print(Interrupted(received[0], written=False).message(out), file=sys.stderr)
        return 128 + received[0]
    finally:
        for s, handler in old.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)


def _run(args) -> int:
    if args.command == "import":
        return args.run(args)
    if args.command == "clean":
        from .clean import clean
        try:
            for line in clean(args.out):
                print(line)
        except OutputError as e:
            print(f"eventprint: {e}", file=sys.stderr)
            return 2
        return 0
    from .build import OUTPUTS, build, load_with_warnings
    from .check import layout_check, warnings
    from .draft import draft_problem
    from .fontcheck import fallback_report

    t0 = time.perf_counter()
    sde = source_date_epoch_problem()
    if sde:
        print(f"eventprint: {sde}", file=sys.stderr)
        return 2
    try:
        event, conflicts = load_with_warnings(args.content, args.strict)
        draft = draft_problem(event, args.content)
        if args.command == "check":
            found = conflicts + warnings(event, args.content) + ([draft] if draft else [])
            _print_problems(found, sys.stdout)
            stops, notes = layout_check(event, content_dir=args.content)  # found only while laying out
            for note in notes:
                print(note)
            found += notes
            for line in stops:
                print(f"eventprint: {line}", file=sys.stderr)
            if stops:
                print(f"eventprint: the build would stop on {len(stops)} problem{'s' if len(stops) != 1 else ''}.",
                      file=sys.stderr)
                return 2
            talks = len(event.talks)
            people = len(event.people_with_roles)
            regs = f", {len(event.registrants)} registrations" if event.registrants else ""
            print(f"content OK: {len(event.days)} days, {len(event.items)} items, {talks} talks, "
                  f"{people} people with roles{regs}; {len(found)} warning(s)")
            fallback = fallback_report(event)
            if fallback:
                print(fallback)
            return 0
        if draft and args.final:
            print(str(draft), file=sys.stderr)
            print("eventprint: --final builds only for the press, and this is a draft; nothing was written.",
                  file=sys.stderr)
            return 2
        names = OUTPUTS if args.command == "all" else (args.command,)
        options = BuildOptions(size=getattr(args, "size", None), sheet=getattr(args, "sheet", None),
                               person=getattr(args, "person", None), order=getattr(args, "order", None),
                               progress=sys.stderr.isatty())
        _print_problems(conflicts)  # stderr; the build goes on (--strict stops on them)
        report = build(args.content, args.out, names, options, event=event)
    except ContentError as e:
        _print_problems(e.problems)
        n = len(e.problems)
        print(f"eventprint: {n} problem{'s' if n != 1 else ''} in the content; nothing was written.",
              file=sys.stderr)
        return 2
    except OutputError as e:
        print(f"eventprint: {e}", file=sys.stderr)
        return 2
    except OSError as e:  # reading or writing out/ failed outside the write transaction
        print(f"eventprint: {e.filename or getattr(args, 'out', '')}: {e.strerror or e} \u2014 check the folder and "
              "your permissions, then build again", file=sys.stderr)
        return 2
    except (BuildError, OptionError) as e:
        print(f"eventprint: {e}", file=sys.stderr)
        print("eventprint: nothing was written.", file=sys.stderr)
        return 2
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
    if draft:  # last, where it is seen: the files are drafts
        print(f"DRAFT: {draft}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
