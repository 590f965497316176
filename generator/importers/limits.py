"""What the import writes stays within what the loader accepts, so that no export it imports
stops a build: a one-line text longer than the loader's limit is cut short at a word, ending in
'…', and days past the most an event may have are left out, each with a warning that names the
override to set (the durations and dates an export gets wrong are clamped where they are read:
documents, timeutil).

The limits are the loader's own (content.fields, content.loader): one definition of each.
"""
from __future__ import annotations

from dataclasses import replace

from ..content.fields import MAX_LINE
from ..content.loader import MAX_DAYS
from ..model import Kind
from ..problems import Entry, override

PARAGRAPHS = frozenset(("abstract", "bio", "text"))  # running text: the loader cuts it itself, with a warning


def cut(text: str, limit: int = MAX_LINE) -> str:
    """``text`` cut to at most ``limit`` characters, at a space in its last quarter where there is
    one, ending in '…'."""
    head = text[:limit - 1]
    space = head.rfind(" ")
    if space > 3 * limit // 4:
        head = head[:space]
    return head.rstrip(" ,;:\u2013\u2014") + "\u2026"


def within_limits(docs, source_name: str):
    """``docs`` (importers.documents.Documents) with every value the loader would refuse cut
    short or left out, and a warning for each."""
    warnings = list(docs.warnings)

    def clamp(value, section: str, ident: str, key: str, what: str):
        if isinstance(value, list):
            return [clamp(v, section, ident, key, what) for v in value]
        if not isinstance(value, str) or len(value) <= MAX_LINE or key in PARAGRAPHS:
            return value
        entry: Entry = (section, ident if section != "event" else "", key)
        warnings.append(f"{source_name}: the {key.replace('_', ' ')} of {what} is {len(value):,} characters long; "
                        f"the first {MAX_LINE} are imported, ending in '\u2026' \u2014 set a shorter one in "
                        f"overrides.yaml: {override(entry)}")
        return cut(value)

    def entries(blocks: list[dict], section: str, noun: str) -> list[dict]:
        return [{k: v if k == "id" else clamp(v, section, b.get("id", ""), k, f"{noun} '{b.get('id', '')}'")
                 for k, v in b.items()} for b in blocks]

    event = {k: clamp(v, "event", "", k, "the event") for k, v in docs.event.items()}
    venues = [dict(v, rooms=entries(v.get("rooms", []), "rooms", "the room"))
              for v in entries(docs.venues["venues"], "venues", "the venue")]
    people = entries(docs.people["people"], "people", "the person")
    days = sorted(docs.programme["days"], key=lambda d: d["date"])
    if len(days) > MAX_DAYS:
        left = days[MAX_DAYS:]
        warnings.append(f"{source_name}: the export has {len(days)} days; eventprint prints events of at most "
                        f"{MAX_DAYS} days, so the {len(left)} from {left[0]['date']} on "
                        f"({sum(len(d['items']) for d in left)} items) are left out \u2014 import each part of the "
                        "event into a content folder of its own")
        days = days[:MAX_DAYS]
    programme = dict(docs.programme, days=[dict(d, items=entries(d["items"], "items", "the item")) for d in days])
    items = [it for d in days for it in d["items"]]
    summary = dict(docs.summary, days=len(days), items=len(items),
                   talks=sum(1 for it in items if Kind(it["kind"]).is_talk))
    return replace(docs, event=event, venues=dict(docs.venues, venues=venues), people=dict(docs.people, people=people),
                   programme=programme, summary=summary, warnings=tuple(warnings))
