"""Times as exports write them: ISO stamps with or without offsets, durations in
every form that occurs (``HH:MM``, ``H:MM``, ``D:HH:MM``, ``HH:MM:SS``, minutes)."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_DUR = re.compile(r"^(?:(\d+):)??(\d{1,3}):(\d{2})(?::(\d{2}))?$")
# Longer is no duration of a programme item (a 1e300-minute one is an error in the export, and no
# date can hold its end): such a value is read as none, and the importer says so.
MAX_DURATION = timedelta(days=400)


def zone(name) -> ZoneInfo | None:
    if not name or not isinstance(name, str):
        return None
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        return None


def duration(text) -> timedelta | None:
    """'00:30', '1:30', '1:02:30' (days:hours:minutes), '90' (minutes), '01:00:00' (h:m:s);
    None for anything else, and for more than MAX_DURATION."""
    try:
        found = _duration(text)
    except (OverflowError, ValueError):  # more days than a timedelta holds, 'nan', 'inf'
        return None
    return found if found is None or abs(found) <= MAX_DURATION else None


def later(start: datetime, span: timedelta) -> datetime:
    """``span`` after ``start`` in elapsed time, in start's zone: a 2-hour talk from 01:30 on the night
    the clocks go forward ends at 04:30 (wall-clock arithmetic would say 03:30, or a time that does
    not exist)."""
    if start.tzinfo is None:
        return start + span
    return (start.astimezone(timezone.utc) + span).astimezone(start.tzinfo)


def _duration(text) -> timedelta | None:
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return timedelta(minutes=float(text))
    s = str(text).strip()
    if not s:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", s):
        return timedelta(minutes=float(s))
    m = _DUR.match(s)
    if not m:
        return None
    a, b, c, d = m.groups()
    if d is not None and a is None and len(b) == 1:  # '0:01:00' is D:HH:MM (frab), '01:30:00' HH:MM:SS
        a, b, c, d = b, c, d, None
    if d is not None and a is None:  # HH:MM:SS
        return timedelta(hours=int(b), minutes=int(c), seconds=int(d))
    if a is not None and d is None:  # D:HH:MM
        return timedelta(days=int(a), hours=int(b), minutes=int(c))
    if a is not None:
        return timedelta(days=int(a), hours=int(b), minutes=int(c), seconds=int(d))
    return timedelta(hours=int(b), minutes=int(c))


# Years a programme's times may have: as the content's (content/fields.py); beyond them a time is
# an error in the export, and near the ends of Python's calendar it cannot even change zone.
YEARS = (1900, 2199)


def iso(text) -> datetime | None:
    """ISO date-time, aware when it has 'Z' or an offset, else naive; None outside YEARS."""
    if not text or not isinstance(text, str):
        return None
    s = str(text).strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        found = datetime.fromisoformat(s)
    except ValueError:
        return None
    return found if YEARS[0] <= found.year <= YEARS[1] else None


def version_stamp(text) -> datetime | None:
    """frab's <version> when it is a date ('2019-05-31_14-05', '2024-06-01 12:30'); else None
    ('Gacrux', '0.33'): it becomes the "as of" stamp, never the current time."""
    m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T_](\d{2})[:-](\d{2}))?", str(text or ""))
    if not m:
        return None
    try:
        return datetime(*(int(g or 0) for g in m.groups()))
    except ValueError:
        return None


def clock(text) -> time | None:
    m = re.fullmatch(r"(\d{1,2})[:.h](\d{2})(?::\d{2})?", str(text or "").strip())
    if not m or int(m.group(1)) > 24 or int(m.group(2)) > 59:
        return None
    h = int(m.group(1)) % 24
    return time(h, int(m.group(2)))


def day(text) -> date | None:
    s = str(text or "").strip()
    for fmt in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d.%m.%y"):
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    return None


def localize(dt: datetime, tz: ZoneInfo) -> datetime:
    """Aware → same instant in tz; naive → read as a clock time in tz."""
    return dt.astimezone(tz) if dt.tzinfo else dt.replace(tzinfo=tz)


UTC = timezone.utc
