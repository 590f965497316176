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
        if isinstance(data.get("sessions"), list) and "speakers" in data:
            return "sessionize"
    if isinstance(data, list) and data and isinstance(data[0], dict) and "sessions" in data[0] \
            and "groupName" in data[0]:
        return "sessionize"
    return None


def _indico_event(res) -> bool:
    return isinstance(res, list) and bool(res) and isinstance(res[0], dict) and (
        "contributions" in res[0] or res[0].get("_type") in ("Conference", "Meeting", "Lecture"))


def _indico_timetable(res) -> bool:
    """{event id: {YYYYMMDD: {entry id: entry}}}"""
    return isinstance(res, dict) and bool(res) and all(
        isinstance(days, dict) and all(str(k).isdigit() and len(str(k)) == 8 for k in days)
        for days in res.values())
