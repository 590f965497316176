"""Run a few independent jobs (one per output) in forked worker processes, a couple at a time.

Forking (Linux only) hands each worker the loaded event, registered fonts and
imported modules for free; a worker sends back only its results. Each worker is
forked once and takes the next job as soon as it is free (forking one process per
job cost each its own copies of the pages it touched and its own warm caches:
a tenth of a large event's CPU). Results come back in the order asked for
whatever order they finish in, and a job's result depends on nothing another
job did, in its process or another (the one state the outputs share that drawing
changed, the fonts cut to the characters printed, is fixed before they start:
fontcuts.settled), so the bytes are those of a serial run. A worker's organiser-facing
error (BuildError, ContentError, ...) is raised again in the parent as if it had
happened there; a worker that dies (killed, out of memory) is a BuildError naming
the output it was rendering. Ctrl-C and SIGTERM are the parent's business: workers
ignore Ctrl-C and are terminated by the parent, which then reports the
interruption as usual.

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
        finished: Callable[[str, T, float], None] = lambda name, result, seconds: None,
        setup: Callable[[], None] = lambda: None) -> dict[str, T]:
    """``{name: work(name)}`` for ``names`` (in that order), in ``processes`` forked workers, each
    taking the next name in ``order`` when it is free; ``finished`` hears of each result as it
    arrives, with the seconds its work took. ``setup`` runs in each worker before its first job."""
    ctx = multiprocessing.get_context("fork")
    todo = list(order)
    workers: dict[object, multiprocessing.process.BaseProcess] = {}
    busy: dict[object, tuple[str, float]] = {}  # a worker's connection -> its job, since when
    done: dict[str, T] = {}

    def give(conn) -> None:
        if todo:
            name = todo.pop(0)
            conn.send(name)
            busy[conn] = (name, time.perf_counter())
        else:
            conn.send(None)  # no more: the worker ends

    try:
        for i in range(min(processes, len(todo))):
            here, there = ctx.Pipe()
            worker = ctx.Process(target=_worker, args=(work, there, setup), name=f"eventprint worker {i + 1}",
                                 daemon=True)
            worker.start()
            there.close()
            workers[here] = worker
            give(here)
        while busy:
            for conn in wait(list(busy)):
                name, began = busy.pop(conn)
                try:
                    message = conn.recv()
                except EOFError:  # the worker died before it could answer
                    workers[conn].join()
                    message = None
                done[name] = _result(name, message, workers[conn].exitcode)
                finished(name, done[name], time.perf_counter() - began)
                give(conn)
        for conn, worker in workers.items():
            worker.join()
    finally:
        for worker in workers.values():
            if worker.is_alive():
                worker.terminate()
        for conn, worker in workers.items():
            worker.join()
            conn.close()
    return {name: done[name] for name in names}


def _worker(work: Callable[[str], T], conn, setup: Callable[[], None]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us (SIGTERM) and reports it
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    setup()
    while (name := conn.recv()) is not None:
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
