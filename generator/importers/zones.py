"""Choosing the event's time zone: --timezone, else the file's, else UTC with a warning."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from .draft import Collector, ImportFailure
from .timeutil import zone


def choose(c: Collector, given: str | None, in_file: str | None, naive: bool = False) -> ZoneInfo:
    """The zone to read times in. ``naive``: the file's times carry no offset at all."""
    in_file = in_file if isinstance(in_file, str) and in_file.strip() else None
    if given:
        tz = zone(given)
        if tz is None:
            raise ImportFailure(f"--timezone: '{given}' is not a time zone name — use an IANA name "
                                "like Europe/Berlin or America/New_York")
        if in_file and zone(in_file) and zone(in_file).key != tz.key:
            c.warn("", f"the file says time zone {in_file}, --timezone says {given}; using {given}")
        return tz
    tz = zone(in_file)
    if tz is not None:
        return tz
    if in_file:
        c.warn("", f"'{in_file}' in the file is not a time zone name; reading times as UTC — "
                   "pass --timezone Europe/Berlin (your zone)")
    elif naive:
        raise ImportFailure(f"{c.file}: the times in this file have no time zone — pass the event's "
                            "zone with --timezone, like --timezone Europe/Berlin")
    else:
        c.warn("", "the file names no time zone; times are read as UTC — pass the event's zone "
                   "with --timezone, like --timezone Europe/Berlin")
    return ZoneInfo("UTC")
