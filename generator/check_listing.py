"""How ``check`` prints what it found: by group, what stops printing first (``problems.Group``
is in that order), each group with its count and its first few lines, so that one overlap is
not lost among 1,800 missing bios; ``check --all`` prints every line."""
from __future__ import annotations

from .problems import Group, Problem

EXAMPLES = 3  # lines shown of a group, unless --all; a group of one more is shown whole


def listing(problems: list[Problem], notes: list[str], every: bool = False) -> list[str]:
    """The lines ``check`` prints for its warnings and the layouts' notes (text shortened to fit)."""
    groups: dict[Group, list[str]] = {}
    for p in problems:
        groups.setdefault(p.group or Group.OTHER, []).append(str(p))
    for note in notes:
        groups.setdefault(Group.SHORTENED, []).append(note)
    lines: list[str] = []
    for group in Group:
        found = list(dict.fromkeys(groups.get(group, ())))
        if not found:
            continue
        shown = found if every or len(found) <= EXAMPLES + 1 else found[:EXAMPLES]
        lines.append(f"{group.value}: {len(found):,}")
        lines += [f"  {line}" for line in shown]
        if len(shown) < len(found):
            lines.append(f"  \u2026 and {len(found) - len(shown):,} more (eventprint check --all lists every one)")
    return lines
