"""The Unicode bidirectional algorithm (UAX #9) for one paragraph of content: levels and the
visual order of its runs.

A shaper needs what python-bidi's public API does not give: the logical runs of one level,
to shape each in its own direction, and where each lands on the line. Content reaches layouts
without explicit embeddings, overrides or isolates (content/fields.py takes them out), so the
paragraph is one isolating run sequence and this is the algorithm without rules X1-X8: P2-P3
(the base level, or the one given: a paragraph takes one base direction for all its lines),
W1-W7, N0 (bracket pairs), N1-N2, I1-I2, and L1-L2 for a line. Mirroring (L4) is the shaper's:
HarfBuzz mirrors brackets in a right-to-left run. tests/test_bidi.py checks the order against
python-bidi's.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

_STRONG = {"L": 0, "R": 1, "AL": 1}
# removed by X9 (BN and whatever explicit formatting is left): they take a neighbour's level
_REMOVED = frozenset({"BN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON"})


def base_level(text: str, default: int = 0) -> int:
    """Rule P2-P3: 1 if the first strong letter of ``text`` is right-to-left (Hebrew, Arabic), 0 if
    left-to-right; ``default`` when it has none (a number, a date: then the language decides)."""
    for ch in text:
        level = _STRONG.get(unicodedata.bidirectional(ch))
        if level is not None:
            return level
    return default


def _classes(text: str) -> list[str]:
    return [unicodedata.bidirectional(ch) or "L" for ch in text]


def _brackets(text: str, types: list[str]) -> list[tuple[int, int]]:
    """BD16: the bracket pairs of ``text``, by opening position (only brackets still ON)."""
    pairs, stack = [], []
    for i, ch in enumerate(text):
        if types[i] != "ON":
            continue
        cat = unicodedata.category(ch)
        if cat == "Ps" and unicodedata.mirrored(ch):
            if len(stack) == 63:
                break
            stack.append((_MIRROR.get(ch), i))
        elif cat == "Pe" and unicodedata.mirrored(ch):
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
    return sorted(pairs)


# The paired brackets of BidiBrackets.txt that content meets; an opening bracket not here pairs with nothing.
_MIRROR = {"(": ")", "[": "]", "{": "}", "\u0f3a": "\u0f3b", "\u0f3c": "\u0f3d", "\u169b": "\u169c",
           "\u2045": "\u2046", "\u207d": "\u207e", "\u208d": "\u208e", "\u2308": "\u2309", "\u230a": "\u230b",
           "\u2329": "\u232a", "\u2768": "\u2769", "\u276a": "\u276b", "\u276c": "\u276d", "\u276e": "\u276f",
           "\u2770": "\u2771", "\u2772": "\u2773", "\u2774": "\u2775", "\u27c5": "\u27c6", "\u27e6": "\u27e7",
           "\u27e8": "\u27e9", "\u27ea": "\u27eb", "\u27ec": "\u27ed", "\u27ee": "\u27ef", "\u2983": "\u2984",
           "\u2985": "\u2986", "\u2987": "\u2988", "\u2989": "\u298a", "\u298b": "\u298c", "\u298d": "\u2990",
           "\u298f": "\u298e", "\u2991": "\u2992", "\u2993": "\u2994", "\u2995": "\u2996", "\u2997": "\u2998",
           "\u29d8": "\u29d9", "\u29da": "\u29db", "\u29fc": "\u29fd", "\u2e22": "\u2e23", "\u2e24": "\u2e25",
           "\u2e26": "\u2e27", "\u2e28": "\u2e29", "\u3008": "\u3009", "\u300a": "\u300b", "\u300c": "\u300d",
           "\u300e": "\u300f", "\u3010": "\u3011", "\u3014": "\u3015", "\u3016": "\u3017", "\u3018": "\u3019",
           "\u301a": "\u301b", "\ufe59": "\ufe5a", "\ufe5b": "\ufe5c", "\ufe5d": "\ufe5e", "\uff08": "\uff09",
           "\uff3b": "\uff3d", "\uff5b": "\uff5d", "\uff5f": "\uff60", "\uff62": "\uff63"}


def _resolve(text: str, base: int) -> list[int]:
    """Levels of ``text`` as one isolating run sequence at paragraph level ``base``."""
    original = _classes(text)
    keep = [i for i, t in enumerate(original) if t not in _REMOVED]  # X9
    sub = "".join(text[i] for i in keep)
    types = [original[i] for i in keep]
    e = "R" if base % 2 else "L"
    n = len(types)
    # W1: a mark takes the type of what it marks
    prev = e
    for i, t in enumerate(types):
        if t == "NSM":
            types[i] = prev
        prev = types[i]
    # W2, W3: European digits after Arabic letters are Arabic digits; AL is R
    last = e
    for i, t in enumerate(types):
        if t in ("L", "R", "AL"):
            last = t
        elif t == "EN" and last == "AL":
            types[i] = "AN"
    types = ["R" if t == "AL" else t for t in types]
    # W4: one separator between two numbers of the same kind joins them
    for i in range(1, n - 1):
        if types[i] == "ES" and types[i - 1] == "EN" and types[i + 1] == "EN":
            types[i] = "EN"
        elif types[i] == "CS" and types[i - 1] == types[i + 1] and types[i - 1] in ("EN", "AN"):
            types[i] = types[i - 1]
    # W5: terminators (%, $) next to a European number belong to it
    i = 0
    while i < n:
        if types[i] == "ET":
            j = i
            while j < n and types[j] == "ET":
                j += 1
            if (i > 0 and types[i - 1] == "EN") or (j < n and types[j] == "EN"):
                types[i:j] = ["EN"] * (j - i)
            i = j
        else:
            i += 1
    # W6: other separators and terminators are neutral; W7: a European number after L text is L
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]
    last = e
    for i, t in enumerate(types):
        if t in ("L", "R"):
            last = t
        elif t == "EN" and last == "L":
            types[i] = "L"
    # N0: bracket pairs take the direction of what they hold, or of what precedes them
    strong = lambda t: "R" if t in ("R", "EN", "AN") else t  # noqa: E731
    for open_, close in _brackets(sub, types):
        inside = {strong(t) for t in types[open_ + 1:close]} & {"L", "R"}
        if not inside:
            continue
        if e in inside:
            direction = e
        else:  # only the other direction inside: it, if the text before the bracket has it too
            direction = next((strong(t) for t in reversed(types[:open_]) if strong(t) in ("L", "R")), e)
        for k in (open_, close):
            types[k] = direction
            j = k + 1  # marks that followed a bracket (W1 made them ON) go with it
            while j < n and original[keep[j]] == "NSM":
                types[j] = direction
                j += 1
    # N1, N2: neutrals between two of one direction take it, others the embedding direction
    i = 0
    while i < n:
        if types[i] in _NEUTRAL:
            j = i
            while j < n and types[j] in _NEUTRAL:
                j += 1
            before = strong(types[i - 1]) if i > 0 else e
            after = strong(types[j]) if j < n else e
            fill = before if before == after else e
            types[i:j] = [fill] * (j - i)
            i = j
        else:
            i += 1
    # I1, I2
    if base % 2 == 0:
        levels = [base + {"R": 1, "AN": 2, "EN": 2}.get(t, 0) for t in types]
    else:
        levels = [base + (1 if t in ("L", "EN", "AN") else 0) for t in types]
    out = [base] * len(text)
    for k, i in enumerate(keep):
        out[i] = levels[k]
    for i, t in enumerate(original):  # a removed character takes its neighbour's level (X9)
        if t in _REMOVED:
            out[i] = out[i - 1] if i else base
    return out


@lru_cache(maxsize=8192)
def levels(text: str, base: int) -> tuple[int, ...]:
    """The embedding level of each character of ``text`` (one line of a paragraph whose base
    level is ``base``), with rule L1: separators and trailing white space at the base level."""
    out = _resolve(text, base)
    types = _classes(text)
    trailing = True
    for i in range(len(text) - 1, -1, -1):
        t = types[i]
        if t in ("S", "B"):
            out[i] = base
            trailing = True
        elif trailing and (t == "WS" or t in _REMOVED):
            out[i] = base
        else:
            trailing = False
    return tuple(out)


def visual_runs(text: str, base: int) -> list[tuple[int, int, int]]:
    """(start, end, level) of the runs of one level of ``text`` (one line), in visual order from
    left to right (rule L2). A run at an odd level reads right to left."""
    lv = levels(text, base)
    runs: list[tuple[int, int, int]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or lv[i] != lv[start]:
            runs.append((start, i, lv[start]))
            start = i
    if not runs:
        return runs
    lowest_odd = min(r[2] for r in runs) | 1
    for level in range(max(r[2] for r in runs), lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][2] >= level:
                j = i
                while j < len(runs) and runs[j][2] >= level:
                    j += 1
                runs[i:j] = reversed(runs[i:j])
                i = j
            else:
                i += 1
    return runs
