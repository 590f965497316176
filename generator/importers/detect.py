"""Which export a file is, from its content (not its name)."""
from __future__ import annotations

import json
import re

FORMATS = ("frab-xml", "frab-json", "pretalx-widget", "indico", "sessionize", "csv")
EXPECTED = ("a frab / pretalx schedule.xml, a frab / pretalx schedule.json, pretalx's widget JSON, "
            "an Indico event export (JSON), Sessionize's \"All\" JSON, or a CSV programme with a "
            "header row (date, start, title, ...)")


def detect(text: str) -> tuple[str | None, object]:
    """(format or None, parsed JSON or None)."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        if re.search(r"<schedule[\s>]", head[:4000]):
            return "frab-xml", None
        return None, None
    if head[:1] in "{[":
        try:
            data = json.loads(head)
        except ValueError:
            return None, None
        return _json_kind(data), data
    first = head.split("\n", 1)[0]
    if re.search(r"[,;\t]", first) and len(re.split(r"[,;\t]", first)) >= 3:
        return "csv", None
    return None, None


def _json_kind(data) -> str | None:
    if isinstance(data, dict):
        if isinstance(data.get("schedule"), dict) and "conference" in data["schedule"]:
            return "frab-json"
        if isinstance(data.get("talks"), list) and ("rooms" in data or "speakers" in data):
            return "pretalx-widget"
        res = data.get("results")
        if isinstance(res, list) and res and isinstance(res[0], dict) and "code" in res[0] and (
                "slot" in res[0] or "submission_type" in res[0]):
            return "pretalx-widget"
        if _indico_event(res) or _indico_timetable(res):
            return "indico"
        if isinstance(data.get("sessions"), list) and "speakers" in data and _sessionize(data["sessions"]):
            return "sessionize"
    if isinstance(data, list) and data and isinstance(data[0], dict) and "sessions" in data[0] \
            and "groupName" in data[0] and _sessionize(data[0]["sessions"]):
        return "sessionize"
    return None


# What every session in Sessionize's exports has, scheduled or not
_SESSIONIZE_KEYS = ("startsAt", "endsAt", "roomId", "isServiceSession")


def _sessionize(sessions) -> bool:
    """Sessionize's sessions, not any list called "sessions": an empty list, or sessions with
    Sessionize's own keys."""
    entries = [s for s in sessions if isinstance(s, dict)] if isinstance(sessions, list) else []
    return not entries or any(k in s for s in entries for k in _SESSIONIZE_KEYS)


def resemblance(data) -> str | None:
    """For JSON no importer reads: which format it looks like and what it lacks, for the message."""
    if not isinstance(data, dict):
        return None
    keys = ", ".join(f"'{k}'" for k in list(data)[:8])
    if isinstance(data.get("sessions"), list) and ("speakers" in data or "rooms" in data):
        first = next((s for s in data["sessions"] if isinstance(s, dict)), {})
        has = ", ".join(f"'{k}'" for k in list(first)[:10]) or "nothing"
        return ("this JSON has 'sessions' and 'speakers' like Sessionize's \"All\" export, but its "
                f"sessions have none of Sessionize's fields ({', '.join(_SESSIONIZE_KEYS)}; they have {has}): "
                "it is another tool's own format, which eventprint does not read")
    if isinstance(data.get("schedule"), dict):
        return ("this JSON has a 'schedule' like frab's schedule.json, but no 'schedule.conference' "
                "with its days and rooms")
    if "talks" in data or "submissions" in data:
        return (f"this JSON looks like pretalx data (it has {keys}), but not its schedule widget "
                "('talks' with 'rooms' or 'speakers') nor its API talk list ('results' with 'slot')")
    if "results" in data or "contributions" in data:
        return (f"this JSON looks like an Indico export (it has {keys}), but holds no event with "
                "'contributions' nor a timetable")
    return None


def _indico_event(res) -> bool:
    return isinstance(res, list) and bool(res) and isinstance(res[0], dict) and (
        "contributions" in res[0] or res[0].get("_type") in ("Conference", "Meeting", "Lecture"))


def _indico_timetable(res) -> bool:
    """{event id: {YYYYMMDD: {entry id: entry}}}"""
    return isinstance(res, dict) and bool(res) and all(
        isinstance(days, dict) and all(str(k).isdigit() and len(str(k)) == 8 for k in days)
        for days in res.values())
