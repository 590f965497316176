"""Exports and registration lists are decoded as the file says (issue 26): a byte-order mark or
an XML declaration decides, else UTF-8; a stray byte is named at its line and column and the rest
of the file stays as written; never the whole file silently read as Windows-1252."""
from __future__ import annotations

import pytest

from eventprint.decode import DecodeProblem, decode_export
from eventprint.importers.api import import_file
from eventprint.importers.draft import ImportFailure
from eventprint.content import load_content
from eventprint.problems import ContentError
from test_attendees import event_with
from test_import import FIX, items, people

CSV = ("Raum;Datum;Beginn;Dauer;Titel;Referenten\n"
       "Saal;23.06.2011;10:00;30;Begrüßung;Jürgen Müller\n"
       "Saal;23.06.2011;11:00;30;Ökologie;Zoë Ångström\n")


def _csv_docs(tmp_path, data: bytes):
    f = tmp_path / "programme.csv"
    f.write_bytes(data)
    return import_file(f, timezone="Europe/Berlin")[1]


def test_one_stray_byte_in_utf8_is_named_and_the_rest_stays_as_written(tmp_path):
    data = CSV.encode("utf-8").replace("Zoë".encode(), b"Zo\xeb")
    docs = _csv_docs(tmp_path, data)
    assert {p["name"] for p in people(docs).values()} == {"Jürgen Müller", "Zoë Ångström"}
    assert sorted(it["title"] for it in items(docs).values()) == ["Begrüßung", "Ökologie"]
    [w] = [w for w in docs.warnings if "not UTF-8" in w]
    assert w.startswith("programme.csv:3: byte 0xEB in column 37 is not UTF-8; it is read as 'ë'")


def test_a_file_without_any_utf8_is_read_as_windows_1252_with_a_warning(tmp_path):
    docs = _csv_docs(tmp_path, CSV.encode("cp1252", errors="replace"))
    assert "Jürgen Müller" in {p["name"] for p in people(docs).values()}
    assert any(w.startswith("programme.csv:2: the file holds no UTF-8 text, so it is read as Windows-1252")
               for w in docs.warnings)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_utf16_and_other_unicode_csv_imports_like_utf8(tmp_path, codec):
    docs = _csv_docs(tmp_path, CSV.encode(codec))
    assert {p["name"] for p in people(docs).values()} == {"Jürgen Müller", "Zoë Ångström"}
    assert not any("UTF" in w or "\0" in w for w in docs.warnings)


def test_utf16_xml_imports_like_utf8(tmp_path):
    text = (FIX / "frab.xml").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    f = tmp_path / "schedule.xml"
    f.write_bytes(text.encode("utf-16"))
    docs = import_file(f, timezone="Europe/Berlin")[1]
    assert items(docs)["101"]["title"] == "Begrüßung"


def test_xml_declaring_iso_8859_1_is_read_as_iso_8859_1(tmp_path):
    text = (FIX / "frab.xml").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    f = tmp_path / "schedule.xml"
    f.write_bytes(text.encode("latin-1", errors="xmlcharrefreplace"))
    docs = import_file(f, timezone="Europe/Berlin")[1]
    assert items(docs)["101"]["title"] == "Begrüßung"
    assert people(docs)["soren-auer"]["name"] == "Prof. Dr. Sören Auer"
    assert not any("UTF-8" in w or "1252" in w for w in docs.warnings)


def test_an_unreadable_byte_or_encoding_is_one_line_at_its_place(tmp_path):
    f = tmp_path / "programme.csv"
    f.write_bytes(CSV.encode("utf-8").replace(b"Saal;23.06.2011;11", b"S\x81al;23.06.2011;11"))
    with pytest.raises(ImportFailure, match=r"^programme.csv:3: byte 0x81 in column 2 is not UTF-8 text"):
        import_file(f, timezone="Europe/Berlin")
    f.write_bytes(b'<?xml version="1.0" encoding="x-klingon"?>\n<schedule/>')
    with pytest.raises(ImportFailure, match=r"^programme.csv:1: the XML declaration names the encoding 'x-klingon'"):
        import_file(f, timezone="Europe/Berlin")


def test_stray_bytes_are_decoded_in_one_pass():
    import time
    data = ("é".encode() + b"\xe9 ") * 50_000  # 50,000 stray bytes among UTF-8
    t0 = time.process_time()
    got = decode_export(data)
    assert time.process_time() - t0 < 2.0
    assert got.text == "éé " * 50_000 and len(got.warnings) == 6


def test_a_utf16_byte_pair_that_is_broken_names_its_line():
    with pytest.raises(DecodeProblem) as e:
        decode_export("a\nb\n".encode("utf-16") + b"\x00\xd8")  # a lone high surrogate at the end
    assert e.value.line == 3


# --------------------------------------------------------------------------- registrations.csv
REGS = ("Name,Organisation,Extras\nJürgen Müller,Universität Tübingen,\n"
        "Zoë Ångström,\"Lab\x0bAnnex\",\"Lab tour\x0bDinner\"\n")  # Excel for Mac: U+000B, a break in a cell


def test_a_vertical_tab_in_a_cell_is_a_line_break_not_a_reason_to_garble_the_list(tmp_path):
    content = event_with(tmp_path, "generic.csv")
    (content / "registrations.csv").write_bytes(REGS.encode("utf-8"))
    loaded = load_content(content)
    regs = {r.name: r for r in loaded.event.registrants}
    assert set(regs) == {"Jürgen Müller", "Zoë Ångström"}
    assert regs["Jürgen Müller"].organisation == "Universität Tübingen"
    assert regs["Zoë Ångström"].organisation == "Lab Annex"
    assert [a.id for a in regs["Zoë Ångström"].addons] == ["tour", "dinner"]
    assert not loaded.warnings


def test_registrations_in_utf16_are_read_and_a_stray_byte_is_named(tmp_path):
    content = event_with(tmp_path, "generic.csv")
    (content / "registrations.csv").write_bytes(REGS.encode("utf-16"))
    assert {r.name for r in load_content(content).event.registrants} == {"Jürgen Müller", "Zoë Ångström"}
    (content / "registrations.csv").write_bytes(REGS.encode("utf-8").replace("Zoë".encode(), b"Zo\xeb"))
    loaded = load_content(content)
    assert {r.name for r in loaded.event.registrants} == {"Jürgen Müller", "Zoë Ångström"}
    [w] = loaded.warnings
    assert (w.line, w.what[:32]) == (3, "byte 0xEB in column 3 is not UTF")


def test_another_control_character_in_registrations_is_dropped_with_its_place(tmp_path):
    content = event_with(tmp_path, "generic.csv")
    (content / "registrations.csv").write_bytes("Name,Organisation\nJürgen Mül\x07ler,Uni\n".encode())
    loaded = load_content(content)
    assert [r.name for r in loaded.event.registrants] == ["Jürgen Müller"]
    [w] = loaded.warnings
    assert w.line == 2 and "column 11" in w.what and "U+0007" in w.what


def test_a_byte_no_encoding_reads_stops_the_registrations_at_its_line(tmp_path):
    content = event_with(tmp_path, "generic.csv")
    (content / "registrations.csv").write_bytes("Name\nJürgen\nB\x81d\n".encode("utf-8").replace(b"\xc2\x81", b"\x81"))
    with pytest.raises(ContentError) as e:
        load_content(content)
    assert [(p.line, p.what) for p in e.value.problems] == [(3, "byte 0x81 in column 2 is not UTF-8 text")]
