"""The ``eventprint`` command: one subcommand per output, plus ``all``, ``check``, ``serve``,
``init``, ``import``, ``clean`` and ``help``.

Errors an organiser can fix are printed as ``file:line: what — how to fix``
and exit with status 2, never with a traceback. ``-q`` leaves only errors; ``-v`` lists every
file written and a line per output as it finishes (which a terminal always gets).
"""
from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import signal
import sys
import threading
import time
from dataclasses import fields, replace
from pathlib import Path

from .options import BuildOptions, OptionError
from .output import Interrupted, OutputError, source_date_epoch_problem
from .problems import BuildError, ContentError, Group
from .reference import TOPICS

CHECK_HELP = "validate the content and list warnings (unconfirmed titles, missing bios, ...)"
CLEAN_HELP = "remove what eventprint wrote into the out folder (files changed since, and others' files, stay)"
IMPORT_HELP = "convert a pretalx, frab, Indico, Sessionize or CSV export into a content folder"
PRINTED_HELP = ("say that reprint.pdf has been printed: the next reprint.pdf holds only what changes "
                "from now on")
LIST_HELP = "list the outputs, what each writes and its options, then stop"
SERVE_HELP = "a live preview on this computer: rebuilds on every saved change and shows every output"
INIT_HELP = "write a small, commented example event into a new folder, to start your own from"
TOPIC_HELP = "show a reference: " + "; ".join(f"{t} ({what})" for t, what in TOPICS.items())


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
    lines.append(f"  {'all':<{width}}  every output: {', '.join(OUTPUTS)}")
    lines.append("eventprint NAME --help says what each option does.")
    return "\n".join(lines)


class _Version(argparse.Action):
    """``--version``: the installed version, looked up only when asked for (importlib.metadata
    takes 12 ms to import, which every build paid for its parser)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"eventprint {_version()}")
        parser.exit()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("eventprint")
    except PackageNotFoundError:  # pragma: no cover - run from a folder without installing
        return "unknown (not installed)"


def _add(sub, name: str, help_text: str, common) -> argparse.ArgumentParser:
    """A subcommand whose description is its help as a sentence (first letter up, names kept)."""
    return sub.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".",
                          parents=[common])


def _parser() -> argparse.ArgumentParser:
    from .outputs import OUTPUTS  # imported late (ReportLab takes a second): Ctrl-C meanwhile is one line too

    # -q / -v before or after the command: `eventprint -q all` and `eventprint all -q`
    common = argparse.ArgumentParser(add_help=False)
    talk = common.add_mutually_exclusive_group()
    talk.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=-1, default=argparse.SUPPRESS,
                      help="print errors only")
    talk.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=1, default=argparse.SUPPRESS,
                      help="print every file written, and a line per output as it finishes")
    p = argparse.ArgumentParser(
        prog="eventprint", parents=[common],
        description="Turn an event's content folder (YAML, or an imported pretalx, frab, Indico, Sessionize or CSV "
                    "export) into print-ready PDFs and a small website.",
        epilog="Start: eventprint init my-event, then eventprint serve --content my-event. "
               "The content format: eventprint help content.")
    p.add_argument("--version", nargs=0, action=_Version, help="show the version and exit")
    p.add_argument("--list", nargs=0, action=_ListOutputs, help=LIST_HELP)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands = [(o.name, o.help, o.options) for o in OUTPUTS.values()]
    commands += [("all", f"every output: {', '.join(OUTPUTS)}", ()), ("check", CHECK_HELP, ())]
    for name, text, options in commands:
        sp = _add(sub, name, text, common)
        sp.add_argument("--content", default="content", metavar="DIR", help=_CONTENT_HELP)
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
    sp = _add(sub, "serve", SERVE_HELP, common)
    sp.add_argument("--content", default="content", metavar="DIR", help=_CONTENT_HELP)
    sp.add_argument("--port", type=int, default=8000, metavar="N",
                    help="the port on 127.0.0.1 (default: 8000; 0 picks a free one)")
    sp = _add(sub, "init", INIT_HELP, common)
    sp.add_argument("folder", metavar="DIR", help="the new event's folder, e.g. my-event")
    sp = _add(sub, "printed", PRINTED_HELP, common)
    sp.add_argument("--out", default="out", metavar="DIR", help="the folder the build wrote to (default: out)")
    sp = _add(sub, "clean", CLEAN_HELP, common)
    sp.add_argument("--out", default="out", metavar="DIR", help="the folder to clean (default: out)")
    from .importers.cli_import import add_parser  # the import subcommand lives with the importers
    add_parser(sub, IMPORT_HELP, common)
    sp = _add(sub, "help", TOPIC_HELP, common)
    sp.add_argument("topic", nargs="?", choices=sorted(TOPICS), metavar="TOPIC", help=", ".join(sorted(TOPICS)))
    return p


_CONTENT_HELP = ("folder with event.yaml, venues.yaml, people.yaml, programme.yaml, or with imported/ "
                 "and overrides.yaml (default: content)")


def _print_problems(problems, stream=sys.stderr) -> None:
    for prob in problems:
        print(str(prob), file=stream)


def run() -> None:
    """The program (``eventprint``, ``python -m eventprint``): ``main``, then the process ends
    without Python's clean-up of what it kept, once the command is done, its atexit handlers have
    run and its output is flushed: freeing a large event's model, fonts and rendered files one
    object at a time took 0.05-0.08 s after everything was written. With threads still running
    (none of ours), or after an error that escaped ``main``, Python ends as usual."""
    code = main()
    if threading.active_count() > 1:
        raise SystemExit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (eventprint check | head): nothing left to say
            pass
    os._exit(code)


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
        args.verbosity = getattr(args, "verbosity", 0)
        with contextlib.ExitStack() as quiet:
            if args.verbosity < 0:  # -q: errors only, and every error goes to stderr
                quiet.enter_context(contextlib.redirect_stdout(quiet.enter_context(open(os.devnull, "w"))))
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


def _on_out(command, out: str) -> int:
    """``printed`` and ``clean``: a command on the out folder alone, its lines printed."""
    try:
        for line in command(out):
            print(line)
    except OutputError as e:
        print(f"eventprint: {e}", file=sys.stderr)
        return 2
    return 0


def _run(args) -> int:
    if args.command == "import":
        return args.run(args)
    if args.command == "help":
        return _help(args.topic)
    if args.command == "init":
        return _init(args.folder)
    if args.command == "serve":
        from .serve import serve
        return serve(args.content, args.port)
    if args.command == "printed":
        from .reprint import mark_printed
        return _on_out(mark_printed, args.out)
    if args.command == "clean":
        from .clean import clean
        return _on_out(clean, args.out)
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
        options = BuildOptions(**chosen, progress=args.verbosity > 0 or (args.verbosity == 0 and sys.stderr.isatty()))
        if args.verbosity >= 0:
            _print_problems(conflicts)  # stderr; the build goes on (--strict stops on them)
        report = build(args.content, args.out, names, options, event=event, final=args.final)
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
    here = Path.cwd()
    for path in report.written:
        if path.suffix == ".pdf" or path.name == "index.html" or args.verbosity > 0:
            print(f"wrote {path.relative_to(here) if path.is_relative_to(here) else path}")
    extra = 0 if args.verbosity > 0 else len([p for p in report.written
                                              if not (p.suffix == ".pdf" or p.name == "index.html")])
    if extra:
        print(f"wrote {extra} more file(s) below {out}")
    print(summary(event))
    print(f"done in {time.perf_counter() - t0:.2f} s")
    if draft:  # last, where it is seen: the files are drafts
        print(f"DRAFT: {draft}")
    return 0


def _help(topic: str | None) -> int:
    """``eventprint help [TOPIC]``: a reference on a terminal's pager, else printed."""
    if topic is None:
        _parser().print_help()
        return 0
    from . import reference
    try:
        text = reference.text(topic)
    except FileNotFoundError as e:
        print(f"eventprint: {e} \u2014 reinstall eventprint", file=sys.stderr)
        return 2
    if sys.stdout.isatty():
        import pydoc
        pydoc.pager(text)
    else:
        sys.stdout.write(text)
    return 0


def _init(folder: str) -> int:
    from .starter import InitError, init, next_steps
    try:
        init(folder)
    except InitError as e:
        print(f"eventprint: {e}", file=sys.stderr)
        return 2
    for line in next_steps(folder):
        print(line)
    return 0


if __name__ == "__main__":
    run()
