"""eventprint import: shared pipeline (writer, detector, CLI) and frab JSON / pretalx JSON.

Each importer test reads a small fixture of our own (tests/fixtures/import/) that
holds its format's quirks, and asserts the four documents it makes.
"""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml as pyyaml

from eventprint.importers.api import import_file, render, write_content
from eventprint.importers.draft import ImportFailure
from eventprint.importers.yamlwrite import dump
from eventprint.content.fields import Reader
from eventprint.load import load_content
from eventprint.problems import ContentError
from eventprint.yamlsource import read_yaml

FIX = Path(__file__).resolve().parent / "fixtures" / "import"


def items(docs) -> dict[str, dict]:
    return {it["id"]: dict(it, date=d["date"]) for d in docs.programme["days"] for it in d["items"]}


def people(docs) -> dict[str, dict]:
    return {p["id"]: p for p in docs.people["people"]}


def load_imported(docs, tmp: Path):
    """Write the four documents as a content folder and load them with our loader: any error fails
    the test; conflicts (overlaps, double bookings) are warnings, as in real exports."""
    tmp.mkdir(parents=True, exist_ok=True)
    for name, doc in (("event.yaml", docs.event), ("venues.yaml", docs.venues),
                      ("people.yaml", docs.people), ("programme.yaml", docs.programme)):
        (tmp / name).write_text(dump(doc), encoding="utf-8")
    try:
        return load_content(tmp).event
    except ContentError as e:
        raise AssertionError("\n".join(map(str, e.problems))) from None


# --------------------------------------------------------------------------- writer
@pytest.mark.parametrize("text", ["no", "10:30", "1.10", "#x", "- item", "null", "yes", "true", "~",
                                  "a: b", "'q'", '"dq"', "tab\there", "x\u2028y", "€ & <b>",
                                  "123", "0123", "2024-09-16", "line one\n\nline two", "ends with space ",
                                  "x" * 150 + " \u2022 y", "\u2022 first\n\n\u2022 second"])
def test_writer_round_trips_text_through_our_yaml_reader(text):
    out = dump({"title": text, "id": "x"})
    loc = read_yaml(out, "t.yaml", problems := [])
    assert not problems
    if "\n" in text:  # paragraphs: what our loader makes of the block is the text again
        assert Reader([]).text(loc.value.get("title"), "t", paragraphs=True) == text
    else:
        assert str(loc.value.get("title").value) == text
        assert pyyaml.safe_load(out)["title"] == text


def test_control_characters_from_an_export_are_dropped():
    from eventprint.importers.text import as_text, clean_line
    assert as_text("a\x07b\x00c\x9fd") == "abcd"
    assert clean_line({"en": "Ti\x1btle"}) == "Title"


def test_writer_folds_paragraphs_and_reads_them_back():
    text = "word " * 60 + "end\n\n\u2022 a bullet\n\n\u2022 another"
    out = dump({"abstract": text.replace("  ", " ")})
    assert ">-" in out
    assert all(len(line) <= 100 for line in out.splitlines())
    assert pyyaml.safe_load(out)["abstract"].split("\n") == [p for p in text.split("\n\n")]


# --------------------------------------------------------------------------- detector
@pytest.mark.parametrize("name,fmt", [("frab.json", "frab-json"), ("frab.xml", "frab-xml"),
                                      ("sessionize.json", "sessionize"), ("indico.json", "indico"), ("indico-timetable.json", "indico"),
                                      ("programme.csv", "csv"), ("pretalx-widget.json", "pretalx-widget")])
def test_detects_format_from_content(name, fmt, tmp_path):
    if not (FIX / name).exists():
        pytest.skip(f"no fixture {name} yet")
    renamed = tmp_path / "export.dat"  # the name must not matter
    renamed.write_bytes((FIX / name).read_bytes())
    found, _ = import_file(renamed, timezone="Europe/Berlin")
    assert found == fmt


def test_unknown_file_names_what_was_expected(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("just some notes\nnothing else\n")
    with pytest.raises(ImportFailure) as e:
        import_file(f)
    msg = str(e.value)
    assert msg.startswith("notes.txt: ") and "schedule.xml" in msg and "Sessionize" in msg and "CSV" in msg


def test_cli_import_writes_content_and_reimport_changes_nothing(tmp_path, capsys):
    from eventprint.cli import main
    assert main(["import", str(FIX / "frab.json"), "--to", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "2 days, 2 rooms, 6 items, 5 talks, 3 people" in out
    files = sorted(p.name for p in (tmp_path / "imported").iterdir())
    assert files == ["event.yaml", "people.yaml", "programme.yaml", "venues.yaml"]
    head = (tmp_path / "imported" / "programme.yaml").read_text().splitlines()[0]
    assert "eventprint import" in head and "frab.json" in head
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.yaml")}
    (tmp_path / "overrides.yaml").write_text("items: {}\n# mine\n")
    assert main(["import", str(FIX / "frab.json"), "--to", str(tmp_path)]) == 0
    assert "nothing changed" in capsys.readouterr().out
    assert (tmp_path / "overrides.yaml").read_text() == "items: {}\n# mine\n"
    for p, data in before.items():
        if p.name != "overrides.yaml":
            assert p.read_bytes() == data


def test_cli_unknown_format_is_a_clear_error_not_a_traceback(tmp_path, capsys):
    from eventprint.cli import main
    f = tmp_path / "x.json"
    f.write_text('{"hello": 1}')
    assert main(["import", str(f), "--to", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert "x.json: not an export eventprint knows" in err and "Traceback" not in err
    assert not (tmp_path / "c").exists()


# --------------------------------------------------------------------------- frab JSON
def test_frab_json_model(tmp_path):
    fmt, docs = import_file(FIX / "frab.json")
    assert fmt == "frab-json"
    ev = docs.event
    assert ev["timezone"] == "Europe/Berlin" and ev["schedule_url"] == "https://fahrplan.example.org/tc24/"
    assert "base_url" not in ev  # the export's address is never taken as our site's
    assert ev["updated"] == "2024-06-01 12:30" and ev["day_change"] == "04:00"  # between 04:00 ends and 09:00 starts
    its = items(docs)
    assert set(its) == {"501", "502", "503", "504", "505", "506"}  # ids from frab's stable event id
    assert (its["501"]["date"], its["501"]["start"], its["501"]["end"]) == ("2024-06-07", "10:00", "10:30")
    assert its["502"]["end"] == "11:45"  # "1:15" duration
    assert its["502"]["url"] == "https://fahrplan.example.org/tc24/events/502.html"  # relative: from base_url
    assert "url" not in its["501"]  # no page named, none made up
    # past midnight: on the day that started at 09:00, with the clock time of the night
    assert (its["503"]["date"], its["503"]["start"], its["503"]["end"]) == ("2024-06-07", "01:30", "02:30")
    assert (its["504"]["start"], its["504"]["end"]) == ("23:30", "00:30")
    assert its["504"]["kind"] == "lightning_talk" and its["505"]["kind"] == "meal"
    assert its["506"]["kind"] == "workshop" and its["506"]["speakers"] == []
    assert its["502"]["title"] == "Tags & <things>"  # multilingual name, printed literally
    assert its["502"]["language"] == "de" and its["502"]["track"] == "Hardware"
    assert its["502"]["abstract"] == ("A subtitle\n\nFirst & a link (https://example.org/x).\n\n"
                                      "\u2022 one\n\n\u2022 two\n\nLine one\n\nLine two\n\n\u2022 bullet bold")
    ppl = people(docs)
    # by frab id: "mo" and "Mo" are two people; the second told apart by its frab id, not its rank
    assert set(ppl) == {"chloe-berthelemy", "mo", "mo-9"}
    # the name as written: the export has no affiliation field, so the brackets are part of it
    assert ppl["chloe-berthelemy"] == {"id": "chloe-berthelemy", "name": "Chloé Berthélémy (EDRi)",
                                       "family_name": "Berthélémy", "bio": "Bio of Chloé."}
    assert its["502"]["speakers"] == ["chloe-berthelemy", "mo"]
    text = "".join(render(docs, "frab.json").values())
    for secret in ("chloe@example.com", "mo@example.com", "1234567", "secret review"):
        assert secret not in text
    assert "\r" not in text
    event = load_imported(docs, tmp_path)
    assert event is not None and len(event.talks) == 5


def test_frab_json_moved_talk_changes_only_that_item(tmp_path):
    src = (FIX / "frab.json").read_text()
    _, docs = import_file(FIX / "frab.json")
    write_content(docs, "frab.json", tmp_path)
    before = {p.name: p.read_text() for p in (tmp_path / "imported").iterdir()}
    changed = tmp_path / "frab.json"
    changed.write_text(src.replace('"2024-06-08T13:00:00+02:00", "start": "13:00"',
                                   '"2024-06-08T14:00:00+02:00", "start": "14:00"'))
    _, docs2 = import_file(changed)
    written = write_content(docs2, "frab.json", tmp_path)
    assert [p.name for p in written] == ["programme.yaml"]
    after = (tmp_path / "imported" / "programme.yaml").read_text()
    diff = [(a, b) for a, b in zip(before["programme.yaml"].splitlines(), after.splitlines()) if a != b]
    assert diff == [('        start: "13:00"', '        start: "14:00"'), ('        end: "13:45"', '        end: "14:45"')]


# --------------------------------------------------------------------------- kinds, durations
@pytest.mark.parametrize("type_,track,title,speakers,kind", [
    (None, None, "Math Protected Social Interaction", True, "talk"),  # a talk about "social"
    (None, None, "Social Event", False, "social"),
    (None, "Pause", "Lunch Break", False, "meal"),
    (None, "Pause", "Coffee Break and Postersession", False, "break"),
    ("Lightning Talk", None, "Five minutes", True, "lightning_talk"),
    ("workshop", None, "Solder", True, "workshop"),
    (None, None, "Keynote: The Future", True, "keynote"),
    (None, None, "Opening Ceremony", True, "talk"),  # a title word never makes speakers hosts
    ("Opening", None, "Opening Ceremony", True, "welcome"),  # the export's type does
    ("lecture", None, "Keynote: The Future", True, "talk"),  # frab's type says talk: the title has no say
    ("lecture", "Keynotes", "The Future", True, "keynote"),  # the track refines a plain talk type
    ("lecture", None, "Coffee break", False, "break"),  # nobody speaks: "lecture" (frab's default) says nothing
    ("Talk", "Social Computing", "Crowds", True, "talk"),  # a track about a topic makes no party of a talk
    ("Birds-of-a-feather (BoF)", None, "Teaching", True, "workshop"),
    (None, None, "Opening Session", False, "other"),  # a welcome needs its hosts
    (None, None, "Registration", False, "registration"),
])
def test_kind_mapping(type_, track, title, speakers, kind):
    from eventprint.importers.kinds import kind_of
    assert kind_of(type_, track, title, speakers) == kind


@pytest.mark.parametrize("text,minutes", [("00:30", 30), ("1:30", 90), ("0:01:00", 60), ("1:02:30", 1590),
                                          ("01:30:00", 90), ("90", 90), (45, 45), ("", None), ("soon", None)])
def test_durations_in_every_form(text, minutes):
    from eventprint.importers.timeutil import duration
    d = duration(text)
    assert (None if d is None else d.total_seconds() / 60) == minutes


# --------------------------------------------------------------------------- robustness
def _paths(o, pre=()):
    if isinstance(o, dict):
        for k, v in o.items():
            yield pre + (k,)
            yield from _paths(v, pre + (k,))
    elif isinstance(o, list):
        for i, v in enumerate(o):
            yield pre + (i,)
            yield from _paths(v, pre + (i,))


@pytest.mark.parametrize("name", ["frab.json", "indico.json", "indico-timetable.json", "sessionize.json",
                                  "pretalx-widget.json", "pretalx-api.json"])
def test_malformed_fields_never_raise_anything_but_an_import_failure(name, tmp_path):
    """Every field of the fixture in turn replaced by a value of the wrong type: the import
    either works (skipping what it cannot read, with a warning) or says what is wrong."""
    import json
    import random
    data = json.loads((FIX / name).read_text())
    rng = random.Random(name)
    f = tmp_path / name
    for path in list(_paths(data)):
        bad = copy.deepcopy(data)
        holder = bad
        for k in path[:-1]:
            holder = holder[k]
        holder[path[-1]] = rng.choice([None, "", 0, [], {}, "x", 1.5, True, {"en": None}, 1e300, "9" * 40, [1],
                                       {"a": 1}])
        f.write_text(json.dumps(bad))
        try:
            import_file(f, timezone="Europe/Berlin")
        except ImportFailure:
            pass


# --------------------------------------------------------------------------- text
@pytest.mark.parametrize("source,plain", [
    ('<p>Mail <a href="mailto:jane@example.org">Jane</a> or see <a href="https://x.org/">the site</a>.</p>',
     "Mail Jane or see the site (https://x.org/)."),
    ("Mail [Jane](mailto:jane@example.org), see [site](https://x.org).", "Mail Jane, see site (https://x.org)."),
    ("<p>A &amp; B&nbsp;C</p><p></p><br><ul><li>x</li></ul>", "A & B C\n\n\u2022 x"),
    ('<a href=\u201dhttps://broken.org/>Label</a> rest', "Label rest"),
    ("# Heading\r\n\r\n* one\r\n+ two\r\n---\r\nend", "Heading\n\n\u2022 one\n\n\u2022 two\n\nend"),
    ("  \r\n ", None),
])
def test_text_conversion(source, plain):
    from eventprint.importers.text import to_plain
    assert to_plain(source) == plain


@pytest.mark.parametrize("start,end,dc", [
    ("2019-08-21T09:00:00+02:00", "2019-08-22T04:00:00+02:00", "04:00"),  # frab camp
    ("2025-03-17T04:00:00-04:00", "2025-03-18T03:59:00-04:00", "04:00"),  # pretalx
    ("2024-06-07T10:00:00+02:00", "2024-06-08T06:00:00+02:00", "06:00"),  # long nights
    ("2024-06-07T03:00:00+02:00", "2024-06-08T02:00:00+02:00", "03:00"),  # early mornings
    ("2024-06-07T09:00:00+02:00", "2024-06-07T18:00:00+02:00", None),  # days end the same day
])
def test_frab_day_change(start, end, dc):
    from eventprint.importers.frab_common import day_change
    assert day_change([{"day_start": start, "day_end": end}]) == dc


@pytest.mark.parametrize("version,stamp", [("2019-05-31_14-05", "2019-05-31 14:05"), ("2024-06-01 12:30", "2024-06-01 12:30"),
                                           ("2024-06-01", "2024-06-01 00:00"), ("Gacrux", None), ("0.33", None)])
def test_frab_version_as_stamp(version, stamp):
    from eventprint.importers.timeutil import version_stamp
    got = version_stamp(version)
    assert (got and f"{got:%Y-%m-%d %H:%M}") == stamp or (got is None and stamp is None)
