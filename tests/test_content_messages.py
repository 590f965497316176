"""Content that crashed or was misreported (issue 26): an empty room name, a language that is a
path or unknown or in a script no font has, a link loop, an over-full cover; and unreviewed
(fuzzy) translations, which print in English and are listed by ``check``."""
from __future__ import annotations

import os

import pytest

from conftest import run_cli
from eventprint import i18n
from eventprint.i18n import catalogue as cat_module
from test_hostile import build, line_of, refused, write_event


def _set(content, file: str, old: str, new: str) -> None:
    path = content / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.content_only
@pytest.mark.parametrize("command", ["check", "signs"])
def test_an_empty_room_name_is_one_line_at_its_place(tmp_path, command):
    content = write_event(tmp_path / "c")
    _set(content, "venues.yaml", "name: Hall", 'name: ""')
    err = refused(content, command=command)
    assert err.splitlines()[0].endswith("venues.yaml:7: the room name is empty \u2014 write the name shown on "
                                        "the door, e.g. name: Hall A")


# --------------------------------------------------------------------------- the language
@pytest.mark.content_only
@pytest.mark.parametrize("tag", ["../../../../etc/passwd", "de/../../x", "e n", "english!"])
def test_a_language_that_is_not_a_tag_is_refused_at_its_line(tmp_path, tag, monkeypatch):
    opened = []
    real = cat_module.resources.files
    monkeypatch.setattr(cat_module.resources, "files", lambda pkg: opened.append(pkg) or real(pkg))
    content = write_event(tmp_path / "c")
    _set(content, "event.yaml", "hosts:", f'language: "{tag}"\nhosts:')
    refused(content, f"event.yaml:3: '{tag}' is not a language tag \u2014 write one like en, de")
    _set(content, "event.yaml", f'language: "{tag}"', "language: en")
    _set(content, "programme.yaml", "kind: talk", f'kind: talk\n        language: "{tag}"')
    refused(content, f"programme.yaml:{line_of(content / 'programme.yaml', tag)}: '{tag}' is not a language tag")
    assert cat_module.catalogue(tag.replace("-", "_")) is None and not opened  # never a path


@pytest.mark.content_only
@pytest.mark.parametrize("command", ["check", "signs"])
def test_an_unknown_language_is_named_at_its_line_by_check_and_build(tmp_path, command):
    content = write_event(tmp_path / "c")
    _set(content, "event.yaml", "hosts:", "language: xx\nhosts:")
    args = [command, "--content", str(content)] + (["--out", str(tmp_path / "out")] if command != "check" else [])
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    assert ("event.yaml:3: the language 'xx' is not one CLDR knows: dates, times and fixed words print in English"
            in done.stdout + done.stderr)


@pytest.mark.content_only
def test_a_language_whose_dates_no_font_prints_is_refused_at_its_line(tmp_path):
    content = write_event(tmp_path / "c")
    _set(content, "event.yaml", "hosts:", "language: am\nhosts:")
    refused(content, "event.yaml:3: the language 'am' writes dates and times with", "ETHIOPIC",
            "which no font can print")


def test_a_language_babel_cannot_make_an_interval_for_still_builds(tmp_path):
    content = write_event(tmp_path / "c")
    _set(content, "event.yaml", "hosts:", "language: zh-Hant-TW\nhosts:")
    done = build(content, "booklet")
    assert done.returncode == 0, done.stderr


# --------------------------------------------------------------------------- files that are not files
@pytest.mark.content_only
def test_a_link_loop_or_a_link_to_nothing_is_not_a_missing_file(tmp_path):
    content = write_event(tmp_path / "c")
    (content / "people.yaml").unlink()
    os.symlink("people.yaml", content / "people.yaml")
    os.symlink("nowhere.csv", content / "registrations.csv")
    err = refused(content)
    assert "people.yaml: this is a link that leads back to itself (a loop of links)" in err
    assert "registrations.csv: this is a link to nowhere.csv, which does not exist" in err
    assert "missing" not in err


# --------------------------------------------------------------------------- the cover
def test_an_over_full_cover_lists_what_fits_and_says_how_many_more_at_its_line(tmp_path):
    from pdfcheck import page_texts
    content = write_event(tmp_path / "c")
    hosts = ", ".join(f"Institute number {i} of a very long consortium name" for i in range(60))
    _set(content, "event.yaml", "hosts: [Test Institute]", f"hosts: [{hosts}]")
    done = build(content, "booklet")
    assert done.returncode == 0, done.stderr
    shown = [ln for ln in done.stdout.splitlines() if "of the 60 hosts on the booklet's cover" in ln]
    assert len(shown) == 1 and shown[0].startswith(f"{content / 'event.yaml'}:3: the booklet lists only "), done.stdout
    kept = int(shown[0].split("lists only ")[1].split()[0])
    cover = " ".join(page_texts((content.parent / "out" / "booklet.pdf").read_bytes())[0].split())
    assert f"Institute number {kept - 1} of" in cover and f"Institute number {kept} of" not in cover
    assert f"and {60 - kept} more" in cover


# --------------------------------------------------------------------------- unreviewed translations
@pytest.mark.content_only
def test_a_fuzzy_translation_prints_in_english_and_check_lists_it(tmp_path, monkeypatch):
    original = cat_module.catalogue
    unsure = original.__wrapped__("de")  # a fresh copy of de.po
    for msgid in ("Programme at a glance", ("{n} talk", "{n} talks")):
        m = unsure.get(msgid)
        assert m is not None and m.string, msgid
        m.flags.add("fuzzy")
    monkeypatch.setattr(cat_module, "catalogue", lambda name: unsure if name == "de" else original(name))
    cat_module.clear_caches()
    try:
        assert i18n.tr("de", "Programme at a glance") == "Programme at a glance"
        assert i18n.ntr("de", "{n} talk", "{n} talks", 3) == "3 talks"
        assert i18n.missing("de") == ["Programme at a glance", "{n} talk"]
        content = write_event(tmp_path / "c")
        _set(content, "event.yaml", "hosts:", "language: de\nhosts:")
        done = run_cli("check", "--content", str(content))
        assert "2 fixed string(s) have no 'de' translation and print in English: 'Programme at a glance', " \
               "'{n} talk'" in done.stdout
    finally:
        cat_module.clear_caches()
