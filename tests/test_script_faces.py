"""Which face draws what, and right-to-left order through python-bidi's public API (issue 26)."""
from __future__ import annotations

import pytest

from eventprint import fonts
from eventprint.layouts.kit import textruns


@pytest.mark.parametrize("text", ["カンファレンス \u2192 ホール", "\ud55c\uad6d\uc5b4 \u2192 \ud640", "会場 \u2192 ホール"])
def test_arrows_in_kana_or_hangul_text_come_from_the_symbol_face(text):
    hint = fonts.cjk_hint(text)
    assert hint in ("JP", "KR")
    drawn = dict(zip(text, fonts.faces(text, "regular", hint)))
    assert drawn["\u2192"].startswith("EP-FB-Sym"), drawn["\u2192"]
    assert drawn[text[0]].startswith(f"EP-FB-{hint}")  # and the kana, hangul or Han from the hinted face


def test_bidi_order_comes_from_the_public_api_not_a_debug_report(monkeypatch):
    import bidi
    import bidi.wrapper

    def no_debug(text, *args, debug=False, **kwargs):
        raise AssertionError("textruns must not ask python-bidi for its debug report")
    monkeypatch.setattr(bidi, "get_display", no_debug)
    monkeypatch.setattr(bidi.wrapper, "get_display", no_debug)
    textruns._runs.cache_clear()
    try:
        text = "\u05e9\u05dc\u05d5\u05dd (2024) \u05e2\u05d5\u05dc\u05dd"  # שלום (2024) עולם
        assert "".join(r.text for r in textruns.runs(text)) == "\u05dd\u05dc\u05d5\u05e2 (2024) \u05dd\u05d5\u05dc\u05e9"
    finally:
        textruns._runs.cache_clear()
