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
from dataclasses import fields, replace
from pathlib import Path

from .options import BuildOptions, OptionError
from .output import Interrupted, OutputError, source_date_epoch_problem
from .problems import BuildError, ContentError, Group

ALL_HELP = "every output above"
CHECK_HELP = "validate the content and list warnings (unconfirmed titles, missing bios, ...)"
CLEAN_HELP = "remove what eventprint wrote into the out folder (files changed since, and others' files, stay)"
IMPORT_HELP = "convert a pretalx / frab / Indico / Sessionize / CSV export into a content folder"
LIST_HELP = "list the outputs, what each writes and its options, then stop"


class _ListOutputs(argparse.Action):
    """``--list``: the outputs from their records (eventprint.outputs); ``make help`` prints it."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(listing())
        parser.exit()


def listing() -> str:
    from .outputs import OUTPUTS
    width = max(len(name) for name in OUTPUTS)
    lines = ["Outputs (eventprint NAME [options] --content DIR --out DIR, or make NAME):"]
    for o in OUTPUTS.values():
        lines.append(f"  {o.name:<{width}}  {o.help}")
        lines.append(f"  {'':<{width}}  writes {o.files.replace('`', '')}")
        if o.options:
            lines.append(f"  {'':<{width}}  options: {' '.join(f'[{opt.usage}]' for opt in o.options)}")
    lines.append(f"  {'all':<{width}}  {ALL_HELP}")
    lines.append("eventprint NAME --help says what each option does.")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    from .outputs import OUTPUTS  # imported late (ReportLab takes a second): Ctrl-C meanwhile is one line too

    p = argparse.ArgumentParser(
        prog="eventprint",
        description="Turn an event's content/ folder (YAML) into print-ready PDFs and a small website.")
    p.add_argument("--list", nargs=0, action=_ListOutputs, help=LIST_HELP)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands = [(o.name, o.help, o.options) for o in OUTPUTS.values()]
    commands += [("all", ALL_HELP, ()), ("check", CHECK_HELP, ())]
    for name, text, options in commands:
        sp = sub.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        sp.add_argument("--content", default="content", metavar="DIR",
                        help="folder with event.yaml, venues.yaml, people.yaml, programme.yaml, or with imported/ "
                             "and overrides.yaml (default: content)")
        sp.add_argument("--strict", action="store_true",
                        help="treat conflicts (overlaps in a room, a person in two places) and overrides of "
                             "things no longer imported as errors")
        if name == "check":
            sp.add_argument("--all", action="store_true", dest="every",
                            help="list every warning, not only the first few of each kind")
            sp.add_argument("--links", action="store_true",
                            help="list every address the outputs print or encode, where each comes from, and "
                                 "those on hosts the export does not use")
        if name != "check":
            sp.add_argument("--out", default="out", metavar="DIR", help="where to write the outputs (default: out)")
            sp.add_argument("--final", action="store_true",
                            help="for the press: refuse to build a draft (QR codes that open nothing: a "
                                 "placeholder address such as example.org, or no base_url; it prints DRAFT on every page)")
        for opt in options:  # sizes differ per output, so `all` takes none
            sp.add_argument(f"--{opt.field}", metavar=opt.metavar, default=None, help=opt.help)
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
    from .build import build, load_with_warnings
    from .outputs import NAMES
    from .check import layout_check, warnings
    from .check_listing import listing
    from .draft import draft_problem
    from .fontcheck import fallback_report
    from .links import summary

    t0 = time.perf_counter()
    sde = source_date_epoch_problem()
    if sde:
        print(f"eventprint: {sde}", file=sys.stderr)
        return 2
    try:
        event, conflicts = load_with_warnings(args.content, args.strict)
        draft = draft_problem(event, args.content)
        if args.command == "check":
            found = conflicts + warnings(event, args.content) + ([replace(draft, group=Group.DRAFT)] if draft else [])
            stops, notes = layout_check(event, content_dir=args.content)  # found only while laying out
            for line in stops:  # what stops the build first, then the warnings by kind
                print(f"eventprint: {line}", file=sys.stderr)
            for line in listing(found, notes, args.every):
                print(line)
            found += notes
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
            print(summary(event))
            if args.links:
                from .linkcheck import report as link_report
                for line in link_report(event):
                    print(line)
            return 0
        if draft and args.final:
            print(str(draft), file=sys.stderr)
            print("eventprint: --final builds only for the press, and this is a draft; nothing was written.",
                  file=sys.stderr)
            return 2
        names = NAMES if args.command == "all" else (args.command,)
        chosen = {f.name: getattr(args, f.name) for f in fields(BuildOptions) if hasattr(args, f.name)}
        options = BuildOptions(**chosen, progress=sys.stderr.isatty())
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
    print(summary(event))
    print(f"done in {time.perf_counter() - t0:.2f} s")
    if draft:  # last, where it is seen: the files are drafts
        print(f"DRAFT: {draft}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
