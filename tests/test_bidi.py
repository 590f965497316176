"""Bidi: our UAX #9 orders as python-bidi does; direction controls are taken out of content; a long
Arabic word is cut between its letters' clusters to fit; without the CJK extra, one located error."""
from __future__ import annotations

import shutil
import unicodedata

import pytest
from bidi import get_display
from conftest import EVENT_DIRS

from eventprint import fonts
from eventprint.layouts.kit import bidi, fitting, text, textruns, theme

LINES = ["التعلم العميق (Deep Learning) ⌚", "Hello עולם 123 world", "שלום עולם: ∑ over ∀ x ≤ y ⧓",
         "abc 12% def", "محمد 123 و 456", "(שלום) abc", "a (שלום) b", "א (b) ג", "x = 1+2 שלום",
         "٣٤٥ عربي 2024-05-01", "Price: $10.50 מחיר", "[أ] – {b} «ج»"]


@pytest.mark.parametrize("line", LINES)
def test_visual_order_is_python_bidis(line):
    base = bidi.base_level(line)
    ours = "".join(line[a:b] if level % 2 == 0 else line[a:b][::-1] for a, b, level in bidi.visual_runs(line, base))
    assert ours == get_display(line, base_dir="R" if base else "L")


def test_a_paragraph_keeps_its_base_direction_on_every_line():
    assert textruns.base_of("(Deep Learning) ⌚") == 0
    assert textruns.base_of("2024", "ar") == 1  # no strong letter: the language decides
    fitted = fitting.fit("التعلم العميق للروبوتات (Deep Learning) ⌚", theme.FONT_BOLD, 120, 12, 12, max_lines=4)
    assert fitted.base == 1 and len(fitted.lines) > 1


def test_a_long_arabic_word_is_cut_between_clusters_to_fit():
    word = "الذَّكَاءُالاِصْطِنَاعِيُّلِلرُّوبُوتَاتِوَالمُسْتَشْفَيَاتِ"
    lines = text.wrap(word, theme.FONT_BOLD, 14, 80)
    assert len(lines) > 1 and "".join(lines) == word  # no hyphen: Arabic has none
    for line in lines:
        assert text.width(line, theme.FONT_BOLD, 14) <= 80
        assert unicodedata.category(line[0])[0] != "M"  # never a mark cut from its letter


def test_direction_controls_are_taken_out_with_a_located_warning(tmp_path):
    from eventprint.build import load_with_warnings
    content = tmp_path / "content"
    shutil.copytree(EVENT_DIRS["scripts"], content)
    people = content / "people.yaml"
    people.write_text(people.read_text(encoding="utf-8").replace('name: "Анна Иванова"', 'name: "Анна \u202eИванова"'),
                      encoding="utf-8")
    event, warnings = load_with_warnings(content)
    assert any(p.name == "Анна Иванова" for p in event.people)
    found = [w for w in warnings if "U+202E RIGHT-TO-LEFT OVERRIDE" in w.what]
    assert len(found) == 1 and found[0].file.endswith("people.yaml") and found[0].line > 0


def test_without_the_cjk_extra_chinese_is_one_located_error(monkeypatch):
    from eventprint.build import load
    from eventprint.problems import ContentError
    monkeypatch.setattr(fonts, "cjk_installed", lambda: False)
    for cached in (fonts._order, fonts.fallback_for):
        cached.cache_clear()
    try:
        with pytest.raises(ContentError) as raised:
            load(EVENT_DIRS["scripts"])
        problems = raised.value.problems
    finally:
        monkeypatch.undo()
        for cached in (fonts._order, fonts.fallback_for):
            cached.cache_clear()
    cjk = [p for p in problems if "eventprint[cjk]" in p.fix]
    assert len(cjk) == 1 and cjk[0].line > 0 and "more texts" in cjk[0].what, problems
    assert len(problems) == 1  # nothing else: every other script's face is bundled
