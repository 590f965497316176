"""Hyphenation patterns indexed lazily (layouts/hyphenation.py) hyphenate exactly as pyphen's own
reading of the same .dic file: every pattern (French, and a hand-made file with what is tricky),
and the long words of a real text (English, French)."""
from __future__ import annotations

import re

import pyphen
import pytest
from conftest import CONTENT

from eventprint.layouts.kit import hyphenation

# a .dic file with what pyphen's reading decides: comments and settings skipped, a pattern of
# zeros dropped, a pattern written twice (the last that is not all zero kept), digits anywhere
TRICKY = """UTF-8
LEFTHYPHENMIN 2
% a comment
# another
.ab1c
ab1c
ab0c
1ba
x0y0z
x1y
x0y
2d1e2f
d0e0f
.g3h.
"""


def _same(lazy: pyphen.HyphDict, read: pyphen.HyphDict, words: list[str], every_pattern: bool = True) -> None:
    if every_pattern:
        assert {k: lazy.patterns.get(k) for k in dict(lazy.patterns)} == {
            k: read.patterns.get(k) for k in dict(lazy.patterns)}
        assert all(k in lazy.patterns for k in read.patterns)
    assert [lazy.positions(w) for w in words] == [read.positions(w) for w in words]


def test_a_tricky_dic_file_reads_as_pyphen_reads_it(tmp_path):
    path = tmp_path / "hyph_xx.dic"
    path.write_text(TRICKY, encoding="utf-8")
    lazy, read = hyphenation.indexed(path), pyphen.HyphDict(path)
    assert lazy is not None
    _same(lazy, read, ["abc", "cba", "xyz", "xyxy", "def", "gh", "abcdefgh", "babab"])
    assert lazy.patterns.get("abc") == read.patterns.get("abc") == (2, (1,))  # the later 0 did not win
    assert lazy.patterns.get("xy") == read.patterns.get("xy")  # nor here: x1y, then x0y


def test_what_only_pyphen_reads_is_left_to_it(tmp_path):
    path = tmp_path / "hyph_xx.dic"
    path.write_text("UTF-8\n^^e9t1e\nff1f/f=f,1,2\n", encoding="utf-8")
    assert hyphenation.indexed(path) is None


@pytest.mark.parametrize("language", ["fr", "en_GB"])  # German: its 66,000 patterns take pyphen 1 s
def test_a_language_hyphenates_as_pyphen_does(language):
    """Every word of eight letters or more in the symposium's text; and for French every pattern (English's
    14,000 patterns, each parsed twice, would take half a second)."""
    path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
    lazy, read = hyphenation.indexed(path), pyphen.HyphDict(path)
    text = " ".join(p.read_text() for p in sorted(CONTENT.glob("*.yaml")))
    words = sorted({w.lower() for w in re.findall(r"[^\W\d_]{8,}", text)})  # the booklet breaks 10 and up
    words += ["internationalisation", "anticonstitutionnellement", "hyphenation"]
    assert len(words) > 300
    _same(lazy, read, words, every_pattern=language == "fr")
    assert lazy.maxlen >= read.maxlen


def test_the_booklet_uses_the_lazy_patterns(monkeypatch):
    monkeypatch.setattr(pyphen, "hdcache", {})
    dic = hyphenation.dictionary("en_GB", 3, 3)
    assert type(dic.hd.patterns).__name__ == "_Patterns"
    assert dic.inserted("internationalisation") == pyphen.Pyphen(lang="en_GB", left=3, right=3, cache=False).inserted(
        "internationalisation")
