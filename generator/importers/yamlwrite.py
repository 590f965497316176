"""Deterministic YAML for our four documents: stable order, safe quoting, UTF-8, LF.

Only what the documents hold is supported: mappings with plain keys, lists,
and text. Every text is double-quoted (so "no", "10:30", "1.10", "#x" and
"- x" stay text) except ids and dates, which are written plain when they cannot
be misread. Text with paragraphs becomes a folded block (">-"), wrapped at
spaces, which reads back as exactly the same paragraphs.
"""
from __future__ import annotations

import json
import re

WIDTH = 96
_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "nan", "inf"}
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufeff\ufff0-\ufffd\U00010000-\U0010ffff]")
_BLOCK_SAFE = re.compile("^[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff\n]*$")


def quote(s: str) -> str:
    out = []
    for ch in json.dumps(s, ensure_ascii=False)[1:-1]:
        if _PRINTABLE.match(ch) or ch in "\\":
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def scalar(v, key: str = "") -> str:
    if key.endswith("date:") and _DATE.match(str(v)):
        return str(v)
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    s = str(v)
    if _PLAIN.match(s) and s not in _RESERVED:
        return s
    return quote(s)


def _wrap(par: str) -> list[str]:
    lines, cur = [], ""
    for word in par.split(" "):
        if cur and len(cur) + 1 + len(word) > WIDTH:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    lines.append(cur)
    return lines


def _block(s: str, indent: str) -> list[str] | None:
    """Folded block lines for paragraph text, or None when quoting is safer."""
    if "\n" not in s or not _BLOCK_SAFE.match(s):
        return None
    paras = s.split("\n\n")
    if any(not p or p != " ".join(p.split()) for p in paras):
        return None
    out = []
    for n, p in enumerate(paras):
        if n:
            out.append("")
        out.extend(indent + line for line in _wrap(p))
    return out


def _emit(v, indent: str, out: list[str], key_prefix: str) -> None:
    """Write value v after 'key_prefix' (e.g. '  title:' or '  -')."""
    if isinstance(v, dict):
        if not v:
            out.append(f"{key_prefix} {{}}")
            return
        first = True
        for k, x in v.items():
            if key_prefix.endswith("-") and first:
                _emit(x, indent + "  ", out, f"{key_prefix} {k}:")
            elif key_prefix.endswith("-"):
                _emit(x, indent + "  ", out, f"{indent}{k}:")
            else:
                if first:
                    out.append(key_prefix) if key_prefix else None
                _emit(x, indent + "  ", out, f"{indent}{k}:")
            first = False
        return
    if isinstance(v, list):
        if not v:
            out.append(f"{key_prefix} []")
        elif all(not isinstance(x, (dict, list)) for x in v) and all(_PLAIN.match(str(x)) for x in v):
            out.append(f"{key_prefix} [{', '.join(scalar(x) for x in v)}]")
        else:
            out.append(key_prefix)
            for x in v:
                _emit(x, indent + "  ", out, f"{indent}-")
        return
    if isinstance(v, str):
        block = _block(v, indent)
        if block is not None:
            out.append(f"{key_prefix} >-")
            out.extend(block)
            return
    out.append(f"{key_prefix} {scalar(v, key_prefix)}")


def dump(doc: dict, header: str = "") -> str:
    """Top-level mapping → YAML text ending in one newline; header lines become comments."""
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    for k, v in doc.items():
        _emit(v, "  ", out, f"{k}:")
    return "\n".join(out) + "\n"
