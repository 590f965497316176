"""Benchmark (not a test): generate a 900-talk, 35-room, 950-person export in every format
the importer reads and time `import_file` plus rendering the four YAML files.

Run: .venv/bin/python tests/bench_import.py   (prints one line per format; the README
section "Print your pretalx / frab / Indico / Sessionize event" records the figures)
"""
from __future__ import annotations

import csv
import io
import json
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from eventprint.importers.api import import_file, render

TALKS, ROOMS, PEOPLE, DAYS = 900, 35, 950, 3
START = datetime(2025, 9, 1, 9, 0)
ABSTRACT = ("<p>This talk explains <b>why</b> &amp; how; see <a href=\"https://example.org/x\">the "
            "docs</a>.</p><ul><li>one point</li><li>another point</li></ul>") * 2


def slots():
    """(n, start, minutes, room, speaker numbers): 900 talks over 3 days in 35 rooms."""
    per_day = -(-TALKS // DAYS)
    for n in range(TALKS):
        day, k = divmod(n, per_day)
        room, slot = k % ROOMS, k // ROOMS
        start = START + timedelta(days=day, minutes=45 * slot)
        people = [n % PEOPLE] + ([(n + 450) % PEOPLE] if n % 3 == 0 else []) + ([TALKS + n % 50] if n < 50 else [])
        yield n, start, 40, room, [p % PEOPLE for p in people]


def person(p):
    return f"Person{p} Family{p}"


def frab_json():
    days = {}
    for n, s, m, r, ps in slots():
        day = days.setdefault(s.date(), {})
        day.setdefault(f"Room {r}", []).append({
            "id": 1000 + n, "guid": f"guid-{n}", "date": s.isoformat() + "+02:00", "start": f"{s:%H:%M}",
            "duration": f"00:{m:02d}", "room": f"Room {r}", "slug": f"b-{n}", "title": f"Talk {n}",
            "subtitle": "", "track": "Track", "type": "lecture", "language": "en", "abstract": ABSTRACT,
            "description": "", "persons": [{"id": p, "public_name": person(p)} for p in ps]})
    conf = {"title": "Bench", "acronym": "bench", "time_zone_name": "Europe/Berlin", "days": [
        {"index": i + 1, "date": str(d), "rooms": rooms} for i, (d, rooms) in enumerate(sorted(days.items()))]}
    return json.dumps({"schedule": {"version": "1", "conference": conf}})


def frab_xml():
    out = ["<?xml version='1.0' encoding='utf-8'?>", "<schedule><conference><title>Bench</title>"
           "<time_zone_name>Europe/Berlin</time_zone_name></conference>"]
    data = json.loads(frab_json())["schedule"]["conference"]
    for d in data["days"]:
        out.append(f"<day date='{d['date']}' index='{d['index']}'>")
        for room, events in d["rooms"].items():
            out.append(f"<room name='{room}'>")
            for e in events:
                persons = "".join(f"<person id='{p['id']}'>{p['public_name']}</person>" for p in e["persons"])
                out.append(f"<event id='{e['id']}' guid='{e['guid']}'><date>{e['date']}</date>"
                           f"<start>{e['start']}</start><duration>{e['duration']}</duration><room>{room}</room>"
                           f"<title>{e['title']}</title><type>lecture</type><abstract>{escape(ABSTRACT)}</abstract>"
                           f"<persons>{persons}</persons></event>")
            out.append("</room>")
        out.append("</day>")
    out.append("</schedule>")
    return "\n".join(out)


def pretalx_widget():
    talks = [{"code": f"C{n:05d}", "title": {"en": f"Talk {n}"}, "abstract": "Some **Markdown**\n- a\n- b",
              "speakers": [f"S{p}" for p in ps], "track": 1, "room": r,
              "start": s.isoformat() + "+02:00", "end": (s + timedelta(minutes=m)).isoformat() + "+02:00"}
             for n, s, m, r, ps in slots()]
    return json.dumps({"name": "Bench", "timezone": "Europe/Berlin", "talks": talks,
                       "rooms": [{"id": r, "name": {"en": f"Room {r}"}} for r in range(ROOMS)],
                       "tracks": [{"id": 1, "name": "Track"}],
                       "speakers": [{"code": f"S{p}", "name": person(p), "biography": "Bio."} for p in range(PEOPLE)]})


def indico():
    def st(dt):
        u = dt - timedelta(hours=2)
        return {"date": f"{u:%Y-%m-%d}", "time": f"{u:%H:%M:%S}", "tz": "UTC"}
    contribs = [{"id": str(n), "title": f"Talk {n}", "startDate": st(s), "endDate": st(s + timedelta(minutes=m)),
                 "duration": m, "description": "Plain text\r\nwith lines.", "track": "Talk", "room": f"Room {r}",
                 "speakers": [], "primaryauthors": [{"person_id": p, "first_name": f"Person{p}",
                                                    "last_name": f"Family{p}", "affiliation": "Uni"} for p in ps]}
                for n, s, m, r, ps in slots()]
    return json.dumps({"results": [{"_type": "Conference", "title": "Bench", "timezone": "Europe/Berlin",
                                    "contributions": contribs}]})


def sessionize():
    sessions = [{"id": str(n), "title": f"Talk {n}", "description": "Text.", "startsAt": f"{s:%Y-%m-%dT%H:%M:%S}",
                 "endsAt": f"{s + timedelta(minutes=m):%Y-%m-%dT%H:%M:%S}", "isServiceSession": False,
                 "speakers": [f"u{p}" for p in ps], "categoryItems": [], "roomId": r} for n, s, m, r, ps in slots()]
    return json.dumps({"sessions": sessions, "speakers": [
        {"id": f"u{p}", "firstName": f"Person{p}", "lastName": f"Family{p}", "fullName": person(p), "bio": "Bio."}
        for p in range(PEOPLE)], "categories": [], "rooms": [{"id": r, "name": f"Room {r}"} for r in range(ROOMS)]})


def csv_text():
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["Room", "Date", "Start", "Duration", "Title", "ID", "Abstract", "Speakers"])
    for n, s, m, r, ps in slots():
        w.writerow([f"Room {r}", f"{s:%Y-%m-%d}", f"{s:%H:%M}", f"0:{m:02d}", f"Talk {n}", n, "Text.",
                    "|".join(f"{p}:{person(p)}" for p in ps)])
    return buf.getvalue()


FORMATS = [("frab JSON", "schedule.json", frab_json, None), ("frab XML", "schedule.xml", frab_xml, None),
           ("pretalx widget", "widget.json", pretalx_widget, None), ("Indico", "indico.json", indico, None),
           ("Sessionize", "all.json", sessionize, "Europe/Berlin"), ("CSV", "programme.csv", csv_text, "Europe/Berlin")]


def main() -> int:
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for label, fname, make, tz in FORMATS:
            path = Path(tmp) / fname
            path.write_text(make(), encoding="utf-8")
            t0, c0 = time.perf_counter(), time.process_time()
            _, docs = import_file(path, timezone=tz)
            render(docs, fname)
            dt, cpu = time.perf_counter() - t0, time.process_time() - c0
            worst = max(worst, dt)
            s = docs.summary
            print(f"{label:15s} {path.stat().st_size / 1e6:5.2f} MB  {s['items']} items, {s['rooms']} rooms, "
                  f"{s['people']} people  {dt:5.2f} s ({cpu:.2f} s CPU)")
    print(f"slowest: {worst:.2f} s (target: under 3 s)")
    return 0 if worst < 3 else 1


if __name__ == "__main__":
    sys.exit(main())
