"""ReportLab's writing of PDF objects, the same bytes in less time.

A file's objects (page dictionaries, font widths, link annotations, outlines) are written by
ReportLab one value at a time through ``pdfdoc.format``, each string through its pdfdoc codec
and each dictionary key through ``PDFName``: about a fifth of a large event's build, 126,000
calls for its booklet alone. Here the common cases go first (a plain ASCII string is its ASCII
bytes, which is what the pdfdoc codec gives for it; a number is ``fp_str``), dictionary keys are
turned into names once per process, and everything else goes ReportLab's own way.
``tests/test_press.py`` writes the same documents both ways and compares the bytes.
"""
from __future__ import annotations

import re
from collections import OrderedDict

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, ttfonts

_ORIGINAL = (pdfdoc.format, pdfdoc.pdfdocEnc, pdfdoc.PDFDictionary.format, pdfdoc.PDFArray.format,
             pdfdoc.PDFObjectReference.format, pdfdoc.PDFName)
_PDFObject = pdfdoc.PDFObject
_SLOW = re.compile("[^\x20-\x7e\n\r\t]")  # where the pdfdoc codec is not plain ASCII (or fails)


def _keep(kept: dict, key, value, most: int = 256):
    """``value``, kept under ``key`` in the cache ``kept``, which is emptied when it holds ``most``:
    the caches below keep what recurs within a build without growing with it."""
    if len(kept) >= most:
        kept.clear()
    kept[key] = value
    return value


def _encoded(x):
    """``pdfdoc.pdfdocEnc``: a str in the pdfdoc encoding, anything else as it is."""
    if type(x) is str:
        return x.encode("extpdfdoc") if _SLOW.search(x) else x.encode("ascii")
    return x


def _format(element, document, toplevel=0):
    """``pdfdoc.format``: one value of a PDF object as bytes."""
    kind = type(element)
    if kind is str:
        return _encoded(element)
    if kind is bytes:
        return element
    if kind is int or kind is float:
        return fp_str(element).encode("ascii")
    if isinstance(element, _PDFObject):
        if not toplevel and hasattr(element, "__RefOnly__"):
            return document.Reference(element).format(document)
        f = element.format(document)
        if not rl_config.invariant and rl_config.pdfComments and hasattr(element, "__Comment__"):
            f = _encoded("%% %s\n" % element.__Comment__) + f
        return f
    if isinstance(element, bytes):
        return element
    if isinstance(element, str):
        return _encoded(element)
    return _encoded(str(element))


_names: dict[str, bytes] = {}


def _name(key: str) -> bytes:
    found = _names.get(key)
    if found is None:
        found = _names[key] = _encoded(pdfdoc.PDFName(key))
    return found


def _dictionary(self, document, IND=b"\n "):
    """``PDFDictionary.format``, its keys' names made once per process."""
    d = self.dict
    keys = list(d.keys())
    if not isinstance(d, OrderedDict):
        keys.sort()
    lines = [_name(k) + b" " + _format(d[k], document) for k in keys]
    if (self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced":
        body = IND.join(lines)
    else:
        for i in reversed(range(6, len(lines), 6)):  # break up every 6 entries, as ReportLab does
            lines.insert(i, b"\n ")
        body = b" ".join(lines)
    return b"<<\n" + body + b"\n>>"


def _array(self, document, IND=b"\n "):
    """``PDFArray.format``: an array of numbers only (boxes, rectangles, a font's widths; some
    26,000 of a large event's arrays) formatted by fp_str in one call, ten to a line as ReportLab
    breaks them; any other array ReportLab's way."""
    seq = self.sequence
    if seq and not ((self.multiline and rl_config.pdfMultiLine) or self.multiline == "forced"):
        for e in seq:
            kind = type(e)
            if kind is not int and kind is not float:
                break
        else:
            # the same boxes and widths recur in every file: each formatted once (equal numbers
            # format alike, 1 as 1.0, -0.0 as 0.0)
            key = tuple(seq)
            found = _arrays.get(key)
            if found is None:
                if len(seq) <= 10:
                    found = b"[ " + fp_str(seq).encode("ascii") + b" ]"
                else:
                    found = b"[ " + " \n  ".join([fp_str(seq[i:i + 10])
                                                  for i in range(0, len(seq), 10)]).encode("ascii") + b" ]"
                found = _keep(_arrays, key, found, 4096)
            return found
    return _ARRAY_FORMAT(self, document, IND)


_arrays: dict[tuple, bytes] = {}


_ARRAY_FORMAT = pdfdoc.PDFArray.format
_REFERENCE_FORMAT = pdfdoc.PDFObjectReference.format


def _reference(self, document):
    """``PDFObjectReference.format``: "n v R", object and version numbers being digits only."""
    try:
        return ("%s %s R" % document.idToObjectNumberAndVersion[self.name]).encode("ascii")
    except Exception:  # ReportLab's own error
        return _REFERENCE_FORMAT(self, document)


_PDF_NAME = pdfdoc.PDFName
_pdf_names: dict[str, str] = {}


def _pdf_name(data, lo=chr(0x21), hi=chr(0x7e)):
    """``pdfdoc.PDFName``, kept: the same few dozen names (Type, Page, Font, ...) are made some
    20,000 times a large build."""
    if type(data) is not str or lo != "\x21" or hi != "\x7e":
        return _PDF_NAME(data, lo, hi)
    found = _pdf_names.get(data)
    return found if found is not None else _keep(_pdf_names, data, _PDF_NAME(data), 4096)


# Files that share pages and fonts: each door sign's own file is its pages of all-signs.pdf with
# the same font subsets (replay.py). Such a stream is compressed, and such a subset cut from its
# font, once; the last few are kept (by content, so only what is equal is shared).
_COMPRESS = pdfdoc.PDFStreamFilterZCompress.encode
_MAKE_SUBSET = ttfonts.TTFontFile.makeSubset
_compressed: dict[bytes, bytes] = {}
_subsets: dict[tuple, bytes] = {}


def _compress(self, text):
    """``PDFStreamFilterZCompress.encode``: zlib's bytes, for a stream met before without zlib."""
    data = text.encode("utf8") if isinstance(text, str) else text
    found = _compressed.get(data)
    return found if found is not None else _keep(_compressed, data, _COMPRESS(self, data))


def _make_subset(self, subset):
    """``TTFontFile.makeSubset``: the same subset of the same face is cut once."""
    key = (self, tuple(subset))
    found = _subsets.get(key)
    return found if found is not None else _keep(_subsets, key, _MAKE_SUBSET(self, subset))


_ORIGINAL = (*_ORIGINAL, _COMPRESS, _MAKE_SUBSET)


def install() -> None:
    """Use the faster writing from now on (in this process); safe to call again."""
    (pdfdoc.format, pdfdoc.pdfdocEnc, pdfdoc.PDFDictionary.format, pdfdoc.PDFArray.format,
     pdfdoc.PDFObjectReference.format, pdfdoc.PDFName, pdfdoc.PDFStreamFilterZCompress.encode,
     ttfonts.TTFontFile.makeSubset) = (
        _format, _encoded, _dictionary, _array, _reference, _pdf_name, _compress, _make_subset)


def uninstall() -> None:
    """ReportLab's own writing again (for the test that compares the two)."""
    (pdfdoc.format, pdfdoc.pdfdocEnc, pdfdoc.PDFDictionary.format, pdfdoc.PDFArray.format,
     pdfdoc.PDFObjectReference.format, pdfdoc.PDFName, pdfdoc.PDFStreamFilterZCompress.encode,
     ttfonts.TTFontFile.makeSubset) = _ORIGINAL
