"""Generate a plausible event's content/ folder, deterministically from a seed.

Used for the three-day test event and for the benchmark's large events. It
writes YAML through the same format organisers use, so it exercises loading too;
``write_registrations`` adds a registration list (registrations.csv) of invented people.
"""
from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

import yaml

GIVEN = ["Anna", "Bernd", "Chiara", "Dmitri", "Elif", "Fatou", "Görkem", "Hana", "Ignacio", "Jana",
         "Kenji", "Léa", "Mateus", "Nadia", "Oskar", "Priya", "Quentin", "Rasmus", "Sofía", "Tomasz",
         "Uma", "Václav", "Wen", "Xenia", "Yusuf", "Zoë", "Αλέξανδρος", "Мария"]
FAMILY = ["Albrecht", "Björnsdóttir", "Castellano", "Dąbrowski", "Eriksen", "Fournier", "Gruber",
          "Hoffmann", "Ivanova", "Jäger", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okafor",
          "Petrović", "Quintero", "Rossi", "Schäfer", "Takahashi", "Ulrich", "Vasquez", "Weiß",
          "Xu", "Yılmaz", "Zieliński", "Παπαδόπουλος", "Смирнов"]
ORGS = ["MPI for Intelligent Systems", "University of Tübingen", "ETH Zürich", "Amazon",
        "ELLIS Institute Tübingen", "KU Leuven", "University of Augsburg", "MPI for Software Systems"]
POSITIONS = ["Professor", "Research Scientist", "Ph.D. Student", "Group Leader", "Applied Scientist",
             "Postdoctoral Researcher", "Director"]
WORDS = ("learning models data robust causal inference vision language optimisation scalable neural "
         "generative physical human interaction efficient graphs uncertainty adaptive sparse "
         "representation control dynamics privacy fairness retrieval reasoning").split()


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


# The large event (#18, #25): the size of a large open-source conference. The tests
# (conftest's ``huge``) and the benchmark's budgets use this one event.
HUGE = dict(days=2, rooms=35, talks=900, people=950, seed=35, tracks=8)

TRACKS = ["Robotics", "Vision", "Language", "Learning Theory", "Systems", "Health", "Climate", "Society"]


def event_dict(days: int, rooms: int, talks: int, people: int, seed: int = 1, tracks: int = 0) -> dict[str, dict]:
    """The four YAML documents of an event, as plain dicts; ``tracks`` > 0 gives talks a track by room."""
    rng = random.Random(seed)
    venue_rooms = [{"id": f"room-{i + 1}", "name": f"Hall {chr(65 + i)}"} for i in range(rooms)]
    venue_rooms.append({"id": "foyer", "name": "Foyer"})
    venues = {"venues": [{"id": "campus", "name": "Synthetic Research Campus", "short_name": "Campus",
                          "address": ["Example Street 1", "12345 Sampletown"], "rooms": venue_rooms}]}
    persons = []
    for i in range(people):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        persons.append({"id": f"p{i + 1:04d}", "name": f"{given} {family}", "given_name": given,
                        "family_name": family, "position": rng.choice(POSITIONS),
                        "affiliation": rng.choice(ORGS),
                        "bio": " ".join(_sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(2, 5)))})
    # talks spread over days x rooms x slots of 30 minutes, 09:00-12:00 and 13:00-19:00
    slots_per_day = 18
    capacity = days * rooms * slots_per_day
    if talks > capacity:
        raise ValueError(f"{talks} talks do not fit in {capacity} slots")
    per_day = [talks // days + (1 if d < talks % days else 0) for d in range(days)]
    start_date = date(2025, 3, 10)
    programme = {"days": []}
    talk_no = 0
    speaker_cycle = list(range(people))
    rng.shuffle(speaker_cycle)
    for d in range(days):
        items = []
        the_date = start_date + timedelta(days=d)
        items.append({"start": "08:30", "end": "09:00", "kind": "registration" if d == 0 else "other",
                      "title": "Registration" if d == 0 else "Morning coffee", "room": "foyer"})
        slot_times = [(9 * 60 + 30 * k) for k in range(6)] + [(13 * 60 + 30 * k) for k in range(12)]
        n = per_day[d]
        for k in range(n):
            slot, room = divmod(k, rooms)
            t0 = slot_times[slot]
            # a speaker speaks at most once per slot: take consecutive people from a shuffled cycle
            who = speaker_cycle[talk_no % people]
            speakers = [f"p{who + 1:04d}"]
            if talk_no % 7 == 3:  # co-speaker half a cycle away: never in the same slot
                speakers.append(f"p{speaker_cycle[(talk_no + people // 2) % people] + 1:04d}")
            talk_no += 1
            items.append({
                "start": f"{t0 // 60:02d}:{t0 % 60:02d}", "end": f"{(t0 + 30) // 60:02d}:{(t0 + 30) % 60:02d}",
                "kind": "keynote" if talk_no % 25 == 1 else "talk", "id": f"t{talk_no:04d}",
                "title": "tbc" if talk_no % 40 == 7 else _sentence(rng, rng.randint(4, 11))[:-1],
                "speakers": speakers, "room": f"room-{room + 1}",
                "abstract": " ".join(_sentence(rng, rng.randint(10, 20)) for _ in range(rng.randint(3, 8))),
            })
            if tracks:
                items[-1]["track"] = TRACKS[room % min(tracks, len(TRACKS))]
        items.append({"start": "12:00", "end": "13:00", "kind": "meal", "title": "Lunch"})
        items.append({"start": "10:30", "end": "10:45", "kind": "break", "title": "Coffee Break", "room": "foyer"})
        items.sort(key=lambda x: (x["start"], x.get("room", "")))
        programme["days"].append({"date": the_date.isoformat(), "venue": "campus", "items": items})
    # talks at 10:30 collide with nothing: the coffee is in the foyer
    event = {"name": f"Synthetic Symposium ({days} days, {rooms} rooms)", "short_name": "Synthetic Symposium",
             "timezone": "Europe/Berlin", "language": "en", "hosts": ["Example Institute", "Sample Labs"],
             "base_url": "https://synthetic.example.org/", "updated": "2025-03-01 12:00"}
    return {"event.yaml": event, "venues.yaml": venues, "people.yaml": {"people": persons},
            "programme.yaml": programme}


# libyaml's dumper writes the same bytes as PyYAML's pure-Python one (checked on the 900-talk
# event), about seven times faster: a large event no longer costs seconds to write
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def write_event(folder: Path, days: int = 3, rooms: int = 3, talks: int = 60, people: int = 80,
                seed: int = 1, tracks: int = 0) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, doc in event_dict(days, rooms, talks, people, seed, tracks).items():
        (folder / name).write_text(yaml.dump(doc, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100),
                                   encoding="utf-8")
    return folder


REG_GIVEN = ("Anna", "Jonas", "Zeynep", "Łukasz", "Chloé", "Mateo", "Inês", "Priya", "Ngozi", "Sigríður", "Δήμητρα",
             "Ольга", "Hương", "Ștefan", "Aoife", "Søren", "Amani", "Bence", "Grace", "Iñigo")
REG_FAMILY = ("Müller", "Yılmaz", "Wiśniewska", "Lefèvre", "García", "Gonçalves", "Nguyễn", "Jónsdóttir", "Popescu",
              "Szőke", "Adéyẹmí", "Mwangi", "Sharma", "Ó Briain", "Παπαδάκης", "Смирнова", "van der Berg",
              "Østergaard", "O'Connor", "Kowalczyk", "Dvořák", "Bakker", "Eze", "Nair", "Tóth")
TICKETS = ("Participant",) * 14 + ("Student",) * 4 + ("Staff", "Press")


def write_registrations(folder: Path, count: int, seed: int = 15, addon: str = "") -> Path:
    """``count`` invented participants in ``folder``/registrations.csv (pretix's columns); a fifth of
    them book ``addon`` (an add-on's label in event.yaml) when given."""
    rnd = random.Random(seed)
    with open(Path(folder) / "registrations.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Id", "Given name", "Family name", "Organisation", "Ticket", "Add-ons", "E-mail"])
        for n in range(count):
            w.writerow([f"R{n:05d}", rnd.choice(REG_GIVEN), rnd.choice(REG_FAMILY), f"Institute {rnd.randrange(200)}",
                        rnd.choice(TICKETS), addon if addon and rnd.random() < 0.2 else "", f"p{n}@example.org"])
    return Path(folder)
