"""An export's bytes as text, decoded the way the file says: never a guess that garbles it.

Exports (schedules, registration lists) come from tools and spreadsheets, so their encoding
varies; our own YAML content is UTF-8 only (``yamlsource.decode_source``). In order:

- a byte-order mark decides (UTF-8, UTF-16 or UTF-32, either byte order); UTF-16 without
  one is recognised by its zero bytes;
- an XML declaration's ``encoding=`` decides (``ISO-8859-1`` is read as ISO-8859-1);
- else UTF-8. A file with no UTF-8 in it at all but bytes that Windows-1252 reads (Excel's
  "CSV" on Windows) is read as Windows-1252, with a warning naming its first such character.
  In a file that is UTF-8 elsewhere, a byte that is not is read on its own as Windows-1252
  and named in a warning (line, column, the character it became): the rest stays as written.
  A byte that no reading makes a character of is an error at its line and column.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))
_XML_DECL = re.compile(rb"^<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
# one UTF-8 character of more than one byte (RFC 3629: no overlong forms, no surrogates)
_MULTIBYTE = (rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
              rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
              rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_HAS_MULTIBYTE = re.compile(_MULTIBYTE)
_UTF8_OR_STRAY = re.compile(rb"(?:[\x00-\x7f]|" + _MULTIBYTE + rb")+|(.)", re.S)
SAVE_AS_UTF8 = "save the file as UTF-8 (Excel: Save As, CSV UTF-8)"
SHOWN_WARNINGS = 5  # bad bytes named one by one; more are counted


class DecodeProblem(Exception):
    """A byte no reading makes a character of, or an encoding eventprint cannot read."""

    def __init__(self, line: int, what: str, fix: str):
        self.line, self.what, self.fix = line, what, fix
        super().__init__(f"{line}: {what} \u2014 {fix}")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # as the user would name it: "UTF-8", "UTF-16", "ISO-8859-1", "Windows-1252"
    warnings: tuple[tuple[int, str, str], ...]  # (line, what, how to fix)


def _where(data: bytes, index: int) -> tuple[int, int]:
    """1-based line and column (in characters, the line read leniently) of ``data[index]``."""
    start = data.rfind(b"\n", 0, index) + 1
    return data.count(b"\n", 0, index) + 1, len(data[start:index].decode("utf-8", errors="replace")) + 1


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        if codec.startswith("utf-16") or codec.startswith("utf-32"):
            text = data[:e.start].decode(codec, errors="replace")
            line, col = text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1
        else:
            line, col = _where(data, e.start)
            if e.end - e.start == 1:  # a single-byte encoding: name the byte
                raise DecodeProblem(line, f"byte 0x{data[e.start]:02X} in column {col} is not {name} text",
                                    "correct or retype the character there, or " + SAVE_AS_UTF8) from None
        raise DecodeProblem(line, f"column {col} holds bytes that are not {name} text",
                            "export the file again, or " + SAVE_AS_UTF8) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: in its first characters, every other byte is zero."""
    head = data[:200]
    if len(head) < 4 or len(head) % 2:
        head = head[:len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= len(odd) * 0.9 and not even.count(0):
        return "utf-16-le"
    if even.count(0) >= len(even) * 0.9 and not odd.count(0):
        return "utf-16-be"
    return None


def decode_export(data: bytes) -> Decoded:
    """The text of an export, with warnings about bytes read another way; DecodeProblem when unreadable."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data[len(bom):], codec, name), name, ())
    codec = _utf16_without_bom(data)
    if codec:
        return Decoded(_strict(data, codec, "UTF-16"), "UTF-16", ())
    declared = _XML_DECL.match(data)
    if declared:
        label = declared.group(1).decode("ascii")
        try:
            info = codecs.lookup(label)
        except LookupError:
            raise DecodeProblem(1, f"the XML declaration names the encoding '{label}', which eventprint "
                                   "cannot read", "export the file again as UTF-8") from None
        if info.name != "utf-8":
            return Decoded(_strict(data, info.name, label), label, ())
    try:
        return Decoded(data.decode("utf-8"), "UTF-8", ())
    except UnicodeDecodeError:
        pass
    if _HAS_MULTIBYTE.search(data) is None:
        return _windows_1252(data)
    return _utf8_with_strays(data)


def _windows_1252(data: bytes) -> Decoded:
    text = _strict(data, "cp1252", "UTF-8 or Windows-1252")
    first = next(n for n, b in enumerate(data) if b >= 0x80)
    line, col = _where(data, first)
    what = (f"the file holds no UTF-8 text, so it is read as Windows-1252 (line {line}, column {col} "
            f"becomes '{text[first]}')")
    return Decoded(text, "Windows-1252", ((line, what, "check that accented names are right, and " + SAVE_AS_UTF8),))


def _utf8_with_strays(data: bytes) -> Decoded:
    """UTF-8 text with a few bytes that are not: each read on its own as Windows-1252, and named.
    One pass over the bytes (a regular expression), however many there are."""
    parts, warnings, strays = [], [], 0
    for m in _UTF8_OR_STRAY.finditer(data):
        if m.lastindex is None:
            parts.append(m.group().decode("utf-8"))
            continue
        bad = m.start()
        try:
            ch = m.group(1).decode("cp1252")
        except UnicodeDecodeError:
            line, col = _where(data, bad)
            raise DecodeProblem(line, f"byte 0x{data[bad]:02X} in column {col} is not UTF-8 text",
                                "correct or retype the character there, or " + SAVE_AS_UTF8) from None
        parts.append(ch)
        strays += 1
        if strays <= SHOWN_WARNINGS:
            line, col = _where(data, bad)
            warnings.append((line, f"byte 0x{data[bad]:02X} in column {col} is not UTF-8; it is read "
                                   f"as '{ch}' (Windows-1252), the rest of the file as UTF-8",
                             "check the character there, and " + SAVE_AS_UTF8))
    if strays > SHOWN_WARNINGS:
        warnings.append((0, f"{strays - SHOWN_WARNINGS} more bytes are not UTF-8 and were read as "
                            "Windows-1252", SAVE_AS_UTF8))
    return Decoded("".join(parts), "UTF-8", tuple(warnings))
