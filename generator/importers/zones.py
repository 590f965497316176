"""Choosing the event's time zone: --timezone, else the file's, else UTC with a warning."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from .draft import Collector, ImportFailure
from .timeutil import zone


# Legacy names (tzdata's "backward" file) that exports still write, and their current names;
# calendar apps and our site's .ics files are happier with the current ones.
LEGACY = {
    "US/Eastern": "America/New_York", "US/Central": "America/Chicago", "US/Mountain": "America/Denver",
    "US/Pacific": "America/Los_Angeles", "US/Alaska": "America/Anchorage", "US/Hawaii": "Pacific/Honolulu",
    "US/Arizona": "America/Phoenix", "Canada/Eastern": "America/Toronto", "Canada/Pacific": "America/Vancouver",
    "Canada/Central": "America/Winnipeg", "Canada/Mountain": "America/Edmonton", "GB": "Europe/London",
    "Asia/Calcutta": "Asia/Kolkata", "Asia/Saigon": "Asia/Ho_Chi_Minh", "Australia/ACT": "Australia/Sydney",
    "Australia/NSW": "Australia/Sydney", "Brazil/East": "America/Sao_Paulo", "Japan": "Asia/Tokyo",
    "Singapore": "Asia/Singapore", "Etc/UTC": "UTC", "Etc/GMT": "UTC", "GMT": "UTC", "Universal": "UTC",
}


def choose(c: Collector, given: str | None, in_file: str | None, naive: bool = False) -> ZoneInfo:
    """The zone to read times in. ``naive``: the file's times carry no offset at all."""
    in_file = in_file.strip() if isinstance(in_file, str) and in_file.strip() else None
    in_file = LEGACY.get(in_file, in_file)
    given = LEGACY.get(given.strip(), given.strip()) if given else None
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
