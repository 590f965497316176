"""What ``check`` reports: warnings that do not stop a build but that an organiser should see
before printing, and every problem the build would stop on.

The layouts find some problems only while laying out (a title too long for a badge, a door
sign's item taller than the page), so ``check`` renders every output in memory, as the build
does, and writes nothing: "content OK" means the build goes through.
"""
from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path

from . import i18n
from .content.read import IMPORTED
from .model import Event
from .options import BuildOptions, OptionError
from .problems import BuildError, Problem

_TRANSLIT = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ø": "oe", "å": "aa", "æ": "ae"}


def _fold(name: str) -> str:
    """'Jörg Stückler' and 'Joerg Stueckler' fold to the same key."""
    s = "".join(_TRANSLIT.get(ch, ch) for ch in name.casefold())
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.replace("-", " ").replace(".", " ").split())


def warnings(event: Event, content_dir: str | Path) -> list[Problem]:
    """Everything worth a second look; each names the file and line to edit."""
    prog = str(Path(content_dir) / "programme.yaml")
    people_file = str(Path(content_dir) / "people.yaml")
    out: list[Problem] = []
    for it in event.talks:
        where = it.source_file or prog
        if not it.title.confirmed:
            out.append(Problem(where, it.source_line, f"the title of '{it.id}' ({', '.join(p.name for p in it.speakers)}) is not confirmed yet",
                               _fix(where, "items", it.id, "title", "when the speaker confirms, replace 'tbc' with the title and rebuild"), warning=True))
        if not it.abstract:
            out.append(Problem(where, it.source_line, f"the talk '{it.id}' has no abstract",
                               _fix(where, "items", it.id, "abstract", "add 'abstract: >' with the text, if the speaker sends one"), warning=True))
    for p in event.people:
        where = p.source_file or people_file
        if not p.roles:
            out.append(Problem(where, p.source_line, f"{p.name} ('{p.id}') has no role in the programme",
                               "add them to a programme item, or remove them", warning=True))
            continue
        if not p.bio:
            out.append(Problem(where, p.source_line, f"{p.name} ('{p.id}') has no bio",
                               _fix(where, "people", p.id, "bio", "add 'bio: >' with a short biography, if you have one"), warning=True))
        if not p.affiliations and not p.position:
            out.append(Problem(where, p.source_line, f"{p.name} ('{p.id}') has no position or affiliation",
                               _fix(where, "people", p.id, "affiliation", "add 'position:' and 'affiliation:'"), warning=True))
    folded = [(p, _fold(p.name)) for p in event.people]
    for i, (a, fa) in enumerate(folded):
        for b, fb in folded[i + 1:]:
            if _variants(fa, fb):
                out.append(Problem(b.source_file or people_file, b.source_line, f"'{a.name}' ({a.id}) and '{b.name}' ({b.id}) look like spellings of one name",
                                   "if they are the same person, keep one entry and use its id everywhere", warning=True))
    if event.updated_from is not None:
        where = event.source_file or str(Path(content_dir) / "event.yaml")
        out.append(Problem(where, 0, f"there is no 'updated' stamp: the \"as of\" date printed is "
                           f"{event.updated:%Y-%m-%d %H:%M}, taken from {event.updated_from}",
                           _fix(where, "event", "the event", "updated",
                                "add 'updated: YYYY-MM-DD HH:MM' and change it whenever the content changes"),
                           warning=True))
    out += [Problem(event.source_file or str(Path(content_dir) / "event.yaml"), 0, what, fix, warning=True)
            for what, fix in i18n.language_problems(event.language)]  # missing translations print in English
    return out


def layout_check(event: Event, options: BuildOptions = BuildOptions(),
                 content_dir: str | Path | None = None) -> tuple[list[str], list[str]]:
    """What stops the build of each output, as the build prints it, and what a layout had to
    shorten (warnings); every output is rendered in memory with the default options, so a
    problem in each is listed (the same one once)."""
    from .outputs import NAMES  # imported late: the registry imports the layouts
    found: list[str] = []
    notes: list[str] = []
    for name in NAMES:
        try:
            notes += [n for n in _render(event, name, options) if n not in notes]
        except (BuildError, OptionError) as e:
            if content_dir is not None and isinstance(e, BuildError):
                from .build import located
                e = located(e, content_dir)
            if str(e) not in found:
                found.append(str(e))
    return found, notes


def _render(event: Event, name: str, options: BuildOptions) -> list[str]:
    """Render one output in memory; what its layout had to shorten."""
    from .build import render_noting
    return render_noting(event, name, options)[1]


def _fix(where: str, section: str, ident: str, key: str, fix: str) -> str:
    """The usual fix, or for imported content where the organiser's change goes: overrides.yaml."""
    if Path(where).parent.name != IMPORTED:
        return fix
    if section == "event":
        return f"set '{key}:' under 'event:' in overrides.yaml (the import overwrites imported/)"
    return f"set '{key}:' for '{ident}' under '{section}:' in overrides.yaml (the import overwrites imported/)"


def _variants(fa: str, fb: str) -> bool:
    """Same folded name, or one word differing as a truncation or a near-identical long word.

    Initials are ignored ('Ming C. Lin' ~ 'Ming Lin'); words with digits never match,
    and short words must be equal ('Hana' and 'Jana' are different people).
    """
    if fa == fb:
        return True
    ta = [t for t in fa.split() if len(t) > 1]
    tb = [t for t in fb.split() if len(t) > 1]
    if ta == tb:
        return True
    if len(ta) != len(tb):
        return False
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if any(ch.isdigit() for ch in x + y):
        return False
    if min(len(x), len(y)) >= 3 and (x.startswith(y) or y.startswith(x)):
        return True
    return min(len(x), len(y)) >= 6 and difflib.SequenceMatcher(None, x, y).ratio() >= 0.85
