"""Run a few independent jobs (one per output) in forked processes, a couple at a time.

Forking (Linux only) hands each child the loaded event, registered fonts and
imported modules for free; a child sends back only its result. Results come
back in the order asked for whatever order the children finish in, and a
child's work depends on nothing another child does, so the bytes are those of
a serial run. A child's organiser-facing error (BuildError, ContentError, ...)
is raised again in the parent as if it had happened there; a child that dies
(killed, out of memory) is a BuildError naming the output. Ctrl-C and SIGTERM
are the parent's business: children ignore Ctrl-C and are terminated by the
parent, which then reports the interruption as usual.

``EVENTPRINT_JOBS``: how many processes at most (1: render in this process).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
import traceback
from multiprocessing.connection import wait
from typing import Callable, Iterable, TypeVar

from .problems import BuildError, ContentError

ENV = "EVENTPRINT_JOBS"
T = TypeVar("T")


def jobs(tasks: int) -> int:
    """How many processes to use for ``tasks`` jobs: 1 means run them here, one after another."""
    if tasks <= 1 or not sys.platform.startswith("linux"):
        return 1
    value = os.environ.get(ENV, "").strip()
    if value:
        try:
            return max(1, min(tasks, int(value)))
        except ValueError:
            raise BuildError(f"{ENV}={value!r} is not a number \u2014 set it to how many processes to use "
                             "(1: none), or unset it") from None
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover
        cpus = os.cpu_count() or 1
    return max(1, min(tasks, cpus))


class RemoteTraceback(Exception):
    """The traceback of an error in a child, attached as the cause of the error raised here."""

    def __str__(self) -> str:
        return self.args[0]


def run(work: Callable[[str], T], order: Iterable[str], names: Iterable[str], processes: int,
        finished: Callable[[str, T, float], None] = lambda name, result, seconds: None) -> dict[str, T]:
    """``{name: work(name)}`` for ``names`` (in that order), each ``work`` in its own forked
    child, at most ``processes`` at a time, started in ``order``; ``finished`` hears of each
    result as it arrives, with the seconds its child took."""
    ctx = multiprocessing.get_context("fork")
    todo = list(order)
    running: dict[object, tuple[str, multiprocessing.process.BaseProcess, float]] = {}
    done: dict[str, T] = {}
    try:
        while todo or running:
            while todo and len(running) < processes:
                name = todo.pop(0)
                here, there = ctx.Pipe(duplex=False)
                child = ctx.Process(target=_child, args=(work, name, there), name=f"eventprint {name}",
                                    daemon=True)
                child.start()
                there.close()
                running[here] = (name, child, time.perf_counter())
            for conn in wait(list(running)):
                name, child, began = running.pop(conn)
                try:
                    message = conn.recv()
                except EOFError:  # the child died before it could answer
                    message = None
                finally:
                    conn.close()
                child.join()
                done[name] = _result(name, message, child.exitcode)
                finished(name, done[name], time.perf_counter() - began)
    finally:
        for _, child, _ in running.values():
            child.terminate()
        for conn, (_, child, _) in running.items():
            child.join()
            conn.close()
    return {name: done[name] for name in names}


def _child(work: Callable[[str], T], name: str, conn) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us (SIGTERM) and reports it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        message = ("ok", work(name))
    except ContentError as e:  # its args are not its constructor's: send the problems
        message = ("content", e.problems)
    except BaseException as e:
        message = ("error", e, traceback.format_exc())
    try:
        conn.send(message)
    except Exception as e:  # an error that cannot be pickled: its text and traceback still can
        conn.send(("error", RuntimeError(f"{message[1]!r} ({e})"), message[-1]))
    conn.close()


def _result(name: str, message, exitcode: int | None):
    if message is None:
        how = f"killed by signal {-exitcode}" if exitcode and exitcode < 0 else f"exit status {exitcode}"
        raise BuildError(f"rendering the {name} stopped unexpectedly ({how}) \u2014 if the machine ran out of "
                         f"memory, build fewer outputs at once or set {ENV}=1")
    kind, value, *rest = message
    if kind == "ok":
        return value
    if kind == "content":
        raise ContentError(value)
    value.__cause__ = RemoteTraceback(rest[0])
    raise value
