"""Who on the registration list is who: one badge per person, however they appear.

A registrant who is also a speaker, chair or host in people.yaml keeps one badge, the
programme's. They are matched by a ``person`` column (certain), else by e-mail when both
sides have one (certain), else by name with case, accents and spacing ignored (certain when
the whole name agrees; "uncertain" when it agrees only without middle initials, which is
matched and reported). A near miss (same family name, similar given name) is not matched
but reported, so that ``check`` lists every uncertain case with its line. Two rows of one
person (bought twice, listed twice) become one badge, with a warning naming both lines.
"""
from __future__ import annotations

import difflib

from ..problems import Problem
from .drafts import PersonDraft
from .fields import Reader
from .registrations import RegDraft, Registrations, name_key


def _loose(key: str) -> str:
    """The name without single letters (middle initials): 'katherine j kuchenbecker' -> 'katherine kuchenbecker'."""
    return " ".join(w for w in key.split() if len(w) > 1)


def match(r: Reader, reg: Registrations, people: dict[str, PersonDraft]) -> list[RegDraft]:
    """The rows that get a badge, each with ``person`` set when they are in people.yaml."""
    warn = r.warnings.append
    by_email = {p.email.casefold(): pid for pid, p in people.items() if getattr(p, "email", None)}
    by_name: dict[str, list[str]] = {}
    by_loose: dict[str, list[str]] = {}
    by_family: dict[str, list[str]] = {}
    for pid, p in people.items():
        by_name.setdefault(name_key(p.name), []).append(pid)
        by_loose.setdefault(_loose(name_key(p.name)), []).append(pid)
        by_family.setdefault(name_key(p.family), []).append(pid)

    for d in reg.rows:
        if d.person is not None:
            if d.person not in people:
                guess = difflib.get_close_matches(d.person, list(people), n=1, cutoff=0.6)
                r.problems.append(Problem(d.file, d.line, f"{d.name}: no person with id '{d.person}' exists in "
                                          "people.yaml", f"did you mean '{guess[0]}'?" if guess
                                          else "correct the id, or leave the person column empty"))
                d.person = None
            continue
        if d.email and d.email in by_email:
            d.person = by_email[d.email]
            continue
        key = name_key(d.name)
        exact, loose = by_name.get(key, []), by_loose.get(_loose(key), [])
        if len(exact) == 1:
            d.person = exact[0]
        elif len(exact) > 1 or (not exact and len(loose) > 1):
            warn(Problem(d.file, d.line, f"{d.name} has the name of several people in people.yaml "
                         f"({', '.join(exact or loose)}), so the registration is matched to none of them",
                         "write the right person id in a 'person' column", True))
        elif loose:
            d.person = loose[0]
            p = people[loose[0]]
            warn(Problem(d.file, d.line, f"uncertain match: the registration of {d.name} is taken to be "
                         f"{p.name} ('{p.id}') of people.yaml, whose name differs by an initial; they get one badge",
                         f"if they are two people, write another id in a 'person' column; if it is right, "
                         f"write {p.id} there to confirm", True))
        else:
            _near_miss(d, people, by_family.get(name_key(d.family), []), warn)

    return _one_per_person(reg.rows, people, warn)


def _near_miss(d: RegDraft, people: dict[str, PersonDraft], same_family: list[str], warn) -> None:
    given = name_key(d.given)
    for pid in same_family:
        other = name_key(people[pid].given)
        if given and other and (given[0] == other[0]) and difflib.SequenceMatcher(None, given, other).ratio() >= 0.6:
            warn(Problem(d.file, d.line, f"uncertain match: {d.name} is not matched to {people[pid].name} "
                         f"('{pid}') of people.yaml, whose name is similar; they get separate badges",
                         f"if they are the same person, write {pid} in a 'person' column", True))
            return


def _one_per_person(rows: list[RegDraft], people: dict[str, PersonDraft], warn) -> list[RegDraft]:
    kept: list[RegDraft] = []
    first_of: dict[tuple, RegDraft] = {}
    ids: dict[str, RegDraft] = {}
    for d in rows:
        same = first_of.get(("person", d.person)) if d.person else None
        if same is None and not d.person:
            same = first_of.get(("name", name_key(d.name)))
            if same is not None and same.email and d.email and same.email != d.email:
                same = None  # one name, two e-mail addresses: two people
        if same is not None:
            warn(Problem(d.file, d.line, f"{d.name} is registered twice (first at line {same.line}); one badge is "
                         "printed, with the add-ons of both rows", "delete one row; if they are two people, "
                         "give each row its own id in an 'id' column", True))
            same.addons += [a for a in d.addons if a not in same.addons]
            continue
        if d.person:
            first_of[("person", d.person)] = d
        else:
            first_of.setdefault(("name", name_key(d.name)), d)
        base, n = d.id, 2
        while d.id in ids:
            d.id = f"{base}-{n}"
            n += 1
        ids[d.id] = d
        kept.append(d)
    return kept
