"""``eventprint serve``: watch the content, rebuild on every saved change, show every output.

The preview keeps the latest good build of each output in memory (nothing is written to disk:
the out folder, its reprint record and the printer's files are never touched) and serves it on
127.0.0.1 (``eventprint.preview`` draws the page). A change is seen by looking at the content
folder's files ten times a second: a content folder is a handful of files, so a look costs
microseconds, needs no library (a watcher such as watchfiles would add a compiled dependency
for nothing) and behaves the same on every system and file system (network drives, and editors
that save by renaming, included). The process stays warm (modules imported, fonts registered),
so a rebuild costs only the render: outputs render side by side as a build does, and each is
shown the moment it is done. A change to the registration list alone renders the badges only
(nothing else prints registrations).

A content mistake is shown in the page, with its file and line, and the outputs stay as the last
good build left them; the server keeps running until Ctrl-C.
"""
from __future__ import annotations

import gc
import os
import sys
import time
import traceback
from pathlib import Path

from .options import BuildOptions, OptionError
from .preview.state import Shown, State, digest
from .problems import BuildError, ContentError

POLL = 0.1  # seconds between looks at the content folder
SETTLE = 0.05  # a change is read once the files stay the same this long (an editor's save in parts)


# --------------------------------------------------------------------------
# watching
# --------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """path -> (modification time, size) of every file that can be content: hidden files, editor
    backups and out folders (a folder eventprint writes to holds .eventprint) are left out."""
    found: dict[str, tuple[int, int]] = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")) and d != "out"
                         and not os.path.exists(os.path.join(root, d, ".eventprint")))
        for name in files:
            if name.startswith((".", "#", "~")) or name.endswith(("~", ".swp", ".tmp")):
                continue
            path = os.path.join(root, name)
            try:
                st = os.stat(path)
            except OSError:  # removed meanwhile: the next look sees it gone
                continue
            found[path] = (st.st_mtime_ns, st.st_size)
    return found


def settled(folder: Path, seen: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """The folder's snapshot once it stops changing (at most a second): an editor that writes a
    file in several steps is read once, after its last."""
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        time.sleep(SETTLE)
        now = snapshot(folder)
        if now == seen:
            break
        seen = now
    return seen


# --------------------------------------------------------------------------
# building
# --------------------------------------------------------------------------


class Builder:
    """Rebuilds into ``state``: only what a change touches, each output shown when it is done."""

    def __init__(self, state: State, say=print):
        self.state = state
        self.say = say
        self.registrations: set[str] = set()  # the registration list's file, as the last good load read it
        self.complete = False  # the latest build made every output

    def outputs_for(self, changed: set[str]) -> tuple[str, ...]:
        from .outputs import NAMES
        if self.complete and changed and {os.path.abspath(p) for p in changed} <= self.registrations:
            return ("badges",)  # registrations print on participants' badges and nowhere else
        return NAMES

    def rebuild(self, changed: set[str]) -> None:
        from .build import load_with_warnings, render_all
        from .outputs import NAMES
        from .check import warnings as check_warnings
        from .draft import draft_problem

        content = self.state.content
        began = time.perf_counter()
        names = self.outputs_for(changed)
        self.state.update(building=True)
        problems: list[str] = []
        try:
            event, conflicts = load_with_warnings(content)
            draft = draft_problem(event, content)
            notes = [str(p) for p in (*conflicts, *check_warnings(event, content), *([draft] if draft else []))]
            self.state.update(event_name=event.name, warnings=notes)

            def show(name, result, seconds):
                artifacts, layout_notes = result
                self.state.publish(name, Shown({a.path: a.data for a in artifacts},
                                               {a.path: digest(a.data) for a in artifacts}, tuple(layout_notes),
                                               seconds, time.time()))

            render_all(event, names, BuildOptions(), finished=show)
            self.registrations = {os.path.abspath(r.source_file) for r in event.registrants if r.source_file}
        except ContentError as e:
            problems = [str(p) for p in e.problems]
        except BuildError as e:
            problems = [str(e)]  # a layout's problem names its file and line (Origins) itself
        except OptionError as e:
            problems = [str(e)]
        except Exception as e:  # a bug: say so in the page and on the terminal, and keep serving
            traceback.print_exc()
            problems = [f"eventprint failed ({type(e).__name__}: {e}) \u2014 please report this, with the "
                        "traceback printed in the terminal"]
        self.complete = not problems and (names == NAMES or self.complete)
        seconds = time.perf_counter() - began
        self.state.update(building=False, problems=problems, finished=time.time(), seconds=seconds)
        if problems:
            for line in problems:
                print(line, file=sys.stderr)
            self.say(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}: shown in the page; "
                     "the outputs stay as the last good build left them")
        else:
            self.say(f"rebuilt {', '.join(names)} in {seconds:.1f} s")


# --------------------------------------------------------------------------
# the command
# --------------------------------------------------------------------------


def serve(content: str, port: int, say=print) -> int:
    """Watch ``content`` and serve the preview on 127.0.0.1:``port`` until Ctrl-C (exit status 0)."""
    from .output import Interrupted
    from .outputs import OUTPUTS
    from .preview.server import start

    try:
        server = start(State(content=content, about={o.name: o.help for o in OUTPUTS.values()}), port)
    except OSError as e:
        why = "is in use" if e.errno in (98, 48, 10048) else f"cannot be opened ({e.strerror})"
        print(f"eventprint: port {port} on 127.0.0.1 {why} \u2014 give another with --port, "
              "e.g. --port 8001 (0 picks a free one)", file=sys.stderr)
        return 2
    state: State = server.state
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    say(f"Preview of {content} on {url} \u2014 it rebuilds whenever you save a file there; Ctrl-C stops.")
    sys.stdout.flush()
    # a long-lived process that keeps every output in memory: the collector need not re-scan it
    # at Python's default pace (see build._few_collections)
    gc.set_threshold(50_000, 10, 10)
    builder = Builder(state, say)
    folder = Path(content)
    seen: dict[str, tuple[int, int]] = {}
    first = True
    try:
        while True:
            now = snapshot(folder)
            if first or now != seen:
                if not first:
                    now = settled(folder, now)
                changed = {p for p in now.keys() | seen.keys() if now.get(p) != seen.get(p)}
                seen, first = now, False
                builder.rebuild(changed)
                continue  # look again at once: a save during the build is built next
            time.sleep(POLL)
    except (KeyboardInterrupt, Interrupted):
        say("eventprint serve: stopped.")
        return 0
    finally:
        server.shutdown()
        server.server_close()
