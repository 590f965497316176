"""Which face draws what (issue 26). Right-to-left order: tests/test_bidi.py, against python-bidi."""
from __future__ import annotations

import pytest

from eventprint import fontcuts, fonts


@pytest.mark.parametrize("text", ["カンファレンス \u2192 ホール", "\ud55c\uad6d\uc5b4 \u2192 \ud640", "会場 \u2192 ホール"])
def test_arrows_in_kana_or_hangul_text_come_from_the_symbol_face(text):
    hint = fonts.cjk_hint(text)
    assert hint in ("JP", "KR")
    drawn = dict(zip(text, fontcuts.faces(text, "regular", hint)))
    assert drawn["\u2192"].startswith("EP-FB-Sym"), drawn["\u2192"]
    assert drawn[text[0]].startswith(f"EP-FB-{hint}")  # and the kana, hangul or Han from the hinted face
