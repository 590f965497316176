"""``eventprint check --links``: every distinct address the outputs print or encode, what each is
for and which outputs carry it, with the ones that deserve a look flagged.

The outputs are rendered in memory, as a build does, while links.py notes every link a layout
asks for: the list is what the files hold, not a second opinion about them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import links
from .draft import placeholder_host
from .model import Event
from .options import BuildOptions


@dataclass
class Entry:
    url: str
    ours: bool
    what: list[str] = field(default_factory=list)  # "talk 'abc'", "the schedule page"
    outputs: list[str] = field(default_factory=list)


def collect(event: Event, options: BuildOptions = BuildOptions()) -> list[Entry]:
    """Every printed address, in the order the outputs first ask for it."""
    from .build import render  # imported late: build imports the layouts' registry
    from .outputs import NAMES
    found: dict[str, Entry] = {}
    for name in NAMES:
        with links.recording() as seen:
            render(event, name, options)
        for p in seen:
            e = found.setdefault(p.url, Entry(p.url, p.ours))
            if p.what not in e.what:
                e.what.append(p.what)
            if name not in e.outputs:
                e.outputs.append(name)
    return list(found.values())


def flag(event: Event, e: Entry) -> str | None:
    """Why an address deserves a look, or None."""
    host = links.host(e.url)
    if placeholder_host(e.url):
        return f"{host} is a placeholder: this code opens nothing"
    if e.ours and host in event.export_hosts:
        return (f"a page of out/site/ on {host}, which the export uses for its own pages: it opens only if "
                "out/site/ is really uploaded there")
    if not e.ours and event.imported and host not in event.export_hosts:
        return f"on {host}, a host the export does not use: check the address"
    return None


def report(event: Event) -> list[str]:
    """The lines ``check --links`` prints."""
    entries = collect(event)
    flagged = 0
    lines = []
    for e in sorted(entries, key=lambda e: e.url):
        lines.append(f"  {e.url}  {', '.join(e.what[:3])}{' …' if len(e.what) > 3 else ''}: {', '.join(e.outputs)}")
        why = flag(event, e)
        if why:
            flagged += 1
            lines.append(f"    ! {why}")
    head = (f"printed links: {len(entries)} address{'es' if len(entries) != 1 else ''}"
            + (f", {flagged} flagged (!)" if flagged else "") + " — address, what it opens: the outputs that print it")
    return [head] + lines
